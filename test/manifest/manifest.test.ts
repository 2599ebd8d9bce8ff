/**
 * manifest.xml: the offline checks of `npm run validate` (well-formed, resids resolve, every URL is a
 * file the build emitted, Microsoft's XSD via xmllint where ../shared/office-xsd exists), the add-in's
 * shape required by issue 3, and that the checks do catch broken manifests.
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
