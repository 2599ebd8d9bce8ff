/**
 * A returned workbook read from disk for `qcs verify` and `qcs merge`: a bounded read (never more than
 * LIMITS.fileBytes + 1 bytes), the SHA-256 of the bytes, and the untrusted-file check of
 * ../workbook/verify.ts. A file that cannot be read still gives a ReturnedFile: not intact, no input,
 * the reason as its finding.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { Scheme } from "../scheme/types";
import { finding, LIMITS, type Finding } from "../engine";
import type { ReturnedFile } from "../workbook/merge";
import type { Verified } from "../workbook/verify";
import { readBounded, readWorkbookBytes } from "../workbook/xlsx/read";

/** A Verified for a file that could not be read as a workbook at all. */
export function unreadable(findings: Finding[]): Verified {
  return { stamp: null, kind: null, lang: null, model: null, input: null, findings, intact: false, result: null, displayed: [], locate: (fs_) => fs_ };
}

const fault = (zh: string, en: string) => finding("bad-field", "error", { zh, en });

/** Reads and verifies one returned file; `name` is how the file is named in messages and the sources. */
export function readReturned(file: string, name: string, scheme: Scheme): ReturnedFile {
  const none = (f: Finding, sha256 = ""): ReturnedFile => ({ file: name, sha256, verified: unreadable([f]) });
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return none(fault("文件不存在或无法读取", "the file does not exist or cannot be read"));
  }
  if (!stat.isFile()) return none(fault("不是一个文件", "not a file"));
  let bytes: Uint8Array | null;
  try {
    bytes = readBounded(file, LIMITS.fileBytes);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return none(fault(`无法读取：${msg}`, `cannot be read: ${msg}`));
  }
  const mb = (LIMITS.fileBytes / 1024 / 1024).toFixed(1);
  if (!bytes) return none(finding("too-large", "error", { zh: `文件超过 ${mb} MB 的上限（LIMITS.fileBytes），未读取`, en: `the file is over the ${mb} MB limit (LIMITS.fileBytes); not read` }));
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const head = Buffer.from(bytes.subarray(0, 64)).toString("utf8").replace(/^\uFEFF/, "").trimStart();
  if (head.startsWith("{")) {
    return none(fault("这是评价文件（JSON），不是回收的评分表：请用 qcs score 评分", "an assessment file (JSON), not a returned workbook: score it with qcs score"), sha256);
  }
  const read = readWorkbookBytes(bytes, scheme);
  return { file: name, sha256, verified: read.verified ?? unreadable(read.findings) };
}

/**
 * How each file is named in messages and in a panel's sources: its base name, or the path as given
 * where two files share a base name (a local folder is no one else's business otherwise).
 */
export function displayNames(files: string[]): string[] {
  const base = files.map((f) => path.basename(f));
  const count = new Map<string, number>();
  for (const b of base) count.set(b, (count.get(b) ?? 0) + 1);
  return files.map((f, i) => ((count.get(base[i]) ?? 0) > 1 ? path.normalize(f) : base[i]));
}
