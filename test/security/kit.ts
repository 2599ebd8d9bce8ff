/**
 * The kit of the security tests: hostile inputs are generated here from a real template (as `qcs
 * template` writes it) by editing the parts of the package, and `qcs score` runs as a child process
 * whose wall time and peak RSS are measured. Nothing hostile is committed as a file.
 */
import { spawnSync, type SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { readExchange, type AssessmentInput } from "../../src/engine";
import { buildTemplate, fillModel, type TemplateModel, type TemplateOptions } from "../../src/workbook/model";
import { modelBuffer } from "../../src/workbook/xlsx/write";
import { ZipArchive } from "../../src/workbook/ooxml/zip";
import { makeZip } from "../ooxml-reader/kit";

export const root = path.join(__dirname, "../..");
export const QCS = path.join(root, "bin/qcs.js");
const TIME = "/usr/bin/time";

/** The budget of issue 9 for one hostile input of at most 5 MB. */
export const MAX_MS = 10_000;
export const MAX_RSS_MB = 300;

/** A C0 or C1 control character (but the report's own line feeds), DEL, or a bidirectional control. */
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** The command line was built (npm run build:cli): the tests run lib/ as a user does. */
export function built(): void {
  if (!fs.existsSync(path.join(root, "lib/cli/main.js"))) throw new Error("run `npm run build:cli` first: the tests run lib/");
}

/** `node bin/qcs.js ARGS` in a child process. */
export function qcs(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): SpawnSyncReturns<string> {
  built();
  return spawnSync(process.execPath, [QCS, ...args], { cwd: opts.cwd ?? root, encoding: "utf8", maxBuffer: 256 << 20, env: opts.env ?? process.env });
}

export interface Measured {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  rssMb: number;
}

/**
 * `qcs ARGS` in a child process with its wall time and peak RSS: /usr/bin/time -f %M when present,
 * else process.resourceUsage().maxRSS reported by the child itself.
 */
export function measure(args: string[], cwd = root): Measured {
  built();
  const t0 = Date.now();
  if (fs.existsSync(TIME)) {
    const r = spawnSync(TIME, ["-f", "RSSKB %M", process.execPath, QCS, ...args], { cwd, encoding: "utf8", maxBuffer: 256 << 20 });
    const ms = Date.now() - t0;
    const m = /RSSKB (\d+)\s*$/.exec(r.stderr);
    if (!m) throw new Error(`no RSS from ${TIME}: ${r.stderr.slice(-500)}`);
    return { status: r.status, stdout: r.stdout, stderr: r.stderr.slice(0, m.index), ms, rssMb: Number(m[1]) / 1024 };
  }
  const script = `require(${JSON.stringify(path.join(root, "lib/cli/main.js"))}).main(${JSON.stringify(args)}).then((c) => { process.stderr.write("RSSKB " + process.resourceUsage().maxRSS + "\\n"); process.exitCode = c; });`;
  const r = spawnSync(process.execPath, ["-e", script], { cwd, encoding: "utf8", maxBuffer: 256 << 20 });
  const ms = Date.now() - t0;
  const m = /RSSKB (\d+)\s*$/.exec(r.stderr);
  if (!m) throw new Error(`no RSS from the child: ${r.stderr.slice(-500)}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.slice(0, m.index), ms, rssMb: Number(m[1]) / 1024 };
}

/** One JSON line of `qcs score --json`. */
export interface Line {
  file: string;
  ok: boolean;
  grade: string | null;
  serviceScore: number | null;
  maturityTotal: number | null;
  organization?: string;
  raters: { rater: number; name?: string; score: number | null }[];
  findings: { severity: string; code: string; message: string; cell?: string; field?: string; item?: string }[];
  assessment: Record<string, unknown> | null;
}
export const lines = (stdout: string): Line[] =>
  stdout
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);

/** An example assessment of examples/ as engine input. */
export function example(name = "02-uniform-0.9-L4"): AssessmentInput {
  const json = JSON.parse(fs.readFileSync(path.join(root, "examples", `${name}.json`), "utf8"));
  return readExchange(json, S).input as AssessmentInput;
}
export const exampleJson = (name = "02-uniform-0.9-L4"): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(root, "examples", `${name}.json`), "utf8"));

export const STAMP = { formId: "00000000-0000-4000-8000-000000000000", issued: "2026-11-26" };

/** A template filled with `input`, written as `qcs template --from` writes it (stamped); and its model. */
export async function filledWorkbook(input: AssessmentInput = example(), opts: Partial<TemplateOptions> = {}): Promise<{ bytes: Uint8Array; model: TemplateModel }> {
  const model = fillModel(buildTemplate(S, { raters: 3, lang: "zh-CN", stamp: { ...STAMP, organization: input.organization }, ...opts }), input, S);
  return { bytes: await modelBuffer(model), model };
}

/** The parts of a package, as text (every part of a template is XML). */
export class Parts {
  readonly map: Map<string, string>;
  constructor(bytes: Uint8Array) {
    const z = ZipArchive.open(bytes);
    this.map = new Map(z.entries.map((e) => [e.name, new TextDecoder().decode(z.read(e.name) as Uint8Array)]));
  }
  get(name: string): string {
    const v = this.map.get(name);
    if (v === undefined) throw new Error(`no part ${name}`);
    return v;
  }
  set(name: string, text: string): this {
    this.map.set(name, text);
    return this;
  }
  /** replaces `from` (string or pattern) in a part; the part must change */
  edit(name: string, from: string | RegExp, to: string | ((...m: string[]) => string)): this {
    const before = this.get(name);
    const after = before.replace(from as RegExp, to as (substring: string, ...args: unknown[]) => string);
    if (after === before) throw new Error(`${name}: nothing matched ${String(from)}`);
    return this.set(name, after);
  }
  /** the worksheet part of a sheet, by its name (workbook.xml → its relationship) */
  sheetPart(sheet: string): string {
    const wb = this.get("xl/workbook.xml");
    const m = new RegExp(`<sheet [^>]*name="${escapeXml(sheet).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*r:id="([^"]+)"`).exec(wb);
    if (!m) throw new Error(`no sheet ${sheet}`);
    const rels = this.get("xl/_rels/workbook.xml.rels");
    const t = new RegExp(`Id="${m[1]}"[^>]*Target="([^"]+)"`).exec(rels) ?? new RegExp(`Target="([^"]+)"[^>]*Id="${m[1]}"`).exec(rels);
    if (!t) throw new Error(`no relationship ${m[1]}`);
    return t[1].startsWith("/") ? t[1].slice(1) : `xl/${t[1]}`;
  }
  /** the whole <c> element of a cell, and its attributes but r and t */
  private cellElement(part: string, ref: string): { whole: string; attrs: string } {
    const m = new RegExp(`<c r="${ref}"((?: [a-z]+="[^"]*")*)\\s*(?:/>|>[\\s\\S]*?</c>)`).exec(this.get(part));
    if (!m) throw new Error(`${part}: no cell ${ref}`);
    return { whole: m[0], attrs: m[1].replace(/ t="[^"]*"/, "") };
  }
  /** the style index of a cell (0 when it has none) */
  styleOf(sheet: string, ref: string): number {
    const { attrs } = this.cellElement(this.sheetPart(sheet), ref);
    return Number(/ s="(\d+)"/.exec(attrs)?.[1] ?? 0);
  }
  /**
   * Rewrites one cell: `inner` is the XML inside <c> (<f>…</f><v>…</v>, <v>…</v>, <is>…</is>), `t` its
   * type; the cell keeps its style unless `s` is given.
   */
  setCell(sheet: string, ref: string, inner: string, opts: { t?: string; s?: number } = {}): this {
    const part = this.sheetPart(sheet);
    const { whole, attrs } = this.cellElement(part, ref);
    let a = attrs;
    if (opts.s !== undefined) a = / s="\d+"/.test(a) ? a.replace(/ s="\d+"/, ` s="${opts.s}"`) : `${a} s="${opts.s}"`;
    const xml = this.get(part);
    return this.set(part, xml.replace(whole, `<c r="${ref}"${a}${opts.t ? ` t="${opts.t}"` : ""}>${inner}</c>`));
  }
  /** the formula of a cell as written (unescaped), or undefined */
  formulaOf(sheet: string, ref: string): string | undefined {
    const { whole } = this.cellElement(this.sheetPart(sheet), ref);
    const f = /<f>([\s\S]*?)<\/f>/.exec(whole)?.[1];
    return f === undefined ? undefined : unescapeXml(f);
  }
  /** keeps a cell's formula and adds a cached value (number, or text with t="str") */
  cache(sheet: string, ref: string, value: number | string): this {
    const f = this.formulaOf(sheet, ref);
    if (f === undefined) throw new Error(`${sheet}!${ref} holds no formula`);
    const inner = `<f>${escapeXml(f)}</f><v>${escapeXml(String(value))}</v>`;
    return this.setCell(sheet, ref, inner, typeof value === "string" ? { t: "str" } : {});
  }
  /**
   * A new cell format: the cell's own format (xf) with the number format `code`; returns its index
   * (styles.xml gets the number format and the xf).
   */
  numberFormat(baseStyle: number, code: string): number {
    let st = this.get("xl/styles.xml");
    const ids = [...st.matchAll(/numFmtId="(\d+)"/g)].map((m) => Number(m[1]));
    const id = Math.max(163, ...ids) + 1;
    const fmt = `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`;
    st = /<numFmts count="\d+">/.test(st)
      ? st.replace(/<numFmts count="(\d+)">/, (_m, n: string) => `<numFmts count="${Number(n) + 1}">${fmt}`)
      : st.replace(/(<styleSheet[^>]*>)/, `$1<numFmts count="1">${fmt}</numFmts>`);
    const xfs = /<cellXfs count="(\d+)">([\s\S]*?)<\/cellXfs>/.exec(st);
    if (!xfs) throw new Error("styles.xml has no cellXfs");
    const list = [...xfs[2].matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
    const base = list[baseStyle] ?? list[0];
    const xf = base.replace(/numFmtId="\d+"/, `numFmtId="${id}"`).replace(/<xf\b/, (x) => (/applyNumberFormat=/.test(base) ? x : `${x} applyNumberFormat="1"`));
    st = st.replace(xfs[0], `<cellXfs count="${list.length + 1}">${xfs[2]}${xf}</cellXfs>`);
    this.set("xl/styles.xml", st);
    return list.length;
  }
  /** the shared strings, in order (plain <t> text) */
  sharedStrings(): string[] {
    return [...this.get("xl/sharedStrings.xml").matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => unescapeXml([...m[1].matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join("")));
  }
  /** one key of the stamp, on the stamp sheet and in the custom document properties */
  setStamp(key: string, value: string): this {
    const sheet = "qcs_stamp";
    const idx = this.sharedStrings().indexOf(key);
    const row = new RegExp(`<c r="A(\\d+)"[^>]*t="s"[^>]*><v>${idx}</v></c>`).exec(this.get(this.sheetPart(sheet)));
    if (idx < 0 || !row) throw new Error(`no stamp key ${key}`);
    this.setCell(sheet, `B${row[1]}`, `<is><t>${escapeXml(value)}</t></is>`, { t: "inlineStr" });
    return this.edit("docProps/custom.xml", new RegExp(`(name="qcs\\.${key}"[^>]*><vt:lpwstr>)[^<]*(<)`), `$1${escapeXml(value)}$2`);
  }
  /** the formula of a workbook name, replaced (or the name removed with null) */
  setName(name: string, formula: string | null): this {
    const re = new RegExp(`<definedName name="${name}">[^<]*</definedName>`);
    return this.edit("xl/workbook.xml", re, formula === null ? "" : `<definedName name="${name}">${escapeXml(formula)}</definedName>`);
  }
  /** puts `xml` among a worksheet's children where the schema wants it: before `before` (the first present), else at the end */
  addSheetChild(sheet: string, xml: string, before: string[] = ["drawing", "legacyDrawing", "legacyDrawingHF", "picture", "oleObjects", "controls", "tableParts", "extLst"]): this {
    const part = this.sheetPart(sheet);
    const text = this.get(part);
    const at = before.map((b) => text.indexOf(`<${b}`)).filter((i) => i >= 0);
    const i = at.length ? Math.min(...at) : text.lastIndexOf("</worksheet>");
    return this.set(part, text.slice(0, i) + xml + text.slice(i));
  }
  /** a relationship from a worksheet to a new part (with its content type); returns its id */
  relate(sheet: string, type: string, target: string, contentType: string, data: string): string {
    const part = this.sheetPart(sheet);
    const rels = part.replace(/([^/]+)$/, "_rels/$1.rels");
    const ns = "http://schemas.openxmlformats.org/package/2006/relationships";
    const old = this.map.get(rels) ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${ns}"></Relationships>`;
    const id = `rIdSec${(old.match(/<Relationship /g) ?? []).length + 1}`;
    const rel = `http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}`;
    this.set(rels, old.replace("</Relationships>", `<Relationship Id="${id}" Type="${rel}" Target="${target}"/></Relationships>`));
    const partName = new URL(target, `http://x/${part}`).pathname;
    this.set(partName.slice(1), data);
    this.edit("[Content_Types].xml", "</Types>", `<Override PartName="${partName}" ContentType="${contentType}"/></Types>`);
    return id;
  }
  bytes(): Uint8Array {
    return new Uint8Array(makeZip([...this.map].map(([name, data]) => ({ name, data }))));
  }
}

export const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
export const unescapeXml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** "'Sheet'!$E$33" → { sheet, ref } */
export function splitName(model: TemplateModel, name: string): { sheet: string; ref: string } {
  const n = model.names.find((x) => x.name === name);
  if (!n) throw new Error(`no name ${name}`);
  return { sheet: n.sheet, ref: n.ref.split(":")[0].replace(/\$/g, "") };
}

/** The cells of a name's area, "F9:H27" → ["F9", "G9", …] row by row. */
export function cellsOf(ref: string): string[] {
  const [a, b = a] = ref.replace(/\$/g, "").split(":");
  const col = (s: string) => [...s.replace(/\d+/, "")].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const row = (s: string) => Number(s.replace(/[A-Z]+/, ""));
  const letters = (n: number) => {
    let s = "";
    for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  };
  const out: string[] = [];
  for (let r = row(a); r <= row(b); r++) for (let c = col(a); c <= col(b); c++) out.push(`${letters(c)}${r}`);
  return out;
}

/** A fresh directory under the system's temporary folder. */
export function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
