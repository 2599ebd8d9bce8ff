/**
 * The workbook port on Office.js. Every batch goes through runExcel (src/workbook/excel/run.ts), so
 * none can be refused because the user is editing a cell.
 *
 * A refresh reads every contract name with ONE context.sync(): all loads are queued first, then synced
 * once. Reads are bounded (src/workbook/limits.ts, LIMITS.nameCells): a workbook name may point
 * anywhere (widened to $A:$XFD it covers 17 billion cells), so a name's own cells are never loaded.
 * What is loaded is its address and size, and the values and formulas of its intersection with a box
 * of READ_ROWS × READ_COLS cells anchored at its top-left cell — all of the name when it fits, never
 * more than the box. A name larger than the box is reported (a shape finding naming its true size)
 * and not read.
 *
 * Why there is a second, careful way to read: the one-sync read calls getCell/getResizedRange on the
 * range of a name that may not exist (a null object), and neither the typings nor the docs say whether
 * Excel lets a batch call methods on a null object; and a box reaching past the sheet's last row or
 * column may be refused. When the one-sync read fails, or the last read found names missing or too
 * large, the careful read loads addresses and sizes first (only *OrNullObject calls) and then reads
 * exactly the boxes that fit: two syncs, one when no template name exists at all. A workbook with
 * complete templates — the steady state — is read with one sync.
 *
 * Change events: one worksheet onChanged handler on the workbook's worksheet collection, filtered to
 * the template sheets (the sheets the names point into, by id, so renaming a sheet changes nothing),
 * debounced.
 */
import { newFormId, today } from "../workbook/form-id";
import { NAMES, type RangeSnapshot, type WorkbookSnapshot } from "../workbook/contract";
import { runExcel, type ExcelRunner } from "../workbook/excel/run";
import { MIN_EXCEL_API, missingForInsert } from "../workbook/excel/requirements";
import { LIMITS } from "../workbook/limits";
import { area, quoteSheet } from "../workbook/a1";
import type { Scheme, Lang } from "../scheme/types";
import { splitAddress, type ImportOutcome, type ImportRequest, type InsertedSheets, type OpenWorkbook, type WorkbookPort } from "./port";

export interface OfficePortOptions {
  scheme: Scheme;
  lang: () => Lang;
  /** debounce for change events, ms */
  debounceMs?: number;
  /** the Excel namespace (injectable for tests) */
  excel?: ExcelRunner;
  /** Office.context.requirements (injectable for tests); worksheet events need ExcelApi 1.9 */
  requirements?: { isSetSupported(name: string, minVersion?: string): boolean };
}

const ALL_NAMES: string[] = Object.values(NAMES);

/** The box read at each name's top-left cell: LIMITS.nameCells cells, taller than wide. */
export const READ_ROWS = 200;
export const READ_COLS = Math.floor(LIMITS.nameCells / READ_ROWS);

const fits = (rows: number, cols: number) => rows >= 1 && cols >= 1 && rows <= READ_ROWS && cols <= READ_COLS;

interface Loaded {
  name: string;
  range: Excel.Range;
}

export class OfficePort implements WorkbookPort {
  readonly kind = "office" as const;
  private readonly scheme: Scheme;
  private readonly lang: () => Lang;
  private readonly debounceMs: number;
  private readonly excel: ExcelRunner;
  private readonly requirements?: OfficePortOptions["requirements"];
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** ids of the sheets the contract names point into (from the last read) */
  private templateSheets = new Set<string>();
  private subscribed = false;
  /** whether the last read found every name present and small enough: the one-sync read is tried */
  private complete = true;

  constructor(opts: OfficePortOptions) {
    this.scheme = opts.scheme;
    this.lang = opts.lang;
    this.debounceMs = opts.debounceMs ?? 300;
    this.excel = opts.excel ?? (Excel as unknown as ExcelRunner);
    this.requirements = opts.requirements ?? (typeof Office !== "undefined" ? Office.context?.requirements : undefined);
  }

  async insertTemplates(raters: number): Promise<InsertedSheets> {
    const missing = missingForInsert(this.requirements);
    if (missing) throw new Error(missing);
    // the writer is loaded on first use: most refreshes never insert (keeps the pane's first load small)
    const { insertTemplates } = await import(/* webpackChunkName: "insert" */ "../workbook/excel/insert");
    // every workbook the add-in writes is stamped (form id, date, fingerprint): very hidden sheet + custom properties
    const stamp = { formId: newFormId(), issued: today() };
    const r = await runExcel(this.excel, (context) => insertTemplates(context, this.scheme, { raters, lang: this.lang(), stamp }));
    return Object.assign(r.sheets, { warnings: r.warnings });
  }

  /**
   * The import's preview read: the pane's own bounded read of the names, then the sheets, the stamp
   * and a sources sheet (../workbook/excel/import.ts readOpen). Nothing is written.
   */
  async readForImport(): Promise<OpenWorkbook> {
    const { readOpen, missingForImport } = await import(/* webpackChunkName: "import" */ "../workbook/excel/import");
    const missing = missingForImport(this.requirements);
    if (missing) throw new Error(missing);
    const snapshot = await this.read();
    return runExcel(this.excel, (context) => readOpen(context, this.scheme, snapshot));
  }

  /** The import itself: one read, one write, all or nothing (../workbook/excel/import.ts importForms). */
  async importForms(req: ImportRequest, seen: OpenWorkbook): Promise<ImportOutcome> {
    const { importForms, missingForImport } = await import(/* webpackChunkName: "import" */ "../workbook/excel/import");
    const missing = missingForImport(this.requirements);
    if (missing) throw new Error(missing);
    return runExcel(this.excel, (context) => importForms(context, this.scheme, req, seen));
  }

  async read(): Promise<WorkbookSnapshot> {
    if (this.complete) {
      try {
        return await runExcel(this.excel, (context) => this.readOnce(context));
      } catch {
        // a missing name or a box past the grid's edge may be refused: read carefully instead
      }
    }
    return runExcel(this.excel, (context) => this.readCarefully(context));
  }

  /** One sync: address, size and the bounded box of every name. */
  private async readOnce(context: Excel.RequestContext): Promise<WorkbookSnapshot> {
    const names = context.workbook.names;
    const queued = ALL_NAMES.map((name) => {
      const range = names.getItemOrNullObject(name).getRangeOrNullObject();
      range.load("address,rowIndex,columnIndex,rowCount,columnCount");
      range.worksheet.load("id");
      const box = range.getCell(0, 0).getResizedRange(READ_ROWS - 1, READ_COLS - 1).getIntersection(range);
      box.load("values,formulas");
      return { name, range, box };
    });
    await context.sync();
    const out: WorkbookSnapshot = { ranges: {} };
    const ids = new Set<string>();
    let complete = true;
    for (const { name, range, box } of queued) {
      if (range.isNullObject) {
        complete = false;
        continue;
      }
      ids.add(range.worksheet.id);
      if (fits(range.rowCount, range.columnCount)) out.ranges[name] = { address: range.address, values: box.values, formulas: box.formulas };
      else {
        complete = false;
        out.ranges[name] = unread(range);
      }
    }
    this.templateSheets = ids;
    this.complete = complete;
    return out;
  }

  /** Addresses and sizes first (only *OrNullObject calls), then exactly the names that fit. */
  private async readCarefully(context: Excel.RequestContext): Promise<WorkbookSnapshot> {
    const names = context.workbook.names;
    const probes: Loaded[] = ALL_NAMES.map((name) => {
      const range = names.getItemOrNullObject(name).getRangeOrNullObject();
      range.load("address,rowIndex,columnIndex,rowCount,columnCount");
      return { name, range };
    });
    await context.sync();
    const out: WorkbookSnapshot = { ranges: {} };
    const present = probes.filter((p) => !p.range.isNullObject);
    this.complete = present.length === probes.length && present.every((p) => fits(p.range.rowCount, p.range.columnCount));
    if (present.length === 0) {
      this.templateSheets = new Set();
      return out;
    }
    const sheets = new Map<string, Excel.Worksheet>();
    const reads: { name: string; address: string; cells: Excel.Range }[] = [];
    for (const { name, range } of present) {
      const { sheet, ref } = splitAddress(range.address);
      if (sheet === null) continue;
      let ws = sheets.get(sheet);
      if (!ws) {
        ws = context.workbook.worksheets.getItem(sheet);
        ws.load("id");
        sheets.set(sheet, ws);
      }
      if (!fits(range.rowCount, range.columnCount)) {
        out.ranges[name] = unread(range);
        continue;
      }
      const cells = ws.getRange(ref); // fits: at most READ_ROWS × READ_COLS cells
      cells.load("values,formulas");
      reads.push({ name, address: range.address, cells });
    }
    await context.sync();
    for (const { name, address, cells } of reads) out.ranges[name] = { address, values: cells.values, formulas: cells.formulas };
    this.templateSheets = new Set([...sheets.values()].map((ws) => ws.id));
    return out;
  }

  /** Registers one workbook-wide worksheet onChanged handler (ExcelApi 1.9), filtered to template sheets. */
  private async subscribe(): Promise<void> {
    if (this.subscribed) return;
    // without ExcelApi 1.9 there are no worksheet collection events: the pane refreshes on demand only
    if (this.requirements && !this.requirements.isSetSupported("ExcelApi", MIN_EXCEL_API)) return;
    this.subscribed = true;
    try {
      await runExcel(this.excel, async (context) => {
        context.workbook.worksheets.onChanged.add(async (e: Excel.WorksheetChangedEventArgs) => {
          if (this.templateSheets.size === 0 || this.templateSheets.has(e.worksheetId)) this.changed();
        });
        await context.sync();
      });
    } catch (err) {
      this.subscribed = false;
      throw err;
    }
  }

  /** A change event: tell the listeners once things are quiet for `debounceMs`. */
  changed(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      for (const l of [...this.listeners]) l();
    }, this.debounceMs);
  }

  onChanged(cb: () => void): () => void {
    this.listeners.add(cb);
    void this.subscribe().catch(() => undefined);
    return () => {
      this.listeners.delete(cb);
    };
  }

  async select(address: string): Promise<void> {
    const { sheet, ref } = splitAddress(address);
    await runExcel(this.excel, async (context) => {
      const ws = sheet ? context.workbook.worksheets.getItem(sheet) : context.workbook.worksheets.getActiveWorksheet();
      ws.activate();
      ws.getRange(ref).select();
      await context.sync();
    });
  }

  async activate(sheet: string): Promise<void> {
    await runExcel(this.excel, async (context) => {
      context.workbook.worksheets.getItem(sheet).activate();
      await context.sync();
    });
  }
}

/**
 * A name too large to read: its true size, no cells, and its address written out in full
 * ("'S'!A1:XFD1048576" rather than Excel's "'S'!1:1048576" or "'S'!A:A") so every reader can locate it.
 */
function unread(range: Excel.Range): RangeSnapshot {
  const { sheet } = splitAddress(range.address);
  const top = range.rowIndex + 1;
  const left = range.columnIndex + 1;
  const ref = area(left, top, left + range.columnCount - 1, top + range.rowCount - 1);
  return { address: sheet === null ? ref : `${quoteSheet(sheet)}!${ref}`, values: [], unread: { rows: range.rowCount, cols: range.columnCount } };
}
