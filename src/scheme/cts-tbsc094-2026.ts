/**
 * CTS TBSC094-2026 (B/0), 企业质量信用服务认证技术规范, as data.
 *
 * Every number of the standard lives here once: item and clause weights, Likert and maturity band
 * edges, the 5.3 grade gates of each rule profile. The long texts (criteria, Appendix 2 and 4) are in
 * ./texts.ts. See ../../../shared/spec/RULES.md for how the text became these numbers.
 */
import type { Clause, DimensionId, RuleProfile, Scheme, ServiceItem } from "./types";
import {
  CHARACTERISTIC_NAMES,
  CLAUSE_AUDIT,
  CLAUSE_TITLES,
  DIMENSION_NAMES,
  CONFORMITY_TEXT,
  GROUP_AUDIT_LEADS,
  GROUP_LEVEL_TEXTS,
  GROUP_NAMES,
  ITEM_CRITERIA,
  QMS_EXEMPTION_TEXT,
  SPECIFIC_LEAD_2,
  SPECIFIC_REQUIREMENTS,
  TITLE,
} from "./texts";

/** Appendix 1: [item id, dimension, weight]; the characteristic is the part before the dot. */
const ITEMS: ReadonlyArray<[string, DimensionId, number]> = [
  ["1.1", "personnel", 5], ["1.2", "equipment", 7], ["1.3", "environment", 5],
  ["2.1", "personnel", 5], ["2.2", "equipment", 5], ["2.3", "environment", 5],
  ["3.1", "personnel", 5], ["3.2", "equipment", 5], ["3.3", "environment", 5],
  ["4.1", "personnel", 5], ["4.2", "equipment", 5], ["4.3", "environment", 5],
  ["5.1", "personnel", 5], ["5.2", "equipment", 5], ["5.3", "environment", 5],
  ["6.1", "personnel", 5], ["6.2", "equipment", 5], ["6.3", "environment", 5],
  ["7.1", "specification", 8],
];

/** Appendix 3: [clause id, 总分值]; the group is the part before the dot. */
const CLAUSES: ReadonlyArray<[string, number]> = [
  ["1.1", 5], ["1.2", 5], ["1.3", 5], ["1.4", 5],
  ["2.1", 5], ["2.2", 5], ["2.3", 5],
  ["3.1", 5], ["3.2", 5],
  ["4.1", 10], ["4.2", 10], ["4.3", 10], ["4.4", 5], ["4.5", 5],
  ["5.1", 10], ["5.2", 10],
  ["6.1", 10], ["6.2", 10], ["6.3", 10],
  ["7.1", 5], ["7.2", 5],
];

const groupOf = (id: string): string => id.split(".")[0];

const items: ServiceItem[] = ITEMS.map(([id, dimension, weight]) => ({
  id,
  characteristic: groupOf(id),
  dimension,
  weight,
  criterion: ITEM_CRITERIA[id],
}));

const clauses: Clause[] = CLAUSES.map(([id, weight]) => ({
  id,
  group: groupOf(id),
  weight,
  title: CLAUSE_TITLES[id],
  audit: CLAUSE_AUDIT[id],
}));

/** 5.3 as the rows' score column reads (RULES.md §3, default). */
const TABLE_PROFILE: RuleProfile = {
  id: "table",
  name: { zh: "按表格行（默认）", en: "table rows (default)" },
  gates: [
    { code: "AAAAA", minService: 95, minLevel: 4, row: 3 },
    { code: "AAAA", minService: 90, minLevel: 4, row: 3 },
    { code: "AAA", minService: 80, minLevel: 3, row: 2 },
    { code: "BASIC", minService: 60, minLevel: 2, row: 1 },
  ],
  decimals: 1,
};

/** Alternative reading: row i of the 5.3 table gates grade i (RULES.md §3). */
const PAIRED_PROFILE: RuleProfile = {
  id: "paired",
  name: { zh: "按行对应等级", en: "row i gates grade i" },
  gates: [
    { code: "AAAAA", minService: 95, minLevel: 4, row: 3 },
    { code: "AAAA", minService: 90, minLevel: 3, row: 2 },
    { code: "AAA", minService: 80, minLevel: 2, row: 1 },
    { code: "BASIC", minService: 60, minLevel: 2, row: 1 },
  ],
  decimals: 1,
};

export const CTS_TBSC094_2026: Scheme = {
  id: "CTS TBSC094-2026 B/0",
  version: "2026.1",
  title: TITLE,
  characteristics: Object.keys(CHARACTERISTIC_NAMES)
    .sort()
    .map((id) => ({ id, name: CHARACTERISTIC_NAMES[id] })),
  items,
  dimensions: DIMENSION_NAMES,
  likert: [
    { band: 1, min: 0, max: 0.2, label: { zh: "远低于预期", en: "far below expectations" } },
    { band: 2, min: 0.2, max: 0.4, label: { zh: "低于预期", en: "below expectations" } },
    { band: 3, min: 0.4, max: 0.6, label: { zh: "符合预期", en: "meets expectations" } },
    { band: 4, min: 0.6, max: 0.8, label: { zh: "高于预期", en: "above expectations" } },
    { band: 5, min: 0.8, max: 1, label: { zh: "远高于预期", en: "far above expectations" } },
  ],
  groups: Object.keys(GROUP_NAMES)
    .sort()
    .map((id) => ({ id, name: GROUP_NAMES[id], levels: GROUP_LEVEL_TEXTS[id], ...(GROUP_AUDIT_LEADS[id] ? { auditLead: GROUP_AUDIT_LEADS[id] } : {}) })),
  clauses,
  maturityBands: [
    { level: 1, min: 20, max: 45, label: { zh: "一级", en: "level 1" } },
    { level: 2, min: 45, max: 70, label: { zh: "二级", en: "level 2" } },
    { level: 3, min: 70, max: 95, label: { zh: "三级", en: "level 3" } },
    { level: 4, min: 95, max: 105, label: { zh: "四级", en: "level 4" } },
    { level: 5, min: 105, max: 145, label: { zh: "五级", en: "level 5" } },
  ],
  minClauseLevel: 1,
  maxClauseLevel: 5,
  gradeLabels: {
    AAAAA: { zh: "AAAAA", en: "AAAAA" },
    AAAA: { zh: "AAAA", en: "AAAA" },
    AAA: { zh: "AAA", en: "AAA" },
    BASIC: { zh: "基本级（不定级）", en: "basic, not graded" },
    NONE: { zh: "不予认证", en: "not certified" },
  },
  gradeRows: {
    1: { zh: "5.3 表第 1 行", en: "5.3 table row 1" },
    2: { zh: "5.3 表第 2 行", en: "5.3 table row 2" },
    3: { zh: "5.3 表第 3 行", en: "5.3 table row 3" },
  },
  profiles: [TABLE_PROFILE, PAIRED_PROFILE],
  defaultProfile: "table",
  disagreementBands: 2,
  notApplicable: ["N/A", "NA", "不适用"],
  specificRequirements: SPECIFIC_REQUIREMENTS.map((r) => ({ ...r })),
  specificLead2: SPECIFIC_LEAD_2,
  qmsExemption: QMS_EXEMPTION_TEXT,
  conformityText: CONFORMITY_TEXT,
  provisionalMark: { zh: "（待符合性审查）", en: "(pending conformity review)" },
  vocabulary: {
    raterKind: { person: { zh: "人员", en: "person" }, visit: { zh: "走访", en: "visit" } },
    specificResult: { conform: { zh: "符合", en: "conforms" }, nonconform: { zh: "不符合", en: "does not conform" }, na: { zh: "不适用", en: "not applicable" } },
    severity: { major: { zh: "严重", en: "major" }, minor: { zh: "一般", en: "minor" } },
    ncStatus: { open: { zh: "未关闭", en: "open" }, closed: { zh: "已关闭", en: "closed" } },
    exemption: { none: { zh: "不免除", en: "no exemption" }, partial: { zh: "部分免除", en: "partial exemption" } },
    yesNo: { yes: { zh: "是", en: "yes" }, no: { zh: "否", en: "no" } },
    conformity: { passed: { zh: "通过", en: "passed" }, failed: { zh: "未通过", en: "not passed" } },
  },
};
