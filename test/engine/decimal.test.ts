import fc from "fast-check";
import { clean, fmt, roundHalfUp } from "../../src/engine";

describe("decimal-safe rounding half up", () => {
  test.each([
    [89.95, 90.0],
    [89.94999999999999, 90.0], // what 0.9 × 95 + 0.89 × 5 gives in binary
    [99.35, 99.4],
    [0.05, 0.1],
    [1.005 * 100, 100.5],
    [89.94, 89.9],
    [89.9499, 89.9],
    [100, 100],
    [0, 0],
  ])("%p → %p", (x, want) => {
    expect(roundHalfUp(x, 1)).toBe(want);
  });

  test("two decimals and whole numbers", () => {
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(2.5, 0)).toBe(3);
    expect(roundHalfUp(-2.5, 0)).toBe(-3);
  });

  test("agrees with exact decimal arithmetic on values with two decimals", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), (cents) => {
        // x = cents / 100 exactly in decimal; half-up to one decimal in integer arithmetic
        const want = Math.floor((cents + 5) / 10) / 10;
        expect(roundHalfUp(cents / 100, 1)).toBe(want);
      })
    );
  });

  test("clean and fmt", () => {
    expect(clean(0.1 + 0.2)).toBe(0.3);
    expect(fmt(90)).toBe("90.0");
    expect(fmt(89.95)).toBe("90.0");
  });
});
