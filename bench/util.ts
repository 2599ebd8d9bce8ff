/** Shared measuring helpers of the bench areas. */

/** ns per call of fn over n calls, best of 5 rounds after a warm-up round. */
export function nsPerCall(n: number, fn: (i: number) => unknown): number {
  let sink = 0;
  let best = Infinity;
  for (let round = 0; round < 6; round++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) if (fn(i)) sink++;
    const ns = Number(process.hrtime.bigint() - t) / n;
    if (round > 0) best = Math.min(best, ns);
  }
  if (sink < 0) console.log(sink); // keeps the calls from being optimised away
  return best;
}

/** A seeded generator (LCG) so every run measures the same inputs. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
