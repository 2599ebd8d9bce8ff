/**
 * The written file says what the template model says, for what ExcelJS used to get wrong: every data
 * validation of the model exactly once, over exactly its range, with its own formula (relative to the
 * range's top-left cell); every conditional format once; the print area and title rows of each sheet
 * and every workbook name as the model has them, fully absolute and quoted as Excel writes them.
 * Runs on what the checker has read (check.ts FileInput.also).
 */
import type { TemplateModel } from "../../src/workbook/model";
import type { ReadPackage } from "./check";
import type { Report } from "./problem";
import { REL } from "./workbook";
import { attr, kid, kids, NS, textOf, type XElem } from "./xml";

const quote = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;
const abs = (ref: string) => ref.replace(/\$/g, "").replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
const same = (a: string[], b: string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

export function agreesWith(model: TemplateModel): (read: ReadPackage, report: Report) => void {
  return ({ rels, docs }, report) => {
    const wbPart = (rels.get("/") ?? []).find((r) => r.type === REL.officeDocument)?.target ?? "";
    const wb = docs.get(wbPart);
    if (!wb) {
      report("model", "no workbook part");
      return;
    }
    const sheetsEl = kid(wb, "sheets");
    const sheets = sheetsEl ? kids(sheetsEl, "sheet") : [];
    const names = kid(wb, "definedNames");
    const defined = (names ? kids(names, "definedName") : []).map((d) => ({
      name: attr(d, "name") ?? "",
      local: attr(d, "localSheetId"),
      text: textOf(d),
    }));

    for (const n of model.names) {
      const want = `${quote(n.sheet)}!${abs(n.ref)}`;
      const got = defined.filter((d) => d.name === n.name && d.local === undefined).map((d) => d.text);
      if (got.length !== 1 || got[0] !== want)
        report("model", `name ${n.name}: ${JSON.stringify(got)}, the model says ${want}`, wbPart);
    }

    model.sheets.forEach((sh, i) => {
      const el = sheets[i];
      if (!el || attr(el, "name") !== sh.name) {
        report("model", `sheet ${i + 1} is ${el ? attr(el, "name") : "missing"}, the model says ${sh.name}`, wbPart);
        return;
      }
      const local = (name: string) =>
        defined.filter((d) => d.name === name && d.local === String(i)).map((d) => d.text);
      const wantArea = `${quote(sh.name)}!${abs(sh.print.area)}`;
      const wantTitles = `${quote(sh.name)}!$${sh.print.titleRows[0]}:$${sh.print.titleRows[1]}`;
      if (!same(local("_xlnm.Print_Area"), [wantArea]))
        report(
          "model",
          `${sh.name}: print area ${JSON.stringify(local("_xlnm.Print_Area"))}, the model says ${wantArea}`,
          wbPart
        );
      if (!same(local("_xlnm.Print_Titles"), [wantTitles]))
        report(
          "model",
          `${sh.name}: print titles ${JSON.stringify(local("_xlnm.Print_Titles"))}, the model says ${wantTitles}`,
          wbPart
        );

      const target = (rels.get(wbPart) ?? []).find((r) => r.id === attr(el, "id", NS.r))?.target ?? "";
      const ws = docs.get(target);
      if (!ws) {
        report("model", `${sh.name}: no worksheet part`);
        return;
      }
      const dvs = kid(ws, "dataValidations");
      const gotDv = (dvs ? kids(dvs, "dataValidation") : []).map(
        (d) => {
          const f = kid(d, "formula1");
          return `${attr(d, "sqref")} ${attr(d, "type") ?? "any"} ${f ? textOf(f) : ""}`;
        }
      );
      // a date rule is "after 1900-01-01" (serial 2 in the 1900 date system); "any" has no rule
      const wantDv = sh.validations.map(
        (v) => `${v.range} ${v.kind} ${v.kind === "list" ? `"${(v.list ?? []).join(",")}"` : v.kind === "date" ? "2" : v.kind === "any" ? "" : v.formula}`
      );
      if (!same(gotDv, wantDv))
        report(
          "model",
          `${sh.name}: data validations ${JSON.stringify(gotDv)}, the model says ${JSON.stringify(wantDv)}`,
          target
        );

      const gotCf = kids(ws, "conditionalFormatting").flatMap((c) =>
        kids(c, "cfRule").map((r) => `${attr(c, "sqref")} ${kids(r, "formula").map(textOf).join(";")}`)
      );
      const wantCf = sh.conditionalFormats.map((c) => `${c.range} ${c.formula}`);
      if (!same(gotCf, wantCf))
        report(
          "model",
          `${sh.name}: conditional formats ${JSON.stringify(gotCf)}, the model says ${JSON.stringify(wantCf)}`,
          target
        );

      const mc = kid(ws, "mergeCells");
      const gotMerges = (mc ? kids(mc, "mergeCell") : []).map((m) => attr(m, "ref") ?? "");
      if (!same(gotMerges, sh.merges))
        report(
          "model",
          `${sh.name}: merges ${JSON.stringify(gotMerges)}, the model says ${JSON.stringify(sh.merges)}`,
          target
        );
    });
  };
}
