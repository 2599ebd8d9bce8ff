/**
 * `qcs score FILE.xlsx`: a filled template read from disk with the bounded reader (read-doc.ts over
 * ../ooxml). The file is read with a bounded read (never more than LIMITS.fileBytes + 1 bytes, even
 * if it grows after the size check).
 */
import * as fs from "fs";
import type { Scheme } from "../../scheme/types";
import { finding } from "../../engine";
import { LIMITS, type Limits } from "../limits";
import { readWorkbookBytes, type WorkbookRead } from "./read-doc";

export { faultFinding, formulaOf, nameArea, readWorkbook, readWorkbookBytes, snapshotOfDoc, valueOf, type WorkbookRead } from "./read-doc";

/** At most `max` bytes of a file, or null when it holds more (also if it grows while being read). */
export function readBounded(path: string, max: number): Uint8Array | null {
  const fd = fs.openSync(path, "r");
  try {
    let buf = Buffer.allocUnsafe(Math.min(fs.fstatSync(fd).size, max) + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > max) return null;
        const bigger = Buffer.allocUnsafe(max + 1);
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
      const got = fs.readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    return n > max ? null : new Uint8Array(buf.buffer, buf.byteOffset, n);
  } finally {
    fs.closeSync(fd);
  }
}

export async function readWorkbookFile(path: string, scheme: Scheme, limits: Limits = LIMITS): Promise<WorkbookRead> {
  let bytes: Uint8Array | null;
  try {
    bytes = readBounded(path, limits.fileBytes);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { input: null, findings: [finding("bad-field", "error", { zh: `无法读取 .xlsx 文件：${msg}`, en: `cannot read the .xlsx file: ${msg}` }, { field: path })], locate: (f) => f };
  }
  if (!bytes) {
    const mb = (limits.fileBytes / 1024 / 1024).toFixed(1);
    return {
      input: null,
      findings: [
        finding("too-large", "error", {
          zh: `文件超过单个评价文件 ${mb} MB 的上限（LIMITS.fileBytes），未读取`,
          en: `the file is over the ${mb} MB limit for one assessment (LIMITS.fileBytes); not read`,
        }),
      ],
      locate: (f) => f,
    };
  }
  return readWorkbookBytes(bytes, scheme, limits);
}
