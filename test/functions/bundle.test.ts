/**
 * The built bundle dist/functions.js, loaded in a fresh V8 context with a stubbed custom-functions
 * runtime: every id in dist/functions.json is associated (once) with a function whose arity matches
 * the metadata's parameter count, errors are the runtime's CustomFunctions.Error, and the bundle also
 * loads where there is no runtime at all (a plain browser).
 */
import * as fs from "fs";
import * as vm from "vm";
import { distFile, readDistJson, type Metadata } from "./dist";

class StubError {
  constructor(
    public code: string,
    public message?: string
  ) {}
}

function load(withRuntime: boolean) {
  const associated: [string, (...a: unknown[]) => unknown][] = [];
  const sandbox: Record<string, unknown> = { console };
  if (withRuntime) {
    sandbox.CustomFunctions = {
      associate: (id: string, fn: (...a: unknown[]) => unknown) => associated.push([id, fn]),
      Error: StubError,
      ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!" },
    };
  }
  sandbox.self = sandbox;
  sandbox.window = sandbox;
  sandbox.globalThis = sandbox;
  const code = fs.readFileSync(distFile("functions.js"), "utf8");
  vm.runInNewContext(code, sandbox, { filename: "dist/functions.js" });
  return { associated, sandbox };
}

describe("dist/functions.js", () => {
  const metadata = readDistJson<Metadata>("functions.json");

  test("every id in functions.json is associated exactly once, with matching arity", () => {
    const { associated } = load(true);
    const ids = associated.map(([id]) => id);
    expect([...ids].sort()).toEqual(metadata.functions.map((f) => f.id).sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of metadata.functions) {
      const fn = associated.find(([id]) => id === f.id)?.[1];
      expect(typeof fn).toBe("function");
      expect({ id: f.id, arity: fn?.length }).toEqual({ id: f.id, arity: f.parameters.length });
    }
  });

  test("the associated functions compute, and throw the runtime's CustomFunctions.Error", () => {
    const fns = Object.fromEntries(load(true).associated);
    expect(fns.CERT_GRADE(92, 3, null, true)).toBe("AAA");
    expect(fns.CERT_GRADE(92, 3, null)).toBe("AAA（待符合性审查）");
    expect(fns.MATURITY_LEVEL(95)).toBe(4);
    let thrown: unknown;
    try {
      fns.LIKERT_BAND(1.2);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(StubError);
    expect(thrown).toEqual(new StubError("#VALUE!", "α 1.2 is outside [0, 1]"));
    try {
      fns.MATURITY_TOTAL([[4]]);
    } catch (e) {
      thrown = e;
    }
    expect((thrown as StubError).message).toContain("expected 21 levels, got 1");
  });

  test("loads without a custom-functions runtime (plain browser): nothing associated, no exception", () => {
    expect(() => load(false)).not.toThrow();
  });
});
