/**
 * Test kit: a zip writer that can lie (sizes, CRCs, names, flags) and minimal hand-written .xlsx
 * packages, so hostile inputs are generated in the tests (nothing large is committed).
 */
import * as zlib from "zlib";
import { crc32 } from "../../src/workbook/ooxml/zip";
import { OoxmlError, type OoxmlFault } from "../../src/workbook/ooxml/fault";

export interface KitEntry {
  name: string;
  data: Uint8Array | string;
  /** 0 stored, 8 deflate (default) */
  method?: number;
  /** already-compressed bytes (with method 8): written as is */
  raw?: Uint8Array;
  /** lies */
  declaredSize?: number;
  crc?: number;
  flags?: number;
  localName?: string;
}

/** Node's native CRC-32 when it has one (20.15+), else the reader's. */
const fastCrc = (b: Uint8Array, crc: number): number => ((zlib as unknown as { crc32?: (d: Uint8Array, v: number) => number }).crc32 ?? crc32)(b, crc);

const enc = (s: string | Uint8Array) => (typeof s === "string" ? new TextEncoder().encode(s) : s);

function u16(n: number) {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}
function u32(n: number) {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

export interface ZipOptions {
  /** write zip64 end records (and 0xFFFF/0xFFFFFFFF in the classic record) */
  zip64?: boolean;
  /** patch the classic end record: disk numbers etc. */
  diskNumber?: number;
  /** trailing comment */
  comment?: string;
}

/** A zip file of the entries (deflated with zlib unless stored or raw). */
export function makeZip(entries: KitEntry[], opts: ZipOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = enc(e.data);
    const method = e.method ?? 8;
    const comp = e.raw ?? (method === 8 ? zlib.deflateRawSync(data) : Buffer.from(data));
    const crc = e.crc ?? crc32(data);
    const size = e.declaredSize ?? data.length;
    const name = Buffer.from(e.name, "utf8");
    const lname = Buffer.from(e.localName ?? e.name, "utf8");
    const flags = (e.flags ?? 0) | 0x800;
    const local = Buffer.concat([u32(0x04034b50), u16(20), u16(flags), u16(method), u16(0), u16(0), u32(crc), u32(comp.length), u32(size), u16(lname.length), u16(0), lname, comp]);
    const central = Buffer.concat([
      u32(0x02014b50),
      u16(20),
      u16(20),
      u16(flags),
      u16(method),
      u16(0),
      u16(0),
      u32(crc),
      u32(comp.length),
      u32(size),
      u16(name.length),
      u16(0),
      u16(0),
      u16(0),
      u16(0),
      u32(0),
      u32(offset),
      name,
    ]);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const cd = Buffer.concat(centrals);
  const comment = Buffer.from(opts.comment ?? "", "utf8");
  if (opts.zip64) {
    const z64 = Buffer.alloc(56);
    z64.writeUInt32LE(0x06064b50, 0);
    z64.writeBigUInt64LE(44n, 4);
    z64.writeUInt16LE(45, 12);
    z64.writeUInt16LE(45, 14);
    z64.writeUInt32LE(0, 16);
    z64.writeUInt32LE(0, 20);
    z64.writeBigUInt64LE(BigInt(entries.length), 24);
    z64.writeBigUInt64LE(BigInt(entries.length), 32);
    z64.writeBigUInt64LE(BigInt(cd.length), 40);
    z64.writeBigUInt64LE(BigInt(offset), 48);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(0x07064b50, 0);
    loc.writeUInt32LE(0, 4);
    loc.writeBigUInt64LE(BigInt(offset + cd.length), 8);
    loc.writeUInt32LE(1, 16);
    const eocd = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(0xffff), u16(0xffff), u32(0xffffffff), u32(0xffffffff), u16(comment.length), comment]);
    return Buffer.concat([...locals, cd, z64, loc, eocd]);
  }
  const disk = opts.diskNumber ?? 0;
  const eocd = Buffer.concat([u32(0x06054b50), u16(disk), u16(disk), u16(entries.length), u16(entries.length), u32(cd.length), u32(offset), u16(comment.length), comment]);
  return Buffer.concat([...locals, cd, eocd]);
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export interface KitSheet {
  name: string;
  /** the worksheet XML (full part), or the inside of <sheetData> when `data` is used */
  xml?: string;
  data?: string;
  state?: string;
  /** extra worksheet children after sheetData */
  after?: string;
}

/** The worksheet part around a <sheetData> body. */
export const worksheet = (data: string, after = "", before = "") =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}">${before}<sheetData>${data}</sheetData>${after}</worksheet>`;

export interface KitBook {
  sheets: KitSheet[];
  names?: string;
  sharedStrings?: string[] | string;
  styles?: string;
  custom?: string;
  core?: string;
  workbookExtra?: string;
}

/** The parts of a minimal .xlsx (as name → text). */
export function xlsxParts(book: KitBook): Record<string, string> {
  const parts: Record<string, string> = {};
  const ct = [
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`,
    `<Default Extension="xml" ContentType="application/xml"/>`,
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`,
  ];
  const rootRels = [`<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>`];
  const wbRels: string[] = [];
  const sheetsXml: string[] = [];
  book.sheets.forEach((s, i) => {
    const n = i + 1;
    parts[`xl/worksheets/sheet${n}.xml`] = s.xml ?? worksheet(s.data ?? "", s.after ?? "");
    ct.push(`<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`);
    wbRels.push(`<Relationship Id="rIdS${n}" Type="${REL}/worksheet" Target="worksheets/sheet${n}.xml"/>`);
    sheetsXml.push(`<sheet name="${s.name}" sheetId="${n}"${s.state ? ` state="${s.state}"` : ""} r:id="rIdS${n}"/>`);
  });
  if (book.sharedStrings !== undefined) {
    parts["xl/sharedStrings.xml"] =
      typeof book.sharedStrings === "string"
        ? book.sharedStrings
        : `<sst xmlns="${MAIN}" count="${book.sharedStrings.length}">${book.sharedStrings.map((t) => `<si><t xml:space="preserve">${t}</t></si>`).join("")}</sst>`;
    wbRels.push(`<Relationship Id="rIdSST" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  }
  if (book.styles !== undefined) {
    parts["xl/styles.xml"] = book.styles;
    wbRels.push(`<Relationship Id="rIdST" Type="${REL}/styles" Target="styles.xml"/>`);
  }
  if (book.custom !== undefined) {
    parts["docProps/custom.xml"] = book.custom;
    rootRels.push(`<Relationship Id="rId3" Type="${REL}/custom-properties" Target="docProps/custom.xml"/>`);
  }
  if (book.core !== undefined) {
    parts["docProps/core.xml"] = book.core;
    rootRels.push(`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>`);
  }
  parts["[Content_Types].xml"] = `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${ct.join("")}</Types>`;
  parts["_rels/.rels"] = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rootRels.join("")}</Relationships>`;
  parts["xl/_rels/workbook.xml.rels"] = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${wbRels.join("")}</Relationships>`;
  parts["xl/workbook.xml"] =
    `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheetsXml.join("")}</sheets>` +
    (book.names ? `<definedNames>${book.names}</definedNames>` : "") +
    (book.workbookExtra ?? "") +
    `</workbook>`;
  return parts;
}

/** A minimal .xlsx as bytes; `override` replaces or adds raw entries. */
export function makeXlsx(book: KitBook, override: KitEntry[] = []): Buffer {
  const parts = xlsxParts(book);
  const names = new Set(override.map((e) => e.name));
  const entries: KitEntry[] = Object.entries(parts)
    .filter(([n]) => !names.has(n))
    .map(([name, data]) => ({ name, data }));
  return makeZip([...entries, ...override]);
}

/** The end of a raw deflate stream: an empty final stored block. */
const FINAL_BLOCK = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);

/**
 * Raw deflate of pieces compressed one by one (each ends with a sync flush, so they concatenate into
 * one valid stream) without ever holding the whole text; with the CRC-32 and size of the whole.
 */
export function deflatePieces(pieces: Iterable<string | Buffer>): { raw: Buffer; crc: number; size: number } {
  const out: Buffer[] = [];
  let crc = 0;
  let size = 0;
  for (const p of pieces) {
    const b = typeof p === "string" ? Buffer.from(p, "utf8") : p;
    crc = fastCrc(b, crc);
    size += b.length;
    out.push(zlib.deflateRawSync(b, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH }));
  }
  out.push(FINAL_BLOCK);
  return { raw: Buffer.concat(out), crc, size };
}

/** `total` zeros (a multiple of 1 MiB), deflated without holding them: ~1 KB per MiB. */
export function deflatedZeros(mib: number): { raw: Buffer; crc: number; size: number } {
  const block = Buffer.alloc(1 << 20);
  const one = zlib.deflateRawSync(block, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = fastCrc(block, crc);
  return { raw: Buffer.concat([...new Array(mib).fill(one), FINAL_BLOCK]), crc, size: mib << 20 };
}

/** A cell ref: (1, 1) → "A1" */
export function ref(col: number, row: number): string {
  let s = "";
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return `${s}${row}`;
}

/** The fault a call throws (fails the test when it does not throw an OoxmlError). */
export function faultOf(f: () => unknown): OoxmlFault {
  try {
    f();
  } catch (e) {
    if (e instanceof OoxmlError) return e.fault;
    throw e;
  }
  throw new Error("expected a fault");
}
