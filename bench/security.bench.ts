/**
 * Security (issue 9): ordinary files stay fast now that every returned workbook is compared with its
 * template (verify.ts) and every JSON file is read strictly and bounded; the worst hostile inputs of
 * test/security are answered within the budget (≤ 10 s, ≤ 300 MB peak RSS, measured in the child).
 *
 * Rows: `qcs score --json` on 200 ordinary filled, stamped .xlsx files and on 1,000 JSON assessments
 * (one process each, Node start-up included); the same .xlsx read in process (readWorkbookBytes →
 * verify → assess); and the hostile file alone that costs most: 600,000 unknown item ids (4.8 MB
 * JSON). QCS_BENCH_CLI=/other/checkout/bin/qcs.js measures
 * another build's command on the same inputs (how the "before" figures of the report were taken).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { BenchRow } from "./types";
import { rng } from "./util";
import { DEFAULT_SCHEME as S } from "../src/scheme";
import { assess, writeExchange, type AssessmentInput } from "../src/engine";
import { buildTemplate, fillModel } from "../src/workbook/model";
import { modelBuffer } from "../src/workbook/xlsx/write";
import { readWorkbookBytes } from "../src/workbook/xlsx/read";

const AREA = "security";
const ROOT = path.join(__dirname, "..");
const CLI = process.env.QCS_BENCH_CLI ?? path.join(ROOT, "bin", "qcs.js");
const TIME = "/usr/bin/time";

function input(rand: () => number, raters: number): AssessmentInput {
  return {
    organization: `Org ${Math.floor(rand() * 1e6)}`,
    raters: Array.from({ length: raters }, () => ({ alphas: S.items.map(() => (rand() < 0.05 ? "N/A" : Math.round((0.5 + rand() / 2) * 100) / 100)) })),
    levels: S.clauses.map(() => 2 + Math.floor(rand() * 4)),
    records: { conformity: { passed: true } },
  };
}

/** wall ms and peak RSS (MB) of `node CLI ARGS`; RSS from /usr/bin/time when present */
function cli(args: string[]): { ms: number; rssMb: number | null; status: number | null } {
  const t0 = process.hrtime.bigint();
  const timed = fs.existsSync(TIME);
  const r = timed
    ? spawnSync(TIME, ["-f", "RSSKB %M", process.execPath, CLI, ...args], { encoding: "utf8", maxBuffer: 512 << 20 })
    : spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", maxBuffer: 512 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = timed ? /RSSKB (\d+)\s*$/.exec(r.stderr) : null;
  return { ms, rssMb: m ? Number(m[1]) / 1024 : null, status: r.status };
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qcs-bench-security-"));
  try {
    const rand = rng(9);
    // 200 ordinary returned workbooks: 3 rater columns, filled, stamped (as qcs template --from writes them)
    const xlsx: string[] = [];
    const bytes: Uint8Array[] = [];
    for (let k = 0; k < 200; k++) {
      const model = buildTemplate(S, { raters: 3, lang: "zh-CN", stamp: { formId: `00000000-0000-4000-8000-${String(k).padStart(12, "0")}`, issued: "2026-11-26" } });
      const b = await modelBuffer(fillModel(model, input(rand, 3), S));
      const f = path.join(dir, `w${String(k).padStart(3, "0")}.xlsx`);
      fs.writeFileSync(f, b);
      xlsx.push(f);
      bytes.push(b);
    }
    // in process: the bounded reader, the whole-workbook comparison and the engine
    let verified = 0;
    const t0 = process.hrtime.bigint();
    for (const b of bytes) {
      const r = readWorkbookBytes(b, S);
      if (r.input && r.verified?.intact) verified++;
      if (r.input) assess(r.input, S, { numericText: true });
    }
    const inSec = Number(process.hrtime.bigint() - t0) / 1e9;
    if (verified !== bytes.length) throw new Error(`only ${verified} of ${bytes.length} ordinary workbooks verified intact`);
    rows.push({ area: AREA, name: "read + verify + assess 200 ordinary .xlsx (in process)", value: bytes.length / inSec, unit: "files/s", target: "≥ 20 files/s", ok: bytes.length / inSec >= 20 });

    const x = cli(["score", "--json", ...xlsx]);
    if (x.status !== 0) throw new Error(`qcs score on the ordinary workbooks exited ${x.status}`);
    rows.push({ area: AREA, name: "qcs score --json, 200 ordinary .xlsx (one process)", value: xlsx.length / (x.ms / 1000), unit: "files/s", target: "≥ 20 files/s", ok: xlsx.length / (x.ms / 1000) >= 20 });

    // 1,000 JSON assessments
    const json: string[] = [];
    for (let k = 0; k < 1000; k++) {
      const f = path.join(dir, `a${String(k).padStart(4, "0")}.json`);
      fs.writeFileSync(f, JSON.stringify(writeExchange(input(rand, 1 + (k % 5)), S)));
      json.push(f);
    }
    const j = cli(["score", "--json", ...json]);
    if (j.status !== 0) throw new Error(`qcs score on the JSON assessments exited ${j.status}`);
    rows.push({ area: AREA, name: "qcs score --json, 1,000 JSON assessments (one process)", value: json.length / (j.ms / 1000), unit: "files/s", target: "≥ 333 files/s (1,000 in < 3 s)", ok: j.ms < 3000 });

    // the worst hostile inputs, alone
    let A = "";
    for (let c = 0x20; c < 0x7f; c++) if (c !== 0x22 && c !== 0x5c) A += String.fromCharCode(c);
    const ids: string[] = [];
    for (const a of A) for (const b of A) for (const c of A) if (ids.length < 600_000 && !/^\d\.\d$/.test(a + b + c)) ids.push(`"${a}${b}${c}":1`);
    const hostile = path.join(dir, "ids.json");
    fs.writeFileSync(hostile, `{"scheme":"${S.id}","service":{"raters":[{"alpha":{${ids.join(",")}}}]},"maturity":{}}`);
    const h = cli(["score", "--json", hostile]);
    rows.push({ area: AREA, name: "hostile: 600,000 unknown item ids (4.8 MB JSON), wall time", value: h.ms, unit: "ms", target: "≤ 10000 ms", ok: h.ms <= 10_000 });
    if (h.rssMb !== null) rows.push({ area: AREA, name: "hostile: 600,000 unknown item ids (4.8 MB JSON), peak RSS", value: h.rssMb, unit: "MB", target: "≤ 300 MB", ok: h.rssMb <= 300 });
    return rows;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
