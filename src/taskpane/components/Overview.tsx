/** The overview tab: why the result is what it is, what the next one needs, the cheapest moves, progress. */
import * as React from "react";
import { fmt } from "../../engine";
import { pick } from "../strings";
import { Bar } from "./charts";
import { clauseTitle, itemName, useViewStyles, type ViewProps } from "./shared";
import { RobustnessView } from "./RobustnessView";

export interface OverviewProps extends ViewProps {
  /** the cell of each robustness step (summary.stepCells) */
  stepCells?: (string | undefined)[];
  onSelect?: (cell: string) => void;
}

/** Why the result is what it is, what the next one needs and the cheapest moves, progress. */
export function Overview(props: OverviewProps) {
  const s = useViewStyles();
  const { result, scheme, lang, S } = props;
  const next = result.next;
  const topHeadroom = result.headroom.slice(0, 3);
  const fragile = !!result.robustness && !result.robustness.robust;
  const robust = (
    <RobustnessView result={result} scheme={scheme} lang={lang} S={S} cells={props.stepCells ?? []} onSelect={props.onSelect ?? (() => undefined)} />
  );
  return (
    <div>
      {/* a fragile result is the first thing a reviewer must see */}
      {fragile && robust}
      {result.reason && (
        <section className={s.section} aria-labelledby="qcs-why">
          <h3 id="qcs-why" className={s.h}>
            {S.why}
          </h3>
          <p className={s.p} data-testid="reason">
            {pick(result.reason, lang)}
          </p>
        </section>
      )}
      {result.nextText && (
        <section className={s.section} aria-labelledby="qcs-next">
          <h3 id="qcs-next" className={s.h}>
            {S.next}
          </h3>
          <div className={s.nextBox} data-testid="next">
            <p className={s.p}>{pick(result.nextText, lang)}</p>
            {next && next.totalRise > 0 && (
              <>
                <p className={s.small}>{result.maturityMoves.length ? S.maturityMovesIntro : S.movesNone}</p>
                <ul className={s.list} data-testid="maturity-moves">
                  {result.maturityMoves.map((m) => (
                    <li key={m.clause}>{S.clauseMove(m.clause, clauseTitle(m.clause, scheme, lang), m.from, m.to, m.points)}</li>
                  ))}
                </ul>
              </>
            )}
            {next && next.serviceRise > 0 && (
              <>
                <p className={s.small}>{S.serviceMovesIntro(fmt(next.serviceRise))}</p>
                <ul className={s.list} data-testid="service-moves">
                  {topHeadroom.map((h) => (
                    <li key={h.item}>
                      {S.headroomItem(h.item, itemName(h.item, scheme, lang), h.meanAlpha === null ? "—" : fmt(h.meanAlpha, 2), fmt(h.gain, 2))}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        </section>
      )}
      {!fragile && result.grade && robust}
      <section className={s.section} aria-labelledby="qcs-progress">
        <h3 id="qcs-progress" className={s.h}>
          {S.progress}
        </h3>
        <Bar
          label={S.itemsScored(result.service.progress.scored, result.service.progress.of)}
          value={result.service.progress.scored}
          max={result.service.progress.of}
          text={`${Math.round((100 * result.service.progress.scored) / result.service.progress.of)}%`}
        />
        <Bar
          label={S.clausesRated(result.maturity.progress.rated, result.maturity.progress.of)}
          value={result.maturity.progress.rated}
          max={result.maturity.progress.of}
          text={`${Math.round((100 * result.maturity.progress.rated) / result.maturity.progress.of)}%`}
        />
      </section>
      <section className={s.section} aria-labelledby="qcs-rule">
        <h3 id="qcs-rule" className={s.h}>
          {S.rule}
        </h3>
        <p className={s.small}>{pick(result.profileRule, lang)}</p>
      </section>
    </div>
  );
}
