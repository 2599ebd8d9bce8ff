/**
 * The records the standard asks for (RULES §5–§6): the conformity review's status, then each section
 * of the records with what is filled and what is missing, each a link to its place in the workbook.
 * The sections and their wording are the engine's (result.records); the pane only lays them out.
 */
import * as React from "react";
import type { AssessmentResult, RecordSection } from "../../engine";
import type { Lang } from "../../scheme/types";
import { pick, type Strings } from "../strings";
import { useViewStyles } from "./shared";

export interface RecordsProps {
  result: AssessmentResult;
  lang: Lang;
  S: Strings;
  /** the first cell of each section's range (summary.recordCells) */
  cells: Partial<Record<RecordSection["key"], string>>;
  onSelect: (cell: string) => void;
}

export function RecordsView(props: RecordsProps) {
  const s = useViewStyles();
  const { result, lang, S, cells } = props;
  return (
    <div data-testid="records">
      <section className={s.section} aria-labelledby="qcs-conformity">
        <h3 id="qcs-conformity" className={s.h}>
          {S.conformityTitle}
        </h3>
        <p className={s.p} data-testid="conformity-status" data-status={result.conformity}>
          {S.conformityStatus[result.conformity] ?? result.conformity}
        </p>
      </section>
      <section className={s.section} aria-labelledby="qcs-records">
        <h3 id="qcs-records" className={s.h}>
          {S.recordsTitle}
        </h3>
        <ul className={s.rows}>
          {result.records.map((r) => {
            const cell = cells[r.key];
            const title = pick(r.title, lang);
            const done = r.of > 0 && r.filled >= r.of && !r.missing.length;
            return (
              <li key={r.key} data-testid={`record-${r.key}`}>
                <button
                  type="button"
                  className={s.finding}
                  disabled={!cell}
                  aria-label={cell ? `${title} ${S.filledOf(r.filled, r.of)} — ${S.goToCell(cell)}` : `${title} ${S.filledOf(r.filled, r.of)}`}
                  onClick={() => cell && props.onSelect(cell)}
                  data-cell={cell}
                >
                  <span style={{ display: "flex", justifyContent: "space-between", gap: 8 }}>
                    <span>{title}</span>
                    <span className={s.num}>{done ? `✓ ${S.filledOf(r.filled, r.of)}` : S.filledOf(r.filled, r.of)}</span>
                  </span>
                  {r.missing.map((m, i) => (
                    <span key={i} className={s.small} style={{ display: "block" }}>
                      {pick(m, lang)}
                    </span>
                  ))}
                  {cell && <span className={s.cell}>{cell}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
