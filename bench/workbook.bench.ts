/**
 * Templates: `qcs template` wall time, and `qcs score` throughput on 200 filled .xlsx files.
 * Uses the compiled command (node bin/qcs.js, needs `npm run build:cli`) when lib/ exists; the
 * in-process figures (templateCommand; readWorkbookFile + assess) are always measured too.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { BenchRow } from "./types";
import { rng } from "./util";
import { DEFAULT_SCHEME as S } from "../src/scheme";
import { assess, type AssessmentInput } from "../src/engine";
import { buildTemplate, fillModel } from "../src/workbook/model";
import { modelBuffer } from "../src/workbook/xlsx/write";
import { readWorkbookFile } from "../src/workbook/xlsx/read";
import { templateCommand } from "../src/cli/template";

const AREA = "workbook";
const ROOT = path.join(__dirname, "..");
const CLI = path.join(ROOT, "bin", "qcs.js");
const hasCli = () => fs.existsSync(path.join(ROOT, "lib", "cli", "main.js"));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}


/**
 * n filled returned workbooks as clients send them back: stamped (a unique form id each), α and levels
 * filled, the outputs' cached values as Excel would save them (fillModel), so every file verifies intact.
 */
async function filled(dir: string, n: number): Promise<string[]> {
  const rand = rng(42);
  const files: string[] = [];
  for (let k = 0; k < n; k++) {
    const input: AssessmentInput = {
      organization: `Org ${k}`,
      raters: Array.from({ length: 3 }, () => ({ alphas: S.items.map(() => (rand() < 0.05 ? "N/A" : Math.round(rand() * 100) / 100)) })),
      levels: S.clauses.map(() => 1 + Math.floor(rand() * 5)),
    };
    const model = buildTemplate(S, { raters: 3, lang: "zh-CN", stamp: { formId: `00000000-0000-4000-8000-${String(k).padStart(12, "0")}`, issued: "2026-11-26" } });
    const f = path.join(dir, `filled-${String(k).padStart(3, "0")}.xlsx`);
    fs.writeFileSync(f, await modelBuffer(fillModel(model, input, S)));
    files.push(f);
  }
  return files;
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qcs-bench-workbook-"));
  const quiet = <T>(f: () => Promise<T>): Promise<T> => {
    const w = process.stdout.write.bind(process.stdout);
    process.stdout.write = (() => true) as typeof process.stdout.write;
    return f().finally(() => (process.stdout.write = w));
  };

  // qcs template, in process
  const inproc: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    await quiet(() => templateCommand(["--out", path.join(dir, `t${i}.xlsx`), "--force"]));
    inproc.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  rows.push({ area: AREA, name: "qcs template (in process, 3 raters)", value: Math.round(median(inproc)), unit: "ms", target: "< 1000 ms", ok: median(inproc) < 1000 });

  if (hasCli()) {
    const wall: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [CLI, "template", "--out", path.join(dir, `c${i}.xlsx`), "--force"], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`qcs template failed: ${r.stderr}`);
      wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    rows.push({ area: AREA, name: "qcs template wall time (node bin/qcs.js)", value: Math.round(median(wall)), unit: "ms", target: "< 3000 ms", ok: median(wall) < 3000 });
  }

  // qcs score on 200 filled templates
  const files = await filled(dir, 200);
  const t0 = process.hrtime.bigint();
  let graded = 0;
  for (const f of files) {
    const r = await readWorkbookFile(f, S);
    if (r.findings.length || !r.input) throw new Error(`${f}: ${r.findings.map((x) => x.message.en).join("; ")}`);
    if (assess(r.input as AssessmentInput, S, { numericText: true }).complete) graded++;
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  if (graded !== files.length) throw new Error(`only ${graded} of ${files.length} filled templates were complete`);
  rows.push({ area: AREA, name: "score filled .xlsx (readWorkbookFile + assess, in process)", value: Math.round(files.length / secs), unit: "files/s", target: "≥ 20 files/s", ok: files.length / secs >= 20 });

  if (hasCli()) {
    const c0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [CLI, "score", "--json", ...files], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const cs = Number(process.hrtime.bigint() - c0) / 1e9;
    const lines = r.stdout.trim().split("\n").filter(Boolean).length;
    if (lines !== files.length) throw new Error(`qcs score printed ${lines} results for ${files.length} files (exit ${r.status}): ${r.stderr.slice(0, 400)}`);
    rows.push({ area: AREA, name: "qcs score 200 filled .xlsx (node bin/qcs.js --json)", value: Math.round(files.length / cs), unit: "files/s", target: "≥ 20 files/s", ok: files.length / cs >= 20 });
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return rows;
}
