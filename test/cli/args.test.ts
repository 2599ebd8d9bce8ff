/** The CLI's shared argument parser (src/cli/args.ts): values, booleans, repeatable flags, positionals. */
import { parseArgs } from "../../src/cli/args";

const spec = { values: ["out"], booleans: ["force"], lists: ["rater"] };

test("a repeatable flag collects every value in order, in both spellings", () => {
  const a = parseArgs(["--rater", "张三", "--out", "d", "--rater=李四", "--force", "--rater", "O'Neil"], spec);
  expect(a.errors).toEqual([]);
  expect(a.lists).toEqual({ rater: ["张三", "李四", "O'Neil"] });
  expect(a.flags).toEqual({ out: "d", force: true });
});

test("a repeatable flag without a value, or followed by another option, is an error", () => {
  expect(parseArgs(["--rater"], spec).errors).toEqual(["--rater needs a value"]);
  expect(parseArgs(["--rater", "--force"], spec).errors).toEqual(["--rater needs a value"]);
  expect(parseArgs(["--force=1"], spec).errors).toEqual(["--force takes no value"]);
  expect(parseArgs(["--nope"], spec).errors).toEqual(["unknown option --nope"]);
});

test("the last value of a single-value flag wins; positionals are kept", () => {
  const a = parseArgs(["x.xlsx", "--out", "a", "--out", "b", "--", "--rater"], spec);
  expect(a.flags.out).toBe("b");
  expect(a.positionals).toEqual(["x.xlsx", "--rater"]);
  expect(a.lists).toEqual({});
});
