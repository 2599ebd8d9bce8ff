/**
 * Errors of the QCS.* custom functions, isolated from the Excel runtime.
 *
 * In Excel (shared runtime) `CustomFunctions.Error` exists and is what a function must throw to show
 * `#VALUE!` / `#N/A` with a message in the cell's error flag. Under jest / node / a plain browser there
 * is no `CustomFunctions` global, so the same module throws a `FunctionError` with the same `code` and
 * `message` shape instead. Nothing else in src/functions touches the runtime globals.
 */
import type { Text } from "../scheme/types";

/** The two error values the functions return. */
export type FunctionErrorCode = "#VALUE!" | "#N/A";

/** The stand-in for `CustomFunctions.Error` where the runtime is absent. */
export class FunctionError extends Error {
  readonly code: FunctionErrorCode;
  constructor(code: FunctionErrorCode, message: string) {
    super(message);
    this.name = "FunctionError";
    this.code = code;
  }
}

/** What a thrown function error looks like, whichever class made it. */
export interface ErrorLike {
  code: string;
  message?: string;
}

/** Excel shows at most a few hundred characters in the error flag; keep messages short. */
export const MAX_MESSAGE = 255;

/** The language of error messages: English unless the host's display language is Chinese. */
let messageLang: "zh" | "en" = "en";

/** Sets the language of error messages ("zh-CN", "zh-TW", "en-US" … as Office reports it). */
export function setMessageLanguage(displayLanguage: string | undefined | null): void {
  messageLang = typeof displayLanguage === "string" && /^zh/i.test(displayLanguage) ? "zh" : "en";
}

export function messageLanguage(): "zh" | "en" {
  return messageLang;
}

function clip(message: string): string {
  return message.length > MAX_MESSAGE ? message.slice(0, MAX_MESSAGE - 1) + "…" : message;
}

/** The text of a message in the current message language. */
export function pick(t: Text): string {
  return t[messageLang];
}

const hasRuntime = (): boolean => typeof CustomFunctions !== "undefined" && typeof CustomFunctions.Error === "function";

/** Creates the error object for `code` with `message`: `CustomFunctions.Error` in Excel, else `FunctionError`. */
export function makeError(code: FunctionErrorCode, message: string): Error | CustomFunctions.Error {
  const text = clip(message);
  if (hasRuntime()) {
    const codes = CustomFunctions.ErrorCode as unknown as Record<string, CustomFunctions.ErrorCode> | undefined;
    const rc = code === "#N/A" ? codes?.notAvailable : codes?.invalidValue;
    return new CustomFunctions.Error(rc ?? (code as unknown as CustomFunctions.ErrorCode), text);
  }
  return new FunctionError(code, text);
}

/** Throws #VALUE! with the message (in the message language when given both languages). */
export function invalid(message: Text | string): never {
  throw makeError("#VALUE!", typeof message === "string" ? message : pick(message));
}

/** Throws #N/A with the message. */
export function notAvailable(message: Text | string): never {
  throw makeError("#N/A", typeof message === "string" ? message : pick(message));
}

/** True for an error this module made (either class). */
export function isFunctionError(e: unknown): e is ErrorLike {
  if (e instanceof FunctionError) return true;
  return hasRuntime() && e instanceof CustomFunctions.Error;
}

/** The error literals Excel shows in cells. */
const EXCEL_ERRORS = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BUSY!",
  "#CONNECT!",
  "#BLOCKED!",
  "#UNKNOWN!",
  "#PYTHON!",
]);

/**
 * The Excel error a cell value stands for, or undefined. With `allowErrorForDataTypeAny` Excel passes an
 * error cell to an `any` parameter as an error object ({ code: "#DIV/0!", message? }); older paths and
 * other tools pass the literal text. Both are recognised.
 */
export function cellError(v: unknown): ErrorLike | undefined {
  if (typeof v === "string")
    return EXCEL_ERRORS.has(v.trim().toUpperCase()) ? { code: v.trim().toUpperCase() } : undefined;
  if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
  const code = (v as { code?: unknown }).code;
  const errorType = (v as { errorType?: unknown }).errorType;
  const message = (v as { message?: unknown }).message;
  const msg = typeof message === "string" && message ? message : undefined;
  if (typeof code === "string" && code.startsWith("#")) return { code, message: msg };
  // Excel.ErrorCellValue ({ type: "Error", basicValue: "#DIV/0!", errorType: "Div0" })
  const basic = (v as { basicValue?: unknown }).basicValue;
  if (typeof basic === "string" && EXCEL_ERRORS.has(basic)) return { code: basic, message: msg };
  if (v instanceof Error) return { code: "#VALUE!", message: msg };
  // Excel.ErrorCellValue-like objects ({ type: "Error", errorType: "Div0" })
  if (typeof errorType === "string") return { code: `#${errorType}`, message: msg };
  return undefined;
}

/**
 * Runs a function body so that nothing escapes except a function error: anything unexpected becomes
 * #VALUE! with its message, so Excel never sees an unhandled exception. (A wrapper that returned a new
 * function would lose the declared arity the metadata and the bundle test rely on, hence a runner.)
 */
export function run<R>(body: () => R): R {
  let result: R;
  try {
    result = body();
  } catch (e) {
    if (isFunctionError(e)) throw e;
    const detail = e instanceof Error ? e.message : String(e);
    throw makeError("#VALUE!", `internal error: ${detail}`);
  }
  // extreme inputs (weights near 1e308) can overflow the arithmetic: never hand Excel NaN or Infinity
  if (typeof result === "number" && !Number.isFinite(result)) {
    invalid({ zh: "结果超出数值范围（输入过大）", en: "the result is not a finite number (an input is too large)" });
  }
  return result;
}
