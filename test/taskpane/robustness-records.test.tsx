/** @jest-environment jsdom */
/**
 * The pane's "How robust" section (issue 12, RULES §7) and its records tab (issue 11, RULES §5–§6):
 * the margins and flipping steps are the engine's, each step links to the cell it would change, a
 * fragile result is shown first; the records tab shows the conformity status and what is missing.
 */
import * as React from "react";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { assess, type AssessmentInput } from "../../src/engine";
import { App } from "../../src/taskpane/App";
import { MemoryPort } from "../../src/taskpane/memory-port";
import { summarize } from "../../src/taskpane/summary";
import { NAMES } from "../../src/workbook/contract";
import { cellIn } from "../../src/taskpane/port";
import { uniform } from "../helpers";

beforeAll(() => {
  if (!(globalThis as { CSS?: unknown }).CSS) (globalThis as unknown as { CSS: { escape: (s: string) => string } }).CSS = { escape: (s: string) => s.replace(/["\\]/g, "\\$&") };
  Element.prototype.scrollIntoView = function () {};
});

function setup(input: AssessmentInput, lang: "zh-CN" | "en-US" = "zh-CN") {
  const port = new MemoryPort({ scheme: S, lang, raters: input.raters.length });
  port.fill(input, false);
  const utils = render(<App port={port} scheme={S} initialLang={lang} dark={false} />);
  return { port, ...utils };
}

describe("How robust (RULES §7)", () => {
  test("the §7 example (every α 0.9, every clause 4): fragile, shown first, margins 0.0 and 21, 19 α steps each linked to its α cell", async () => {
    const input = uniform(0.9, 4);
    const r = assess(input, S);
    const { port } = setup(input);
    const section = await screen.findByTestId("robustness");
    expect(section.getAttribute("data-robust")).toBe("false");
    // shown before the reason: the first section of the overview
    const panel = screen.getByTestId("panel-overview");
    expect(panel.querySelector("section")).toBe(section);
    expect(within(section).getByTestId("service-margin").textContent).toBe("+0.0");
    expect(within(section).getByTestId("maturity-margin").textContent).toBe("+21");
    expect(within(section).getByTestId("fragile").textContent).toContain(`以下 ${r.robustness!.steps.length} 项`);
    const buttons = within(screen.getByTestId("flips")).getAllByRole("button");
    // 19 flipping steps, 12 listed, the rest counted
    expect(r.robustness!.steps).toHaveLength(19);
    expect(buttons).toHaveLength(12);
    expect(section.textContent).toContain("另有 7 项");
    const alpha = port.addressOf(NAMES.alpha)!;
    r.robustness!.steps.slice(0, 12).forEach((st, k) => {
      expect(st.kind).toBe("alpha");
      if (st.kind !== "alpha") return;
      const i = S.items.findIndex((it) => it.id === st.item);
      expect(buttons[k].getAttribute("data-cell")).toBe(cellIn(alpha, i, st.rater));
      expect(buttons[k].textContent).toContain(`项目 ${st.item}`);
      expect(buttons[k].textContent).toContain("α 0.90 → 0.80");
      expect(buttons[k].textContent).toContain(`结果降为 ${S.gradeLabels.AAA.zh}`);
    });
    // choosing a step selects its cell
    const spy = jest.spyOn(port, "select");
    fireEvent.click(buttons[0]);
    expect(spy).toHaveBeenCalledWith(buttons[0].getAttribute("data-cell"));
  });

  test("a robust result says so after the next-result advice, in English too", async () => {
    const input = uniform(1, 5);
    const r = assess(input, S);
    expect(r.robustness!.robust).toBe(true);
    setup(input, "en-US");
    const section = await screen.findByTestId("robustness");
    expect(section.getAttribute("data-robust")).toBe("true");
    expect(within(section).getByTestId("robust").textContent).toBe("Robust: lowering any one judgement by one step does not lower the result.");
    expect(within(section).getByTestId("service-margin").textContent).toBe(`+${r.robustness!.serviceMargin.toFixed(1)}`);
    expect(within(section).getByTestId("maturity-margin").textContent).toBe(`+${r.robustness!.maturityMargin}`);
    expect(screen.queryByTestId("flips")).toBeNull();
  });

  test("clause and rater steps link to the clause's level and the rater's column", () => {
    // two raters, 0.95 and 0.86 (S = 90.5, AAAA by 0.5): leaving out the 0.95 column gives 86.0 (AAA);
    // maturity exactly 95 (level 4): any clause step gives level 3
    let fives = 8;
    const levels = S.clauses.map((c) => (c.weight === 10 ? 3 : fives-- > 0 ? 4 : 3));
    const input: AssessmentInput = { raters: [uniform(0.95, 4).raters[0], uniform(0.86, 4).raters[0]], levels };
    const port = new MemoryPort({ scheme: S, lang: "zh-CN", raters: 2 });
    port.fill(input, false);
    const sum = summarize(port.readNow(), S);
    const rb = sum.result!.robustness!;
    expect(rb.robust).toBe(false);
    expect(sum.stepCells).toHaveLength(rb.steps.length);
    const levelsAt = port.addressOf(NAMES.levels)!;
    const alphaAt = port.addressOf(NAMES.alpha)!;
    const infoAt = port.addressOf(NAMES.raterInfo)!;
    let clauses = 0;
    rb.steps.forEach((st, k) => {
      if (st.kind === "clause") {
        clauses++;
        expect(sum.stepCells[k]).toBe(cellIn(levelsAt, S.clauses.findIndex((c) => c.id === st.clause), 0));
      } else if (st.kind === "alpha") expect(sum.stepCells[k]).toBe(cellIn(alphaAt, S.items.findIndex((it) => it.id === st.item), st.rater));
      else expect(sum.stepCells[k]).toBe(cellIn(infoAt, 0, st.rater));
    });
    expect(clauses).toBe(rb.flips.clause);
    expect(clauses).toBeGreaterThan(0);
    expect(rb.steps.some((st) => st.kind === "rater" && st.rater === 0)).toBe(true);
  });

  test("no result yet: no robustness section in the overview", async () => {
    const input = uniform(0.9, 4);
    input.levels[0] = null;
    setup(input);
    await screen.findByTestId("grade");
    expect(screen.queryByTestId("robustness")).toBeNull();
  });
});

describe("records tab (RULES §5–§6)", () => {
  test("the sample workbook: conformity not recorded, each section with what is filled and missing", async () => {
    const input = uniform(0.9, 4);
    const r = assess(input, S);
    setup(input);
    fireEvent.click(await screen.findByRole("tab", { name: "记录" }));
    const view = await screen.findByTestId("records");
    expect(within(view).getByTestId("conformity-status").getAttribute("data-status")).toBe("absent");
    expect(within(view).getByTestId("conformity-status").textContent).toContain("暂定");
    for (const sec of r.records) {
      const row = within(view).getByTestId(`record-${sec.key}`);
      expect(row.textContent).toContain(sec.title.zh);
      expect(row.textContent).toContain(`${sec.filled} / ${sec.of}`);
      for (const m of sec.missing) expect(row.textContent).toContain(m.zh);
    }
  });

  test("in Excel the sections link to their ranges", () => {
    const port = new MemoryPort({ scheme: S, lang: "zh-CN", raters: 3 });
    port.fill(uniform(0.9, 4, { raters: 3 }), false);
    const sum = summarize(port.readNow(), S);
    expect(sum.recordCells.conformity).toBe(cellIn(port.addressOf(NAMES.conformity)!, 0, 0));
    expect(sum.recordCells.nonconformities).toBe(cellIn(port.addressOf(NAMES.nonconformities)!, 0, 0));
    expect(sum.recordCells.signoff).toBe(cellIn(port.addressOf(NAMES.audit)!, 0, 0));
    expect(Object.keys(sum.recordCells).sort()).toEqual(sum.result!.records.map((x) => x.key).sort());
  });
});
