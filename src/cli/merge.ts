/**
 * `qcs merge FILE… --out PANEL.xlsx|PANEL.json [--force] [--lang zh-CN|en-US]` (issue 10): the returned
 * forms, read and verified (./returned.ts), combined by mergeForms (../workbook/merge.ts). A refused
 * merge names the files and writes nothing (exit 2). The .xlsx is a complete filled workbook — the
 * merged rater columns, Appendix 3 and the records from the file that carries them, the result — with
 * the sources sheet and a stamp; the .json is the exchange format with a `sources` array. Written
 * atomically (./atomic.ts), never over an existing file without --force.
 */
import * as path from "path";
import type { Lang, Scheme } from "../scheme/types";
import { assess, fmt, LIMITS, writeExchange, type AssessmentInput } from "../engine";
import { mergeForms, panelModel, type MergeResult } from "../workbook/merge";
import { MAX_RATERS } from "../workbook/model";
import { newFormId, today } from "../workbook/form-id";
import { parseArgs } from "./args";
import { pick } from "./result";
import { displayNames, readReturned } from "./returned";
import { OutputExistsError, writeFileAtomic } from "./atomic";
import { safeText } from "./safe-text";

export const MERGE_HELP = `qcs merge — 把回收的评分表合并为一个评价组 / combine returned forms into one panel

Usage: qcs merge FILE... --out PANEL.xlsx|PANEL.json [--force] [--lang zh-CN|en-US]

Combines returned forms (qcs forms) into one panel: every rater (visit) column with α of every file
becomes a panel column, in the order given; the maturity levels and the other records come from the one file
that carries them (a form written with --with-maturity, or an assessment workbook). Every file is
verified first (as qcs verify does). Refused, naming the files, and nothing written: the same form or
file twice, different organisations or schemes, files that give different maturity levels or records,
an unreadable file, more than ${MAX_RATERS} rater columns in a workbook — and a file that is not intact or
not filled in, unless --force, which merges it and records it as "accepted with findings".
  --out FILE   PANEL.xlsx: a complete filled workbook with a sources sheet (file, SHA-256, form id,
               rater, kind, date, verdict) and a stamp; PANEL.json: the exchange format with "sources"
  --force      merge files with findings (recorded so); overwrite --out if it exists
  --lang L     language of the workbook and the messages: zh-CN (default) or en-US
Exit code: 0 written, 2 refused (nothing written), 1 usage error or a failed write.`;

export async function mergeCommand(argv: string[], scheme: Scheme): Promise<number> {
  const args = parseArgs(argv, { values: ["out", "lang"], booleans: ["force", "help"] });
  if (args.flags.help) {
    process.stdout.write(MERGE_HELP + "\n");
    return 0;
  }
  const lang = (args.flags.lang ?? "zh-CN") as Lang;
  const out = typeof args.flags.out === "string" ? args.flags.out : undefined;
  if (lang !== "zh-CN" && lang !== "en-US") args.errors.push(`--lang must be zh-CN or en-US, not ${String(args.flags.lang)}`);
  if (!out) args.errors.push("--out PANEL.xlsx or PANEL.json is required");
  else if (!/\.(xlsx|json)$/i.test(out)) args.errors.push(`--out must end in .xlsx or .json: ${safeText(out)}`);
  if (!args.positionals.length) args.errors.push("no FILE given");
  if (out && args.positionals.some((f) => path.resolve(f) === path.resolve(out))) args.errors.push("--out must not be one of the files merged");
  if (args.errors.length) {
    process.stderr.write(args.errors.map((e) => `qcs merge: ${e}`).join("\n") + `\n\n${MERGE_HELP}\n`);
    return 1;
  }
  const en = lang === "en-US";
  const L = (zh: string, e: string) => (en ? e : zh);
  const colon = L("：", ": ");
  const target = out as string;
  const asXlsx = /\.xlsx$/i.test(target);
  const force = args.flags.force === true;
  const files = args.positionals;
  if (files.length > LIMITS.raters) {
    process.stderr.write(`qcs merge${colon}${L(`文件超过 ${LIMITS.raters} 个，未合并`, `more than ${LIMITS.raters} files; not merged`)}\n`);
    return 2;
  }
  const names = displayNames(files);
  const returned = files.map((f, i) => readReturned(f, names[i], scheme));
  const merged: MergeResult = mergeForms(returned, scheme, { force, lang, maxRaters: asXlsx ? MAX_RATERS : LIMITS.raters });

  if (!merged.input) {
    process.stderr.write(`qcs merge${colon}${L(`未合并，没有写入 ${safeText(target)}`, `not merged; ${safeText(target)} not written`)}\n`);
    for (const r of merged.refusals) process.stderr.write(`  ✗ ${safeText(pick(r.message, lang))}\n`);
    // why each file was refused or could not be read, a few lines each
    for (const f of returned) {
      const problems = merged.problems[f.file] ?? (f.verified.input ? [] : f.verified.findings);
      if (!problems.length) continue;
      process.stderr.write(`  ${safeText(f.file)}${colon}\n`);
      for (const p of problems.slice(0, 5)) process.stderr.write(`    - ${safeText(pick(p.message, lang))}\n`);
      if (problems.length > 5) process.stderr.write(`    ${L(`另有 ${problems.length - 5} 个问题（qcs verify 列出全部）`, `${problems.length - 5} more (qcs verify lists them all)`)}\n`);
    }
    if (!force && Object.keys(merged.problems).length) process.stderr.write(`  ${L("使用 --force 可仍然合并这些文件，并记为“带问题接受”", 'use --force to merge them anyway, recorded as "accepted with findings"')}\n`);
    return 2;
  }

  const input = merged.input;
  let bytes: Uint8Array | string;
  try {
    if (asXlsx) {
      const { modelBuffer } = await import("../workbook/xlsx/write");
      bytes = await modelBuffer(panelModel(input, merged.sources, scheme, { lang, formId: newFormId(), issued: today() }));
    } else {
      bytes = JSON.stringify(writeExchange(input, scheme, { sources: merged.sources }), null, 2) + "\n";
    }
  } catch (e) {
    process.stderr.write(`qcs merge${colon}${L("无法写出合并结果", "cannot write the panel")}${colon}${safeText(e instanceof Error ? e.message : String(e))}\n`);
    return 2;
  }
  try {
    writeFileAtomic(target, bytes, { force });
  } catch (e) {
    if (e instanceof OutputExistsError) {
      process.stderr.write(`qcs merge${colon}${L(`${safeText(target)} 已存在；使用 --force 覆盖`, `${safeText(target)} exists; use --force to overwrite it`)}\n`);
      return 2;
    }
    process.stderr.write(`qcs merge${colon}${L("无法写入", "could not write")} ${safeText(target)}${colon}${safeText(e instanceof Error ? e.message : String(e))}\n`);
    return 1;
  }
  process.stdout.write(summary(target, input, merged, scheme, lang) + "\n");
  return 0;
}

/** What was merged: the sources with their verdicts, where Appendix 3 and the records came from, the panel's result. */
function summary(target: string, input: AssessmentInput, m: MergeResult, scheme: Scheme, lang: Lang): string {
  const en = lang === "en-US";
  const L = (zh: string, e: string) => (en ? e : zh);
  const colon = L("：", ": ");
  const sep = L("；", "; ");
  const out: string[] = [];
  out.push(`== ${safeText(target)}${colon}${L(`${m.sources.length} 个文件，${input.raters.length} 个评价列`, `${m.sources.length} file(s), ${input.raters.length} rater column(s)`)}${input.organization ? `${sep}${safeText(input.organization)}` : ""}`);
  for (const s of m.sources) out.push(`  ${safeText(s.file)}${sep}${safeText(s.rater ?? "—")}${sep}${safeText(s.verdict)}`);
  out.push(`${L("成熟度等级来自", "Maturity levels from")}${colon}${m.carriers.levels ? safeText(m.carriers.levels) : L("无（附录 3 为空）", "none (Appendix 3 is blank)")}`);
  const rec = Object.entries(m.carriers.records);
  if (rec.length) out.push(`${L("记录来自", "Records from")}${colon}${[...new Set(rec.map(([, f]) => f as string))].map(safeText).join(L("、", ", "))}`);
  for (const n of m.notes) out.push(`${L("注意", "Note")}${colon}${safeText(pick(n.message, lang))}`);
  const r = assess(input, scheme, { numericText: true });
  const score = r.service.score === null ? "—" : fmt(r.service.score, 1);
  const grade = r.complete && r.gradeLabel ? pick(r.gradeLabel, lang) : L("尚不能评定", "not yet gradable");
  out.push(`${L("合并结果", "Panel")}${colon}${L("服务得分", "service score")} ${score}${sep}${L("成熟度", "maturity")} ${r.maturity.total ?? "—"}${sep}${L("认证结果", "result")} ${grade}`);
  return out.join("\n");
}
