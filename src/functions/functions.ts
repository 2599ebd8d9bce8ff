/* eslint-disable @typescript-eslint/no-explicit-any -- Excel passes cells of any type; `any` is what
   the metadata generator turns into the "any" parameter type, and every value is checked below. */
/**
 * QCS.* custom functions: thin adapters from worksheet cells to the scoring engine (src/engine), so
 * formulas, templates and the task pane compute the same numbers. Every number of the standard comes
 * from the scheme (src/scheme); this file only reads cells, calls the engine and turns its findings into
 * Excel errors (#VALUE! for bad input, #N/A for input that is not complete yet).
 *
 * English names and descriptions come from the JSDoc below (custom-functions-metadata-plugin →
 * dist/functions.json); the Chinese ones from ./i18n.zh-CN.ts (→ dist/functions.zh-CN.json).
 */
import {
  applyConformity,
  assess,
  explainGrade,
  gradeLabel,
  explainNext,
  grade,
  itemScore,
  likertBand,
  maturity,
  maturityLevelOf,
  maturityMargin,
  maturityPoints,
  nextGrade,
  panelScore,
  placeText,
  readLevel,
  serviceMargin,
  clean,
} from "../engine";
import type { RuleProfile, Text } from "../scheme";
import {
  LEVELS,
  PANEL_OPTS,
  READ,
  S,
  SCORE_ONLY,
  isBlankRange,
  readLang,
  readLevelCells,
  readLevelOrTotal,
  readOneAlpha,
  readOverallLevel,
  readProfile,
  readRaterColumns,
  readServiceScore,
  readConformity,
  readWeight,
  readWeights,
  t,
  throwFindings,
  weightedScheme,
} from "./args";
import { param, readGrid, readNumber, readScalar, readVector } from "./cells";
import { invalid, notAvailable, run, setMessageLanguage } from "./errors";

// ---------------------------------------------------------------------------------------------------
// the functions

/**
 * Likert band (1–5) of an experience coefficient α, as clause 5.1.1 2) defines the bands.
 * @customfunction LIKERT_BAND
 * @param alpha Experience coefficient α, a number in [0, 1].
 * @returns The band, 1 (far below expectations) to 5 (far above expectations).
 */
export function LIKERT_BAND(alpha: any): number {
  return run(() => {
    const a = readOneAlpha(alpha, "alpha");
    const band = likertBand(a, S);
    return band ? band.band : invalid(t(`α ${a} 没有对应的档位`, `α ${a} has no band`));
  });
}

/**
 * Likert label of an experience coefficient α: 远低于预期 … 远高于预期, or the English label.
 * @customfunction LIKERT_LABEL
 * @param alpha Experience coefficient α, a number in [0, 1].
 * @param [lang] Language of the label: "zh-CN" (default) or "en-US".
 * @returns The label of the α's Likert band.
 */
export function LIKERT_LABEL(alpha: any, lang?: string): string {
  return run(() => {
    const l = readLang(lang ?? null);
    const a = readOneAlpha(alpha, "alpha");
    const band = likertBand(a, S);
    return band ? band.label[l] : invalid(t(`α ${a} 没有对应的档位`, `α ${a} has no band`));
  });
}

/**
 * Actual score of one service item: weight × α.
 * @customfunction ITEM_SCORE
 * @param weight Item weight (单项分值) from Appendix 1, e.g. 5, 7 or 8.
 * @param alpha Experience coefficient α of the item, a number in [0, 1].
 * @returns weight × α.
 */
export function ITEM_SCORE(weight: any, alpha: any): number {
  return run(() => {
    const w = readWeight(weight, param("weight"));
    return itemScore(w, readOneAlpha(alpha, "alpha"));
  });
}

/**
 * One rater's service score in percent: 100 × Σ(weight × α) / Σ(weight) over the applicable items.
 * @customfunction SERVICE_SCORE
 * @param alphas The 19 α cells in Appendix 1 order (one column or one row); or any range when weights are given. N/A marks an item not applicable.
 * @param [weights] Item weights, same shape as alphas. Default: the standard's weights.
 * @returns The service score (0–100), unrounded.
 */
export function SERVICE_SCORE(alphas: any[][], weights?: any[][]): number {
  return run(() => {
    const where = param("alphas");
    const g = readGrid(alphas, where);
    let scheme = S;
    let cells: unknown[];
    if (weights === undefined || weights === null || isBlankRange(weights)) {
      cells = readVector(g, S.items.length, t("α 单元格", "α cells"), where);
    } else {
      cells = g.cells;
      scheme = weightedScheme(readWeights(weights, g.cells.length, g));
    }
    const panel = panelScore([{ alphas: cells }], scheme, SCORE_ONLY);
    // one rater: name the item, not "rater 1"
    throwFindings(panel.findings, (f) => {
      const where = placeText({ item: f.item, clause: f.clause });
      return where.en ? { zh: `${where.zh}：${f.fault.zh}`, en: `${where.en}: ${f.fault.en}` } : f.fault;
    });
    const score = panel.raters[0]?.score;
    return typeof score === "number" ? score : notAvailable(t("没有可计分的 α", "no α to score"));
  });
}

/**
 * Panel service score: the mean of the raters' service scores, rounded half-up to 1 decimal as on the certificate. Entirely blank rater columns are ignored.
 * @customfunction PANEL_SCORE
 * @param alphaMatrix α cells: 19 rows (items in Appendix 1 order) × one column per rater or visit.
 * @param [weights] Item weights, one per row of alphaMatrix. Default: the standard's weights.
 * @returns The panel service score (0–100), rounded as the rule profile says.
 */
export function PANEL_SCORE(alphaMatrix: any[][], weights?: any[][]): number {
  return run(() => {
    const custom = !(weights === undefined || weights === null || isBlankRange(weights));
    const { raters, grid } = readRaterColumns(alphaMatrix, custom ? null : S.items.length);
    const scheme = custom ? weightedScheme(readWeights(weights, grid.rows, null)) : S;
    const panel = panelScore(raters, scheme, PANEL_OPTS);
    throwFindings(panel.findings);
    return panel.score ?? notAvailable(t("没有可计分的 α", "no α to score"));
  });
}

/**
 * Points of one management clause (Appendix 3): level × clause weight / 5.
 * @customfunction MATURITY_POINTS
 * @param level Maturity level of the clause, an integer 1–5.
 * @param weight Clause weight (总分值) from Appendix 3: 5 or 10.
 * @returns The clause's points.
 */
export function MATURITY_POINTS(level: any, weight: any): number {
  return run(() => {
    const r = readLevel(readScalar(level, param("level")), S, {}, READ);
    if (r.finding) return invalid(r.finding.message);
    if (r.level === null)
      return notAvailable(t("成熟度等级为空（尚未评定）", "the maturity level is blank (not rated yet)"));
    return clean(maturityPoints(r.level, readWeight(weight, param("weight")), S));
  });
}

/**
 * Maturity total: the sum of the points of the 21 clauses of Appendix 3.
 * @customfunction MATURITY_TOTAL
 * @param levels The 21 clause levels (integers 1–5) in Appendix 3 order, in one column or one row.
 * @returns The maturity total (29–145).
 */
export function MATURITY_TOTAL(levels: any[][]): number {
  return run(() => {
    const m = maturity(readLevelCells(levels), S, READ);
    throwFindings(m.findings);
    return m.total ?? notAvailable(t("成熟度总分无法计算", "the maturity total cannot be computed"));
  });
}

/**
 * Overall management maturity level (1–5) of a maturity total, per the bands of Appendix 3.
 * @customfunction MATURITY_LEVEL
 * @param total Maturity total, a number in [20, 145].
 * @returns The overall level, 1–5.
 */
export function MATURITY_LEVEL(total: any): number {
  return run(() => {
    const r = maturityLevelOf(readNumber(total, param("total")), S);
    return "level" in r ? r.level : invalid(r.finding.message);
  });
}

/**
 * Certification result (clause 5.3) from the service score, the overall maturity level and the conformity review: AAAAA, AAAA, AAA, 基本级（不定级） or 不予认证; （待符合性审查） is added while no review result is given.
 * @customfunction CERT_GRADE
 * @param serviceScore Service score in percent (0–100); it is rounded half-up to 1 decimal before grading.
 * @param maturityLevel Overall management maturity level, an integer 1–5.
 * @param [profile] Rule profile: "table" (default, the 5.3 table rows) or "paired".
 * @param [conformity] The management-requirements conformity review: TRUE or "通过"/"passed" (passed), FALSE or "未通过"/"not passed" (not certified); blank = not reviewed yet (the result is provisional).
 * @returns The grade code, or the Chinese label for the basic and the not-certified results, marked provisional without a review.
 */
export function CERT_GRADE(serviceScore: any, maturityLevel: any, profile?: string, conformity?: any): string {
  return run(() => {
    const s = readServiceScore(serviceScore);
    const l = readOverallLevel(maturityLevel);
    const p = readProfile(profile ?? null);
    const g = applyConformity(grade(s, l, p), readConformity(conformity));
    return gradeLabel(g, S).zh;
  });
}

/**
 * Why the result is what it is and what the next result needs, in one or two sentences.
 * @customfunction GRADE_REASON
 * @param serviceScore Service score in percent (0–100).
 * @param maturityLevel Overall maturity level 1–5, or the maturity total 20–145 (then the reason names the exact total still missing).
 * @param [profile] Rule profile: "table" (default) or "paired".
 * @param [lang] Language: "zh-CN" (default) or "en-US".
 * @param [conformity] The conformity review: TRUE or "通过"/"passed", FALSE or "未通过"/"not passed"; blank = not reviewed yet (provisional).
 * @returns The reason as text.
 */
export function GRADE_REASON(
  serviceScore: any,
  maturityLevel: any,
  profile?: string,
  lang?: string,
  conformity?: any
): string {
  return run(() => {
    const s = readServiceScore(serviceScore);
    const { level, total } = readLevelOrTotal(maturityLevel);
    const p = readProfile(profile ?? null);
    const l = readLang(lang ?? null);
    const g = applyConformity(grade(s, level, p), readConformity(conformity));
    const why = explainGrade(g, S);
    const next = nextText(g, level, total, p);
    return l === "zh" ? why.zh + next.zh : `${why.en} ${next.en.charAt(0).toUpperCase()}${next.en.slice(1)}`;
  });
}

/**
 * What the next result up needs. With the total known (or when maturity does not hold the result
 * back) this is the engine's explainNext; with only the level known, the maturity part names the
 * total the next level starts at, since the exact rise depends on the total.
 */
function nextText(g: ReturnType<typeof grade>, level: number, total: number | null, p: RuleProfile): Text {
  const band = S.maturityBands.find((b) => b.level === level);
  const next = nextGrade(g, total ?? (band ? band.min : 0), S, p);
  return explainNext(next, S, { totalKnown: total !== null });
}

// ---------------------------------------------------------------------------------------------------
// how robust a result is (RULES.md §7)

const NOT_CERTIFIED = t(
  "结果为不予认证：没有已达到的认证门槛，因此没有余量和翻转",
  "the result is not certified: there is no grade threshold met, so no margin and no flips"
);

/**
 * Number of single judgements that would lower the result (RULES §7): one rater's α one Likert band lower, one clause one level lower, or one rater left out. 0 means the result is robust.
 * @customfunction FLIP_COUNT
 * @param alphaMatrix α cells: 19 rows (items in Appendix 1 order) × one column per rater or visit.
 * @param levels The 21 clause levels (integers 1–5) in Appendix 3 order, in one column or one row.
 * @param [profile] Rule profile: "table" (default) or "paired".
 * @returns The number of single steps that lower the result; 0 = robust.
 */
export function FLIP_COUNT(alphaMatrix: any[][], levels: any[][], profile?: string): number {
  return run(() => {
    const { raters } = readRaterColumns(alphaMatrix);
    const cells = readLevelCells(levels);
    const p = readProfile(profile ?? null);
    const r = assess({ raters, levels: cells }, S, { ...READ, profile: p.id });
    throwFindings(r.findings);
    return r.robustness ? r.robustness.steps.length : notAvailable(NOT_CERTIFIED);
  });
}

/**
 * Service margin (RULES §7): the service score, rounded to 1 decimal as graded, minus the minimum service score of the result it reaches (e.g. 90 for AAAA).
 * @customfunction SERVICE_MARGIN
 * @param serviceScore Service score in percent (0–100), e.g. QCS.PANEL_SCORE(...).
 * @param maturityLevel Overall maturity level 1–5, or the maturity total 20–145.
 * @param [profile] Rule profile: "table" (default) or "paired".
 * @returns Service points above the threshold of the result (1 decimal).
 */
export function SERVICE_MARGIN(serviceScore: any, maturityLevel: any, profile?: string): number {
  return run(() => {
    const s = readServiceScore(serviceScore);
    const { level } = readLevelOrTotal(maturityLevel);
    const p = readProfile(profile ?? null);
    return serviceMargin(grade(s, level, p), p) ?? notAvailable(NOT_CERTIFIED);
  });
}

/**
 * Maturity margin (RULES §7): the maturity total minus the lowest total of the maturity level the result needs (e.g. 95, level 4, for AAAA).
 * @customfunction MATURITY_MARGIN
 * @param serviceScore Service score in percent (0–100), e.g. QCS.PANEL_SCORE(...).
 * @param maturityTotal Maturity total 20–145, e.g. QCS.MATURITY_TOTAL(...).
 * @param [profile] Rule profile: "table" (default) or "paired".
 * @returns Maturity-total points above the threshold of the result.
 */
export function MATURITY_MARGIN(serviceScore: any, maturityTotal: any, profile?: string): number {
  return run(() => {
    const s = readServiceScore(serviceScore);
    const where = param("maturityTotal");
    const total = readNumber(maturityTotal, where);
    if ((LEVELS as number[]).includes(total)) {
      invalid(
        t(
          `${where.zh} ${total} 是成熟度等级而不是总分：请给出管理成熟度总分（QCS.MATURITY_TOTAL）`,
          `${where.en} ${total} is a maturity level, not a total: give the maturity total (QCS.MATURITY_TOTAL)`
        )
      );
    }
    const lv = maturityLevelOf(total, S);
    if ("finding" in lv) return invalid(lv.finding.message);
    const p = readProfile(profile ?? null);
    return maturityMargin(grade(s, lv.level, p), total, S) ?? notAvailable(NOT_CERTIFIED);
  });
}

// ---------------------------------------------------------------------------------------------------
// registration

/** Every function by its id (the metadata's ids), for the explicit association below and for tests. */
export const FUNCTIONS: Readonly<Record<string, (...args: any[]) => unknown>> = {
  LIKERT_BAND,
  LIKERT_LABEL,
  ITEM_SCORE,
  SERVICE_SCORE,
  PANEL_SCORE,
  MATURITY_POINTS,
  MATURITY_TOTAL,
  MATURITY_LEVEL,
  CERT_GRADE,
  GRADE_REASON,
  FLIP_COUNT,
  SERVICE_MARGIN,
  MATURITY_MARGIN,
};

// Explicit, guarded association: the bundle also loads where there is no custom-functions runtime
// (a plain browser, tests). webpack.config.js drops the plugin's own unguarded association code.
if (typeof CustomFunctions !== "undefined" && typeof CustomFunctions.associate === "function") {
  for (const [id, fn] of Object.entries(FUNCTIONS)) CustomFunctions.associate(id, fn);
}

// Error messages follow Excel's display language once Office is ready (English until then).
if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  void Office.onReady(() => setMessageLanguage(Office.context?.displayLanguage));
}
