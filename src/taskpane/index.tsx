/**
 * Entry of the task pane (webpack entry "taskpane"). Chooses the workbook port: Office when Excel is
 * the host, else the in-memory preview (office.js missing, or loaded with no host). Never assumes
 * that `Office` exists.
 */
import * as React from "react";
import { createRoot, type Root } from "react-dom/client";
import { DEFAULT_SCHEME } from "../scheme";
import { App, mark } from "./App";
import { browserHost, detectHost, evidentlyPlainBrowser, type HostInfo } from "./host";
import { MemoryPort } from "./memory-port";
import { OfficePort } from "./office-port";
import { sampleAssessment } from "./sample";
import { summarize } from "./summary";
import type { WorkbookPort } from "./port";

declare global {
  interface Window {
    /** ms from navigation start until the first summary was painted (read by the e2e test) */
    __qcsFirstRender?: number;
    __qcsMode?: "office" | "preview";
  }
}

function render(root: Root, port: WorkbookPort, host: HostInfo): void {
  window.__qcsMode = port.kind;
  const initialSummary = port instanceof MemoryPort ? summarize(port.readNow(), DEFAULT_SCHEME) : undefined;
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

function officePort(): WorkbookPort {
  return new OfficePort({ scheme: DEFAULT_SCHEME, lang: () => (document.documentElement.lang === "en-US" ? "en-US" : "zh-CN") });
}

function previewPort(host: HostInfo): WorkbookPort {
  const sample = sampleAssessment(DEFAULT_SCHEME);
  return new MemoryPort({ scheme: DEFAULT_SCHEME, lang: host.lang, raters: sample.raters.length, sample });
}

async function main(): Promise<void> {
  const el = document.getElementById("root");
  if (!el) return;
  mark("qcs-start");
  const root = createRoot(el);
  if (evidentlyPlainBrowser()) {
    // no Office client around: show the preview at once, but follow Office if it turns up after all
    render(root, previewPort(browserHost()), browserHost());
    const host = await detectHost(5000);
    if (host.excel) render(root, officePort(), host);
    return;
  }
  const host = await detectHost();
  mark("qcs-host");
  render(root, host.excel ? officePort() : previewPort(host), host);
}

void main();
