/**
 * The templates printed by LibreOffice (A4, fit to width, repeated title rows, footer): PDF and PNG
 * pages per sheet. Set QCS_WRITE_DOCS=1 to refresh docs/template-{service,maturity,result}.png.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { assess, type AssessmentInput } from "../../src/engine";
import { SHEET_KEYS } from "../../src/workbook/model";
import { t } from "../../src/workbook/labels";
import { convert, filledTemplate, loProfile, tmpDir } from "./lo";

jest.setTimeout(180_000);

/** A demonstration audit: three raters, N/A, one disagreement, mixed maturity levels. */
export function demoInput(): AssessmentInput {
  const base = [0.9, 0.85, 0.8, 0.95, 0.9, 0.9, 0.75, 0.8, 0.85, 0.9, 0.95, 0.9, 0.85, 0.8, "N/A", 0.9, 0.95, 0.9, 0.85];
  const r2 = base.map((a, i) => (typeof a === "number" ? Math.round((a - 0.05 * (i % 3)) * 100) / 100 : a));
  const r3 = base.map((a, i) => (i === 7 ? 0.3 : typeof a === "number" ? Math.min(1, Math.round((a + 0.05) * 100) / 100) : "不适用"));
  return {
    raters: [{ alphas: base }, { alphas: r2 }, { alphas: r3 }],
    levels: S.clauses.map((c, i) => [4, 4, 3, 5][i % 4]),
  };
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return r.stdout;
}

describe("printed templates (LibreOffice → PDF → PNG)", () => {
  const dir = tmpDir("qcs-render-");
  const input = demoInput();
  const engine = assess(input, S);
  let pdf = "";
  /** page texts, 1-based page i at [i - 1] */
  const pages: string[] = [];
  const firstPage: Record<string, number> = {};

  beforeAll(async () => {
    const { workbook } = await filledTemplate({
      ...input,
      organization: "示例企业质量信用服务有限公司",
      records: { ...input.records, audit: { ...input.records?.audit, team: ["张三", "李四"], from: "2026-03-02", to: "2026-03-04" } },
    });
    const f = path.join(dir, "template-demo.xlsx");
    await workbook.xlsx.writeFile(f);
    [pdf] = convert([f], "pdf", dir, loProfile());
    const n = Number(/Pages:\s+(\d+)/.exec(run("pdfinfo", [pdf]))?.[1]);
    for (let i = 1; i <= n; i++) pages.push(run("pdftotext", ["-layout", "-f", String(i), "-l", String(i), pdf, "-"]));
    // the first page of each sheet: the page that carries the sheet's title
    const titles: Record<string, string> = { service: t("titleService", "zh-CN"), maturity: t("titleMaturity", "zh-CN"), result: t("titleResult", "zh-CN") };
    for (const key of SHEET_KEYS) {
      const title = titles[key].replace(/\s+/g, "");
      firstPage[key] = pages.findIndex((p, i) => p.replace(/\s+/g, "").includes(title) && !Object.values(firstPage).includes(i + 1)) + 1;
    }
  });

  it("prints on A4, every page with the footer (scheme id, page n of N), no error values", () => {
    const info = run("pdfinfo", [pdf]);
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
    expect(size).not.toBeNull();
    const [w, h] = [Number(size?.[1]), Number(size?.[2])].sort((a, b) => a - b);
    expect(Math.abs(w - 595)).toBeLessThan(3); // A4: 595 × 842 pt
    expect(Math.abs(h - 842)).toBeLessThan(3);
    pages.forEach((p, i) => {
      // (pdftotext also lists the hidden helper columns, which LibreOffice draws as invisible "###")
      expect(p).not.toMatch(/Err:\d+|#NAME\?|#VALUE!|#REF!|#DIV\/0!|#N\/A/);
      expect(p).toContain(S.id);
      expect(p.replace(/\s+/g, "")).toContain(`第${i + 1}页，共${pages.length}页`);
    });
  });

  it("repeats the title rows on every page of a sheet", () => {
    const head = t("hCriterion", "zh-CN");
    const svcPages = pages.slice(firstPage.service - 1, firstPage.maturity - 1);
    expect(svcPages.length).toBeGreaterThan(1);
    for (const p of svcPages) expect(p.replace(/\s+/g, "")).toContain(head);
  });

  it.each(SHEET_KEYS.map((k) => [k]))("%s: its text and computed values are printed; one page image", (key) => {
    expect(firstPage[key]).toBeGreaterThan(0);
    const next = SHEET_KEYS.map((k) => firstPage[k]).filter((p) => p > firstPage[key]).sort((a, b) => a - b)[0] ?? pages.length + 1;
    const compact = pages.slice(firstPage[key] - 1, next - 1).join("").replace(/\s+/g, "");
    if (key === "service") {
      for (const ch of S.characteristics) expect(compact).toContain(ch.name.zh);
      for (const it of S.items) expect(compact).toContain(it.id);
      expect(compact).toContain((engine.service.score as number).toFixed(1));
    } else if (key === "maturity") {
      for (const c of S.clauses) expect(compact).toContain(c.id);
      expect(compact).toContain(String(engine.maturity.total));
    } else {
      expect(compact).toContain(String(engine.gradeCode));
      expect(compact).toContain("示例企业质量信用服务有限公司");
      expect(compact).toContain((engine.reason?.zh ?? "").replace(/\s+/g, "").slice(0, 30));
    }
    const png = path.join(dir, `template-${key}`);
    run("pdftoppm", ["-png", "-r", "110", "-f", String(firstPage[key]), "-l", String(firstPage[key]), "-singlefile", pdf, png]);
    expect(fs.statSync(`${png}.png`).size).toBeGreaterThan(20_000);
    if (process.env.QCS_WRITE_DOCS === "1") fs.copyFileSync(`${png}.png`, path.join(__dirname, "..", "..", "docs", `template-${key}.png`));
  });
});
