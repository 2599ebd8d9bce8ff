/**
 * What the pane shows inside an Office client before it can run on the workbook: waiting for Excel,
 * still waiting, or why it cannot connect. Never sample data. Office's display language is not known
 * yet, so every text is given in Chinese first, English second. Plain elements (no Fluent UI): it must
 * paint at once.
 */
import * as React from "react";

export type HostPhase = "waiting" | "slow" | "no-office-js" | "failed" | "not-excel";

const TEXT: Record<HostPhase, { zh: string; en: string }> = {
  waiting: { zh: "正在连接 Excel…", en: "Connecting to Excel…" },
  slow: {
    zh: "仍在等待 Excel…（冷启动或 Excel 网页版可能需要较长时间。若长时间没有反应，请关闭并重新打开此窗格。）",
    en: "Still waiting for Excel… (a cold start or Excel on the web can take a while. If nothing happens, close and reopen this pane.)",
  },
  "no-office-js": {
    zh: "无法加载 Office 脚本 office.js，窗格无法连接 Excel。请确认网络或代理允许访问 office.js 的地址，然后重新打开此窗格。",
    en: "office.js could not be loaded, so the pane cannot connect to Excel. Check that the network or proxy allows the office.js address, then reopen this pane.",
  },
  failed: { zh: "Office 初始化失败，窗格无法连接 Excel：", en: "Office failed to start, so the pane cannot connect to Excel: " },
  "not-excel": {
    zh: "Office 报告的宿主不是 Excel，此窗格只能在 Excel 中使用。不连接 Excel 的预览请在普通浏览器中打开本页。宿主：",
    en: "Office reports a host other than Excel; this pane works in Excel only. For the preview without Excel, open this page in an ordinary browser. Host: ",
  },
};

const box: React.CSSProperties = {
  boxSizing: "border-box",
  minHeight: "100vh",
  padding: "16px 12px",
  fontSize: "14px",
  lineHeight: "20px",
  color: "#242424",
  background: "#fafafa",
};

export function HostStatus(props: { phase: HostPhase; detail?: string }) {
  const t = TEXT[props.phase];
  const problem = props.phase === "no-office-js" || props.phase === "failed" || props.phase === "not-excel";
  const detail = props.detail ? props.detail.slice(0, 300) : "";
  return (
    <div style={box} role={problem ? "alert" : "status"} aria-live="polite" data-testid="host-status" data-phase={props.phase}>
      <p lang="zh-CN" style={{ margin: "0 0 8px 0", color: problem ? "#b10e1c" : undefined }}>
        {t.zh}
        {problem && detail}
      </p>
      <p lang="en-US" style={{ margin: 0, color: problem ? "#b10e1c" : "#616161" }}>
        {t.en}
        {problem && detail}
      </p>
    </div>
  );
}
