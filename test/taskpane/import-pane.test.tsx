/** @jest-environment jsdom */
/**
 * The pane's "导入回收的评分表 / Import returned forms" step over the in-memory workbook: files picked in
 * the file input are read and verified, each with its verdict; the preview says what will be written;
 * writing imports them and the pane's result is the engine's for the same inputs; cancel and a
 * conflict write nothing; a file with findings is imported only when accepted, and recorded so.
 */
import * as React from "react";
import { setImmediate as nodeSetImmediate } from "timers";
import { TextDecoder as NodeTextDecoder } from "util";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { assess, readExchange, writeExchange, type AssessmentInput } from "../../src/engine";
import { App } from "../../src/taskpane/App";
import { MemoryPort } from "../../src/taskpane/memory-port";
import { summarize } from "../../src/taskpane/summary";
import { alteredForm, formBytes, rater } from "./import-forms";

jest.setTimeout(90_000);

beforeAll(() => {
  const g = globalThis as Record<string, unknown>;
  // the .xlsx writer (forms for the test) and the reader need these Node/browser globals jsdom lacks
  g.setImmediate ??= nodeSetImmediate;
  g.TextDecoder ??= NodeTextDecoder;
  if (!g.CSS) g.CSS = { escape: (s: string) => s.replace(/["\\]/g, "\\$&") };
  Element.prototype.scrollIntoView = function () {};
});

const levels = S.clauses.map((_, i) => (i % 3 ? 3 : 4));
const own = rater("审核员甲", 0.9);

function setup(raters = 3) {
  const port = new MemoryPort({ scheme: S, lang: "zh-CN", raters });
  port.fill({ raters: [{ alphas: own.alphas }], levels }, false);
  render(<App port={port} scheme={S} initialLang="zh-CN" dark={false} />);
  return port;
}

const file = (name: string, bytes: Uint8Array) => new File([bytes.slice().buffer as ArrayBuffer], name, { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });

async function openPanel() {
  await waitFor(() => expect((screen.getByTestId("import-open") as HTMLButtonElement).disabled).toBe(false));
  fireEvent.click(screen.getByTestId("import-open"));
}

async function choose(files: File[]) {
  await openPanel();
  // a button in the pane's language opens the file input
  const button = await screen.findByTestId("import-choose", {}, { timeout: 20_000 });
  expect(button.tagName).toBe("BUTTON");
  expect(button.textContent).toBe("选择文件…");
  const input = screen.getByTestId("import-input") as HTMLInputElement;
  let opened = 0;
  input.addEventListener("click", () => opened++);
  fireEvent.click(button);
  expect(opened).toBe(1);
  expect(input.type).toBe("file");
  expect(input.multiple).toBe(true);
  expect(input.accept).toContain(".xlsx");
  fireEvent.change(input, { target: { files } });
  await waitFor(() => expect(screen.getAllByTestId("import-file")).toHaveLength(files.length), { timeout: 30_000 });
  expect(screen.getByText(`已选择 ${files.length} 个文件`)).toBeTruthy();
}

const badge = () => screen.getByTestId("grade").querySelector("[data-grade]") as HTMLElement;

test("pick three forms, see each verdict and the preview, write: the result is the engine's", async () => {
  const port = setup();
  const people = [rater("张三", 0.85), rater("李四", 0.92, { "3.1": 0.6 }), rater("走访一", 0.8, { "7.1": "N/A" }, "visit")];
  const files = await Promise.all(people.map(async (r, i) => file(`form-${i + 1}.xlsx`, await formBytes({ rater: r }))));
  await choose(files);
  const items = screen.getAllByTestId("import-file");
  expect(items.map((li) => li.getAttribute("data-verdict"))).toEqual(["intact", "intact", "intact"]);
  expect(within(items[0]).getByText(/张三/)).toBeTruthy();
  expect(items[0].textContent).toContain("评分表");
  expect(items[0].textContent).toContain("张三（人员）");
  // an intact, complete form has nothing to report (a form has no maturity levels to miss)
  for (const li of items) expect(li.textContent).not.toMatch(/个问题/);
  // the preview: 1 filled column + 3 imported = 4 columns; the workbook is the auditor's own
  const summary = await screen.findByTestId("import-summary", {}, { timeout: 20_000 });
  expect(summary.textContent).toContain("将写入 3 个评价列");
  expect(summary.textContent).toContain("导入后共 4 列");
  expect(screen.getByTestId("import-own").textContent).toContain("不会被覆盖");
  fireEvent.click(screen.getByTestId("import-write"));
  await waitFor(() => expect(screen.getByTestId("status").textContent).toContain("已导入 3 个文件的 3 个评价列"), { timeout: 20_000 });
  expect(screen.queryByTestId("import-panel")).toBeNull();
  expect(port.raterCount()).toBe(4);

  const expected: AssessmentInput = { raters: [{ alphas: own.alphas }, ...people], levels };
  const engine = assess(readExchange(JSON.parse(JSON.stringify(writeExchange(expected, S))), S).input!, S, { numericText: true });
  expect(JSON.stringify(summarize(port.readNow(), S).result)).toBe(JSON.stringify(engine));
  await waitFor(() => expect(badge().getAttribute("data-grade")).toBe(engine.gradeCode));
});

test("cancel writes nothing", async () => {
  const port = setup();
  const before = JSON.stringify(port.readNow());
  await choose([file("a.xlsx", await formBytes({ rater: rater("甲", 0.7) }))]);
  await screen.findByTestId("import-summary", {}, { timeout: 20_000 });
  fireEvent.click(screen.getByTestId("import-cancel"));
  expect(screen.getByTestId("status").textContent).toContain("已取消导入，未写入任何内容");
  expect(screen.queryByTestId("import-panel")).toBeNull();
  expect(JSON.stringify(port.readNow())).toBe(before);
});

test("a conflict (the same form twice) is shown, and nothing can be written", async () => {
  const port = setup();
  const before = JSON.stringify(port.readNow());
  const bytes = await formBytes({ rater: rater("甲", 0.7) });
  await choose([file("a.xlsx", bytes), file("a (1).xlsx", bytes)]);
  const conflict = await screen.findByTestId("import-conflict", {}, { timeout: 20_000 });
  expect(conflict.textContent).toContain("不会写入任何内容");
  expect(conflict.textContent).toContain("a.xlsx、a (1).xlsx");
  expect((screen.getByTestId("import-write") as HTMLButtonElement).disabled).toBe(true);
  expect(JSON.stringify(port.readNow())).toBe(before);
});

test("a file with an altered weight: its findings with cells; imported only when accepted, recorded so", async () => {
  const port = setup();
  const altered = await alteredForm(rater("乙", 0.8));
  await choose([file("altered.xlsx", altered.bytes), file("ok.xlsx", await formBytes({ rater: rater("丙", 0.9) }))]);
  const [bad, ok] = screen.getAllByTestId("import-file");
  expect(bad.getAttribute("data-verdict")).toBe("findings");
  expect(ok.getAttribute("data-verdict")).toBe("intact");
  expect(bad.textContent).toContain(altered.cell);
  const [badBox, okBox] = screen.getAllByTestId("import-include") as HTMLInputElement[];
  expect(badBox.checked).toBe(false);
  expect(okBox.checked).toBe(true);
  await screen.findByTestId("import-summary", {}, { timeout: 20_000 });
  expect(screen.getByTestId("import-summary").textContent).toContain("将写入 1 个评价列");
  fireEvent.click(badBox);
  await waitFor(() => expect(screen.getByTestId("import-summary").textContent).toContain("将写入 2 个评价列"));
  fireEvent.click(screen.getByTestId("import-write"));
  await waitFor(() => expect(screen.getByTestId("status").textContent).toContain("已导入 2 个文件"), { timeout: 20_000 });
  const seen = await port.readForImport();
  expect(seen.sources?.rows.map((r) => [r.file, r.verdict])).toEqual([
    ["altered.xlsx", expect.stringMatching(/^带问题接受/)],
    ["ok.xlsx", "完整，通过核验"],
  ]);
});

test("English: the panel's words and the files' verdicts follow the pane's language", async () => {
  setup();
  fireEvent.click(screen.getByTestId("lang-switch"));
  await openPanel();
  expect((await screen.findByTestId("import-choose", {}, { timeout: 20_000 })).textContent).toBe("Choose files…");
  fireEvent.change(screen.getByTestId("import-input"), { target: { files: [file("a.xlsx", await formBytes({ rater: rater("A", 0.7) }))] } });
  await waitFor(() => expect(screen.getAllByTestId("import-file")[0].textContent).toContain("intact"), { timeout: 30_000 });
  expect((await screen.findByTestId("import-summary", {}, { timeout: 20_000 })).textContent).toContain("1 rater column will be written");
  expect(screen.getByTestId("import-own").textContent).toContain("nothing filled in here is overwritten");
  expect(screen.getAllByTestId("import-file")[0].textContent).toContain("A (person)");
});
