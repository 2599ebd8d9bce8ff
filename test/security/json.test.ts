/**
 * Hostile assessment files (.json), generated here, each at most 5 MB: issue 9's class 2 (unbounded
 * findings), class 8 (duplicate keys), the JSON parts of class 10 (a rater name that is not a string,
 * unknown top-level fields) and what was handled well and must stay so (JSON bombs, prototype
 * pollution). Each file alone is answered by `node bin/qcs.js score` in ≤ 10 s with ≤ 300 MB peak RSS,
 * measured in the child, with a clear message; eight 600,000-id files and a good one in one run each
 * get their line.
 */
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { readExchangeText, LIMITS } from "../../src/engine";
import { exampleJson, lines, MAX_MS, MAX_RSS_MB, measure, qcs, root, tmp, type Line } from "./kit";

jest.setTimeout(300_000);

const GOOD = path.join(root, "examples/02-uniform-0.9-L4.json");
const base = () => exampleJson() as Record<string, unknown> & { service: { raters: Record<string, unknown>[] }; maturity: Record<string, unknown> };

/** `n` distinct ids of three printable characters (no quote, no backslash): 93³ = 804,357 of them */
function ids(n: number): string[] {
  let A = "";
  for (let c = 0x20; c < 0x7f; c++) if (c !== 0x22 && c !== 0x5c) A += String.fromCharCode(c);
  const out: string[] = [];
  // never one of the scheme's ids ("1.1"): every id is unknown
  for (const a of A) for (const b of A) for (const c of A) if (out.length < n && !/^\d\.\d$/.test(a + b + c)) out.push(a + b + c);
  return out;
}
/** the members of an object with `n` distinct keys, each with `value` */
const members = (n: number, value: string) =>
  ids(n)
    .map((k) => `"${k}":${value}`)
    .join(",");
/** the example with `text` put in place of `"key":` (function replacement: no $ patterns) */
const inject = (json: string, at: string, text: string) => {
  const i = json.indexOf(at);
  if (i < 0) throw new Error(`no ${at}`);
  return json.slice(0, i) + text + json.slice(i);
};

interface Case {
  name: string;
  text: string;
  /** the file's bytes, when not the UTF-8 of `text` */
  bytes?: Buffer;
  /** the first error's message (en-US) */
  says: RegExp;
  /** what else the line must show */
  check?: (l: Line) => void;
}

const S2 = () => JSON.stringify(base());
const unknownIds = () => `{"scheme":"${S.id}","service":{"raters":[{"alpha":{${members(600_000, "1")}}}]},"maturity":{}}`;

const cases: Case[] = [
  {
    name: "600,000 unknown item ids (class 2)",
    text: unknownIds(),
    says: /^field service\.raters\[0\]\.alpha, rater 1: unknown item id/,
    check: (l) => {
      expect(l.findings).toHaveLength(LIMITS.findingsPerFile + 1);
      // 600,000 unknown ids and the engine's findings on what is not scored, less the 200 listed
      expect(l.findings[LIMITS.findingsPerFile].message).toMatch(/^599,8\d\d more findings not listed \(at most 200 per file\)$/);
      expect(l.findings.slice(0, LIMITS.findingsPerFile).every((f) => f.code === "unknown-item")).toBe(true);
    },
  },
  { name: "600,000 unknown clause ids", text: inject(S2(), '"1.1":4', `${members(560_000, "4")},`), says: /^field maturity: unknown clause id/ },
  { name: "480,000 unknown evidence ids of a rater", text: inject(S2(), '"alpha":', `"evidence":{${members(480_000, '"x"')}},`), says: /unknown item id/ },
  { name: "560,000 unknown fields in a rater (warnings: scored, counted)", text: inject(S2(), '"alpha":', `${members(560_000, "1")},`), says: /^$/ },
  { name: "560,000 unknown top-level fields (scored, warned: 560,000 warnings counted)", text: inject(S2(), '"scheme":', `${members(560_000, "1")},`), says: /^$/ },
  { name: "480,000 unknown maturity evidence ids", text: inject(S2(), '"maturity":', `"maturityEvidence":{${members(480_000, '"x"')}},`), says: /unknown clause id/ },
  { name: "560,000 unknown audit fields (warnings: scored, counted)", text: inject(S2(), '"maturity":', `"audit":{${members(560_000, "1")}},`), says: /^$/ },
  { name: "2,400,000 nonconformities that are numbers", text: inject(S2(), '"maturity":', `"nonconformities":[${"1,".repeat(2_400_000)}1],`), says: /holds more than 1,000,000 values \(LIMITS\.jsonValues/ },
  { name: "1,600,000 empty raters [{},{},…]", text: inject(S2(), '{"alpha"', "{},".repeat(1_600_000)), says: /holds more than 1,000,000 values \(LIMITS\.jsonValues/ },
  { name: "380,000 raters with an empty alpha", text: inject(S2(), '{"alpha"', '{"alpha":{}},'.repeat(380_000)), says: /more than 1000 raters; the rest were not read/ },
  {
    name: "600,000 duplicates of the key 1.1 (class 8)",
    text: inject(S2(), '"1.1":0.9', '"1.1":1,'.repeat(600_000)),
    says: /^field service\.raters\[0\]\.alpha: the key "1\.1" appears more than once in one object; which value counts is ambiguous$/,
    check: (l) => expect(l.findings[LIMITS.findingsPerFile].message).toMatch(/^599,800 more findings not listed/),
  },
  { name: "2,000,000 nested arrays", text: "[".repeat(2_000_000), says: /nested deeper than 64 levels \(LIMITS\.depth, line 1, column 65\); not read/ },
  { name: "900,000 nested objects", text: '{"a":'.repeat(900_000), says: /nested deeper than 64 levels \(LIMITS\.depth/ },
  { name: "an organisation of 800,000 ESC characters (scored; the report cut)", text: S2().replace('"organization":"', () => `"organization":"${"\\u001b".repeat(800_000)}`), says: /^$/ },
  { name: "an α of 4,000,000 digits (Infinity)", text: S2().replace('"1.2":0.9', () => `"1.2":1${"0".repeat(4_000_000)}`), says: /item 1\.2: α Infinity is outside \[0, 1\]/ },
  { name: "5 MB of white space", text: " ".repeat(5 * 1024 * 1024 - 16), says: /malformed JSON \(line 1, column \d+\): unexpected end of the text/ },
  { name: "a string of 2,500,000 \\u escapes that never ends", text: `{"organization":"${"\\u0041".repeat(800_000)}`, says: /malformed JSON .*unterminated string/ },
  { name: "a UTF-8 byte-order mark (scored)", text: "\ufeff" + S2(), says: /^$/ },
  { name: "UTF-16 text (not UTF-8)", text: "", bytes: Buffer.from("\ufeff" + S2(), "utf16le"), says: /^malformed JSON \(line 1, column 1\)/ },
  { name: "bytes that are not UTF-8", text: "", bytes: Buffer.concat([Buffer.from('{"organization":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('",' + S2().slice(1).replace('"organization":', '"x":'))]), says: /^$/ },
];

describe("hostile JSON assessments: each ≤ 5 MB, ≤ 10 s, ≤ 300 MB, a clear message", () => {
  const dir = tmp("qcs-json-");
  const files: string[] = [];
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeAll(() => {
    cases.forEach((c, i) => {
      const file = path.join(dir, `j${String(i).padStart(2, "0")}.json`);
      fs.writeFileSync(file, c.bytes ?? c.text);
      expect([c.name, fs.statSync(file).size <= LIMITS.fileBytes]).toEqual([c.name, true]);
      files.push(file);
    });
  });

  test("each alone: time, memory and its message", () => {
    const rows: string[] = [];
    cases.forEach((c, i) => {
      const m = measure(["score", "--json", "--lang", "en-US", files[i]]);
      rows.push(`${c.name.padEnd(72)} ${String(fs.statSync(files[i]).size).padStart(8)} B ${String(m.ms).padStart(6)} ms ${m.rssMb.toFixed(0).padStart(4)} MB exit ${m.status}`);
      expect([c.name, m.ms <= MAX_MS, m.rssMb <= MAX_RSS_MB]).toEqual([c.name, true, true]);
      const [line] = lines(m.stdout);
      // every line is bounded: at most LIMITS.findingsPerFile findings and one that counts the rest
      expect(line.findings.length).toBeLessThanOrEqual(LIMITS.findingsPerFile + 1);
      const first = line.findings.find((f) => f.severity === "error");
      if (c.says.source === "^$") expect([c.name, first?.message]).toEqual([c.name, undefined]);
      else {
        expect([c.name, m.status]).toEqual([c.name, 2]);
        expect([c.name, first?.message]).toEqual([c.name, expect.stringMatching(c.says)]);
      }
      c.check?.(line);
    });
    // eslint-disable-next-line no-console
    console.log(`hostile JSON inputs (file size, wall time, peak RSS):\n${rows.join("\n")}`);
  });

  test("the text report is bounded too (≤ 4,000 characters a line, ≤ 1 MB a file)", () => {
    // the files with the most to print: 600,000 ids, 560,000 warnings, 600,000 duplicates, the 800,000-character name
    const loud = cases.map((c, i) => [c.name, files[i]] as const).filter(([n]) => /^(600,000 unknown item|560,000 unknown top-level|600,000 duplicates|an organisation of)/.test(n));
    expect(loud).toHaveLength(4);
    const r = qcs(["score", "--lang", "en-US", ...loud.map(([, f]) => f)]);
    const longest = Math.max(...r.stdout.split("\n").map((l) => l.length));
    expect(longest).toBeLessThanOrEqual(4000 + "…(+9999999)".length);
    const reports = r.stdout.split(/\n(?=== )/);
    expect(reports).toHaveLength(loud.length);
    for (const rep of reports) expect(rep.length).toBeLessThan(1 << 20);
    expect(r.stdout).toContain("…(+");
  });

  test("eight 600,000-id files and a good one in one run: every result printed, memory measured", () => {
    const many = Array.from({ length: 8 }, (_, k) => {
      const f = path.join(dir, `ids-${k}.json`);
      fs.copyFileSync(files[0], f);
      return f;
    });
    const m = measure(["score", "--json", ...many, GOOD]);
    const out = lines(m.stdout);
    expect(out).toHaveLength(9);
    for (const l of out.slice(0, 8)) expect([l.ok, l.findings.length]).toEqual([false, LIMITS.findingsPerFile + 1]);
    expect([out[8].ok, out[8].grade]).toEqual([true, "AAAA"]);
    expect(m.status).toBe(2);
    // memory does not add up over the files (each file's is released; the heap keeps some garbage between them)
    expect(m.rssMb).toBeLessThanOrEqual(MAX_RSS_MB + 150);
    const text = qcs(["score", ...many.slice(0, 2)]);
    expect(text.stdout.length).toBeLessThan(200_000);
    // eslint-disable-next-line no-console
    console.log(`8 × 600,000 unknown ids + 1 good file in one run: ${m.ms} ms, peak ${m.rssMb.toFixed(0)} MB; text report of one: ${(text.stdout.length / 2).toFixed(0)} characters`);
  });
});

describe("duplicate keys (class 8): never silently resolved", () => {
  const read = (text: string) => readExchangeText(text, S);
  test.each([
    ["in alpha", (j: string) => j.replace('"1.1":0.9', '"1.1":0.1,"1.1":0.9'), "service.raters[0].alpha", "1.1"],
    ["in maturity", (j: string) => j.replace('"1.1":4', '"1.1":5,"1.1":4'), "maturity", "1.1"],
    ["at the top", (j: string) => j.replace('"organization":', '"organization":"A","organization":'), "(root)", "organization"],
    ["in the conformity record", (j: string) => j.replace('"passed":true', '"passed":false,"passed":true'), "conformity", "passed"],
    ["a key written with an escape", (j: string) => j.replace('"1.1":0.9', '"1\\u002e1":0.1,"1.1":0.9'), "service.raters[0].alpha", "1.1"],
  ])("%s: an error naming the object and the key, the file not scored", (_n, edit, field, key) => {
    const text = edit(S2());
    expect(text).not.toBe(S2());
    // JSON.parse would keep the last value and score the file
    expect(() => JSON.parse(text)).not.toThrow();
    const r = read(text);
    expect(r.input).toBeNull();
    expect(r.findings[0]).toMatchObject({ code: "duplicate-key", severity: "error", field });
    expect(r.findings[0].message.en).toContain(`the key "${key}" appears more than once`);
  });

  test("through the command: exit 2, the message on stderr, no grade", () => {
    const dir = tmp("qcs-dup-");
    const f = path.join(dir, "dup.json");
    fs.writeFileSync(f, S2().replace('"1.1":0.9', '"1.1":0.1,"1.1":0.9'));
    const r = qcs(["score", "--json", "--lang", "en-US", f]);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe(2);
    const [l] = lines(r.stdout);
    expect([l.ok, l.grade, l.serviceScore]).toEqual([false, null, null]);
    expect(r.stderr).toContain('the key "1.1" appears more than once in one object');
  });
});

describe("class 10 (JSON): a rater name that is not a string, unknown top-level fields", () => {
  test.each([42, true, ["A"], { first: "A" }, null])("rater name %j: an error naming the field, not dropped silently", (name) => {
    const j = base();
    j.service.raters[0].name = name;
    const r = readExchangeText(JSON.stringify(j), S);
    expect(r.findings).toContainEqual(expect.objectContaining({ code: "bad-field", severity: "error", field: "service.raters[0].name" }));
  });

  test('the typo "conformty": a warning that names it and lists the fields, and the grade is provisional', () => {
    const j = base();
    j.conformty = j.conformity;
    delete j.conformity;
    const dir = tmp("qcs-typo-");
    const f = path.join(dir, "typo.json");
    fs.writeFileSync(f, JSON.stringify(j));
    const r = qcs(["score", "--json", "--lang", "en-US", f]);
    fs.rmSync(dir, { recursive: true, force: true });
    const [l] = lines(r.stdout);
    expect(l.findings).toContainEqual(expect.objectContaining({ code: "unknown-field", severity: "warning", field: "conformty" }));
    expect(l.findings.find((x) => x.code === "unknown-field")?.message).toMatch(/unknown field "conformty", ignored \(the exchange format's fields: scheme, profile, organization, service, maturity, .*conformity/);
    expect((l as unknown as { provisional: boolean }).provisional).toBe(true);
  });
});

describe("handled well before, kept so: prototype pollution", () => {
  test("__proto__ and constructor keys everywhere: own data, never the prototype; reported as unknown", () => {
    const text = S2()
      .replace("{", '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},')
      .replace('"1.1":0.9', '"__proto__":{"polluted":1},"1.1":0.9')
      .replace('"passed":true', '"passed":true,"__proto__":{"polluted":1}');
    const r = readExchangeText(text, S);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.findings.map((f) => f.message.en)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('unknown field "__proto__"'),
        expect.stringContaining('unknown field "constructor"'),
        expect.stringContaining('unknown item id "__proto__"'),
      ])
    );
    // and in a child process the command scores nothing from them
    const dir = tmp("qcs-proto-");
    const f = path.join(dir, "proto.json");
    fs.writeFileSync(f, text);
    const c = qcs(["score", "--json", "--lang", "en-US", f]);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(lines(c.stdout)[0].grade).toBeNull();
  });
});
