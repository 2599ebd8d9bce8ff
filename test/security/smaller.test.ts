/**
 * Issue 9, class 10 (the smaller faults): SERVICE_SCORE with subnormal weights, α cells with a date
 * number format, a rater name or organisation that is not text, an encrypted or legacy workbook.
 * (Unknown top-level fields and non-string rater names in JSON: json.test.ts.)
 */
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { PANEL_SCORE, SERVICE_SCORE } from "../../src/functions/functions";
import { scaleUp } from "../../src/functions/args";
import { NAMES } from "../../src/workbook/contract";
import { readWorkbookBytes } from "../../src/workbook/xlsx/read";
import { makeZip } from "../ooxml-reader/kit";
import { cellsOf, filledWorkbook, lines, Parts, qcs, splitName, tmp } from "./kit";

jest.setTimeout(120_000);

const column = (alpha: number) => S.items.map(() => [alpha]);

describe("SERVICE_SCORE / PANEL_SCORE with subnormal weights", () => {
  test.each([1e-320, 5e-324, 2.2250738585072014e-308, 1e-300, 1e-10])("every weight %p, every α 0.9: exactly 90", (w) => {
    const weights = S.items.map(() => [w]);
    expect(SERVICE_SCORE(column(0.9), weights)).toBe(90);
    expect(PANEL_SCORE(column(0.9), weights)).toBe(90);
  });

  test("the standard's weights scaled down to subnormals give the standard's score", () => {
    const alphas = S.items.map((_, i) => [[0.5, 0.7, 0.9, 1][i % 4]]);
    const plain = SERVICE_SCORE(alphas);
    // 2^-1060 is exact (a power of two), so the weights keep their ratios 5 : 7 : … exactly
    const tiny = S.items.map((it) => [it.weight * 2 ** -1060]);
    expect(tiny.every(([w]) => w > 0 && w < 2.2250738585072014e-308)).toBe(true);
    expect(SERVICE_SCORE(alphas, tiny)).toBe(plain);
  });

  test("scaleUp: by a power of two into [1, 2); weights of 1 and above untouched; sums that overflow stay an error", () => {
    const [a, b] = scaleUp([1e-320, 2e-320]);
    expect([b / a, b >= 1 && b < 2]).toEqual([2, true]);
    expect(Math.max(...scaleUp([5e-324]))).toBe(1);
    for (const ws of [[3e-5, 1e-9, 0.25], [0.999], [Number.MIN_VALUE, 0.5]]) {
      const out = scaleUp(ws);
      const m = Math.max(...out);
      expect(m >= 1 && m < 2).toBe(true);
      // the same factor for every weight
      ws.forEach((w, i) => expect(out[i] / w).toBe(out[0] / ws[0]));
    }
    expect(scaleUp([5, 7, 17])).toEqual([5, 7, 17]);
    expect(scaleUp([1.7e308, 1.7e308])).toEqual([1.7e308, 1.7e308]);
  });
});

describe("workbook inputs", () => {
  const dir = tmp("qcs-smaller-");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("α cells with a date number format are read as the numbers they hold (qcs score: ok, AAAA)", async () => {
    const { bytes, model } = await filledWorkbook();
    const p = new Parts(bytes);
    const alpha = model.names.find((n) => n.name === NAMES.alpha)!;
    const firstColumn = cellsOf(alpha.ref).filter((_, i) => i % 3 === 0);
    const style = p.numberFormat(p.styleOf(alpha.sheet, firstColumn[0]), "yyyy-mm-dd");
    for (const ref of firstColumn) p.setCell(alpha.sheet, ref, "<v>0.9</v>", { s: style });
    const f = path.join(dir, "date-alpha.xlsx");
    fs.writeFileSync(f, p.bytes());
    const r = qcs(["score", "--json", "--lang", "en-US", f]);
    const [l] = lines(r.stdout);
    expect([r.status, l.ok, l.grade, l.serviceScore]).toEqual([0, true, "AAAA", 90]);
    expect(l.findings).toEqual([]);
  });

  test("a number in the rater-name or organisation cell is its text, never dropped silently", async () => {
    const { bytes, model } = await filledWorkbook();
    const p = new Parts(bytes);
    const info = model.names.find((n) => n.name === NAMES.raterInfo)!;
    const [, nameRow] = [cellsOf(info.ref)[0], cellsOf(info.ref)[3]]; // row 2 of QCS_RATER_INFO (3 columns): the names
    p.setCell(info.sheet, nameRow, "<v>42</v>");
    const org = splitName(model, NAMES.organization);
    p.setCell(org.sheet, org.ref, "<v>91360100</v>");
    const r = readWorkbookBytes(p.bytes(), S);
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(r.input?.raters[0].name).toBe("42");
    expect(r.input?.organization).toBe("91360100");
  });

  test("an encrypted workbook (OLE with EncryptedPackage) says so, as .xlsx or under another name; a legacy .xls too", () => {
    const ole = (stream: string) => {
      const b = Buffer.alloc(8192);
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
      Buffer.from(stream, "utf16le").copy(b, 1024);
      return b;
    };
    const files = [
      ["encrypted.xlsx", ole("EncryptedPackage")],
      ["encrypted-renamed.json", ole("EncryptionInfo")],
      ["legacy.xlsx", ole("Workbook")],
      ["entry-encrypted.xlsx", makeZip([{ name: "xl/workbook.xml", data: "<workbook/>", flags: 1 }])],
    ] as const;
    for (const [name, bytes] of files) fs.writeFileSync(path.join(dir, name), bytes);
    const r = qcs(["score", "--json", "--lang", "en-US", ...files.map(([n]) => path.join(dir, n))]);
    const out = lines(r.stdout);
    expect(r.status).toBe(2);
    expect(out[0].findings[0].message).toMatch(/^cannot read the \.xlsx file: this file is password-encrypted; save it without a password/);
    expect(out[1].findings[0].message).toMatch(/this file is password-encrypted/);
    expect(out[2].findings[0].message).toMatch(/Excel 97–2003|\.xls|legacy|old/i);
    expect(out[3].findings[0].message).toMatch(/is encrypted; send an unencrypted \.xlsx/);
    for (const l of out) expect(l.findings[0].message).not.toMatch(/is this a zip/i);
    const zh = qcs(["score", path.join(dir, "encrypted.xlsx")]);
    expect(zh.stderr).toMatch(/密码|加密/);
  });
});
