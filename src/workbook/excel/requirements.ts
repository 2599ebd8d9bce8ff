/**
 * The requirement sets the add-in needs (the list of every Office.js member it uses, with its set as
 * the typings state it, is api-uses.ts; test/workbook/requirements.test.ts checks it against
 * index.d.ts and against office.js's serialisation of the real requests). The decision:
 *
 *  - The highest set used is ExcelApi 1.9 (Worksheet.getRanges / RangeAreas, PageLayout and its
 *    headers/footers, WorksheetCollection.onChanged). The manifest should declare ExcelApi 1.9 next to
 *    SharedRuntime 1.1 and CustomFunctionsRuntime 1.3: every Excel that has the shared runtime
 *    (Microsoft 365 on Windows, Mac and the web; Excel 2021) has ExcelApi 1.9 or later, so declaring
 *    it excludes no one who can run the add-in at all, and keeps Office from offering the add-in
 *    where the pane's calls would fail.
 *  - Guarded at run time as well (for a manifest without the declaration, and for clarity): the
 *    insert refuses with a zh/en message when ExcelApi 1.9 is missing; the change subscription is
 *    skipped (refresh on demand) — see office-port.ts.
 *  - RunOptions.delayForCellEdit has no requirement set in the typings; office.js applies it only
 *    where the host supports it and ignores it elsewhere (run.ts) — nothing to guard.
 */

export const MIN_EXCEL_API = "1.9";

/** "ExcelApi 1.9" → [1, 9]; "ExcelApi 1.2 for options; 1.7 for password" → the highest, [1, 7] */
function version(set: string): number[] {
  const all = [...set.matchAll(/(\d+)\.(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  return all.sort((a, b) => b[0] - a[0] || b[1] - a[1])[0] ?? [0, 0];
}

/** Whether `a` ≤ `b` as ExcelApi versions. */
export function atMost(a: string, b: string): boolean {
  const [x, y] = [version(a), version(b)];
  return x[0] < y[0] || (x[0] === y[0] && (x[1] ?? 0) <= (y[1] ?? 0));
}

type Requirements = { isSetSupported(name: string, minVersion?: string): boolean } | undefined;

/** A zh/en message when the host lacks the ExcelApi version the insert needs, else null. */
export function missingForInsert(requirements: Requirements): string | null {
  if (!requirements || requirements.isSetSupported("ExcelApi", MIN_EXCEL_API)) return null;
  return `此 Excel 版本不支持插入评分表（需要 ExcelApi ${MIN_EXCEL_API}：Microsoft 365 或 Excel 2021 及以上）。可改用 qcs template 生成的 .xlsx 模板。 / This Excel cannot insert the templates (ExcelApi ${MIN_EXCEL_API} is needed: Microsoft 365 or Excel 2021 and later). Use the .xlsx templates from qcs template instead.`;
}
