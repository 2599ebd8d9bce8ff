/**
 * Text from files (names, organisations, rater names, file names, messages quoting them) on its way to a
 * terminal: every C0 and C1 control character, DEL, the Unicode line and paragraph separators and the
 * bidirectional controls are shown escaped ("\x1b", "\u202e"), so a file cannot hide, forge, reorder or
 * retitle what the report says. Newlines and tabs inside file content are escaped too: only the report
 * itself breaks lines. With `max`, at most `max` characters are shown (escapes counted as shown) and a
 * longer text ends with "…(+N)", N the characters left out, so one 5 MB name cannot flood the terminal.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escape = (ch: string): string => {
  const c = ch.charCodeAt(0);
  return c <= 0xff ? `\\x${c.toString(16).padStart(2, "0")}` : `\\u${c.toString(16).padStart(4, "0")}`;
};
const ONE_UNSAFE = new RegExp(`^${UNSAFE.source}$`);

export function safeText(s: string, max?: number): string {
  if (max === undefined || s.length <= max / 6) return s.replace(UNSAFE, escape);
  // at most `max` characters shown, escapes counted as they are shown
  let out = "";
  let k = 0;
  for (; k < s.length; k++) {
    const ch = s[k];
    const shown = ONE_UNSAFE.test(ch) ? escape(ch) : ch;
    if (out.length + shown.length > max) break;
    out += shown;
  }
  if (k === s.length) return out;
  // never split a surrogate pair
  if (k > 0 && /[\ud800-\udbff]/.test(s[k - 1])) {
    out = out.slice(0, -1);
    k--;
  }
  return `${out}…(+${s.length - k})`;
}

/** True when the text holds nothing that safeText would escape. */
export function isSafeText(s: string): boolean {
  UNSAFE.lastIndex = 0;
  return !UNSAFE.test(s);
}

const UNSAFE_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * One value as a JSON line that is also safe on a terminal: JSON.stringify escapes C0 controls but
 * leaves DEL, C1 controls (U+009B is a CSI), the line separators and the bidirectional controls raw;
 * these are written as \uXXXX escapes too, which any JSON reader reads back as the same text.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
