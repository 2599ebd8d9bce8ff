/** The service tab: each rater's score, the characteristics as bars and a radar, the disagreements. */
import * as React from "react";
import { fmt } from "../../engine";
import { pick } from "../strings";
import { Bar, Radar } from "./charts";
import { itemName, useViewStyles, type ViewProps } from "./shared";

/** Each rater's score, the characteristics as bars and a radar, and the disagreements. */
export function ServiceView(props: ViewProps) {
  const s = useViewStyles();
  const { result, scheme, lang, S } = props;
  const sv = result.service;
  const chars = scheme.characteristics;
  return (
    <div>
      <section className={s.section} aria-labelledby="qcs-raters">
        <h3 id="qcs-raters" className={s.h}>
          {S.raters}
        </h3>
        <ul className={s.rows}>
          {sv.raters.map((r) => (
            <li key={r.rater} className={s.row}>
              <span>{r.name ?? S.rater(r.rater)}</span>
              <span className={r.score === null ? s.muted : s.num}>{r.score === null ? S.raterIncomplete : fmt(r.score, 2)}</span>
            </li>
          ))}
          <li className={s.row}>
            <strong>{S.panelScore}</strong>
            <span className={s.num}>{sv.score === null ? "—" : fmt(sv.score)}</span>
          </li>
        </ul>
      </section>
      <section className={s.section} aria-labelledby="qcs-chars">
        <h3 id="qcs-chars" className={s.h}>
          {S.characteristics}
        </h3>
        {chars.map((c) => {
          const cr = sv.characteristics.find((x) => x.id === c.id);
          const v = cr?.score ?? null;
          return <Bar key={c.id} label={`${c.id} ${pick(c.name, lang)}`} value={v} max={100} text={v === null ? "—" : fmt(v)} />;
        })}
        <Radar
          title={S.radarTitle}
          labels={chars.map((c) => pick(c.name, lang))}
          values={chars.map((c) => sv.characteristics.find((x) => x.id === c.id)?.score ?? null)}
        />
      </section>
      <section className={s.section} aria-labelledby="qcs-dis">
        <h3 id="qcs-dis" className={s.h}>
          {S.disagreements(scheme.disagreementBands)}
        </h3>
        {sv.disagreements.length === 0 ? (
          <p className={s.small}>{S.noDisagreements(scheme.disagreementBands)}</p>
        ) : (
          <ul className={s.rows} data-testid="disagreements">
            {sv.disagreements.map((d) => (
              <li key={d.item} className={s.row}>
                <span>
                  {d.item} {itemName(d.item, scheme, lang)}
                </span>
                <span className={s.num} title={S.bandsOf}>
                  {d.bands.map((b) => (b === null ? S.notApplicableShort : b)).join(" · ")}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
