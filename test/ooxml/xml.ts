/**
 * A small, strict, namespace-aware XML reader and writer for the OOXML checker: fast enough for the
 * ~800 KB worksheet of a 50-rater template (a DOM from jsdom takes ~0.6 s per such part), and strict
 * where a package part must be: one root element, matched tags, no duplicate attributes, no unbound
 * prefixes, only the five predefined entities and character references, no DTD (ECMA-376 Part 2,
 * §8.1.4 (M1.17): a package's XML parts shall not contain DTD declarations).
 *
 * Then the markup-compatibility preprocessing of ECMA-376 Part 3 that a consumer applies before it
 * validates a part: content in ignorable namespaces is dropped, mc:AlternateContent is resolved to its
 * first Choice whose namespaces are all understood (else its Fallback), mc:MustUnderstand of a
 * namespace not understood is an error. Entries inside <extLst> are left alone (their schema allows
 * any content there).
 */

export interface XAttr {
  qname: string;
  prefix: string;
  local: string;
  /** namespace URI; "" for an unprefixed attribute */
  ns: string;
  value: string;
}

export interface XElem {
  qname: string;
  prefix: string;
  local: string;
  ns: string;
  attrs: XAttr[];
  children: XNode[];
  /** 1-based line of the start tag */
  line: number;
  /** prefix → namespace URI in scope here ("" = default namespace) */
  scope: Record<string, string>;
}

export type XNode = XElem | string;

export class XmlError extends Error {
  constructor(
    message: string,
    public line: number
  ) {
    super(`line ${line}: ${message}`);
  }
}

export const NS = {
  xml: "http://www.w3.org/XML/1998/namespace",
  xmlns: "http://www.w3.org/2000/xmlns/",
  mc: "http://schemas.openxmlformats.org/markup-compatibility/2006",
  sml: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  ct: "http://schemas.openxmlformats.org/package/2006/content-types",
  rels: "http://schemas.openxmlformats.org/package/2006/relationships",
  cp: "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
  ep: "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
  custom: "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
  vt: "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
  dc: "http://purl.org/dc/elements/1.1/",
  dcterms: "http://purl.org/dc/terms/",
  dcmitype: "http://purl.org/dc/dcmitype/",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
} as const;

/** The namespaces the stored schemas (../shared/ooxml-xsd) define: everything else is "not understood". */
export const UNDERSTOOD = new Set<string>([
  NS.xml,
  NS.sml,
  NS.r,
  NS.a,
  NS.xdr,
  NS.c,
  NS.ct,
  NS.rels,
  NS.cp,
  NS.ep,
  NS.custom,
  NS.vt,
  NS.dc,
  NS.dcterms,
  NS.dcmitype,
  NS.xsi,
]);

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const NAME = "[A-Za-z_\\u00C0-\\uFFFF][-A-Za-z0-9_.\\u00B7\\u00C0-\\uFFFF]*";
const QNAME = `${NAME}(?::${NAME})?`;
const START = new RegExp(`<(${QNAME})`, "y");
const ATTR = new RegExp(`\\s+(${QNAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, "y");
const TAG_END = /\s*(\/?)>/y;
const END = new RegExp(`</(${QNAME})\\s*>`, "y");
/** a character XML 1.0 does not allow (§2.2 Char), tested per UTF-16 code unit (surrogates come in pairs) */
// eslint-disable-next-line no-control-regex -- these control characters are exactly what is looked for
const BAD_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function decode(s: string, lineOf: () => number): string {
  if (BAD_CHAR.test(s)) throw new XmlError("a character XML does not allow", lineOf());
  if (!s.includes("&")) return s;
  return s.replace(/&([^;&\s]*);?/g, (m, body: string) => {
    if (!m.endsWith(";")) throw new XmlError(`"&" that starts no reference: ${m.slice(0, 12)}`, lineOf());
    if (body in ENTITIES) return ENTITIES[body];
    const num = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(body);
    if (!num) throw new XmlError(`undefined entity &${body};`, lineOf());
    const cp = num[1] !== undefined ? parseInt(num[1], 16) : parseInt(num[2], 10);
    const ok =
      cp === 0x9 ||
      cp === 0xa ||
      cp === 0xd ||
      (cp >= 0x20 && cp <= 0xd7ff) ||
      (cp >= 0xe000 && cp <= 0xfffd) ||
      (cp >= 0x10000 && cp <= 0x10ffff);
    if (!ok) throw new XmlError(`character reference &${body}; names a character XML does not allow`, lineOf());
    return String.fromCodePoint(cp);
  });
}

function split(qname: string): [string, string] {
  const i = qname.indexOf(":");
  return i < 0 ? ["", qname] : [qname.slice(0, i), qname.slice(i + 1)];
}

/** Parses one XML document; throws XmlError on anything not well-formed. */
export function parseXml(text: string): XElem {
  let s = text;
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  let i = 0;
  // line numbers only for messages: found from the offset when asked, never counted while parsing
  const newlines: number[] = [];
  for (let k = s.indexOf("\n"); k >= 0; k = s.indexOf("\n", k + 1)) newlines.push(k);
  const lineAt = (pos: number) => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid] < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  const here = () => lineAt(i);
  const advance = (to: number) => {
    i = to;
  };
  const misc = (allowDecl: boolean) => {
    for (;;) {
      const ws = /\s*/y;
      ws.lastIndex = i;
      ws.exec(s);
      advance(ws.lastIndex);
      if (s.startsWith("<?xml", i) && /^<\?xml[\s?]/.test(s.slice(i, i + 6))) {
        if (!allowDecl || i !== 0) throw new XmlError("XML declaration not at the start", lineAt(i));
        const e = s.indexOf("?>", i);
        if (e < 0) throw new XmlError("unclosed XML declaration", lineAt(i));
        advance(e + 2);
      } else if (s.startsWith("<?", i)) {
        const e = s.indexOf("?>", i);
        if (e < 0) throw new XmlError("unclosed processing instruction", lineAt(i));
        advance(e + 2);
      } else if (s.startsWith("<!--", i)) {
        const e = s.indexOf("-->", i + 4);
        if (e < 0) throw new XmlError("unclosed comment", lineAt(i));
        advance(e + 3);
      } else if (s.startsWith("<!DOCTYPE", i)) {
        throw new XmlError("DTD declaration (not allowed in a package part)", lineAt(i));
      } else return;
      allowDecl = false;
    }
  };
  misc(true);
  const root = element({ xml: NS.xml });
  misc(false);
  if (i < s.length) throw new XmlError("content after the root element", lineAt(i));
  return root;

  function element(parentScope: Record<string, string>): XElem {
    START.lastIndex = i;
    const m = START.exec(s);
    if (!m) throw new XmlError(`expected an element, found ${JSON.stringify(s.slice(i, i + 20))}`, lineAt(i));
    const startPos = i;
    const startLine = () => lineAt(startPos);
    advance(START.lastIndex);
    const raw: [string, string][] = [];
    for (;;) {
      ATTR.lastIndex = i;
      const a = ATTR.exec(s);
      if (!a) break;
      raw.push([a[1], decode(a[2] ?? a[3], here).replace(/[\t\n\r]/g, " ")]);
      advance(ATTR.lastIndex);
    }
    TAG_END.lastIndex = i;
    const te = TAG_END.exec(s);
    if (!te) throw new XmlError(`malformed start tag <${m[1]}`, lineAt(i));
    advance(TAG_END.lastIndex);
    let scope = parentScope;
    const seen = new Set<string>();
    for (const [q, v] of raw) {
      if (seen.has(q)) throw new XmlError(`attribute ${q} twice on <${m[1]}>`, startLine());
      seen.add(q);
      if ((q === "xmlns" || q.startsWith("xmlns:")) && scope === parentScope)
        scope = Object.create(parentScope) as Record<string, string>;
      if (q === "xmlns") scope[""] = v;
      else if (q.startsWith("xmlns:")) {
        if (v === "") throw new XmlError(`empty namespace for prefix ${q.slice(6)}`, startLine());
        scope[q.slice(6)] = v;
      }
    }
    const [prefix, local] = split(m[1]);
    const ns = scope[prefix];
    if (prefix && ns === undefined) throw new XmlError(`unbound prefix ${prefix}:`, startLine());
    const attrs: XAttr[] = raw.map(([q, v]) => {
      const [p, l] = split(q);
      if (q === "xmlns" || p === "xmlns") return { qname: q, prefix: p, local: l, ns: NS.xmlns, value: v };
      const ans = p ? scope[p] : "";
      if (ans === undefined) throw new XmlError(`unbound prefix ${p}: on attribute ${q}`, startLine());
      return { qname: q, prefix: p, local: l, ns: ans, value: v };
    });
    const expanded = new Set<string>();
    if (attrs.length > 1)
      for (const a of attrs) {
        const key = `${a.ns}|${a.local}`;
        if (a.ns !== NS.xmlns && expanded.has(key))
          throw new XmlError(`attribute {${a.ns}}${a.local} twice on <${m[1]}>`, startLine());
        expanded.add(key);
      }
    const el: XElem = { qname: m[1], prefix, local, ns: ns ?? "", attrs, children: [], line: startLine(), scope };
    if (te[1] === "/") return el;
    let text = "";
    const flush = () => {
      if (text) el.children.push(text);
      text = "";
    };
    for (;;) {
      const lt = s.indexOf("<", i);
      if (lt < 0) throw new XmlError(`<${m[1]}> is never closed`, startLine());
      if (lt > i) {
        const chunk = s.slice(i, lt);
        if (chunk.includes("]]>")) throw new XmlError('"]]>" in text', lineAt(i));
        text += decode(chunk, here);
        advance(lt);
      }
      if (s.startsWith("</", i)) {
        END.lastIndex = i;
        const e = END.exec(s);
        if (!e) throw new XmlError("malformed end tag", lineAt(i));
        if (e[1] !== m[1]) throw new XmlError(`</${e[1]}> closes <${m[1]}> (line ${startLine()})`, lineAt(i));
        advance(END.lastIndex);
        flush();
        return el;
      }
      if (s.startsWith("<![CDATA[", i)) {
        const e = s.indexOf("]]>", i);
        if (e < 0) throw new XmlError("unclosed CDATA section", lineAt(i));
        text += s.slice(i + 9, e);
        advance(e + 3);
      } else if (s.startsWith("<!--", i)) {
        const e = s.indexOf("-->", i + 4);
        if (e < 0) throw new XmlError("unclosed comment", lineAt(i));
        advance(e + 3);
      } else if (s.startsWith("<?", i)) {
        const e = s.indexOf("?>", i);
        if (e < 0) throw new XmlError("unclosed processing instruction", lineAt(i));
        advance(e + 2);
      } else if (s.startsWith("<!", i)) {
        throw new XmlError("markup declaration inside an element", lineAt(i));
      } else {
        flush();
        el.children.push(element(scope));
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// reading helpers

export const isElem = (n: XNode): n is XElem => typeof n !== "string";

/** Child elements, optionally only those with this local name (in the element's own namespace). */
export function kids(el: XElem, local?: string, ns: string = el.ns): XElem[] {
  return el.children.filter(
    (c): c is XElem => isElem(c) && (local === undefined || (c.local === local && c.ns === ns))
  );
}

export function kid(el: XElem, local: string, ns: string = el.ns): XElem | undefined {
  return kids(el, local, ns)[0];
}

/** Every descendant element with this local name and namespace, in document order. */
export function descendants(el: XElem, local: string, ns: string): XElem[] {
  const out: XElem[] = [];
  const walk = (e: XElem) => {
    for (const c of e.children) {
      if (!isElem(c)) continue;
      if (c.local === local && c.ns === ns) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

/** An attribute's value: unprefixed by local name, or {ns}local. */
export function attr(el: XElem, local: string, ns = ""): string | undefined {
  return el.attrs.find((a) => a.local === local && a.ns === ns && a.ns !== NS.xmlns)?.value;
}

export function textOf(el: XElem): string {
  return el.children.map((c) => (isElem(c) ? textOf(c) : c)).join("");
}

// ---------------------------------------------------------------------------------------------
// markup compatibility (ECMA-376 Part 3)

const escText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escAttr = (s: string) =>
  escText(s).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");

export function serialize(el: XElem): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  const walk = (e: XElem) => {
    out.push(`<${e.qname}`);
    for (const a of e.attrs) out.push(` ${a.qname}="${escAttr(a.value)}"`);
    if (!e.children.length) {
      out.push("/>");
      return;
    }
    out.push(">");
    for (const c of e.children) {
      if (isElem(c)) walk(c);
      else out.push(escText(c));
    }
    out.push(`</${e.qname}>`);
  };
  walk(el);
  return out.join("");
}

export interface McResult {
  root: XElem;
  /** violations of the markup-compatibility rules themselves (e.g. MustUnderstand of an unknown namespace) */
  errors: string[];
}

/**
 * The part as a consumer that understands only the ECMA-376 Transitional namespaces sees it. Also drops
 * xml:space, which Excel itself writes on <t>, <oddFooter> and the like although the schemas do not
 * declare it there (see ../shared/ooxml-xsd/PROVENANCE.txt): it only says how to treat white space.
 */
export function preprocess(root: XElem): McResult {
  const errors: string[] = [];
  const prefixesToNs = (el: XElem, list: string | undefined, what: string): string[] =>
    (list ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((p) => {
        const ns = el.scope[p];
        if (ns === undefined) errors.push(`line ${el.line}: mc:${what} names the unbound prefix ${p}`);
        return ns ?? "";
      });

  const walk = (el: XElem, ignorable: Set<string>, inExt: boolean): XNode[] => {
    if (inExt) return [el];
    let ign = ignorable;
    const own = attr(el, "Ignorable", NS.mc);
    if (own !== undefined) {
      ign = new Set(ignorable);
      for (const ns of prefixesToNs(el, own, "Ignorable")) if (!UNDERSTOOD.has(ns)) ign.add(ns);
    }
    for (const ns of prefixesToNs(el, attr(el, "MustUnderstand", NS.mc), "MustUnderstand")) {
      if (!UNDERSTOOD.has(ns))
        errors.push(`line ${el.line}: mc:MustUnderstand names ${ns}, which a consumer of ECMA-376 does not understand`);
    }
    if (el.ns === NS.mc) {
      if (el.local !== "AlternateContent") {
        errors.push(`line ${el.line}: mc:${el.local} outside mc:AlternateContent`);
        return [];
      }
      for (const choice of kids(el, "Choice", NS.mc)) {
        const req = prefixesToNs(choice, attr(choice, "Requires"), "Requires");
        if (req.length && req.every((ns) => UNDERSTOOD.has(ns)))
          return choice.children.flatMap((c) => (isElem(c) ? walk(c, ign, false) : [c]));
      }
      const fb = kid(el, "Fallback", NS.mc);
      return fb ? fb.children.flatMap((c) => (isElem(c) ? walk(c, ign, false) : [c])) : [];
    }
    if (!UNDERSTOOD.has(el.ns) && ign.has(el.ns)) {
      // mc:ProcessContent on an ancestor would keep the children; no writer we check uses it
      return [];
    }
    const attrs = el.attrs.filter(
      (a) =>
        a.ns !== NS.mc &&
        !(a.ns === NS.xml && a.local === "space") &&
        !(a.ns && a.ns !== NS.xmlns && !UNDERSTOOD.has(a.ns) && ign.has(a.ns))
    );
    const ext = el.local === "extLst" && el.ns === NS.sml;
    const children = el.children.flatMap((c) => (isElem(c) ? walk(c, ign, ext) : [c]));
    return [{ ...el, attrs, children }];
  };
  const out = walk(root, new Set(), false);
  const first = out.find(isElem);
  if (!first || out.filter(isElem).length !== 1) {
    errors.push("the root element resolves to no element or to several");
    return { root, errors };
  }
  return { root: first, errors };
}
