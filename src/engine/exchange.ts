/**
 * The exchange format (../shared/spec/assessment.schema.json): reading a JSON assessment into the
 * engine's AssessmentInput (every fault a finding naming the field, bounded in number), and writing one
 * back, so JSON → workbook → JSON loses nothing.
 */
import type { Scheme } from "../scheme/types";
import { finding, FindingList, quote, type Finding } from "./findings";
import { parseJson } from "./json";
import { LIMITS } from "./limits";
import { readRaterRecord, readRecords, type AuditRecords } from "./records";
import type { AssessmentInput } from "./assessment";
import type { RaterInput } from "./service";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The top-level fields of the exchange format; any other is reported (a typo such as "conformty" must not pass unseen). */
export const EXCHANGE_FIELDS = [
  "scheme",
  "profile",
  "organization",
  "service",
  "maturity",
  "maturityEvidence",
  "specificRequirements",
  "conformity",
  "nonconformities",
  "qms",
  "audit",
  "sources",
] as const;

/** One returned form a merged assessment was made from (issue 10); carried through, not interpreted. */
export interface SourceRecord {
  file: string;
  sha256: string;
  formId?: string;
  rater?: string;
  kind?: string;
  date?: string;
  verdict: string;
}

export interface ExchangeRead {
  input: AssessmentInput | null;
  findings: Finding[];
}

/**
 * Reads an assessment in the exchange format. Structural faults, unknown ids and fields are findings;
 * cell values are checked later by the scoring itself. At most LIMITS.findingsPerFile findings are kept.
 */
export function readExchange(json: unknown, scheme: Scheme): ExchangeRead {
  const findings = new FindingList(LIMITS.findingsPerFile);
  // the record readers report into an array: each finding goes straight into the bounded list (a file
  // with 2,400,000 bad nonconformities must not first build 2,400,000 findings, nor spread them)
  const sink: Finding[] = [];
  sink.push = (...fs: Finding[]): number => {
    for (const f of fs) findings.push(f);
    return 0;
  };
  const bad = (field: string, zh: string, en: string) => findings.push(finding("bad-field", "error", { zh, en }, { field }));
  if (!isObject(json)) {
    bad("(root)", "评价文件必须是一个 JSON 对象", "an assessment must be a JSON object");
    return { input: null, findings: findings.list() };
  }
  for (const key of Object.keys(json)) {
    if (!(EXCHANGE_FIELDS as readonly string[]).includes(key)) {
      findings.push(
        finding(
          "unknown-field",
          "warning",
          { zh: `未知的字段 ${quote(key)}，已忽略（交换格式的字段：${EXCHANGE_FIELDS.join(", ")}）`, en: `unknown field ${quote(key)}, ignored (the exchange format's fields: ${EXCHANGE_FIELDS.join(", ")})` },
          { field: key }
        )
      );
    }
  }
  for (const key of ["scheme", "profile", "organization"]) {
    if (json[key] !== undefined && typeof json[key] !== "string") bad(key, `必须是字符串，而不是 ${quote(json[key])}`, `must be a string, not ${quote(json[key])}`);
  }
  if (typeof json.scheme === "string" && json.scheme !== scheme.id) {
    bad("scheme", `本工具只支持 ${quote(scheme.id)}，而不是 ${quote(json.scheme)}`, `this tool scores ${quote(scheme.id)}, not ${quote(json.scheme)}`);
  }
  if (typeof json.profile === "string" && !scheme.profiles.some((p) => p.id === json.profile)) {
    findings.push(
      finding(
        "unknown-profile",
        "error",
        {
          zh: `未知的规则配置 ${quote(json.profile)}（可用：${scheme.profiles.map((p) => p.id).join(", ")}）`,
          en: `unknown rule profile ${quote(json.profile)} (known: ${scheme.profiles.map((p) => p.id).join(", ")})`,
        },
        { field: "profile" }
      )
    );
  }
  const itemIndex = new Map(scheme.items.map((it, i) => [it.id, i]));
  const clauseIndex = new Map(scheme.clauses.map((c, i) => [c.id, i]));

  const raters: RaterInput[] = [];
  const service = json.service;
  if (!isObject(service)) {
    bad("service", "缺少 service 对象", "missing the service object");
  } else if (!Array.isArray(service.raters)) {
    bad("service.raters", "缺少 raters 数组", "missing the raters array");
  } else if (service.raters.length === 0) {
    findings.push(finding("no-raters", "error", { zh: "没有评价人", en: "there are no raters" }, { field: "service.raters" }));
  } else {
    for (let ri = 0; ri < service.raters.length; ri++) {
      const r: unknown = service.raters[ri];
      const field = `service.raters[${ri}]`;
      if (!isObject(r) || !isObject(r.alpha)) {
        bad(isObject(r) ? `${field}.alpha` : field, "必须是一个以项目编号为键的对象", "must be an object keyed by item id");
        continue;
      }
      const rec = readRaterRecord(r, field, scheme, sink, itemIndex);
      const alphas: unknown[] = new Array(scheme.items.length).fill(null);
      const alpha = r.alpha;
      // keys, not entries: a hostile object may hold 600,000 ids, and an [id, value] pair each is garbage
      for (const id of Object.keys(alpha)) {
        const v = alpha[id];
        const i = itemIndex.get(id);
        // a hostile file may hold hundreds of thousands of ids: once the list is full, only count them
        if (i === undefined && findings.full) findings.tally("error");
        else if (i === undefined) {
          findings.push(
            finding("unknown-item", "error", { zh: `未知的项目编号 ${quote(id)}`, en: `unknown item id ${quote(id)}` }, { field: `${field}.alpha`, rater: ri + 1, rater_name: rec.name })
          );
        } else if (v === null) {
          findings.push(
            finding(
              "alpha-not-number",
              "error",
              { zh: "α 不能为 null；未评分的项目请省略", en: "α must not be null; leave an unscored item out" },
              { field: `${field}.alpha`, rater: ri + 1, rater_name: rec.name, item: id }
            )
          );
        } else alphas[i] = v;
      }
      raters.push({ ...rec, alphas });
      if (raters.length > LIMITS.raters) {
        bad("service.raters", `评价人超过 ${LIMITS.raters} 个，其余未读取`, `more than ${LIMITS.raters} raters; the rest were not read`);
        break;
      }
    }
  }

  const levels: unknown[] = new Array(scheme.clauses.length).fill(null);
  if (!isObject(json.maturity)) {
    bad("maturity", "缺少 maturity 对象（条款编号 → 成熟度等级）", "missing the maturity object (clause id → level)");
  } else {
    const maturity = json.maturity;
    for (const id of Object.keys(maturity)) {
      const v = maturity[id];
      const i = clauseIndex.get(id);
      if (i === undefined && findings.full) findings.tally("error");
      else if (i === undefined) {
        findings.push(finding("unknown-clause", "error", { zh: `未知的条款编号 ${quote(id)}`, en: `unknown clause id ${quote(id)}` }, { field: "maturity" }));
      } else if (v === null) {
        findings.push(finding("level-invalid", "error", { zh: "成熟度等级不能为 null；请填写 1–5", en: "maturity level must not be null; give 1–5" }, { field: "maturity", clause: id }));
      } else levels[i] = v;
    }
  }
  const records = readRecords(json, scheme, sink);
  const list = findings.list();
  if (list.some((f) => f.severity === "error") && raters.length === 0) return { input: null, findings: list };
  const input: AssessmentInput = {
    organization: typeof json.organization === "string" ? json.organization : undefined,
    profile: typeof json.profile === "string" ? json.profile : undefined,
    raters,
    levels,
  };
  if (Object.keys(records).length) input.records = records;
  return { input, findings: list };
}

/**
 * Reads exchange-format text: strict JSON (a key given twice in one object is an error: JSON.parse would
 * silently keep the last, and another reader might keep the first), bounded depth, then readExchange.
 */
export function readExchangeText(text: string, scheme: Scheme): ExchangeRead {
  const parsed = parseJson(text.replace(/^\uFEFF/, ""), { maxDepth: LIMITS.depth, maxDuplicates: LIMITS.findingsPerFile, maxValues: LIMITS.jsonValues });
  if (!parsed.ok && parsed.limit) {
    const depth = /^nested/.test(parsed.error);
    const n = (depth ? LIMITS.depth : LIMITS.jsonValues).toLocaleString("en-US");
    const where = { zh: `第 ${parsed.line} 行第 ${parsed.column} 列`, en: `line ${parsed.line}, column ${parsed.column}` };
    return {
      input: null,
      findings: [
        finding(
          "too-large",
          "error",
          depth
            ? { zh: `JSON 嵌套超过 ${n} 层（LIMITS.depth，${where.zh}），未读取`, en: `the JSON is nested deeper than ${n} levels (LIMITS.depth, ${where.en}); not read` }
            : { zh: `JSON 中的值超过 ${n} 个（LIMITS.jsonValues，${where.zh}），未读取`, en: `the JSON holds more than ${n} values (LIMITS.jsonValues, ${where.en}); not read` }
        ),
      ],
    };
  }
  if (!parsed.ok) {
    return {
      input: null,
      findings: [
        finding("bad-json", "error", {
          zh: `JSON 格式错误（第 ${parsed.line} 行第 ${parsed.column} 列）：${parsed.error}`,
          en: `malformed JSON (line ${parsed.line}, column ${parsed.column}): ${parsed.error}`,
        }),
      ],
    };
  }
  const dup = parsed.duplicates.map((d) =>
    finding(
      "duplicate-key",
      "error",
      {
        zh: `键 ${quote(d.key)} 在同一对象中出现多次，无法确定哪个值有效`,
        en: `the key ${quote(d.key)} appears more than once in one object; which value counts is ambiguous`,
      },
      { field: d.path.replace(/^\$\.?/, "") || "(root)" }
    )
  );
  const read = readExchange(parsed.value, scheme);
  if (!dup.length) return read;
  // the file is ambiguous: report it, never score it (the duplicates beyond those listed are counted)
  const list = new FindingList(LIMITS.findingsPerFile);
  list.push(...dup);
  for (let k = dup.length; k < parsed.duplicateCount; k++) list.tally("error");
  list.push(...read.findings);
  return { input: null, findings: list.list() };
}

/** An assessment as exchange-format JSON (the inverse of readExchange for valid input). */
export function writeExchange(input: AssessmentInput, scheme: Scheme, extra: { sources?: SourceRecord[] } = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { scheme: scheme.id };
  if (input.profile) out.profile = input.profile;
  if (input.organization) out.organization = input.organization;
  out.service = {
    raters: input.raters.map((r) => {
      const o: Record<string, unknown> = {};
      if (r.name !== undefined) o.name = r.name;
      if (r.kind) o.kind = r.kind;
      if (r.date) o.date = r.date;
      if (r.method) o.method = r.method;
      o.alpha = Object.fromEntries(scheme.items.flatMap((it, i) => (r.alphas[i] === null || r.alphas[i] === undefined || r.alphas[i] === "" ? [] : [[it.id, r.alphas[i] === "NA" ? "N/A" : r.alphas[i]]])));
      const ev = scheme.items.flatMap((it, i) => (typeof r.evidence?.[i] === "string" && r.evidence[i] ? [[it.id, r.evidence[i] as string]] : []));
      if (ev.length) o.evidence = Object.fromEntries(ev);
      return o;
    }),
  };
  out.maturity = Object.fromEntries(scheme.clauses.flatMap((c, i) => (input.levels[i] === null || input.levels[i] === undefined || input.levels[i] === "" ? [] : [[c.id, input.levels[i]]])));
  const rec: AuditRecords = input.records ?? {};
  for (const k of ["maturityEvidence", "specificRequirements", "conformity", "nonconformities", "qms", "audit"] as const) {
    if (rec[k] !== undefined) out[k] = rec[k];
  }
  if (extra.sources) out.sources = extra.sources;
  return out;
}
