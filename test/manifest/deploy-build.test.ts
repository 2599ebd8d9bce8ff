/**
 * A deployable build, built for real: `webpack --mode production` with QCS_BASE_URL, the 21Vianet
 * office.js, a manifest version and a support address, into a temporary folder (QCS_DIST_DIR), then:
 * nothing outside *.map names localhost; the manifest passes the offline checks and the XSD and names
 * only that base; the pane loads that office.js under a CSP that follows it; the help page ships, is
 * the SupportUrl and LearnMoreUrl, and renders in Chromium under its script-free CSP; zh-TW gets the
 * Chinese function metadata. One build (~15–40 s).
 */
import { FUNCTIONS } from "../../src/functions/functions";
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const deploy = require("../../scripts/deploy-config.js");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const validate = require("../../scripts/validate-manifest.js");

const ROOT = path.resolve(__dirname, "../..");
const BASE = "https://qcs.example.cn/addin/";
const CN = deploy.OFFICE_JS_21VIANET as string;
const CN_ORIGIN = "https://appsforoffice.cdn.partner.office365.cn";
const CHROMIUM = "/usr/bin/chromium";

let work = "";
let out = "";
let build: { status: number | null; log: string };

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "qcs-deploy-build-"));
  out = path.join(work, "dist");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    QCS_BASE_URL: "https://qcs.example.cn/addin", // no trailing slash: the build adds it
    QCS_OFFICE_JS_URL: CN,
    QCS_DIST_DIR: out,
    QCS_MANIFEST_VERSION: "1.0.1.0",
  };
  delete env.QCS_OFFICE_JS;
  delete env.QCS_CSP_CONNECT_SRC;
  const r = spawnSync(
    process.execPath,
    [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--env", "supportEmail=qcs-help@example.cn"],
    { cwd: ROOT, env, encoding: "utf8", timeout: 240_000, maxBuffer: 64 * 1024 * 1024 }
  );
  build = { status: r.status, log: `${r.stdout}${r.stderr}` };
}, 250_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const read = (rel: string) => fs.readFileSync(path.join(out, rel), "utf8");

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

/** The sources of one CSP directive. */
const directive = (csp: string, name: string): string[] => {
  const d = csp.split(";").map((s) => s.trim().split(/\s+/)).find((p) => p[0] === name);
  return d ? d.slice(1) : [];
};

const cspOf = (html: string): string => {
  const m = /<meta http-equiv=["']?Content-Security-Policy["']? content="([^"]*)"/i.exec(html);
  if (!m) throw new Error("no CSP meta element");
  return m[1].replace(/&#39;/g, "'");
};

describe("QCS_BASE_URL=https://qcs.example.cn/addin/ production build", () => {
  test("the build succeeds, into QCS_DIST_DIR, and says where and for which base", () => {
    expect(build.log).toContain(`QCS build → ${out}: base ${BASE}, office.js ${CN}, manifest version 1.0.1.0`);
    expect(build.status).toBe(0);
    for (const f of ["manifest.xml", "taskpane.html", "taskpane.js", "functions.js", "functions.json", "functions.zh-CN.json", "help.html", "help.css"]) {
      expect([f, fs.existsSync(path.join(out, f))]).toEqual([f, true]);
    }
    expect(fs.existsSync(path.join(out, "office-js"))).toBe(false);
  });

  test("nothing in it names localhost (outside *.map): manifest, pages, bundles, licences", () => {
    const all = files(out);
    expect(all.length).toBeGreaterThan(10);
    const naming = all.filter((f) => !f.endsWith(".map") && /localhost/i.test(fs.readFileSync(f).toString("latin1")));
    expect(naming.map((f) => path.relative(out, f))).toEqual([]);
  });

  test("the manifest passes every offline check and the XSD, names only the base, and has the set version", () => {
    const xml = read("manifest.xml");
    expect(validate.baseOf(xml)).toBe(BASE);
    const r = validate.offlineChecks(path.join(out, "manifest.xml"), out, BASE);
    expect(r.lines.filter((l: string) => !l.startsWith("ok"))).toEqual([]);
    expect(r.lines).toEqual(
      expect.arrayContaining([
        `ok   URLs on ${BASE} are files in dist/ (9 URLs)`,
        expect.stringMatching(/^ok {3}XSD schema \(\.\.\/shared\/office-xsd, xmllint\): .* validates$/),
      ])
    );
    expect(r.ok).toBe(true);
    const urls: string[] = validate.readManifest(xml).urls;
    expect(urls.filter((u) => !u.startsWith("http://schemas."))).toHaveLength(9);
    expect(urls.filter((u) => !u.startsWith("http://schemas.") && !u.startsWith(BASE))).toEqual([]);
    expect(deploy.versionOf(xml)).toBe("1.0.1.0");
  });

  test("the pane loads office.js from QCS_OFFICE_JS_URL, and its CSP names that origin, not the global CDN", () => {
    const html = read("taskpane.html");
    const srcs = [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"' >]+)/gi)].map((m) => m[1]);
    expect(srcs[0]).toBe(CN);
    expect(srcs.filter((s) => /^https?:/.test(s))).toEqual([CN]);
    const csp = cspOf(html);
    expect(directive(csp, "script-src")).toEqual(["'self'", CN_ORIGIN]);
    expect(directive(csp, "connect-src")).toEqual(["'self'", CN_ORIGIN, "https://browser.pipe.aria.microsoft.com"]);
    expect(directive(csp, "frame-src")).toEqual(["'self'", CN_ORIGIN]);
    expect(html).not.toContain("appsforoffice.microsoft.com");
    expect(html).not.toMatch(/unsafe-eval/);
  });

  test("the help page ships and is the SupportUrl and the GetStarted LearnMoreUrl", () => {
    const xml = read("manifest.xml").replace(/<!--[\s\S]*?-->/g, "");
    expect(/<SupportUrl DefaultValue="([^"]+)"/.exec(xml)![1]).toBe(`${BASE}help.html`);
    expect(/<bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="([^"]+)"/.exec(xml)![1]).toBe(`${BASE}help.html`);
    // (webpack's minimizer may drop attribute quotes and decode entities)
    const html = read("help.html");
    const text = html.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e as string]!);
    const zhAt = html.search(/<section id=["']?zh["' >]/);
    expect(zhAt).toBeGreaterThan(0);
    expect(zhAt).toBeLessThan(html.search(/<section id=["']?en["' >]/));
    const en = JSON.parse(read("functions.json"));
    const zh = JSON.parse(read("functions.zh-CN.json"));
    // every function of the build, once per language section
    expect(en.functions.length).toBe(Object.keys(FUNCTIONS).length);
    const rows = [...html.matchAll(/<th scope=["']?row["']?><code>=QCS\.(\w+)\(/g)].map((m) => m[1]);
    expect(rows).toEqual([...en.functions.map((f: { name: string }) => f.name), ...en.functions.map((f: { name: string }) => f.name)]);
    for (const f of [...en.functions, ...zh.functions]) expect(text).toContain(f.description);
    expect(html.match(/href=["']?mailto:qcs-help@example\.cn/g)).toHaveLength(2);
    expect(html).toContain("1.0.1.0");
    // no script of any kind, and a CSP that allows none
    expect(html).not.toMatch(/<script|\son[a-z]+=|javascript:|\sstyle=|<style/i);
    const csp = cspOf(html);
    expect(directive(csp, "default-src")).toEqual(["'none'"]);
    expect(directive(csp, "script-src")).toEqual([]);
  });

  test("the help page renders in Chromium under its CSP: style sheet and icon load, no violation, no script", async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createHandler } = require("../../scripts/start.js") as { createHandler: (root: string) => http.RequestListener };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { chromium } = require("playwright-core") as typeof import("playwright-core");
    const server = http.createServer(createHandler(out));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
      const problems: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") problems.push(m.text());
      });
      page.on("pageerror", (e) => problems.push(e.message));
      page.on("requestfailed", (r) => problems.push(`failed: ${r.url()}`));
      const external: string[] = [];
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      page.on("request", (r) => {
        if (!r.url().startsWith(origin)) external.push(r.url());
      });
      await page.goto(`${origin}/help.html`);
      await page.waitForLoadState("load");
      const seen = await page.evaluate(() => ({
        scripts: document.scripts.length,
        maxWidth: getComputedStyle(document.body).maxWidth,
        icon: (document.querySelector("header img") as HTMLImageElement).naturalWidth,
        tables: document.querySelectorAll("table.functions tbody tr").length,
        lang: document.documentElement.lang,
      }));
      expect(seen).toEqual({ scripts: 0, maxWidth: "960px", icon: 64, tables: 2 * Object.keys(FUNCTIONS).length, lang: "zh-CN" });
      expect(problems).toEqual([]);
      expect(external).toEqual([]);
    } finally {
      await browser.close();
      await new Promise((r) => server.close(r));
    }
  }, 60_000);

  test("zh-TW (and zh-HK, zh-MO, zh-SG) Excel gets the Chinese function metadata, which ships", () => {
    const xml = read("manifest.xml");
    const block = /<bt:Url id="Functions.Metadata.Url" DefaultValue="([^"]+)">([\s\S]*?)<\/bt:Url>/.exec(xml)!;
    expect(block[1]).toBe(`${BASE}functions.json`);
    for (const loc of ["zh-CN", "zh-TW", "zh-HK", "zh-MO", "zh-SG"]) {
      expect(block[2]).toContain(`<bt:Override Locale="${loc}" Value="${BASE}functions.zh-CN.json"/>`);
    }
    expect(/<DisplayName [^>]*>[\s\S]*?<Override Locale="zh-TW" Value="([^"]+)"/.exec(xml)![1]).toMatch(/[\u4e00-\u9fff]/);
    const zh = JSON.parse(read("functions.zh-CN.json"));
    for (const f of zh.functions) expect([f.id, /[\u4e00-\u9fff]/.test(f.description)]).toEqual([f.id, true]);
  });
});

describe("the default build npm test makes (dist/, QCS_OFFICE_JS=local)", () => {
  test("office.js from the add-in itself; the CSP allows office.js's telemetry host; the manifest stays on the dev server", () => {
    const dist = path.join(ROOT, "dist");
    if (!fs.existsSync(path.join(dist, "taskpane.html"))) throw new Error("dist/ is missing: run `QCS_OFFICE_JS=local npm run build` first");
    const html = fs.readFileSync(path.join(dist, "taskpane.html"), "utf8");
    expect(/<script\b[^>]*\bsrc=["']?([^"' >]+)/i.exec(html)![1]).toBe("office-js/office.js");
    const csp = cspOf(html);
    expect(directive(csp, "script-src")).toEqual(["'self'"]);
    expect(directive(csp, "connect-src")).toEqual(["'self'", "https://browser.pipe.aria.microsoft.com"]);
    expect(validate.baseOf(fs.readFileSync(path.join(dist, "manifest.xml"), "utf8"))).toBe(deploy.DEV_BASE_URL);
    expect(fs.existsSync(path.join(dist, "help.html"))).toBe(true);
  });
});
