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
 * Split by meaning: this file is the batch machinery (proxies, queueing, failures, reads);
 * excel-sim-state.ts holds the state's types, excel-sim-effects.ts what each write and call does.
 *
 * Test helper only; a stand-in, not Excel: conclusions about Excel itself come from the typings, the
 * docs and office.js's own runtime (office-request.ts).
 */
import { area, parseArea } from "../../src/workbook/a1";
import { applyCall, applySet } from "./excel-sim-effects";
import {
  key as cellKey,
  newSheet,
  STEPS,
  type SimCell,
  type SimFailure,
  type SimSheet,
  type Step,
} from "./excel-sim-state";

export type { SimCell, SimFailure, SimSheet } from "./excel-sim-state";

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
  /** what conditionalFormats.add() returned, by its step (excel-sim-effects.ts writes through it) */
  readonly cfByStep = new Map<Step, SimSheet["conditionalFormats"][number]>();
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
    return newSheet(name);
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
    let cell = sheet.cells.get(cellKey(r, c));
    if (!cell) sheet.cells.set(cellKey(r, c), (cell = { font: {} }));
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
        if (path.endsWith(f.op) && ++f.seen === (f.nth ?? 1))
          throw new Error(f.message ?? `simulated failure: ${path}`);
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
            const props = (Array.isArray(what) ? what : String(what ?? "").split(","))
              .map((x) => x.trim())
              .filter(Boolean);
            const asked = this.asked.get(steps) ?? new Set<string>();
            for (const x of props) asked.add(x.split("/")[0]);
            this.asked.set(steps, asked);
            this.pending.push(() => {
              if (here === "workbook.worksheets")
                this.loaded.set(
                  here,
                  this.sheets.map((s, i) => ({
                    name: s.name,
                    position: i,
                    visibility: s.visibility ?? "Visible",
                    id: s.name,
                    protection: { protected: !!s.protection },
                  }))
                );
              else if (here === "workbook.names")
                this.loaded.set(
                  here,
                  [...this.names.keys()].map((name) => ({ name }))
                );
              else this.loads.set(steps, { ...(this.loads.get(steps) ?? {}), ...this.read(steps, props) });
            });
          };
        }
        const got = this.loads.get(steps);
        if (got && prop in got) return got[prop];
        if (this.asked.get(steps)?.has(prop) || prop === "isNullObject")
          throw new Error(`PropertyNotLoaded: ${here}.${prop}`);
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
        if (
          !/^(getRange|getRanges|getItem|getItemOrNullObject|getRangeOrNullObject|getActiveWorksheet|getCell|getResizedRange|getIntersection)$/.test(
            last.get
          )
        ) {
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
  resolve(path: Step[]): { sheet?: SimSheet; address?: string; rest: string[]; key?: string; missing?: boolean } {
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
      if (
        "call" in s &&
        at === "worksheets" &&
        (s.call === "add" || s.call === "getItem" || s.call === "getItemOrNullObject")
      ) {
        const found = this.sheets.find((x) => x.name.toLowerCase() === String(s.args[0]).toLowerCase());
        if (!found && s.call === "getItemOrNullObject") missing = true;
        else sheet = this.sheet(String(s.args[0]));
        rest.length = 0;
      } else if ("call" in s && at === "worksheets" && s.call === "getActiveWorksheet") {
        sheet = this.sheet(this.active ?? this.sheets[0].name);
        rest.length = 0;
      } else if (
        "call" in s &&
        (at === "names" || at === "properties.custom") &&
        (s.call === "getItem" || s.call === "getItemOrNullObject")
      ) {
        key = String(s.args[0]);
        const exists =
          at === "names"
            ? [...this.names.keys()].some((n) => n.toUpperCase() === key?.toUpperCase())
            : this.customProperties.has(key);
        if (!exists) {
          if (s.call === "getItem") throw new Error(`ItemNotFound: ${key}`);
          missing = true;
        }
        rest.length = 0;
        rest.push(at === "names" ? "name" : "property");
      } else if (
        "call" in s &&
        rest.join(".") === "name" &&
        (s.call === "getRange" || s.call === "getRangeOrNullObject")
      ) {
        const n = missing
          ? undefined
          : [...this.names.entries()].find(([k]) => k.toUpperCase() === key?.toUpperCase())?.[1];
        if (n) {
          sheet = this.sheet(n.sheet);
          address = n.ref.replace(/\$/g, "");
        } else if (s.call === "getRange") throw new Error(`ItemNotFound: ${key}`);
        else missing = true;
        rest.length = 0;
      } else if (
        "call" in s &&
        sheet &&
        (s.call === "getRange" || s.call === "getRanges") &&
        rest.length === 0 &&
        !address
      ) {
        address = s.args.length ? String(s.args[0]) : "A1:XFD1048576";
      } else if ("call" in s && address && rest.length === 0 && s.call === "getCell") {
        const a = parseArea(address);
        address = area(
          a.left + Number(s.args[1]),
          a.top + Number(s.args[0]),
          a.left + Number(s.args[1]),
          a.top + Number(s.args[0])
        );
      } else if ("call" in s && address && rest.length === 0 && s.call === "getResizedRange") {
        const a = parseArea(address);
        address = area(
          a.left,
          a.top,
          Math.max(a.left, a.right + Number(s.args[1])),
          Math.max(a.top, a.bottom + Number(s.args[0]))
        );
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
    if (where === "property" && key !== undefined)
      return { isNullObject: false, value: this.customProperties.get(key) };
    if (sheet && !address && where === "protection") return { isNullObject: false, protected: !!sheet.protection };
    if (sheet && !address && (where === "" || where === "worksheet"))
      return { isNullObject: false, id: sheet.name, name: sheet.name, position: this.sheets.indexOf(sheet) };
    if (sheet && address && where === "worksheet") return { isNullObject: false, id: sheet.name, name: sheet.name };
    if (sheet && address && where === "") {
      const a = parseArea(address.replace(/\$/g, ""));
      if (
        (a.bottom - a.top + 1) * (a.right - a.left + 1) > 100_000 &&
        props.some((p) => p === "values" || p === "formulas")
      )
        throw new Error(`simulation: loading the cells of ${address}`);
      const grid = (f: (c: SimCell | undefined) => unknown) =>
        Array.from({ length: a.bottom - a.top + 1 }, (_, i) =>
          Array.from({ length: a.right - a.left + 1 }, (_, j) => f(sheet.cells.get(cellKey(a.top + i, a.left + j))))
        );
      const out: Record<string, unknown> = {
        isNullObject: false,
        address: `'${sheet.name.replace(/'/g, "''")}'!${area(a.left, a.top, a.right, a.bottom)}`,
        rowIndex: a.top - 1,
        columnIndex: a.left - 1,
        rowCount: a.bottom - a.top + 1,
        columnCount: a.right - a.left + 1,
      };
      if (props.includes("values"))
        out.values = grid((c) =>
          typeof c?.formula === "string" && c.formula.startsWith("=") && !c.text ? "" : (c?.formula ?? "")
        );
      if (props.includes("formulas")) out.formulas = grid((c) => c?.formula ?? "");
      return out;
    }
    throw new Error(`simulation: unsupported load of ${where || "(range)"}`);
  }

  private set(path: Step[], value: unknown): void {
    applySet(this, path, value);
  }

  private call(path: Step[]): void {
    applyCall(this, path);
  }
}
