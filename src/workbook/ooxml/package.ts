/**
 * The OPC layer: parts of the zip as XML, relationships, part names resolved against their source.
 */
import type { Limits } from "../limits";
import { fault, limitFault, OoxmlError } from "./fault";
import { decodeXmlBytes, ZipArchive } from "./zip";
import { CLOSE, EOF, OPEN, XmlPull } from "./xml";

export const REL_NS = ["http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships"] as const;

export interface Relationship {
  id: string;
  /** the relationship type URI */
  type: string;
  /** the target part name, resolved (no leading "/"), or the raw target when external */
  target: string;
  external: boolean;
}

/** "xl/worksheets/sheet1.xml" + "../media/a.png" → "xl/media/a.png"; "/xl/x.xml" → "xl/x.xml" */
export function resolvePart(source: string, target: string): string {
  const base = target.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const seg of target.replace(/\\/g, "/").split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") base.pop();
    else base.push(seg);
  }
  return base.join("/");
}

/** "xl/workbook.xml" → "xl/_rels/workbook.xml.rels" */
export function relsPathOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** A relationship type names what it is by its last segment ("…/worksheet"), in transitional and strict OOXML. */
export const relKind = (type: string): string => type.slice(type.lastIndexOf("/") + 1);

export class Package {
  constructor(
    readonly zip: ZipArchive,
    readonly limits: Limits
  ) {}

  /** the zip entry name for a part name (percent-encoded names are tried decoded as well) */
  entryName(part: string): string | undefined {
    if (this.zip.has(part)) return part;
    try {
      const decoded = decodeURIComponent(part);
      if (decoded !== part && this.zip.has(decoded)) return decoded;
    } catch {
      /* not percent-encoded */
    }
    return undefined;
  }

  has(part: string): boolean {
    return this.entryName(part) !== undefined;
  }

  /** A part as an XML pull parser positioned before its root, or undefined when the part is absent. */
  xml(part: string): XmlPull | undefined {
    const name = this.entryName(part);
    if (name === undefined) return undefined;
    const bytes = this.zip.read(name) as Uint8Array;
    return new XmlPull(decodeXmlBytes(bytes, name), name, this.limits.depth);
  }

  /** Moves to the root element and checks its local name. */
  root(x: XmlPull, part: string, ...locals: string[]): void {
    for (;;) {
      const ev = x.next();
      if (ev === OPEN) break;
      if (ev === EOF || ev === CLOSE) throw fault("structure", { zh: `部件 ${part} 是空的`, en: `the part ${part} is empty` }, part);
    }
    if (!locals.includes(x.local)) {
      throw fault("structure", { zh: `部件 ${part} 的根元素是 <${x.name}>，应为 <${locals[0]}>`, en: `the part ${part} has the root <${x.name}>, not <${locals[0]}>` }, part);
    }
  }

  /** The relationships of a part (none when it has no .rels part). */
  rels(source: string): Relationship[] {
    const path = relsPathOf(source);
    const x = this.xml(path);
    if (!x) return [];
    this.root(x, path, "Relationships");
    const out: Relationship[] = [];
    const ids = new Set<string>();
    x.children((local) => {
      if (local !== "Relationship") return;
      if (out.length >= this.limits.zipEntries) throw limitFault("zipEntries", this.limits.zipEntries, { zh: "一个部件的关系数", en: "relationships of one part" }, path);
      const id = x.attr("Id");
      const type = x.attr("Type");
      const target = x.attr("Target");
      if (!id || !type || target === undefined) throw fault("structure", { zh: `${path} 中有不完整的关系`, en: `an incomplete relationship in ${path}` }, path);
      if (ids.has(id)) throw fault("structure", { zh: `${path} 中关系 ${id} 出现了两次`, en: `the relationship ${id} appears twice in ${path}` }, path);
      ids.add(id);
      const external = x.attr("TargetMode") === "External";
      out.push({ id, type, target: external ? target : resolvePart(source, target), external });
    });
    return out;
  }

  /** A string attribute or text bounded by LIMITS.cellChars. */
  bounded(s: string, part: string): string {
    if (s.length > this.limits.cellChars) throw this.tooLong(part);
    return s;
  }

  tooLong(part: string): OoxmlError {
    return limitFault("cellChars", this.limits.cellChars, { zh: `部件 ${part} 中一段文字的字符数`, en: `characters in one text of the part ${part}` }, part);
  }
}

/** "1", "true" (and "on" in some writers) are true. */
export const truthy = (v: string | undefined): boolean => v === "1" || v === "true" || v === "on";

/** A non-negative integer attribute (at most 9 digits, spaces around allowed); anything else is undefined. */
export function intAttr(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  let i = 0;
  let end = v.length;
  while (i < end && v.charCodeAt(i) === 32) i++;
  while (end > i && v.charCodeAt(end - 1) === 32) end--;
  if (end === i || end - i > 9) return undefined;
  let n = 0;
  for (let k = i; k < end; k++) {
    const c = v.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return undefined;
    n = n * 10 + c;
  }
  return n;
}
