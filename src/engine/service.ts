import type { Scheme, LikertBand } from "../scheme/types";
import { clean, roundHalfUp } from "./decimal";
import { finding, type Finding } from "./findings";
import { readAlpha, type Alpha, type ReadOptions } from "./input";
import type { RaterRecord } from "./records";

/** The Likert band (5.1.1 2)) of an α in [0, 1], or undefined outside it or for a non-number. */
export function likertBand(alpha: number, scheme: Scheme): LikertBand | undefined {
  const bands = scheme.likert;
  if (!(alpha >= bands[0].min && alpha <= bands[bands.length - 1].max)) return undefined;
  for (const b of bands) if (alpha <= b.max) return b;
  return undefined;
}

/** 实际得分 of one item: weight × α. */
export function itemScore(weight: number, alpha: number): number {
  return clean(weight * alpha);
}

/** One rater's (or visit's) scores. */
export interface RaterResult {
  /** 1-based position among the rater columns given */
  rater: number;
  name?: string;
  /** the α of every item, in scheme order (null = blank, "NA" = not applicable) */
  alphas: Alpha[];
  /** Σ weight × α over applicable scored items */
  actual: number;
  /** Σ weight over applicable scored items */
  attainable: number;
  /** 100 × actual / attainable; null while items are blank or when every item is N/A */
  score: number | null;
  /** items scored (a number or N/A) */
  scored: number;
  /** items left blank, in scheme order */
  unscored: string[];
}

export interface CharacteristicResult {
  id: string;
  /** mean over raters of 100 × actual / attainable within the characteristic; null if N/A for all */
  score: number | null;
  weight: number;
}

export interface Disagreement {
  item: string;
  /** band of each counted rater, in rater order (null where N/A) */
  bands: (number | null)[];
  spread: number;
}

export interface PanelResult {
  raters: RaterResult[];
  /** raters that count (columns that are not entirely blank) */
  counted: number;
  /** mean of the raters' scores, unrounded; null when incomplete or invalid */
  raw: number | null;
  /** raw rounded half-up to the profile's decimals: the score that is graded and shown */
  score: number | null;
  /** items that some counted rater left blank, in scheme order */
  unscored: string[];
  /** items scored by every counted rater, of the scheme's items */
  progress: { scored: number; of: number };
  characteristics: CharacteristicResult[];
  disagreements: Disagreement[];
  findings: Finding[];
}

export interface RaterInput extends RaterRecord {
  /** one cell per scheme item, in scheme order; missing entries are blank */
  alphas: ReadonlyArray<unknown>;
}

/**
 * The panel score (5.1.2): mean over raters of each rater's service score (5.1.1 1)). A rater column
 * that is entirely blank is not a rater; a partly blank one makes the result incomplete.
 */
export function panelScore(
  input: ReadonlyArray<RaterInput>,
  scheme: Scheme,
  opts: ReadOptions & {
    decimals?: number;
    /** false: skip the per-characteristic scores and the disagreements (left empty), for callers that only want the score */
    breakdown?: boolean;
  } = {}
): PanelResult {
  const items = scheme.items;
  const findings: Finding[] = [];
  /** "unscored items" findings, reported after the errors */
  const blanks: Finding[] = [];
  const raters: RaterResult[] = [];
  input.forEach((r, ri) => {
    const place = { rater: ri + 1, rater_name: r.name };
    const alphas: Alpha[] = new Array(items.length);
    const invalid: boolean[] = new Array(items.length).fill(false);
    let any = false;
    let bad = false;
    for (let i = 0; i < items.length; i++) {
      // a literal, not a spread of `place`: this runs for every cell (the spread made panelScore 6× slower)
      const read = readAlpha(r.alphas[i], scheme, { rater: ri + 1, rater_name: r.name, item: items[i].id }, opts);
      if (read.finding) {
        findings.push(read.finding);
        alphas[i] = null;
        invalid[i] = true;
        bad = true;
        any = true;
      } else {
        alphas[i] = read.alpha;
        if (read.alpha !== null) any = true;
      }
    }
    if (!any) return; // an empty column is not a rater
    let actual = 0;
    let attainable = 0;
    let scored = 0;
    const unscored: string[] = [];
    for (let i = 0; i < items.length; i++) {
      const a = alphas[i];
      if (a === null) {
        // an invalid cell is already reported as such, not also as unscored
        if (!invalid[i]) unscored.push(items[i].id);
        continue;
      }
      scored++;
      if (a === "NA") continue;
      actual += items[i].weight * a;
      attainable += items[i].weight;
    }
    let score: number | null = null;
    if (bad) {
      // no score while a cell is invalid
    } else if (unscored.length) {
      blanks.push(
        finding(
          "alpha-blank",
          "incomplete",
          { zh: `未评分项目：${unscored.join(", ")}`, en: `unscored items: ${unscored.join(", ")}` },
          place
        )
      );
    } else if (attainable === 0) {
      findings.push(
        finding("rater-all-na", "error", { zh: "所有项目均为不适用，无法计分", en: "every item is N/A; there is nothing to score" }, place)
      );
    } else {
      score = clean((100 * actual) / attainable);
    }
    raters.push({ rater: ri + 1, name: r.name, alphas, actual: clean(actual), attainable, score, scored, unscored });
  });

  if (raters.length === 0) {
    findings.push(
      finding("no-raters", "incomplete", {
        zh: "尚无任何评价人打分（所有 α 列均为空）",
        en: "no rater has scored anything yet (every α column is blank)",
      })
    );
  }
  findings.push(...blanks);
  const unscoredSet = new Set(raters.flatMap((r) => r.unscored));
  const unscored = items.map((it) => it.id).filter((id) => unscoredSet.has(id));

  const complete = raters.length > 0 && raters.every((r) => r.score !== null);
  const raw = complete ? clean(raters.reduce((s, r) => s + (r.score as number), 0) / raters.length) : null;
  const decimals = opts.decimals ?? scheme.profiles[0].decimals;
  const progress = {
    scored: items.filter((_, i) => raters.length > 0 && raters.every((r) => r.alphas[i] !== null)).length,
    of: items.length,
  };
  return {
    raters,
    counted: raters.length,
    raw,
    score: raw === null ? null : roundHalfUp(raw, decimals),
    unscored,
    progress,
    characteristics: opts.breakdown === false ? [] : characteristicScores(raters, scheme),
    disagreements: opts.breakdown === false ? [] : disagreements(raters, scheme),
    findings,
  };
}

/** Per-characteristic scores: the same ratio within one characteristic, averaged over raters. */
export function characteristicScores(raters: ReadonlyArray<RaterResult>, scheme: Scheme): CharacteristicResult[] {
  const chars = scheme.characteristics;
  const index = new Map(chars.map((c, k) => [c.id, k]));
  const ci = scheme.items.map((it) => index.get(it.characteristic) as number);
  const weight = new Array<number>(chars.length).fill(0);
  scheme.items.forEach((it, i) => (weight[ci[i]] += it.weight));
  const sum = new Array<number>(chars.length).fill(0);
  const n = new Array<number>(chars.length).fill(0);
  const actual = new Array<number>(chars.length);
  const attainable = new Array<number>(chars.length);
  const blank = new Array<boolean>(chars.length);
  for (const r of raters) {
    actual.fill(0);
    attainable.fill(0);
    blank.fill(false);
    for (let i = 0; i < ci.length; i++) {
      const a = r.alphas[i];
      const k = ci[i];
      if (a === null) blank[k] = true;
      else if (a !== "NA") {
        actual[k] += scheme.items[i].weight * a;
        attainable[k] += scheme.items[i].weight;
      }
    }
    for (let k = 0; k < chars.length; k++) {
      if (blank[k] || attainable[k] === 0) continue;
      sum[k] += (100 * actual[k]) / attainable[k];
      n[k]++;
    }
  }
  return chars.map((c, k) => ({ id: c.id, score: n[k] ? clean(sum[k] / n[k]) : null, weight: weight[k] }));
}

/** Items whose Likert bands differ by `min` (the scheme's disagreementBands) or more between raters. */
export function disagreements(
  raters: ReadonlyArray<RaterResult>,
  scheme: Scheme,
  min = scheme.disagreementBands
): Disagreement[] {
  if (raters.length < 2) return [];
  const out: Disagreement[] = [];
  scheme.items.forEach((it, i) => {
    const bands = raters.map((r) => {
      const a = r.alphas[i];
      return typeof a === "number" ? (likertBand(a, scheme)?.band ?? null) : null;
    });
    const nums = bands.filter((b): b is NonNullable<typeof b> => b !== null);
    if (nums.length < 2) return;
    const spread = Math.max(...nums) - Math.min(...nums);
    if (spread >= min) out.push({ item: it.id, bands, spread });
  });
  return out;
}

export interface Headroom {
  item: string;
  /** mean α over the raters that scored it (N/A excluded); null when N/A for all */
  meanAlpha: number | null;
  /** service points the panel score would gain if every rater gave this item α = 1 */
  gain: number;
}

/** Where the service score can still rise: items by the points they could add, largest first. */
export function serviceHeadroom(panel: PanelResult, scheme: Scheme): Headroom[] {
  const rs = panel.raters.filter((r) => r.score !== null);
  if (!rs.length) return [];
  return scheme.items
    .map((it, i) => {
      let gain = 0;
      let sumA = 0;
      let nA = 0;
      for (const r of rs) {
        const a = r.alphas[i];
        if (typeof a !== "number") continue;
        gain += (100 * it.weight * (1 - a)) / r.attainable;
        sumA += a;
        nA++;
      }
      return { item: it.id, meanAlpha: nA ? clean(sumA / nA) : null, gain: clean(gain / rs.length) };
    })
    .filter((h) => h.gain > 0)
    .sort((a, b) => b.gain - a.gain);
}
