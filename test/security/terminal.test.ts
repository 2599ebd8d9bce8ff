/**
 * Issue 9, class 1: terminal injection. Organisation, rater names, unknown ids and field names, cell
 * texts and file names carrying ESC[8m (hide), ESC]0;…BEL (retitle), ESC[2J (clear), C1 controls
 * (U+009B CSI, U+0085 NEL, U+009D OSC), DEL, line separators and bidirectional overrides are scored by
 * `node bin/qcs.js score` (JSON and .xlsx, both languages, text report and --json): neither stdout nor
 * stderr holds any control character but the report's own line feeds; the text report shows them
 * escaped ("\x1b[2J"), --json as \u escapes that read back to the same text.
 */
import * as fs from "fs";
import * as path from "path";
import { NAMES } from "../../src/workbook/contract";
import { CONTROL, exampleJson, filledWorkbook, lines, Parts, qcs, splitName, tmp } from "./kit";

jest.setTimeout(120_000);

const ESC = "\u001b";
/** every trick at once */
const EVIL = `Acme${ESC}[8m hidden${ESC}[0m${ESC}]0;forged title\u0007${ESC}[2J${ESC}[1;1H\u009b31m\u0085\u009d0;x\u009c\u007f\u2028\u202eAAAAA\u2066\r\n== forged.json — AAAAA`;
/** the same in a workbook: C0 characters as OOXML's _xHHHH_ escapes (XML cannot hold them raw) */
const xstring = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);

/** control characters found in `s`, as code points */
const controls = (s: string) => [...s].filter((c) => CONTROL.test(c)).map((c) => `U+${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

describe("terminal injection (class 1)", () => {
  const dir = tmp("qcs-terminal-");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const files: string[] = [];

  beforeAll(async () => {
    // a JSON assessment: organisation, rater names, an unknown item id, an unknown field, an α that is text
    const json = exampleJson() as { organization: string; service: { raters: { name?: string; alpha: Record<string, unknown> }[] } } & Record<string, unknown>;
    json.organization = EVIL;
    json.service.raters[0].name = `R${ESC}[31m\u202e1`;
    json.service.raters.push({ name: `Bob\u0085${ESC}]0;t\u0007`, alpha: { ...json.service.raters[0].alpha, "1.2": `0.9${ESC}[2J`, [`9.9${ESC}[8m`]: 0.5 } });
    json[`conformty${ESC}[2J`] = {};
    const f1 = path.join(dir, `evil${ESC}[2J\u202e\nqcs score: forged.json`);
    fs.writeFileSync(f1 + ".json", JSON.stringify(json));
    files.push(f1 + ".json");
    // the same assessment scores cleanly but for the names: a gradable file whose report is printed in full
    const ok = exampleJson() as { organization: string; service: { raters: { name?: string }[] } };
    ok.organization = EVIL;
    ok.service.raters[0].name = `R${ESC}[8m\u202e`;
    const f2 = path.join(dir, `ok${ESC}]0;title\u0007.json`);
    fs.writeFileSync(f2, JSON.stringify(ok));
    files.push(f2);
    // a workbook: organisation and a rater name in their input cells, an α cell holding text
    const { bytes, model } = await filledWorkbook();
    const p = new Parts(bytes);
    const org = splitName(model, NAMES.organization);
    p.setCell(org.sheet, org.ref, `<is><t xml:space="preserve">${xstring(EVIL)}</t></is>`, { t: "inlineStr" });
    const info = model.names.find((n) => n.name === NAMES.raterInfo)!;
    const nameCell = `${info.ref.split(":")[0].replace(/\d+/, "")}${Number(/\d+/.exec(info.ref)![0]) + 1}`; // the second row: names
    p.setCell(info.sheet, nameCell, `<is><t>${xstring(`Eve${ESC}[2J\u009b1m`)}</t></is>`, { t: "inlineStr" });
    const alpha = model.names.find((n) => n.name === NAMES.alpha)!;
    p.setCell(alpha.sheet, alpha.ref.split(":")[0], `<is><t>${xstring(`${ESC}]0;x\u0007`)}</t></is>`, { t: "inlineStr" });
    const f3 = path.join(dir, `wb${ESC}[2J.xlsx`);
    fs.writeFileSync(f3, p.bytes());
    files.push(f3);
    // a file that does not exist
    files.push(path.join(dir, `missing${ESC}[2J\u009b.json`));
  });

  test.each(["zh-CN", "en-US"])("text report (%s): no control character on stdout or stderr, the tricks shown escaped", (lang) => {
    const r = qcs(["score", "--lang", lang, ...files]);
    expect(r.status).toBe(2);
    expect(controls(r.stdout.replace(/\n/g, ""))).toEqual([]);
    expect(controls(r.stderr.replace(/\n/g, ""))).toEqual([]);
    // each file has its own header line, and no line forges another file's header
    const headers = r.stdout.split("\n").filter((l) => l.startsWith("== "));
    expect(headers).toHaveLength(files.length);
    expect(r.stdout).toContain("Acme\\x1b[8m hidden\\x1b[0m\\x1b]0;forged title\\x07\\x1b[2J\\x1b[1;1H\\x9b31m\\x85\\x9d0;x\\x9c\\x7f\\u2028\\u202eAAAAA\\u2066\\x0d\\x0a== forged.json");
    expect(r.stdout).toContain("evil\\x1b[2J\\u202e\\x0aqcs score: forged.json.json");
    expect(r.stdout).toContain("R\\x1b[31m\\u202e1 90.0");
    expect(r.stdout).toContain("Bob\\x85\\x1b]0;t\\x07");
    expect(r.stdout).toContain('"9.9\\u001b[8m"');
    expect(r.stdout).toContain("Eve\\x1b[2J\\x9b1m");
    // stderr: one line per bad file, each beginning with "qcs score: "
    const errLines = r.stderr.trim().split("\n");
    expect(errLines.every((l) => l.startsWith("qcs score: "))).toBe(true);
    expect(errLines).toHaveLength(3);
  });

  test("--progress: only the bar's own carriage returns and line erasures reach stderr", () => {
    const r = qcs(["score", "--progress", ...files]);
    const own = r.stderr.replace(/\r\u001b\[2K/g, "").replace(/\r/g, "").replace(/\n/g, "");
    expect(controls(own)).toEqual([]);
  });

  test("--json: no raw control character either, and the texts read back exactly", () => {
    const r = qcs(["score", "--json", ...files]);
    expect(controls(r.stdout.replace(/\n/g, ""))).toEqual([]);
    expect(controls(r.stderr.replace(/\n/g, ""))).toEqual([]);
    const out = lines(r.stdout);
    expect(out).toHaveLength(files.length);
    expect(out.map((l) => l.file)).toEqual(files.map((f) => path.normalize(f)));
    expect(out[1].organization).toBe(EVIL);
    expect(out[1].ok).toBe(true);
    expect(out[2].organization).toBe(EVIL);
  });

  test("qcs template: names of files and texts from --from are escaped on stderr and stdout", () => {
    const src = files[0];
    const r = qcs(["template", "--from", src, "--out", path.join(dir, `out${ESC}[2J.xlsx`)]);
    expect(r.status).toBe(2); // the assessment has unknown ids: it cannot be written
    expect(controls(r.stderr.replace(/\n/g, ""))).toEqual([]);
    expect(r.stderr).toContain("\\x1b[2J");
    const good = qcs(["template", "--from", files[1], "--out", path.join(dir, `out${ESC}]0;t\u0007.xlsx`)]);
    expect([good.status, controls(good.stdout.replace(/\n/g, "")), controls(good.stderr.replace(/\n/g, ""))]).toEqual([0, [], []]);
  });
});
