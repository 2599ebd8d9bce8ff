/**
 * End to end: the built pane (dist/, built with office.js served locally) in Debian's Chromium, driven
 * by playwright-core. Outside Office the pane runs in preview mode on an in-memory workbook; we insert
 * templates, enter RULES.md examples and check grade, reason and next-grade advice against the engine,
 * switch language, enter a bad α, import returned forms (the file input, each file's verdict, the
 * preview, the write: the result is the engine's), and save the screenshots in docs/.
 */
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import type { AddressInfo } from "net";
import type { BrowserContext, Page } from "playwright-core";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { assess, type AssessmentInput } from "../../src/engine";
import { uniform } from "../helpers";
import { sampleAssessment } from "../../src/taskpane/sample";
import { alteredForm, formBytes, rater } from "../taskpane/import-forms";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createHandler } = require("../../scripts/start.js") as { createHandler: (root: string) => http.RequestListener };

const ROOT = path.resolve(__dirname, "../..");
const DIST = path.join(ROOT, "dist");
const CHROMIUM = "/usr/bin/chromium";
const OUT = path.join(ROOT, "test-output");
const DOCS = path.join(ROOT, "docs");
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

jest.setTimeout(180_000);

let server: http.Server;
let base = "";
const contexts: BrowserContext[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  // fail (not skip) when the prerequisites are missing
  if (!fs.existsSync(path.join(DIST, "taskpane.html"))) throw new Error(`${DIST}/taskpane.html is missing: run \`QCS_OFFICE_JS=local npm run build\` first`);
  if (!fs.existsSync(path.join(DIST, "office-js", "office.js"))) {
    throw new Error("dist/office-js/office.js is missing: build with QCS_OFFICE_JS=local (npm test does)");
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  server = http.createServer(createHandler(DIST));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fs.mkdirSync(OUT, { recursive: true });
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  if (server) await new Promise((r) => server.close(r));
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A fresh browser (own user-data-dir) with one page at the given width. */
async function open(width: number, opts: { blockOfficeJs?: boolean; height?: number } = {}): Promise<Page> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require("playwright-core") as typeof import("playwright-core");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qcs-e2e-"));
  dirs.push(dir);
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width, height: opts.height ?? 900 },
    deviceScaleFactor: 1,
  });
  contexts.push(ctx);
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  const external: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith("data:")) external.push(r.url());
  });
  (page as Page & { external?: string[] }).external = external;
  if (opts.blockOfficeJs) await page.route("**/office-js/**", (route) => route.fulfill({ status: 404, body: "not here" }));
  await page.goto(`${base}/taskpane.html`);
  await page.waitForFunction(() => window.__qcsFirstRender !== undefined, null, { timeout: 30_000 });
  return page;
}

const gradeOf = (page: Page) => page.getByTestId("grade").locator("[data-grade]").getAttribute("data-grade");

async function fillAll(page: Page, alpha: string, level: string): Promise<void> {
  await page.getByTestId("tab-input").click();
  await page.getByTestId("fill-rater").selectOption("all");
  await page.getByTestId("fill-alpha").fill(alpha);
  await page.getByTestId("fill-alpha-apply").click();
  await page.getByTestId("fill-level").selectOption(level);
  await page.getByTestId("fill-level-apply").click();
}

/** Waits until the badge shows the code the engine gives for `input`, then checks reason and advice. */
async function expectResult(page: Page, input: AssessmentInput, code: string, lang: "zh" | "en" = "zh"): Promise<void> {
  const r = assess(input, S);
  expect(r.gradeCode).toBe(code); // the engine agrees with RULES.md
  await page.waitForFunction((c) => document.querySelector("[data-grade]")?.getAttribute("data-grade") === c, code, { timeout: 10_000 });
  expect(await page.getByTestId("grade").innerText()).toContain(S.gradeLabels[code as keyof typeof S.gradeLabels][lang]);
  await page.getByTestId("tab-overview").click();
  expect(await page.getByTestId("reason").innerText()).toBe(r.reason![lang]);
  expect(await page.getByTestId("reason").innerText()).toContain("5.3");
  expect((await page.getByTestId("next").innerText()).startsWith(r.nextText![lang])).toBe(true);
}

test("preview mode starts with office.js loaded but no Office host, first render measured, no external requests", async () => {
  const runs: number[] = [];
  let page: Page | undefined;
  for (let i = 0; i < 5; i++) {
    page = await open(360);
    runs.push(await page.evaluate(() => window.__qcsFirstRender as number));
    expect(await page.evaluate(() => window.__qcsMode)).toBe("preview");
    expect(await page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office)).toBe("object");
    expect((page as Page & { external?: string[] }).external).toEqual([]);
    if (i < 4) await page.context().close();
  }
  const sorted = [...runs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  fs.writeFileSync(
    path.join(OUT, "first-render.json"),
    JSON.stringify({ what: "ms from navigation start to the first painted summary, preview mode, headless Chromium", median, runs }, null, 2)
  );
  // Issue 5's target: first render ≤ 1 s in headless Chromium here (about 300 ms of it is office.js
  // loading before any of our code runs). The median of five loads evens out a busy moment.
  expect(median).toBeLessThanOrEqual(1000);
  // the sample assessment is summarized by the engine
  await expect(gradeOf(page!)).resolves.not.toBe("pending");
});

test("office.js unreachable: the pane still starts in preview mode", async () => {
  const page = await open(360, { blockOfficeJs: true });
  expect(await page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office)).toBe("undefined");
  expect(await page.evaluate(() => window.__qcsMode)).toBe("preview");
  await expect(page.getByTestId("preview-banner")).toBeDefined();
  expect(await gradeOf(page)).not.toBe("pending");
});

test("insert templates, enter RULES.md examples, see grade, reason and next-grade advice change (zh-CN, 320 px)", async () => {
  const page = await open(320);
  // Chinese by default
  expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
  await page.getByTestId("rater-count").selectOption("1");
  await page.getByTestId("insert").click();
  await page.waitForFunction(() => document.querySelector("[data-grade]")?.getAttribute("data-grade") === "pending");
  expect(await page.getByTestId("status").innerText()).toContain("已插入");

  // RULES.md §4 "capped": every α 0.9, every clause 3 → AAA, held back by maturity
  await fillAll(page, "0.9", "3");
  await expectResult(page, uniform(0.9, 3), "AAA");
  expect(await page.getByTestId("limited-by").innerText()).toBe("管理成熟度");
  expect(await page.getByTestId("maturity-moves").count()).toBe(1);

  // "uniform 0.9, L4" → AAAA, now held back by the service score
  await fillAll(page, "0.9", "4");
  await expectResult(page, uniform(0.9, 4), "AAAA");
  expect(await page.getByTestId("limited-by").innerText()).toBe("服务得分");
  expect(await page.getByTestId("service-moves").count()).toBe(1);

  // "rounding": item 3.1 at 0.89 → 89.95 → 90.0, still AAAA
  await page.getByTestId("tab-input").click();
  await page.getByTestId("alpha-3.1-1").fill("0.89");
  await expectResult(page, uniform(0.9, 4, { alphaBy: { "3.1": 0.89 } }), "AAAA");
  expect(await page.getByTestId("service-score").innerText()).toBe("90.0");

  // "basic": every α 0.85, every clause 2
  await fillAll(page, "0.85", "2");
  await expectResult(page, uniform(0.85, 2), "BASIC");

  // "low": every α 0.5, every clause 1 → not certified
  await fillAll(page, "0.5", "1");
  await expectResult(page, uniform(0.5, 1), "NONE");

  // no horizontal overflow at 320 px, on every tab
  for (const tab of ["overview", "service", "maturity", "findings", "input"]) {
    await page.getByTestId(`tab-${tab}`).click();
    const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect({ tab, sw }).toEqual({ tab, sw: cw });
  }
});

test("language switch, a bad α shows a finding with its cell, and choosing it focuses the input", async () => {
  const page = await open(360);
  await page.getByTestId("rater-count").selectOption("2");
  await page.getByTestId("insert").click();
  await fillAll(page, "0.9", "3");
  const input = uniform(0.9, 3, { raters: 2 });
  await expectResult(page, input, "AAA");

  await page.getByTestId("lang-switch").click();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe("en-US");
  await expectResult(page, input, "AAA", "en");
  expect(await page.getByTestId("limited-by").innerText()).toBe("maturity");
  await page.getByTestId("lang-switch").click();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");

  // a bad α: 1.2 for item 2.3, rater 2
  await page.getByTestId("tab-input").click();
  const cell = await page.getByTestId("alpha-2.3-2").getAttribute("data-cell");
  expect(cell).toMatch(/!.+\d$/);
  await page.getByTestId("alpha-2.3-2").fill("1.2");
  await page.waitForFunction(() => document.querySelector("[data-grade]")?.getAttribute("data-grade") === "pending");
  await page.getByTestId("tab-findings").click();
  const finding = page.getByTestId("findings").locator(`button[data-cell="${cell}"]`);
  expect(await finding.count()).toBe(1);
  const text = await finding.innerText();
  expect(text).toContain("1.2");
  expect(text).toContain(cell!);
  await finding.click();
  await page.waitForFunction((c) => document.activeElement?.getAttribute("data-cell") === c, cell);
  expect(await page.getByTestId("alpha-2.3-2").getAttribute("aria-invalid")).toBe("true");
});

test("screenshots of the summary in both languages (docs/pane-*.png)", async () => {
  for (const [lang, file] of [
    ["zh-CN", "pane-zh-CN.png"],
    ["en-US", "pane-en-US.png"],
  ] as const) {
    const page = await open(360, { height: 1100 });
    if (lang === "en-US") await page.getByTestId("lang-switch").click();
    await page.getByTestId("tab-overview").click();
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: path.join(DOCS, file), fullPage: true });
    expect(fs.statSync(path.join(DOCS, file)).size).toBeGreaterThan(10_000);
  }
  // the service and maturity views, narrow
  const page = await open(320, { height: 1400 });
  await page.getByTestId("tab-service").click();
  await page.screenshot({ path: path.join(DOCS, "pane-service-320.png"), fullPage: true });
  await page.getByTestId("tab-maturity").click();
  await page.screenshot({ path: path.join(DOCS, "pane-maturity-320.png"), fullPage: true });
  // the records tab (RULES §5–§6) and "How robust" (RULES §7) on the overview
  await page.getByTestId("tab-records").click();
  await page.getByTestId("records").waitFor();
  await page.screenshot({ path: path.join(DOCS, "pane-records-320.png"), fullPage: true });
  await page.getByTestId("tab-overview").click();
  const robust = page.getByTestId("robustness");
  await robust.waitFor();
  await robust.screenshot({ path: path.join(DOCS, "pane-robustness-320.png") });
  // a desktop width
  const wide = await open(1024, { height: 900 });
  await wide.screenshot({ path: path.join(OUT, "pane-desktop.png"), fullPage: false });
  expect(fs.existsSync(path.join(DOCS, "pane-maturity-320.png"))).toBe(true);
});

test("import returned forms in the preview: each file's verdict, the preview, the write (docs/pane-import-*.png)", async () => {
  // two intact forms and one whose weight was altered, as `qcs forms` writes them
  const people = [rater("张三", 0.85), rater("走访一", 0.8, { "7.1": "N/A" }, "visit")];
  const altered = await alteredForm(rater("李四", 0.95));
  const files = [
    { name: "某某公司-张三.xlsx", bytes: await formBytes({ rater: people[0] }) },
    { name: "某某公司-走访一.xlsx", bytes: await formBytes({ rater: people[1] }) },
    { name: "某某公司-李四.xlsx", bytes: altered.bytes },
  ];
  const payload = files.map((f) => ({ name: f.name, mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from(f.bytes) }));
  for (const [lang, file] of [
    ["zh-CN", "pane-import-zh-CN.png"],
    ["en-US", "pane-import-en-US.png"],
  ] as const) {
    const page = await open(360, { height: 1400 });
    if (lang === "en-US") await page.getByTestId("lang-switch").click();
    await page.getByTestId("import-open").click();
    // the files are chosen with the keyboard: the pane's button (in its language) opens the file dialog
    await page.getByTestId("import-choose").focus();
    // playwright turns on the browser's file-chooser interception when the listener is added, by a
    // message of its own: a round trip to the page first, or a quick Enter can beat it (no dialog)
    const choosing = page.waitForEvent("filechooser");
    await page.evaluate(() => document.activeElement?.getAttribute("data-testid"));
    await page.keyboard.press("Enter");
    const chooser = await choosing;
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles(payload);
    await page.getByTestId("import-summary").waitFor({ timeout: 30_000 });
    const verdicts = await page.getByTestId("import-file").evaluateAll((els) => els.map((e) => e.getAttribute("data-verdict")));
    expect(verdicts).toEqual(["intact", "intact", "findings"]);
    expect(await page.getByTestId("import-file").nth(2).innerText()).toContain(altered.cell);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: path.join(DOCS, file), fullPage: true });
    expect(fs.statSync(path.join(DOCS, file)).size).toBeGreaterThan(10_000);
    if (lang !== "zh-CN") continue;
    // write the two intact forms: the sample's three raters and the two imported ones, the sample's levels
    await page.getByTestId("import-write").click();
    await page.waitForFunction(() => document.querySelector("[data-testid=status]")?.textContent?.includes("已导入"), null, { timeout: 30_000 });
    const sample = sampleAssessment(S);
    const expected: AssessmentInput = { raters: [...sample.raters, ...people], levels: sample.levels };
    const r = assess(expected, S);
    await page.waitForFunction((c) => document.querySelector("[data-grade]")?.getAttribute("data-grade") === c, r.gradeCode, { timeout: 10_000 });
    expect(await page.getByTestId("service-score").innerText()).toBe(r.service.score!.toFixed(1));
  }
});
