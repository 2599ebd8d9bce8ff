/**
 * Is there an Office host? office.js may have failed to load (no global `Office`), or loaded in a
 * plain browser, where Office.onReady reports no host. Nothing here assumes `Office` exists.
 */
import type { Lang } from "../scheme/types";
import { langOf } from "./strings";

export interface HostInfo {
  excel: boolean;
  lang: Lang;
  dark: boolean;
}

type OfficeLike = {
  onReady?: (cb?: (info: { host: unknown; platform: unknown }) => void) => Promise<{ host: unknown; platform: unknown }>;
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
 * True when the page is evidently not inside an Office client: top-level window, none of the hosts'
 * bridges (WebView2 on Windows, WKWebView on Mac/iPad, the legacy IE host), no host info in the URL.
 * Office on the web runs add-ins in an iframe. Used to show the preview without waiting for
 * Office.onReady; the pane still switches to Excel if onReady reports it later.
 */
export function evidentlyPlainBrowser(): boolean {
  if (typeof window === "undefined") return true;
  const w = window as unknown as {
    top: unknown;
    chrome?: { webview?: unknown };
    webkit?: { messageHandlers?: unknown };
    external?: { GetContext?: unknown };
    name?: string;
  };
  if (w.top !== window) return false;
  if (w.chrome?.webview) return false;
  if (w.webkit?.messageHandlers) return false;
  if (w.external && typeof w.external === "object" && "GetContext" in w.external) return false;
  const where = `${location.search}${location.hash}${w.name ?? ""}`;
  return !/_host_info/i.test(where);
}

/** The language and theme outside Office. */
export function browserHost(): HostInfo {
  return { excel: false, lang: browserLang(), dark: browserDark() };
}

/** Waits for Office.onReady at most `timeoutMs`; an Excel host gives `excel: true`. */
export async function detectHost(timeoutMs = 1500): Promise<HostInfo> {
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
  const excel = !!info && info.host !== null && info.host !== undefined && info.host === office.HostType?.Excel;
  if (!excel) return fallback;
  const ctx = office.context;
  return {
    excel: true,
    lang: langOf(ctx?.displayLanguage ?? "zh-CN"),
    dark: isDarkColor(ctx?.officeTheme?.bodyBackgroundColor),
  };
}
