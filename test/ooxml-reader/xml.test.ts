/**
 * The XML pull parser: what SpreadsheetML needs, refusing DOCTYPE/entities (XXE, billion laughs) and
 * deep nesting, and linear in time on MB-sized parts (measured).
 */
import { CLOSE, EOF, OPEN, TEXT, XmlPull } from "../../src/workbook/ooxml/xml";
import { faultOf } from "./kit";
import { LIMITS } from "../../src/workbook/limits";

/** Every event as a compact string: <name a=v>, text, </name>. */
function events(xml: string, depth = 64): string[] {
  const x = new XmlPull(xml, "t.xml", depth);
  const out: string[] = [];
  for (;;) {
    const ev = x.next();
    if (ev === EOF) return out;
    if (ev === OPEN) {
      const attrs: string[] = [];
      for (let k = 0; k < x.attrCount; k++) attrs.push(`${x.attrName(k)}=${x.attrValue(k)}`);
      out.push(`<${x.name}${attrs.length ? " " + attrs.join(" ") : ""}>`);
    } else if (ev === CLOSE) out.push(`</${x.name}>`);
    else if (ev === TEXT) out.push(x.text());
  }
}

describe("XML pull parser", () => {
  test("elements, attributes with prefixes, text, self-closing tags, declaration, comments, PIs", () => {
    const xml = `\uFEFF<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- c --><x:root xmlns:x="urn:x" a='1' x:b="two"><c r="A1"/><t>hi <?pi x?>there</t></x:root>\n`;
    expect(events(xml)).toEqual(["<x:root xmlns:x=urn:x a=1 x:b=two>", '<c r=A1>', "</c>", "<t>", "hi ", "there", "</t>", "</x:root>"]);
  });

  test("the five entities, decimal and hex character references, CDATA, CR LF normalisation", () => {
    const xml = `<a v="&lt;&amp;&gt;&quot;&apos;&#65;&#x4E2D;&#x1F600;">&lt;x&gt; &amp; &#8364;<![CDATA[<raw & stuff>]]>a\r\nb</a>`;
    expect(events(xml)).toEqual(['<a v=<&>"\'A中😀>', "<x> & €", "<raw & stuff>", "a\nb", "</a>"]);
  });

  test("attribute values: tabs and newlines become spaces (XML attribute normalisation)", () => {
    expect(events(`<a v="x\ty\nz"/>`)).toEqual(["<a v=x y z>", "</a>"]);
  });

  test("namespaces resolve through prefixes and scopes", () => {
    const x = new XmlPull(`<w xmlns="urn:main" xmlns:r="urn:rel"><s r:id="rId1" id="plain"/><r:q xmlns:r="urn:other" r:id="x"/></w>`, "t", 64);
    expect(x.next()).toBe(OPEN);
    expect(x.uri).toBe("urn:main");
    expect(x.next()).toBe(OPEN);
    expect(x.local).toBe("s");
    expect(x.attrNS(["urn:rel"], "id")).toBe("rId1");
    expect(x.attr("id")).toBe("plain");
    expect(x.next()).toBe(CLOSE);
    expect(x.next()).toBe(OPEN);
    expect(x.uri).toBe("urn:other");
    expect(x.attrNS(["urn:rel"], "id")).toBeUndefined();
    expect(x.attrNS(["urn:other"], "id")).toBe("x");
  });

  test("a DOCTYPE is refused: billion laughs and external entities (XXE)", () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>`;
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>`;
    for (const xml of [laughs, xxe]) {
      const f = faultOf(() => events(xml));
      expect(f.code).toBe("doctype");
      expect(f.text.en).toContain("DOCTYPE or entity declaration");
      expect(f.text.zh).toContain("DOCTYPE");
    }
  });

  test("an entity that is not one of the five is refused (there is no DTD to define it)", () => {
    const f = faultOf(() => events(`<r>&xxe;</r>`));
    expect(f.code).toBe("xml");
    expect(f.text.en).toContain("&xxe; is not defined");
    expect(faultOf(() => events(`<r a="&#0;"/>`)).text.en).toContain("not an allowed character");
    expect(faultOf(() => events(`<r>&#xD800;</r>`)).text.en).toContain("not an allowed character");
  });

  test("nesting deeper than LIMITS.depth is refused, quickly", () => {
    const deep = "<a>".repeat(100_000) + "</a>".repeat(100_000);
    const t0 = Date.now();
    const f = faultOf(() => events(deep, LIMITS.depth));
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(f.text.en).toContain(`nested more than ${LIMITS.depth} deep (LIMITS.depth)`);
    // exactly at the bound is fine
    expect(events("<a>".repeat(LIMITS.depth) + "</a>".repeat(LIMITS.depth), LIMITS.depth)).toHaveLength(2 * LIMITS.depth);
  });

  test("malformed documents: mismatched or unclosed tags, second root, duplicate attributes, text outside, < in values", () => {
    const cases: [string, RegExp][] = [
      ["<a><b></a>", /<\/a> closes <b>/],
      ["<a><b>", /ends inside <b>/],
      ["<a/><b/>", /second root/],
      [`<a x="1" x="2"/>`, /appears twice/],
      ["text<a/>", /outside the root/],
      [`<a x="<"/>`, /< inside the value/],
      [`<a x=1/>`, /not quoted/],
      [`<a x="1"y="2"/>`, /separated by spaces/],
      ["", /no root element/],
      ["<a>&amp</a>", /starts no entity/],
      ["<a><!-- x</a>", /unterminated comment/],
    ];
    for (const [xml, msg] of cases) {
      const f = faultOf(() => events(xml));
      expect([xml, f.code]).toEqual([xml, "xml"]);
      expect(f.text.en).toMatch(msg);
      expect(f.text.en).toMatch(/line \d+/);
    }
  });

  test("many attributes: duplicates found in linear time, more than 1,000 refused", () => {
    const attrs = (n: number) => Array.from({ length: n }, (_, i) => `a${i}="${"v".repeat(100)}"`).join(" ");
    expect(events(`<r ${attrs(1000)}/>`)).toHaveLength(2);
    expect(faultOf(() => events(`<r ${attrs(20)} a7="x"/>`)).text.en).toContain("a7 appears twice");
    const t0 = Date.now();
    expect(faultOf(() => events(`<r ${attrs(200_000)}/>`)).text.en).toContain("more than 1000 attributes");
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  test("children(), readText() and skip() walk subtrees", () => {
    const x = new XmlPull(`<r><a><x><y>deep</y></x></a><t>one<b>two</b></t><c/></r>`, "t", 64);
    x.next();
    const seen: string[] = [];
    x.children((local) => {
      seen.push(local);
      if (local === "t") seen.push(x.readText(100, () => new Error("long")));
    });
    expect(seen).toEqual(["a", "t", "onetwo", "c"]);
    expect(x.next()).toBe(EOF);
    const y = new XmlPull(`<t>${"z".repeat(50)}</t>`, "t", 64);
    y.next();
    expect(() => y.readText(10, () => new Error("too long"))).toThrow("too long");
  });

  test("linear time on MB-sized parts: a 10 MB sheet-like part, measured", () => {
    const row = (r: number) => `<row r="${r}" spans="1:5"><c r="A${r}" s="1" t="s"><v>${r % 50}</v></c><c r="B${r}"><f>SUM(A${r}:A${r + 1})*2</f><v>3.5</v></c><c r="C${r}" t="inlineStr"><is><t>a &amp; b</t></is></c></row>`;
    const parts: string[] = [];
    let n = 0;
    for (let r = 1; n < 10 * 1024 * 1024; r++) {
      const s = row(r);
      parts.push(s);
      n += s.length;
    }
    const xml = `<worksheet><sheetData>${parts.join("")}</sheetData></worksheet>`;
    let best = Infinity;
    let opens = 0;
    for (let round = 0; round < 3; round++) {
      const x = new XmlPull(xml, "t", 64);
      const t0 = process.hrtime.bigint();
      opens = 0;
      for (let ev = x.next(); ev !== EOF; ev = x.next()) {
        if (ev === OPEN) {
          opens++;
          x.attr("r");
        } else if (ev === TEXT) x.text();
      }
      best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const mbPerS = xml.length / 1024 / 1024 / (best / 1000);
    // eslint-disable-next-line no-console
    console.log(`XML pull parser: ${(xml.length / 1024 / 1024).toFixed(1)} MB, ${opens} elements in ${best.toFixed(0)} ms (${mbPerS.toFixed(0)} MB/s)`);
    expect(opens).toBeGreaterThan(400_000);
    expect(mbPerS).toBeGreaterThan(10); // measured ≈ 60–100 MB/s on the CI machine; 10 leaves room for load
  });
});
