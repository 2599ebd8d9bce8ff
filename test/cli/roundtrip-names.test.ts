/**
 * `qcs forms`: file names safe on Windows and POSIX (unsafe characters, controls and direction
 * overrides, leading/trailing dots and spaces, reserved device names, length in bytes), names that
 * collide refused before anything is written, existing files kept unless --force, and what a form
 * carries (kind person/visit, language, Appendix 3).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { formFileName, safeFileStem } from "../../src/cli/forms";
import { TEMP_PREFIX } from "../../src/cli/atomic";
import { readWorkbookFile } from "../../src/workbook/xlsx/read";
import { tmpDir } from "../workbook/lo";

jest.setTimeout(60_000);

const root = path.join(__dirname, "../..");
const qcs = (args: string[]) => spawnSync(process.execPath, [path.join(root, "bin/qcs.js"), ...args], { cwd: root, encoding: "utf8" });

describe("form file names", () => {
  test("ORG-NAME.xlsx; \\ / : * ? \" < > | and control characters become _", () => {
    expect(formFileName("ACME", "张三")).toBe("ACME-张三.xlsx");
    expect(formFileName("A\\B/C:D", 'x*y?z"w<v>u|t')).toBe("A_B_C_D-x_y_z_w_v_u_t.xlsx");
    expect(formFileName("ACME\u0000\u001f\u007f\u0085", "a\tb\nc")).toBe("ACME____-a_b_c.xlsx");
    // direction overrides that would show "evil‮xslx.exe" reversed, and other invisible marks
    expect(formFileName("ACME", "x\u202eabc\u2066\u200f")).toBe("ACME-x_abc__.xlsx");
  });

  test("no leading or trailing dots and spaces; never empty", () => {
    expect(formFileName(" .ACME", "x. ")).toBe("ACME-x.xlsx");
    // nor a leading "-", which a command line would take for an option
    expect(formFileName("..", "..")).toBe("_-.xlsx");
    expect(formFileName("-rf", "x")).toBe("_-rf-x.xlsx");
    expect(safeFileStem("...")).toBe("_");
    expect(safeFileStem("   ")).toBe("_");
    expect(safeFileStem("\u3000张三\u3000")).toBe("张三");
  });

  test("reserved device names (CON, PRN, AUX, NUL, COM1–9, LPT1–9), whatever their case and extension, get a prefix", () => {
    for (const n of ["CON", "con", "PRN", "AUX", "NUL", "nul.txt", "COM1", "com9", "LPT1", "lpt9", "COM¹", "CON .x", "CONIN$"]) expect(safeFileStem(n)).toBe(`_${n}`);
    for (const n of ["CONSOLE", "COM10", "NULL", "AUXILIARY", "CON-张三"]) expect(safeFileStem(n)).toBe(n);
    expect(formFileName("CON", "张三")).toBe("CON-张三.xlsx");
  });

  test("long names keep whole characters and stay short enough for the temporary name of an atomic write", () => {
    const org = "质量信用😀".repeat(60);
    const name = "评价人🙂".repeat(60);
    const f = formFileName(org, name);
    expect(f.endsWith(".xlsx")).toBe(true);
    expect(f).not.toMatch(/\uFFFD/);
    expect([...f].every((ch) => ch.codePointAt(0)! < 0xd800 || ch.codePointAt(0)! > 0xdfff)).toBe(true);
    // atomic.ts writes ".qcs-tmp-<pid>-<time>-<random>-NAME" first: within the 255 bytes of ext4, NTFS, APFS
    const tmp = `${TEMP_PREFIX}4194304-${Date.now().toString(36)}-abcdef-${f}`;
    expect(Buffer.byteLength(tmp, "utf8")).toBeLessThanOrEqual(255);
    // the organisation does not crowd the name out: two raters still get two files
    expect(formFileName(org, "张三")).not.toBe(formFileName(org, "李四"));
  });

  test("Unicode: names are written composed (NFC)", () => {
    expect(formFileName("Cafe\u0301", "Jose\u0301")).toBe("Caf\u00e9-Jos\u00e9.xlsx");
  });
});

describe("qcs forms", () => {
  const dir = tmpDir("qcs-forms-");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("names that give the same file name are refused, naming them, and nothing is written", () => {
    for (const pair of [["A/B", "A:B"], ["Li", "LI"], ["张三", "张三 "], ["Cafe\u0301", "Café"], ["王五", "王五"]]) {
      const out = path.join(dir, `clash-${pair.join("").replace(/[^A-Za-z]/g, "") || "x"}-${Math.random().toString(36).slice(2, 6)}`);
      const r = qcs(["forms", "--out", out, "--organization", "ACME", "--rater", pair[0], "--rater", pair[1], "--rater", "其他"]);
      expect([pair, r.status]).toEqual([pair, 2]);
      expect(r.stderr).toContain("对应同一个文件名");
      expect(fs.existsSync(out) ? fs.readdirSync(out) : []).toEqual([]);
    }
  });

  test("unsafe characters are replaced in the file name, the rater's name is kept as typed in the form", async () => {
    const out = path.join(dir, "unsafe");
    const r = qcs(["forms", "--out", out, "--organization", "A/B 公司", "--rater", "Wang/Wu: 1", "--rater", "CON"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(["A_B 公司-CON.xlsx", "A_B 公司-Wang_Wu_ 1.xlsx"]);
    const read = await readWorkbookFile(path.join(out, "A_B 公司-Wang_Wu_ 1.xlsx"), S);
    expect(read.verified?.intact).toBe(true);
    expect(read.input?.raters[0]).toMatchObject({ name: "Wang/Wu: 1", kind: "person" });
    expect(read.verified?.stamp).toMatchObject({ organization: "A/B 公司", rater: "Wang/Wu: 1", raterKind: "person", kind: "form" });
  });

  test("an existing file is kept and nothing is written unless --force", () => {
    const out = path.join(dir, "exists");
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, "ACME-B.xlsx"), "keep");
    const r = qcs(["forms", "--out", out, "--organization", "ACME", "--rater", "A", "--rater", "B"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("ACME-B.xlsx");
    expect(fs.readdirSync(out)).toEqual(["ACME-B.xlsx"]);
    expect(fs.readFileSync(path.join(out, "ACME-B.xlsx"), "utf8")).toBe("keep");
    const f = qcs(["forms", "--out", out, "--organization", "ACME", "--rater", "A", "--rater", "B", "--force"]);
    expect(f.status).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(["ACME-A.xlsx", "ACME-B.xlsx"]);
    expect(fs.readFileSync(path.join(out, "ACME-B.xlsx")).subarray(0, 2).toString()).toBe("PK");
  });

  test("--kind visit, --with-maturity, --lang en-US: what the form and its stamp carry", async () => {
    const out = path.join(dir, "visits");
    const r = qcs(["forms", "--out", out, "--organization", "ACME", "--rater", "Visit 1", "--kind", "visit", "--with-maturity", "--lang", "en-US"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Visit 1 (visit), form id ");
    const read = await readWorkbookFile(path.join(out, "ACME-Visit 1.xlsx"), S);
    expect(read.verified).toMatchObject({ intact: true, kind: "form-maturity", lang: "en-US" });
    expect(read.verified?.stamp).toMatchObject({ raterKind: "visit", rater: "Visit 1", kind: "form-maturity", lang: "en-US" });
    expect(read.input?.raters[0]).toMatchObject({ name: "Visit 1", kind: "visit" });
    expect(read.verified?.model?.sheets.map((s) => s.key)).toEqual(["service", "evidence", "maturity"]);
  });

  test("usage errors exit 1 and write nothing", () => {
    const out = path.join(dir, "usage");
    const cases = [
      ["--out", out, "--rater", "A"], // no organisation
      ["--out", out, "--organization", "ACME"], // no rater
      ["--organization", "ACME", "--rater", "A"], // no --out
      ["--out", out, "--organization", "ACME", "--rater", "A\u001b[31m"], // a control character in a name
      ["--out", out, "--organization", "ACME\u202e", "--rater", "A"],
      ["--out", out, "--organization", "ACME", "--rater", "  "],
      ["--out", out, "--organization", "ACME", "--rater", "A", "--kind", "team"],
      ["--out", out, "--organization", "ACME", "--rater", "A", "--lang", "fr"],
      ["--out", out, "--organization", "ACME", "--rater", "A", "--bogus"],
    ];
    for (const c of cases) {
      const r = qcs(["forms", ...c]);
      expect([c, r.status]).toEqual([c, 1]);
      expect(r.stderr).not.toContain("\u001b[31m");
    }
    expect(fs.existsSync(out)).toBe(false);
    expect(qcs(["forms", "--help"]).status).toBe(0);
  });
});
