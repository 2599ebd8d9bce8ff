/**
 * The engine's reading of the exchange format agrees with ../shared/spec/assessment.schema.json:
 * whatever the schema rejects, the engine rejects too; every example the schema accepts is scored.
 * (The engine is stricter: unknown item or clause ids and missing clauses are errors.)
 */
import Ajv2020 from "ajv/dist/2020";
import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { assess, readExchange } from "../../src/engine";

const root = path.join(__dirname, "../..");
const schema = JSON.parse(fs.readFileSync(path.join(root, "../shared/spec/assessment.schema.json"), "utf8"));
const validate = new Ajv2020({ strict: false }).compile(schema);

const engineAccepts = (json: unknown): boolean => {
  const read = readExchange(json, S);
  if (!read.input || read.findings.some((f) => f.severity !== "warning")) return false;
  return assess(read.input, S).complete;
};

describe("exchange format: engine vs JSON schema", () => {
  test("every example is valid under the schema and scored by the engine", () => {
    for (const f of fs.readdirSync(path.join(root, "examples"))) {
      const json = JSON.parse(fs.readFileSync(path.join(root, "examples", f), "utf8"));
      expect(validate(json)).toBe(true);
      expect(engineAccepts(json)).toBe(true);
    }
  });

  test("whatever the schema rejects, the engine rejects", () => {
    const base = JSON.parse(fs.readFileSync(path.join(root, "examples/07-panel.json"), "utf8"));
    const mutation = fc.record({
      target: fc.constantFrom("alpha", "level", "raters", "service", "maturity", "profile"),
      value: fc.oneof(
        fc.double({ min: -2, max: 3, noNaN: true }),
        fc.integer({ min: -1, max: 7 }),
        fc.constantFrom("N/A", "NA", "不适用", "abc", "三", "", true, null, [], {}),
      ),
    });
    fc.assert(
      fc.property(mutation, ({ target, value }) => {
        const j = structuredClone(base);
        if (target === "alpha") j.service.raters[1].alpha["4.2"] = value;
        if (target === "level") j.maturity["6.1"] = value;
        if (target === "raters") j.service.raters = value;
        if (target === "service") j.service = value;
        if (target === "maturity") j.maturity = value;
        if (target === "profile") j.profile = value;
        if (!validate(j)) expect(engineAccepts(j)).toBe(false);
      }),
      { numRuns: 300 }
    );
  });
});
