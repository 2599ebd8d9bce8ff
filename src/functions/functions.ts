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
  explainGrade,
  explainNext,
  grade,
  isBlank,
  itemScore,
  likertBand,
  maturity,
  maturityBand,
  maturityLevelOf,
  maturityPoints,
  nextGrade,
  panelScore,
  placeText,
  readAlpha,
  readLevel,
  clean,
  type Finding,
  type RaterInput,
} from "../engine";
import { DEFAULT_SCHEME, findProfile, type RuleProfile, type Scheme, type Text } from "../scheme";
import { param, readGrid, readNumber, readScalar, readVector, rejectError, shapeText, type Grid } from "./cells";
import { invalid, messageLanguage, notAvailable, pick, run, setMessageLanguage } from "./errors";

const S: Scheme = DEFAULT_SCHEME;
const t = (zh: string, en: string): Text => ({ zh, en });
const READ = { numericText: true } as const;
/** A cell formula wants the score only: no per-characteristic breakdown, no disagreement list. */
const SCORE_ONLY = { ...READ, breakdown: false } as const;
/** The panel score is rounded as the scheme's default profile says (PANEL_SCORE has no profile argument). */
const PANEL_OPTS = { ...SCORE_ONLY, decimals: (findProfile(S, null) ?? S.profiles[0]).decimals };

// ---------------------------------------------------------------------------------------------------
// helpers

/** Output language of labels and reasons: "zh" unless lang starts with "en". Blank = Chinese. */
function readLang(lang: unknown): "zh" | "en" {
  rejectError(lang, param("lang"));
  if (isBlank(lang)) return "zh";
  if (typeof lang === "string") {
    if (/^\s*(zh|中文)/i.test(lang)) return "zh";
    if (/^\s*en/i.test(lang)) return "en";
  }
  return invalid(
    t(
      `未知的语言 ${JSON.stringify(lang)}（可用 zh-CN 或 en-US）`,
      `unknown language ${JSON.stringify(lang)} (use zh-CN or en-US)`
    )
  );
}

/** The rule profile named by `profile` (blank = the scheme's default). */
function readProfile(profile: unknown): RuleProfile {
  rejectError(profile, param("profile"));
  const id = isBlank(profile) ? null : String(profile).trim().toLowerCase();
  const p = findProfile(S, id);
  if (p) return p;
  const known = S.profiles.map((x) => x.id).join(", ");
  return invalid(
    t(
      `未知的规则配置 ${JSON.stringify(profile)}（可用：${known}）`,
      `unknown rule profile ${JSON.stringify(profile)} (known: ${known})`
    )
  );
}

/** Findings as one message, errors first: "rater 2, item 2.3: α 1.2 is outside [0, 1]; …". */
function findingsText(fs: readonly Finding[], placeOf: (f: Finding) => Text = (f) => f.message): string {
  return fs.map((f) => pick(placeOf(f))).join(messageLanguage() === "zh" ? "；" : "; ");
}

/** Throws #VALUE! for error findings, then #N/A for incomplete ones; returns when there are none. */
function throwFindings(fs: readonly Finding[], placeOf?: (f: Finding) => Text): void {
  const errors = fs.filter((f) => f.severity === "error");
  if (errors.length) invalid(findingsText(errors, placeOf));
  const incomplete = fs.filter((f) => f.severity === "incomplete");
  if (incomplete.length) notAvailable(findingsText(incomplete, placeOf));
}

/** One α, or a thrown error: #N/A when blank or N/A (there is no band or score), #VALUE! when bad. */
function readOneAlpha(raw: unknown, name: string): number {
  const v = readScalar(raw, param(name));
  const r = readAlpha(v, S, {}, READ);
  if (r.finding) return invalid(r.finding.message);
  if (r.alpha === null) return notAvailable(t(`α 为空（尚未评分）`, `α is blank (not scored yet)`));
  if (r.alpha === "NA")
    return notAvailable(t(`α 为不适用（N/A），该项目不计分`, `α is N/A: the item is not applicable and has no score`));
  return r.alpha;
}

/** A positive number (a weight). */
function readWeight(v: unknown, where: Text): number {
  const w = readNumber(v, where);
  if (!(w > 0)) invalid(t(`${where.zh} ${w} 不是正数`, `${where.en} ${w} is not a positive number`));
  return w;
}

/** A service score: a number in [0, 100] (a percentage). */
function readServiceScore(v: unknown): number {
  const where = param("serviceScore");
  const s = readNumber(v, where);
  if (!(s >= 0 && s <= 100)) invalid(t(`${where.zh} ${s} 超出 [0, 100]`, `${where.en} ${s} is outside [0, 100]`));
  return s;
}

const LEVELS = S.maturityBands.map((b) => b.level);
const LEVEL_MIN = Math.min(...LEVELS);
const LEVEL_MAX = Math.max(...LEVELS);

/** An overall maturity level (an integer among the scheme's bands). */
function readOverallLevel(v: unknown): number {
  const where = param("maturityLevel");
  const l = readNumber(v, where);
  if (!(LEVELS as number[]).includes(l)) {
    invalid(
      t(
        `${where.zh} ${l} 不是 ${LEVEL_MIN}–${LEVEL_MAX} 的管理成熟度等级（总分请先用 QCS.MATURITY_LEVEL 换算）`,
        `${where.en} ${l} is not an overall maturity level ${LEVEL_MIN}–${LEVEL_MAX} (turn a total into a level with QCS.MATURITY_LEVEL)`
      )
    );
  }
  return l;
}

/** Items for custom weights: the scheme's ids when the count matches Appendix 1, else positions "#3". */
function weightedScheme(weights: number[]): Scheme {
  const same = weights.length === S.items.length;
  return {
    ...S,
    items: weights.map((weight, i) => (same ? { ...S.items[i], weight } : { ...S.items[0], id: `#${i + 1}`, weight })),
  };
}

/** Reads a weights range of `n` cells laid out like `shape` (or, when `oneD`, any single row/column). */
function readWeights(weights: unknown, n: number, shape: Grid | null): number[] {
  const where = param("weights");
  const wg = readGrid(weights, where);
  if (shape && (wg.rows !== shape.rows || wg.cols !== shape.cols)) {
    invalid(
      t(
        `${where.zh} 的形状应与 α 区域相同（${shapeText(shape)}），实际为 ${shapeText(wg)}`,
        `${where.en} must have the same shape as the α range (${shapeText(shape)}), got ${shapeText(wg)}`
      )
    );
  }
  const cells = shape ? wg.cells : readVector(wg, n, t("权重", "weights"), where);
  return cells.map((c, i) => readWeight(c, t(`${where.zh} 第 ${i + 1} 个`, `${where.en} #${i + 1}`)));
}

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

/** A weights argument left out with an empty cell reference arrives as [[null]] or [[""]]. */
function isBlankRange(v: unknown): boolean {
  if (!Array.isArray(v)) return isBlank(v);
  return v.length === 1 && Array.isArray(v[0]) && v[0].length === 1 && isBlank(v[0][0]);
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
    const where = param("alphaMatrix");
    const g = readGrid(alphaMatrix, where);
    let scheme = S;
    if (weights === undefined || weights === null || isBlankRange(weights)) {
      if (g.rows !== S.items.length) {
        invalid(
          t(
            `${where.zh}：应为 ${S.items.length} 行（附录 1 的项目顺序）× 评价人列，实际为 ${shapeText(g)}`,
            `${where.en}: expected ${S.items.length} rows (items in Appendix 1 order) × rater columns, got ${shapeText(g)}`
          )
        );
      }
    } else {
      scheme = weightedScheme(readWeights(weights, g.rows, null));
    }
    const raters: RaterInput[] = [];
    for (let c = 0; c < g.cols; c++) {
      const col = new Array(g.rows);
      for (let r = 0; r < g.rows; r++) col[r] = g.cells[r * g.cols + c];
      raters.push({ alphas: col });
    }
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
    const where = param("levels");
    const cells = readVector(readGrid(levels, where), S.clauses.length, t("等级", "levels"), where);
    const m = maturity(cells, S, READ);
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
 * Certification result (clause 5.3) from the service score and the overall maturity level: AAAAA, AAAA, AAA, 基本级（不定级） or 不予认证.
 * @customfunction CERT_GRADE
 * @param serviceScore Service score in percent (0–100); it is rounded half-up to 1 decimal before grading.
 * @param maturityLevel Overall management maturity level, an integer 1–5.
 * @param [profile] Rule profile: "table" (default, the 5.3 table rows) or "paired".
 * @returns The grade code, or the Chinese label for the basic and the not-certified results.
 */
export function CERT_GRADE(serviceScore: any, maturityLevel: any, profile?: string): string {
  return run(() => {
    const s = readServiceScore(serviceScore);
    const l = readOverallLevel(maturityLevel);
    const p = readProfile(profile ?? null);
    return S.gradeLabels[grade(s, l, p).code].zh;
  });
}

/**
 * Why the result is what it is and what the next result needs, in one or two sentences.
 * @customfunction GRADE_REASON
 * @param serviceScore Service score in percent (0–100).
 * @param maturityLevel Overall maturity level 1–5, or the maturity total 20–145 (then the reason names the exact total still missing).
 * @param [profile] Rule profile: "table" (default) or "paired".
 * @param [lang] Language: "zh-CN" (default) or "en-US".
 * @returns The reason as text.
 */
export function GRADE_REASON(serviceScore: any, maturityLevel: any, profile?: string, lang?: string): string {
  return run(() => {
    const s = readServiceScore(serviceScore);
    const { level, total } = readLevelOrTotal(maturityLevel);
    const p = readProfile(profile ?? null);
    const l = readLang(lang ?? null);
    const g = grade(s, level, p);
    const why = explainGrade(g, S);
    const next = nextText(g, level, total, p);
    return l === "zh" ? why.zh + next.zh : `${why.en} ${next.en.charAt(0).toUpperCase()}${next.en.slice(1)}`;
  });
}

/** GRADE_REASON's maturity argument: an overall level, or a total (which gives its level). */
function readLevelOrTotal(v: unknown): { level: number; total: number | null } {
  const where = param("maturityLevel");
  const n = readNumber(v, where);
  if ((LEVELS as number[]).includes(n)) return { level: n, total: null };
  const band = maturityBand(n, S);
  if (band && Number.isInteger(n)) return { level: band.level, total: n };
  const lo = S.maturityBands[0].min;
  const hi = S.maturityBands[S.maturityBands.length - 1].max;
  return invalid(
    t(
      `${where.zh} ${n} 既不是 ${LEVEL_MIN}–${LEVEL_MAX} 的等级，也不是 [${lo}, ${hi}] 内的成熟度总分`,
      `${where.en} ${n} is neither a maturity level ${LEVEL_MIN}–${LEVEL_MAX} nor a maturity total in [${lo}, ${hi}]`
    )
  );
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
