/**
 * Task pane: gzip size of the JS the page loads initially (from dist/, as built by `npm run build`),
 * and the time to the first painted summary in headless Chromium (measured here: median of 5 fresh
 * loads; the e2e run's own figure, test-output/first-render.json, is shown beside it when present).
 */
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import type { AddressInfo } from "net";
import type { BenchRow } from "./types";

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const CHROMIUM = "/usr/bin/chromium";
const AREA = "taskpane";

/** The scripts taskpane.html loads at start (office.js excluded: Microsoft's, not ours). */
export function initialScripts(html: string): string[] {
  const out: string[] = [];
  const re = /<script\b[^>]*\bsrc=["']?([^"' >]+)/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    const src = m[1];
    if (/office\.js$/i.test(src) || /^https?:/i.test(src)) continue;
    out.push(src);
  }
  return out;
}

const gz = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

async function firstRender(runs: number): Promise<number[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createHandler } = require("../scripts/start.js") as { createHandler: (root: string) => http.RequestListener };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require("playwright-core") as typeof import("playwright-core");
  const server = http.createServer(createHandler(DIST));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/taskpane.html`;
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qcs-bench-"));
      const ctx = await chromium.launchPersistentContext(dir, {
        executablePath: CHROMIUM,
        headless: true,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        viewport: { width: 360, height: 900 },
      });
      try {
        const page = ctx.pages()[0] ?? (await ctx.newPage());
        await page.goto(url);
        await page.waitForFunction(() => (window as unknown as { __qcsFirstRender?: number }).__qcsFirstRender !== undefined, null, { timeout: 30_000 });
        times.push(await page.evaluate(() => (window as unknown as { __qcsFirstRender: number }).__qcsFirstRender));
      } finally {
        await ctx.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    server.close();
  }
  return times;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(): Promise<BenchRow[]> {
  const html = path.join(DIST, "taskpane.html");
  if (!fs.existsSync(html)) throw new Error("dist/taskpane.html is missing: run `npm run build` first");
  const scripts = initialScripts(fs.readFileSync(html, "utf8"));
  const sizes = scripts.map((s) => ({ s, bytes: gz(path.join(DIST, s)) }));
  const total = sizes.reduce((a, b) => a + b.bytes, 0) / 1024;
  const rows: BenchRow[] = [
    {
      area: AREA,
      name: `initial JS, gzipped (${sizes.map((x) => `${x.s} ${(x.bytes / 1024).toFixed(1)}`).join(" + ")})`,
      value: Math.round(total * 10) / 10,
      unit: "KB",
      target: "≤ 150",
      ok: total <= 150,
    },
  ];
  const lazy = fs.readdirSync(DIST).filter((f) => f.endsWith(".js") && !scripts.includes(f));
  if (lazy.length) {
    const bytes = lazy.reduce((a, f) => a + gz(path.join(DIST, f)), 0) / 1024;
    rows.push({ area: AREA, name: `loaded on demand, gzipped (${lazy.join(", ")})`, value: Math.round(bytes * 10) / 10, unit: "KB" });
  }
  if (fs.existsSync(CHROMIUM)) {
    const times = await firstRender(5);
    const m = median(times);
    rows.push({
      area: AREA,
      name: `first render, preview, headless Chromium (median of ${times.length}: ${times.map((t) => Math.round(t)).join(", ")})`,
      value: Math.round(m),
      unit: "ms",
      target: "≤ 1000",
      ok: m <= 1000,
    });
  }
  const e2e = path.join(ROOT, "test-output", "first-render.json");
  if (fs.existsSync(e2e)) {
    const j = JSON.parse(fs.readFileSync(e2e, "utf8")) as { median: number; runs: number[] };
    rows.push({
      area: AREA,
      name: `first render in the last e2e run (median of ${j.runs.length})`,
      value: Math.round(j.median),
      unit: "ms",
      target: "≤ 1000",
      ok: j.median <= 1000,
    });
  }
  return rows;
}
