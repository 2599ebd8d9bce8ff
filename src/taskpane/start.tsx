/**
 * How the pane starts (called by index.tsx; separate so that tests can start it with stand-ins for
 * Office and Excel). Chooses the workbook port — see host.ts for the rule:
 *  - no sign of an Office client: the in-memory preview with sample data, at once, under its banner
 *    (and should office.js find Excel after all, the pane follows it);
 *  - any sign of one: a loading state until Office.onReady, however long it takes ("still waiting for
 *    Excel…" after SLOW_MS), then the Excel workbook; an error state if office.js is missing or
 *    onReady fails or names another host. Never the sample workbook there.
 */
import * as React from "react";
import { createRoot, type Root } from "react-dom/client";
import { DEFAULT_SCHEME } from "../scheme";
import { App, mark } from "./App";
import { HostStatus, type HostPhase } from "./components/HostStatus";
import { browserHost, detectHost, hostSigns, isExcel, officeGlobal, officeHost, waitForOffice, type HostInfo, type OfficeLike } from "./host";
import type { MemoryPort } from "./memory-port";
import { OfficePort } from "./office-port";
import { sampleAssessment } from "./sample";
import { summarize } from "./summary";
import type { WorkbookPort } from "./port";
import type { ExcelRunner } from "../workbook/excel/run";

declare global {
  interface Window {
    /** ms from navigation start until the first summary was painted (read by the e2e test) */
    __qcsFirstRender?: number;
    __qcsMode?: "office" | "preview" | "host-wait" | "host-error";
  }
}

/** After this long without Office.onReady the pane says it is still waiting. */
export const SLOW_MS = 5000;

export interface StartOptions {
  /** the Office namespace (default: the global one, if office.js loaded) */
  office?: OfficeLike;
  /** the Excel namespace for the Office port (default: the global one) */
  excel?: ExcelRunner;
  /** the signs of an Office client (default: hostSigns()) */
  signs?: string[];
  slowMs?: number;
}

function renderApp(root: Root, port: WorkbookPort, host: HostInfo): void {
  window.__qcsMode = port.kind;
  const initialSummary = port.kind === "preview" ? summarize((port as MemoryPort).readNow(), DEFAULT_SCHEME) : undefined;
  root.render(
    <App
      key={port.kind}
      port={port}
      scheme={DEFAULT_SCHEME}
      initialLang={host.lang}
      dark={host.dark}
      initialSummary={initialSummary}
      onFirstPaint={() => {
        if (window.__qcsFirstRender !== undefined) return;
        mark("qcs-summary-painted");
        window.__qcsFirstRender = performance.now();
      }}
    />
  );
}

function renderStatus(root: Root, phase: HostPhase, detail?: string): void {
  window.__qcsMode = phase === "waiting" || phase === "slow" ? "host-wait" : "host-error";
  root.render(<HostStatus phase={phase} detail={detail} />);
}

function officePort(excel?: ExcelRunner): WorkbookPort {
  return new OfficePort({ scheme: DEFAULT_SCHEME, lang: () => (document.documentElement.lang === "en-US" ? "en-US" : "zh-CN"), excel });
}

/** The in-memory workbook: loaded only in a plain browser (it builds the template model at once). */
async function previewPort(host: HostInfo): Promise<WorkbookPort> {
  const { MemoryPort } = await import(/* webpackChunkName: "preview" */ "./memory-port");
  const sample = sampleAssessment(DEFAULT_SCHEME);
  return new MemoryPort({ scheme: DEFAULT_SCHEME, lang: host.lang, raters: sample.raters.length, sample });
}

/** Starts the pane in `el`; resolves when it shows the workbook, the preview, or an error state. */
export async function start(el: HTMLElement, opts: StartOptions = {}): Promise<Root> {
  mark("qcs-start");
  const root = createRoot(el);
  const office = "office" in opts ? opts.office : officeGlobal();
  const signs = opts.signs ?? hostSigns();

  if (signs.length === 0) {
    // a plain browser: the preview at once; follow Office should it find Excel after all
    renderApp(root, await previewPort(browserHost()), browserHost());
    const host = await detectHost(5000);
    if (host.excel) renderApp(root, officePort(opts.excel), host);
    return root;
  }

  // inside an Office client: Excel or an honest state, never the sample workbook
  if (!office || typeof office.onReady !== "function") {
    renderStatus(root, "no-office-js", ` (${signs.join(", ")})`);
    return root;
  }
  renderStatus(root, "waiting");
  const slow = setTimeout(() => renderStatus(root, "slow"), opts.slowMs ?? SLOW_MS);
  let info;
  try {
    info = await waitForOffice(office);
  } catch (e) {
    clearTimeout(slow);
    renderStatus(root, "failed", e instanceof Error ? e.message : String(e));
    return root;
  }
  clearTimeout(slow);
  mark("qcs-host");
  if (isExcel(office, info)) renderApp(root, officePort(opts.excel), officeHost(office));
  else renderStatus(root, "not-excel", String(info?.host ?? "—"));
  return root;
}
