/**
 * What each queued write and call of the simulated workbook (excel-sim.ts) does to its state when the
 * batch runs: property writes (applySet) and method calls (applyCall) on ranges, sheets and the
 * workbook — with Excel's protection rules for cells. Test helper only.
 */
import { area, parseArea } from "../../src/workbook/a1";
import {
  areasOf,
  isWholeColumns,
  isWholeRows,
  key,
  newSheet,
  STEPS,
  type SimCell,
  type SimSheet,
  type Step,
} from "./excel-sim-state";
import type { SimWorkbook } from "./excel-sim";

function cellsOf(sheet: SimSheet, address: string, each: (r: number, c: number) => void): void {
  for (const a of areasOf(address)) {
    if (a.bottom - a.top > 5000 || a.right - a.left > 5000)
      throw new Error(`simulation: too large to format cell by cell: ${address}`);
    for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) each(r, c);
  }
}

function guardCells(sheet: SimSheet, address: string): void {
  if (!sheet.protection) return;
  cellsOf(sheet, address, (r, c) => {
    if (sheet.cells.get(key(r, c))?.locked !== false)
      throw new Error(`AccessDenied: ${sheet.name}!${address} is on a protected sheet`);
  });
}

export function applySet(wb: SimWorkbook, path: Step[], value: unknown): void {
  const { sheet, address, rest } = wb.resolve(path);
  const prop = rest.join(".");
  if (!sheet) throw new Error(`simulation: unsupported write ${prop}`);
  if (!address) {
    if (prop === "tabColor") sheet.tabColor = String(value);
    else if (prop === "position") {
      wb.sheets.splice(wb.sheets.indexOf(sheet), 1);
      wb.sheets.splice(Math.max(0, Math.min(Number(value), wb.sheets.length)), 0, sheet);
    } else if (prop === "visibility") sheet.visibility = String(value);
    else if (prop.startsWith("pageLayout.")) {
      if (sheet.protection && wb.pageLayoutBlockedByProtection)
        throw new Error(`AccessDenied: page layout of protected sheet ${sheet.name}`);
      sheet.page[prop.slice("pageLayout.".length)] = value;
    } else throw new Error(`simulation: unsupported sheet write ${prop}`);
    return;
  }
  if (prop === "format.columnWidth" || prop === "columnHidden") {
    if (!isWholeColumns(address)) throw new Error(`simulation: ${prop} on ${address} (expected whole columns)`);
    if (sheet.protection) throw new Error("AccessDenied: column format on a protected sheet");
    for (const a of areasOf(address))
      for (let c = a.left; c <= a.right; c++) {
        const e = sheet.cols.get(c) ?? {};
        if (prop === "columnHidden") e.hidden = Boolean(value);
        else e.width = Number(value);
        sheet.cols.set(c, e);
      }
    return;
  }
  if (prop === "format.rowHeight" || prop === "rowHidden") {
    if (!isWholeRows(address)) throw new Error(`simulation: ${prop} on ${address} (expected whole rows)`);
    if (sheet.protection) throw new Error("AccessDenied: row format on a protected sheet");
    for (const a of areasOf(address))
      for (let r = a.top; r <= a.bottom; r++) {
        const e = sheet.rows.get(r) ?? {};
        if (prop === "rowHidden") e.hidden = Boolean(value);
        else e.height = Number(value);
        sheet.rows.set(r, e);
      }
    return;
  }
  if (prop === "formulas" || prop === "values" || prop === "numberFormat") {
    if (address.includes(",")) throw new Error(`simulation: ${prop} on a multi-area range`);
    guardCells(sheet, address);
    const a = parseArea(address.replace(/\$/g, ""));
    const grid = value as unknown[][];
    if (
      !Array.isArray(grid) ||
      grid.length !== a.bottom - a.top + 1 ||
      grid.some((row) => !Array.isArray(row) || row.length !== a.right - a.left + 1)
    )
      throw new Error(
        `InvalidArgument: ${prop} of ${address} needs a ${a.bottom - a.top + 1}×${a.right - a.left + 1} array`
      );
    for (let r = a.top; r <= a.bottom; r++)
      for (let c = a.left; c <= a.right; c++) {
        const v = grid[r - a.top][c - a.left];
        const cell = wb.cell(sheet, r, c);
        if (prop === "numberFormat") cell.numFmt = String(v);
        else if (typeof v === "string" && v.startsWith("'")) {
          cell.formula = v.slice(1);
          cell.text = true;
        } else if (typeof v === "string" && cell.numFmt !== "@" && /^[+-]?\d+(\.\d+)?$/.test(v.trim())) {
          cell.formula = Number(v);
          delete cell.text;
        } else {
          cell.formula = v;
          if (cell.numFmt === "@" && typeof v === "string") cell.text = true;
          else delete cell.text;
        }
      }
    return;
  }
  const border = /^format\.borders\.getItem\.(style|color)$/.exec(prop);
  if (border) {
    const step = path[path.length - 2] as { call: string; args: unknown[] };
    const edge = String(step.args[0]);
    guardCells(sheet, address);
    for (const a of areasOf(address)) setBorder(sheet, a, edge, border[1] as "style" | "color", String(value));
    return;
  }
  if (prop.startsWith("dataValidation.")) {
    if (sheet.protection) throw new Error("AccessDenied: data validation on a protected sheet");
    const areas = address.split(/[,;]/).map((s) => s.trim());
    let dv = sheet.validations.find((v) => v.areas.join() === areas.join());
    if (!dv) sheet.validations.push((dv = { areas }));
    (dv as Record<string, unknown>)[prop.slice("dataValidation.".length)] = value;
    return;
  }
  const cf = /^conditionalFormats\.add\.custom\.(rule\.formula|format\.fill\.color|format\.font\.color)$/.exec(prop);
  if (cf) {
    const step = path.find(
      (s, i) =>
        "call" in s &&
        s.call === "add" &&
        i > 0 &&
        "get" in path[i - 1] &&
        (path[i - 1] as { get: string }).get === "conditionalFormats"
    ) as Step;
    const entry = wb.cfByStep.get(step);
    if (!entry) throw new Error("simulation: conditional format written before it was added");
    if (cf[1] === "rule.formula") entry.formula = String(value);
    else if (cf[1] === "format.fill.color") entry.fill = String(value);
    else entry.fontColor = String(value);
    return;
  }
  guardCells(sheet, address);
  const apply = (f: (cell: SimCell) => void) => cellsOf(sheet, address, (r, c) => f(wb.cell(sheet, r, c)));
  switch (prop) {
    case "format.font.name":
      return apply((x) => (x.font.name = String(value)));
    case "format.font.size":
      return apply((x) => (x.font.size = Number(value)));
    case "format.font.bold":
      return apply((x) => (x.font.bold = Boolean(value)));
    case "format.font.italic":
      return apply((x) => (x.font.italic = Boolean(value)));
    case "format.font.color":
      return apply((x) => (x.font.color = String(value)));
    case "format.fill.color":
      return apply((x) => (x.fill = String(value)));
    case "format.wrapText":
      return apply((x) => (x.wrap = Boolean(value)));
    case "format.horizontalAlignment":
      return apply((x) => (x.h = String(value)));
    case "format.verticalAlignment":
      return apply((x) => (x.v = String(value)));
    case "format.protection.locked":
      if (sheet.protection) throw new Error("AccessDenied: locking on a protected sheet");
      return apply((x) => (x.locked = Boolean(value)));
  }
  throw new Error(`simulation: unsupported range write ${prop}`);
}

function setBorder(
  sheet: SimSheet,
  a: ReturnType<typeof parseArea>,
  edge: string,
  what: "style" | "color",
  value: string
): void {
  const seg = (k: string) => {
    const e = sheet.borders.get(k) ?? {};
    e[what] = value;
    sheet.borders.set(k, e);
  };
  for (let r = a.top; r <= a.bottom; r++)
    for (let c = a.left; c <= a.right; c++) {
      if (edge === "EdgeTop" && r === a.top) seg(`H ${r},${c}`);
      else if (edge === "EdgeBottom" && r === a.bottom) seg(`H ${r + 1},${c}`);
      else if (edge === "EdgeLeft" && c === a.left) seg(`V ${r},${c}`);
      else if (edge === "EdgeRight" && c === a.right) seg(`V ${r},${c + 1}`);
      else if (edge === "InsideVertical" && c > a.left) seg(`V ${r},${c}`);
      else if (edge === "InsideHorizontal" && r > a.top) seg(`H ${r},${c}`);
      else if (!/^(Edge(Top|Bottom|Left|Right)|Inside(Vertical|Horizontal))$/.test(edge))
        throw new Error(`simulation: border ${edge}`);
    }
}

export function applyCall(wb: SimWorkbook, path: Step[]): void {
  const last = path[path.length - 1] as { call: string; args: unknown[] };
  const { sheet, address, rest } = wb.resolve(path.slice(0, -1));
  const where = [...rest, last.call].join(".");
  // workbook-level calls
  if (!sheet) {
    if (where === "worksheets.add") {
      const name = String(last.args[0]);
      if (wb.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase()))
        throw new Error(`ItemAlreadyExists: ${name}`);
      wb.sheets.push(newSheet(name));
      return;
    }
    if (where === "names.add") {
      const name = String(last.args[0]);
      if (wb.names.has(name)) throw new Error(`ItemAlreadyExists: ${name}`);
      const target = wb.resolve((last.args[1] as Record<symbol, Step[]>)[STEPS]);
      if (!target.sheet || !target.address) throw new Error(`simulation: names.add target`);
      wb.names.set(name, { sheet: target.sheet.name, ref: target.address });
      return;
    }
    if (where === "properties.custom.add") {
      // "Creates a new or sets an existing custom property" (CustomPropertyCollection.add, ExcelApi 1.7)
      wb.customProperties.set(String(last.args[0]), String(last.args[1]));
      return;
    }
    if (where === "name.delete") {
      const { key: k } = wb.resolve(path.slice(0, -1));
      const found = [...wb.names.keys()].find((n) => n.toUpperCase() === String(k).toUpperCase());
      if (!found) throw new Error(`ItemNotFound: ${k}`);
      wb.names.delete(found);
      return;
    }
    if (where === "names.getItem.delete") {
      const step = path[path.length - 2] as { call: string; args: unknown[] };
      const name = String(step.args[0]);
      if (!wb.names.delete(name)) throw new Error(`ItemNotFound: ${name}`);
      return;
    }
    throw new Error(`simulation: unsupported call ${where}`);
  }
  if (address) {
    if (where === "merge") {
      guardCells(sheet, address);
      // merge(true): each row of the range becomes its own merged region (ExcelApi 1.2)
      const across = last.args[0] === true;
      const a = parseArea(address);
      if (across && a.bottom > a.top)
        for (let r = a.top; r <= a.bottom; r++) sheet.merges.push(area(a.left, r, a.right, r));
      else sheet.merges.push(address);
      return;
    }
    if (where === "select") {
      wb.selection = { sheet: sheet.name, address };
      return;
    }
    if (where === "clear") {
      guardCells(sheet, address);
      const a = parseArea(address);
      for (const k of [...sheet.cells.keys()]) {
        const [r, c] = k.split(",").map(Number);
        if (r >= a.top && r <= a.bottom && c >= a.left && c <= a.right) sheet.cells.delete(k);
      }
      for (const k of [...sheet.borders.keys()]) {
        const m = /^([HV]) (\d+),(\d+)$/.exec(k);
        if (!m) continue;
        const [r, c] = [Number(m[2]), Number(m[3])];
        if (r >= a.top && r <= a.bottom + 1 && c >= a.left && c <= a.right + 1) sheet.borders.delete(k);
      }
      return;
    }
    if (where === "unmerge") {
      guardCells(sheet, address);
      const a = parseArea(address);
      sheet.merges = sheet.merges.filter((m) => {
        const b = parseArea(m);
        return b.top > a.bottom || b.bottom < a.top || b.left > a.right || b.right < a.left;
      });
      return;
    }
    if (where === "dataValidation.clear" || where === "conditionalFormats.clearAll") {
      if (sheet.protection) throw new Error(`AccessDenied: ${where} on a protected sheet`);
      const a = parseArea(address);
      const inside = (x: string) => {
        const b = parseArea(x.replace(/\$/g, ""));
        return b.top >= a.top && b.bottom <= a.bottom && b.left >= a.left && b.right <= a.right;
      };
      if (where === "dataValidation.clear") sheet.validations = sheet.validations.filter((v) => !v.areas.every(inside));
      else sheet.conditionalFormats = sheet.conditionalFormats.filter((v) => !v.areas.every(inside));
      return;
    }
    if (where === "format.autofitColumns" || where === "format.autofitRows") {
      if (sheet.protection) throw new Error(`AccessDenied: ${where} on a protected sheet`);
      for (const a of areasOf(address)) {
        if (where === "format.autofitColumns") for (let c = a.left; c <= a.right; c++) delete sheet.cols.get(c)?.width;
        else for (let r = a.top; r <= Math.min(a.bottom, 100_000); r++) delete sheet.rows.get(r)?.height;
      }
      return;
    }
    if (where === "conditionalFormats.add") {
      if (sheet.protection) throw new Error("AccessDenied: conditional format on a protected sheet");
      const entry = { areas: address.split(/[,;]/).map((s) => s.trim()), type: String(last.args[0]) };
      sheet.conditionalFormats.push(entry);
      wb.cfByStep.set(last, entry); // what add() returned is written through this step
      return;
    }
    throw new Error(`simulation: unsupported range call ${where}`);
  }
  switch (where) {
    case "delete":
      wb.sheets.splice(wb.sheets.indexOf(sheet), 1);
      return;
    case "activate":
      wb.active = sheet.name;
      return;
    case "protection.protect":
      if (sheet.protection) throw new Error(`InvalidOperation: ${sheet.name} is already protected`);
      sheet.protection = { options: last.args[0], password: last.args[1] as string | undefined };
      return;
    case "protection.unprotect":
      if (!sheet.protection)
        throw new Error(
          `InvalidOperation: ${sheet.name} is not protected (the simulation is strict here: Excel's behaviour is not documented)`
        );
      if (sheet.protection.password && sheet.protection.password !== last.args[0])
        throw new Error(`InvalidArgument: wrong password for ${sheet.name}`);
      sheet.protection = undefined;
      return;
    case "freezePanes.freezeRows":
    case "freezePanes.freezeColumns":
    case "freezePanes.freezeAt": {
      if (sheet.protection && wb.pageLayoutBlockedByProtection)
        throw new Error(`AccessDenied: freeze panes of protected sheet ${sheet.name}`);
      if (where === "freezePanes.freezeRows") sheet.freeze = { rows: Number(last.args[0]), columns: 0 };
      else if (where === "freezePanes.freezeColumns") sheet.freeze = { rows: 0, columns: Number(last.args[0]) };
      else {
        const arg =
          typeof last.args[0] === "string"
            ? last.args[0]
            : wb.resolve((last.args[0] as Record<symbol, Step[]>)[STEPS]).address;
        const a = parseArea(String(arg).replace(/\$/g, ""));
        sheet.freeze = { rows: a.bottom, columns: a.right };
      }
      return;
    }
    case "pageLayout.setPrintArea":
    case "pageLayout.setPrintTitleRows":
      if (sheet.protection && wb.pageLayoutBlockedByProtection)
        throw new Error(`AccessDenied: page layout of protected sheet ${sheet.name}`);
      sheet.page[last.call] = last.args[0];
      return;
  }
  throw new Error(`simulation: unsupported sheet call ${where}`);
}
