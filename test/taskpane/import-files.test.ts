/**
 * The pane's check of picked files (src/taskpane/import/read-files.ts): the bounds (a file over
 * LIMITS.fileBytes is not read at all; more than MAX_IMPORT_FILES files are refused as a whole), bytes
 * that are not an .xlsx, and a form whose verdict and particulars come from its stamp.
 */
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { LIMITS } from "../../src/workbook/limits";
import { MAX_IMPORT_FILES } from "../../src/workbook/import-plan";
import { checkFile, checkFiles } from "../../src/taskpane/import/read-files";
import { formBytes, picked, rater } from "./import-forms";

test("a file over LIMITS.fileBytes is unreadable and never read", async () => {
  let read = 0;
  const big = { name: "big.xlsx", size: LIMITS.fileBytes + 1, arrayBuffer: async () => (read++, new ArrayBuffer(8)) };
  const c = await checkFile(big, S);
  expect(c.verdict).toBe("unreadable");
  expect(c.returned).toBeNull();
  expect(c.findings[0].code).toBe("too-large");
  expect(c.findings[0].message.en).toMatch(/5\.0 MB limit/);
  expect(read).toBe(0);
  // a browser that misreports the size: the bytes read are checked too
  const liar = { name: "liar.xlsx", size: 10, arrayBuffer: async () => new ArrayBuffer(LIMITS.fileBytes + 1) };
  expect((await checkFile(liar, S)).findings[0].code).toBe("too-large");
});

test("bytes that are not an .xlsx: unreadable, with the reader's reason", async () => {
  const c = await checkFile(picked("notes.xlsx", new TextEncoder().encode("not a zip file")), S);
  expect(c.verdict).toBe("unreadable");
  expect(c.findings[0].message.en).toMatch(/cannot read the \.xlsx file/);
});

test(`more than ${MAX_IMPORT_FILES} files are refused as a whole, none read`, async () => {
  let read = 0;
  const files = Array.from({ length: MAX_IMPORT_FILES + 1 }, (_, i) => ({ name: `f${i}.xlsx`, size: 100, arrayBuffer: async () => (read++, new ArrayBuffer(100)) }));
  const r = await checkFiles(files, S);
  expect(r.checks).toEqual([]);
  expect(r.refused?.message.zh).toMatch(new RegExp(`一次最多导入 ${MAX_IMPORT_FILES} 个文件`));
  expect(read).toBe(0);
});

test("a returned form: intact, its rater, kind, form id and date from the stamp, its SHA-256", async () => {
  const bytes = await formBytes({ rater: rater("王五", 0.8, {}, "visit"), stamp: { formId: "12345678-0000-4000-8000-000000000abc", issued: "2026-04-01" } });
  const progress: string[] = [];
  const { checks } = await checkFiles([picked("w.xlsx", bytes)], S, (n, of) => progress.push(`${n}/${of}`));
  const c = checks[0];
  expect(progress).toEqual(["0/1", "1/1"]);
  expect([c.verdict, c.rater, c.raterKind, c.kind, c.formId, c.issued, c.columns]).toEqual(["intact", "王五", "visit", "form", "12345678-0000-4000-8000-000000000abc", "2026-04-01", 1]);
  const { createHash } = await import("crypto");
  expect(c.returned?.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
  expect(c.findings).toEqual([]);
});
