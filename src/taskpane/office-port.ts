/**
 * The workbook port on Office.js. A refresh reads every contract name with ONE context.sync(): all
 * loads are queued first, then synced once. Change events: one worksheet onChanged handler on the
 * workbook's worksheet collection, filtered to the template sheets (the sheets the names point into,
 * by id, so renaming a sheet changes nothing), debounced.
 */
import { NAMES, type WorkbookSnapshot } from "../workbook/contract";
import { insertTemplates } from "../workbook/excel/insert";
import type { Scheme, Lang } from "../scheme/types";
import { splitAddress, type InsertedSheet, type WorkbookPort } from "./port";

export interface OfficePortOptions {
  scheme: Scheme;
  lang: () => Lang;
  /** debounce for change events, ms */
  debounceMs?: number;
  /** the Excel namespace (injectable for tests) */
  excel?: typeof Excel;
}

const ALL_NAMES: string[] = Object.values(NAMES);

export class OfficePort implements WorkbookPort {
  readonly kind = "office" as const;
  private readonly scheme: Scheme;
  private readonly lang: () => Lang;
  private readonly debounceMs: number;
  private readonly excel: typeof Excel;
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** ids of the sheets the contract names point into (from the last read) */
  private templateSheets = new Set<string>();
  private subscribed = false;

  constructor(opts: OfficePortOptions) {
    this.scheme = opts.scheme;
    this.lang = opts.lang;
    this.debounceMs = opts.debounceMs ?? 300;
    this.excel = opts.excel ?? Excel;
  }

  async insertTemplates(raters: number): Promise<InsertedSheet[]> {
    const out = await this.excel.run(async (context) => {
      const r = await insertTemplates(context, this.scheme, { raters, lang: this.lang() });
      return r.sheets;
    });
    return out;
  }

  async read(): Promise<WorkbookSnapshot> {
    const snap = await this.excel.run(async (context) => {
      const names = context.workbook.names;
      // queue every load first …
      const queued = ALL_NAMES.map((name) => {
        const range = names.getItemOrNullObject(name).getRangeOrNullObject();
        range.load("address,values,formulas");
        range.worksheet.load("id");
        return { name, range };
      });
      // … then one round trip for all of them
      await context.sync();
      const out: WorkbookSnapshot = { ranges: {} };
      const ids = new Set<string>();
      for (const { name, range } of queued) {
        if (range.isNullObject) continue;
        out.ranges[name] = { address: range.address, values: range.values, formulas: range.formulas };
        ids.add(range.worksheet.id);
      }
      this.templateSheets = ids;
      return out;
    });
    return snap;
  }

  /** Registers one workbook-wide worksheet onChanged handler (ExcelApi 1.9), filtered to template sheets. */
  private async subscribe(): Promise<void> {
    if (this.subscribed) return;
    this.subscribed = true;
    try {
      await this.excel.run(async (context) => {
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
    await this.excel.run(async (context) => {
      const ws = sheet ? context.workbook.worksheets.getItem(sheet) : context.workbook.worksheets.getActiveWorksheet();
      ws.activate();
      ws.getRange(ref).select();
      await context.sync();
    });
  }

  async activate(sheet: string): Promise<void> {
    await this.excel.run(async (context) => {
      context.workbook.worksheets.getItem(sheet).activate();
      await context.sync();
    });
  }
}
