/**
 * scripts/deploy-config.js (where a build lives, which office.js it loads, its CSP) and
 * scripts/help-page.js (the help page from its template and the functions metadata), without a build.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const deploy = require("../../scripts/deploy-config.js");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const help = require("../../scripts/help-page.js");

const ROOT = path.resolve(__dirname, "../..");
const MANIFEST = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const CN = deploy.OFFICE_JS_21VIANET as string;

/** The sources of one CSP directive. */
const directive = (csp: string, name: string): string[] => {
  const d = csp.split(";").map((s) => s.trim().split(/\s+/)).find((p) => p[0] === name);
  if (!d) throw new Error(`no ${name} in ${csp}`);
  return d.slice(1);
};

const tmpDirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "qcs-deploy-"));
  tmpDirs.push(d);
  return d;
};
afterAll(() => tmpDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("the base URL (QCS_BASE_URL / --env baseUrl)", () => {
  test("https, normalised, always ending with /", () => {
    expect(deploy.normalizeBaseUrl("https://qcs.example.cn/addin")).toBe("https://qcs.example.cn/addin/");
    expect(deploy.normalizeBaseUrl("https://qcs.example.cn/addin/")).toBe("https://qcs.example.cn/addin/");
    expect(deploy.normalizeBaseUrl(" https://QCS.Example.cn:443 ")).toBe("https://qcs.example.cn/");
    expect(deploy.normalizeBaseUrl("https://qcs.example.cn:8443/a/b")).toBe("https://qcs.example.cn:8443/a/b/");
  });

  const refused: [string, RegExp][] = [
    ["http://qcs.example.cn/", /must be an https:\/\/ URL/],
    ["https://qcs.example.cn/addin/?v=2", /no query or fragment/],
    ["https://qcs.example.cn/addin/#x", /no query or fragment/],
    ["https://user:pw@qcs.example.cn/", /not allowed|user name or password/],
    ['https://qcs.example.cn/a"onload="x', /not allowed/],
    ["https://qcs.example.cn/a b/", /not allowed/],
    ["https://qcs.example.cn/<x>/", /not allowed/],
    ["ftp://qcs.example.cn/", /https/],
    ["qcs.example.cn/addin/", /not a valid URL/],
    ["", /is empty/],
    [`https://qcs.example.cn/${"a".repeat(1100)}/`, /longer than 1024/],
  ];
  for (const [raw, message] of refused) {
    test(`${JSON.stringify(raw.length > 60 ? `${raw.slice(0, 40)}…` : raw)} is refused`, () => {
      expect(() => deploy.normalizeBaseUrl(raw)).toThrow(message);
      // Chinese first, then English
      expect(() => deploy.normalizeBaseUrl(raw)).toThrow(/^QCS_BASE_URL [^/]*[\u4e00-\u9fff][\s\S]* \/ QCS_BASE_URL /);
    });
  }
});

describe("office.js and the pane's Content-Security-Policy", () => {
  test("default: Microsoft's global CDN, whose origin the CSP names; office.js's telemetry host may be reached", () => {
    const s = deploy.buildSettings({}, {}, ROOT);
    expect(s.officeJs).toEqual({ src: deploy.OFFICE_JS_GLOBAL, origin: "https://appsforoffice.microsoft.com", local: false });
    expect(directive(s.csp, "script-src")).toEqual(["'self'", "https://appsforoffice.microsoft.com"]);
    expect(directive(s.csp, "connect-src")).toEqual([
      "'self'",
      "https://appsforoffice.microsoft.com",
      "https://browser.pipe.aria.microsoft.com",
    ]);
    expect(directive(s.csp, "default-src")).toEqual(["'self'"]);
    expect(s.csp).not.toMatch(/unsafe-eval/);
  });

  test("QCS_OFFICE_JS_URL = the 21Vianet CDN: script src and every CSP origin follow it", () => {
    const s = deploy.buildSettings({}, { QCS_OFFICE_JS_URL: CN }, ROOT);
    expect(s.officeJs.src).toBe(CN);
    const origin = "https://appsforoffice.cdn.partner.office365.cn";
    for (const d of ["script-src", "img-src", "frame-src"]) expect(directive(s.csp, d)).toContain(origin);
    expect(directive(s.csp, "connect-src")).toEqual(["'self'", origin, "https://browser.pipe.aria.microsoft.com"]);
    expect(s.csp).not.toContain("appsforoffice.microsoft.com");
  });

  test("QCS_OFFICE_JS=local: office.js from the add-in itself, no outside script origin", () => {
    const s = deploy.buildSettings({}, { QCS_OFFICE_JS: "local" }, ROOT);
    expect(s.officeJs).toEqual({ src: "office-js/office.js", origin: "", local: true });
    expect(directive(s.csp, "script-src")).toEqual(["'self'"]);
    expect(deploy.buildSettings({ officejs: "local" }, {}, ROOT).officeJs.local).toBe(true);
    expect(() => deploy.buildSettings({}, { QCS_OFFICE_JS: "local", QCS_OFFICE_JS_URL: CN }, ROOT)).toThrow(/exclude each other/);
  });

  test("a bad office.js URL is refused", () => {
    expect(() => deploy.officeJsFromUrl("http://appsforoffice.microsoft.com/lib/1/hosted/office.js")).toThrow(/https/);
    expect(() => deploy.officeJsFromUrl("https://cdn.example.cn/office.css")).toThrow(/\.js file/);
    expect(() => deploy.officeJsFromUrl(`${CN}?v=1`)).toThrow(/no query/);
    expect(() => deploy.officeJsFromUrl("https://cdn.example.cn/o'ffice.js")).toThrow(/not allowed/);
  });

  test("QCS_CSP_CONNECT_SRC adds https origins to connect-src only, bounded", () => {
    const s = deploy.buildSettings({}, { QCS_CSP_CONNECT_SRC: "https://t1.example.cn, https://t2.example.cn:8443" }, ROOT);
    expect(directive(s.csp, "connect-src")).toEqual(
      expect.arrayContaining(["https://t1.example.cn", "https://t2.example.cn:8443"])
    );
    expect(directive(s.csp, "script-src")).not.toContain("https://t1.example.cn");
    expect(() => deploy.connectOrigins("https://t.example.cn/path")).toThrow(/without a path/);
    expect(() => deploy.connectOrigins("http://t.example.cn")).toThrow(/https/);
    expect(() => deploy.connectOrigins(Array.from({ length: 11 }, (_, i) => `https://t${i}.example.cn`).join(" "))).toThrow(/at most 10/);
  });

  test("--env keys win over the environment; a key without a value is an error", () => {
    const s = deploy.buildSettings(
      { baseUrl: "https://a.example.cn/x", officeJsUrl: CN },
      { QCS_BASE_URL: "https://b.example.cn/", QCS_OFFICE_JS_URL: deploy.OFFICE_JS_GLOBAL },
      ROOT
    );
    expect(s.baseUrl).toBe("https://a.example.cn/x/");
    expect(s.officeJs.src).toBe(CN);
    expect(() => deploy.buildSettings({ baseUrl: true }, {}, ROOT)).toThrow(/needs a value/);
  });

  test("without QCS_BASE_URL the dev server stays the base, and dist/ the output", () => {
    const s = deploy.buildSettings({}, {}, ROOT);
    expect(s.baseUrl).toBe("https://localhost:3000/");
    expect(s.devBase).toBe(true);
    expect(s.distDir).toBe(path.join(ROOT, "dist"));
  });
});

describe("the other build inputs", () => {
  test("support e-mail and manifest version are checked", () => {
    expect(deploy.supportEmail(" qcs-help@example.cn ")).toBe("qcs-help@example.cn");
    expect(deploy.supportEmail(undefined)).toBeUndefined();
    for (const bad of ["no-at-sign", "a@b", "<x>@example.cn", "a@example.cn\"onmouseover=x", `${"a".repeat(70)}@example.cn`]) {
      expect(() => deploy.supportEmail(bad)).toThrow(/e-mail/);
    }
    expect(deploy.manifestVersion("1.0.1.0")).toBe("1.0.1.0");
    expect(deploy.manifestVersion("2")).toBe("2");
    for (const bad of ["1.0.0.0.0", "v1", "1.0.0.123456", "1..0"]) expect(() => deploy.manifestVersion(bad)).toThrow(/1\.0\.1\.0/);
  });

  test("the output folder: never the root, home, the project or above; a foreign non-empty folder is refused", () => {
    for (const bad of ["/", os.homedir(), ROOT, path.dirname(ROOT)]) {
      expect(() => deploy.distDir(bad, ROOT)).toThrow(/must not be the root, home or project folder/);
    }
    const foreign = tmp();
    fs.writeFileSync(path.join(foreign, "notes.txt"), "keep me");
    expect(() => deploy.distDir(foreign, ROOT)).toThrow(/holds other files/);
    expect(fs.existsSync(path.join(foreign, "notes.txt"))).toBe(true);
    const earlier = tmp();
    fs.writeFileSync(path.join(earlier, "manifest.xml"), "<x/>");
    expect(deploy.distDir(earlier, ROOT)).toBe(earlier);
    const fresh = path.join(tmp(), "new");
    expect(deploy.distDir(fresh, ROOT)).toBe(fresh);
    expect(deploy.distDir("dist-prod", ROOT)).toBe(path.join(ROOT, "dist-prod"));
  });
});

describe("renderManifest: one source, every dev URL rewritten", () => {
  const base = "https://qcs.example.cn/addin/";

  test("every URL names the base, nothing names localhost, the rest is unchanged", () => {
    const out: string = deploy.renderManifest(MANIFEST, { baseUrl: base });
    expect(out).not.toMatch(/localhost/i);
    const urls = [...out.matchAll(/(?:DefaultValue|Value)="(https?:\/\/[^"]*)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(10);
    expect(urls.filter((u) => !u.startsWith(base))).toEqual([]);
    expect(out.split(base).join(deploy.DEV_BASE_URL)).toBe(MANIFEST);
    expect(deploy.versionOf(out)).toBe(deploy.versionOf(MANIFEST));
  });

  test("the version is replaced when given; the base is normalised", () => {
    const out: string = deploy.renderManifest(MANIFEST, { baseUrl: "https://qcs.example.cn/addin", version: "1.2.0.0" });
    expect(deploy.versionOf(out)).toBe("1.2.0.0");
    expect(out).toContain('<SourceLocation DefaultValue="https://qcs.example.cn/addin/taskpane.html"/>');
  });

  test("a dev URL the rewrite cannot see (another port) fails the render", () => {
    const bad = MANIFEST.replace("https://localhost:3000/help.html", "https://localhost:3001/help.html");
    expect(() => deploy.renderManifest(bad, { baseUrl: base })).toThrow(/still names localhost.*3001/);
  });
});

describe("the help page", () => {
  const template = fs.readFileSync(path.join(ROOT, "src/help/help.html"), "utf8");
  const meta = (description: string) => ({
    functions: [
      {
        id: "CERT_GRADE",
        name: "CERT_GRADE",
        description,
        parameters: [
          { name: "serviceScore", description: "score" },
          { name: "profile", description: "p", optional: true },
        ],
      },
    ],
  });

  test("function reference from the metadata, zh first; contact set at build time", () => {
    const html: string = help.renderHelp(template, {
      en: meta("Grade."),
      zh: meta("认证级别。"),
      supportEmail: "qcs-help@example.cn",
      version: "1.0.1.0",
      csp: deploy.HELP_CSP,
    });
    expect(html).not.toMatch(/\{\{/);
    expect(html.indexOf('id="zh"')).toBeLessThan(html.indexOf('id="en"'));
    expect(html.match(/=QCS\.CERT_GRADE\(serviceScore, \[profile\]\)/g)).toHaveLength(2);
    expect(html).toContain("认证级别。");
    expect(html.match(/mailto:qcs-help@example\.cn/g)).toHaveLength(2);
    expect(html.match(/1\.0\.1\.0/g)).toHaveLength(2);
    expect(html).toContain(`content="${deploy.HELP_CSP.replace(/'/g, "&#39;")}"`);
    expect(html).not.toMatch(/<script|\son[a-z]+=|\sstyle=|<style/i);
  });

  test("text from the metadata is escaped; without an address the page says whom to ask", () => {
    const html: string = help.renderHelp(template, {
      en: meta('<img src=x onerror="alert(1)">'),
      zh: meta("<script>alert(1)</script>"),
      version: "1.0.0.0",
      csp: deploy.HELP_CSP,
    });
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toMatch(/<script|onerror="/);
    expect(html).toContain("请联系为您部署本加载项的机构");
    expect(html).toContain("contact the organisation that deployed this add-in");
    expect(html).not.toContain("mailto:");
  });

  test("a template missing a placeholder, or with an unknown one, fails", () => {
    const args = { en: meta("a"), zh: meta("b"), version: "1", csp: deploy.HELP_CSP };
    expect(() => help.renderHelp(template.replace("{{FUNCTIONS_EN}}", ""), args)).toThrow(/lacks \{\{FUNCTIONS_EN\}\}/);
    expect(() => help.renderHelp(`${template}{{NOPE}}`, args)).toThrow(/unknown placeholder \{\{NOPE\}\}/);
    expect(() => help.renderHelp(template, { ...args, en: { functions: [] } })).toThrow(/lists no function/);
  });
});
