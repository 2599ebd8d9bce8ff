/**
 * `qcs verify FILE… [--json] [--lang zh-CN|en-US]` (issue 10): for each returned workbook its stamp,
 * whether its fixed content is intact (every difference a finding naming the cell), what its sheets
 * display against what the engine computes, and whether it is filled in. Exit 0 only when every file is
 * intact and complete, 2 otherwise, 1 on a usage error. Every text that came from a file passes through
 * safeText; the findings of a file are bounded (LIMITS.findingsPerFile).
 */
import * as path from "path";
import type { Lang, Scheme } from "../scheme/types";
import { capFindings, finding, fmt, LIMITS, type Finding, type SourceRecord } from "../engine";
import { completeness, type Completeness } from "../workbook/completeness";
import type { ReturnedFile } from "../workbook/merge";
import { parseArgs } from "./args";
import { findingLine, pick } from "./result";
import { readReturned } from "./returned";
import { safeText } from "./safe-text";

export const VERIFY_HELP = `qcs verify — 核验回收的评分表 / check returned forms

Usage: qcs verify FILE... [--json] [--lang zh-CN|en-US]

Checks returned workbooks (.xlsx written by qcs forms / qcs template / qcs merge) as untrusted files:
  - the stamp: form id, organisation, rater or visit, kind, issue date, template version;
  - intact: every cell, number format, sheet, name and the protection compared with the template the
    stamp names; every difference is listed with its cell;
  - what the file displays (values a spreadsheet program saved) against what the engine computes;
  - complete: every α scored, and every maturity level where the workbook has Appendix 3.
  --json   one JSON object per file, one per line, in the order given
  --lang L language of the report and messages: zh-CN (default) or en-US
Exit code: 0 when every file is intact and complete, 2 otherwise, 1 on a usage error.`;

/** The JSON line of one file. */
export interface VerifyLine {
  file: string;
  /** intact and complete */
  ok: boolean;
  sha256: string | null;
  /** the file could be read as a workbook of this tool */
  readable: boolean;
  intact: boolean;
  complete: boolean;
  stamp: {
    formId: string | null;
    organization: string | null;
    rater: string | null;
    raterKind: string | null;
    kind: string | null;
    issued: string | null;
    templateVersion: string | null;
    scheme: string | null;
    schemeVersion: string | null;
  } | null;
  kind: string | null;
  lang: string | null;
  organization: string | null;
  /** every difference from the template and every reading fault (bounded), then the α/level findings */
  findings: ReturnType<typeof findingLine>[];
  displayed: { name: string; cell: string; shows: unknown; computed: unknown; same: boolean }[];
  completeness: { columns: { column: number; name?: string; scored: number; invalid: number; of: number; scoredFully: boolean }[]; levels: { rated: number; invalid: number; of: number } | null } | null;
  /** the sources sheet of a merged panel */
  sources?: SourceRecord[];
}

const sameShown = (a: unknown, b: unknown) => {
  const blank = (v: unknown) => v === null || v === undefined || v === "";
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b;
};

/** The notes of the command itself about a file: a rater column renamed from the name the form was issued to. */
function notesOf(r: ReturnedFile): Finding[] {
  const v = r.verified;
  const issuedTo = v.stamp?.rater;
  const name = v.input?.raters[0]?.name;
  if (!issuedTo || v.input?.raters.length !== 1 || !name || name === issuedTo) return [];
  return [finding("stamp", "warning", { zh: `评价人列的姓名为 ${JSON.stringify(name)}，表单发放给 ${JSON.stringify(issuedTo)}`, en: `the rater column is named ${JSON.stringify(name)}; the form was issued to ${JSON.stringify(issuedTo)}` })];
}

export function verifyLine(r: ReturnedFile, scheme: Scheme, lang: Lang): VerifyLine {
  const v = r.verified;
  const fill: Completeness | null = completeness(v, scheme);
  const readable = v.input !== null;
  const intact = readable && v.intact;
  const complete = Boolean(fill?.complete);
  const s = v.stamp;
  const get = (k: string) => (s && typeof s[k] === "string" && s[k] !== "" ? s[k] : null);
  const all = capFindings([...v.findings, ...notesOf(r), ...(fill?.findings ?? [])], LIMITS.findingsPerFile);
  return {
    file: r.file,
    ok: intact && complete,
    sha256: r.sha256 || null,
    readable,
    intact,
    complete,
    stamp: s
      ? {
          formId: get("formId"),
          organization: get("organization"),
          rater: get("rater"),
          raterKind: get("raterKind"),
          kind: get("kind"),
          issued: get("issued"),
          templateVersion: get("templateVersion"),
          scheme: get("scheme"),
          schemeVersion: get("schemeVersion"),
        }
      : null,
    kind: v.kind,
    lang: v.lang,
    organization: s?.organization || v.input?.organization || null,
    findings: all.map((f) => findingLine(f, lang)),
    displayed: v.displayed.map((d) => ({ ...d, same: sameShown(d.shows, d.computed) })),
    completeness: fill
      ? {
          columns: fill.columns.filter((c) => !c.empty).map(({ column, name, scored, invalid, of, scoredFully }) => ({ column, ...(name ? { name } : {}), scored, invalid, of, scoredFully })),
          levels: fill.levels ? { rated: fill.levels.rated, invalid: fill.levels.invalid, of: fill.levels.of } : null,
        }
      : null,
    ...(v.sources ? { sources: v.sources } : {}),
  };
}

const KIND_LABEL: Record<string, { zh: string; en: string }> = {
  assessment: { zh: "整套评分表", en: "assessment workbook" },
  form: { zh: "单人评分表", en: "form" },
  "form-maturity": { zh: "单人评分表（含附录 3）", en: "form with Appendix 3" },
};

const shown = (v: unknown, lang: Lang) => (v === null || v === undefined || v === "" ? (lang === "en-US" ? "(blank)" : "（空）") : typeof v === "number" ? fmt(v, 4).replace(/\.?0+$/, "") : String(v));

/** The readable report of one file: every text from the file through safeText, Chinese punctuation in Chinese. */
export function verifyText(l: VerifyLine, scheme: Scheme, lang: Lang): string {
  const en = lang === "en-US";
  const L = (zh: string, e: string) => (en ? e : zh);
  const kv = (zh: string, e: string, value: string) => (en ? `${e}: ${value}` : `${zh}：${value}`);
  const sep = L("；", "; ");
  const S = (x: string | null | undefined) => safeText(x ?? "");
  const out: string[] = [`== ${S(l.file)}`];
  if (l.stamp) {
    const st = l.stamp;
    const kindWord = st.raterKind === "person" || st.raterKind === "visit" ? pick(scheme.vocabulary.raterKind[st.raterKind], lang) : st.raterKind;
    const kw = (zh: string, e: string, value: string) => `${L(zh, e)} ${value}`;
    const parts = [
      kw("表单编号", "form id", S(st.formId ?? "—")),
      ...(st.rater ? [kw("评价人", "rater", `${S(st.rater)}${kindWord ? L(`（${S(kindWord)}）`, ` (${S(kindWord)})`) : ""}`)] : []),
      kw("类型", "kind", st.kind && KIND_LABEL[st.kind] ? pick(KIND_LABEL[st.kind], lang) : S(st.kind ?? "—")),
      kw("发放日期", "issued", S(st.issued ?? "—")),
      kw("模板版本", "template version", S(st.templateVersion ?? "—")),
    ];
    out.push(kv("印记", "Stamp", parts.join(sep)));
    out.push(kv("规范", "Scheme", `${S(st.scheme ?? "—")}${st.schemeVersion ? L(`（数据 ${S(st.schemeVersion)}）`, ` (data ${S(st.schemeVersion)})`) : ""}`));
  } else {
    out.push(kv("印记", "Stamp", L("无（不是本工具写出的评分表，或印记被删除）", "none (not written by this tool, or the stamp was removed)")));
  }
  if (l.organization) out.push(kv("受评组织", "Organisation", S(l.organization)));
  const differences = l.findings.filter((f) => f.severity === "error" && !FILL.has(f.code));
  const others = l.findings.filter((f) => !differences.includes(f) && !FILL.has(f.code));
  if (!l.readable) out.push(kv("固定内容", "Fixed content", L("无法读取", "cannot be read")));
  else if (l.intact) out.push(kv("固定内容", "Fixed content", L("完整，与模板一致", "intact: as the template")));
  else out.push(kv("固定内容", "Fixed content", L(`与模板不一致（${differences.length} 处）`, `differs from the template (${differences.length})`)));
  for (const f of differences) out.push(`  - ${S(f.message)}`);
  for (const f of others) out.push(`  ${L("注意", "note")}${L("：", ": ")}${S(f.message)}`);
  if (l.readable) {
    if (!l.displayed.length) out.push(kv("显示值", "Displayed", L("文件中没有保存的计算结果（未经电子表格程序保存），打开时会重新计算", "the file holds no saved results (never saved by a spreadsheet program); they are computed on opening")));
    else {
      const wrong = l.displayed.filter((d) => !d.same);
      out.push(kv("显示值", "Displayed", wrong.length ? L(`${wrong.length} 项与引擎计算不一致`, `${wrong.length} differ from the engine`) : L("与引擎计算一致", "as the engine computes")));
      for (const d of l.displayed) {
        out.push(`  ${d.same ? "✓" : "✗"} ${S(d.name)} ${S(d.cell)}${L("：显示 ", ": shows ")}${S(shown(d.shows, lang))}${L("，计算 ", ", computed ")}${S(shown(d.computed, lang))}`);
      }
    }
  }
  if (l.completeness) {
    const c = l.completeness;
    const cols = c.columns.length
      ? c.columns.map((x) => `${x.name ? S(x.name) : L(`评价 ${x.column}`, `#${x.column}`)} ${x.scored}/${x.of}${x.invalid ? L(`（无效 ${x.invalid}）`, ` (${x.invalid} invalid)`) : ""}`).join(sep)
      : L("没有填写任何评价列", "no rater column filled in");
    const lv = c.levels ? `${sep}${L("成熟度等级", "maturity levels")} ${c.levels.rated}/${c.levels.of}${c.levels.invalid ? L(`（无效 ${c.levels.invalid}）`, ` (${c.levels.invalid} invalid)`) : ""}` : "";
    out.push(kv("填写", "Filled in", `${L("α", "α")} ${cols}${lv}`));
    for (const f of l.findings.filter((x) => FILL.has(x.code))) out.push(`  - ${S(f.message)}`);
  }
  if (l.sources?.length) {
    out.push(kv("来源", "Sources", L(`${l.sources.length} 个文件`, `${l.sources.length} file(s)`)));
    for (const s of l.sources) out.push(`  ${S(s.file)}${sep}${S(s.rater ?? "—")}${sep}${S(s.formId ?? "—")}${sep}${S(s.verdict)}`);
  }
  const verdict = l.ok
    ? L("通过：完整且已填写完毕", "passes: intact and complete")
    : L(`未通过：${[!l.readable ? "无法读取" : !l.intact ? "内容与模板不一致" : "", l.readable && !l.complete ? "未填写完整" : ""].filter(Boolean).join("，")}`, `fails: ${[!l.readable ? "cannot be read" : !l.intact ? "not intact" : "", l.readable && !l.complete ? "not complete" : ""].filter(Boolean).join(", ")}`);
  out.push(kv("结论", "Verdict", verdict));
  return out.join("\n");
}

const FILL = new Set(["alpha-range", "alpha-not-number", "alpha-blank", "rater-all-na", "no-raters", "level-invalid", "level-blank", "total-range"]);

export async function verifyCommand(argv: string[], scheme: Scheme): Promise<number> {
  const args = parseArgs(argv, { values: ["lang"], booleans: ["json", "help"] });
  if (args.flags.help) {
    process.stdout.write(VERIFY_HELP + "\n");
    return 0;
  }
  const lang = (args.flags.lang ?? "zh-CN") as Lang;
  if (lang !== "zh-CN" && lang !== "en-US") args.errors.push(`--lang must be zh-CN or en-US, not ${String(args.flags.lang)}`);
  if (!args.positionals.length) args.errors.push("no FILE given");
  if (args.errors.length) {
    process.stderr.write(args.errors.map((e) => `qcs verify: ${e}`).join("\n") + `\n\n${VERIFY_HELP}\n`);
    return 1;
  }
  const en = lang === "en-US";
  let bad = 0;
  for (const file of args.positionals) {
    const shownName = path.normalize(file);
    const line = verifyLine(readReturned(file, shownName, scheme), scheme, lang);
    if (!line.ok) {
      bad++;
      const why = [!line.readable ? (en ? "cannot be read" : "无法读取") : !line.intact ? (en ? "not intact" : "内容与模板不一致") : "", line.readable && !line.complete ? (en ? "not complete" : "未填写完整") : ""].filter(Boolean);
      const first = line.findings.find((f) => f.severity !== "warning");
      process.stderr.write(`qcs verify${en ? ": " : "："}${safeText(shownName)}${en ? ": " : "："}${why.join(en ? ", " : "，")}${first ? `${en ? " — " : "——"}${safeText(first.message)}` : ""}\n`);
    }
    process.stdout.write(args.flags.json ? JSON.stringify(line) + "\n" : verifyText(line, scheme, lang) + "\n\n");
  }
  if (!args.flags.json && args.positionals.length > 1) {
    const n = args.positionals.length;
    process.stdout.write(en ? `${n} files: ${n - bad} pass, ${bad} fail\n` : `共 ${n} 个文件：${n - bad} 个通过，${bad} 个未通过\n`);
  }
  return bad ? 2 : 0;
}
