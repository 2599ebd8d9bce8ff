import { DEFAULT_SCHEME as S } from "../src/scheme";
import type { AssessmentInput, ConformityReview } from "../src/engine";

/** Every item at `alpha` (overrides by item id), every clause at `level` (overrides by clause id). */
export function uniform(
  alpha: number | string,
  level: number,
  opts: { alphaBy?: Record<string, unknown>; levelBy?: Record<string, unknown>; raters?: number } = {}
): AssessmentInput {
  const alphas = S.items.map((it) => (opts.alphaBy && it.id in opts.alphaBy ? opts.alphaBy[it.id] : alpha));
  return {
    raters: Array.from({ length: opts.raters ?? 1 }, () => ({ alphas: [...alphas] })),
    levels: S.clauses.map((c) => (opts.levelBy && c.id in opts.levelBy ? opts.levelBy[c.id] : level)),
  };
}

/** The same as an exchange-format JSON object. */
export function toExchange(a: AssessmentInput): Record<string, unknown> {
  return {
    scheme: S.id,
    service: {
      raters: a.raters.map((r) => ({
        ...(r.name ? { name: r.name } : {}),
        alpha: Object.fromEntries(
          S.items.flatMap((it, i) => (r.alphas[i] === null || r.alphas[i] === undefined ? [] : [[it.id, r.alphas[i]]]))
        ),
      })),
    },
    maturity: Object.fromEntries(S.clauses.map((c, i) => [c.id, a.levels[i]])),
  };
}

/** The same assessment with a conformity review recorded (RULES.md §5). */
export function reviewed(a: AssessmentInput, passed = true, extra: Partial<ConformityReview> = {}): AssessmentInput {
  return { ...a, records: { ...(a.records ?? {}), conformity: { passed, ...extra } } };
}

/** mulberry32: a small seeded PRNG, so the "random" cases are the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
