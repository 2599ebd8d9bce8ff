/**
 * A small accessible tab list (WAI-ARIA tabs pattern: roving tabindex, arrow keys, Home/End), styled
 * with the Fluent theme's tokens. Lighter than Fluent's TabList, which brings a focus manager along.
 */
import * as React from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  list: {
    display: "flex",
    // wraps rather than scrolls: at 320 px (the narrowest pane) a scrolled-away tab is a tab nobody finds
    flexWrap: "wrap",
    columnGap: "0",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  tab: {
    position: "relative",
    flexShrink: 0,
    background: "none",
    border: "none",
    padding: "8px 7px",
    margin: 0,
    cursor: "pointer",
    fontFamily: "inherit",
    fontSize: tokens.fontSizeBase300,
    whiteSpace: "nowrap",
    color: tokens.colorNeutralForeground2,
    borderRadius: `${tokens.borderRadiusMedium} ${tokens.borderRadiusMedium} 0 0`,
    ":hover": { color: tokens.colorNeutralForeground1, backgroundColor: tokens.colorSubtleBackgroundHover },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
  },
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    "::after": {
      content: '""',
      position: "absolute",
      left: "8px",
      right: "8px",
      bottom: "-1px",
      height: "3px",
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorCompoundBrandStroke,
    },
  },
});

export interface TabItem<T extends string> {
  value: T;
  label: React.ReactNode;
}

export function Tabs<T extends string>(props: {
  items: TabItem<T>[];
  selected: T;
  onSelect: (v: T) => void;
  label: string;
  idPrefix: string;
}) {
  const s = useStyles();
  const refs = React.useRef<(HTMLButtonElement | null)[]>([]);
  const { items, selected } = props;
  const move = (i: number) => {
    const n = items.length;
    const j = (i + n) % n;
    props.onSelect(items[j].value);
    refs.current[j]?.focus();
  };
  return (
    <div role="tablist" aria-label={props.label} className={s.list}>
      {items.map((it, i) => {
        const on = it.value === selected;
        return (
          <button
            key={it.value}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${props.idPrefix}-tab-${it.value}`}
            aria-selected={on}
            aria-controls={`${props.idPrefix}-panel`}
            tabIndex={on ? 0 : -1}
            className={mergeClasses(s.tab, on && s.selected)}
            data-testid={`tab-${it.value}`}
            onClick={() => props.onSelect(it.value)}
            onKeyDown={(e) => {
              if (e.key === "ArrowRight") move(i + 1);
              else if (e.key === "ArrowLeft") move(i - 1);
              else if (e.key === "Home") move(0);
              else if (e.key === "End") move(items.length - 1);
              else return;
              e.preventDefault();
            }}
          >
            {it.label}
          </button>
        );
      })}
    </div>
  );
}
