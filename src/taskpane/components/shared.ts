/** What the pane's views share: their styles, props and the names of items, clauses and levels. */
import { makeStyles, tokens } from "@fluentui/react-components";
import type { AssessmentResult } from "../../engine";
import type { Lang, Scheme } from "../../scheme/types";
import { pick, type Strings } from "../strings";

export const useViewStyles = makeStyles({
  card: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: "12px",
    boxShadow: tokens.shadow2,
  },
  gradeHead: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: "8px", flexWrap: "wrap" },
  caption: {
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
    margin: 0,
    fontWeight: tokens.fontWeightRegular,
  },
  badge: {
    display: "inline-block",
    padding: "4px 12px",
    borderRadius: tokens.borderRadiusCircular,
    fontWeight: tokens.fontWeightBold,
    fontSize: tokens.fontSizeBase500,
    letterSpacing: "0.04em",
    lineHeight: tokens.lineHeightBase500,
    marginTop: "4px",
  },
  badgeTop: { backgroundColor: tokens.colorPaletteGreenBackground3, color: tokens.colorNeutralForegroundOnBrand },
  badgeBasic: { backgroundColor: tokens.colorPaletteMarigoldBackground3, color: tokens.colorNeutralForeground1Static },
  badgeNone: { backgroundColor: tokens.colorPaletteRedBackground3, color: tokens.colorNeutralForegroundOnBrand },
  badgePending: { backgroundColor: tokens.colorNeutralBackground5, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase400 },
  stats: { display: "grid", gridTemplateColumns: "1fr 1fr", gap: "8px", marginTop: "12px" },
  stat: {
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    padding: "8px 10px",
    minWidth: 0,
  },
  statValue: {
    display: "block",
    fontSize: tokens.fontSizeBase600,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightBase600,
    color: tokens.colorNeutralForeground1,
    fontVariantNumeric: "tabular-nums",
  },
  statSub: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  limit: {
    marginTop: "10px",
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    display: "flex",
    gap: "6px",
    flexWrap: "wrap",
    alignItems: "center",
  },
  provisional: {
    margin: "8px 0 0 0",
    padding: "4px 8px",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorPaletteMarigoldBackground2,
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
  },
  chip: {
    padding: "1px 8px",
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorPaletteMarigoldBackground2,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  section: { marginTop: "14px" },
  /** the robustness section when the result is fragile: shown first and marked */
  fragile: {
    borderLeft: `3px solid ${tokens.colorPaletteDarkOrangeBorder2}`,
    backgroundColor: tokens.colorPaletteDarkOrangeBackground1,
    padding: "8px 10px",
    borderRadius: tokens.borderRadiusMedium,
  },
  h: {
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    margin: "0 0 6px 0",
    color: tokens.colorNeutralForeground1,
  },
  p: { fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300, margin: "0 0 6px 0", color: tokens.colorNeutralForeground1 },
  small: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, margin: "4px 0 0 0" },
  nextBox: {
    borderLeft: `3px solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
    padding: "8px 10px",
    borderRadius: tokens.borderRadiusMedium,
  },
  list: { margin: "4px 0 0 0", paddingLeft: "18px", fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  rows: { listStyle: "none", margin: 0, padding: 0 },
  row: {
    display: "flex",
    justifyContent: "space-between",
    gap: "8px",
    padding: "4px 0",
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    fontSize: tokens.fontSizeBase300,
  },
  num: { fontVariantNumeric: "tabular-nums", fontWeight: tokens.fontWeightSemibold, whiteSpace: "nowrap" },
  muted: { color: tokens.colorNeutralForeground3 },
  finding: {
    display: "block",
    width: "100%",
    textAlign: "left",
    background: "none",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: "6px 8px",
    marginBottom: "6px",
    color: tokens.colorNeutralForeground1,
    fontFamily: "inherit",
    fontSize: tokens.fontSizeBase300,
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
    ":disabled": { cursor: "default" },
  },
  sev: {
    display: "inline-block",
    fontSize: tokens.fontSizeBase100,
    fontWeight: tokens.fontWeightSemibold,
    padding: "0 6px",
    borderRadius: tokens.borderRadiusSmall,
    marginRight: "6px",
    verticalAlign: "1px",
  },
  sevError: { backgroundColor: tokens.colorPaletteRedBackground2, color: tokens.colorPaletteRedForeground2 },
  sevIncomplete: { backgroundColor: tokens.colorPaletteMarigoldBackground2, color: tokens.colorNeutralForeground1 },
  sevWarning: { backgroundColor: tokens.colorNeutralBackground5, color: tokens.colorNeutralForeground2 },
  cell: {
    display: "block",
    marginTop: "2px",
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorBrandForeground1,
    fontFamily: tokens.fontFamilyMonospace,
  },
});

export interface ViewProps {
  result: AssessmentResult;
  scheme: Scheme;
  lang: Lang;
  S: Strings;
}

/** "功能性 · 设备设施" for an item id */
export function itemName(id: string, scheme: Scheme, lang: Lang): string {
  const it = scheme.items.find((x) => x.id === id);
  if (!it) return id;
  const ch = scheme.characteristics.find((c) => c.id === it.characteristic);
  return `${ch ? pick(ch.name, lang) : ""} · ${pick(scheme.dimensions[it.dimension], lang)}`;
}

export const clauseTitle = (id: string, scheme: Scheme, lang: Lang) => {
  const c = scheme.clauses.find((x) => x.id === id);
  return c ? pick(c.title, lang) : id;
};

export const levelLabel = (scheme: Scheme, level: number | null, lang: Lang) => {
  const b = scheme.maturityBands.find((x) => x.level === level);
  return b ? pick(b.label, lang) : "—";
};
