/**
 * "How robust" (RULES §7): the margins over the met gate, then "robust" or the single judgements that
 * would lower the result, each a link to the cell it would change. Every figure is the engine's
 * (result.robustness); the pane only words it.
 */
import * as React from "react";
import { mergeClasses } from "@fluentui/react-components";
import { fmt, type AssessmentResult, type RobustnessStep } from "../../engine";
import type { GradeCode, Lang, Scheme } from "../../scheme/types";
import { pick, type Strings } from "../strings";
import { clauseTitle, itemName, useViewStyles } from "./shared";

/** How many flipping steps are listed; the rest are counted. */
export const STEPS_LISTED = 12;

export interface RobustnessProps {
  result: AssessmentResult;
  scheme: Scheme;
  lang: Lang;
  S: Strings;
  /** the cell of each step (summary.stepCells), when known */
  cells: (string | undefined)[];
  onSelect: (cell: string) => void;
}

const num = (x: number) => (Number.isInteger(x) ? String(x) : fmt(x));

/** One step in words. */
export function stepText(step: RobustnessStep, result: AssessmentResult, scheme: Scheme, lang: Lang, S: Strings): string {
  const rater = (k: number) => S.raterNamed(k + 1, result.service.raters.find((r) => r.rater === k + 1)?.name);
  if (step.kind === "alpha") return S.stepAlpha(step.item, itemName(step.item, scheme, lang), rater(step.rater), fmt(step.from, 2), fmt(step.lowered, 2));
  if (step.kind === "clause") return S.stepClause(step.clause, clauseTitle(step.clause, scheme, lang), step.from, step.lowered);
  return S.stepRater(rater(step.rater));
}

export function RobustnessView(props: RobustnessProps) {
  const s = useViewStyles();
  const { result, scheme, lang, S, cells } = props;
  const rb = result.robustness;
  const label = (code: GradeCode) => pick(scheme.gradeLabels[code], lang);
  if (!rb || !result.grade) {
    return (
      <section className={s.section} aria-labelledby="qcs-robust" data-testid="robustness">
        <h3 id="qcs-robust" className={s.h}>
          {S.robustTitle}
        </h3>
        <p className={s.small}>{S.robustNone}</p>
      </section>
    );
  }
  const current = label(result.grade.code);
  const listed = rb.steps.slice(0, STEPS_LISTED);
  const more = rb.steps.length - listed.length;
  return (
    <section className={mergeClasses(s.section, !rb.robust && s.fragile)} aria-labelledby="qcs-robust" data-testid="robustness" data-robust={String(rb.robust)}>
      <h3 id="qcs-robust" className={s.h}>
        {S.robustTitle}
      </h3>
      <div className={s.stats} style={{ marginTop: 0 }}>
        <div className={s.stat}>
          <span className={s.statSub}>{S.serviceMargin}</span>
          <span className={s.statValue} data-testid="service-margin">
            +{fmt(rb.serviceMargin)}
          </span>
          <span className={s.statSub}>{S.marginOver(current)}</span>
        </div>
        <div className={s.stat}>
          <span className={s.statSub}>{S.maturityMargin}</span>
          <span className={s.statValue} data-testid="maturity-margin">
            +{num(rb.maturityMargin)}
          </span>
          <span className={s.statSub}>{S.marginOver(current)}</span>
        </div>
      </div>
      {rb.robust ? (
        <p className={s.p} style={{ marginTop: 8 }} data-testid="robust">
          {S.robustYes(result.service.raters.length > 1)}
        </p>
      ) : (
        <>
          <p className={s.p} style={{ marginTop: 8 }} data-testid="fragile">
            {S.fragileIntro(rb.steps.length)}
          </p>
          <ul className={s.rows} data-testid="flips">
            {listed.map((st, i) => {
              const cell = cells[i];
              const text = stepText(st, result, scheme, lang, S);
              return (
                <li key={i}>
                  <button
                    type="button"
                    className={s.finding}
                    disabled={!cell}
                    aria-label={cell ? `${text} — ${S.stepGives(label(st.to))} — ${S.goToCell(cell)}` : `${text} — ${S.stepGives(label(st.to))}`}
                    onClick={() => cell && props.onSelect(cell)}
                    data-cell={cell}
                    data-kind={st.kind}
                  >
                    {text}
                    <span className={s.muted}> · {S.stepGives(label(st.to))}</span>
                    {cell && <span className={s.cell}>{cell}</span>}
                  </button>
                </li>
              );
            })}
          </ul>
          {more > 0 && <p className={s.small}>{S.moreSteps(more)}</p>}
        </>
      )}
      <p className={s.small}>{S.checkedSteps(rb.checked.alpha, rb.checked.clause, rb.checked.rater)}</p>
    </section>
  );
}
