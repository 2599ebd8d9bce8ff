/**
 * Why a file could not be read, in both languages. The readers of this folder throw OoxmlError
 * internally and return the fault at their public edge: a hostile file is a clear message, never an
 * exception, an out-of-memory or a hang.
 */
import type { Text } from "../../scheme/types";
import type { Limits } from "../limits";

export type OoxmlFaultCode =
  /** not a zip file at all */
  | "not-zip"
  /** an OLE compound file holding an encrypted OOXML package (a password-protected workbook) */
  | "encrypted"
  /** an OLE compound file that is not an encrypted package: an Excel 97–2003 .xls or similar */
  | "legacy"
  /** a zip with a damaged structure: truncated, overlapping entries, bad checksums, lying sizes */
  | "damaged"
  /** a zip feature that is refused: multi-disk, encrypted entries, other compression methods */
  | "unsupported"
  /** a bound of src/workbook/limits.ts was hit */
  | "limit"
  /** malformed XML */
  | "xml"
  /** a DOCTYPE or entity declaration (refused: no external entities, no entity expansion) */
  | "doctype"
  /** a part the package needs is missing or does not make sense */
  | "structure";

export interface OoxmlFault {
  kind: "fault";
  code: OoxmlFaultCode;
  text: Text;
  /** the zip entry the fault is in, when there is one */
  part?: string;
  /** the bound that was hit, by its name in LIMITS, and its value */
  limit?: { name: keyof Limits; value: number };
}

export class OoxmlError extends Error {
  constructor(readonly fault: OoxmlFault) {
    super(fault.text.en);
    this.name = "OoxmlError";
  }
}

export function fault(code: OoxmlFaultCode, text: Text, part?: string): OoxmlError {
  return new OoxmlError({ kind: "fault", code, text, ...(part !== undefined ? { part } : {}) });
}

/** "250,000" */
export const num = (n: number): string => n.toLocaleString("en-US");

/**
 * A bound that was hit: names the bound and its value. `what` says what exceeded it, e.g.
 * { zh: "工作表的单元格", en: "cells in one sheet" }.
 */
export function limitFault(name: keyof Limits, value: number, what: Text, part?: string): OoxmlError {
  const f: OoxmlFault = {
    kind: "fault",
    code: "limit",
    text: {
      zh: `${what.zh}超过上限 ${num(value)}（LIMITS.${name}），文件未读取`,
      en: `more ${what.en} than the bound of ${num(value)} (LIMITS.${name}); the file was not read`,
    },
    limit: { name, value },
    ...(part !== undefined ? { part } : {}),
  };
  return new OoxmlError(f);
}

export const isFault = (x: unknown): x is OoxmlFault => typeof x === "object" && x !== null && (x as { kind?: unknown }).kind === "fault";

/** Runs f; an OoxmlError becomes its fault, any other exception a "damaged" fault naming the part. */
export function guard<T>(f: () => T, part?: string): T | OoxmlFault {
  try {
    return f();
  } catch (e) {
    if (e instanceof OoxmlError) return e.fault;
    const msg = e instanceof Error ? e.message : String(e);
    return {
      kind: "fault",
      code: "damaged",
      text: { zh: `文件已损坏或无法解析：${msg}`, en: `the file is damaged or cannot be parsed: ${msg}` },
      ...(part !== undefined ? { part } : {}),
    };
  }
}
