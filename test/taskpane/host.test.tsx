/** @jest-environment jsdom */
/**
 * A pane honest about where it runs (start.tsx, host.ts):
 *  - inside an Office client, with Office.onReady answering only after 5 s (a cold start, Excel on the
 *    web), the pane waits — "connecting", then "still waiting for Excel…" — and ends on the Excel
 *    workbook; sample data never reaches the DOM, not even for a moment;
 *  - office.js missing, onReady failing, or another host: an error state, never the preview;
 *  - a plain browser: the preview with its banner at once.
 */
import { act } from "@testing-library/react";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { start, SLOW_MS } from "../../src/taskpane/start";
import { hostSigns } from "../../src/taskpane/host";
import { MemoryPort } from "../../src/taskpane/memory-port";
import { summarize } from "../../src/taskpane/summary";
import { sampleAssessment } from "../../src/taskpane/sample";
import { STRINGS } from "../../src/taskpane/strings";
import type { OfficeLike } from "../../src/taskpane/host";
import { ALL, mockExcel } from "./office-mock";

beforeAll(() => {
  if (!(globalThis as { CSS?: unknown }).CSS) (globalThis as unknown as { CSS: { escape: (s: string) => string } }).CSS = { escape: (s: string) => s.replace(/["\\]/g, "\\$&") };
  Element.prototype.scrollIntoView = function () {};
});

/** Everything the DOM ever showed under `el`: texts, test ids, and the modes the pane reported. */
function recorder(el: HTMLElement) {
  const seen: string[] = [];
  const modes: string[] = [];
  const take = (n: Node) => {
    seen.push(n.textContent ?? "");
    if (n instanceof Element) for (const x of [n, ...n.querySelectorAll("[data-testid]")]) seen.push(`testid:${x.getAttribute("data-testid") ?? ""}`);
  };
  const mo = new MutationObserver((records) => {
    for (const r of records) {
      r.addedNodes.forEach(take);
      if (r.type === "characterData") take(r.target);
    }
  });
  mo.observe(el, { childList: true, subtree: true, characterData: true });
  let mode: string | undefined;
  Object.defineProperty(window, "__qcsMode", {
    configurable: true,
    get: () => mode,
    set: (v: string) => {
      mode = v;
      modes.push(v);
    },
  });
  return {
    seen,
    modes,
    text: () => seen.join("\n") + "\n" + (el.textContent ?? ""),
    stop: () => mo.disconnect(),
  };
}

/** What would give the sample away: the preview's banner and buttons, and the sample's own result. */
function sampleMarkers(): string[] {
  const port = new MemoryPort({ scheme: S, lang: "zh-CN", raters: 3, sample: sampleAssessment(S) });
  const sum = summarize(port.readNow(), S);
  return ["testid:preview-banner", "testid:load-sample", STRINGS["zh-CN"].previewBanner, STRINGS["en-US"].previewBanner, `${sum.result?.reason?.zh}`];
}

function officeStub(readyAfterMs: number, host: unknown = "Excel", reject = false): OfficeLike & { requirements: unknown } {
  return {
    HostType: { Excel: "Excel" },
    context: { displayLanguage: "zh-CN", officeTheme: { bodyBackgroundColor: "#ffffff" } },
    requirements: { isSetSupported: () => true },
    onReady: () =>
      new Promise((resolve, rejectFn) =>
        setTimeout(() => (reject ? rejectFn(new Error("host handshake failed")) : resolve({ host, platform: "PC" })), readyAfterMs)
      ),
  };
}

const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

describe("inside an Office client", () => {
  beforeEach(() => {
    jest.useFakeTimers();
    window.name = "_host_info=Excel$Win32$16.01$zh-CN$$$$0";
    document.body.innerHTML = '<div id="root"></div>';
  });
  afterEach(() => {
    jest.useRealTimers();
    window.name = "";
  });

  test.each([[5000], [12000]])("Office.onReady after %i ms: waiting, then the Excel workbook — never the sample", async (readyAfter) => {
    expect(hostSigns()).toContain("_host_info in window.name");
    const el = document.getElementById("root") as HTMLElement;
    const rec = recorder(el);
    const m = mockExcel({ present: ALL });
    const office = officeStub(readyAfter);
    (globalThis as { Office?: unknown }).Office = { context: { requirements: { isSetSupported: () => true } } };
    await act(async () => {
      void start(el, { office, excel: m.runner.runner });
      await flush();
    });
    expect(el.querySelector("[data-testid=host-status]")?.getAttribute("data-phase")).toBe("waiting");
    expect(el.textContent).toContain("正在连接 Excel");
    expect(el.textContent).toContain("Connecting to Excel");
    await act(async () => {
      await jest.advanceTimersByTimeAsync(readyAfter - 1);
      await flush();
    });
    if (readyAfter > SLOW_MS) {
      expect(el.querySelector("[data-testid=host-status]")?.getAttribute("data-phase")).toBe("slow");
      expect(el.textContent).toContain("仍在等待 Excel");
      expect(el.textContent).toContain("Still waiting for Excel");
    }
    await act(async () => {
      await jest.advanceTimersByTimeAsync(1);
      await flush();
      await jest.advanceTimersByTimeAsync(50);
      await flush();
    });
    // on the Excel port: the workbook's result (the mock's templates, every α 0.9)
    expect(rec.modes[rec.modes.length - 1]).toBe("office");
    expect(el.querySelector("[data-testid=grade]")).not.toBeNull();
    expect(m.syncs()).toBeGreaterThanOrEqual(1);
    // the sample was never shown, not even for a moment
    expect(rec.modes).not.toContain("preview");
    const all = rec.text();
    for (const marker of sampleMarkers()) expect(all).not.toContain(marker);
    rec.stop();
    delete (globalThis as { Office?: unknown }).Office;
  });

  test("office.js failed to load: an error state, not the preview", async () => {
    const el = document.getElementById("root") as HTMLElement;
    const rec = recorder(el);
    await act(async () => {
      void start(el, { office: undefined });
      await flush();
    });
    expect(el.querySelector("[data-testid=host-status]")?.getAttribute("data-phase")).toBe("no-office-js");
    expect(el.textContent).toContain("office.js");
    expect(rec.modes).toEqual(["host-error"]);
    for (const marker of sampleMarkers()) expect(rec.text()).not.toContain(marker);
    rec.stop();
  });

  test("Office.onReady fails: an error state naming the failure", async () => {
    const el = document.getElementById("root") as HTMLElement;
    const rec = recorder(el);
    await act(async () => {
      void start(el, { office: officeStub(1000, "Excel", true) });
      await flush();
      await jest.advanceTimersByTimeAsync(1000);
      await flush();
    });
    expect(el.querySelector("[data-testid=host-status]")?.getAttribute("data-phase")).toBe("failed");
    expect(el.textContent).toContain("host handshake failed");
    expect(rec.modes).not.toContain("preview");
    rec.stop();
  });

  test("another host: a notice, not the preview", async () => {
    const el = document.getElementById("root") as HTMLElement;
    const rec = recorder(el);
    await act(async () => {
      void start(el, { office: officeStub(10, "Word") });
      await flush();
      await jest.advanceTimersByTimeAsync(10);
      await flush();
    });
    expect(el.querySelector("[data-testid=host-status]")?.getAttribute("data-phase")).toBe("not-excel");
    expect(el.textContent).toContain("Word");
    expect(rec.modes).not.toContain("preview");
    rec.stop();
  });
});

describe("in a plain browser", () => {
  test("no sign of an Office client: the preview with its banner at once", async () => {
    document.body.innerHTML = '<div id="root"></div>';
    window.name = "";
    expect(hostSigns()).toEqual([]);
    const el = document.getElementById("root") as HTMLElement;
    const rec = recorder(el);
    await act(async () => {
      void start(el, { office: undefined });
      await flush();
    });
    // the recorder the Office tests rely on does see the sample's markers here
    for (const marker of sampleMarkers().slice(0, 3)) expect(rec.text()).toContain(marker);
    rec.stop();
    // no timer has run: shown at once
    expect(el.querySelector("[data-testid=preview-banner]")?.textContent).toBe(STRINGS["zh-CN"].previewBanner);
    expect(el.querySelector("[data-testid=grade]")).not.toBeNull();
    expect(window.__qcsMode).toBe("preview");
  });
});
