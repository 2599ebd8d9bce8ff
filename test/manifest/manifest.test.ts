/**
 * manifest.xml: the offline checks of `npm run validate` (well-formed, resids resolve, every URL is a
 * file the build emitted, Microsoft's XSD via xmllint where ../shared/office-xsd exists), for the dev
 * manifest and for the one a production build renders; the add-in's shape required by issues 3 and 8;
 * and that the checks do catch broken manifests.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const validate = require("../../scripts/validate-manifest.js");

const ROOT = path.resolve(__dirname, "../..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const DIST = path.join(ROOT, "dist");
const xml = fs.readFileSync(MANIFEST, "utf8");

function distRequired(): void {
  if (!fs.existsSync(DIST)) {
    throw new Error(
      "dist/ is missing: run `npm run build` (or `QCS_OFFICE_JS=local npx webpack --mode production`) first"
    );
  }
}

/** Writes a variant of the manifest to a temp file. */
function variant(edit: (s: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qcs-manifest-"));
  const file = path.join(dir, "manifest.xml");
  const out = edit(xml);
  expect(out).not.toBe(xml); // the edit applied
  fs.writeFileSync(file, out);
  return file;
}

describe("manifest.xml offline checks (npm run validate)", () => {
  test("all offline checks pass against the built dist/", () => {
    distRequired();
    const r = validate.offlineChecks(MANIFEST, DIST);
    expect(r.lines.filter((l: string) => !l.startsWith("ok"))).toEqual([]);
    const xsdLine = fs.existsSync(validate.XSD_MAIN)
      ? "XSD schema (../shared/office-xsd, xmllint)"
      : "XSD schema (skipped)";
    expect(r.lines).toEqual(expect.arrayContaining([expect.stringContaining(xsdLine)]));
    expect(r.ok).toBe(true);
  });

  test("Microsoft's XSD (../shared/office-xsd) accepts it, when the schemas are there", () => {
    const r = validate.checkSchema(MANIFEST);
    if (fs.existsSync(validate.XSD_MAIN)) {
      expect(r).toMatchObject({ ok: true });
      expect(r.detail).toMatch(/validates/);
    } else {
      expect(r).toMatchObject({ ok: true, skipped: true });
    }
  });

  test("every URL is on https://localhost:3000 and names a file the build emits", () => {
    distRequired();
    const r = validate.checkUrls(xml, DIST);
    expect(r.problems).toEqual([]);
    expect(r.local).toEqual(
      expect.arrayContaining([
        "https://localhost:3000/taskpane.html",
        "https://localhost:3000/help.html",
        "https://localhost:3000/functions.js",
        "https://localhost:3000/functions.json",
        "https://localhost:3000/functions.zh-CN.json",
        "https://localhost:3000/assets/icon-16.png",
        "https://localhost:3000/assets/icon-32.png",
        "https://localhost:3000/assets/icon-80.png",
      ])
    );
  });

  test("a resid that resolves nowhere fails", () => {
    const file = variant((s) => s.replace('<Namespace resid="Functions.Namespace"/>', '<Namespace resid="Nope"/>'));
    const r = validate.checkResids(fs.readFileSync(file, "utf8"));
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual(['<Namespace resid="Nope"> does not resolve to any bt:Image, bt:Url or bt:String']);
  });

  test("a resid of the wrong kind fails", () => {
    const r = validate.checkResids(
      xml.replace('<SourceLocation resid="Functions.Script.Url"/>', '<SourceLocation resid="Functions.Namespace"/>')
    );
    expect(r.problems).toEqual([
      '<SourceLocation resid="Functions.Namespace"> resolves to a bt:String, expected a bt:Url',
    ]);
  });

  test("a URL the build does not emit fails, and a missing dist/ fails clearly", () => {
    distRequired();
    const r = validate.checkUrls(xml.replace("/functions.zh-CN.json", "/zh-cn/functions.json"), DIST);
    expect(r.problems).toEqual([
      "https://localhost:3000/zh-cn/functions.json → dist/zh-cn/functions.json is not emitted by the build",
    ]);
    const none = validate.checkUrls(xml, path.join(os.tmpdir(), "no-such-dist"));
    expect(none.ok).toBe(false);
    expect(none.problems[0]).toMatch(/does not exist: run `npm run build` first/);
    expect(
      validate.checkUrls(xml.replace("https://localhost:3000/functions.js", "https://example.com/f.js"), DIST).problems
    ).toEqual([
      "https://example.com/f.js is not on https://localhost:3000/ (every URL must be served by the add-in itself)",
    ]);
  });

  test("malformed XML fails", () => {
    const file = variant((s) => s.replace("</OfficeApp>", ""));
    const r = validate.offlineChecks(file, DIST);
    expect(r.ok).toBe(false);
    expect(r.lines[0]).toMatch(/^FAIL well-formed XML/);
  });

  test("a schema violation fails xmllint (when the schemas are there)", () => {
    const file = variant((s) =>
      s.replace("<Permissions>ReadWriteDocument</Permissions>", "<Permissions>Everything</Permissions>")
    );
    const r = validate.checkSchema(file);
    if (fs.existsSync(validate.XSD_MAIN)) {
      expect(r.ok).toBe(false);
      expect(r.detail).toMatch(/Permissions/);
    } else {
      expect(r.skipped).toBe(true);
    }
  });
});

describe("manifest.xml shape (issue 3)", () => {
  const has = (re: RegExp) => expect(xml.replace(/<!--[\s\S]*?-->/g, "")).toMatch(re);

  test("shared runtime: long-lived runtime on the task pane page, SharedRuntime 1.1", () => {
    has(/<Runtimes>\s*<Runtime resid="Taskpane.Url" lifetime="long"\s*\/>\s*<\/Runtimes>/);
    has(/<Set Name="SharedRuntime" MinVersion="1.1"\s*\/>/);
    has(/<Set Name="CustomFunctionsRuntime" MinVersion="1.\d"\s*\/>/);
  });

  test("CustomFunctions extension point: Script, Page (the shared page), Metadata, Namespace QCS", () => {
    has(
      /<ExtensionPoint xsi:type="CustomFunctions">\s*<Script>\s*<SourceLocation resid="Functions.Script.Url"\s*\/>\s*<\/Script>\s*<Page>\s*<SourceLocation resid="Taskpane.Url"\s*\/>\s*<\/Page>\s*<Metadata>\s*<SourceLocation resid="Functions.Metadata.Url"\s*\/>\s*<\/Metadata>\s*<Namespace resid="Functions.Namespace"\s*\/>/
    );
    has(/<bt:String id="Functions.Namespace" DefaultValue="QCS"\s*\/>/);
    has(/<bt:Url id="Functions.Script.Url" DefaultValue="https:\/\/localhost:3000\/functions.js"\s*\/>/);
  });

  test("zh-CN metadata, display name and description through overrides", () => {
    has(
      /<bt:Url id="Functions.Metadata.Url" DefaultValue="https:\/\/localhost:3000\/functions.json">\s*<bt:Override Locale="zh-CN" Value="https:\/\/localhost:3000\/functions.zh-CN.json"\s*\/>/
    );
    has(/<DisplayName [^>]*>\s*<Override Locale="zh-CN"/);
    has(/<Description [^>]*>\s*<Override Locale="zh-CN"/);
  });

  test("a Home-tab button opens the task pane", () => {
    has(/<OfficeTab id="TabHome">\s*<Group id="[^"]+">/);
    has(
      /<Action xsi:type="ShowTaskpane">\s*<TaskpaneId>ButtonId1<\/TaskpaneId>\s*<SourceLocation resid="Taskpane.Url"\s*\/>/
    );
  });

  test("ReadWriteDocument, no AppDomains, icons from assets/", () => {
    has(/<Permissions>ReadWriteDocument<\/Permissions>/);
    expect(xml).not.toMatch(/<AppDomains?\b/);
    for (const size of [16, 32, 80])
      has(new RegExp(`<bt:Image id="[^"]+" DefaultValue="https://localhost:3000/assets/icon-${size}.png"`));
    for (const size of [16, 32, 64, 80, 128]) {
      const png = fs.readFileSync(path.join(ROOT, "assets", `icon-${size}.png`));
      expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });
});

describe("the production manifest (npm run validate, part B)", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const deploy = require("../../scripts/deploy-config.js");

  test("manifest.xml rendered for the sample base passes every offline check and names no localhost", () => {
    distRequired();
    const r = validate.productionChecks(MANIFEST, DIST, deploy.SAMPLE_BASE_URL);
    expect(r.lines.filter((l: string) => !l.startsWith("ok"))).toEqual([]);
    expect(r.lines).toEqual(
      expect.arrayContaining([
        `ok   URLs on ${deploy.SAMPLE_BASE_URL} are files in dist/ (9 URLs)`,
        "ok   nothing names localhost",
        expect.stringMatching(/^ok {3}XSD schema \(\.\.\/shared\/office-xsd, xmllint\)/),
      ])
    );
    expect(r.ok).toBe(true);
    const urls: string[] = validate.readManifest(r.xml).urls;
    expect(urls.filter((u) => !u.startsWith("http://schemas.") && !u.startsWith(deploy.SAMPLE_BASE_URL))).toEqual([]);
  });

  test("a production manifest with a URL off its base fails", () => {
    distRequired();
    const xml = deploy
      .renderManifest(fs.readFileSync(MANIFEST, "utf8"), { baseUrl: deploy.SAMPLE_BASE_URL })
      .replace(`${deploy.SAMPLE_BASE_URL}functions.js`, "https://cdn.example.org/functions.js");
    expect(validate.checkUrls(xml, DIST, deploy.SAMPLE_BASE_URL).problems).toEqual([
      `https://cdn.example.org/functions.js is not on ${deploy.SAMPLE_BASE_URL} (every URL must be served by the add-in itself)`,
    ]);
  });

  test("the base of a built manifest is read from its SourceLocation", () => {
    const xml = deploy.renderManifest(fs.readFileSync(MANIFEST, "utf8"), { baseUrl: "https://office.example.cn/qcs/v1/" });
    expect(validate.baseOf(xml)).toBe("https://office.example.cn/qcs/v1/");
    expect(validate.baseOf(xml)).not.toBe(deploy.DEV_BASE_URL);
  });
});

describe("manifest.xml tidy (issue 8)", () => {
  const body = xml.replace(/<!--[\s\S]*?-->/g, "");
  const ZH = ["zh-CN", "zh-SG", "zh-TW", "zh-HK", "zh-MO"];
  const has = (re: RegExp) => expect(body).toMatch(re);

  test("the shared runtime's one ShowTaskpane Action opens the runtime's page, with a TaskpaneId as Microsoft documents", () => {
    // configure-your-add-in-to-use-a-shared-runtime, "Multiple task panes": one task pane per shared
    // runtime, and "any task pane without a <TaskpaneID> is considered a different task pane".
    const runtime = /<Runtime resid="([^"]+)" lifetime="long"\s*\/>/.exec(body);
    expect(runtime && runtime[1]).toBe("Taskpane.Url");
    const actions = [...body.matchAll(/<Action xsi:type="ShowTaskpane">([\s\S]*?)<\/Action>/g)].map((m) => m[1]);
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatch(/^\s*<TaskpaneId>ButtonId1<\/TaskpaneId>\s*<SourceLocation resid="Taskpane.Url"\s*\/>\s*$/);
    // the citation sits next to the Action
    expect(xml).toMatch(/configure-your-add-in-to-use-a-shared-runtime[\s\S]{0,400}<Action xsi:type="ShowTaskpane">/);
    expect(body.match(/<TaskpaneId>/g)).toHaveLength(1);
  });

  /** Every element carrying Overrides, with its overrides by locale. */
  function overridden(): { owner: string; byLocale: Map<string, string> }[] {
    const out: { owner: string; byLocale: Map<string, string> }[] = [];
    const re = /<((?:bt:)?\w+)\b([^>]*)>((?:\s*<(?:bt:)?Override\b[^>]*\/>)+)\s*<\/\1>/g;
    for (const m of body.matchAll(re)) {
      const id = /\bid="([^"]+)"/.exec(m[2]);
      const byLocale = new Map<string, string>();
      for (const o of m[3].matchAll(/<(?:bt:)?Override Locale="([^"]+)" Value="([^"]*)"\s*\/>/g)) byLocale.set(o[1], o[2]);
      out.push({ owner: id ? `${m[1]}#${id[1]}` : m[1], byLocale });
    }
    return out;
  }

  test("zh-TW, zh-HK, zh-MO and zh-SG get exactly the zh-CN text and function metadata", () => {
    const all = overridden();
    expect(all.map((o) => o.owner).sort()).toEqual(
      [
        "Description",
        "DisplayName",
        "bt:String#GetStarted.Description",
        "bt:String#GetStarted.Title",
        "bt:String#QCS.Group.Label",
        "bt:String#QCS.TaskpaneButton.Label",
        "bt:String#QCS.TaskpaneButton.Tooltip",
        "bt:Url#Functions.Metadata.Url",
      ].sort()
    );
    for (const { owner, byLocale } of all) {
      expect([owner, [...byLocale.keys()]]).toEqual([owner, ZH]);
      const zhCN = byLocale.get("zh-CN");
      for (const loc of ZH) expect([owner, loc, byLocale.get(loc)]).toEqual([owner, loc, zhCN]);
      if (owner !== "bt:Url#Functions.Metadata.Url") expect(zhCN).toMatch(/[\u4e00-\u9fff]/);
    }
    const meta = all.find((o) => o.owner === "bt:Url#Functions.Metadata.Url")!;
    expect(meta.byLocale.get("zh-TW")).toBe("https://localhost:3000/functions.zh-CN.json");
    // every user-visible string except the namespace has the Chinese overrides
    const strings = [...body.matchAll(/<bt:String id="([^"]+)"/g)].map((m) => m[1]).filter((id) => id !== "Functions.Namespace");
    for (const id of strings) expect(all.map((o) => o.owner)).toContain(`bt:String#${id}`);
  });

  test("SupportUrl and the GetStarted LearnMoreUrl are the help page, not the pane", () => {
    has(/<SupportUrl DefaultValue="https:\/\/localhost:3000\/help.html"\s*\/>/);
    has(/<bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="https:\/\/localhost:3000\/help.html"\s*\/>/);
  });
});
