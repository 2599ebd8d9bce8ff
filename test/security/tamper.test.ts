/**
 * Issue 9, classes 5 and 6: the comparison with the template cannot be switched off, and what a viewer
 * of the file would see as the result is compared with what the engine computes. Every forged workbook
 * is generated here from a filled template (example 02: AAAA, service 90.0, maturity 116 / level 5)
 * and scored by `node bin/qcs.js score --json`: none may come out ok:true, none may be graded, and the
 * finding must name the forged cell. A control (the same file with true cached values, as Excel saves
 * it) is scored ok:true, so the checks are not just rejecting everything.
 */
import * as fs from "fs";
import * as path from "path";
import { NAMES } from "../../src/workbook/contract";
import { quoteSheet } from "../../src/workbook/a1";
import { buildTemplate, type TemplateModel } from "../../src/workbook/model";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { filledWorkbook, lines, Parts, qcs, splitName, tmp, type Line } from "./kit";

jest.setTimeout(120_000);

interface Forgery {
  name: string;
  make: (p: Parts, m: TemplateModel) => void;
  /** the forged cells or fields: each must be named by an error finding */
  names: (m: TemplateModel) => string[];
  /** or: at least one error finding with one of these codes */
  codes?: string[];
}

const at = (m: TemplateModel, name: string) => {
  const { sheet, ref } = splitName(m, name);
  return { sheet, ref, cell: `${quoteSheet(sheet)}!${ref}` };
};
/** a cell of a sheet by key */
const cellOf = (m: TemplateModel, key: string, ref: string) => {
  const sheet = m.sheets.find((s) => s.key === key)?.name as string;
  return { sheet, ref, cell: `${quoteSheet(sheet)}!${ref}` };
};
const typeOver = (p: Parts, c: { sheet: string; ref: string }, v: number | string) =>
  typeof v === "number" ? p.setCell(c.sheet, c.ref, `<v>${v}</v>`) : p.setCell(c.sheet, c.ref, `<is><t>${v}</t></is>`, { t: "inlineStr" });

const OUTPUT_NAMES = [NAMES.serviceScore, NAMES.maturityTotal, NAMES.maturityLevel, NAMES.grade, NAMES.serviceMargin, NAMES.maturityMargin];

const forgeries: Forgery[] = [
  // class 5: switching the check off
  {
    name: "QCS_ALPHA widened to 11 columns, the service score typed over with 99.9",
    make: (p, m) => {
      const a = m.names.find((n) => n.name === NAMES.alpha)!;
      p.setName(NAMES.alpha, `${quoteSheet(a.sheet)}!$F$9:$P$27`);
      typeOver(p, at(m, NAMES.serviceScore), 99.9);
    },
    names: (m) => [NAMES.alpha, at(m, NAMES.serviceScore).cell],
  },
  {
    name: "the output names deleted, the score typed over with 99.9 and the grade with AAAAA",
    make: (p, m) => {
      for (const n of OUTPUT_NAMES) p.setName(n, null);
      typeOver(p, at(m, NAMES.serviceScore), 99.9);
      typeOver(p, at(m, NAMES.grade), "AAAAA");
    },
    names: (m) => [at(m, NAMES.serviceScore).cell, at(m, NAMES.grade).cell, ...OUTPUT_NAMES],
  },
  {
    name: "widened, names deleted and every result cell of the result sheet typed over",
    make: (p, m) => {
      const a = m.names.find((n) => n.name === NAMES.alpha)!;
      p.setName(NAMES.alpha, `${quoteSheet(a.sheet)}!$F$9:$P$27`);
      for (const n of OUTPUT_NAMES) p.setName(n, null);
      typeOver(p, cellOf(m, "result", "B17"), 99.9);
      typeOver(p, cellOf(m, "result", "B59"), "AAAAA");
      typeOver(p, cellOf(m, "result", "F59"), "AAAAA");
      typeOver(p, cellOf(m, "result", "F60"), "AAAAA");
    },
    names: (m) => [cellOf(m, "result", "B17").cell, cellOf(m, "result", "B59").cell, cellOf(m, "result", "F60").cell],
  },
  {
    name: "the stamp removed (sheet and properties), the score typed over",
    make: (p, m) => {
      const wb = p.get("xl/workbook.xml");
      const rid = /<sheet [^>]*name="qcs_stamp"[^>]*r:id="([^"]+)"\/>/.exec(wb)!;
      p.edit("xl/workbook.xml", rid[0], "");
      p.edit("xl/workbook.xml", /<definedName name="_xlnm\.Print_(?:Area|Titles)" localSheetId="5">[^<]*<\/definedName>/g, "");
      p.edit("docProps/custom.xml", /<property [^>]*name="qcs\.[^"]*"[^>]*>[\s\S]*?<\/property>/g, "");
      typeOver(p, at(m, NAMES.serviceScore), 99.9);
    },
    names: (m) => [at(m, NAMES.serviceScore).cell],
  },
  {
    name: "the stamp claims 11 rater columns (a false claim), the score typed over",
    make: (p, m) => {
      p.setStamp("raters", "11");
      // the fingerprint of the claimed 11-column template, so the stamp is self-consistent
      p.setStamp("fingerprint", buildTemplate(S, { raters: 11, lang: "zh-CN" }).fingerprint);
      typeOver(p, at(m, NAMES.serviceScore), 99.9);
    },
    // the workbook is compared with the 11-column template it claims to be: its cells differ
    names: () => [],
    codes: ["altered", "extra"],
  },
  {
    name: "the stamp claims a one-rater form (kind form): the result sheets are not skipped",
    make: (p, m) => {
      p.setStamp("kind", "form");
      typeOver(p, at(m, NAMES.grade), "AAAAA");
    },
    names: () => ["认证结果"],
  },
  {
    name: "the sheet protection removed and the weight of item 1.1 typed over with 50",
    make: (p, m) => {
      const w = at(m, NAMES.weights);
      p.edit(p.sheetPart(w.sheet), /<sheetProtection[^>]*\/>/, "");
      p.setCell(w.sheet, w.ref, "<v>50</v>");
    },
    names: (m) => [at(m, NAMES.weights).sheet, at(m, NAMES.weights).cell],
  },
  // class 6: what a viewer sees
  {
    name: "formulas intact, cached values 99.9 (score) and AAAAA (grade, grade label)",
    make: (p, m) => {
      p.cache(at(m, NAMES.serviceScore).sheet, at(m, NAMES.serviceScore).ref, 99.9);
      p.cache(at(m, NAMES.grade).sheet, at(m, NAMES.grade).ref, "AAAAA");
      p.cache(cellOf(m, "result", "B59").sheet, "B59", "AAAAA");
    },
    names: (m) => [at(m, NAMES.serviceScore).cell, at(m, NAMES.grade).cell, cellOf(m, "result", "B59").cell],
  },
  {
    name: "formulas intact, the result sheet's service score and maturity level cached as 99.9 and 5",
    make: (p, m) => {
      p.cache(cellOf(m, "result", "B17").sheet, "B17", 99.9);
      p.cache(cellOf(m, "result", "B29").sheet, "B29", 5);
    },
    names: (m) => [cellOf(m, "result", "B17").cell],
  },
  {
    name: 'a number format on the score cell that shows "99.9"',
    make: (p, m) => {
      const c = at(m, NAMES.serviceScore);
      p.setCell(c.sheet, c.ref, `<f>${p.formulaOf(c.sheet, c.ref)!.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")}</f>`, { s: p.numberFormat(p.styleOf(c.sheet, c.ref), '"99.9"') });
    },
    names: (m) => [at(m, NAMES.serviceScore).cell],
  },
  {
    name: ';;;"AAAAA" on the grade label cell (any text shows AAAAA)',
    make: (p, m) => {
      const c = cellOf(m, "result", "B59");
      p.setCell(c.sheet, c.ref, `<f>${p.formulaOf(c.sheet, c.ref)!.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")}</f>`, { s: p.numberFormat(p.styleOf(c.sheet, c.ref), ';;;"AAAAA"') });
    },
    names: (m) => [cellOf(m, "result", "B59").cell],
  },
  {
    name: ';;;"AAAAA" on the QCS_GRADE cell, "0.0" shown as 99.9 by a [>0]"99.9" section on the result page',
    make: (p, m) => {
      const g = at(m, NAMES.grade);
      p.setCell(g.sheet, g.ref, `<f>${escapeF(p.formulaOf(g.sheet, g.ref)!)}</f>`, { s: p.numberFormat(p.styleOf(g.sheet, g.ref), ';;;"AAAAA"') });
      const b = cellOf(m, "result", "B17");
      p.setCell(b.sheet, b.ref, `<f>${escapeF(p.formulaOf(b.sheet, b.ref)!)}</f>`, { s: p.numberFormat(p.styleOf(b.sheet, b.ref), '[>0]"99.9";0.0') });
    },
    names: (m) => [at(m, NAMES.grade).cell, cellOf(m, "result", "B17").cell],
  },
];

function escapeF(f: string): string {
  return f.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

describe("forged workbooks are never ok:true (classes 5 and 6)", () => {
  const dir = tmp("qcs-tamper-");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  let model: TemplateModel;
  const files: string[] = [];
  let out: Line[] = [];
  let control: Line;
  let stderr = "";
  let status: number | null = null;

  beforeAll(async () => {
    const { bytes, model: m } = await filledWorkbook();
    model = m;
    forgeries.forEach((f, i) => {
      const p = new Parts(bytes);
      f.make(p, m);
      const file = path.join(dir, `forged-${String(i).padStart(2, "0")}.xlsx`);
      fs.writeFileSync(file, p.bytes());
      files.push(file);
    });
    // the control: the true values cached as Excel would save them
    const p = new Parts(bytes);
    p.cache(at(m, NAMES.serviceScore).sheet, at(m, NAMES.serviceScore).ref, 90);
    p.cache(at(m, NAMES.maturityTotal).sheet, at(m, NAMES.maturityTotal).ref, 116);
    p.cache(at(m, NAMES.maturityLevel).sheet, at(m, NAMES.maturityLevel).ref, 5);
    p.cache(at(m, NAMES.grade).sheet, at(m, NAMES.grade).ref, "AAAA");
    p.cache(cellOf(m, "result", "B59").sheet, "B59", "AAAA");
    p.cache(cellOf(m, "result", "B17").sheet, "B17", 90);
    p.cache(cellOf(m, "result", "B29").sheet, "B29", 5);
    const good = path.join(dir, "control.xlsx");
    fs.writeFileSync(good, p.bytes());
    const r = qcs(["score", "--json", "--lang", "en-US", ...files, good]);
    out = lines(r.stdout);
    control = out.pop() as Line;
    stderr = r.stderr;
    status = r.status;
  });

  test("the control (true cached values, as Excel saves them) is scored ok:true, AAAA, with no finding", () => {
    expect(control.findings).toEqual([]);
    expect([control.ok, control.grade, control.serviceScore]).toEqual([true, "AAAA", 90]);
  });

  test.each(forgeries.map((f, i) => [f.name, i] as const))("%s: not ok, not graded, the forged place named", (_name, i) => {
    const line = out[i];
    expect(line.file).toBe(path.normalize(files[i]));
    expect([line.ok, line.grade]).toEqual([false, null]);
    const errors = line.findings.filter((f) => f.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    if (forgeries[i].codes) expect(errors.some((f) => forgeries[i].codes?.includes(f.code))).toBe(true);
    for (const place of forgeries[i].names(model)) {
      const named = errors.some((f) => f.cell === place || f.field === place || (f.cell ?? "").startsWith(`${place}!`) || (f.cell ?? "").startsWith(`${quoteSheet(place)}!`) || f.message.includes(place));
      expect([place, named]).toEqual([place, true]);
    }
  });

  test("exit code 2, and each forged file's first error on stderr", () => {
    expect(status).toBe(2);
    for (const f of files) expect(stderr).toContain(path.basename(f));
  });
});
