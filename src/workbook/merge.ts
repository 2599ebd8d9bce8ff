/**
 * Returned forms combined into one panel (issue 10): each form's rater (visit) columns become panel
 * columns, in the order the files are given; the maturity levels and the other records come from the
 * one file that carries them. Refused, naming the files: the same form id twice, different
 * organisations or schemes, two files with different maturity levels, and — unless forced — any file
 * that is not intact. Pure (the command line and the pane's import share it); the files have been read
 * and verified already (./verify.ts).
 */
import type { Lang, Scheme } from "../scheme/types";
import { finding, type AssessmentInput, type Finding, type SourceRecord } from "../engine";
import type { Verified } from "./verify";

/** One returned file, read and verified. */
export interface ReturnedFile {
  /** the file's name as shown (no folders needed) */
  file: string;
  /** SHA-256 of the file's bytes, hex */
  sha256: string;
  verified: Verified;
}

export interface MergeResult {
  /** the panel; null when the merge is refused */
  input: AssessmentInput | null;
  /** one row per file, in the order given: what was accepted and how */
  sources: SourceRecord[];
  /** why the merge is refused (errors naming the files); empty when it is not */
  refusals: Finding[];
}

const blank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");
const t = (lang: Lang, zh: string, en: string) => (lang === "en-US" ? en : zh);

/** A file's rater columns that hold anything (an entirely empty column is not a rater, RULES.md §1). */
function usedRaters(input: AssessmentInput): AssessmentInput["raters"] {
  return input.raters.filter((r) => r.alphas.some((a) => !blank(a)) || r.name || r.kind || r.date || r.method || (r.evidence ?? []).some((e) => !blank(e)));
}

/** The maturity levels a file carries (null when it carries none). */
function levelsOf(input: AssessmentInput): unknown[] | null {
  return input.levels.some((l) => !blank(l)) ? input.levels : null;
}

export function mergeForms(files: ReturnedFile[], scheme: Scheme, opts: { force?: boolean; lang?: Lang } = {}): MergeResult {
  const lang = opts.lang ?? "zh-CN";
  const refusals: Finding[] = [];
  const refuse = (zh: string, en: string, files_: string[]) => refusals.push(finding("bad-field", "error", { zh: `${zh}：${files_.join("、")}`, en: `${en}: ${files_.join(", ")}` }));
  if (!files.length) refuse("没有可合并的文件", "no files to merge", []);

  // the same form returned twice
  const byId = new Map<string, string[]>();
  for (const f of files) {
    const id = f.verified.stamp?.formId;
    if (id) byId.set(id, [...(byId.get(id) ?? []), f.file]);
  }
  for (const [id, fs] of byId) if (fs.length > 1) refuse(`同一表单（编号 ${id}）出现多次`, `the same form (id ${id}) is given more than once`, fs);

  // one scheme, one organisation
  const schemes = new Map<string, string[]>();
  const orgs = new Map<string, string[]>();
  for (const f of files) {
    const s = f.verified.stamp?.scheme ?? scheme.id;
    schemes.set(s, [...(schemes.get(s) ?? []), f.file]);
    const o = (f.verified.stamp?.organization || f.verified.input?.organization || "").trim();
    if (o) orgs.set(o, [...(orgs.get(o) ?? []), f.file]);
  }
  if (schemes.size > 1) refuse("文件属于不同的认证规范", "the files are for different schemes", files.map((f) => `${f.file}（${f.verified.stamp?.scheme ?? scheme.id}）`));
  if (orgs.size > 1) refuse("文件属于不同的受评组织", "the files are for different organisations", [...orgs].map(([o, fs]) => `${o}（${fs.join("、")}）`));

  // the maturity levels (and the records) come from one file
  const withLevels = files.filter((f) => f.verified.input && levelsOf(f.verified.input));
  const levelSets = new Map<string, string[]>();
  for (const f of withLevels) {
    const k = JSON.stringify(levelsOf(f.verified.input as AssessmentInput));
    levelSets.set(k, [...(levelSets.get(k) ?? []), f.file]);
  }
  if (levelSets.size > 1) refuse("不同文件中的成熟度等级不一致", "the files give different maturity levels", withLevels.map((f) => f.file));

  // unreadable files are never merged; files with findings only when forced (and recorded so)
  const sources: SourceRecord[] = [];
  for (const f of files) {
    const v = f.verified;
    const errors = v.findings.filter((x) => x.severity === "error");
    let verdict: string;
    if (!v.input) {
      refuse("文件无法作为评分表读取", "a file cannot be read as a qcs workbook", [f.file]);
      verdict = t(lang, "无法读取", "unreadable");
    } else if (!v.intact || errors.length) {
      if (!opts.force) refuse("文件核验有问题（使用 --force 可仍然合并，并记为带问题接受）", "a file has verify findings (--force merges it anyway, recorded as accepted with findings)", [f.file]);
      verdict = t(lang, `带问题接受：${errors.length} 个问题`, `accepted with findings: ${errors.length}`);
    } else verdict = t(lang, "完整，通过核验", "intact, verified");
    const stampRater = v.stamp?.rater || undefined;
    sources.push({
      file: f.file,
      sha256: f.sha256,
      ...(v.stamp?.formId ? { formId: v.stamp.formId } : {}),
      ...(stampRater ?? v.input?.raters.find((r) => r.name)?.name ? { rater: stampRater ?? v.input?.raters.find((r) => r.name)?.name } : {}),
      ...(v.stamp?.raterKind ? { kind: v.stamp.raterKind } : {}),
      ...(v.stamp?.issued ? { date: v.stamp.issued } : {}),
      verdict,
    });
  }
  if (refusals.length) return { input: null, sources, refusals };

  const raters = files.flatMap((f) => usedRaters(f.verified.input as AssessmentInput));
  const carrier = withLevels[0] ?? files.find((f) => f.verified.kind === "assessment");
  const base = carrier?.verified.input;
  const organization = [...orgs.keys()][0];
  const input: AssessmentInput = {
    raters,
    levels: base ? base.levels : new Array(scheme.clauses.length).fill(null),
    ...(organization ? { organization } : {}),
    ...(base?.records ? { records: base.records } : {}),
  };
  return { input, sources, refusals };
}
