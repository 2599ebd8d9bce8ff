/**
 * The Office.js write plan (src/workbook/excel/plan.ts): rectangles cover exactly the cells given,
 * without overlap; multi-area addresses stay within the length limit; every model cell's formats are
 * planned once per property (the end state is checked cell by cell in insert.test.ts).
 */
import fc from "fast-check";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { buildTemplate } from "../../src/workbook/model";
import { chunkAddresses, columnPlan, cover, formatGroups, MAX_AREAS_ADDRESS, rowPlan, runs } from "../../src/workbook/excel/plan";
import { widthPoints } from "../../src/workbook/excel/insert";

test("cover: disjoint rectangles whose union is exactly the cells", () => {
  fc.assert(
    fc.property(fc.array(fc.record({ r: fc.integer({ min: 1, max: 30 }), c: fc.integer({ min: 1, max: 30 }) }), { maxLength: 300 }), (cells) => {
      const want = new Set(cells.map(({ r, c }) => `${r},${c}`));
      const got = new Map<string, number>();
      for (const x of cover(cells)) for (let r = x.top; r <= x.bottom; r++) for (let c = x.left; c <= x.right; c++) got.set(`${r},${c}`, (got.get(`${r},${c}`) ?? 0) + 1);
      expect(new Set(got.keys())).toEqual(want);
      for (const n of got.values()) expect(n).toBe(1);
    })
  );
});

test("chunkAddresses: every chunk within the limit, nothing lost", () => {
  fc.assert(
    fc.property(fc.array(fc.stringMatching(/^[A-Z]{1,3}[1-9]\d{0,6}(:[A-Z]{1,3}[1-9]\d{0,6})?$/), { maxLength: 200 }), (parts) => {
      const chunks = chunkAddresses(parts);
      for (const ch of chunks) expect(ch.length).toBeLessThanOrEqual(MAX_AREAS_ADDRESS);
      expect(chunks.flatMap((ch) => ch.split(","))).toEqual(parts);
    })
  );
});

test("runs of consecutive indexes", () => {
  expect(runs([5, 3, 4, 9, 9, 11, 10])).toEqual([
    [3, 5],
    [9, 11],
  ]);
  expect(runs([])).toEqual([]);
});

test.each([[1], [10], [50]])("%i raters: a few dozen format groups per sheet, whatever the rater count", (raters) => {
  const model = buildTemplate(S, { raters, lang: "zh-CN" });
  for (const sh of model.sheets) {
    const groups = formatGroups(sh);
    expect(groups.length).toBeLessThan(40);
    expect(groups.reduce((n, g) => n + g.addresses.length, 0)).toBeLessThan(60);
    // every (property, value) once
    expect(new Set(groups.map((g) => JSON.stringify([g.prop, g.value]))).size).toBe(groups.length);
    const cols = columnPlan(sh, widthPoints);
    expect(cols.sizes.flatMap((s) => s.addresses).join(",").split(",").length).toBeLessThanOrEqual(sh.columns.length);
    expect(rowPlan(sh).sizes.length).toBeLessThanOrEqual(sh.rows.length);
  }
});
