/**
 * The records the standard asks for (RULES.md §5–§6) beside the numbers: the conformity review of 5.3,
 * the 4.2.2 checklist, the 5.2.2 QMS exemption, nonconformities, evidence and the sign-off. They change
 * no number except the conformity review, which gates the grade (./grade.ts `applyConformity`).
 *
 * Shapes follow the exchange format (../shared/spec/assessment.schema.json), keyed by ids, so reading
 * and writing JSON is one-to-one. Readers of other sources (workbooks) build the same shapes.
 */
import type { Scheme, Text } from "../scheme/types";
import { finding, quote, type Finding } from "./findings";

export type RaterKind = "person" | "visit";
export type SpecificResult = "conform" | "nonconform" | "na";

export interface ConformityReview {
  passed: boolean;
  /** YYYY-MM-DD */
  date?: string;
  note?: string;
}

export interface SpecificCheck {
  result: SpecificResult;
  evidence?: string;
}

export interface Nonconformity {
  clause?: string;
  description: string;
  severity: "major" | "minor";
  status?: "open" | "closed";
}

export interface QmsRecord {
  certified?: boolean;
  certificateNo?: string;
  issuer?: string;
  accredited?: boolean;
  validUntil?: string;
  riskEvaluation?: string;
  exemption?: "none" | "partial";
  scope?: string;
}

export interface AuditSignOff {
  reportNo?: string;
  from?: string;
  to?: string;
  leader?: string;
  team?: string[];
  reviewer?: string;
  decisionMaker?: string;
  decisionDate?: string;
}

/** Every optional record of one assessment (all absent = nothing recorded). */
export interface AuditRecords {
  /** clause id → evidence (Appendix 4) */
  maturityEvidence?: Record<string, string>;
  /** 4.2.2 point id → result and evidence */
  specificRequirements?: Record<string, SpecificCheck>;
  conformity?: ConformityReview;
  nonconformities?: Nonconformity[];
  qms?: QmsRecord;
  audit?: AuditSignOff;
}

/** The per-rater (per-visit) records of 5.1.2. */
export interface RaterRecord {
  name?: string;
  kind?: RaterKind;
  date?: string;
  method?: string;
  /** evidence per item, scheme order (null or "" = none) */
  evidence?: ReadonlyArray<string | null | undefined>;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date written YYYY-MM-DD. */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== "string") return false;
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const has = (o: Record<string, unknown>, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Reads typed fields of one object; every fault is an error finding naming the field. */
class FieldReader {
  constructor(
    private readonly o: Record<string, unknown>,
    private readonly at: string,
    private readonly out: Finding[],
    private readonly known: readonly string[]
  ) {
    for (const k of Object.keys(o)) {
      if (!known.includes(k)) {
        out.push(
          finding(
            "unknown-field",
            "warning",
            { zh: `未知的字段 ${quote(k)}，已忽略（可用：${known.join(", ")}）`, en: `unknown field ${quote(k)}, ignored (known: ${known.join(", ")})` },
            { field: at }
          )
        );
      }
    }
  }
  private bad(k: string, zh: string, en: string): undefined {
    this.out.push(finding("bad-field", "error", { zh, en }, { field: `${this.at}.${k}` }));
    return undefined;
  }
  string(k: string): string | undefined {
    if (!has(this.o, k)) return undefined;
    const v = this.o[k];
    if (typeof v === "string") return v;
    return this.bad(k, `必须是字符串，而不是 ${quote(v)}`, `must be a string, not ${quote(v)}`);
  }
  date(k: string): string | undefined {
    if (!has(this.o, k)) return undefined;
    const v = this.o[k];
    if (isIsoDate(v)) return v;
    return this.bad(k, `必须是 YYYY-MM-DD 格式的日期，而不是 ${quote(v)}`, `must be a date written YYYY-MM-DD, not ${quote(v)}`);
  }
  boolean(k: string): boolean | undefined {
    if (!has(this.o, k)) return undefined;
    const v = this.o[k];
    if (typeof v === "boolean") return v;
    return this.bad(k, `必须是 true 或 false，而不是 ${quote(v)}`, `must be true or false, not ${quote(v)}`);
  }
  oneOf<T extends string>(k: string, allowed: readonly T[]): T | undefined {
    if (!has(this.o, k)) return undefined;
    const v = this.o[k];
    if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
    return this.bad(k, `必须是 ${allowed.join(" / ")} 之一，而不是 ${quote(v)}`, `must be one of ${allowed.join(" / ")}, not ${quote(v)}`);
  }
  strings(k: string): string[] | undefined {
    if (!has(this.o, k)) return undefined;
    const v = this.o[k];
    if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v as string[];
    return this.bad(k, `必须是字符串数组，而不是 ${quote(v)}`, `must be an array of strings, not ${quote(v)}`);
  }
}

/** Drops undefined fields, so a record read back equals the one written. */
function compact<T extends object>(o: T): T | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return Object.keys(out).length ? (out as T) : undefined;
}

/** The per-rater records of one exchange-format rater object (its alpha is read elsewhere). */
export function readRaterRecord(r: Record<string, unknown>, at: string, scheme: Scheme, out: Finding[], itemIndex: Map<string, number>): RaterRecord {
  const f = new FieldReader(r, at, out, ["name", "alpha", "kind", "date", "method", "evidence"]);
  const rec: RaterRecord = { name: f.string("name"), kind: f.oneOf("kind", ["person", "visit"] as const), date: f.date("date"), method: f.string("method") };
  if (has(r, "evidence")) {
    const ev = r.evidence;
    if (!isObject(ev)) out.push(finding("bad-field", "error", { zh: "必须是以项目编号为键的对象", en: "must be an object keyed by item id" }, { field: `${at}.evidence` }));
    else {
      const arr: (string | null)[] = new Array(scheme.items.length).fill(null);
      for (const [id, v] of Object.entries(ev)) {
        const i = itemIndex.get(id);
        if (i === undefined) out.push(finding("unknown-item", "error", { zh: `未知的项目编号 ${quote(id)}`, en: `unknown item id ${quote(id)}` }, { field: `${at}.evidence` }));
        else if (typeof v !== "string") out.push(finding("bad-field", "error", { zh: `必须是字符串，而不是 ${quote(v)}`, en: `must be a string, not ${quote(v)}` }, { field: `${at}.evidence`, item: id }));
        else arr[i] = v;
      }
      if (arr.some((x) => x !== null)) rec.evidence = arr;
    }
  }
  return compact(rec) ?? {};
}

/** The assessment-level records of an exchange-format object. Type faults are errors; unknown fields warnings. */
export function readRecords(json: Record<string, unknown>, scheme: Scheme, out: Finding[]): AuditRecords {
  const rec: AuditRecords = {};
  const clauseIds = new Set(scheme.clauses.map((c) => c.id));
  const pointIds = scheme.specificRequirements.map((p) => p.id);
  const bad = (field: string, zh: string, en: string) => out.push(finding("bad-field", "error", { zh, en }, { field }));
  const notObject = (field: string) => bad(field, "必须是一个对象", "must be an object");

  if (has(json, "maturityEvidence")) {
    const v = json.maturityEvidence;
    if (!isObject(v)) notObject("maturityEvidence");
    else {
      const m: Record<string, string> = {};
      for (const [id, text] of Object.entries(v)) {
        if (!clauseIds.has(id)) out.push(finding("unknown-clause", "error", { zh: `未知的条款编号 ${quote(id)}`, en: `unknown clause id ${quote(id)}` }, { field: "maturityEvidence" }));
        else if (typeof text !== "string") bad(`maturityEvidence.${id}`, `必须是字符串，而不是 ${quote(text)}`, `must be a string, not ${quote(text)}`);
        else m[id] = text;
      }
      if (Object.keys(m).length) rec.maturityEvidence = m;
    }
  }
  if (has(json, "specificRequirements")) {
    const v = json.specificRequirements;
    if (!isObject(v)) notObject("specificRequirements");
    else {
      const m: Record<string, SpecificCheck> = {};
      for (const [id, p] of Object.entries(v)) {
        const at = `specificRequirements.${id}`;
        if (!pointIds.includes(id)) {
          bad("specificRequirements", `未知的 4.2.2 要点 ${quote(id)}（可用：${pointIds.join(", ")}）`, `unknown 4.2.2 point ${quote(id)} (known: ${pointIds.join(", ")})`);
          continue;
        }
        if (!isObject(p)) {
          notObject(at);
          continue;
        }
        const f = new FieldReader(p, at, out, ["result", "evidence"]);
        const result = f.oneOf("result", ["conform", "nonconform", "na"] as const);
        if (!has(p, "result")) bad(at, "缺少 result（conform / nonconform / na）", "missing result (conform / nonconform / na)");
        const evidence = f.string("evidence");
        if (result) m[id] = compact({ result, evidence }) as SpecificCheck;
      }
      if (Object.keys(m).length) rec.specificRequirements = m;
    }
  }
  if (has(json, "conformity")) {
    const v = json.conformity;
    if (!isObject(v)) notObject("conformity");
    else {
      const f = new FieldReader(v, "conformity", out, ["passed", "date", "note"]);
      const passed = f.boolean("passed");
      if (!has(v, "passed")) bad("conformity", "缺少 passed（true / false）", "missing passed (true / false)");
      const c = { passed, date: f.date("date"), note: f.string("note") };
      if (passed !== undefined) rec.conformity = compact(c) as ConformityReview;
    }
  }
  if (has(json, "nonconformities")) {
    const v = json.nonconformities;
    if (!Array.isArray(v)) bad("nonconformities", "必须是数组", "must be an array");
    else {
      const list: Nonconformity[] = [];
      v.forEach((nc, k) => {
        const at = `nonconformities[${k}]`;
        if (!isObject(nc)) return notObject(at);
        const f = new FieldReader(nc, at, out, ["clause", "description", "severity", "status"]);
        const description = f.string("description");
        const severity = f.oneOf("severity", ["major", "minor"] as const);
        if (!has(nc, "description")) bad(at, "缺少 description", "missing description");
        if (!has(nc, "severity")) bad(at, "缺少 severity（major / minor）", "missing severity (major / minor)");
        const clause = f.string("clause");
        const status = f.oneOf("status", ["open", "closed"] as const);
        if (description !== undefined && severity) list.push(compact({ clause, description, severity, status }) as Nonconformity);
      });
      if (list.length) rec.nonconformities = list;
    }
  }
  if (has(json, "qms")) {
    const v = json.qms;
    if (!isObject(v)) notObject("qms");
    else {
      const f = new FieldReader(v, "qms", out, ["certified", "certificateNo", "issuer", "accredited", "validUntil", "riskEvaluation", "exemption", "scope"]);
      const q = compact<QmsRecord>({
        certified: f.boolean("certified"),
        certificateNo: f.string("certificateNo"),
        issuer: f.string("issuer"),
        accredited: f.boolean("accredited"),
        validUntil: f.date("validUntil"),
        riskEvaluation: f.string("riskEvaluation"),
        exemption: f.oneOf("exemption", ["none", "partial"] as const),
        scope: f.string("scope"),
      });
      if (q) rec.qms = q;
    }
  }
  if (has(json, "audit")) {
    const v = json.audit;
    if (!isObject(v)) notObject("audit");
    else {
      const f = new FieldReader(v, "audit", out, ["reportNo", "from", "to", "leader", "team", "reviewer", "decisionMaker", "decisionDate"]);
      const a = compact<AuditSignOff>({
        reportNo: f.string("reportNo"),
        from: f.date("from"),
        to: f.date("to"),
        leader: f.string("leader"),
        team: f.strings("team"),
        reviewer: f.string("reviewer"),
        decisionMaker: f.string("decisionMaker"),
        decisionDate: f.date("decisionDate"),
      });
      if (a) rec.audit = a;
    }
  }
  return rec;
}

/** The conformity status of RULES.md §5. */
export type ConformityStatus = "passed" | "failed" | "absent";

export function conformityStatus(rec: AuditRecords | undefined): ConformityStatus {
  const c = rec?.conformity;
  return !c ? "absent" : c.passed ? "passed" : "failed";
}

/**
 * Inconsistencies among the records (RULES.md §5: warnings, the auditor decides): a passed review with
 * an open major nonconformity or a 4.2.2 point recorded as not conforming; unknown clause ids on
 * nonconformities; dates in the wrong order; an exemption without a valid certificate.
 */
export function recordWarnings(rec: AuditRecords | undefined, scheme: Scheme): Finding[] {
  const out: Finding[] = [];
  if (!rec) return out;
  const w = (zh: string, en: string, field?: string) => out.push(finding("record", "warning", { zh, en }, field ? { field } : {}));
  const passed = rec.conformity?.passed === true;
  const openMajor = (rec.nonconformities ?? []).filter((nc) => nc.severity === "major" && nc.status !== "closed");
  if (passed && openMajor.length) {
    w(
      `符合性审查记录为通过，但仍有 ${openMajor.length} 项严重不符合未关闭`,
      `the conformity review is recorded as passed, but ${openMajor.length} major nonconformit${openMajor.length === 1 ? "y is" : "ies are"} still open`,
      "conformity"
    );
  }
  const failedPoints = Object.entries(rec.specificRequirements ?? {})
    .filter(([, p]) => p.result === "nonconform")
    .map(([id]) => scheme.specificRequirements.find((p) => p.id === id)?.label ?? id);
  if (passed && failedPoints.length) {
    w(
      `符合性审查记录为通过，但 4.2.2 的 ${failedPoints.join("、")} 记录为不符合`,
      `the conformity review is recorded as passed, but 4.2.2 ${failedPoints.join(", ")} ${failedPoints.length === 1 ? "is" : "are"} recorded as not conforming`,
      "conformity"
    );
  }
  const clauseIds = new Set(scheme.clauses.map((c) => c.id));
  (rec.nonconformities ?? []).forEach((nc, k) => {
    if (nc.clause && !clauseIds.has(nc.clause.trim())) {
      w(`不符合项 ${k + 1} 的条款 ${quote(nc.clause)} 不是附录 3 的条款编号`, `nonconformity ${k + 1}: ${quote(nc.clause)} is not an Appendix 3 clause id`, `nonconformities[${k}].clause`);
    }
  });
  const a = rec.audit;
  if (a?.from && a.to && a.to < a.from) w("审核结束日期早于开始日期", "the audit ends before it starts", "audit.to");
  const end = a?.to ?? a?.from;
  if (a?.decisionDate && end && a.decisionDate < end) w("认证决定日期早于审核结束日期", "the certification decision is dated before the audit ended", "audit.decisionDate");
  if (rec.conformity?.date && end && rec.conformity.date < (a?.from ?? end)) w("符合性审查日期早于审核开始日期", "the conformity review is dated before the audit began", "conformity.date");
  const q = rec.qms;
  if (q?.exemption === "partial" && q.certified === false) w("记录为部分免除质量管理体系审核，但组织没有有效的质量管理体系证书（5.2.2）", "a partial exemption is recorded, but the organisation holds no valid QMS certificate (5.2.2)", "qms.exemption");
  if (q?.exemption === "partial" && q.validUntil && end && q.validUntil < end) w("记录为部分免除，但质量管理体系证书在审核结束前已失效（5.2.2）", "a partial exemption is recorded, but the QMS certificate expired before the audit ended (5.2.2)", "qms.validUntil");
  if (q?.exemption === "partial" && !q.riskEvaluation) w("记录为部分免除，但没有风险评估（5.2.2：评估风险后决定）", "a partial exemption is recorded without the risk evaluation 5.2.2 asks for", "qms.riskEvaluation");
  return out;
}

/** One line of the records overview: what is filled and what is missing. */
export interface RecordSection {
  key: "raters" | "evidence" | "clauseEvidence" | "specific" | "qms" | "conformity" | "nonconformities" | "signoff";
  title: Text;
  filled: number;
  of: number;
  /** what is missing, in words */
  missing: Text[];
}

/** What is recorded and what is missing, for the pane's records view and the CLI report. */
export function recordsOverview(
  raters: ReadonlyArray<RaterRecord & { counted?: boolean }>,
  rec: AuditRecords | undefined,
  scheme: Scheme
): RecordSection[] {
  const r = rec ?? {};
  const out: RecordSection[] = [];
  const counted = raters.filter((x) => x.counted !== false);
  const raterMissing: Text[] = [];
  let raterFilled = 0;
  counted.forEach((x, k) => {
    const miss: string[][] = [];
    if (!x.name) miss.push(["名称", "name"]);
    if (!x.kind) miss.push(["类型", "kind"]);
    if (!x.date) miss.push(["日期", "date"]);
    if (!x.method) miss.push(["方式", "method"]);
    if (!miss.length) raterFilled++;
    else raterMissing.push({ zh: `评价列 ${k + 1}：缺${miss.map((m) => m[0]).join("、")}`, en: `column ${k + 1}: no ${miss.map((m) => m[1]).join(", ")}` });
  });
  out.push({ key: "raters", title: { zh: "评价人 / 走访记录（5.1.2）", en: "Raters / visits (5.1.2)" }, filled: raterFilled, of: counted.length, missing: raterMissing });

  const evCells = counted.reduce((s, x) => s + (x.evidence ?? []).filter((e) => typeof e === "string" && e.trim()).length, 0);
  out.push({ key: "evidence", title: { zh: "服务评价证据（每项、每列）", en: "Service evidence (per item and column)" }, filled: evCells, of: counted.length * scheme.items.length, missing: [] });
  const clauseEv = scheme.clauses.filter((c) => (r.maturityEvidence?.[c.id] ?? "").trim()).length;
  out.push({
    key: "clauseEvidence",
    title: { zh: "成熟度证据（每条款）", en: "Maturity evidence (per clause)" },
    filled: clauseEv,
    of: scheme.clauses.length,
    missing: scheme.clauses.filter((c) => !(r.maturityEvidence?.[c.id] ?? "").trim()).length
      ? [{ zh: `缺：${scheme.clauses.filter((c) => !(r.maturityEvidence?.[c.id] ?? "").trim()).map((c) => c.id).join(", ")}`, en: `none for ${scheme.clauses.filter((c) => !(r.maturityEvidence?.[c.id] ?? "").trim()).map((c) => c.id).join(", ")}` }]
      : [],
  });
  const pts = scheme.specificRequirements;
  const missingPts = pts.filter((p) => !r.specificRequirements?.[p.id]);
  out.push({
    key: "specific",
    title: { zh: "特定的管理要求（4.2.2）", en: "Specific management requirements (4.2.2)" },
    filled: pts.length - missingPts.length,
    of: pts.length,
    missing: missingPts.length ? [{ zh: `未记录：${missingPts.map((p) => p.label).join("、")}`, en: `not recorded: ${missingPts.map((p) => p.label).join(", ")}` }] : [],
  });
  const q = r.qms ?? {};
  const qDecided = q.exemption !== undefined;
  const qMissing: Text[] = [];
  if (q.certified === undefined) qMissing.push({ zh: "是否持有质量管理体系证书", en: "whether a QMS certificate is held" });
  if (!qDecided) qMissing.push({ zh: "免除决定", en: "the exemption decision" });
  if (q.exemption === "partial" && !q.scope) qMissing.push({ zh: "免除范围", en: "the exemption scope" });
  out.push({ key: "qms", title: { zh: "质量管理体系审核免除（5.2.2）", en: "QMS audit exemption (5.2.2)" }, filled: (q.certified !== undefined ? 1 : 0) + (qDecided ? 1 : 0), of: 2, missing: qMissing });
  out.push({
    key: "conformity",
    title: { zh: "管理要求符合性审查（5.3）", en: "Conformity review (5.3)" },
    filled: r.conformity ? 1 : 0,
    of: 1,
    missing: r.conformity ? [] : [{ zh: "尚未记录审查结果：认证结果为暂定", en: "no result recorded: the grade is provisional" }],
  });
  const ncs = r.nonconformities ?? [];
  const open = ncs.filter((nc) => nc.status !== "closed");
  out.push({
    key: "nonconformities",
    title: { zh: "不符合项", en: "Nonconformities" },
    filled: ncs.length - open.length,
    of: ncs.length,
    missing: open.length ? [{ zh: `${open.length} 项未关闭（其中严重 ${open.filter((n) => n.severity === "major").length} 项）`, en: `${open.length} open (${open.filter((n) => n.severity === "major").length} major)` }] : [],
  });
  const a = r.audit ?? {};
  const sign: [keyof AuditSignOff, string, string][] = [
    ["reportNo", "报告编号", "report number"],
    ["from", "审核开始日期", "audit start"],
    ["to", "审核结束日期", "audit end"],
    ["leader", "审核组长", "team leader"],
    ["team", "审核组成员", "team"],
    ["reviewer", "技术复核人", "technical reviewer"],
    ["decisionMaker", "认证决定人", "decision maker"],
    ["decisionDate", "决定日期", "decision date"],
  ];
  const signMissing = sign.filter(([k]) => (k === "team" ? !(a.team && a.team.length) : !a[k]));
  out.push({
    key: "signoff",
    title: { zh: "签署（报告编号、审核组、复核、决定）", en: "Sign-off (report number, team, review, decision)" },
    filled: sign.length - signMissing.length,
    of: sign.length,
    missing: signMissing.length ? [{ zh: `缺：${signMissing.map((s) => s[1]).join("、")}`, en: `missing: ${signMissing.map((s) => s[2]).join(", ")}` }] : [],
  });
  return out;
}
