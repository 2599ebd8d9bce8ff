/**
 * Every .xlsx the product writes (every kind in kinds.ts: the templates of `qcs template` in zh-CN and
 * en-US for 1 to MAX_RATERS raters, with --password and particulars, with sheet names that need
 * quoting, and filled in as an auditor returns them) passes the OOXML checks of check.ts and says
 * what its template model says. A kind added to kinds.ts is checked here without further ado.
 */
import { MAX_RATERS } from "../../src/workbook/model";
import { FILE_KINDS, LANGS, RATER_COUNTS } from "./kinds";
import { describeKinds } from "./suite";

jest.setTimeout(240_000);

it("the registry lists the blank template of every language × every rater count 1–MAX_RATERS", () => {
  expect(RATER_COUNTS).toEqual(Array.from({ length: MAX_RATERS }, (_, i) => i + 1));
  const labels = (FILE_KINDS.find((k) => k.id === "template")?.files() ?? []).map((f) => f.label);
  expect(new Set(labels).size).toBe(LANGS.length * MAX_RATERS);
  expect(labels).toContain(`template en-US, ${MAX_RATERS} rater(s)`);
});

describeKinds(FILE_KINDS.map((k) => k.id));
