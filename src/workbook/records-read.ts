/**
 * The records of RULES.md §6 read back from a workbook's names (the inverse of model/fill.ts): the
 * columns' particulars, evidence, the 4.2.2 checklist, 5.2.2, nonconformities, sign-off and the
 * conformity review. A list cell holds a label in either language; a date cell a serial number or a
 * date typed as text. What cannot be read is a finding naming the cell, never a guess.
 */
import type { Scheme, Text } from "../scheme/types";
import { finding, quote, type AuditRecords, type AuditSignOff, type Finding, type Nonconformity, type QmsRecord, type RaterRecord, type SpecificCheck } from "../engine";
import { NAMES, type RangeSnapshot, type WorkbookSnapshot } from "./contract";
import { cellDate } from "./dates";
import { AUDIT_FIELDS, QMS_FIELDS } from "./model/types";
import { cellAt, locate } from "./snapshot-locate";

const str = (v: unknown): string | undefined => {
  if (v === null || v === undefined) return undefined;
  const s = typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : undefined;
  return s !== undefined && s.trim() ? s.trim() : undefined;
};

/** The code whose label (either language) a cell holds. */
function codeOf<C extends string>(v: unknown, labels: Record<C, Text>): C | undefined | null {
  const s = str(v);
  if (s === undefined) return undefined;
  for (const [code, t] of Object.entries(labels) as [C, Text][]) {
    if (s === t.zh || s.toLowerCase() === t.en.toLowerCase()) return code;
  }
  return null;
}

class CellReader {
  constructor(
    private readonly range: RangeSnapshot | undefined,
    private readonly name: string,
    private readonly out: Finding[],
    private readonly date1904: boolean
  ) {}
  private place(i: number, j: number) {
    const loc = this.range ? locate(this.range) : null;
    return { field: this.name, cell: loc ? cellAt(loc, i, j) : undefined };
  }
  raw(i: number, j = 0): unknown {
    return this.range?.values?.[i]?.[j] ?? null;
  }
  text(i: number, j = 0): string | undefined {
    return str(this.raw(i, j));
  }
  date(i: number, j = 0): string | undefined {
    const v = this.raw(i, j);
    if (str(v) === undefined) return undefined;
    const d = cellDate(v, this.date1904);
    if (d === undefined) {
      this.out.push(finding("record", "warning", { zh: `${quote(v)} 不是日期，未记录`, en: `${quote(v)} is not a date; not recorded` }, this.place(i, j)));
    }
    return d;
  }
  code<C extends string>(i: number, j: number, labels: Record<C, Text>): C | undefined {
    const c = codeOf(this.raw(i, j), labels);
    if (c === null) {
      const allowed = Object.values(labels as Record<string, Text>).map((t) => t.zh).join(" / ");
      this.out.push(finding("record", "warning", { zh: `${quote(this.raw(i, j))} 不是可选值（${allowed}），未记录`, en: `${quote(this.raw(i, j))} is not one of the choices (${Object.values(labels as Record<string, Text>).map((t) => t.en).join(" / ")}); not recorded` }, this.place(i, j)));
      return undefined;
    }
    return c;
  }
}

const compact = <T extends object>(o: T): T | undefined => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return Object.keys(out).length ? (out as T) : undefined;
};

/** Particulars and evidence of each rater column (5.1.2), by column. */
export function raterRecords(snap: WorkbookSnapshot, scheme: Scheme, cols: number, out: Finding[]): RaterRecord[] {
  const v = scheme.vocabulary;
  const info = new CellReader(snap.ranges[NAMES.raterInfo], NAMES.raterInfo, out, !!snap.date1904);
  const ev = snap.ranges[NAMES.evidence];
  return Array.from({ length: cols }, (_, j) => {
    const kind = info.code(0, j, v.raterKind);
    const evidence = scheme.items.map((_, i) => str(ev?.values?.[i]?.[j]) ?? null);
    return compact<RaterRecord>({
      name: info.text(1, j),
      kind,
      date: info.date(2, j),
      method: info.text(3, j),
      evidence: evidence.some((e) => e !== null) ? evidence : undefined,
    }) ?? {};
  });
}

/** The assessment-level records. */
export function recordsFromSnapshot(snap: WorkbookSnapshot, scheme: Scheme, out: Finding[]): AuditRecords {
  const v = scheme.vocabulary;
  const d1904 = !!snap.date1904;
  const rec: AuditRecords = {};

  const ce = snap.ranges[NAMES.clauseEvidence];
  if (ce) {
    const m: Record<string, string> = {};
    scheme.clauses.forEach((c, i) => {
      const s = str(ce.values?.[i]?.[0]);
      if (s !== undefined) m[c.id] = s;
    });
    if (Object.keys(m).length) rec.maturityEvidence = m;
  }

  const sp = new CellReader(snap.ranges[NAMES.specific], NAMES.specific, out, d1904);
  const specific: Record<string, SpecificCheck> = {};
  scheme.specificRequirements.forEach((p, i) => {
    const result = sp.code(i, 0, v.specificResult);
    const evidence = sp.text(i, 1);
    if (result) specific[p.id] = compact({ result, evidence }) as SpecificCheck;
    else if (evidence) out.push(finding("record", "warning", { zh: `4.2.2 ${p.label} 有证据但没有审核结果`, en: `4.2.2 ${p.label} has evidence but no finding` }, { field: NAMES.specific }));
  });
  if (Object.keys(specific).length) rec.specificRequirements = specific;

  const cf = new CellReader(snap.ranges[NAMES.conformity], NAMES.conformity, out, d1904);
  const result = cf.code(0, 0, v.conformity);
  if (result) rec.conformity = compact({ passed: result === "passed", date: cf.date(1), note: cf.text(2) }) as AuditRecords["conformity"];

  const ncRange = snap.ranges[NAMES.nonconformities];
  if (ncRange) {
    const nc = new CellReader(ncRange, NAMES.nonconformities, out, d1904);
    const list: Nonconformity[] = [];
    ncRange.values.forEach((_, k) => {
      const description = nc.text(k, 1);
      const clause = nc.text(k, 0);
      const severity = nc.code(k, 2, v.severity);
      const status = nc.code(k, 3, v.ncStatus);
      if (description === undefined && clause === undefined && !severity && !status) return;
      if (description === undefined || !severity) {
        out.push(
          finding(
            "record",
            "warning",
            { zh: `不符合项第 ${k + 1} 行缺少描述或严重程度，未记录`, en: `nonconformity row ${k + 1} lacks a description or a severity; not recorded` },
            { field: NAMES.nonconformities, cell: cellAt(locate(ncRange)!, k, description === undefined ? 1 : 2) }
          )
        );
        return;
      }
      list.push(compact({ clause, description, severity, status }) as Nonconformity);
    });
    if (list.length) rec.nonconformities = list;
  }

  const q = new CellReader(snap.ranges[NAMES.qms], NAMES.qms, out, d1904);
  const yes = (i: number) => {
    const c = q.code(i, 0, v.yesNo);
    return c === undefined ? undefined : c === "yes";
  };
  const at = (f: (typeof QMS_FIELDS)[number]) => QMS_FIELDS.indexOf(f);
  const qms = compact<QmsRecord>({
    certified: yes(at("certified")),
    certificateNo: q.text(at("certificateNo")),
    issuer: q.text(at("issuer")),
    accredited: yes(at("accredited")),
    validUntil: q.date(at("validUntil")),
    riskEvaluation: q.text(at("riskEvaluation")),
    exemption: q.code(at("exemption"), 0, v.exemption),
    scope: q.text(at("scope")),
  });
  if (qms) rec.qms = qms;

  const a = new CellReader(snap.ranges[NAMES.audit], NAMES.audit, out, d1904);
  const ai = (f: (typeof AUDIT_FIELDS)[number]) => AUDIT_FIELDS.indexOf(f);
  const team = a.text(ai("team"));
  const audit = compact<AuditSignOff>({
    reportNo: a.text(ai("reportNo")),
    from: a.date(ai("from")),
    to: a.date(ai("to")),
    leader: a.text(ai("leader")),
    team: team
      ? team
          .split(/[、,，;；\n]+/)
          .map((x) => x.trim())
          .filter(Boolean)
      : undefined,
    reviewer: a.text(ai("reviewer")),
    decisionMaker: a.text(ai("decisionMaker")),
    decisionDate: a.date(ai("decisionDate")),
  });
  if (audit) rec.audit = audit;
  return rec;
}
