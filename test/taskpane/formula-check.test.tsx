/** @jest-environment jsdom */
/**
 * The pane compares the workbook's output formulas with the template model once the model has loaded
 * (it is loaded on demand, beside the first read): a grade cell whose formula was replaced by a fixed
 * "AAAAA" is reported as altered, with its cell.
 */
import * as React from "react";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { App } from "../../src/taskpane/App";
import { MemoryPort } from "../../src/taskpane/memory-port";
import { summarize } from "../../src/taskpane/summary";
import { formulaFindings } from "../../src/workbook/snapshot-model";
import { NAMES, type WorkbookSnapshot } from "../../src/workbook/contract";
import type { WorkbookPort } from "../../src/taskpane/port";
import { uniform } from "../helpers";

beforeAll(() => {
  Element.prototype.scrollIntoView = function () {};
});

/** The in-memory workbook as Excel would show it after someone typed a fixed grade over the formula. */
function tampered(): { port: WorkbookPort; snap: WorkbookSnapshot; gradeCell: string } {
  const mem = new MemoryPort({ scheme: S, lang: "zh-CN", raters: 1 });
  mem.fill(uniform(0.8, 2), false);
  const snap = mem.readNow();
  const g = snap.ranges[NAMES.grade]!;
  snap.ranges[NAMES.grade] = { ...g, values: [["AAAAA"]], formulas: [["AAAAA"]] };
  const port: WorkbookPort = {
    kind: "office",
    insertTemplates: async () => Object.assign([], { warnings: [] }),
    read: async () => snap,
    onChanged: () => () => undefined,
    select: async () => undefined,
    activate: async () => undefined,
    readForImport: () => Promise.reject(new Error("not in this test")),
    importForms: () => Promise.reject(new Error("not in this test")),
  };
  return { port, snap, gradeCell: g.address };
}

test("summarize: without the model no formula is compared (and it says so); with it the fixed grade is an error at its cell", () => {
  const { snap, gradeCell } = tampered();
  const before = summarize(snap, S, null);
  expect(before.formulasChecked).toBe(false);
  expect(before.findings.some((f) => f.code === "altered")).toBe(false);
  const after = summarize(snap, S, formulaFindings);
  expect(after.formulasChecked).toBe(true);
  const altered = after.findings.filter((f) => f.code === "altered");
  expect(altered).toHaveLength(1);
  expect(altered[0].severity).toBe("error");
  expect(altered[0].cell).toBe(gradeCell);
});

test("the pane loads the model after its first read and then lists the altered grade cell", async () => {
  const { port, gradeCell } = tampered();
  render(<App port={port} scheme={S} initialLang="zh-CN" dark={false} />);
  fireEvent.click(await screen.findByRole("tab", { name: /问题/ }));
  await waitFor(() => expect(within(screen.getByTestId("findings")).getAllByRole("button").some((b) => b.getAttribute("data-cell") === gradeCell)).toBe(true));
});
