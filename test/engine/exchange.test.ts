/** The exchange format: strict JSON, every §6 record read and written back, unknown fields reported, findings bounded. */
import * as fs from "fs";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { LIMITS, parseJson, readExchange, readExchangeText, writeExchange } from "../../src/engine";
import { toExchange, uniform } from "../helpers";
import { fullRecords } from "./full-records";

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, "../../../shared/spec/assessment.schema.json"), "utf8"));

describe("exchange format", () => {
  test("every §6 record is valid against the schema, read, and written back unchanged", () => {
    const json = fullRecords();
    const ajv = new Ajv2020({ strict: false });
    ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
    expect(ajv.validate(schema, json)).toBe(true);
    const read = readExchange(json, S);
    expect(read.findings).toEqual([]);
    expect(read.input?.records?.audit?.team).toEqual(["王五", "赵六"]);
    expect(read.input?.raters[0].kind).toBe("person");
    expect(read.input?.raters[0].evidence?.[0]).toBe("前台接待规范");
    expect(writeExchange(read.input!, S)).toEqual(json);
  });

  test("a key given twice in one object is an error, never 'the last wins'", () => {
    const text = `{"service":{"raters":[{"alpha":{"1.1":0.1,"1.1":0.9}}]},"maturity":{}}`;
    expect(JSON.parse(text).service.raters[0].alpha["1.1"]).toBe(0.9); // what JSON.parse would do
    const r = readExchangeText(text, S);
    expect(r.input).toBeNull();
    expect(r.findings[0].code).toBe("duplicate-key");
    expect(r.findings[0].field).toBe("service.raters[0].alpha");
    expect(r.findings[0].message.en).toContain('"1.1" appears more than once');
  });

  test("unknown top-level fields are warnings naming the field (a typo does not pass unseen)", () => {
    const json = { ...toExchange(uniform(0.9, 4)), conformty: { passed: false } };
    const r = readExchange(json, S);
    expect(r.findings.map((f) => [f.code, f.severity, f.field])).toEqual([["unknown-field", "warning", "conformty"]]);
  });

  test("a rater name that is not a string is an error (as for organization)", () => {
    const json = toExchange(uniform(0.9, 4));
    (json.service as { raters: Record<string, unknown>[] }).raters[0].name = 42;
    const r = readExchange(json, S);
    expect(r.findings.map((f) => [f.code, f.severity, f.field])).toEqual([["bad-field", "error", "service.raters[0].name"]]);
  });

  test("record fields of the wrong type are errors naming the field", () => {
    const json = { ...toExchange(uniform(0.9, 4)), conformity: { passed: "yes" }, audit: { from: "2026-13-01" }, nonconformities: [{ description: "x", severity: "huge" }] };
    const fields = readExchange(json, S).findings.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(["conformity.passed", "audit.from", "nonconformities[0].severity"]));
  });

  test("600,000 unknown ids: at most LIMITS.findingsPerFile findings, the rest counted", () => {
    const alpha: Record<string, number> = {};
    for (let i = 0; i < 600_000; i++) alpha[`x${i}`] = 0.5;
    const json = { service: { raters: [{ alpha }] }, maturity: {} };
    const r = readExchange(json, S);
    expect(r.findings.length).toBeLessThanOrEqual(LIMITS.findingsPerFile + 1);
    expect(r.findings[r.findings.length - 1].code).toBe("more");
  });

  test("parseJson: strict syntax, depth bound, __proto__ stays an own key", () => {
    expect(parseJson("{\"a\":1,}").ok).toBe(false);
    expect(parseJson("[1 2]").ok).toBe(false);
    const deep = "[".repeat(100) + "]".repeat(100);
    const d = parseJson(deep, { maxDepth: 64 });
    expect(d.ok).toBe(false);
    const p = parseJson('{"__proto__":{"polluted":1}}');
    expect(p.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (p.ok) expect(Object.keys(p.value as object)).toEqual(["__proto__"]);
    const bad = parseJson('{\n  "a": tru\n}');
    expect(bad.ok ? null : [bad.line, bad.column]).toEqual([2, 8]);
  });
});
