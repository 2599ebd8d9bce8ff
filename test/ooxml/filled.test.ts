/**
 * Every template filled in (α values, N/A spellings, blanks, maturity levels typed into the cells the
 * workbook names point to) and written again passes the OOXML checks (check.ts): zh-CN and en-US,
 * 1 to MAX_RATERS raters.
 */
import { describeKinds } from "./suite";

jest.setTimeout(180_000);

describeKinds(["filled"]);
