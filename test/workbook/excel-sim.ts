/**
 * A small simulated Excel for the Office.js writer's tests: enough of the object model that
 * src/workbook/excel/insert.ts uses (sheets, ranges and multi-area ranges, formats, borders,
 * protection, validation, conditional formats, names, page layout, freeze panes), with Excel's batch
 * semantics: every property write and method call is queued, runs in order at context.sync(), and the
 * first failing operation ends the batch (what ran before it stays done) and rejects the sync.
 *
 * It keeps the resulting workbook cell by cell, so a test can compare the end state with the template
 * model whatever way the writer chose to batch its writes (one range per cell, per run, per
 * rectangle, multi-area ranges …). Protection is enforced as Excel does for cells: on a protected
 * sheet, writing a value or a format to a locked cell fails (AccessDenied). Whether page layout may
 * be set on a protected sheet is not documented; `pageLayoutBlockedByProtection` lets a test assume
 * the strict answer.
 *
 * Reads (for the pane's import, import.ts): `load()` on a range, a sheet, a collection, a named item
 * or a custom property queues a read that runs in order with the writes; after the sync the loaded
 * properties are there (reading one that was not loaded throws PropertyNotLoaded, as office.js does).
 * Named items resolve to their range (names.getItem(n).getRange() and the *OrNullObject variants),
 * ranges navigate (getCell, getResizedRange, getIntersection). A text written with a leading
 * apostrophe is stored as text without it; numeric text written into a cell not formatted "@" becomes
 * a number (as typing it would); `values` of a formula cell are not computed (blank).
 *
 * Strict where Excel's behaviour is not documented: unprotecting a sheet that is not protected fails,
 * as protecting a protected one does (documented), so code under test must know the state it relies on.
 *
 * Test helper only; a stand-in, not Excel: conclusions about Excel itself come from the typings, the
 * docs and office.js's own runtime (office-request.ts).
 */
import { area, parseArea } from "../../src/workbook/a1";

export interface SimCell {
  /** what was written through `formulas` / `values` (text written with a leading apostrophe: without it) */
  formula?: unknown;
  /** written as text (a leading apostrophe): never a formula or number */
  text?: boolean;
  numFmt?: string;
  font: { name?: string; size?: number; bold?: boolean; italic?: boolean; color?: string };
  fill?: string;
  wrap?: boolean;
  h?: string;
  v?: string;
  locked?: boolean;
}

export interface SimSheet {
  name: string;
  cells: Map<string, SimCell>;
  /** column index → width (points) / hidden */
  cols: Map<number, { width?: number; hidden?: boolean }>;
  rows: Map<number, { height?: number; hidden?: boolean }>;
  /** border segments: "H r,c" = the line above cell (r,c); "V r,c" = the line left of cell (r,c) */
  borders: Map<string, { style?: string; color?: string }>;
  merges: string[];
  validations: { areas: string[]; ignoreBlanks?: boolean; rule?: unknown; prompt?: unknown; errorAlert?: unknown }[];
  conditionalFormats: { areas: string[]; type: string; formula?: string; fill?: string; fontColor?: string }[];
  freeze?: { rows: number; columns: number };
  page: Record<string, unknown>;
  protection?: { options: unknown; password?: string };
  tabColor?: string;
  /** "Visible" unless set ("Hidden", "VeryHidden") */
  visibility?: string;
}

export interface SimFailure {
  /** e.g. "pageLayout.zoom", "worksheets.add", "names.add", "protection.protect" */
  op: string;
  /** the nth matching operation fails (1-based; default 1) */
  nth?: number;
  message?: string;
}

type Step = { get: string } | { call: string; args: unknown[] };

const STEPS = Symbol("steps");

const key = (r: number, c: number) => `${r},${c}`;
const key2 = key;

function areasOf(address: string): ReturnType<typeof parseArea>[] {
  return address
    .split(/[,;]/)
    .map((a) => a.trim())
    .filter(Boolean)
    .map((a) => {
      // whole columns "C:E" and whole rows "3:5"
      const cols = /^\$?([A-Z]+):\$?([A-Z]+)$/i.exec(a);
      if (cols) return parseArea(`${cols[1]}1:${cols[2]}1048576`);
      const rows = /^\$?(\d+):\$?(\d+)$/.exec(a);
      if (rows) return parseArea(`A${rows[1]}:XFD${rows[2]}`);
      return parseArea(a.replace(/\$/g, ""));
    });
}

const isWholeColumns = (address: string) => address.split(/[,;]/).every((a) => /^\$?[A-Z]+:\$?[A-Z]+$/i.test(a.trim()));
const isWholeRows = (address: string) => address.split(/[,;]/).every((a) => /^\$?\d+:\$?\d+$/.test(a.trim()));

export class SimWorkbook {
  readonly sheets: SimSheet[] = [];
  readonly names = new Map<string, { sheet: string; ref: string }>();
  active?: string;
  selection?: { sheet: string; address: string };
  syncs = 0;
  /** every operation that ran, in order, by its member path ("workbook.worksheets.add.pageLayout.zoom") */
  readonly log: string[] = [];
  /** assume Excel refuses page layout and freeze panes on a protected sheet */
  pageLayoutBlockedByProtection = false;
  /** the workbook's custom document properties */
  readonly customProperties = new Map<string, string>();
  private pending: (() => void)[] = [];
  private loaded = new Map<string, unknown>();
  /** what each proxy's load() found, by the proxy's step list */
  private loads = new WeakMap<Step[], Record<string, unknown>>();
  /** properties a proxy asked for that are not loaded yet */
  private asked = new WeakMap<Step[], Set<string>>();
  private cfByStep = new Map<Step, SimSheet["conditionalFormats"][number]>();
  private failures: (SimFailure & { seen: number })[] = [];
  readonly context: Excel.RequestContext;
  /** context.trackedObjects: counts the objects released from tracking (client-side in office.js) */
  readonly tracked = {
    removed: 0,
    add: (o: unknown) => void o,
    remove: (o: unknown) => {
      this.tracked.removed += Array.isArray(o) ? o.length : 1;
    },
  };

  constructor(sheetNames: string[] = ["Sheet1"], names: string[] = []) {
    for (const n of sheetNames) this.sheets.push(SimWorkbook.newSheet(n));
    for (const n of names) this.names.set(n, { sheet: sheetNames[0] ?? "Sheet1", ref: "A1" });
    this.context = this.proxy([]) as unknown as Excel.RequestContext;
  }

  static newSheet(name: string): SimSheet {
    return { name, cells: new Map(), cols: new Map(), rows: new Map(), borders: new Map(), merges: [], validations: [], conditionalFormats: [], page: {} };
  }

  /** Makes the nth operation whose path ends with `op` fail. */
  failOn(f: SimFailure): this {
    this.failures.push({ ...f, seen: 0 });
    return this;
  }

  sheet(name: string): SimSheet {
    const s = this.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s) throw new Error(`ItemNotFound: worksheet ${name}`);
    return s;
  }

  cell(sheet: SimSheet, r: number, c: number): SimCell {
    let cell = sheet.cells.get(key(r, c));
    if (!cell) sheet.cells.set(key(r, c), (cell = { font: {} }));
    return cell;
  }

  async sync(): Promise<void> {
    this.syncs++;
    const ops = this.pending;
    this.pending = [];
    for (const op of ops) op(); // the first throw ends the batch, as in Excel
    await Promise.resolve();
  }

  private queue(path: string, run: () => void): void {
    this.pending.push(() => {
      for (const f of this.failures) {
        if (path.endsWith(f.op) && ++f.seen === (f.nth ?? 1)) throw new Error(f.message ?? `simulated failure: ${path}`);
      }
      run();
      this.log.push(path);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // proxies: any property read gives a deeper proxy; writes and calls are queued

  private proxy(steps: Step[]): unknown {
    const target = function () {} as unknown as Record<string | symbol, unknown>;
    return new Proxy(target, {
      get: (_t, prop) => {
        if (prop === STEPS) return steps;
        if (prop === "then") return undefined;
        if (typeof prop === "symbol") return undefined;
        const here = steps.map((s) => ("get" in s ? s.get : `${s.call}()`)).join(".");
        if (steps.length === 0 && prop === "sync") return () => this.sync();
        // office.js's client-side object tracking: nothing reaches the workbook
        if (steps.length === 0 && prop === "trackedObjects") return this.tracked;
        if (steps.length > 0 && prop === "context") return this.context;
        if (steps.length === 0 && prop === "workbook") return this.proxy([{ get: "workbook" }]);
        if (prop === "items" && (here === "workbook.worksheets" || here === "workbook.names")) {
          if (!this.loaded.has(here)) throw new Error(`PropertyNotLoaded: ${here}.items`);
          return this.loaded.get(here);
        }
        if (prop === "load") {
          return (what?: string | string[]) => {
            const props = (Array.isArray(what) ? what : String(what ?? "").split(",")).map((x) => x.trim()).filter(Boolean);
            const asked = this.asked.get(steps) ?? new Set<string>();
            for (const x of props) asked.add(x.split("/")[0]);
            this.asked.set(steps, asked);
            this.pending.push(() => {
              if (here === "workbook.worksheets")
                this.loaded.set(
                  here,
                  this.sheets.map((s, i) => ({ name: s.name, position: i, visibility: s.visibility ?? "Visible", id: s.name, protection: { protected: !!s.protection } }))
                );
              else if (here === "workbook.names") this.loaded.set(here, [...this.names.keys()].map((name) => ({ name })));
              else this.loads.set(steps, { ...(this.loads.get(steps) ?? {}), ...this.read(steps, props) });
            });
          };
        }
        const got = this.loads.get(steps);
        if (got && prop in got) return got[prop];
        if (this.asked.get(steps)?.has(prop) || prop === "isNullObject") throw new Error(`PropertyNotLoaded: ${here}.${prop}`);
        return this.proxy([...steps, { get: prop }]);
      },
      set: (_t, prop, value) => {
        const path = [...steps, { get: String(prop) }];
        this.queue(this.describe(path), () => this.set(path, value));
        return true;
      },
      apply: (_t, _this, args) => {
        const last = steps[steps.length - 1];
        if (!last || !("get" in last)) throw new Error("call of a call");
        const path: Step[] = [...steps.slice(0, -1), { call: last.get, args }];
        if (!/^(getRange|getRanges|getItem|getItemOrNullObject|getRangeOrNullObject|getActiveWorksheet|getCell|getResizedRange|getIntersection)$/.test(last.get)) {
          this.queue(this.describe(path), () => this.call(path));
        }
        return this.proxy(path);
      },
    });
  }

  /** "workbook.worksheets.add.pageLayout.zoom": the path's member names (what a failure is matched on). */
  private describe(path: Step[]): string {
    return path.map((s) => ("get" in s ? s.get : s.call)).join(".");
  }

  /**
   * Resolves a path to what it designates: a sheet, a range (sheet + areas), a named item or custom
   * property (by key), or a plain path. `missing` is set when an *OrNullObject step found nothing.
   */
  private resolve(path: Step[]): { sheet?: SimSheet; address?: string; rest: string[]; key?: string; missing?: boolean } {
    let sheet: SimSheet | undefined;
    let address: string | undefined;
    let key: string | undefined;
    let missing = false;
    const rest: string[] = [];
    let i = 0;
    if (path[0] && "get" in path[0] && path[0].get === "workbook") i = 1;
    for (; i < path.length; i++) {
      const s = path[i];
      const at = rest.join(".");
      if ("call" in s && at === "worksheets" && (s.call === "add" || s.call === "getItem" || s.call === "getItemOrNullObject")) {
        const found = this.sheets.find((x) => x.name.toLowerCase() === String(s.args[0]).toLowerCase());
        if (!found && s.call === "getItemOrNullObject") missing = true;
        else sheet = this.sheet(String(s.args[0]));
        rest.length = 0;
      } else if ("call" in s && at === "worksheets" && s.call === "getActiveWorksheet") {
        sheet = this.sheet(this.active ?? this.sheets[0].name);
        rest.length = 0;
      } else if ("call" in s && (at === "names" || at === "properties.custom") && (s.call === "getItem" || s.call === "getItemOrNullObject")) {
        key = String(s.args[0]);
        const exists = at === "names" ? [...this.names.keys()].some((n) => n.toUpperCase() === key?.toUpperCase()) : this.customProperties.has(key);
        if (!exists) {
          if (s.call === "getItem") throw new Error(`ItemNotFound: ${key}`);
          missing = true;
        }
        rest.length = 0;
        rest.push(at === "names" ? "name" : "property");
      } else if ("call" in s && rest.join(".") === "name" && (s.call === "getRange" || s.call === "getRangeOrNullObject")) {
        const n = missing ? undefined : [...this.names.entries()].find(([k]) => k.toUpperCase() === key?.toUpperCase())?.[1];
        if (n) {
          sheet = this.sheet(n.sheet);
          address = n.ref.replace(/\$/g, "");
        } else if (s.call === "getRange") throw new Error(`ItemNotFound: ${key}`);
        else missing = true;
        rest.length = 0;
      } else if ("call" in s && sheet && (s.call === "getRange" || s.call === "getRanges") && rest.length === 0 && !address) {
        address = s.args.length ? String(s.args[0]) : "A1:XFD1048576";
      } else if ("call" in s && address && rest.length === 0 && s.call === "getCell") {
        const a = parseArea(address);
        address = area(a.left + Number(s.args[1]), a.top + Number(s.args[0]), a.left + Number(s.args[1]), a.top + Number(s.args[0]));
      } else if ("call" in s && address && rest.length === 0 && s.call === "getResizedRange") {
        const a = parseArea(address);
        address = area(a.left, a.top, Math.max(a.left, a.right + Number(s.args[1])), Math.max(a.top, a.bottom + Number(s.args[0])));
      } else if ("call" in s && address && rest.length === 0 && s.call === "getIntersection") {
        const other = this.resolve((s.args[0] as Record<symbol, Step[]>)[STEPS]);
        const a = parseArea(address);
        const b = parseArea(String(other.address));
        const top = Math.max(a.top, b.top);
        const left = Math.max(a.left, b.left);
        const bottom = Math.min(a.bottom, b.bottom);
        const right = Math.min(a.right, b.right);
        if (other.missing || top > bottom || left > right) throw new Error("ItemNotFound: no intersection");
        address = area(left, top, right, bottom);
      } else rest.push("get" in s ? s.get : s.call);
    }
    return { sheet, address, rest, key, missing };
  }

  /** What load() finds for a path: a range's address, size, values and formulas; a sheet's id and protection; a property's value. */
  private read(steps: Step[], props: string[]): Record<string, unknown> {
    const { sheet, address, rest, key, missing } = this.resolve(steps);
    const where = rest.join(".");
    if (missing) return { isNullObject: true };
    if (where === "property" && key !== undefined) return { isNullObject: false, value: this.customProperties.get(key) };
    if (sheet && !address && where === "protection") return { isNullObject: false, protected: !!sheet.protection };
    if (sheet && !address && (where === "" || where === "worksheet")) return { isNullObject: false, id: sheet.name, name: sheet.name, position: this.sheets.indexOf(sheet) };
    if (sheet && address && where === "worksheet") return { isNullObject: false, id: sheet.name, name: sheet.name };
    if (sheet && address && where === "") {
      const a = parseArea(address.replace(/\$/g, ""));
      if ((a.bottom - a.top + 1) * (a.right - a.left + 1) > 100_000 && props.some((p) => p === "values" || p === "formulas")) throw new Error(`simulation: loading the cells of ${address}`);
      const grid = (f: (c: SimCell | undefined) => unknown) =>
        Array.from({ length: a.bottom - a.top + 1 }, (_, i) => Array.from({ length: a.right - a.left + 1 }, (_, j) => f(sheet.cells.get(key2(a.top + i, a.left + j)))));
      const out: Record<string, unknown> = {
        isNullObject: false,
        address: `'${sheet.name.replace(/'/g, "''")}'!${area(a.left, a.top, a.right, a.bottom)}`,
        rowIndex: a.top - 1,
        columnIndex: a.left - 1,
        rowCount: a.bottom - a.top + 1,
        columnCount: a.right - a.left + 1,
      };
      if (props.includes("values")) out.values = grid((c) => (typeof c?.formula === "string" && c.formula.startsWith("=") && !c.text ? "" : (c?.formula ?? "")));
      if (props.includes("formulas")) out.formulas = grid((c) => c?.formula ?? "");
      return out;
    }
    throw new Error(`simulation: unsupported load of ${where || "(range)"}`);
  }

  private cellsOf(sheet: SimSheet, address: string, each: (r: number, c: number) => void): void {
    for (const a of areasOf(address)) {
      if (a.bottom - a.top > 5000 || a.right - a.left > 5000) throw new Error(`simulation: too large to format cell by cell: ${address}`);
      for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) each(r, c);
    }
  }

  private guardCells(sheet: SimSheet, address: string): void {
    if (!sheet.protection) return;
    this.cellsOf(sheet, address, (r, c) => {
      if (sheet.cells.get(key(r, c))?.locked !== false) throw new Error(`AccessDenied: ${sheet.name}!${address} is on a protected sheet`);
    });
  }

  private set(path: Step[], value: unknown): void {
    const { sheet, address, rest } = this.resolve(path);
    const prop = rest.join(".");
    if (!sheet) throw new Error(`simulation: unsupported write ${prop}`);
    if (!address) {
      if (prop === "tabColor") sheet.tabColor = String(value);
      else if (prop === "position") {
        this.sheets.splice(this.sheets.indexOf(sheet), 1);
        this.sheets.splice(Math.max(0, Math.min(Number(value), this.sheets.length)), 0, sheet);
      }
      else if (prop === "visibility") sheet.visibility = String(value);
      else if (prop.startsWith("pageLayout.")) {
        if (sheet.protection && this.pageLayoutBlockedByProtection) throw new Error(`AccessDenied: page layout of protected sheet ${sheet.name}`);
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
      this.guardCells(sheet, address);
      const a = parseArea(address.replace(/\$/g, ""));
      const grid = value as unknown[][];
      if (!Array.isArray(grid) || grid.length !== a.bottom - a.top + 1 || grid.some((row) => !Array.isArray(row) || row.length !== a.right - a.left + 1))
        throw new Error(`InvalidArgument: ${prop} of ${address} needs a ${a.bottom - a.top + 1}×${a.right - a.left + 1} array`);
      for (let r = a.top; r <= a.bottom; r++)
        for (let c = a.left; c <= a.right; c++) {
          const v = grid[r - a.top][c - a.left];
          const cell = this.cell(sheet, r, c);
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
      this.guardCells(sheet, address);
      for (const a of areasOf(address)) this.border(sheet, a, edge, border[1] as "style" | "color", String(value));
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
      const step = path.find((s, i) => "call" in s && s.call === "add" && i > 0 && "get" in path[i - 1] && (path[i - 1] as { get: string }).get === "conditionalFormats") as Step;
      const entry = this.cfByStep.get(step);
      if (!entry) throw new Error("simulation: conditional format written before it was added");
      if (cf[1] === "rule.formula") entry.formula = String(value);
      else if (cf[1] === "format.fill.color") entry.fill = String(value);
      else entry.fontColor = String(value);
      return;
    }
    this.guardCells(sheet, address);
    const apply = (f: (cell: SimCell) => void) => this.cellsOf(sheet, address, (r, c) => f(this.cell(sheet, r, c)));
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

  private border(sheet: SimSheet, a: ReturnType<typeof parseArea>, edge: string, what: "style" | "color", value: string): void {
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
        else if (!/^(Edge(Top|Bottom|Left|Right)|Inside(Vertical|Horizontal))$/.test(edge)) throw new Error(`simulation: border ${edge}`);
      }
  }

  private call(path: Step[]): void {
    const last = path[path.length - 1] as { call: string; args: unknown[] };
    const { sheet, address, rest } = this.resolve(path.slice(0, -1));
    const where = [...rest, last.call].join(".");
    // workbook-level calls
    if (!sheet) {
      if (where === "worksheets.add") {
        const name = String(last.args[0]);
        if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw new Error(`ItemAlreadyExists: ${name}`);
        this.sheets.push(SimWorkbook.newSheet(name));
        return;
      }
      if (where === "names.add") {
        const name = String(last.args[0]);
        if (this.names.has(name)) throw new Error(`ItemAlreadyExists: ${name}`);
        const target = this.resolve((last.args[1] as Record<symbol, Step[]>)[STEPS]);
        if (!target.sheet || !target.address) throw new Error(`simulation: names.add target`);
        this.names.set(name, { sheet: target.sheet.name, ref: target.address });
        return;
      }
      if (where === "properties.custom.add") {
        // "Creates a new or sets an existing custom property" (CustomPropertyCollection.add, ExcelApi 1.7)
        this.customProperties.set(String(last.args[0]), String(last.args[1]));
        return;
      }
      if (where === "name.delete") {
        const { key: k } = this.resolve(path.slice(0, -1));
        const found = [...this.names.keys()].find((n) => n.toUpperCase() === String(k).toUpperCase());
        if (!found) throw new Error(`ItemNotFound: ${k}`);
        this.names.delete(found);
        return;
      }
      if (where === "names.getItem.delete") {
        const step = path[path.length - 2] as { call: string; args: unknown[] };
        const name = String(step.args[0]);
        if (!this.names.delete(name)) throw new Error(`ItemNotFound: ${name}`);
        return;
      }
      throw new Error(`simulation: unsupported call ${where}`);
    }
    if (address) {
      if (where === "merge") {
        this.guardCells(sheet, address);
        // merge(true): each row of the range becomes its own merged region (ExcelApi 1.2)
        const across = last.args[0] === true;
        const a = parseArea(address);
        if (across && a.bottom > a.top) for (let r = a.top; r <= a.bottom; r++) sheet.merges.push(area(a.left, r, a.right, r));
        else sheet.merges.push(address);
        return;
      }
      if (where === "select") {
        this.selection = { sheet: sheet.name, address };
        return;
      }
      if (where === "clear") {
        this.guardCells(sheet, address);
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
        this.guardCells(sheet, address);
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
        this.cfByStep.set(last, entry); // what add() returned is written through this step
        return;
      }
      throw new Error(`simulation: unsupported range call ${where}`);
    }
    switch (where) {
      case "delete":
        this.sheets.splice(this.sheets.indexOf(sheet), 1);
        return;
      case "activate":
        this.active = sheet.name;
        return;
      case "protection.protect":
        if (sheet.protection) throw new Error(`InvalidOperation: ${sheet.name} is already protected`);
        sheet.protection = { options: last.args[0], password: last.args[1] as string | undefined };
        return;
      case "protection.unprotect":
        if (!sheet.protection) throw new Error(`InvalidOperation: ${sheet.name} is not protected (the simulation is strict here: Excel's behaviour is not documented)`);
        if (sheet.protection.password && sheet.protection.password !== last.args[0]) throw new Error(`InvalidArgument: wrong password for ${sheet.name}`);
        sheet.protection = undefined;
        return;
      case "freezePanes.freezeRows":
      case "freezePanes.freezeColumns":
      case "freezePanes.freezeAt": {
        if (sheet.protection && this.pageLayoutBlockedByProtection) throw new Error(`AccessDenied: freeze panes of protected sheet ${sheet.name}`);
        if (where === "freezePanes.freezeRows") sheet.freeze = { rows: Number(last.args[0]), columns: 0 };
        else if (where === "freezePanes.freezeColumns") sheet.freeze = { rows: 0, columns: Number(last.args[0]) };
        else {
          const arg = typeof last.args[0] === "string" ? last.args[0] : this.resolve((last.args[0] as Record<symbol, Step[]>)[STEPS]).address;
          const a = parseArea(String(arg).replace(/\$/g, ""));
          sheet.freeze = { rows: a.bottom, columns: a.right };
        }
        return;
      }
      case "pageLayout.setPrintArea":
      case "pageLayout.setPrintTitleRows":
        if (sheet.protection && this.pageLayoutBlockedByProtection) throw new Error(`AccessDenied: page layout of protected sheet ${sheet.name}`);
        sheet.page[last.call] = last.args[0];
        return;
    }
    throw new Error(`simulation: unsupported sheet call ${where}`);
  }
}
