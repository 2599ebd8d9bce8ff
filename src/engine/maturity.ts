import type { MaturityBand, Scheme } from "../scheme/types";
import { finding, type Finding } from "./findings";
import { readLevel, type ReadOptions } from "./input";

/** Points of one clause (Appendix 3): level × clause weight / 5. */
export function maturityPoints(level: number, weight: number, scheme: Scheme): number {
  return (level * weight) / scheme.maxClauseLevel;
}

/** The overall maturity band of a total (Appendix 3 说明 3)), or undefined outside [20, 145]. */
export function maturityBand(total: number, scheme: Scheme): MaturityBand | undefined {
  const bands = scheme.maturityBands;
  const top = bands[bands.length - 1];
  if (!(total >= bands[0].min && total <= top.max)) return undefined;
  for (const b of bands) if (total < b.max || b === top) return b;
  return undefined;
}

export interface ClauseResult {
  clause: string;
  level: number | null;
  points: number | null;
  /** points at the top level */
  max: number;
}

export interface MaturityResult {
  clauses: ClauseResult[];
  /** Σ points; null while a clause is blank or invalid */
  total: number | null;
  /** overall level 1–5; null when total is */
  level: number | null;
  band: MaturityBand | null;
  progress: { rated: number; of: number };
  /** clauses left blank, in scheme order */
  unrated: string[];
  findings: Finding[];
}

/** Clause points, total and overall level from one level per clause (scheme order). */
export function maturity(levels: ReadonlyArray<unknown>, scheme: Scheme, opts: ReadOptions = {}): MaturityResult {
  const findings: Finding[] = [];
  const unrated: string[] = [];
  let total = 0;
  let bad = false;
  const clauses = scheme.clauses.map((c, i) => {
    const r = readLevel(levels[i], scheme, { clause: c.id }, opts);
    const max = maturityPoints(scheme.maxClauseLevel, c.weight, scheme);
    if (r.finding) {
      findings.push(r.finding);
      bad = true;
      return { clause: c.id, level: null, points: null, max };
    }
    if (r.level === null) {
      unrated.push(c.id);
      return { clause: c.id, level: null, points: null, max };
    }
    const points = maturityPoints(r.level, c.weight, scheme);
    total += points;
    return { clause: c.id, level: r.level, points, max };
  });
  if (unrated.length) {
    findings.push(
      finding("level-blank", "incomplete", {
        zh: `未评定成熟度的条款：${unrated.join(", ")}`,
        en: `clauses without a maturity level: ${unrated.join(", ")}`,
      })
    );
  }
  const ok = !bad && unrated.length === 0;
  const band = ok ? maturityBand(total, scheme) : undefined;
  return {
    clauses,
    total: ok ? total : null,
    level: band ? band.level : null,
    band: band ?? null,
    progress: { rated: clauses.filter((c) => c.level !== null).length, of: clauses.length },
    unrated,
    findings,
  };
}

/** Overall level from a total, with a finding when the total is outside the bands. */
export function maturityLevelOf(total: unknown, scheme: Scheme): { level: number } | { finding: Finding } {
  const bands = scheme.maturityBands;
  const lo = bands[0].min;
  const hi = bands[bands.length - 1].max;
  if (typeof total !== "number" || !Number.isFinite(total)) {
    return {
      finding: finding("total-range", "error", {
        zh: `成熟度总分 ${String(total)} 不是数`,
        en: `maturity total ${String(total)} is not a number`,
      }),
    };
  }
  const band = maturityBand(total, scheme);
  if (!band) {
    return {
      finding: finding("total-range", "error", {
        zh: `成熟度总分 ${total} 超出 [${lo}, ${hi}]`,
        en: `maturity total ${total} is outside [${lo}, ${hi}]`,
      }),
    };
  }
  return { level: band.level };
}

/** One proposed raise of a clause's level. */
export interface ClauseMove {
  clause: string;
  from: number;
  to: number;
  points: number;
}

/**
 * The fewest one-level clause raises that add at least `needed` points. Clauses with more points per
 * level come first; among equals, the lowest-rated (easiest to lift) first. Returns [] when needed ≤ 0
 * and null when even every clause at the top level is not enough.
 */
export function maturityMoves(levels: ReadonlyArray<number>, needed: number, scheme: Scheme): ClauseMove[] | null {
  if (needed <= 0) return [];
  const top = scheme.maxClauseLevel;
  const steps: { i: number; level: number; pts: number }[] = [];
  scheme.clauses.forEach((c, i) => {
    for (let l = levels[i]; l < top; l++) steps.push({ i, level: l, pts: c.weight / top });
  });
  steps.sort((a, b) => b.pts - a.pts || a.level - b.level || a.i - b.i);
  const taken: typeof steps = [];
  let got = 0;
  for (const s of steps) {
    if (got >= needed) break;
    // avoid a 2-point step when 1 point is missing and a 1-point step exists
    if (needed - got < s.pts && steps.some((t) => !taken.includes(t) && t.pts === needed - got && t !== s)) continue;
    taken.push(s);
    got += s.pts;
  }
  if (got < needed) return null;
  const byClause = new Map<number, ClauseMove>();
  for (const s of taken) {
    const m = byClause.get(s.i);
    if (m) {
      m.to++;
      m.points += s.pts;
    } else byClause.set(s.i, { clause: scheme.clauses[s.i].id, from: s.level, to: s.level + 1, points: s.pts });
  }
  return [...byClause.values()].sort((a, b) => b.points - a.points || a.from - b.from);
}
