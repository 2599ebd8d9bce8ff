/**
 * The workbook printed by LibreOffice (A4, fit to width, repeated title rows, the organisation and
 * report number heading every page, the footer): PDF and PNG pages, in Chinese and English. The report
 * (the result sheet), the five Appendix 2 texts beside each clause of a blank form and the signature
 * block are checked in the printed text. Set QCS_WRITE_DOCS=1 to refresh the pictures in docs/.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import type { Lang } from "../../src/scheme/types";
import { assess, readExchange, type AssessmentInput } from "../../src/engine";
import { KIND_SHEETS, STAMP_FORMAT, type SheetKey } from "../../src/workbook/model";
import { t } from "../../src/workbook/labels";
import { convert, filledTemplate, loProfile, tmpDir } from "./lo";
import { fullRecords } from "../engine/full-records";

jest.setTimeout(240_000);

const pick = (x: { zh: string; en: string }, lang: Lang) => (lang === "en-US" ? x.en : x.zh);
const squash = (s: string) => s.replace(/\s+/g, "");

/** A demonstration audit: three columns (two people, one visit), N/A, one disagreement, mixed maturity levels, every record. */
export function demoInput(): AssessmentInput {
  const base = [0.9, 0.85, 0.8, 0.95, 0.9, 0.9, 0.75, 0.8, 0.85, 0.9, 0.95, 0.9, 0.85, 0.8, "N/A", 0.9, 0.95, 0.9, 0.85];
  const r2 = base.map((a, i) => (typeof a === "number" ? Math.round((a - 0.05 * (i % 3)) * 100) / 100 : a));
  const r3 = base.map((a, i) => (i === 7 ? 0.3 : typeof a === "number" ? Math.min(1, Math.round((a + 0.05) * 100) / 100) : "不适用"));
  const records = readExchange(fullRecords(), S).input!.records!;
  return {
    organization: "示例企业质量信用服务有限公司",
    raters: [
      { alphas: base, name: "张三", kind: "person", date: "2026-03-02", method: "现场", evidence: S.items.map((_, i) => (i === 0 ? "前台接待规范，抽查 5 人次" : null)) },
      { alphas: r2, name: "李四", kind: "person", date: "2026-03-03", method: "现场" },
      { alphas: r3, name: "第 1 次走访", kind: "visit", date: "2026-03-04", method: "神秘顾客" },
    ],
    levels: S.clauses.map((_, i) => [4, 4, 3, 5][i % 4]),
    records: { ...records, audit: { ...records.audit, reportNo: "QCS-2026-001", from: "2026-03-02", to: "2026-03-04" } },
  };
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return r.stdout;
}

const TITLES: Record<SheetKey, Parameters<typeof t>[0]> = {
  service: "titleService",
  evidence: "titleEvidence",
  maturity: "titleMaturity",
  records: "titleRecords",
  result: "titleResult",
  sources: "titleSources",
  stamp: "sheetStamp",
};

interface Printed {
  pdf: string;
  /** pages in the PDF (the stamp's included) */
  total: number;
  pages: string[];
  /** the 1-based first page of each sheet (the page with its title) */
  first: Partial<Record<SheetKey, number>>;
}

/** Prints a workbook and finds each sheet's first page. */
async function print(dir: string, name: string, input: AssessmentInput, lang: Lang, kind: "assessment" | "form-maturity" = "assessment"): Promise<Printed> {
  const { workbook } = await filledTemplate(input, { lang, kind, columns: Math.max(1, input.raters.length) });
  const f = path.join(dir, `${name}.xlsx`);
  await workbook.xlsx.writeFile(f);
  const [pdf] = convert([f], "pdf", dir, loProfile());
  const n = Number(/Pages:\s+(\d+)/.exec(run("pdfinfo", [pdf]))?.[1]);
  const pages: string[] = [];
  for (let i = 1; i <= n; i++) pages.push(run("pdftotext", ["-layout", "-f", String(i), "-l", String(i), pdf, "-"]));
  // LibreOffice's command-line PDF export prints hidden sheets too (Excel prints no very hidden sheet):
  // the stamp's page, always the last, is left out of what is checked
  const total = pages.length;
  if (pages.length && pages[pages.length - 1].includes(STAMP_FORMAT)) pages.pop();
  const first: Printed["first"] = {};
  for (const key of KIND_SHEETS[kind]) {
    const title = squash(t(TITLES[key], lang));
    first[key] = pages.findIndex((p, i) => squash(p).includes(title) && !Object.values(first).includes(i + 1)) + 1;
  }
  return { pdf, pages, first, total };
}

/** The pages of one sheet. */
function pagesOf(p: Printed, key: SheetKey): string[] {
  const start = p.first[key] as number;
  const next = Object.values(p.first).filter((x) => (x as number) > start).sort((a, b) => (a as number) - (b as number))[0] ?? p.pages.length + 1;
  return p.pages.slice(start - 1, (next as number) - 1);
}

describe.each([["zh-CN"], ["en-US"]] as [Lang][])("the printed assessment workbook (%s)", (lang) => {
  const dir = tmpDir(`qcs-render-${lang}-`);
  const input = demoInput();
  const engine = assess(input, S);
  let printed: Printed;

  beforeAll(async () => {
    printed = await print(dir, `assessment-${lang}`, input, lang);
  });

  it("prints on A4; every page carries the organisation, the report number and the footer; no error values", () => {
    const info = run("pdfinfo", [printed.pdf]);
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
    const [w, h] = [Number(size?.[1]), Number(size?.[2])].sort((a, b) => a - b);
    expect(Math.abs(w - 595)).toBeLessThan(3); // A4: 595 × 842 pt
    expect(Math.abs(h - 842)).toBeLessThan(3);
    printed.pages.forEach((p, i) => {
      expect(p).not.toMatch(/Err:\d+|#NAME\?|#VALUE!|#REF!|#DIV\/0!|#N\/A/);
      expect(p).toContain(S.id);
      expect(squash(p)).toContain(squash(lang === "en-US" ? `Page ${i + 1} of ${printed.total}` : `第${i + 1}页，共${printed.total}页`));
      // RULES.md §6: the organisation's name and the report number head every printed page
      expect(squash(p)).toContain(squash(t("band", lang, { org: input.organization as string, no: "QCS-2026-001" })));
    });
  });

  it("every sheet is printed with its own texts and computed values", () => {
    for (const key of KIND_SHEETS.assessment) expect([key, (printed.first[key] ?? 0) > 0]).toEqual([key, true]);
    const svc = squash(pagesOf(printed, "service").join(""));
    for (const ch of S.characteristics) expect(svc).toContain(squash(pick(ch.name, lang)));
    expect(svc).toContain((engine.service.score as number).toFixed(1));
    for (const name of ["张三", "李四", "第 1 次走访"]) expect(svc).toContain(squash(name));
    expect(squash(pagesOf(printed, "evidence").join(""))).toContain("前台接待规范");
    const mat = squash(pagesOf(printed, "maturity").join(""));
    for (const c of S.clauses) expect(mat).toContain(c.id);
    expect(mat).toContain(String(engine.maturity.total));
    const rec = squash(pagesOf(printed, "records").join(""));
    for (const p of S.specificRequirements) expect(rec).toContain(squash(p.label));
    expect(rec).toContain("外包清洁未受控");
  });

  it("the result sheet reads as the report: particulars, both tracks with their tables, records, the result, its reason and next step, margins, sign-off", () => {
    const report = squash(pagesOf(printed, "result").join(""));
    for (const key of ["sParticulars", "sConformity", "sServiceResult", "sMaturityResult", "sOther", "sResult", "sSignoff", "resReason", "resNext", "resMargins", "pLeader", "pReviewer", "pDecisionMaker", "sign"] as const) {
      expect([key, report.includes(squash(t(key, lang)))]).toEqual([key, true]);
    }
    for (const ch of S.characteristics) expect(report).toContain(squash(pick(ch.name, lang)));
    // (a title that wraps in its cell is printed on two lines: its first words are checked)
    for (const c of S.clauses) expect(report).toContain(squash(pick(c.title, lang).split(" ").slice(0, 2).join(" ")).slice(0, 12));
    expect(report).toContain(squash(pick(engine.gradeLabel!, lang)));
    expect(report).toContain(squash(pick(engine.reason!, lang)).slice(0, 40));
    expect(report).toContain(squash(pick(engine.nextText!, lang)));
    for (const who of ["李四", "钱七", "孙八", "QCS-2026-001"]) expect(report).toContain(who);
    // the codes never stand in for the result in the report (BASIC / NONE are labels)
    expect(report).not.toMatch(/BASIC|NONE/);
  });

  it("pictures of every page (docs/ with QCS_WRITE_DOCS=1)", () => {
    for (const key of KIND_SHEETS.assessment) {
      const start = printed.first[key] as number;
      const count = key === "result" ? pagesOf(printed, key).length : 1;
      for (let k = 0; k < count; k++) {
        const png = path.join(dir, `template-${key}-${lang}${count > 1 ? `-${k + 1}` : ""}`);
        run("pdftoppm", ["-png", "-r", "100", "-f", String(start + k), "-l", String(start + k), "-singlefile", printed.pdf, png]);
        expect(fs.statSync(`${png}.png`).size).toBeGreaterThan(20_000);
        if (process.env.QCS_WRITE_DOCS === "1") fs.copyFileSync(`${png}.png`, path.join(__dirname, "..", "..", "docs", path.basename(`${png}.png`)));
      }
    }
  });
});

describe("a blank form with Appendix 3 (zh-CN)", () => {
  it("prints all five Appendix 2 level texts beside each clause, before a level is chosen", async () => {
    const dir = tmpDir("qcs-render-form-");
    const blank: AssessmentInput = { raters: [{ alphas: [], name: "张三", kind: "person" }], levels: [], organization: "示例企业质量信用服务有限公司" };
    const printed = await print(dir, "form", blank, "zh-CN", "form-maturity");
    const mat = squash(pagesOf(printed, "maturity").join(""));
    // (each text wraps inside its narrow column, so its first line is what can be found in the page text)
    for (const g of S.groups) for (const l of g.levels) expect(mat).toContain(squash(l.zh).slice(0, 12));
    const start = printed.first.maturity as number;
    const png = path.join(dir, "form-maturity-zh-CN");
    run("pdftoppm", ["-png", "-r", "100", "-f", String(start), "-l", String(start), "-singlefile", printed.pdf, png]);
    if (process.env.QCS_WRITE_DOCS === "1") fs.copyFileSync(`${png}.png`, path.join(__dirname, "..", "..", "docs", "form-maturity-zh-CN.png"));
  });
});
