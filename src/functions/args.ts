/**
 * Reading the arguments of the QCS.* custom functions: languages, profiles, scores, levels, weights and
 * α ranges, each checked and turned into an Excel error with a message that names the parameter
 * (#VALUE! for bad input, #N/A for input that is not complete yet). The functions themselves, with the
 * JSDoc the metadata is generated from, are in ./functions.ts.
 */
import { isBlank, maturityBand, readAlpha, type ConformityStatus, type Finding, type RaterInput } from "../engine";
import { DEFAULT_SCHEME, findProfile, type RuleProfile, type Scheme, type Text } from "../scheme";
import { param, readGrid, readNumber, readScalar, readVector, rejectError, shapeText, type Grid } from "./cells";
import { invalid, messageLanguage, notAvailable, pick } from "./errors";

export const S: Scheme = DEFAULT_SCHEME;
export const t = (zh: string, en: string): Text => ({ zh, en });
export const READ = { numericText: true } as const;
/** A cell formula wants the score only: no per-characteristic breakdown, no disagreement list. */
export const SCORE_ONLY = { ...READ, breakdown: false } as const;
/** The panel score is rounded as the scheme's default profile says (PANEL_SCORE has no profile argument). */
export const PANEL_OPTS = { ...SCORE_ONLY, decimals: (findProfile(S, null) ?? S.profiles[0]).decimals };

/** Output language of labels and reasons: "zh" unless lang starts with "en". Blank = Chinese. */
export function readLang(lang: unknown): "zh" | "en" {
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
export function readProfile(profile: unknown): RuleProfile {
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
export function findingsText(fs: readonly Finding[], placeOf: (f: Finding) => Text = (f) => f.message): string {
  return fs.map((f) => pick(placeOf(f))).join(messageLanguage() === "zh" ? "；" : "; ");
}

/** Throws #VALUE! for error findings, then #N/A for incomplete ones; returns when there are none. */
export function throwFindings(fs: readonly Finding[], placeOf?: (f: Finding) => Text): void {
  const errors = fs.filter((f) => f.severity === "error");
  if (errors.length) invalid(findingsText(errors, placeOf));
  const incomplete = fs.filter((f) => f.severity === "incomplete");
  if (incomplete.length) notAvailable(findingsText(incomplete, placeOf));
}

/** One α, or a thrown error: #N/A when blank or N/A (there is no band or score), #VALUE! when bad. */
export function readOneAlpha(raw: unknown, name: string): number {
  const v = readScalar(raw, param(name));
  const r = readAlpha(v, S, {}, READ);
  if (r.finding) return invalid(r.finding.message);
  if (r.alpha === null) return notAvailable(t(`α 为空（尚未评分）`, `α is blank (not scored yet)`));
  if (r.alpha === "NA")
    return notAvailable(t(`α 为不适用（N/A），该项目不计分`, `α is N/A: the item is not applicable and has no score`));
  return r.alpha;
}

/** A positive number (a weight). */
export function readWeight(v: unknown, where: Text): number {
  const w = readNumber(v, where);
  if (!(w > 0)) invalid(t(`${where.zh} ${w} 不是正数`, `${where.en} ${w} is not a positive number`));
  return w;
}

/** A service score: a number in [0, 100] (a percentage). */
export function readServiceScore(v: unknown): number {
  const where = param("serviceScore");
  const s = readNumber(v, where);
  if (!(s >= 0 && s <= 100)) invalid(t(`${where.zh} ${s} 超出 [0, 100]`, `${where.en} ${s} is outside [0, 100]`));
  return s;
}

export const LEVELS = S.maturityBands.map((b) => b.level);
export const LEVEL_MIN = Math.min(...LEVELS);
export const LEVEL_MAX = Math.max(...LEVELS);

/** An overall maturity level (an integer among the scheme's bands). */
export function readOverallLevel(v: unknown): number {
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
export function weightedScheme(weights: number[]): Scheme {
  const same = weights.length === S.items.length;
  return {
    ...S,
    items: weights.map((weight, i) => (same ? { ...S.items[i], weight } : { ...S.items[0], id: `#${i + 1}`, weight })),
  };
}

/** Reads a weights range of `n` cells laid out like `shape` (or, when `oneD`, any single row/column). */
export function readWeights(weights: unknown, n: number, shape: Grid | null): number[] {
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
  return scaleUp(cells.map((c, i) => readWeight(c, t(`${where.zh} 第 ${i + 1} 个`, `${where.en} #${i + 1}`))));
}

/**
 * Weights whose largest is below 1, multiplied by the power of two that brings the largest into [1, 2).
 * Only their ratios count, and a power of two scales exactly; without it, subnormal weights (1e-320)
 * keep too few bits for weight × α: SERVICE_SCORE gave 90.0198 for α 0.9 everywhere instead of 90.
 * (Weights so large that the sums overflow stay an error, as before.)
 */
export function scaleUp(weights: number[]): number[] {
  const max = Math.max(...weights);
  if (!(max > 0 && max < 1)) return weights;
  // 2^k with max × 2^k in [1, 2); in two steps, as 2^k itself may exceed the largest double (k ≤ 1074)
  const k = -Math.floor(Math.log2(max));
  const a = 2 ** Math.min(k, 1000);
  const b = 2 ** (k - Math.min(k, 1000));
  let scaled = weights.map((w) => w * a * b);
  // log2 of a subnormal may be off by one at the edges: settle the largest into [1, 2)
  const m = Math.max(...scaled);
  if (m >= 2) scaled = scaled.map((w) => w / 2);
  else if (m < 1) scaled = scaled.map((w) => w * 2);
  return scaled;
}

/** A weights argument left out with an empty cell reference arrives as [[null]] or [[""]]. */
export function isBlankRange(v: unknown): boolean {
  if (!Array.isArray(v)) return isBlank(v);
  return v.length === 1 && Array.isArray(v[0]) && v[0].length === 1 && isBlank(v[0][0]);
}

/** GRADE_REASON's maturity argument: an overall level, or a total (which gives its level). */
export function readLevelOrTotal(v: unknown): { level: number; total: number | null } {
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
 * An α matrix: 19 rows (items in Appendix 1 order) × one column per rater or visit, as engine input
 * (one RaterInput per column, in column order; blank columns stay, the engine does not count them).
 * With `rows` given (custom weights), any number of rows.
 */
export function readRaterColumns(
  alphaMatrix: unknown,
  rows: number | null = S.items.length
): { raters: RaterInput[]; grid: Grid } {
  const where = param("alphaMatrix");
  const g = readGrid(alphaMatrix, where);
  if (rows !== null && g.rows !== rows) {
    invalid(
      t(
        `${where.zh}：应为 ${rows} 行（附录 1 的项目顺序）× 评价人列，实际为 ${shapeText(g)}`,
        `${where.en}: expected ${rows} rows (items in Appendix 1 order) × rater columns, got ${shapeText(g)}`
      )
    );
  }
  const raters: RaterInput[] = [];
  for (let c = 0; c < g.cols; c++) {
    const col = new Array(g.rows);
    for (let r = 0; r < g.rows; r++) col[r] = g.cells[r * g.cols + c];
    raters.push({ alphas: col });
  }
  return { raters, grid: g };
}

/** The 21 clause levels in Appendix 3 order, from one column or one row (cells not yet checked). */
export function readLevelCells(levels: unknown): unknown[] {
  const where = param("levels");
  return readVector(readGrid(levels, where), S.clauses.length, t("等级", "levels"), where);
}

/**
 * The conformity review of 5.3 (RULES.md §5): TRUE, 1 or the "passed" label (either language) → passed;
 * FALSE, 0 or the "not passed" label → failed; blank or left out → absent (the result is provisional).
 */
export function readConformity(v: unknown): ConformityStatus {
  const where = param("conformity");
  const x = readScalar(v ?? null, where);
  if (isBlank(x)) return "absent";
  if (x === true || x === 1) return "passed";
  if (x === false || x === 0) return "failed";
  if (typeof x === "string") {
    const t = x.trim().toLowerCase();
    const { passed, failed } = S.vocabulary.conformity;
    if (t === passed.zh || t === passed.en || t === "true" || t === "yes" || t === "是") return "passed";
    if (t === failed.zh || t === failed.en || t === "false" || t === "no" || t === "否" || t === "failed")
      return "failed";
  }
  const { passed, failed } = S.vocabulary.conformity;
  return invalid({
    zh: `${where.zh} ${JSON.stringify(x)} 不是审查结果（TRUE /“${passed.zh}”或 FALSE /“${failed.zh}”，未审查时留空）`,
    en: `${where.en} ${JSON.stringify(x)} is not a review result (TRUE / "${passed.en}" or FALSE / "${failed.en}"; leave it blank when not reviewed yet)`,
  });
}
