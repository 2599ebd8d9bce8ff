/**
 * A strict, bounded JSON parser for assessment files from outside. Unlike JSON.parse it reports a key
 * given twice in one object (`"1.1": 0.1, "1.1": 0.9` — JSON.parse silently keeps the last, so the file
 * would mean different things to different readers), bounds the nesting depth, and never lets a key
 * such as "__proto__" touch an object's prototype. Pure: no Node or DOM APIs.
 */

export interface JsonDuplicate {
  /** the object's path, "$.service.raters[0].alpha" */
  path: string;
  key: string;
}

export type JsonParse =
  | { ok: true; value: unknown; duplicates: JsonDuplicate[]; duplicateCount: number }
  | { ok: false; error: string; line: number; column: number; /** the fault is a bound (depth, values), not the syntax */ limit?: boolean };

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const hasOwn = Object.prototype.hasOwnProperty;

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
    readonly limit = false
  ) {
    super(message);
  }
}

/**
 * Parses `text`; at most `maxDepth` nested arrays/objects, `maxValues` values in all (every number,
 * string, object … counts one; keys do not) and `maxDuplicates` duplicates listed (all counted).
 */
export function parseJson(text: string, opts: { maxDepth?: number; maxDuplicates?: number; maxValues?: number } = {}): JsonParse {
  const maxDepth = opts.maxDepth ?? 64;
  const maxValues = opts.maxValues ?? Infinity;
  let values = 0;
  const maxDup = opts.maxDuplicates ?? 100;
  const duplicates: JsonDuplicate[] = [];
  let duplicateCount = 0;
  let i = 0;
  const n = text.length;

  const fail = (msg: string, at = i): never => {
    throw new JsonSyntaxError(msg, at);
  };
  const bound = (msg: string): never => {
    throw new JsonSyntaxError(msg, i, true);
  };
  const skip = () => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  const expect = (ch: string) => {
    if (text[i] !== ch) fail(i >= n ? `expected ${JSON.stringify(ch)} but the text ended` : `expected ${JSON.stringify(ch)}, found ${JSON.stringify(text[i])}`);
    i++;
  };

  const string = (): string => {
    expect('"');
    let out = "";
    let start = i;
    for (;;) {
      if (i >= n) fail("unterminated string");
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(start, i);
        i++;
        return out;
      }
      if (c < 0x20) fail("control character in a string");
      if (c === 0x5c) {
        out += text.slice(start, i);
        const e = text[i + 1];
        i += 2;
        switch (e) {
          case '"':
          case "\\":
          case "/":
            out += e;
            break;
          case "b":
            out += "\b";
            break;
          case "f":
            out += "\f";
            break;
          case "n":
            out += "\n";
            break;
          case "r":
            out += "\r";
            break;
          case "t":
            out += "\t";
            break;
          case "u": {
            const hex = text.slice(i, i + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("bad \\u escape", i - 2);
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
            break;
          }
          default:
            fail("bad escape", i - 2);
        }
        start = i;
        continue;
      }
      i++;
    }
  };

  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const number = (): number => {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m || m[0] === "" || m[0] === "-") fail("bad number");
    i += (m as RegExpExecArray)[0].length;
    return Number((m as RegExpExecArray)[0]);
  };

  const value = (path: string, depth: number): unknown => {
    skip();
    if (i >= n) fail("unexpected end of the text");
    if (++values > maxValues) bound(`more than ${maxValues.toLocaleString("en-US")} values`);
    const ch = text[i];
    if (ch === "{") {
      if (depth >= maxDepth) bound(`nested deeper than ${maxDepth} levels`);
      i++;
      const obj: Record<string, unknown> = {};
      skip();
      if (text[i] === "}") {
        i++;
        return obj;
      }
      for (;;) {
        skip();
        const key = string();
        skip();
        expect(":");
        skip();
        // the path of a nested object or array, for its duplicates; none is built for the (many) plain values
        const nested = text[i] === "{" || text[i] === "[";
        const v = value(nested ? `${path}${/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}` : path, depth + 1);
        if (hasOwn.call(obj, key)) {
          duplicateCount++;
          if (duplicates.length < maxDup) duplicates.push({ path, key });
        }
        // a key "__proto__" becomes an own property, never the prototype
        if (key === "__proto__") Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
        else obj[key] = v;
        skip();
        if (text[i] === ",") {
          i++;
          continue;
        }
        expect("}");
        return obj;
      }
    }
    if (ch === "[") {
      if (depth >= maxDepth) bound(`nested deeper than ${maxDepth} levels`);
      i++;
      const arr: unknown[] = [];
      skip();
      if (text[i] === "]") {
        i++;
        return arr;
      }
      for (;;) {
        skip();
        arr.push(value(text[i] === "{" || text[i] === "[" ? `${path}[${arr.length}]` : path, depth + 1));
        skip();
        if (text[i] === ",") {
          i++;
          continue;
        }
        expect("]");
        return arr;
      }
    }
    if (ch === '"') return string();
    if (text.startsWith("true", i)) {
      i += 4;
      return true;
    }
    if (text.startsWith("false", i)) {
      i += 5;
      return false;
    }
    if (text.startsWith("null", i)) {
      i += 4;
      return null;
    }
    if (ch === "-" || (ch >= "0" && ch <= "9")) return number();
    return fail(`unexpected ${JSON.stringify(ch)}`);
  };

  try {
    const v = value("$", 0);
    skip();
    if (i < n) fail("text after the JSON value");
    return { ok: true, value: v, duplicates, duplicateCount };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    let line = 1;
    let col = 1;
    for (let k = 0; k < e.at && k < n; k++) {
      if (text.charCodeAt(k) === 0x0a) {
        line++;
        col = 1;
      } else col++;
    }
    return { ok: false, error: e.message, line, column: col, ...(e.limit ? { limit: true } : {}) };
  }
}
