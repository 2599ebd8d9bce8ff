/** A piece of text in both languages of the product. */
export interface Text {
  zh: string;
  en: string;
}

export type Lang = "zh-CN" | "en-US";

/** Appendix 1 dimension (服务过程质量指标). */
export type DimensionId = "personnel" | "equipment" | "environment" | "specification";

export interface Characteristic {
  /** "1" … "7" */
  id: string;
  name: Text;
}

export interface ServiceItem {
  /** "1.1" … "6.3", "7.1" */
  id: string;
  /** id of its characteristic, "1" … "7" */
  characteristic: string;
  dimension: DimensionId;
  /** 单项分值 */
  weight: number;
  /** 评价内容 */
  criterion: Text;
}

export interface ClauseGroup {
  /** "1" … "7" */
  id: string;
  name: Text;
  /** Appendix 4: a sentence that leads the group's chapter and belongs to each of its clauses (chapter 7) */
  auditLead?: Text;
  /** Appendix 2: the description printed for this group at each maturity level, index 0 = level 1. */
  levels: [Text, Text, Text, Text, Text];
}

export interface Clause {
  /** Appendix 3 numbering: "1.1" … "7.2" */
  id: string;
  /** id of its group, "1" … "7" */
  group: string;
  /** 总分值 (5 or 10): points at level L are L × weight / 5 */
  weight: number;
  title: Text;
  /** Appendix 4: what the auditor checks for this clause. */
  audit: Text;
}

export interface LikertBand {
  band: 1 | 2 | 3 | 4 | 5;
  /** lower edge; open (α > min) except for band 1, where it is closed (α ≥ min) */
  min: number;
  /** upper edge, closed (α ≤ max) */
  max: number;
  label: Text;
}

export interface MaturityBand {
  level: 1 | 2 | 3 | 4 | 5;
  /** closed lower edge: total ≥ min */
  min: number;
  /** upper edge: total < max, except the top band where total ≤ max */
  max: number;
  label: Text;
}

export type GradeCode = "AAAAA" | "AAAA" | "AAA" | "BASIC" | "NONE";

/** One gate of a profile: the result `code` needs service ≥ minService and maturity level ≥ minLevel. */
export interface GradeGate {
  code: Exclude<GradeCode, "NONE">;
  minService: number;
  minLevel: number;
  /** the row of the 5.3 table this gate comes from */
  row: number;
}

export interface RuleProfile {
  id: string;
  name: Text;
  /** highest result first */
  gates: GradeGate[];
  /** decimals the panel score is rounded to (half-up, decimal-safe) before grading */
  decimals: number;
}

/** One point of 4.2.2 (特定的管理要求). */
export interface SpecificRequirement {
  /** "1", "2.1" … "2.5", "3" (the exchange format's keys) */
  id: string;
  /** as numbered in the standard: "1)", "2) ①" … */
  label: string;
  text: Text;
}

/**
 * The words of the records the standard asks for (RULES.md §6) and their codes in the exchange format.
 * Templates offer the labels in lists; readers map a label (either language) back to its code.
 */
export interface RecordVocabulary {
  raterKind: Record<"person" | "visit", Text>;
  specificResult: Record<"conform" | "nonconform" | "na", Text>;
  severity: Record<"major" | "minor", Text>;
  ncStatus: Record<"open" | "closed", Text>;
  exemption: Record<"none" | "partial", Text>;
  yesNo: Record<"yes" | "no", Text>;
  conformity: Record<"passed" | "failed", Text>;
}

export interface Scheme {
  /** "CTS TBSC094-2026 B/0" */
  id: string;
  /** version of this data set (changes when the data changes) */
  version: string;
  title: Text;
  characteristics: Characteristic[];
  items: ServiceItem[];
  dimensions: Record<DimensionId, Text>;
  likert: LikertBand[];
  groups: ClauseGroup[];
  clauses: Clause[];
  maturityBands: MaturityBand[];
  /** valid clause levels */
  minClauseLevel: number;
  maxClauseLevel: number;
  gradeLabels: Record<GradeCode, Text>;
  /** how reasons name each row of the 5.3 table (only the row: its score range is never quoted, RULES.md §3) */
  gradeRows: Record<number, Text>;
  profiles: RuleProfile[];
  defaultProfile: string;
  /** raters disagree on an item when their Likert bands are this many bands apart or more */
  disagreementBands: number;
  /** strings accepted as "not applicable" in an α cell (compared after trimming, case-insensitive) */
  notApplicable: string[];
  /** 4.2.2: the specific management requirements, and the lead of its point 2) */
  specificRequirements: SpecificRequirement[];
  specificLead2: Text;
  /** 5.2.2 as printed */
  qmsExemption: Text;
  /** 5.3's words on the conformity review */
  conformityText: Text;
  /** beside a grade whose conformity review is not recorded yet (RULES.md §5) */
  provisionalMark: Text;
  vocabulary: RecordVocabulary;
}
