/**
 * Where does the pane run? Two answers only, and the pane is honest about both:
 *
 *  - inside an Office client (any sign of one, see hostSigns): the pane waits for Office.onReady as
 *    long as it takes — a loading state, after a while "still waiting for Excel…" — and then runs on
 *    the open workbook. It never shows the sample workbook there: an auditor could take the sample's
 *    result for theirs. office.js missing (it failed to load) is an error state, not the preview;
 *    onReady naming another host (or none) is a notice, not the preview.
 *  - in a plain browser (no sign of a host): the in-memory preview with sample data, at once, always
 *    under its "preview" banner.
 *
 * Nothing here assumes that `Office` exists.
 */
import type { Lang } from "../scheme/types";
import { langOf } from "./strings";

export interface HostInfo {
  excel: boolean;
  lang: Lang;
  dark: boolean;
}

export interface ReadyInfo {
  host: unknown;
  platform: unknown;
}

export type OfficeLike = {
  onReady?: (cb?: (info: ReadyInfo) => void) => Promise<ReadyInfo>;
  HostType?: { Excel?: unknown };
  context?: {
    displayLanguage?: string;
    officeTheme?: { bodyBackgroundColor?: string };
  };
};

export function officeGlobal(): OfficeLike | undefined {
  const o = (globalThis as { Office?: OfficeLike }).Office;
  return o && typeof o === "object" ? o : undefined;
}

/** Relative luminance of "#rrggbb" below 0.5 → dark. */
export function isDarkColor(color: string | undefined): boolean {
  const m = color && /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color.trim());
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}

/** Outside Office: Chinese by default; `?lang=en-US` in the URL asks for English. */
function browserLang(): Lang {
  const q = typeof location !== "undefined" ? new URLSearchParams(location.search).get("lang") : null;
  return q ? langOf(q) : "zh-CN";
}

function browserDark(): boolean {
  return typeof matchMedia === "function" && matchMedia("(prefers-color-scheme: dark)").matches;
}

/**
 * The signs that the page runs inside an Office client: Office on the web runs add-ins in an iframe;
 * Office on Windows hosts them in WebView2 (window.chrome.webview) or, in older builds, Internet
 * Explorer / EdgeHTML (window.external.GetContext); Office on Mac and iPad in WKWebView
 * (window.webkit.messageHandlers); office.js's host information (_host_info) is passed in the URL or
 * in window.name. An empty list: a plain browser.
 */
export function hostSigns(): string[] {
  if (typeof window === "undefined") return [];
  const w = window as unknown as {
    top: unknown;
    chrome?: { webview?: unknown };
    webkit?: { messageHandlers?: unknown };
    external?: { GetContext?: unknown };
    name?: string;
  };
  const signs: string[] = [];
  let framed: boolean;
  try {
    framed = w.top !== window;
  } catch {
    framed = true; // a cross-origin parent: certainly framed
  }
  if (framed) signs.push("iframe");
  if (w.chrome?.webview) signs.push("WebView2");
  if (w.webkit?.messageHandlers) signs.push("WKWebView");
  if (w.external && typeof w.external === "object" && "GetContext" in w.external) signs.push("external.GetContext");
  const where = `${location.search}${location.hash}`;
  if (/_host_info/i.test(where)) signs.push("_host_info in the URL");
  if (/_host_info/i.test(w.name ?? "")) signs.push("_host_info in window.name");
  return signs;
}

/** The language and theme outside Office. */
export function browserHost(): HostInfo {
  return { excel: false, lang: browserLang(), dark: browserDark() };
}

/** The language and theme Office reports (after onReady). */
export function officeHost(office: OfficeLike): HostInfo {
  const ctx = office.context;
  return { excel: true, lang: langOf(ctx?.displayLanguage ?? "zh-CN"), dark: isDarkColor(ctx?.officeTheme?.bodyBackgroundColor) };
}

export const isExcel = (office: OfficeLike, info: ReadyInfo | null | undefined): boolean =>
  !!info && info.host !== null && info.host !== undefined && info.host === office.HostType?.Excel;

/**
 * Waits for Office.onReady with no time limit (inside an Office client it comes when it comes; a cold
 * start or Excel on the web can take many seconds). Rejects only if onReady itself rejects.
 */
export async function waitForOffice(office: OfficeLike): Promise<ReadyInfo> {
  if (typeof office.onReady !== "function") throw new Error("Office.onReady is missing");
  return office.onReady();
}

/**
 * In a plain browser only: whether office.js, if it loaded, finds an Excel host after all within
 * `timeoutMs` (it never does in a plain browser; this lets a misjudged host still reach Excel).
 */
export async function detectHost(timeoutMs = 5000): Promise<HostInfo> {
  const office = officeGlobal();
  const fallback = browserHost();
  if (!office || typeof office.onReady !== "function") return fallback;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const info = await Promise.race([
    office.onReady().catch(() => null),
    new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    }),
  ]);
  if (timer !== undefined) clearTimeout(timer);
  return isExcel(office, info) ? officeHost(office) : fallback;
}
