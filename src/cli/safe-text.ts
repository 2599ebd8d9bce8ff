/**
 * Text from files (names, organisations, rater names, file names, messages quoting them) on its way to a
 * terminal: every C0 and C1 control character, DEL and the bidirectional-override characters are shown
 * escaped ("\x1b", "\u202e"), so a file cannot hide, forge, reorder or retitle what the report says.
 * Newlines and tabs inside file content are escaped too: only the report itself breaks lines.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function safeText(s: string): string {
  return s.replace(UNSAFE, (ch) => {
    const c = ch.charCodeAt(0);
    return c <= 0xff ? `\\x${c.toString(16).padStart(2, "0")}` : `\\u${c.toString(16).padStart(4, "0")}`;
  });
}

/** True when the text holds nothing that safeText would escape. */
export function isSafeText(s: string): boolean {
  UNSAFE.lastIndex = 0;
  return !UNSAFE.test(s);
}
