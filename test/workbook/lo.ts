/**
 * LibreOffice (headless) as a real spreadsheet engine for the tests: one soffice process converts a
 * batch of files, with a private profile that forces recalculation of .xlsx files on load.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { DEFAULT_SCHEME } from "../../src/scheme";
import type { AssessmentInput } from "../../src/engine";
import { parseArea, splitAddress } from "../../src/workbook/a1";
import { modelWorkbook } from "../../src/workbook/xlsx/write";
import { buildTemplate, fillModel, type TemplateModel, type TemplateOptions } from "../../src/workbook/model";

const RECALC_XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export function soffice(): string {
  for (const p of ["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/usr/local/bin/soffice"]) if (fs.existsSync(p)) return p;
  throw new Error("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui fonts-wqy-microhei");
}

/** A fresh temporary directory. */
export function tmpDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A private LibreOffice profile that recalculates OOXML files on load (OOXMLRecalcMode = 0: always). */
export function loProfile(): string {
  const dir = tmpDir("qcs-lo-profile-");
  fs.mkdirSync(path.join(dir, "user"), { recursive: true });
  fs.writeFileSync(path.join(dir, "user", "registrymodifications.xcu"), RECALC_XCU);
  return dir;
}

/**
 * Converts every file with ONE soffice call. soffice exits 0 even when a conversion fails, so the
 * outputs are checked; returns their paths in input order.
 */
export function convert(files: string[], format: string, outDir: string, profile: string): string[] {
  const r = spawnSync(
    soffice(),
    [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--nologo", "--convert-to", format, "--outdir", outDir, ...files],
    { encoding: "utf8", timeout: 110_000, env: { ...process.env, HOME: profile } }
  );
  const ext = format.split(":")[0];
  const outs = files.map((f) => path.join(outDir, `${path.basename(f, path.extname(f))}.${ext}`));
  const missing = outs.filter((o) => !fs.existsSync(o) || fs.statSync(o).size === 0);
  if (missing.length) {
    throw new Error(`soffice did not produce ${missing.length} file(s) (status ${r.status}, signal ${r.signal}):\n${r.stderr}\n${r.stdout}\nfirst missing: ${missing[0]}`);
  }
  return outs;
}

/** Writes values into a workbook through a workbook name (row-major, starting at the name's top-left). */
export function putByName(wb: ExcelJS.Workbook, name: string, values: unknown[][]): void {
  const dn = (wb.definedNames.model as { name: string; ranges: string[] }[]).find((d) => d.name === name);
  if (!dn) throw new Error(`no name ${name}`);
  const { sheet, ref } = splitAddress(dn.ranges[0]);
  const ws = wb.getWorksheet(sheet as string);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const a = parseArea(ref);
  values.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v === null || v === undefined) return;
      ws.getCell(a.top + i, a.left + j).value = v as ExcelJS.CellValue;
    })
  );
}

/**
 * A workbook of `columns` rater columns filled with an assessment (records included) through the model's
 * own fill: rater r goes to column at[r].
 */
export async function filledTemplate(
  input: AssessmentInput,
  opts: Partial<TemplateOptions> & { columns?: number; at?: number[] } = {}
): Promise<{ workbook: ExcelJS.Workbook; model: TemplateModel }> {
  const columns = opts.columns ?? Math.max(1, input.raters.length);
  const at = opts.at ?? input.raters.map((_, i) => i);
  const { columns: _c, at: _a, ...rest } = opts;
  // stamped, as every workbook the product writes is
  const stamp = rest.stamp ?? { formId: "00000000-0000-4000-8000-000000000000", issued: "2026-11-26", organization: input.organization };
  const model = buildTemplate(DEFAULT_SCHEME, { ...rest, stamp, raters: columns, lang: opts.lang ?? "zh-CN" });
  const raters: AssessmentInput["raters"] = Array.from({ length: columns }, () => ({ alphas: [] }));
  input.raters.forEach((r, k) => (raters[at[k]] = r));
  const filled = fillModel(model, { ...input, raters }, DEFAULT_SCHEME);
  return { workbook: await modelWorkbook(filled), model: filled };
}
