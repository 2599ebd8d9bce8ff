/**
 * Returned forms combined into one panel (issue 10): each form's rater (visit) columns become panel
 * columns, in the order the files are given; the maturity levels and each of the other records come from
 * the one file that carries them. Refused, naming the files: the same form (or the same file) twice,
 * different organisations or schemes, two files with different maturity levels or different records,
 * more rater columns than the panel may hold, a file that cannot be read — and, unless forced, a file
 * that is not intact or not filled in (then recorded as accepted with findings). Pure (the command line
 * and the pane's import share it); the files have been read and verified already (./verify.ts).
 */
import type { Lang, Scheme } from "../scheme/types";
import { finding, LIMITS, type AssessmentInput, type AuditRecords, type Finding, type SourceRecord } from "../engine";
import { completeness, hasAlpha } from "./completeness";
import { buildTemplate, fillModel, MAX_RATERS, NC_ROWS, type TemplateModel } from "./model";
import type { Verified } from "./verify";

/** One returned file, read and verified. */
export interface ReturnedFile {
  /** the file's name as shown (no folders needed) */
  file: string;
  /** SHA-256 of the file's bytes, hex */
  sha256: string;
  verified: Verified;
}

export interface MergeOptions {
  /** merge files that are not intact or not filled in, recording them as accepted with findings */
  force?: boolean;
  /** language of the verdicts recorded in the sources */
  lang?: Lang;
  /** rater columns the panel may hold: MAX_RATERS for a workbook (default), up to LIMITS.raters for JSON */
  maxRaters?: number;
}

export interface MergeResult {
  /** the panel; null when the merge is refused */
  input: AssessmentInput | null;
  /** one row per file, in the order given: what was accepted and how */
  sources: SourceRecord[];
  /** why the merge is refused (errors naming the files); empty when it is not */
  refusals: Finding[];
  /** what the merge did that a reader should know (files accepted with findings, no maturity levels) */
  notes: Finding[];
  /** where the maturity levels and each record came from (file names); absent parts came from no file */
  carriers: { levels?: string; records: Partial<Record<keyof AuditRecords, string>> };
  /**
   * Why each refused-unless-forced file was so, by file name: not intact (verify findings, errors
   * only) or not filled in (the engine's findings about its α and levels).
   */
  problems: Record<string, Finding[]>;
}

const blank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");
const tl = (lang: Lang, zh: string, en: string) => (lang === "en-US" ? en : zh);
const RECORD_KEYS: (keyof AuditRecords)[] = ["maturityEvidence", "specificRequirements", "conformity", "nonconformities", "qms", "audit"];
const RECORD_TITLES: Record<keyof AuditRecords, { zh: string; en: string }> = {
  maturityEvidence: { zh: "成熟度证据", en: "maturity evidence" },
  specificRequirements: { zh: "4.2.2 特定要求", en: "4.2.2 specific requirements" },
  conformity: { zh: "符合性审查", en: "conformity review" },
  nonconformities: { zh: "不符合项", en: "nonconformities" },
  qms: { zh: "5.2.2 质量管理体系", en: "5.2.2 quality management system" },
  audit: { zh: "审核信息", en: "audit particulars" },
};

/** A level as compared between files: blank → null, numeric text → its number. */
function levelKey(v: unknown): unknown {
  if (blank(v)) return null;
  if (typeof v === "string" && /^\s*\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return v;
}

/** Canonical JSON (object keys sorted), so that two equal records compare equal whatever their key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v ?? null);
}

const sectionEmpty = (v: unknown) => v === undefined || v === null || (Array.isArray(v) ? v.length === 0 : typeof v === "object" && Object.keys(v as object).length === 0);

/** Groups file names by a key, in the order first seen. */
function groups<T>(items: T[], key: (x: T) => string | null, name: (x: T) => string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const x of items) {
    const k = key(x);
    if (k === null) continue;
    m.set(k, [...(m.get(k) ?? []), name(x)]);
  }
  return m;
}

export function mergeForms(files: ReturnedFile[], scheme: Scheme, opts: MergeOptions = {}): MergeResult {
  const lang = opts.lang ?? "zh-CN";
  const maxRaters = opts.maxRaters ?? MAX_RATERS;
  const refusals: Finding[] = [];
  const notes: Finding[] = [];
  const problems: Record<string, Finding[]> = {};
  /** a refusal naming the files (the same list in both languages, or each its own) */
  const refuse = (zh: string, en: string, names: string[] | { zh: string[]; en: string[] }) => {
    const n = Array.isArray(names) ? { zh: names, en: names } : names;
    refusals.push(finding("bad-field", "error", n.en.length ? { zh: `${zh}：${n.zh.join("、")}`, en: `${en}: ${n.en.join(", ")}` } : { zh, en }));
  };
  /** "value（a、b）" / "value (a, b)" for each group */
  const grouped = (m: Map<string, string[]>, show: (k: string) => string) => ({
    zh: [...m].map(([k, fs]) => `${show(k)}（${fs.join("、")}）`),
    en: [...m].map(([k, fs]) => `${show(k)} (${fs.join(", ")})`),
  });
  const carriers: MergeResult["carriers"] = { records: {} };
  if (!files.length) refuse("没有可合并的文件", "no files to merge", []);
  if (files.length > LIMITS.raters) {
    refuse(`文件超过 ${LIMITS.raters} 个（LIMITS.raters），未合并`, `more than ${LIMITS.raters} files (LIMITS.raters); not merged`, []);
    return { input: null, sources: [], refusals, notes, carriers, problems };
  }

  // the same form (or the same bytes) given twice
  for (const [k, fs] of groups(files, (f) => f.verified.stamp?.formId || `sha256:${f.sha256}`, (f) => f.file)) {
    if (fs.length < 2) continue;
    if (k.startsWith("sha256:")) refuse(`同一文件（SHA-256 ${k.slice(7, 19)}…）出现多次`, `the same file (SHA-256 ${k.slice(7, 19)}…) is given more than once`, fs);
    else refuse(`同一表单（编号 ${k}）出现多次`, `the same form (id ${k}) is given more than once`, fs);
  }

  // one scheme, one organisation
  const schemes = groups(files, (f) => f.verified.stamp?.scheme || scheme.id, (f) => f.file);
  if (schemes.size > 1) refuse("文件属于不同的认证规范", "the files are for different schemes", grouped(schemes, (k) => k));
  const orgOf = (f: ReturnedFile) => (f.verified.stamp?.organization || f.verified.input?.organization || "").normalize("NFC").replace(/\s+/g, " ").trim() || null;
  const orgs = groups(files, orgOf, (f) => f.file);
  if (orgs.size > 1) refuse("文件属于不同的受评组织", "the files are for different organisations", grouped(orgs, (k) => JSON.stringify(k)));

  // every file readable; intact and filled in, or merged only when forced
  const readable = files.filter((f) => f.verified.input && f.verified.result);
  const unreadable = files.filter((f) => !readable.includes(f)).map((f) => f.file);
  if (unreadable.length) refuse("文件无法作为本工具的评分表读取，不能合并", "a file cannot be read as a workbook of this tool and cannot be merged", unreadable);
  const faulty: string[] = [];
  const verdicts = new Map<ReturnedFile, string>();
  for (const f of files) {
    const v = f.verified;
    if (!readable.includes(f)) {
      verdicts.set(f, tl(lang, "无法读取", "unreadable"));
      continue;
    }
    const errors = v.findings.filter((x) => x.severity === "error");
    const fill = completeness(v, scheme);
    const notFilled = !fill || !fill.filled;
    const fillFindings = (fill?.findings ?? []).filter((x) => x.severity !== "warning");
    if (v.intact && !errors.length && !notFilled) {
      verdicts.set(f, tl(lang, "完整，通过核验", "intact, verified"));
      continue;
    }
    faulty.push(f.file);
    problems[f.file] = [...errors, ...(notFilled ? fillFindings : [])];
    const parts: string[] = [];
    if (!v.intact || errors.length) parts.push(tl(lang, `核验问题 ${errors.length} 个${v.intact ? "" : "（内容与模板不一致）"}`, `${errors.length} verify finding(s)${v.intact ? "" : " (not intact)"}`));
    if (notFilled) parts.push(tl(lang, "未填写完整", "not filled in"));
    verdicts.set(f, tl(lang, `带问题接受：${parts.join("；")}`, `accepted with findings: ${parts.join("; ")}`));
  }
  if (faulty.length && !opts.force) {
    refuse("文件核验有问题或未填写完整（强制合并时记为“带问题接受”）", "a file has verify findings or is not filled in (merged only when forced, then recorded as accepted with findings)", faulty);
  } else if (faulty.length) {
    notes.push(finding("record", "warning", { zh: `带问题接受：${faulty.join("、")}`, en: `accepted with findings: ${faulty.join(", ")}` }));
  }

  // the maturity levels come from one file (or from files that agree)
  const withLevels = readable.filter((f) => (f.verified.input as AssessmentInput).levels.some((l) => !blank(l)));
  const levelSets = groups(withLevels, (f) => canonical((f.verified.input as AssessmentInput).levels.map(levelKey)), (f) => f.file);
  if (levelSets.size > 1) refuse("不同文件中的成熟度等级不一致", "the files give different maturity levels", withLevels.map((f) => f.file));
  const levelCarrier = withLevels[0];
  if (levelCarrier) carriers.levels = levelCarrier.file;
  else notes.push(finding("level-blank", "warning", { zh: "没有文件带有成熟度等级：合并后的附录 3 为空", en: "no file carries maturity levels: Appendix 3 of the panel is blank" }));

  // each other record from the one file that carries it
  const records: AuditRecords = {};
  for (const key of RECORD_KEYS) {
    const carrying = readable.filter((f) => !sectionEmpty(f.verified.input?.records?.[key]));
    const sets = groups(carrying, (f) => canonical(f.verified.input?.records?.[key]), (f) => f.file);
    if (sets.size > 1) refuse(`不同文件中的${RECORD_TITLES[key].zh}不一致`, `the files give different ${RECORD_TITLES[key].en}`, carrying.map((f) => f.file));
    if (carrying[0]) {
      (records as Record<string, unknown>)[key] = carrying[0].verified.input?.records?.[key];
      carriers.records[key] = carrying[0].file;
    }
  }

  // the panel's columns: every column with α of every file, in the order given (a column without any α
  // is not a rater, RULES.md §1: a form with Appendix 3 returned with only the levels gives no column)
  const raters = readable.flatMap((f) => (f.verified.input as AssessmentInput).raters.filter(hasAlpha));
  if (raters.length > maxRaters) {
    refuse(`合并后有 ${raters.length} 个评价人列，评分表最多 ${maxRaters} 个`, `the panel would have ${raters.length} rater columns; a panel holds at most ${maxRaters}`, []);
  }

  const sources: SourceRecord[] = files.map((f) => {
    const v = f.verified;
    const used = (v.input?.raters ?? []).filter(hasAlpha);
    const names = used.map((r) => r.name).filter((n): n is string => Boolean(n));
    const rater = v.stamp?.rater || (names.length > 5 ? `${names.slice(0, 5).join(", ")} …` : names.join(", "));
    const kinds = [...new Set(used.map((r) => r.kind).filter(Boolean))];
    const kind = v.stamp?.raterKind || (kinds.length === 1 ? kinds[0] : undefined);
    return {
      file: f.file,
      sha256: f.sha256,
      ...(v.stamp?.formId ? { formId: v.stamp.formId } : {}),
      ...(rater ? { rater } : {}),
      ...(kind ? { kind } : {}),
      ...(v.stamp?.issued ? { date: v.stamp.issued } : {}),
      verdict: verdicts.get(f) as string,
    };
  });
  if (refusals.length) return { input: null, sources, refusals, notes, carriers, problems };

  // the organisation as the first file that names it writes it
  const named = files.find((f) => orgOf(f) !== null);
  const organization = named ? (named.verified.stamp?.organization || named.verified.input?.organization || "").trim() : undefined;
  const input: AssessmentInput = {
    raters,
    levels: levelCarrier ? [...(levelCarrier.verified.input as AssessmentInput).levels] : new Array(scheme.clauses.length).fill(null),
    ...(organization ? { organization } : {}),
    ...(Object.keys(records).length ? { records } : {}),
  };
  return { input, sources, refusals, notes, carriers, problems };
}

/**
 * The workbook of a merged panel (kind "assessment"): one rater column per merged column (at least
 * one), Appendix 3 and the records, the result, the sources sheet and a stamp of its own. Pure; throws
 * a RangeError when the panel does not fit a workbook (more than MAX_RATERS columns).
 */
export function panelModel(input: AssessmentInput, sources: SourceRecord[], scheme: Scheme, opts: { lang: Lang; formId: string; issued: string }): TemplateModel {
  const model = buildTemplate(scheme, {
    raters: Math.max(1, input.raters.length),
    lang: opts.lang,
    kind: "assessment",
    sources,
    stamp: { formId: opts.formId, issued: opts.issued, ...(input.organization ? { organization: input.organization } : {}) },
    nonconformityRows: Math.max(NC_ROWS, input.records?.nonconformities?.length ?? 0),
  });
  return fillModel(model, input, scheme);
}
