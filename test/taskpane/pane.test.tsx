/** @jest-environment jsdom */
/**
 * The pane's components over the in-memory workbook: the summary for RULES.md examples (grade,
 * reason, next-grade advice — expected values from RULES.md and the engine), the language switch and
 * the findings list.
 */
import * as React from "react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { assess, type AssessmentInput } from "../../src/engine";
import { App } from "../../src/taskpane/App";
import { MemoryPort } from "../../src/taskpane/memory-port";
import { langOf } from "../../src/taskpane/strings";
import { isDarkColor } from "../../src/taskpane/host";
import { NAMES } from "../../src/workbook/contract";
import { cellIn } from "../../src/taskpane/port";
import { uniform } from "../helpers";

// jsdom lacks these browser APIs the pane uses
beforeAll(() => {
  if (!(globalThis as { CSS?: unknown }).CSS) (globalThis as unknown as { CSS: { escape: (s: string) => string } }).CSS = { escape: (s: string) => s.replace(/["\\]/g, "\\$&") };
  Element.prototype.scrollIntoView = function () {};
});

function setup(input: AssessmentInput, raters = input.raters.length) {
  const port = new MemoryPort({ scheme: S, lang: "zh-CN", raters });
  port.fill(input, false);
  const utils = render(<App port={port} scheme={S} initialLang="zh-CN" dark={false} />);
  return { port, ...utils };
}

const badge = () => screen.getByTestId("grade").querySelector("[data-grade]") as HTMLElement;

/** RULES.md §4, default profile: case → input and result code as printed there. */
const EXAMPLES: [string, AssessmentInput, string][] = [
  ["all max", uniform(1, 5), "AAAAA"],
  ["uniform 0.9, L4", uniform(0.9, 4), "AAAA"],
  ["capped", uniform(0.9, 3), "AAA"],
  ["basic", uniform(0.85, 2), "BASIC"],
  ["rounding", uniform(0.9, 4, { alphaBy: { "3.1": 0.89 } }), "AAAA"],
  ["N/A", uniform(0.9, 5, { alphaBy: { "7.1": "N/A" } }), "AAAA"],
  ["panel", { raters: [uniform(0.9, 4).raters[0], uniform(0.8, 4).raters[0]], levels: uniform(0.9, 4).levels }, "AAA"],
  ["low", uniform(0.5, 1), "NONE"],
];

describe("summary for the RULES.md examples", () => {
  test.each(EXAMPLES)("%s", async (_name, input, code) => {
    setup(input);
    const r = assess(input, S);
    expect(r.gradeCode).toBe(code);
    await waitFor(() => expect(badge().getAttribute("data-grade")).toBe(code));
    expect(badge().textContent).toBe(S.gradeLabels[code as keyof typeof S.gradeLabels].zh);
    // no conformity review in the sample workbook: every graded result says it is provisional (RULES.md §5)
    expect(r.provisional).toBe(code !== "NONE");
    expect(!!screen.queryByTestId("provisional")).toBe(code !== "NONE");
    expect(screen.getByTestId("reason").textContent).toBe(r.reason!.zh);
    expect(screen.getByTestId("reason").textContent).toContain("5.3");
    expect(screen.getByTestId("next").textContent!.startsWith(r.nextText!.zh)).toBe(true);
    expect(screen.getByTestId("service-score").textContent).toBe(r.service.score!.toFixed(1));
    // the result is announced to screen readers
    expect(screen.getByTestId("grade").getAttribute("aria-live")).toBe("polite");
  });

  test("capped: limited by maturity, with the cheapest clause raises from the engine", async () => {
    const input = uniform(0.9, 3);
    const r = assess(input, S);
    setup(input);
    await waitFor(() => expect(badge().getAttribute("data-grade")).toBe("AAA"));
    expect(screen.getByTestId("limited-by").textContent).toBe("管理成熟度");
    const moves = within(screen.getByTestId("maturity-moves")).getAllByRole("listitem");
    expect(moves).toHaveLength(r.maturityMoves.length);
    r.maturityMoves.forEach((m, i) => expect(moves[i].textContent).toContain(`条款 ${m.clause}`));
  });

  test("uniform 0.9, L4: limited by the service score, with the items of largest gap", async () => {
    const input = uniform(0.9, 4);
    const r = assess(input, S);
    setup(input);
    await waitFor(() => expect(badge().getAttribute("data-grade")).toBe("AAAA"));
    expect(screen.getByTestId("limited-by").textContent).toBe("服务得分");
    const items = within(screen.getByTestId("service-moves")).getAllByRole("listitem");
    expect(items[0].textContent).toContain(`项目 ${r.headroom[0].item}`);
  });

  test("editing a cell refreshes the result (live)", async () => {
    const { port } = setup(uniform(0.9, 3));
    await waitFor(() => expect(badge().getAttribute("data-grade")).toBe("AAA"));
    const levels = port.addressOf(NAMES.levels)!;
    act(() => {
      for (let i = 0; i < S.clauses.length; i++) port.write(cellIn(levels, i, 0), 4);
    });
    await waitFor(() => expect(badge().getAttribute("data-grade")).toBe("AAAA"));
  });
});

describe("language", () => {
  test("Chinese by default; the switch shows English from the scheme and the engine, and back", async () => {
    const input = uniform(0.9, 3);
    const r = assess(input, S);
    setup(input);
    await waitFor(() => expect(screen.getByTestId("reason").textContent).toBe(r.reason!.zh));
    expect(document.documentElement.lang).toBe("zh-CN");
    fireEvent.click(screen.getByTestId("lang-switch"));
    await waitFor(() => expect(screen.getByTestId("reason").textContent).toBe(r.reason!.en));
    expect(document.documentElement.lang).toBe("en-US");
    expect(screen.getByTestId("limited-by").textContent).toBe("maturity");
    expect(screen.getByRole("tab", { name: "Overview" })).toBeTruthy();
    fireEvent.click(screen.getByTestId("lang-switch"));
    await waitFor(() => expect(screen.getByTestId("reason").textContent).toBe(r.reason!.zh));
  });

  test("Office display language: zh* → zh-CN, anything else → en-US", () => {
    expect(langOf("zh-CN")).toBe("zh-CN");
    expect(langOf("zh-TW")).toBe("zh-CN");
    expect(langOf("en-GB")).toBe("en-US");
    expect(langOf("de-DE")).toBe("en-US");
    expect(isDarkColor("#1f1f1f")).toBe(true);
    expect(isDarkColor("#ffffff")).toBe(false);
  });
});

describe("findings", () => {
  test("a bad α is listed with its cell; choosing it focuses that input (preview)", async () => {
    const input = uniform(0.9, 3, { raters: 2 });
    input.raters[1].alphas = input.raters[1].alphas.map((a, i) => (S.items[i].id === "2.3" ? 1.2 : a));
    const { port } = setup(input);
    const cell = cellIn(port.addressOf(NAMES.alpha)!, S.items.findIndex((it) => it.id === "2.3"), 1);
    await waitFor(() => expect(badge().getAttribute("data-grade")).toBe("pending"));
    fireEvent.click(screen.getByTestId("tab-findings"));
    const list = await screen.findByTestId("findings");
    const button = list.querySelector(`button[data-cell="${cell}"]`) as HTMLButtonElement;
    expect(button).not.toBeNull();
    expect(button.textContent).toContain("1.2");
    expect(button.textContent).toContain(cell);
    fireEvent.click(button);
    // the editor is loaded on demand (a dynamic import): give it time
    await waitFor(() => expect(document.activeElement?.getAttribute("data-cell")).toBe(cell), { timeout: 15_000 });
    expect(document.activeElement?.getAttribute("aria-invalid")).toBe("true");
  });

  test("missing levels are reported and progress shows clauses rated of 21", async () => {
    const input = uniform(0.9, 3);
    input.levels[0] = null;
    const r = assess(input, S);
    setup(input);
    await waitFor(() => expect(badge().getAttribute("data-grade")).toBe("pending"));
    expect(screen.getAllByText(S.clauses.length - 1 + " / " + S.clauses.length, { exact: false }).length).toBeGreaterThan(0);
    fireEvent.click(screen.getByTestId("tab-findings"));
    const list = await screen.findByTestId("findings");
    const blank = r.findings.find((f) => f.code === "level-blank")!;
    expect(list.textContent).toContain(blank.message.zh);
  });

  test("no templates: the pane says how to insert them; inserting makes an empty assessment", async () => {
    const port = new MemoryPort({ scheme: S, lang: "zh-CN", raters: 3, empty: true });
    render(<App port={port} scheme={S} initialLang="zh-CN" dark={false} />);
    await screen.findByTestId("no-templates");
    fireEvent.change(screen.getByTestId("rater-count"), { target: { value: "4" } });
    fireEvent.click(screen.getByTestId("insert"));
    await waitFor(() => expect(badge().getAttribute("data-grade")).toBe("pending"));
    expect(port.raterCount()).toBe(4);
  });
});
