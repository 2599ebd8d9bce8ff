/**
 * The client round trip (issue 10): `qcs forms` for 50 raters, `qcs merge` of 50 returned forms and a
 * form carrying the maturity levels (whole command, to .xlsx and to .json), and `qcs verify`
 * throughput on 200 returned forms (whole command, and in process). The returned forms are written as
 * `qcs forms` writes them and filled through the model (src/cli/forms.ts formModel + fillModel).
 * Whole-command figures need the compiled command (node bin/qcs.js, `npm run build:cli`).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { BenchRow } from "./types";
import { rng } from "./util";
import { DEFAULT_SCHEME as S } from "../src/scheme";
import { fillModel, MAX_RATERS } from "../src/workbook/model";
import { modelBuffer } from "../src/workbook/xlsx/write";
import { readWorkbookBytes } from "../src/workbook/xlsx/read";
import { completeness } from "../src/workbook/completeness";
import { formModel } from "../src/cli/forms";

const AREA = "roundtrip";
const ROOT = path.join(__dirname, "..");
const CLI = path.join(ROOT, "bin", "qcs.js");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function qcs(args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`qcs ${args[0]} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return ms;
}

/** A returned form: α (and levels) filled in. */
async function returnedForm(k: number, rand: () => number, levels: boolean): Promise<Uint8Array> {
  const rater = `评价人 ${k + 1}`;
  const m = formModel(S, { organization: "示例公司", rater, kind: "person", withMaturity: levels, lang: "zh-CN" });
  const alphas = levels ? [] : S.items.map(() => (rand() < 0.05 ? "N/A" : Math.round(rand() * 100) / 100));
  const lv = levels ? S.clauses.map(() => 1 + Math.floor(rand() * 5)) : [];
  return modelBuffer(fillModel(m, { raters: [{ alphas, name: rater, kind: "person" }], levels: lv, organization: "示例公司" }, S));
}

export async function run(): Promise<BenchRow[]> {
  if (!fs.existsSync(path.join(ROOT, "lib", "cli", "main.js"))) throw new Error("npm run build:cli first");
  const rows: BenchRow[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qcs-bench-roundtrip-"));
  try {
    // qcs forms for 50 raters, whole command
    const raters = Array.from({ length: MAX_RATERS }, (_, k) => ["--rater", `评价人 ${k + 1}`]).flat();
    const forms: number[] = [];
    for (let i = 0; i < 3; i++) forms.push(qcs(["forms", "--out", path.join(dir, `issued-${i}`), "--organization", "示例公司", ...raters]));
    rows.push({ area: AREA, name: `qcs forms: ${MAX_RATERS} forms (whole command)`, value: Math.round(median(forms)), unit: "ms" });

    // 50 returned forms and the levels carrier
    const rand = rng(10);
    const back = path.join(dir, "returned");
    fs.mkdirSync(back);
    const files: string[] = [];
    for (let k = 0; k < MAX_RATERS; k++) {
      const f = path.join(back, `示例公司-评价人 ${k + 1}.xlsx`);
      fs.writeFileSync(f, await returnedForm(k, rand, false));
      files.push(f);
    }
    const carrier = path.join(back, "示例公司-自评.xlsx");
    fs.writeFileSync(carrier, await returnedForm(MAX_RATERS, rand, true));

    for (const ext of ["xlsx", "json"]) {
      const wall: number[] = [];
      for (let i = 0; i < 3; i++) wall.push(qcs(["merge", ...files, carrier, "--out", path.join(dir, `panel-${i}.${ext}`)]));
      const ms = median(wall);
      rows.push({ area: AREA, name: `qcs merge: ${MAX_RATERS} forms + levels → ${ext === "xlsx" ? `PANEL.xlsx (${MAX_RATERS} columns, sources sheet)` : "PANEL.json"} (whole command)`, value: Math.round(ms), unit: "ms", target: "≤ 5000 ms", ok: ms <= 5000 });
    }

    // qcs verify on 200 returned forms: the 50 copied four times
    const many: string[] = [];
    for (let c = 0; c < 4; c++) {
      files.forEach((f, k) => {
        const g = path.join(back, `copy${c}-${k}.xlsx`);
        fs.copyFileSync(f, g);
        many.push(g);
      });
    }
    const whole: number[] = [];
    for (let i = 0; i < 3; i++) whole.push(qcs(["verify", "--json", ...many]));
    rows.push({ area: AREA, name: `qcs verify --json: ${many.length} forms (whole command)`, value: Math.round((many.length / median(whole)) * 1000), unit: "files/s" });

    const bytes = many.map((f) => new Uint8Array(fs.readFileSync(f)));
    const inproc: number[] = [];
    for (let round = 0; round < 4; round++) {
      const t0 = process.hrtime.bigint();
      let ok = 0;
      for (const b of bytes) {
        const v = readWorkbookBytes(b, S).verified;
        if (v && v.intact && completeness(v, S)?.complete) ok++;
      }
      if (ok !== bytes.length) throw new Error(`only ${ok} of ${bytes.length} forms verified intact and complete`);
      if (round > 0) inproc.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    rows.push({ area: AREA, name: `verify in process (read + compare + engine + completeness), ${bytes.length} forms`, value: Math.round((bytes.length / median(inproc)) * 1000), unit: "files/s" });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
