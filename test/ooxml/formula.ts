/**
 * Every formula of a workbook — cell formulas, defined names, data-validation and conditional-format
 * formulas — parsed by an independent parser (HyperFormula 3.5, GPL v3 licence key, a test-only
 * dependency) and held against Excel's documented limits.
 *
 * Excel's limits, from Microsoft's "Excel specifications and limits"
 * (https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3,
 * "Calculation specifications and limits"): length of formula contents 8,192 characters; nested levels
 * of functions 64; arguments in a function 255. A text value in a formula is at most 255 characters:
 * Excel refuses a longer one ("Text values in formulas are limited to 255 characters"), and its binary
 * formula token for a string constant (PtgStr in [MS-XLS] and [MS-XLSB]) stores the length in one byte
 * (src/workbook/model.ts lit() enforces the same bound when it writes). Lengths are UTF-16 code units.
 */
import { HyperFormula } from "hyperformula";

export interface FormulaIssue {
  rule: string;
  message: string;
}

/** Excel's documented limits on one formula (see the module comment for the sources). */
export const FORMULA_LIMITS = { chars: 8192, nesting: 64, args: 255, literalChars: 255 } as const;

/**
 * Excel worksheet functions that HyperFormula 3.5 does not implement, each checked against Microsoft's
 * function reference. Anything that is in neither list is an unknown function: a failure.
 */
export const EXCEL_ONLY_FUNCTIONS: Record<string, string> = {
  // https://support.microsoft.com/office/fixed-function-ffd5723c-324c-45e9-8b96-e41be2a8274a (Excel 2003 and later)
  FIXED: "FIXED(number, [decimals], [no_commas])",
};

let hf: HyperFormula | null = null;
let known: Set<string> | null = null;
/**
 * HyperFormula's verdict by the formula's shape: the formula with every A1 reference replaced by
 * "A1". Where a reference points cannot make a formula parse or not (the grid bound is checked on
 * its own, scan() → outOfGrid), and a template's formulas repeat row after row and file after file.
 */
const verdicts = new Map<string, boolean>();
const REF = /\$?\b[A-Za-z]{1,3}\$?[0-9]+\b/g;

function parser(): HyperFormula {
  if (!hf) {
    hf = HyperFormula.buildEmpty({ licenseKey: "gpl-v3" });
    known = new Set(
      [...HyperFormula.getRegisteredFunctionNames("enGB"), ...Object.keys(EXCEL_ONLY_FUNCTIONS)].map((n) =>
        n.toUpperCase()
      )
    );
  }
  return hf;
}

/** Frees the HyperFormula instance (tests call it in afterAll). */
export function releaseParser(): void {
  hf?.destroy();
  hf = null;
  verdicts.clear();
}

function parses(forHf: string): boolean {
  const key = forHf.replace(REF, "A1");
  let ok = verdicts.get(key);
  if (ok === undefined) {
    ok = parser().validateFormula(`=${forHf}`);
    if (verdicts.size > 100_000) verdicts.clear();
    verdicts.set(key, ok);
  }
  return ok;
}

export interface Scan {
  /** function names, upper case, in order of appearance */
  functions: string[];
  /** deepest nesting of function calls */
  nesting: number;
  /** most arguments of one call */
  maxArgs: number;
  /** string literals, decoded ("" → ") */
  literals: string[];
  /** sheet names a reference is qualified with, decoded */
  sheets: string[];
  /** error literals written in the formula (#REF! …) */
  errors: string[];
  /** the formula in HyperFormula's dialect: backslash escapes instead of doubled quotes, TRUE() for TRUE */
  forHf: string;
  /** top-level comma positions (for a union of areas in a defined name) */
  topCommas: number[];
  /** a syntax error the scanner itself found (unclosed string, quote, parenthesis …) */
  syntax?: string;
}

const ERR = /#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!)/iy;
const ID = /[A-Za-z_\\][A-Za-z0-9_.\\]*/y;

/** A lexical scan of an Excel formula (without "="): enough to count, never to evaluate. */
export function scan(f: string): Scan {
  const out: Scan = {
    functions: [],
    nesting: 0,
    maxArgs: 0,
    literals: [],
    sheets: [],
    errors: [],
    forHf: "",
    topCommas: [],
  };
  /** the HyperFormula text, built from slices of f: only string literals are rewritten */
  const hfParts: string[] = [];
  let copied = 0;
  const hfText = (upTo: number) => {
    hfParts.push(f.slice(copied, upTo));
    copied = upTo;
    return hfParts.join("");
  };
  /** open parentheses: true when the parenthesis opened a function call; with its argument count */
  const stack: { fn: boolean; args: number; empty: boolean }[] = [];
  let fnDepth = 0;
  let i = 0;
  while (i < f.length) {
    const ch = f[i];
    if (ch === '"') {
      let j = i + 1;
      let lit = "";
      for (;;) {
        const q = f.indexOf('"', j);
        if (q < 0) {
          out.syntax = "unclosed string literal";
          return { ...out, forHf: hfText(f.length) };
        }
        lit += f.slice(j, q);
        if (f[q + 1] !== '"') {
          j = q;
          break;
        }
        lit += '"';
        j = q + 2;
      }
      out.literals.push(lit);
      if (/["\\]/.test(lit)) {
        hfParts.push(f.slice(copied, i), `"${lit.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`);
        copied = j + 1;
      }
      if (stack.length) stack[stack.length - 1].empty = false;
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      let j = i + 1;
      let name = "";
      for (;;) {
        const q = f.indexOf("'", j);
        if (q < 0) {
          out.syntax = "unclosed quoted sheet name";
          return { ...out, forHf: hfText(f.length) };
        }
        name += f.slice(j, q);
        if (f[q + 1] !== "'") {
          j = q;
          break;
        }
        name += "'";
        j = q + 2;
      }
      if (f[j + 1] !== "!") out.syntax = `quoted name '${name}' not followed by "!"`;
      out.sheets.push(name);
      if (stack.length) stack[stack.length - 1].empty = false;
      i = j + 1;
      continue;
    }
    if (ch === "#") {
      ERR.lastIndex = i;
      const m = ERR.exec(f);
      if (m) {
        out.errors.push(m[0].toUpperCase());
        i += m[0].length;
        continue;
      }
    }
    ID.lastIndex = i;
    const id = /[A-Za-z_\\]/.test(ch) ? ID.exec(f) : null;
    if (id) {
      const after = f[i + id[0].length];
      if (after === "(") {
        out.functions.push(id[0].toUpperCase());
        fnDepth++;
        out.nesting = Math.max(out.nesting, fnDepth);
        stack.push({ fn: true, args: 1, empty: true });
        i += id[0].length + 1;
        continue;
      }
      if (after === "!") out.sheets.push(id[0]);
      else if (/^(TRUE|FALSE)$/i.test(id[0])) {
        // HyperFormula knows the logical constants only as the functions TRUE() and FALSE()
        hfParts.push(f.slice(copied, i), `${id[0].toUpperCase()}()`);
        copied = i + id[0].length;
      }
      if (stack.length) stack[stack.length - 1].empty = false;
      i += id[0].length;
      continue;
    }
    if (ch === "(") stack.push({ fn: false, args: 1, empty: true });
    else if (ch === ")") {
      const top = stack.pop();
      if (!top) {
        out.syntax = 'unbalanced ")"';
        return { ...out, forHf: hfText(f.length) };
      }
      if (top.fn) {
        fnDepth--;
        out.maxArgs = Math.max(out.maxArgs, top.empty && top.args === 1 ? 0 : top.args);
      }
    } else if (ch === ",") {
      if (stack.length) {
        stack[stack.length - 1].args++;
        stack[stack.length - 1].empty = false;
      } else out.topCommas.push(i);
    } else if (ch !== " " && ch !== "\n" && ch !== "\r" && ch !== "\t" && stack.length)
      stack[stack.length - 1].empty = false;
    i++;
  }
  if (stack.length) out.syntax = `${stack.length} unclosed "("`;
  out.forHf = hfText(f.length);
  return out;
}

/**
 * Checks one formula (without "="): syntax by HyperFormula, every function known, Excel's limits, every
 * sheet it names exists, no error literal such as #REF!. `sheetNames` are the workbook's sheets.
 */
export function checkFormula(f: string, sheetNames: readonly string[]): FormulaIssue[] {
  const issues: FormulaIssue[] = [];
  if (f.trim() === "") return [{ rule: "formula", message: "empty formula" }];
  if (f.length > FORMULA_LIMITS.chars)
    issues.push({
      rule: "limit",
      message: `formula of ${f.length} characters (Excel: at most ${FORMULA_LIMITS.chars})`,
    });
  const s = scan(f);
  if (s.syntax) issues.push({ rule: "formula", message: `${s.syntax}: ${clip(f)}` });
  parser();
  if (!s.syntax && !parses(s.forHf))
    issues.push({ rule: "formula", message: `HyperFormula cannot parse it: ${clip(f)}` });
  for (const fn of new Set(s.functions)) {
    if (!known?.has(fn)) issues.push({ rule: "function", message: `unknown function ${fn}: ${clip(f)}` });
  }
  if (s.nesting > FORMULA_LIMITS.nesting)
    issues.push({
      rule: "limit",
      message: `functions nested ${s.nesting} deep (Excel: at most ${FORMULA_LIMITS.nesting})`,
    });
  if (s.maxArgs > FORMULA_LIMITS.args)
    issues.push({
      rule: "limit",
      message: `a function with ${s.maxArgs} arguments (Excel: at most ${FORMULA_LIMITS.args})`,
    });
  for (const lit of s.literals) {
    if (lit.length > FORMULA_LIMITS.literalChars)
      issues.push({
        rule: "limit",
        message: `string literal of ${lit.length} characters (Excel: at most ${FORMULA_LIMITS.literalChars}): "${clip(lit)}"`,
      });
  }
  const lower = new Set(sheetNames.map((n) => n.toLowerCase()));
  for (const sh of new Set(s.sheets)) {
    if (!lower.has(sh.toLowerCase()))
      issues.push({ rule: "formula", message: `refers to a sheet "${sh}" the workbook does not have: ${clip(f)}` });
  }
  for (const e of s.errors) issues.push({ rule: "formula", message: `holds the error ${e}: ${clip(f)}` });
  return issues;
}

/** Splits a defined name's formula into its top-level union parts ("'S'!$A:$A,'S'!$1:$1"). */
export function unionParts(f: string): string[] {
  const s = scan(f);
  if (s.syntax || !s.topCommas.length) return [f];
  const out: string[] = [];
  let last = 0;
  for (const c of s.topCommas) {
    out.push(f.slice(last, c));
    last = c + 1;
  }
  out.push(f.slice(last));
  return out;
}

function clip(s: string, n = 120): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
