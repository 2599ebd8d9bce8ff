/**
 * `readXlsx(bytes)`: a bounded .xlsx reader for untrusted files, pure TypeScript on Uint8Array (Node
 * and the browser; fflate for inflation). It reads the workbook part, its names, shared strings,
 * styles and document properties at once, and each worksheet only when asked for (reading one sheet
 * never reads another). Every count is bounded by src/workbook/limits.ts: a bound that is hit is a
 * fault naming the bound and its value, never an out-of-memory; a damaged, encrypted or non-zip
 * file is a clear fault too. Nothing here throws to the caller.
 */
import { LIMITS, type Limits } from "../limits";
import { fault, guard, isFault, limitFault, type OoxmlFault } from "./fault";
import { displayText, type Display } from "./format";
import { intAttr, Package, REL_NS, relKind, truthy } from "./package";
import { readCoreProperties, readCustomProperties, readSharedStrings, readStyles } from "./parts";
import { readSheet, type SheetContext } from "./sheet";
import type { Cell, DefinedName, PropertyValue, SheetData, SheetInfo, SheetKind, SheetState, Styles, WorkbookProtection, XlsxDoc } from "./types";
import { ZipArchive } from "./zip";

export * from "./types";
export { isFault, type OoxmlFault } from "./fault";
export { displayText, BUILTIN_FORMATS, type Display } from "./format";

const SHEET_KINDS: Record<string, SheetKind> = { worksheet: "worksheet", chartsheet: "chartsheet", dialogsheet: "dialogsheet", macrosheet: "macrosheet", xlMacrosheet: "macrosheet" };
const STATES = new Set<string>(["visible", "hidden", "veryHidden"]);

class Doc implements XlsxDoc {
  readonly kind = "xlsx" as const;
  sheets: SheetInfo[] = [];
  names: DefinedName[] = [];
  sharedStrings: string[] = [];
  styles: Styles = { numFmts: new Map(), cellXfs: [], dxfs: [] };
  customProperties = new Map<string, PropertyValue>();
  coreProperties = new Map<string, string>();
  date1904 = false;
  calc: { fullCalcOnLoad: boolean; calcMode?: string } = { fullCalcOnLoad: false };
  workbookProtection: WorkbookProtection | null = null;
  private readonly read = new Map<number, SheetData | OoxmlFault>();
  private readonly ctx: SheetContext;

  constructor(private readonly pkg: Package) {
    this.ctx = { pkg, sharedStrings: this.sharedStrings, cellsRead: { n: 0 } };
  }

  get inflatedBytes(): number {
    return this.pkg.zip.inflated;
  }

  load(): this {
    const pkg = this.pkg;
    const rootRels = pkg.rels("");
    const office = rootRels.find((r) => !r.external && relKind(r.type) === "officeDocument");
    const wbPart = office?.target ?? (pkg.has("xl/workbook.xml") ? "xl/workbook.xml" : undefined);
    if (!wbPart || !pkg.has(wbPart)) {
      throw fault("structure", {
        zh: "这不是 Excel 工作簿：压缩包中没有工作簿部件（xl/workbook.xml）",
        en: "this is not an Excel workbook: the package has no workbook part (xl/workbook.xml)",
      });
    }
    const rels = pkg.rels(wbPart);
    const relById = new Map(rels.map((r) => [r.id, r]));
    this.readWorkbookPart(wbPart, relById);
    const internal = (kind: string) => rels.find((r) => !r.external && relKind(r.type) === kind)?.target;
    const sst = internal("sharedStrings");
    if (sst) for (const str of readSharedStrings(pkg, sst)) this.sharedStrings.push(str);
    this.styles = readStyles(pkg, internal("styles"));
    const rootKind = (kind: string) => rootRels.find((r) => !r.external && relKind(r.type) === kind)?.target;
    this.customProperties = readCustomProperties(pkg, rootKind("custom-properties"));
    this.coreProperties = readCoreProperties(pkg, rootKind("core-properties"));
    return this;
  }

  private readWorkbookPart(part: string, relById: Map<string, { type: string; target: string; external: boolean }>): void {
    const pkg = this.pkg;
    const limits = pkg.limits;
    const x = pkg.xml(part);
    if (!x) throw fault("structure", { zh: `工作簿部件 ${part} 不存在`, en: `the workbook part ${part} is missing` }, part);
    pkg.root(x, part, "workbook");
    const names = new Set<string>();
    x.children((local) => {
      if (local === "sheets") {
        x.children((l) => {
          if (l !== "sheet") return;
          if (this.sheets.length >= limits.sheets) throw limitFault("sheets", limits.sheets, { zh: "工作表的个数", en: "sheets" }, part);
          const name = pkg.bounded(x.attr("name") ?? "", part);
          const state = x.attr("state") ?? "visible";
          if (!STATES.has(state)) throw fault("structure", { zh: `工作表 ${name} 的状态 ${state} 未知`, en: `the sheet ${name} has the unknown state ${state}` }, part);
          const key = name.toLowerCase();
          if (!name || names.has(key)) throw fault("structure", { zh: `工作表名称 ${JSON.stringify(name)} 为空或重复`, en: `the sheet name ${JSON.stringify(name)} is empty or appears twice` }, part);
          names.add(key);
          const rid = x.attrNS(REL_NS, "id");
          const rel = rid !== undefined ? relById.get(rid) : undefined;
          const kind = rel && !rel.external ? (SHEET_KINDS[relKind(rel.type)] ?? "unknown") : "unknown";
          this.sheets.push({
            index: this.sheets.length,
            name,
            sheetId: intAttr(x.attr("sheetId")) ?? 0,
            state: state as SheetState,
            kind,
            path: rel && !rel.external ? rel.target : null,
          });
        });
      } else if (local === "definedNames") {
        x.children((l) => {
          if (l !== "definedName") return;
          if (this.names.length >= limits.definedNames) throw limitFault("definedNames", limits.definedNames, { zh: "工作簿名称的个数", en: "defined names" }, part);
          const name = pkg.bounded(x.attr("name") ?? "", part);
          const local = intAttr(x.attr("localSheetId"));
          const hidden = truthy(x.attr("hidden"));
          const formula = x.readText(limits.cellChars, () => pkg.tooLong(part));
          this.names.push({ name, ...(local !== undefined ? { localSheetId: local } : {}), hidden, formula });
        });
      } else if (local === "calcPr") {
        const mode = x.attr("calcMode");
        this.calc = { fullCalcOnLoad: truthy(x.attr("fullCalcOnLoad")), ...(mode !== undefined ? { calcMode: mode } : {}) };
      } else if (local === "workbookPr") {
        this.date1904 = truthy(x.attr("date1904"));
      } else if (local === "workbookProtection") {
        const attributes = new Map<string, string>();
        for (let k = 0; k < x.attrCount; k++) attributes.set(x.attrName(k), pkg.bounded(x.attrValue(k), part));
        this.workbookProtection = { lockStructure: truthy(attributes.get("lockStructure")), lockWindows: truthy(attributes.get("lockWindows")), attributes };
      }
    });
  }

  sheet(which: number | string): SheetData | OoxmlFault | undefined {
    const info = typeof which === "number" ? this.sheets[which] : this.sheets.find((s) => s.name.toLowerCase() === which.toLowerCase());
    if (!info) return undefined;
    const done = this.read.get(info.index);
    if (done) return done;
    const r = guard(() => {
      if (!info.path) {
        throw fault("structure", { zh: `工作表 ${info.name} 没有对应的部件`, en: `the sheet ${info.name} has no part` });
      }
      return readSheet(this.ctx, info, info.path);
    }, info.path ?? undefined);
    this.read.set(info.index, r);
    return r;
  }

  formatCode(style: number): string | undefined {
    if (style === 0 && this.styles.cellXfs.length === 0) return "General";
    return this.styles.cellXfs[style]?.formatCode;
  }

  display(cell: Cell): Display {
    const code = this.formatCode(cell.s);
    if (code === undefined) {
      const xf = this.styles.cellXfs[cell.s];
      return xf
        ? { known: false, reason: { zh: `内置数字格式 ${xf.numFmtId} 的显示取决于查看者的区域设置`, en: `the builtin number format ${xf.numFmtId} depends on the viewer's locale` } }
        : { known: false, reason: { zh: `样式 ${cell.s} 不存在`, en: `the style ${cell.s} does not exist` } };
    }
    if (cell.t === "d" && cell.value !== null) return { known: false, reason: { zh: "日期值（t=d）", en: "a date value (t=d)" } };
    return displayText(cell.isError ? { error: String(cell.value) } : cell.value, code);
  }
}

/**
 * Reads an .xlsx held in memory. Returns the document (sheets read on demand) or a fault: never
 * throws, never inflates, keeps or parses more than `limits` allow.
 */
export function readXlsx(bytes: Uint8Array, limits: Limits = LIMITS): XlsxDoc | OoxmlFault {
  return guard(() => new Doc(new Package(ZipArchive.open(bytes, limits), limits)).load());
}

export { isFault as isOoxmlFault };
