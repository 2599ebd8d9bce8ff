/**
 * A zip reader for untrusted files, on Uint8Array (no Node APIs: it runs in the browser too).
 *
 * - The central directory is parsed with every offset and count checked against the file itself;
 *   multi-disk archives, encrypted entries, compression other than stored/deflate, duplicate names
 *   (case-insensitive, as OOXML part names are) and overlapping entries are refused. Zip64 records
 *   are understood (their values are still bounded by the file's own length).
 * - An entry is inflated in small input steps with fflate's streaming Inflate while the bytes it
 *   PRODUCES are counted: past LIMITS.partBytes for the entry, LIMITS.totalInflatedBytes for the
 *   whole file, or the entry's declared size, reading stops with a fault. A declared size is only
 *   used after it was checked against the bounds (as the output buffer, which the data may not
 *   overrun); a size or CRC-32 that disagrees with the data is a "damaged" fault.
 * - An OLE compound file (D0 CF 11 E0 A1 B1 1A E1) is a password-encrypted Office file (or an old
 *   binary .xls): a clear fault, not "is this a zip file?".
 */
import { Inflate } from "fflate";
import { LIMITS, type Limits } from "../limits";
import { fault, limitFault, num, OoxmlError } from "./fault";

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Inflation steps: each push of compressed input aims at about STEP_OUT bytes of output (the step
 * adapts to the ratio seen so far, between STEP_MIN and STEP_MAX input bytes). Deflate expands at
 * most ~1,032×, so one step never produces more than ~STEP_MAX × 1,032 bytes before the count is
 * checked, and highly compressed input (a bomb) is fed in small steps, which keeps the garbage of
 * each step small (measured: peak RSS of `qcs score` on a 1 GiB bomb 168 MB with fixed 16 KB steps).
 */
const STEP_OUT = 512 * 1024;
const STEP_MIN = 512;
const STEP_MAX = 64 * 1024;

export interface ZipEntry {
  /** the name as stored */
  name: string;
  /** 0 stored, 8 deflate */
  method: number;
  crc: number;
  compressedSize: number;
  /** as declared by the central directory (checked against the data when read, never trusted) */
  declaredSize: number;
  localOffset: number;
  /** where the entry's data starts (after its local header) */
  dataStart: number;
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
/** a little-endian 64-bit count; anything past 2^53 is absurd here and refused by the callers' bounds */
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 0x1_0000_0000;

const damaged = (en: string, zh: string, part?: string) => fault("damaged", { zh: `zip 结构损坏：${zh}`, en: `the zip structure is damaged: ${en}` }, part);

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** Whether the bytes contain `needle` (a plain scan; used once on files of at most a few MB). */
function contains(hay: Uint8Array, needle: number[]): boolean {
  const first = needle[0];
  outer: for (let i = hay.indexOf(first); i >= 0 && i <= hay.length - needle.length; i = hay.indexOf(first, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

const utf16le = (s: string) => [...s].flatMap((ch) => [ch.charCodeAt(0), 0]);

/** An OLE compound file: an encrypted OOXML package (it holds an "EncryptedPackage" stream) or a legacy file. */
function oleFault(bytes: Uint8Array): OoxmlError {
  if (contains(bytes, utf16le("EncryptedPackage")) || contains(bytes, utf16le("EncryptionInfo"))) {
    return fault("encrypted", {
      zh: "此文件设置了打开密码（已加密）。请在 Excel 中取消密码后另存为 .xlsx 再提交（文件 > 信息 > 保护工作簿 > 用密码进行加密，清空密码）",
      en: "this file is password-encrypted; save it without a password (File > Info > Protect Workbook > Encrypt with Password, clear the password) and send the .xlsx again",
    });
  }
  return fault("legacy", {
    zh: "这是旧版 Excel 97–2003（.xls）或其他 OLE 格式文件，不是 .xlsx；请在 Excel 中另存为 .xlsx",
    en: "this is an Excel 97–2003 (.xls) or other OLE compound file, not an .xlsx; save it as .xlsx in Excel",
  });
}

function decodeName(raw: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    // not UTF-8: the legacy code page; part names of OOXML are ASCII, so this only keeps the name printable
    return Array.from(raw, (b) => String.fromCharCode(b)).join("");
  }
}

/** The key under which a part name is looked up: OOXML part names compare case-insensitively. */
export const partKey = (name: string): string => name.replace(/^\/+/, "").toLowerCase();

export class ZipArchive {
  readonly entries: ZipEntry[] = [];
  private readonly byKey = new Map<string, ZipEntry>();
  /** bytes inflated so far from this file (all entries together) */
  inflated = 0;

  private constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: Limits
  ) {}

  /** Parses the central directory; throws OoxmlError with a clear fault. */
  static open(bytes: Uint8Array, limits: Limits = LIMITS): ZipArchive {
    if (bytes.length > limits.fileBytes) {
      throw limitFault("fileBytes", limits.fileBytes, { zh: "文件字节数", en: "bytes in the file" });
    }
    if (bytes.length >= 8 && OLE_MAGIC.every((b, i) => bytes[i] === b)) throw oleFault(bytes);
    const z = new ZipArchive(bytes, limits);
    z.parse();
    return z;
  }

  private notZip(): OoxmlError {
    const b = this.bytes;
    if (b.length >= 4 && u32(b, 0) === SIG_LOCAL) {
      return damaged("no end-of-central-directory record (the file is truncated or not a complete zip)", "找不到中央目录结尾记录（文件被截断或不是完整的 zip）");
    }
    return fault("not-zip", {
      zh: "这不是 .xlsx 文件（不是 zip 压缩包）；请提交用 Excel 保存的 .xlsx 评分表",
      en: "this is not an .xlsx file (not a zip package); send the scoring template as an .xlsx saved by Excel",
    });
  }

  private parse(): void {
    const b = this.bytes;
    const len = b.length;
    if (len < 22) throw this.notZip();
    // the end-of-central-directory record: the last signature whose comment fits inside the file
    let eocd = -1;
    for (let p = len - 22; p >= Math.max(0, len - 22 - 0xffff); p--) {
      if (b[p] === 0x50 && u32(b, p) === SIG_EOCD && p + 22 + u16(b, p + 20) <= len) {
        eocd = p;
        break;
      }
    }
    if (eocd < 0) throw this.notZip();
    let disk = u16(b, eocd + 4);
    let cdDisk = u16(b, eocd + 6);
    let onDisk = u16(b, eocd + 8);
    let total = u16(b, eocd + 10);
    let cdSize = u32(b, eocd + 12);
    let cdOffset = u32(b, eocd + 16);
    const zip64 = total === 0xffff || onDisk === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff || disk === 0xffff || cdDisk === 0xffff;
    let cdLimit = eocd;
    if (zip64) {
      const loc = eocd - 20;
      if (loc < 0 || u32(b, loc) !== SIG_ZIP64_LOCATOR) throw damaged("zip64 values without a zip64 locator", "有 zip64 标记但没有 zip64 定位记录");
      if (u32(b, loc + 4) !== 0 || u32(b, loc + 16) > 1) throw this.multiDisk();
      const rec = u64(b, loc + 8);
      if (rec + 56 > loc || u32(b, rec) !== SIG_ZIP64_EOCD) throw damaged("the zip64 end record is missing or out of place", "zip64 结尾记录缺失或位置错误");
      disk = u32(b, rec + 16);
      cdDisk = u32(b, rec + 20);
      onDisk = u64(b, rec + 24);
      total = u64(b, rec + 32);
      cdSize = u64(b, rec + 40);
      cdOffset = u64(b, rec + 48);
      cdLimit = rec;
    }
    if (disk !== 0 || cdDisk !== 0 || onDisk !== total) throw this.multiDisk();
    if (total > this.limits.zipEntries) throw limitFault("zipEntries", this.limits.zipEntries, { zh: "zip 条目数", en: "entries in the zip" });
    if (cdOffset + cdSize > cdLimit || total * 46 > cdSize) {
      throw damaged(`the central directory (${num(total)} entries, ${num(cdSize)} bytes at ${num(cdOffset)}) does not fit in the file`, "中央目录的位置或大小与文件不符");
    }
    let p = cdOffset;
    const end = cdOffset + cdSize;
    for (let i = 0; i < total; i++) {
      if (p + 46 > end || u32(b, p) !== SIG_CENTRAL) throw damaged(`central directory entry ${i + 1} is malformed`, `中央目录第 ${i + 1} 项格式错误`);
      const flags = u16(b, p + 8);
      const method = u16(b, p + 10);
      const crc = u32(b, p + 16);
      let compressedSize = u32(b, p + 20);
      let declaredSize = u32(b, p + 24);
      const nameLen = u16(b, p + 28);
      const extraLen = u16(b, p + 30);
      const commentLen = u16(b, p + 32);
      let startDisk = u16(b, p + 34);
      let localOffset = u32(b, p + 42);
      const next = p + 46 + nameLen + extraLen + commentLen;
      if (next > end) throw damaged(`central directory entry ${i + 1} runs past the directory`, `中央目录第 ${i + 1} 项超出目录范围`);
      const rawName = b.subarray(p + 46, p + 46 + nameLen);
      const name = decodeName(rawName);
      // zip64 extended information: only the saturated fields are present, in this order
      for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen; ) {
        const id = u16(b, e);
        const size = u16(b, e + 2);
        if (e + 4 + size > p + 46 + nameLen + extraLen) break;
        if (id === 0x0001) {
          let q = e + 4;
          const take = () => {
            if (q + 8 > e + 4 + size) throw damaged(`the zip64 field of ${name} is too short`, `${name} 的 zip64 字段过短`, name);
            const v = u64(b, q);
            q += 8;
            return v;
          };
          if (declaredSize === 0xffffffff) declaredSize = take();
          if (compressedSize === 0xffffffff) compressedSize = take();
          if (localOffset === 0xffffffff) localOffset = take();
          if (startDisk === 0xffff && q + 4 <= e + 4 + size) startDisk = u32(b, q);
        }
        e += 4 + size;
      }
      p = next;
      if (startDisk !== 0) throw this.multiDisk();
      if (flags & 0x41) {
        throw fault(
          "unsupported",
          { zh: `zip 条目 ${name} 已加密；请提交未加密的 .xlsx`, en: `the zip entry ${name} is encrypted; send an unencrypted .xlsx` },
          name
        );
      }
      if (name.endsWith("/")) continue; // a folder entry: holds no part
      if (method !== 0 && method !== 8) {
        throw fault(
          "unsupported",
          { zh: `zip 条目 ${name} 使用了不支持的压缩方式 ${method}（只支持存储和 deflate）`, en: `the zip entry ${name} uses compression method ${method}; only stored and deflate are supported` },
          name
        );
      }
      const key = partKey(name);
      if (this.byKey.has(key)) {
        throw damaged(`the name ${name} appears twice (a reader could pick either copy)`, `条目名 ${name} 出现了两次（不同程序可能读取不同的副本）`, name);
      }
      // the local header: where the data starts, and the same name as the central directory says
      if (localOffset + 30 > cdOffset || u32(b, localOffset) !== SIG_LOCAL) throw damaged(`the local header of ${name} is missing`, `${name} 的本地文件头缺失`, name);
      const lName = u16(b, localOffset + 26);
      const lExtra = u16(b, localOffset + 28);
      const dataStart = localOffset + 30 + lName + lExtra;
      if (lName !== nameLen || !rawName.every((c, k) => b[localOffset + 30 + k] === c)) {
        throw damaged(`the local header of ${name} names another file`, `${name} 的本地文件头记录的是另一个文件名`, name);
      }
      if (dataStart + compressedSize > cdOffset) throw damaged(`the data of ${name} runs past the end of the entries`, `${name} 的数据超出了条目区域`, name);
      if (method === 0 && compressedSize !== declaredSize) throw damaged(`the stored entry ${name} declares two different sizes`, `存储条目 ${name} 的两个大小不一致`, name);
      const entry: ZipEntry = { name, method, crc, compressedSize, declaredSize, localOffset, dataStart };
      this.entries.push(entry);
      this.byKey.set(key, entry);
    }
    // entries may not overlap (overlapping entries are a known zip-bomb construction)
    const sorted = [...this.entries].sort((x, y) => x.localOffset - y.localOffset);
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1];
      if (prev.dataStart + prev.compressedSize > sorted[i].localOffset) {
        throw damaged(`the entries ${prev.name} and ${sorted[i].name} overlap`, `条目 ${prev.name} 与 ${sorted[i].name} 的数据重叠`, sorted[i].name);
      }
    }
  }

  private multiDisk(): OoxmlError {
    return fault("unsupported", { zh: "这是分卷（多磁盘）zip 压缩包，不支持", en: "this is a multi-part (spanned) zip archive, which is not supported" });
  }

  has(name: string): boolean {
    return this.byKey.has(partKey(name));
  }

  entry(name: string): ZipEntry | undefined {
    return this.byKey.get(partKey(name));
  }

  /**
   * The bytes of one entry, inflated with the bounds applied as the bytes are produced. Throws
   * OoxmlError (limit or damaged); undefined when there is no such entry.
   */
  read(name: string): Uint8Array | undefined {
    const e = this.entry(name);
    if (!e) return undefined;
    const { partBytes, totalInflatedBytes } = this.limits;
    const tooBig = () => limitFault("partBytes", partBytes, { zh: `部件 ${e.name} 解压后的字节数`, en: `bytes in the part ${e.name} once inflated` }, e.name);
    const tooMuch = () => limitFault("totalInflatedBytes", totalInflatedBytes, { zh: "整个文件解压后的字节数", en: "bytes inflated from the whole file" }, e.name);
    // a declared size over a bound is refused at once (it is either true, or a lie that the check below would refuse)
    if (e.declaredSize > partBytes) throw tooBig();
    if (this.inflated + e.declaredSize > totalInflatedBytes) throw tooMuch();
    const src = this.bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
    let out: Uint8Array;
    if (e.method === 0) {
      out = src;
      this.inflated += out.length;
    } else {
      // the output buffer has the declared size (already checked against the bounds); inflation stops
      // as soon as the data produces more than declared, or more than a bound
      const buf = new Uint8Array(e.declaredSize);
      let produced = 0;
      const inflater = new Inflate((chunk) => {
        const next = produced + chunk.length;
        if (next > partBytes) throw tooBig();
        if (this.inflated + next > totalInflatedBytes) throw tooMuch();
        if (next > e.declaredSize) {
          throw damaged(`${e.name} declares ${num(e.declaredSize)} bytes but holds more`, `${e.name} 声明 ${num(e.declaredSize)} 字节，实际更多`, e.name);
        }
        buf.set(chunk, produced);
        produced = next;
      });
      try {
        if (src.length === 0) inflater.push(src, true);
        let step = 2048;
        for (let i = 0; i < src.length; ) {
          const before = produced;
          const end = Math.min(src.length, i + step);
          inflater.push(src.subarray(i, end), end >= src.length);
          const ratio = Math.max(1, (produced - before) / (end - i));
          step = Math.max(STEP_MIN, Math.min(STEP_MAX, Math.floor(STEP_OUT / ratio)));
          i = end;
        }
      } catch (err) {
        // the work done counts towards the file's bound even when the entry is refused
        this.inflated += produced;
        if (err instanceof OoxmlError) throw err;
        const msg = err instanceof Error ? err.message : String(err);
        throw damaged(`the compressed data of ${e.name} is invalid (${msg})`, `${e.name} 的压缩数据无效（${msg}）`, e.name);
      }
      this.inflated += produced;
      out = produced === buf.length ? buf : buf.subarray(0, produced);
    }
    if (out.length !== e.declaredSize) {
      throw damaged(`${e.name} declares ${num(e.declaredSize)} bytes but holds ${num(out.length)}`, `${e.name} 声明 ${num(e.declaredSize)} 字节，实际为 ${num(out.length)} 字节`, e.name);
    }
    if (crc32(out) !== e.crc) throw damaged(`the checksum (CRC-32) of ${e.name} does not match its data`, `${e.name} 的校验和（CRC-32）与数据不符`, e.name);
    return out;
  }
}

/** Text of an XML part: UTF-8 (with or without BOM) or UTF-16 with a BOM; invalid bytes are a fault. */
export function decodeXmlBytes(bytes: Uint8Array, part: string): string {
  try {
    if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le", { fatal: true }).decode(bytes.subarray(2));
    if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
      const swapped = new Uint8Array(bytes.length - 2);
      for (let i = 2; i + 1 < bytes.length; i += 2) {
        swapped[i - 2] = bytes[i + 1];
        swapped[i - 1] = bytes[i];
      }
      return new TextDecoder("utf-16le", { fatal: true }).decode(swapped);
    }
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw fault("xml", { zh: `部件 ${part} 的文字编码无效（不是 UTF-8/UTF-16）`, en: `the part ${part} is not valid UTF-8/UTF-16 text` }, part);
  }
}
