/** Engine figures: grade(), a 3-rater panel score, and `qcs score` throughput on 1,000 JSON files. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_SCHEME as S } from "../src/scheme";
import { grade, panelScore } from "../src/engine";
import type { BenchRow } from "./types";
import { nsPerCall, rng } from "./util";

export async function run(): Promise<BenchRow[]> {
  const rnd = rng(42);
  const profile = S.profiles[0];
  const scores = Array.from({ length: 1024 }, () => Math.round(rnd() * 1000) / 10);
  const levels = Array.from({ length: 1024 }, () => 1 + Math.floor(rnd() * 5));
  const gradeNs = nsPerCall(1_000_000, (i) => grade(scores[i & 1023], levels[i & 1023], profile).code);

  const panels = Array.from({ length: 64 }, () =>
    Array.from({ length: 3 }, () => ({ alphas: S.items.map(() => Math.round(rnd() * 100) / 100) }))
  );
  const panelNs = nsPerCall(20_000, (i) => panelScore(panels[i & 63], S).score);

  // qcs score on 1,000 files, as a user runs it: one process, every file named on the command line
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qcs-bench-"));
  const files: string[] = [];
  for (let k = 0; k < 1000; k++) {
    const raters = 1 + (k % 3);
    const json = {
      scheme: S.id,
      organization: `bench ${k}`,
      service: {
        raters: Array.from({ length: raters }, () => ({
          alpha: Object.fromEntries(S.items.map((it) => [it.id, Math.round(rnd() * 100) / 100])),
        })),
      },
      maturity: Object.fromEntries(S.clauses.map((c) => [c.id, 1 + Math.floor(rnd() * 5)])),
    };
    const f = path.join(dir, `a${String(k).padStart(4, "0")}.json`);
    fs.writeFileSync(f, JSON.stringify(json));
    files.push(f);
  }
  const bin = path.join(__dirname, "..", "bin", "qcs.js");
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, "score", "--json", ...files], { encoding: "utf8", maxBuffer: 1 << 28 });
  const secs = Number(process.hrtime.bigint() - t) / 1e9;
  fs.rmSync(dir, { recursive: true, force: true });
  const lines = r.stdout.trim().split("\n").length;
  if (r.status !== 0 || lines !== 1000) throw new Error(`qcs score failed: exit ${r.status}, ${lines} lines; ${r.stderr.slice(0, 500)}`);

  return [
    { area: "engine", name: "grade() per call", value: gradeNs, unit: "ns", target: "< 1000 ns", ok: gradeNs < 1000 },
    { area: "engine", name: "panel score, 3 raters × 19 items, per call", value: panelNs, unit: "ns" },
    { area: "cli", name: "qcs score --json, 1,000 JSON files (one process)", value: secs, unit: "s", target: "< 3 s", ok: secs < 3 },
    { area: "cli", name: "qcs score throughput", value: 1000 / secs, unit: "files/s" },
  ];
}
