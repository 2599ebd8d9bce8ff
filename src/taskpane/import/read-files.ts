/**
 * Returned forms picked in the pane, read and verified in the browser: each file is untrusted. Bounds:
 * at most MAX_IMPORT_FILES files per import, each at most LIMITS.fileBytes (checked on the size the
 * browser reports before reading, and on the bytes read). Each file's bytes go to the bounded .xlsx
 * reader and the whole-workbook comparison (readWorkbookBytes → verify.ts); its SHA-256 is computed
 * here. Loaded on demand with the import panel.
 */
import type { Scheme } from "../../scheme/types";
import { finding, type Finding } from "../../engine";
import { LIMITS } from "../../workbook/limits";
import { sha256Hex } from "../../workbook/sha256";
import { readWorkbookBytes } from "../../workbook/xlsx/read-doc";
import { MAX_IMPORT_FILES } from "../../workbook/import-plan";
import type { ReturnedFile } from "../../workbook/merge";

/** A file as the pane gets it from an <input type="file"> (a File), or from a test. */
export interface PickedFile {
  name: string;
  size: number;
  arrayBuffer?: () => Promise<ArrayBuffer>;
}

export type Verdict = "intact" | "findings" | "unreadable";

/** One file, checked. */
export interface FileCheck {
  file: string;
  size: number;
  verdict: Verdict;
  /** what the merge needs; null when the file was not read (too large, unreadable bytes) */
  returned: ReturnedFile | null;
  rater: string | null;
  /** the workbook kind: form, form-maturity, assessment */
  kind: string | null;
  /** person / visit */
  raterKind: string | null;
  formId: string | null;
  issued: string | null;
  organization: string | null;
  /** columns with content in the file */
  columns: number;
  /** the file's findings (verify's, then what the engine finds incomplete), with cells */
  findings: Finding[];
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

/** The bytes of a picked file (File.arrayBuffer where the browser has it, else a FileReader). */
async function bytesOf(f: PickedFile): Promise<Uint8Array> {
  if (typeof f.arrayBuffer === "function") return new Uint8Array(await f.arrayBuffer());
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(new Uint8Array(r.result as ArrayBuffer));
    r.onerror = () => reject(r.error ?? new Error("FileReader failed"));
    r.readAsArrayBuffer(f as unknown as Blob);
  });
}

const unreadable = (f: PickedFile, fs: Finding[]): FileCheck => ({
  file: f.name,
  size: f.size,
  verdict: "unreadable",
  returned: null,
  rater: null,
  kind: null,
  raterKind: null,
  formId: null,
  issued: null,
  organization: null,
  columns: 0,
  findings: fs,
});

const tooLarge = (limit: number) =>
  finding("too-large", "error", {
    zh: `文件超过单个文件 ${mb(limit)} MB 的上限（LIMITS.fileBytes），未读取`,
    en: `the file is over the ${mb(limit)} MB limit for one file (LIMITS.fileBytes); not read`,
  });

/** Reads and verifies one file. Never throws: a file that cannot be read is "unreadable", with the reason. */
export async function checkFile(f: PickedFile, scheme: Scheme, limit = LIMITS.fileBytes): Promise<FileCheck> {
  if (f.size > limit) return unreadable(f, [tooLarge(limit)]);
  let bytes: Uint8Array;
  try {
    bytes = await bytesOf(f);
  } catch (e) {
    return unreadable(f, [finding("bad-field", "error", { zh: `无法读取文件：${(e as Error).message}`, en: `the file cannot be read: ${(e as Error).message}` })]);
  }
  if (bytes.length > limit) return unreadable(f, [tooLarge(limit)]);
  const read = readWorkbookBytes(bytes, scheme);
  const v = read.verified;
  if (!v || !v.input) return unreadable(f, read.findings);
  const errors = v.findings.filter((x) => x.severity === "error").length;
  const verdict: Verdict = v.intact && errors === 0 ? "intact" : "findings";
  const named = v.input.raters.find((r) => r.name)?.name ?? null;
  const used = v.input.raters.filter((r) => r.alphas.some((a) => !(a === null || a === undefined || (typeof a === "string" && a.trim() === "")))).length;
  // what the engine finds missing, where the file's kind has it (a form has no maturity levels)
  const levelCodes = new Set(["level-blank", "level-invalid"]);
  const incomplete = v.locate((v.result?.findings ?? []).filter((x) => x.severity !== "warning" && !(v.kind === "form" && levelCodes.has(x.code))));
  return {
    file: f.name,
    size: bytes.length,
    verdict,
    returned: { file: f.name, sha256: sha256Hex(bytes), verified: v },
    rater: v.stamp?.rater || named,
    kind: v.kind,
    raterKind: v.stamp?.raterKind || v.input.raters.find((r) => r.kind)?.kind || null,
    formId: v.stamp?.formId || null,
    issued: v.stamp?.issued || null,
    organization: v.stamp?.organization || v.input.organization || null,
    columns: used,
    findings: [...v.findings, ...incomplete],
  };
}

/** The count bound, as a finding (the selection is refused as a whole). */
export function tooMany(n: number): Finding | null {
  if (n <= MAX_IMPORT_FILES) return null;
  return finding("too-large", "error", {
    zh: `一次最多导入 ${MAX_IMPORT_FILES} 个文件，选择了 ${n} 个：请分批导入`,
    en: `at most ${MAX_IMPORT_FILES} files can be imported at once; ${n} were chosen: import them in parts`,
  });
}

/**
 * Reads and verifies the files one after the other (yielding to the page between files, so the pane
 * stays responsive), reporting progress. The selection is refused as a whole when it has too many files.
 */
export async function checkFiles(files: PickedFile[], scheme: Scheme, progress?: (done: number, of: number) => void): Promise<{ checks: FileCheck[]; refused: Finding | null }> {
  const refused = tooMany(files.length);
  if (refused) return { checks: [], refused };
  const checks: FileCheck[] = [];
  for (const f of files) {
    progress?.(checks.length, files.length);
    await new Promise((r) => setTimeout(r, 0));
    checks.push(await checkFile(f, scheme));
  }
  progress?.(checks.length, files.length);
  return { checks, refused: null };
}
