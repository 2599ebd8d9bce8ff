/** The findings list: each with its cell; choosing one selects the cell (Excel) or the input (preview). */
import * as React from "react";
import { mergeClasses } from "@fluentui/react-components";
import type { Finding } from "../../engine";
import type { Lang } from "../../scheme/types";
import { pick, type Strings } from "../strings";
import { useViewStyles } from "./shared";

/** Findings with their cells; choosing one selects the cell (Excel) or focuses the input (preview). */
export function Findings(props: { findings: Finding[]; lang: Lang; S: Strings; onSelect: (cell: string) => void }) {
  const s = useViewStyles();
  const { findings, lang, S } = props;
  if (!findings.length) return <p className={s.small}>{S.noFindings}</p>;
  const sevClass = (sev: string) => (sev === "error" ? s.sevError : sev === "incomplete" ? s.sevIncomplete : s.sevWarning);
  return (
    <div>
      <p className={s.small}>{S.findingsHint}</p>
      <ul className={s.rows} data-testid="findings" style={{ marginTop: 6 }}>
        {findings.map((f, i) => (
          <li key={`${f.code}-${f.cell ?? ""}-${i}`}>
            <button
              type="button"
              className={s.finding}
              disabled={!f.cell}
              aria-label={f.cell ? `${pick(f.message, lang)} — ${S.goToCell(f.cell)}` : pick(f.message, lang)}
              onClick={() => f.cell && props.onSelect(f.cell)}
              data-cell={f.cell}
            >
              <span className={mergeClasses(s.sev, sevClass(f.severity))}>{S.severity[f.severity] ?? f.severity}</span>
              {pick(f.message, lang)}
              {f.cell && <span className={s.cell}>{f.cell}</span>}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
