/**
 * Text from files (names, organisations, rater names, file names, messages quoting them) on its way to a
 * terminal: every C0 and C1 control character, DEL, the Unicode line and paragraph separators and the
 * bidirectional controls are shown escaped ("\x1b", "\u202e"), so a file cannot hide, forge, reorder or
 * retitle what the report says. Newlines and tabs inside file content are escaped too: only the report
 * itself breaks lines. With `max`, text longer than `max` characters is cut there and ends with
 * "…(+N)", N the characters left out, so one 5 MB name cannot flood the terminal.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function safeText(s: string, max?: number): string {
  let cut = s;
  let more = 0;
  if (max !== undefined && s.length > max) {
    // never split a surrogate pair
    const end = max > 0 && /[\ud800-\udbff]/.test(s[max - 1]) ? max - 1 : max;
    cut = s.slice(0, end);
    more = s.length - end;
  }
  const shown = cut.replace(UNSAFE, (ch) => {
    const c = ch.charCodeAt(0);
    return c <= 0xff ? `\\x${c.toString(16).padStart(2, "0")}` : `\\u${c.toString(16).padStart(4, "0")}`;
  });
  return more ? `${shown}…(+${more})` : shown;
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
