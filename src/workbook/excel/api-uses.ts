/**
 * Every Office.js member the add-in uses, with its requirement set as the typings state it
 * (@types/office-js/index.d.ts; checked by test/workbook/requirements.test.ts). Not imported by the
 * pane (it would only add weight to the bundle): the decision it supports is in requirements.ts.
 */

export interface ApiUse {
  /** the class (or interface) in the Excel namespace of the typings */
  type: string;
  member: string;
  /** "ExcelApi 1.9"; null: no requirement set in the typings */
  set: string | null;
  /** where the add-in uses it */
  where: string;
}

const I = "insert.ts";
const P = "plan.ts / insert.ts";
const R = "office-port.ts";
const M = "import.ts";
const W = "import-write.ts";

export const API_USES: ApiUse[] = [
  { type: "RunOptions", member: "delayForCellEdit", set: null, where: "run.ts" },
  { type: "Workbook", member: "worksheets", set: "ExcelApi 1.1", where: `${I}, ${R}` },
  { type: "Workbook", member: "names", set: "ExcelApi 1.1", where: `${I}, ${R}` },
  { type: "WorksheetCollection", member: "add", set: "ExcelApi 1.1", where: I },
  { type: "WorksheetCollection", member: "getItem", set: "ExcelApi 1.1", where: `${I}, ${R}` },
  { type: "WorksheetCollection", member: "getActiveWorksheet", set: "ExcelApi 1.1", where: R },
  { type: "WorksheetCollection", member: "onChanged", set: "ExcelApi 1.9", where: R },
  { type: "Worksheet", member: "activate", set: "ExcelApi 1.1", where: `${I}, ${R}` },
  { type: "Worksheet", member: "delete", set: "ExcelApi 1.1", where: I },
  { type: "Worksheet", member: "getRange", set: "ExcelApi 1.1", where: `${I}, ${R}` },
  { type: "Worksheet", member: "getRanges", set: "ExcelApi 1.9", where: P },
  { type: "Worksheet", member: "id", set: "ExcelApi 1.1", where: R },
  { type: "Worksheet", member: "name", set: "ExcelApi 1.1", where: I },
  { type: "NamedItem", member: "name", set: "ExcelApi 1.1", where: I },
  { type: "Worksheet", member: "tabColor", set: "ExcelApi 1.7", where: I },
  { type: "Worksheet", member: "visibility", set: "ExcelApi 1.1 for reading visibility; 1.2 for setting it.", where: I },
  { type: "Workbook", member: "properties", set: "ExcelApi 1.7", where: I },
  { type: "DocumentProperties", member: "custom", set: "ExcelApi 1.7", where: I },
  { type: "CustomPropertyCollection", member: "add", set: "ExcelApi 1.7", where: I },
  { type: "Worksheet", member: "freezePanes", set: "ExcelApi 1.7", where: I },
  { type: "Worksheet", member: "pageLayout", set: "ExcelApi 1.9", where: I },
  { type: "Worksheet", member: "protection", set: "ExcelApi 1.2", where: I },
  { type: "WorksheetFreezePanes", member: "freezeAt", set: "ExcelApi 1.7", where: I },
  { type: "WorksheetFreezePanes", member: "freezeRows", set: "ExcelApi 1.7", where: I },
  { type: "WorksheetProtection", member: "protect", set: "ExcelApi 1.2 for options; 1.7 for password", where: I },
  { type: "WorksheetProtectionOptions", member: "selectionMode", set: "ExcelApi 1.7", where: I },
  { type: "PageLayout", member: "paperSize", set: "ExcelApi 1.9", where: I },
  { type: "PageLayout", member: "orientation", set: "ExcelApi 1.9", where: I },
  { type: "PageLayout", member: "zoom", set: "ExcelApi 1.9", where: I },
  { type: "PageLayout", member: "centerHorizontally", set: "ExcelApi 1.9", where: I },
  { type: "PageLayout", member: "setPrintArea", set: "ExcelApi 1.9", where: I },
  { type: "PageLayout", member: "setPrintTitleRows", set: "ExcelApi 1.9", where: I },
  { type: "PageLayout", member: "headersFooters", set: "ExcelApi 1.9", where: I },
  { type: "HeaderFooterGroup", member: "defaultForAllPages", set: "ExcelApi 1.9", where: I },
  { type: "HeaderFooter", member: "leftFooter", set: "ExcelApi 1.9", where: I },
  { type: "HeaderFooter", member: "rightFooter", set: "ExcelApi 1.9", where: I },
  { type: "Range", member: "numberFormat", set: "ExcelApi 1.1", where: I },
  { type: "Range", member: "formulas", set: "ExcelApi 1.1", where: `${I}, ${R}` },
  { type: "Range", member: "values", set: "ExcelApi 1.1", where: R },
  { type: "Range", member: "format", set: "ExcelApi 1.1", where: P },
  { type: "Range", member: "columnHidden", set: "ExcelApi 1.2", where: I },
  { type: "Range", member: "rowHidden", set: "ExcelApi 1.2", where: I },
  { type: "Range", member: "merge", set: "ExcelApi 1.2", where: I },
  { type: "Range", member: "select", set: "ExcelApi 1.1", where: `${I}, ${R}` },
  { type: "Range", member: "dataValidation", set: "ExcelApi 1.8", where: I },
  { type: "Range", member: "conditionalFormats", set: "ExcelApi 1.6", where: I },
  { type: "Range", member: "address", set: "ExcelApi 1.1", where: R },
  { type: "Range", member: "rowIndex", set: "ExcelApi 1.1", where: R },
  { type: "Range", member: "columnIndex", set: "ExcelApi 1.1", where: R },
  { type: "Range", member: "rowCount", set: "ExcelApi 1.1", where: R },
  { type: "Range", member: "columnCount", set: "ExcelApi 1.1", where: R },
  { type: "Range", member: "worksheet", set: "ExcelApi 1.1", where: R },
  { type: "Range", member: "getCell", set: "ExcelApi 1.1", where: R },
  { type: "Range", member: "getResizedRange", set: "ExcelApi 1.2", where: R },
  { type: "Range", member: "getIntersection", set: "ExcelApi 1.1", where: R },
  { type: "RangeAreas", member: "format", set: "ExcelApi 1.9", where: P },
  { type: "RangeAreas", member: "dataValidation", set: "ExcelApi 1.9", where: P },
  { type: "RangeAreas", member: "conditionalFormats", set: "ExcelApi 1.9", where: P },
  { type: "RangeFormat", member: "columnWidth", set: "ExcelApi 1.2", where: P },
  { type: "RangeFormat", member: "rowHeight", set: "ExcelApi 1.2", where: P },
  { type: "RangeFormat", member: "font", set: "ExcelApi 1.1", where: P },
  { type: "RangeFormat", member: "fill", set: "ExcelApi 1.1", where: P },
  { type: "RangeFormat", member: "borders", set: "ExcelApi 1.1", where: P },
  { type: "RangeFormat", member: "wrapText", set: "ExcelApi 1.1", where: P },
  { type: "RangeFormat", member: "horizontalAlignment", set: "ExcelApi 1.1", where: P },
  { type: "RangeFormat", member: "verticalAlignment", set: "ExcelApi 1.1", where: P },
  { type: "RangeFormat", member: "protection", set: "ExcelApi 1.2", where: P },
  { type: "FormatProtection", member: "locked", set: "ExcelApi 1.2", where: P },
  { type: "RangeFont", member: "name", set: "ExcelApi 1.1", where: P },
  { type: "RangeFont", member: "size", set: "ExcelApi 1.1", where: P },
  { type: "RangeFont", member: "bold", set: "ExcelApi 1.1", where: P },
  { type: "RangeFont", member: "italic", set: "ExcelApi 1.1", where: P },
  { type: "RangeFont", member: "color", set: "ExcelApi 1.1", where: P },
  { type: "RangeFill", member: "color", set: "ExcelApi 1.1", where: P },
  { type: "RangeBorderCollection", member: "getItem", set: "ExcelApi 1.1", where: P },
  { type: "RangeBorder", member: "style", set: "ExcelApi 1.1", where: P },
  { type: "RangeBorder", member: "color", set: "ExcelApi 1.1", where: P },
  { type: "DataValidation", member: "rule", set: "ExcelApi 1.8", where: I },
  { type: "DataValidation", member: "prompt", set: "ExcelApi 1.8", where: I },
  { type: "DataValidation", member: "errorAlert", set: "ExcelApi 1.8", where: I },
  { type: "DataValidation", member: "ignoreBlanks", set: "ExcelApi 1.8", where: I },
  { type: "ConditionalFormatCollection", member: "add", set: "ExcelApi 1.6", where: I },
  { type: "ConditionalFormat", member: "custom", set: "ExcelApi 1.6", where: I },
  { type: "CustomConditionalFormat", member: "rule", set: "ExcelApi 1.6", where: I },
  { type: "CustomConditionalFormat", member: "format", set: "ExcelApi 1.6", where: I },
  { type: "ConditionalRangeFormat", member: "fill", set: "ExcelApi 1.6", where: I },
  { type: "ConditionalRangeFormat", member: "font", set: "ExcelApi 1.6", where: I },
  { type: "ConditionalFormatRule", member: "formula", set: "ExcelApi 1.6", where: I },
  { type: "NamedItemCollection", member: "add", set: "ExcelApi 1.4", where: I },
  { type: "NamedItemCollection", member: "getItem", set: "ExcelApi 1.1", where: I },
  { type: "NamedItemCollection", member: "getItemOrNullObject", set: "ExcelApi 1.4", where: R },
  { type: "NamedItem", member: "delete", set: "ExcelApi 1.4", where: I },
  { type: "NamedItem", member: "getRangeOrNullObject", set: "ExcelApi 1.4", where: R },
  // the pane's import of returned forms (import.ts reads, import-write.ts writes)
  { type: "Worksheet", member: "position", set: "ExcelApi 1.1", where: `${M}, ${W}` },
  { type: "WorksheetProtection", member: "protected", set: "ExcelApi 1.2", where: `${I}, ${M}` },
  { type: "WorksheetProtection", member: "unprotect", set: "ExcelApi 1.7 for password", where: `${I}, ${W}` },
  // OfficeExtension (no requirement set): releasing write-only ranges from Excel.run's tracking
  { type: "ClientRequestContext", member: "trackedObjects", set: null, where: `${I}, ${W}` },
  { type: "TrackedObjects", member: "remove", set: null, where: `${I}, ${W}` },
  { type: "CustomPropertyCollection", member: "getItemOrNullObject", set: "ExcelApi 1.7", where: M },
  { type: "CustomProperty", member: "value", set: "ExcelApi 1.7", where: M },
  { type: "NamedItem", member: "getRange", set: "ExcelApi 1.1", where: M },
  { type: "Range", member: "unmerge", set: "ExcelApi 1.2", where: W },
  { type: "Range", member: "clear", set: "ExcelApi 1.1", where: W },
  { type: "DataValidation", member: "clear", set: "ExcelApi 1.8", where: W },
  { type: "ConditionalFormatCollection", member: "clearAll", set: "ExcelApi 1.6", where: W },
  { type: "RangeFormat", member: "autofitColumns", set: "ExcelApi 1.2", where: W },
  { type: "RangeFormat", member: "autofitRows", set: "ExcelApi 1.2", where: W },
  // not called by the add-in: office.js itself splits a large 2-D write into row blocks with these
  { type: "Range", member: "getRow", set: "ExcelApi 1.1", where: "office.js (large writes)" },
  { type: "Range", member: "getBoundingRect", set: "ExcelApi 1.1", where: "office.js (large writes)" },
];
