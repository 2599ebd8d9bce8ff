/**
 * Every template `qcs template` writes — zh-CN and en-US, 1 to MAX_RATERS raters, with --password and
 * particulars, and with sheet names that need quoting — passes the OOXML checks (check.ts).
 */
import { MAX_RATERS } from "../../src/workbook/model";
import { FILE_KINDS, LANGS, RATER_COUNTS } from "./kinds";
import { describeKinds } from "./suite";

jest.setTimeout(180_000);

it("the registry lists every language × every rater count 1–MAX_RATERS", () => {
  expect(RATER_COUNTS).toEqual(Array.from({ length: MAX_RATERS }, (_, i) => i + 1));
  const labels = (FILE_KINDS.find((k) => k.id === "template")?.files() ?? []).map((f) => f.label);
  expect(labels).toHaveLength(LANGS.length * MAX_RATERS);
  expect(labels).toContain(`template en-US, ${MAX_RATERS} rater(s)`);
});

describeKinds(["template", "template-options", "sheet-names"]);
