/** @jest-environment jsdom */
/**
 * The pane after a failed refresh (e.g. Excel refusing a batch while a cell was edited, where
 * delayForCellEdit is not supported): the error is shown, and the next successful refresh clears it.
 * An insert whose print setup failed says so (a warning), and the templates are there.
 */
import * as React from "react";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { App } from "../../src/taskpane/App";
import { MemoryPort } from "../../src/taskpane/memory-port";
import type { InsertedSheets, WorkbookPort } from "../../src/taskpane/port";
import { uniform } from "../helpers";

beforeAll(() => {
  if (!(globalThis as { CSS?: unknown }).CSS) (globalThis as unknown as { CSS: { escape: (s: string) => string } }).CSS = { escape: (s: string) => s.replace(/["\\]/g, "\\$&") };
  Element.prototype.scrollIntoView = function () {};
});

/** An "office" port over the in-memory workbook whose reads fail while `editing` is set. */
class FlakyPort implements WorkbookPort {
  readonly kind = "office" as const;
  editing = false;
  warnings: { zh: string; en: string }[] = [];
  private listeners = new Set<() => void>();
  constructor(readonly mem: MemoryPort) {}
  async read() {
    if (this.editing) throw new Error("InvalidOperationInCellEditMode: Excel is in cell-editing mode");
    return this.mem.read();
  }
  async insertTemplates(raters: number): Promise<InsertedSheets> {
    const sheets = await this.mem.insertTemplates(raters);
    return Object.assign(sheets, { warnings: this.warnings });
  }
  onChanged(cb: () => void) {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }
  fire() {
    for (const l of this.listeners) l();
  }
  select = async () => undefined;
  activate = async () => undefined;
  // the import goes to the in-memory workbook (these tests do not import)
  readForImport = () => this.mem.readForImport();
  importForms: WorkbookPort["importForms"] = (req, seen) => this.mem.importForms(req, seen);
}

test("an error from a refresh is cleared by the next successful refresh", async () => {
  const mem = new MemoryPort({ scheme: S, lang: "zh-CN", raters: 3 });
  mem.fill(uniform(0.9, 3), false);
  const port = new FlakyPort(mem);
  render(<App port={port} scheme={S} initialLang="zh-CN" dark={false} />);
  await screen.findByTestId("grade");
  port.editing = true;
  await act(async () => {
    fireEvent.click(screen.getByTestId("refresh"));
  });
  await waitFor(() => expect(screen.getByTestId("status").textContent).toContain("InvalidOperationInCellEditMode"));
  // the user leaves the cell; the next change event refreshes successfully
  port.editing = false;
  await act(async () => port.fire());
  await waitFor(() => expect(screen.getByTestId("status").textContent).toBe(""));
});

test("an insert with a print-setup warning says so, in the pane's language", async () => {
  const mem = new MemoryPort({ scheme: S, lang: "zh-CN", raters: 3, empty: true });
  const port = new FlakyPort(mem);
  port.warnings = [{ zh: "打印设置未能全部应用（测试）", en: "Print setup was not fully applied (test)" }];
  render(<App port={port} scheme={S} initialLang="zh-CN" dark={false} />);
  await screen.findByTestId("no-templates");
  await act(async () => {
    fireEvent.click(screen.getByTestId("insert"));
  });
  await waitFor(() => expect(screen.getByTestId("status").textContent).toContain("打印设置未能全部应用（测试）"));
  expect(screen.getByTestId("status").textContent).not.toContain("Print setup");
  // a successful refresh does not clear a warning (only errors)
  await act(async () => port.fire());
  await waitFor(() => expect(screen.getByTestId("grade")).toBeTruthy());
  expect(screen.getByTestId("status").textContent).toContain("打印设置未能全部应用（测试）");
});
