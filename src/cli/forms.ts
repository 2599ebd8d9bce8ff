/**
 * `qcs forms --out DIR --organization ORG --rater NAME [--rater NAME …] [--kind person|visit]
 * [--with-maturity] [--lang zh-CN|en-US] [--force]` (issue 10): one single-rater (single-visit) form
 * per name, stamped (organisation, rater, kind, issue date, a random form id), the rater column's name
 * and kind prefilled, written as DIR/ORG-NAME.xlsx with the characters that are unsafe in file names
 * replaced. Nothing is written when two names give the same file name or a file exists (unless
 * --force); each file is written atomically (./atomic.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_SCHEME } from "../scheme";
import type { Lang, Scheme } from "../scheme/types";
import { buildTemplate, fillModel, type TemplateModel, type WorkbookKind } from "../workbook/model";
import { modelBuffer } from "../workbook/xlsx/write";
import { newFormId, today } from "../workbook/form-id";
import { parseArgs } from "./args";
import { isSafeText, safeText } from "./safe-text";
import { OutputExistsError, writeFileAtomic } from "./atomic";

export const FORMS_HELP = `qcs forms — 为每位评价人（或每次走访）生成一份单人评分表 / one form per rater or visit

Usage:
  qcs forms --out DIR --organization ORG --rater NAME [--rater NAME …]
      [--kind person|visit] [--with-maturity] [--lang zh-CN|en-US] [--force]

Writes DIR/ORG-NAME.xlsx for every NAME: Appendix 1 (and, with --with-maturity, Appendix 3 for the
client's self-assessment) for one rater or visit, the column's name and kind filled in, stamped with
the organisation, the name, the kind, today's date and a random form id, so that \`qcs verify\` and
\`qcs merge\` can check and combine what comes back.
  --out DIR           the folder to write to (created if missing)
  --organization ORG  the organisation audited (required)
  --rater NAME        a rater's name or a visit's label; repeat for each form (at least one)
  --kind K            person (default) or visit
  --with-maturity     add Appendix 3 (management maturity) to every form
  --lang L            zh-CN (default) or en-US
  --force             overwrite files that exist (each stays intact until its new one is complete)
Characters a file name cannot hold on Windows or POSIX (\\ / : * ? " < > | and control characters),
leading and trailing dots and spaces, and reserved names (CON, NUL, COM1 …) are replaced; two names
that give the same file name (letter case aside) are refused: make them distinct.
Exit code: 0 written, 2 refused (names that collide, files that exist), 1 usage error or a failed write.`;

/** Characters no file name may hold on Windows or POSIX, and characters that disguise a name (controls, bidi overrides). */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_NAME = /[\\/:*?"<>|\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Device names Windows reserves, whatever the extension (CON.xlsx is CON). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
/** Bytes (UTF-8) kept of each part: the file name, with ".xlsx" and atomic.ts's temporary prefix, stays under 255 bytes. */
const ORG_BYTES = 90;
const NAME_BYTES = 90;

const utf8 = (s: string) => Buffer.byteLength(s, "utf8");

/** The longest prefix of s, whole code points, within `max` UTF-8 bytes. */
function truncateBytes(s: string, max: number): string {
  let out = "";
  let n = 0;
  for (const ch of s) {
    const b = utf8(ch);
    if (n + b > max) break;
    out += ch;
    n += b;
  }
  return out;
}

/** One part of a file name: unsafe characters replaced by "_", Unicode NFC, at most `max` bytes. */
function safePart(s: string, max: number): string {
  return truncateBytes(s.normalize("NFC").replace(UNSAFE_IN_NAME, "_").replace(/\s+/g, " ").trim(), max);
}

/**
 * A file name stem safe on Windows and POSIX from parts joined by "-": unsafe characters replaced, no
 * leading or trailing dot or space, no leading "-" (a command line would take it for an option), never
 * a reserved device name (its part before the first dot is checked, as Windows does), never empty.
 */
export function safeFileStem(...parts: string[]): string {
  let s = parts.map((p, i) => safePart(p, i === 0 && parts.length > 1 ? ORG_BYTES : NAME_BYTES)).join("-");
  s = s.replace(/^[\s.]+|[\s.]+$/gu, "");
  if (!s || s.startsWith("-")) s = `_${s}`;
  if (RESERVED.test(s.split(".")[0].trimEnd())) s = `_${s}`;
  return s;
}

/** The file name of a form: ORG-NAME.xlsx, made safe. */
export function formFileName(organization: string, name: string): string {
  return `${safeFileStem(organization, name)}.xlsx`;
}

/** File names that one file system could take for the same file (case-insensitive file systems, Unicode forms). */
const collisionKey = (file: string) => file.normalize("NFC").toLowerCase();

interface FormsArgs {
  out?: string;
  organization?: string;
  raters: string[];
  kind: "person" | "visit";
  withMaturity: boolean;
  lang: Lang;
  force: boolean;
  help: boolean;
}

/** Longest organisation and rater name accepted (a cell holds 32,767 characters; a form needs far fewer). */
const MAX_ORG_CHARS = 1000;
const MAX_NAME_CHARS = 200;

function parse(argv: string[]): FormsArgs | string {
  const a = parseArgs(argv, { values: ["out", "organization", "kind", "lang"], booleans: ["force", "with-maturity", "help"], lists: ["rater"] });
  if (a.errors.length) return a.errors[0];
  if (a.positionals.length) return `unexpected argument ${a.positionals[0]}`;
  const value = (name: string) => (typeof a.flags[name] === "string" ? (a.flags[name] as string) : undefined);
  const kind = value("kind") ?? "person";
  if (kind !== "person" && kind !== "visit") return `--kind must be person or visit, not ${kind}`;
  const lang = value("lang") ?? "zh-CN";
  if (lang !== "zh-CN" && lang !== "en-US") return `--lang must be zh-CN or en-US, not ${lang}`;
  const p: FormsArgs = {
    out: value("out"),
    organization: value("organization"),
    raters: a.lists.rater ?? [],
    kind,
    withMaturity: a.flags["with-maturity"] === true,
    lang,
    force: a.flags.force === true,
    help: a.flags.help === true,
  };
  if (p.help) return p;
  if (!p.out) return "--out DIR is required";
  if (p.organization === undefined || !p.organization.trim()) return "--organization ORG is required";
  if (!isSafeText(p.organization)) return "--organization must not hold control or direction-override characters";
  if ([...p.organization].length > MAX_ORG_CHARS) return `--organization is longer than ${MAX_ORG_CHARS} characters`;
  if (!p.raters.length) return "give at least one --rater NAME";
  for (const r of p.raters) {
    if (!r.trim()) return "--rater needs a name that is not blank";
    if (!isSafeText(r)) return `--rater ${JSON.stringify(safeText(r))} holds control or direction-override characters`;
    if ([...r].length > MAX_NAME_CHARS) return `--rater names are at most ${MAX_NAME_CHARS} characters`;
  }
  return p;
}

export interface FormSpec {
  organization: string;
  rater: string;
  kind: "person" | "visit";
  withMaturity: boolean;
  lang: Lang;
  /** a random one by default */
  formId?: string;
  /** today by default */
  issued?: string;
}

/** One form's model: stamped, the rater column's name and kind filled in. Pure. */
export function formModel(scheme: Scheme, o: FormSpec): TemplateModel {
  const kind: WorkbookKind = o.withMaturity ? "form-maturity" : "form";
  const model = buildTemplate(scheme, {
    raters: 1,
    lang: o.lang,
    kind,
    stamp: { formId: o.formId ?? newFormId(), issued: o.issued ?? today(), organization: o.organization, rater: o.rater, kind: o.kind },
  });
  return fillModel(model, { raters: [{ alphas: [], name: o.rater, kind: o.kind }], levels: [], organization: o.organization }, scheme);
}

/** One form's workbook bytes. */
export function formBytes(scheme: Scheme, o: FormSpec): Promise<Uint8Array> {
  return modelBuffer(formModel(scheme, o));
}

export async function formsCommand(argv: string[], scheme: Scheme = DEFAULT_SCHEME): Promise<number> {
  const p = parse(argv);
  if (typeof p === "string") {
    process.stderr.write(`qcs forms: ${p}\n\n${FORMS_HELP}\n`);
    return 1;
  }
  if (p.help) {
    process.stdout.write(FORMS_HELP + "\n");
    return 0;
  }
  const en = p.lang === "en-US";
  const dir = p.out as string;
  const organization = p.organization!.trim();
  const raters = p.raters.map((r) => r.trim());

  // the file names: distinct on every file system, or nothing is written
  const plan = raters.map((rater) => ({ rater, file: path.join(dir, formFileName(organization, rater)) }));
  const byKey = new Map<string, string[]>();
  for (const x of plan) byKey.set(collisionKey(path.basename(x.file)), [...(byKey.get(collisionKey(path.basename(x.file))) ?? []), x.rater]);
  const clashes = [...byKey].filter(([, names]) => names.length > 1);
  if (clashes.length) {
    for (const [key, names] of clashes) {
      const shown = names.map((n) => JSON.stringify(safeText(n))).join(en ? ", " : "、");
      process.stderr.write(
        en
          ? `qcs forms: ${shown} give the same file name (${safeText(key)}); make the names distinct, e.g. add a number\n`
          : `qcs forms：${shown} 对应同一个文件名（${safeText(key)}）；请使名称互不相同，例如加上序号\n`
      );
    }
    return 2;
  }
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) {
    process.stderr.write(en ? `qcs forms: ${safeText(dir)} is not a folder\n` : `qcs forms：${safeText(dir)} 不是文件夹\n`);
    return 1;
  }
  if (!p.force) {
    const existing = plan.filter((x) => fs.existsSync(x.file)).map((x) => safeText(x.file));
    if (existing.length) {
      process.stderr.write(en ? `qcs forms: these files exist; nothing written (use --force to overwrite them):\n` : `qcs forms：以下文件已存在，未写入任何文件（使用 --force 覆盖）：\n`);
      for (const f of existing) process.stderr.write(`  ${f}\n`);
      return 2;
    }
  }
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    process.stderr.write(`qcs forms: ${en ? "cannot create" : "无法创建文件夹"} ${safeText(dir)}: ${safeText(e instanceof Error ? e.message : String(e))}\n`);
    return 1;
  }
  const kindLabel = en ? scheme.vocabulary.raterKind[p.kind].en : scheme.vocabulary.raterKind[p.kind].zh;
  const issued = today();
  let written = 0;
  for (const x of plan) {
    const formId = newFormId();
    try {
      const bytes = await formBytes(scheme, { organization, rater: x.rater, kind: p.kind, withMaturity: p.withMaturity, lang: p.lang, formId, issued });
      writeFileAtomic(x.file, bytes, { force: p.force });
    } catch (e) {
      const why = e instanceof OutputExistsError ? (en ? "it exists (created meanwhile); use --force" : "文件已存在（期间被创建）；可使用 --force") : safeText(e instanceof Error ? e.message : String(e));
      process.stderr.write(
        en ? `qcs forms: could not write ${safeText(x.file)}: ${why}; ${written} of ${plan.length} form(s) written\n` : `qcs forms：无法写入 ${safeText(x.file)}：${why}；已写入 ${written}/${plan.length} 份表单\n`
      );
      return e instanceof OutputExistsError ? 2 : 1;
    }
    written++;
    process.stdout.write(
      en
        ? `${safeText(x.file)}: ${safeText(x.rater)} (${kindLabel}), form id ${formId}, issued ${issued}${p.withMaturity ? ", with Appendix 3" : ""}\n`
        : `${safeText(x.file)}：${safeText(x.rater)}（${kindLabel}），表单编号 ${formId}，发放日期 ${issued}${p.withMaturity ? "，含附录 3" : ""}\n`
    );
  }
  return 0;
}
