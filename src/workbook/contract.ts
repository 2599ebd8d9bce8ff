/**
 * The contract between the templates and every tool that reads them (task pane, `qcs score`, tests):
 * workbook-level names instead of fixed addresses, so rows can move and sheets can be renamed.
 * Rows are in Appendix 1 / Appendix 3 order.
 */
export const NAMES = {
  /** 19 rows × N rater columns of α (number, N/A text or blank) */
  alpha: "QCS_ALPHA",
  /** 19 rows × 1: item weights as printed in the template */
  weights: "QCS_WEIGHTS",
  /** 21 rows × 1: clause maturity levels 1–5 */
  levels: "QCS_LEVELS",
  /** the panel service score, rounded */
  serviceScore: "QCS_SERVICE_SCORE",
  maturityTotal: "QCS_MATURITY_TOTAL",
  maturityLevel: "QCS_MATURITY_LEVEL",
  /** the grade under the default profile: the grade code (AAAAA, AAAA, AAA, BASIC, NONE) or blank */
  grade: "QCS_GRADE",
  // added by the templates (issue 4):
  /** 21 rows × 1: clause weights (总分值) as printed in the template */
  clauseWeights: "QCS_CLAUSE_WEIGHTS",
  /** the organisation being audited (text input) */
  organization: "QCS_ORGANIZATION",
  /** the scheme id the template was built for */
  scheme: "QCS_SCHEME",
  // added by template version 2.0 (the records of RULES.md §5–§6, the margins of §7):
  /** 4 rows × N rater columns: kind (person / visit), name, date, method of each column (5.1.2) */
  raterInfo: "QCS_RATER_INFO",
  /** 19 rows × N: evidence per item and column */
  evidence: "QCS_EVIDENCE",
  /** 21 rows × 1: evidence per clause (Appendix 4) */
  clauseEvidence: "QCS_CLAUSE_EVIDENCE",
  /** 7 rows × 2: 4.2.2 points, result and evidence */
  specific: "QCS_SPECIFIC",
  /** 8 rows × 1: 5.2.2 certified, certificate no., issuer, accredited, valid until, risk evaluation, exemption, scope */
  qms: "QCS_QMS",
  /** K rows × 4: nonconformities — clause, description, severity, status */
  nonconformities: "QCS_NC",
  /** 8 rows × 1: report no., from, to, leader, team, reviewer, decision maker, decision date */
  audit: "QCS_AUDIT",
  /** 3 rows × 1: the conformity review of 5.3 — result, date, note */
  conformity: "QCS_CONFORMITY",
  /** RULES.md §7: the margins of the graded result (blank when not graded) */
  serviceMargin: "QCS_SERVICE_MARGIN",
  maturityMargin: "QCS_MATURITY_MARGIN",
} as const;

export type NameKey = keyof typeof NAMES;
export type QcsName = (typeof NAMES)[NameKey];

/** What a reader (Office.js, ExcelJS, in-memory) gives back for one named range. */
export interface RangeSnapshot {
  /** "'Sheet name'!C5:E23" */
  address: string;
  /** row-major values; blanks as null or "" */
  values: unknown[][];
  /** row-major formulas where the reader has them ("=…" or the value) */
  formulas?: unknown[][];
  /**
   * Set when the reader did not read the cells because the name covers more than a reader may read
   * (LIMITS.nameCells): its true size. `values` is then empty; the name is reported, never scored.
   */
  unread?: { rows: number; cols: number };
}

/** Everything a reader gives back: the named ranges it found (missing ones are absent). */
export interface WorkbookSnapshot {
  ranges: Partial<Record<string, RangeSnapshot>>;
  /** the workbook counts dates from 1904 (a Mac setting); serial numbers then mean other days */
  date1904?: boolean;
  /** the stamp (key → value) where the reader found one */
  stamp?: Record<string, string>;
}
