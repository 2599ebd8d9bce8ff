/**
 * A small non-validating XML pull parser for SpreadsheetML parts of untrusted files.
 *
 * Elements, attributes (prefixes kept, namespaces resolvable), text, CDATA, the five predefined
 * entities and numeric character references. A DOCTYPE (and so any entity declaration) is refused:
 * no external entities, no entity expansion. Nesting is bounded; tags must match; a second root,
 * duplicate attributes or text outside the root are errors. The scanner moves forward with indexOf
 * and charCodeAt only (no regular expression runs over the text), so time is linear in the part.
 */
import { fault } from "./fault";

export const EOF = 0;
export const OPEN = 1;
export const CLOSE = 2;
export const TEXT = 3;
export type XmlEvent = typeof EOF | typeof OPEN | typeof CLOSE | typeof TEXT;

const XML_NS = "http://www.w3.org/XML/1998/namespace";
/** No SpreadsheetML element has more than a few dozen attributes; more is refused (not a LIMITS bound: a parser sanity cap). */
const MAX_ATTRIBUTES = 1000;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** ends a name: whitespace / > = " ' < */
function endsName(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x2f || c === 0x3e || c === 0x3d || c === 0x22 || c === 0x27 || c === 0x3c;
}

function validChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

export class XmlPull {
  private i = 0;
  private readonly len: number;
  private readonly stack: string[] = [];
  private pendingClose = false;
  private rootSeen = false;
  private readonly an: string[] = [];
  private readonly av: string[] = [];
  private ac = 0;
  /** attribute names of the element being read, once it has many (linear duplicate check) */
  private readonly seen = new Set<string>();
  private tStart = 0;
  private tEnd = 0;
  private tCdata = false;
  /** namespace bindings in scope: [depth, prefix, uri] triples, innermost last */
  private readonly ns: { depth: number; prefix: string; uri: string }[] = [];

  /** qualified name of the element just opened or closed ("x:c") */
  name = "";
  /** local name of the element just opened or closed ("c") */
  local = "";

  constructor(
    private readonly s: string,
    private readonly part: string,
    private readonly maxDepth: number
  ) {
    this.len = s.length;
    if (s.charCodeAt(0) === 0xfeff) this.i = 1;
  }

  /** Elements open, counting the one just opened (and, after a CLOSE, without the one closed). */
  get depth(): number {
    return this.stack.length;
  }

  private error(en: string, zh: string): never {
    let line = 1;
    for (let k = this.s.indexOf("\n"); k >= 0 && k < this.i; k = this.s.indexOf("\n", k + 1)) line++;
    throw fault("xml", { zh: `部件 ${this.part} 第 ${line} 行的 XML 格式错误：${zh}`, en: `malformed XML in the part ${this.part}, line ${line}: ${en}` }, this.part);
  }

  private setLocal(): void {
    const c = this.name.indexOf(":");
    this.local = c < 0 ? this.name : this.name.slice(c + 1);
  }

  next(): XmlEvent {
    const s = this.s;
    if (this.pendingClose) {
      this.pendingClose = false;
      this.name = this.stack.pop() as string;
      this.setLocal();
      this.popNs();
      return CLOSE;
    }
    for (;;) {
      if (this.i >= this.len) {
        if (this.stack.length) this.error(`the document ends inside <${this.stack[this.stack.length - 1]}> (truncated)`, `文档在 <${this.stack[this.stack.length - 1]}> 内部结束（被截断）`);
        if (!this.rootSeen) this.error("there is no root element", "没有根元素");
        return EOF;
      }
      if (s.charCodeAt(this.i) !== 0x3c) {
        let j = s.indexOf("<", this.i);
        if (j < 0) j = this.len;
        if (this.stack.length === 0) {
          for (let k = this.i; k < j; k++) if (!isSpace(s.charCodeAt(k))) this.error("text outside the root element", "根元素之外有文字");
          this.i = j;
          continue;
        }
        this.tStart = this.i;
        this.tEnd = j;
        this.tCdata = false;
        this.i = j;
        return TEXT;
      }
      const c2 = s.charCodeAt(this.i + 1);
      if (c2 === 0x2f) return this.closeTag();
      if (c2 === 0x3f) {
        const e = s.indexOf("?>", this.i + 2);
        if (e < 0) this.error("an unterminated processing instruction", "处理指令没有结束");
        this.i = e + 2;
        continue;
      }
      if (c2 === 0x21) {
        if (s.startsWith("<!--", this.i)) {
          const e = s.indexOf("-->", this.i + 4);
          if (e < 0) this.error("an unterminated comment", "注释没有结束");
          this.i = e + 3;
          continue;
        }
        if (s.startsWith("<![CDATA[", this.i)) {
          if (!this.stack.length) this.error("CDATA outside the root element", "根元素之外有 CDATA");
          const e = s.indexOf("]]>", this.i + 9);
          if (e < 0) this.error("an unterminated CDATA section", "CDATA 段没有结束");
          this.tStart = this.i + 9;
          this.tEnd = e;
          this.tCdata = true;
          this.i = e + 3;
          return TEXT;
        }
        throw fault(
          "doctype",
          {
            zh: `部件 ${this.part} 含有 DOCTYPE 或实体声明；为防止外部实体和实体膨胀攻击，此类文件不予读取`,
            en: `the part ${this.part} holds a DOCTYPE or entity declaration, which is refused (no external entities, no entity expansion)`,
          },
          this.part
        );
      }
      return this.openTag();
    }
  }

  private closeTag(): XmlEvent {
    const s = this.s;
    let j = this.i + 2;
    while (j < this.len && !endsName(s.charCodeAt(j))) j++;
    const name = s.slice(this.i + 2, j);
    while (j < this.len && isSpace(s.charCodeAt(j))) j++;
    if (s.charCodeAt(j) !== 0x3e) this.error(`</${name} is not closed by >`, `</${name} 没有以 > 结束`);
    const open = this.stack.pop();
    if (open !== name) this.error(`</${name}> closes <${open ?? "nothing"}>`, `</${name}> 与 <${open ?? "（无）"}> 不匹配`);
    this.i = j + 1;
    this.name = name;
    this.setLocal();
    this.popNs();
    return CLOSE;
  }

  private openTag(): XmlEvent {
    const s = this.s;
    let j = this.i + 1;
    while (j < this.len && !endsName(s.charCodeAt(j))) j++;
    if (j === this.i + 1) this.error("a < that starts no element", "< 之后没有元素名");
    const name = s.slice(this.i + 1, j);
    if (!this.stack.length && this.rootSeen) this.error("a second root element", "出现第二个根元素");
    this.ac = 0;
    let selfClose = false;
    let hasNs = false;
    for (;;) {
      let k = j;
      while (k < this.len && isSpace(s.charCodeAt(k))) k++;
      if (k >= this.len) this.error(`the tag <${name}> is not closed`, `标签 <${name}> 没有结束`);
      const c = s.charCodeAt(k);
      if (c === 0x3e) {
        j = k + 1;
        break;
      }
      if (c === 0x2f) {
        if (s.charCodeAt(k + 1) !== 0x3e) this.error(`a / inside the tag <${name}>`, `标签 <${name}> 中有多余的 /`);
        j = k + 2;
        selfClose = true;
        break;
      }
      if (k === j) this.error(`attributes of <${name}> must be separated by spaces`, `<${name}> 的属性之间缺少空格`);
      let e = k;
      while (e < this.len && !endsName(s.charCodeAt(e))) e++;
      if (e === k) this.error(`a malformed attribute in <${name}>`, `<${name}> 中有格式错误的属性`);
      const an = s.slice(k, e);
      while (e < this.len && isSpace(s.charCodeAt(e))) e++;
      if (s.charCodeAt(e) !== 0x3d) this.error(`the attribute ${an} of <${name}> has no value`, `<${name}> 的属性 ${an} 没有值`);
      e++;
      while (e < this.len && isSpace(s.charCodeAt(e))) e++;
      const q = s.charCodeAt(e);
      if (q !== 0x22 && q !== 0x27) this.error(`the value of ${an} in <${name}> is not quoted`, `<${name}> 中 ${an} 的值没有引号`);
      const close = s.indexOf(q === 0x22 ? '"' : "'", e + 1);
      if (close < 0) this.error(`the value of ${an} in <${name}> is not closed`, `<${name}> 中 ${an} 的值没有结束`);
      const value = s.slice(e + 1, close);
      if (value.indexOf("<") >= 0) this.error(`a < inside the value of ${an} in <${name}>`, `<${name}> 中 ${an} 的值含有 <`);
      if (this.ac >= MAX_ATTRIBUTES) this.error(`<${name}> has more than ${MAX_ATTRIBUTES} attributes`, `<${name}> 的属性超过 ${MAX_ATTRIBUTES} 个`);
      if (this.ac < 8) {
        for (let a = 0; a < this.ac; a++) if (this.an[a] === an) this.error(`the attribute ${an} appears twice in <${name}>`, `<${name}> 中属性 ${an} 出现了两次`);
      } else {
        if (this.ac === 8) {
          this.seen.clear();
          for (let a = 0; a < 8; a++) this.seen.add(this.an[a]);
        }
        if (this.seen.has(an)) this.error(`the attribute ${an} appears twice in <${name}>`, `<${name}> 中属性 ${an} 出现了两次`);
        this.seen.add(an);
      }
      this.an[this.ac] = an;
      this.av[this.ac] = value;
      this.ac++;
      if (an.charCodeAt(0) === 0x78 && an.startsWith("xmlns")) hasNs = true;
      j = close + 1;
    }
    if (this.stack.length >= this.maxDepth) {
      this.error(`elements are nested more than ${this.maxDepth} deep (LIMITS.depth)`, `元素嵌套超过 ${this.maxDepth} 层（LIMITS.depth）`);
    }
    this.i = j;
    this.stack.push(name);
    this.rootSeen = true;
    this.name = name;
    this.setLocal();
    if (hasNs) {
      for (let a = 0; a < this.ac; a++) {
        const n = this.an[a];
        if (n === "xmlns") this.ns.push({ depth: this.stack.length, prefix: "", uri: this.decode(this.av[a], false) });
        else if (n.startsWith("xmlns:")) this.ns.push({ depth: this.stack.length, prefix: n.slice(6), uri: this.decode(this.av[a], false) });
      }
    }
    if (selfClose) this.pendingClose = true;
    return OPEN;
  }

  private popNs(): void {
    while (this.ns.length && this.ns[this.ns.length - 1].depth > this.stack.length) this.ns.pop();
  }

  /** The namespace URI bound to a prefix ("" for the default namespace), or undefined. */
  namespaceOf(prefix: string): string | undefined {
    if (prefix === "xml") return XML_NS;
    for (let k = this.ns.length - 1; k >= 0; k--) if (this.ns[k].prefix === prefix) return this.ns[k].uri || undefined;
    return undefined;
  }

  /** The namespace URI of the element just opened or closed. */
  get uri(): string | undefined {
    const c = this.name.indexOf(":");
    return this.namespaceOf(c < 0 ? "" : this.name.slice(0, c));
  }

  /** Number of attributes of the element just opened. */
  get attrCount(): number {
    return this.ac;
  }

  attrName(k: number): string {
    return this.an[k];
  }

  attrValue(k: number): string {
    return this.decode(this.av[k], true);
  }

  /** An attribute of the element just opened, by its qualified name as written ("r", "r:id"). */
  attr(qname: string): string | undefined {
    for (let a = 0; a < this.ac; a++) if (this.an[a] === qname) return this.decode(this.av[a], true);
    return undefined;
  }

  /** An attribute in a namespace (any of the URIs given), by local name; prefixes are resolved. */
  attrNS(uris: readonly string[], local: string): string | undefined {
    for (let a = 0; a < this.ac; a++) {
      const n = this.an[a];
      const c = n.indexOf(":");
      if (c < 0 || n.slice(c + 1) !== local) continue;
      const u = this.namespaceOf(n.slice(0, c));
      if (u !== undefined && uris.includes(u)) return this.decode(this.av[a], true);
    }
    return undefined;
  }

  /** The decoded text of the TEXT event just returned. */
  text(): string {
    const raw = this.s.slice(this.tStart, this.tEnd);
    return this.tCdata ? raw : this.decode(raw, false);
  }

  /** Whether the TEXT event just returned is only whitespace. */
  isBlankText(): boolean {
    for (let k = this.tStart; k < this.tEnd; k++) if (!isSpace(this.s.charCodeAt(k))) return false;
    return true;
  }

  /**
   * After OPEN: the text content up to the matching CLOSE (text of nested elements included, at most
   * `maxChars` characters before the error `tooLong` is thrown).
   */
  readText(maxChars: number, tooLong: () => Error): string {
    const d = this.stack.length;
    let out = "";
    for (;;) {
      const ev = this.next();
      if (ev === TEXT) {
        out += this.text();
        if (out.length > maxChars) throw tooLong();
      } else if (ev === CLOSE && this.stack.length < d) return out;
    }
  }

  /** After OPEN: skips to the matching CLOSE. */
  skip(): void {
    const d = this.stack.length;
    if (this.pendingClose) {
      this.next();
      return;
    }
    for (;;) if (this.next() === CLOSE && this.stack.length < d) return;
  }

  /**
   * Calls fn after each child element opens (depth = parent's + 1); whatever fn leaves of the child
   * unread is skipped. Returns when the parent closes. Call right after the parent's OPEN.
   */
  children(fn: (local: string) => void): void {
    const d = this.stack.length;
    for (;;) {
      const ev = this.next();
      if (ev === OPEN) {
        const childDepth = this.stack.length;
        fn(this.local);
        while (this.stack.length >= childDepth) this.next();
        if (this.stack.length < d) return; // fn consumed the parent's close as well (not expected)
      } else if (ev === CLOSE && this.stack.length < d) return;
    }
  }

  /** Decodes entity and character references; in attribute values whitespace becomes spaces. */
  private decode(raw: string, attribute: boolean): string {
    let amp = raw.indexOf("&");
    const cr = raw.indexOf("\r");
    if (amp < 0 && cr < 0 && !(attribute && (raw.indexOf("\n") >= 0 || raw.indexOf("\t") >= 0))) return raw;
    let src = cr < 0 ? raw : raw.replace(/\r\n?/g, "\n");
    if (attribute) src = src.replace(/[\n\t]/g, " ");
    amp = src.indexOf("&");
    if (amp < 0) return src;
    let out = "";
    let from = 0;
    while (amp >= 0) {
      out += src.slice(from, amp);
      const semi = src.indexOf(";", amp + 1);
      if (semi < 0 || semi - amp > 12) this.error("a & that starts no entity", "& 之后没有实体");
      const ent = src.slice(amp + 1, semi);
      if (ent === "lt") out += "<";
      else if (ent === "gt") out += ">";
      else if (ent === "amp") out += "&";
      else if (ent === "quot") out += '"';
      else if (ent === "apos") out += "'";
      else if (ent.charCodeAt(0) === 0x23) {
        const hex = ent.charCodeAt(1) === 0x78;
        const digits = ent.slice(hex ? 2 : 1);
        const ok = digits.length > 0 && (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits);
        const cp = ok ? parseInt(digits, hex ? 16 : 10) : NaN;
        if (!validChar(cp)) this.error(`&${ent}; is not an allowed character`, `&${ent}; 不是允许的字符`);
        out += String.fromCodePoint(cp);
      } else this.error(`the entity &${ent}; is not defined (only the five predefined entities are)`, `实体 &${ent}; 未定义（只允许五个预定义实体）`);
      from = semi + 1;
      amp = src.indexOf("&", from);
    }
    return out + src.slice(from);
  }
}
