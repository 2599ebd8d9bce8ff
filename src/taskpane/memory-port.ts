/**
 * The preview workbook: the same template model the Office and ExcelJS writers render
 * (src/workbook/model.ts), held in memory, so the pane runs in a plain browser. Input cells are
 * editable through `write`; formula cells keep their formula text (nothing here evaluates Excel
 * formulas: the pane's figures come from the engine, as in Excel).
 */
import { NAMES, type WorkbookSnapshot } from "../workbook/contract";
import { buildTemplate } from "../workbook/model";
import type { AssessmentInput } from "../engine";
import type { Lang, Scheme } from "../scheme/types";
import { a1, quoteSheet } from "../workbook/a1";
import { cellIn, locate, sheetOf, splitAddress, type ImportOutcome, type ImportRequest, type InsertedSheet, type OpenWorkbook, type WorkbookPort } from "./port";

interface ModelCell {
  ref: string;
  value?: unknown;
  formula?: string;
}
interface ModelSheet {
  key?: string;
  name: string;
  cells: ModelCell[];
}
interface ModelName {
  name: string;
  sheet: string;
  ref: string;
}

export interface MemoryPortOptions {
  scheme: Scheme;
  lang: Lang;
  raters: number;
  /** an assessment to fill in; none for blank templates */
  sample?: AssessmentInput | null;
  /** with no templates at all (as a new workbook) */
  empty?: boolean;
}

export class MemoryPort implements WorkbookPort {
  readonly kind = "preview" as const;
  private readonly scheme: Scheme;
  private lang: Lang;
  private sheets: ModelSheet[] = [];
  private names: ModelName[] = [];
  /** sheet name → cell ref → value or formula text */
  private cells = new Map<string, Map<string, { value: unknown; formula?: string }>>();
  private listeners = new Set<() => void>();
  /** the preview editor registers here to receive "select this cell" */
  focusCell: ((address: string) => void) | undefined;
  /** a cell to focus once the editor is there */
  pendingFocus: string | undefined;
  activeSheet = "";

  constructor(opts: MemoryPortOptions) {
    this.scheme = opts.scheme;
    this.lang = opts.lang;
    if (!opts.empty) {
      this.build(opts.raters);
      if (opts.sample) this.fill(opts.sample, false);
    }
  }

  setLang(lang: Lang): void {
    this.lang = lang;
  }

  private build(raters: number): InsertedSheet[] {
    const model: { sheets: ModelSheet[]; names: ModelName[] } = buildTemplate(this.scheme, { raters, lang: this.lang });
    this.load(model);
    this.activeSheet = model.sheets[0]?.name ?? "";
    return model.sheets.map((s) => ({ key: s.key ?? s.name, name: s.name, renamed: false }));
  }

  /** Replaces the whole workbook by a (filled) model: its sheets, names and the input cells' values. */
  load(model: { sheets: ModelSheet[]; names: ModelName[] }): void {
    this.sheets = model.sheets;
    this.names = model.names;
    this.cells.clear();
    for (const sh of model.sheets) {
      const m = new Map<string, { value: unknown; formula?: string }>();
      for (const c of sh.cells) m.set(c.ref.replace(/\$/g, ""), { value: c.formula ? null : (c.value ?? null), formula: c.formula });
      this.cells.set(sh.name, m);
    }
    if (!model.sheets.some((sh) => sh.name === this.activeSheet)) this.activeSheet = model.sheets[0]?.name ?? "";
  }

  /** The sheets, in order, with their model keys. */
  sheetList(): { key?: string; name: string }[] {
    return this.sheets.map((s) => ({ key: s.key, name: s.name }));
  }

  /** A sheet's values from A1, `rows` × `cols` (blank as null): for a sheet without workbook names. */
  valuesOf(sheet: string, rows: number, cols: number): unknown[][] {
    const m = this.cells.get(sheet);
    return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => m?.get(a1(j + 1, i + 1))?.value ?? null));
  }

  /** the sheet a model name points into (the model may name it by key or by name) */
  private sheetOf(n: ModelName): ModelSheet | undefined {
    return this.sheets.find((s) => s.key === n.sheet) ?? this.sheets.find((s) => s.name === n.sheet);
  }

  /** "'Sheet'!C5:E23" of a contract name, or undefined */
  addressOf(name: string): string | undefined {
    const n = this.names.find((x) => x.name === name);
    const sh = n && this.sheetOf(n);
    return n && sh ? `${quoteSheet(sh.name)}!${n.ref.replace(/\$/g, "")}` : undefined;
  }

  /** size of QCS_ALPHA: items × raters */
  raterCount(): number {
    const a = this.addressOf(NAMES.alpha);
    return a ? (locate({ address: a, values: [] })?.cols ?? 0) : 0;
  }

  async insertTemplates(raters: number): Promise<InsertedSheet[]> {
    const out = this.build(raters);
    this.notify();
    return out;
  }

  /** writes an assessment's α and levels into the input cells */
  fill(input: AssessmentInput, notify = true): void {
    const alpha = this.addressOf(NAMES.alpha);
    const levels = this.addressOf(NAMES.levels);
    if (alpha) {
      const cols = this.raterCount();
      for (let j = 0; j < cols; j++) {
        for (let i = 0; i < this.scheme.items.length; i++) {
          this.set(cellIn(alpha, i, j), input.raters[j]?.alphas[i] ?? null);
        }
      }
    }
    if (levels) input.levels.forEach((v, i) => this.set(cellIn(levels, i, 0), v ?? null));
    if (notify) this.notify();
  }

  private set(address: string, value: unknown): void {
    const { sheet, ref } = splitAddress(address);
    const m = this.cells.get(sheet ?? "");
    if (!m) throw new Error(`no sheet ${sheet}`);
    m.set(ref, { value });
  }

  /** the value of one cell ("" when blank) */
  get(address: string): unknown {
    const { sheet, ref } = splitAddress(address);
    return this.cells.get(sheet ?? "")?.get(ref)?.value ?? "";
  }

  /** sets one input cell, as typing into it would */
  write(address: string, value: unknown): void {
    this.set(address, value);
    this.notify();
  }

  async read(): Promise<WorkbookSnapshot> {
    return this.readNow();
  }

  /** the snapshot, synchronously (the preview can render its first summary without waiting) */
  readNow(): WorkbookSnapshot {
    const snap: WorkbookSnapshot = { ranges: {} };
    for (const name of Object.values(NAMES)) {
      const address = this.addressOf(name);
      if (!address) continue;
      const r = locate({ address, values: [] });
      if (!r) continue;
      const m = this.cells.get(r.sheet);
      const values: unknown[][] = [];
      for (let i = 0; i < r.rows; i++) {
        const vr: unknown[] = [];
        for (let j = 0; j < r.cols; j++) vr.push(m?.get(a1(r.left + j, r.top + i))?.value ?? "");
        values.push(vr);
      }
      // No formulas: the preview's formula cells come from the model and cannot be edited, so the
      // reader's "formula altered" check has nothing to find here (it would rebuild the model twice
      // per refresh). Formula cells read as blank: nothing here evaluates Excel formulas.
      snap.ranges[name] = { address, values };
    }
    return snap;
  }

  onChanged(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => {
      this.listeners.delete(cb);
    };
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  async select(address: string): Promise<void> {
    this.activeSheet = sheetOf(address) || this.activeSheet;
    if (this.focusCell) this.focusCell(address);
    else this.pendingFocus = address;
  }

  async activate(sheet: string): Promise<void> {
    this.activeSheet = sheet;
  }

  /** The import's code is loaded on first use (./memory-import.ts): the preview starts without it. */
  async readForImport(): Promise<OpenWorkbook> {
    const { openWorkbookOf } = await import(/* webpackChunkName: "import-preview" */ "./memory-import");
    return openWorkbookOf(this, this.scheme);
  }

  /** The same plan the Office port carries out, applied to the in-memory workbook (all at once). */
  async importForms(req: ImportRequest, _seen: OpenWorkbook): Promise<ImportOutcome> {
    const { importInto } = await import(/* webpackChunkName: "import-preview" */ "./memory-import");
    const out = importInto(this, req, this.scheme);
    if (out.written) this.notify();
    return out;
  }
}
