/**
 * The templates' own words (headings, prompts, statuses) in both languages. Facts of the standard —
 * item and clause texts, weights, band labels, grade labels — are NOT here: they come from the scheme.
 */
import type { Lang, Text } from "../scheme/types";

export const L = {
  sheetService: { zh: "服务能力评价评分表", en: "Service evaluation" },
  sheetMaturity: { zh: "管理要求成熟度", en: "Management maturity" },
  sheetResult: { zh: "认证结果", en: "Certification result" },

  titleService: { zh: "附录 1　服务能力评价评分表", en: "Appendix 1 — Service evaluation scoring sheet" },
  titleMaturity: { zh: "附录 3　管理要求成熟度评分表（附录 2 等级描述、附录 4 审核要点）", en: "Appendix 3 — Management maturity scoring sheet (Appendix 2 level descriptions, Appendix 4 audit points)" },
  titleResult: { zh: "认证结果", en: "Certification result" },

  noteService: {
    zh: "体验系数 α：填 0 到 1 之间的数，或 N/A、不适用。整列留空的评价人（走访）不计入；某列部分留空时不出总分，只显示进度。评价组得分为各评价人得分的平均值，四舍五入保留 {d} 位小数，按舍入后的分数定级。评分档相差 {k} 档及以上的项目标色提示。",
    en: "Experience coefficient α: enter a number from 0 to 1, or N/A. A rater (visit) column left entirely blank is ignored; a partly blank column shows no total, only progress. The panel score is the mean of the raters' scores, rounded half-up to {d} decimal(s); the grade is decided on the rounded score. Items where raters' bands are {k} or more apart are highlighted.",
  },
  noteMaturity: {
    zh: "成熟度等级从下拉列表选 {lo}–{hi}。得分 = 等级 × 总分值 ÷ {hi}。总体成熟度等级按总分：{bands}。",
    en: "Pick the maturity level {lo}–{hi} from the list. Points = level × weight ÷ {hi}. Overall level from the total: {bands}.",
  },

  hCharacteristic: { zh: "服务特性指标", en: "Service characteristic" },
  hItem: { zh: "序号", en: "Item" },
  hDimension: { zh: "服务过程质量指标", en: "Process quality indicator" },
  hCriterion: { zh: "评价内容", en: "Evaluation content" },
  hWeight: { zh: "单项分值", en: "Weight" },
  hAlpha: { zh: "体验系数 α", en: "Experience coefficient α" },
  hActual: { zh: "实际得分", en: "Actual score" },
  hLikert: { zh: "体验评价", en: "Likert band" },
  hSpread: { zh: "评分档差", en: "Band spread" },
  hRater: { zh: "评价人 {n}", en: "Rater {n}" },
  hPanel: { zh: "评价组", en: "Panel" },
  hSummary: { zh: "汇总", en: "Summary" },
  hStatus: { zh: "状态", en: "Status" },
  rScored: { zh: "已评项目（含不适用）", en: "Items scored (incl. N/A)" },
  rAttainable: { zh: "适用项目分值合计", en: "Attainable (weights of applicable items)" },
  rActual: { zh: "实际得分合计", en: "Actual score total" },
  rScore: { zh: "服务特性测评得分", en: "Service score" },
  hCharacteristics: { zh: "各服务特性得分（百分制）", en: "Score per characteristic (percent)" },
  charRow: { zh: "{id}. {name}（{w} 分）", en: "{id}. {name} ({w} points)" },
  naLabel: { zh: "不适用", en: "N/A" },
  invalid: { zh: "无效", en: "invalid" },

  stNotCounted: { zh: "未参与", en: "not counted" },
  stInvalid: { zh: "有无效值", en: "invalid values" },
  stIncomplete: { zh: "未完成", en: "incomplete" },
  stAllNa: { zh: "全部不适用", en: "all N/A" },
  stDone: { zh: "完成", en: "complete" },
  stNotStarted: { zh: "尚未评分", en: "not started" },

  hGroup: { zh: "管理要求", en: "Requirement" },
  hClause: { zh: "条款", en: "Clause" },
  hClauseTitle: { zh: "条款名称", en: "Clause title" },
  hClauseWeight: { zh: "总分值", en: "Weight" },
  hLevel: { zh: "成熟度等级", en: "Maturity level" },
  hPoints: { zh: "得分", en: "Points" },
  hLevelText: { zh: "所选等级的描述（附录 2）", en: "Description of the chosen level (Appendix 2)" },
  hAudit: { zh: "审核要点（附录 4）", en: "Audit points (Appendix 4)" },
  hEvidence: { zh: "证据 / 备注", en: "Evidence / notes" },
  rTotal: { zh: "管理成熟度总分", en: "Maturity total" },
  rLevel: { zh: "总体成熟度等级", en: "Overall maturity level" },
  rRated: { zh: "已评条款", en: "Clauses rated" },

  sParticulars: { zh: "审核信息", en: "Audit particulars" },
  pOrganization: { zh: "受评组织", en: "Organisation" },
  pDates: { zh: "审核日期", en: "Audit dates" },
  pAuditors: { zh: "审核员", en: "Auditors" },
  pScheme: { zh: "认证规范", en: "Scheme" },
  pSchemeVersion: { zh: "规范数据版本", en: "Scheme data version" },
  pTemplateVersion: { zh: "模板版本", en: "Template version" },
  pProfile: { zh: "定级规则", en: "Grading rule" },
  sResult: { zh: "结果", en: "Result" },
  resService: { zh: "服务特性测评得分", en: "Service score" },
  resTotal: { zh: "管理成熟度总分", en: "Maturity total" },
  resLevel: { zh: "管理成熟度等级", en: "Maturity level" },
  resGrade: { zh: "认证结果", en: "Certification result" },
  resReason: { zh: "理由", en: "Reason" },
  resStatus: { zh: "完成情况", en: "Completeness" },
  resPending: { zh: "未完成：服务特性已评 {s} / {ns} 项，管理要求已评 {m} / {nm} 条。", en: "Incomplete: {s} of {ns} items and {m} of {nm} clauses scored." },
  resDone: { zh: "两项评价均已完成。", en: "Both evaluations are complete." },
  resInvalid: { zh: "有无效的输入，请检查标色或标“无效”的单元格。", en: "Some inputs are invalid: check the cells marked invalid." },

  vAlphaTitle: { zh: "体验系数 α", en: "Experience coefficient α" },
  vAlphaPrompt: { zh: "填 0 到 1 之间的数，或 {na}。", en: "Enter a number from 0 to 1, or {na}." },
  vAlphaError: { zh: "α 必须是 0 到 1 之间的数，或 {na}。", en: "α must be a number from 0 to 1, or {na}." },
  vLevelTitle: { zh: "成熟度等级", en: "Maturity level" },
  vLevelPrompt: { zh: "从列表中选 {lo}–{hi}。", en: "Pick {lo}–{hi} from the list." },
  vLevelError: { zh: "成熟度等级必须是 {lo}–{hi} 的整数。", en: "The maturity level must be a whole number {lo}–{hi}." },

  footer: { zh: "第 &P 页，共 &N 页", en: "Page &P of &N" },
} satisfies Record<string, Text>;

export type LabelKey = keyof typeof L;

/** The label in the language, with {placeholders} filled in. */
export function t(key: LabelKey, lang: Lang, vars: Record<string, string | number> = {}): string {
  const s = lang === "en-US" ? L[key].en : L[key].zh;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export const pick = (text: Text, lang: Lang): string => (lang === "en-US" ? text.en : text.zh);
