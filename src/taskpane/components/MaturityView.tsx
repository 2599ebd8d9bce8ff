/** The maturity tab: points per clause against the clause maximum, the total on the band scale. */
import * as React from "react";
import { pick } from "../strings";
import { Bar, BandScale } from "./charts";
import { clauseTitle, levelLabel, useViewStyles, type ViewProps } from "./shared";

/** Points per clause against the clause maximum, and the total on the band scale. */
export function MaturityView(props: ViewProps) {
  const s = useViewStyles();
  const { result, scheme, lang, S } = props;
  const m = result.maturity;
  return (
    <div>
      <section className={s.section} aria-labelledby="qcs-bands">
        <h3 id="qcs-bands" className={s.h}>
          {S.bandScale}
        </h3>
        <p className={s.p}>
          {S.maturityTotal} <span className={s.num}>{m.total ?? "—"}</span> · {S.maturityLevel}{" "}
          <span className={s.num}>{levelLabel(scheme, m.level, lang)}</span>
        </p>
        <BandScale
          title={S.bandScale}
          bands={scheme.maturityBands.map((b) => ({ level: b.level, min: b.min, max: b.max, label: pick(b.label, lang) }))}
          total={m.total}
          activeLevel={m.level}
        />
      </section>
      <section className={s.section} aria-labelledby="qcs-clauses">
        <h3 id="qcs-clauses" className={s.h}>
          {S.clausePoints}
        </h3>
        {m.clauses.map((c) => (
          <Bar
            key={c.clause}
            label={`${c.clause} ${clauseTitle(c.clause, scheme, lang)}`}
            title={`${c.clause} ${clauseTitle(c.clause, scheme, lang)}`}
            value={c.points}
            max={c.max}
            text={`${c.points ?? "—"} / ${c.max}`}
          />
        ))}
      </section>
    </div>
  );
}
