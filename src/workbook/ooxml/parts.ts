/**
 * Workbook-level parts: shared strings, styles, custom and core document properties.
 */
import { fault, limitFault } from "./fault";
import { BUILTIN_FORMATS } from "./format";
import { intAttr, type Package } from "./package";
import type { CellFormat, PropertyValue, Styles } from "./types";
import type { XmlPull } from "./xml";

/** Excel escapes characters XML cannot hold as _xHHHH_ (and a literal "_x" as _x005F_x). */
export function unescapeXstring(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * The text of a rich-text container (<si> or <is>): its <t>, or the <t> of each run <r> joined.
 * Phonetic runs (<rPh>) are not part of the text.
 */
export function richText(x: XmlPull, pkg: Package, part: string): string {
  const max = pkg.limits.cellChars;
  const tooLong = () => pkg.tooLong(part);
  let out = "";
  x.children((local) => {
    if (local === "t") out += x.readText(max, tooLong);
    else if (local === "r") {
      x.children((l2) => {
        if (l2 === "t") out += x.readText(max, tooLong);
      });
    }
    if (out.length > max) throw tooLong();
  });
  return unescapeXstring(out);
}

export function readSharedStrings(pkg: Package, part: string): string[] {
  const x = pkg.xml(part);
  if (!x) return [];
  pkg.root(x, part, "sst");
  const out: string[] = [];
  const max = pkg.limits.sharedStrings;
  x.children((local) => {
    if (local !== "si") return;
    if (out.length >= max) throw limitFault("sharedStrings", max, { zh: "共享字符串表的条目数", en: "entries in the shared-string table" }, part);
    out.push(richText(x, pkg, part));
  });
  return out;
}

export function readStyles(pkg: Package, part: string | undefined): Styles {
  const numFmts = new Map<number, string>();
  const cellXfs: CellFormat[] = [];
  const dxfs: { numFmt?: string }[] = [];
  const x = part ? pkg.xml(part) : undefined;
  if (!x || !part) return { numFmts, cellXfs, dxfs };
  pkg.root(x, part, "styleSheet");
  const max = pkg.limits.styles;
  const over = (what: { zh: string; en: string }) => limitFault("styles", max, what, part);
  x.children((local) => {
    if (local === "numFmts") {
      x.children((l) => {
        if (l !== "numFmt") return;
        if (numFmts.size >= max) throw over({ zh: "数字格式的个数", en: "number formats" });
        const id = intAttr(x.attr("numFmtId"));
        const code = x.attr("formatCode");
        if (id !== undefined && code !== undefined) numFmts.set(id, pkg.bounded(code, part));
      });
    } else if (local === "cellXfs") {
      x.children((l) => {
        if (l !== "xf") return;
        if (cellXfs.length >= max) throw over({ zh: "单元格格式（cellXfs）的个数", en: "cell formats (cellXfs)" });
        const numFmtId = intAttr(x.attr("numFmtId")) ?? 0;
        const xf: CellFormat = { numFmtId, formatCode: undefined, locked: true, hidden: false };
        x.children((l2) => {
          if (l2 !== "protection") return;
          const locked = x.attr("locked");
          const hidden = x.attr("hidden");
          if (locked !== undefined) xf.locked = locked === "1" || locked === "true";
          if (hidden !== undefined) xf.hidden = hidden === "1" || hidden === "true";
        });
        cellXfs.push(xf);
      });
    } else if (local === "dxfs") {
      x.children((l) => {
        if (l !== "dxf") return;
        if (dxfs.length >= max) throw over({ zh: "条件格式的差异格式（dxfs）的个数", en: "differential formats (dxfs)" });
        const dxf: { numFmt?: string } = {};
        x.children((l2) => {
          if (l2 !== "numFmt") return;
          const id = intAttr(x.attr("numFmtId"));
          dxf.numFmt = pkg.bounded(x.attr("formatCode") ?? (id !== undefined ? (BUILTIN_FORMATS[id] ?? `#${id}`) : ""), part);
        });
        dxfs.push(dxf);
      });
    }
  });
  for (const xf of cellXfs) xf.formatCode = numFmts.get(xf.numFmtId) ?? BUILTIN_FORMATS[xf.numFmtId];
  return { numFmts, cellXfs, dxfs };
}

const NUMBER_VT = new Set(["i1", "i2", "i4", "i8", "int", "ui1", "ui2", "ui4", "ui8", "uint", "r4", "r8", "decimal"]);
const STRING_VT = new Set(["lpwstr", "lpstr", "bstr"]);

export function readCustomProperties(pkg: Package, part: string | undefined): Map<string, PropertyValue> {
  const out = new Map<string, PropertyValue>();
  const x = part ? pkg.xml(part) : undefined;
  if (!x || !part) return out;
  pkg.root(x, part, "Properties");
  const max = pkg.limits.properties;
  x.children((local) => {
    if (local !== "property") return;
    if (out.size >= max) throw limitFault("properties", max, { zh: "自定义文档属性的个数", en: "custom document properties" }, part);
    const name = x.attr("name");
    if (name === undefined) return;
    if (out.has(name)) throw fault("structure", { zh: `自定义文档属性 ${name} 出现了两次`, en: `the custom document property ${name} appears twice` }, part);
    let value: PropertyValue | undefined;
    x.children((vt) => {
      if (value) return;
      const text = pkg.bounded(x.readText(pkg.limits.cellChars, () => pkg.tooLong(part)), part);
      if (STRING_VT.has(vt)) value = { type: "string", value: text };
      else if (NUMBER_VT.has(vt) && text.trim() !== "" && Number.isFinite(Number(text))) value = { type: "number", value: Number(text) };
      else if (vt === "bool") value = { type: "boolean", value: text.trim() === "true" || text.trim() === "1" };
      else if (vt === "filetime" || vt === "date") value = { type: "date", value: text.trim() };
      else value = { type: "other", vt, value: text };
    });
    if (value) out.set(pkg.bounded(name, part), value);
  });
  return out;
}

export function readCoreProperties(pkg: Package, part: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const x = part ? pkg.xml(part) : undefined;
  if (!x || !part) return out;
  pkg.root(x, part, "coreProperties");
  const max = pkg.limits.properties;
  x.children((local) => {
    if (out.size >= max) throw limitFault("properties", max, { zh: "核心文档属性的个数", en: "core document properties" }, part);
    out.set(local, x.readText(pkg.limits.cellChars, () => pkg.tooLong(part)));
  });
  return out;
}
