/** One measured figure. `npm run bench` prints every area's rows as one table. */
export interface BenchRow {
  area: string;
  name: string;
  /** the measured number (never a constant) */
  value: number;
  unit: string;
  /** e.g. "< 1 µs" */
  target?: string;
  /** whether value meets target (omit when there is no target) */
  ok?: boolean;
}

/** Each bench/<area>.bench.ts exports `run`. */
export type BenchModule = { run: () => Promise<BenchRow[]> };
