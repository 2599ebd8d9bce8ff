/** The summary's parts. Every figure and sentence comes from the engine's result or the scheme. */
import * as React from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { fmt, type AssessmentResult, type Finding } from "../../engine";
import type { GradeCode, Lang, Scheme } from "../../scheme/types";
import { pick, type Strings } from "../strings";
import { Bar, BandScale, Radar } from "./charts";

const useStyles = makeStyles({
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
  chip: {
    padding: "1px 8px",
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorPaletteMarigoldBackground2,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  section: { marginTop: "14px" },
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

const clauseTitle = (id: string, scheme: Scheme, lang: Lang) => {
  const c = scheme.clauses.find((x) => x.id === id);
  return c ? pick(c.title, lang) : id;
};

const levelLabel = (scheme: Scheme, level: number | null, lang: Lang) => {
  const b = scheme.maturityBands.find((x) => x.level === level);
  return b ? pick(b.label, lang) : "—";
};

/** The grade badge, service score and maturity level side by side, and what limits the grade. */
export function GradeCard(props: { result: AssessmentResult | null; scheme: Scheme; lang: Lang; S: Strings }) {
  const s = useStyles();
  const { result, scheme, lang, S } = props;
  const code: GradeCode | null = result?.gradeCode ?? null;
  const badgeClass =
    code === null
      ? s.badgePending
      : code === "NONE"
        ? s.badgeNone
        : code === "BASIC"
          ? s.badgeBasic
          : s.badgeTop;
  const svc = result?.service.score ?? null;
  const level = result?.maturity.level ?? null;
  const total = result?.maturity.total ?? null;
  const limited = result?.grade?.limitedBy ?? null;
  const limitText = limited === "service" ? S.limitService : limited === "maturity" ? S.limitMaturity : limited === "both" ? S.limitBoth : null;
  return (
    <section className={s.card} aria-labelledby="qcs-result-h">
      <div className={s.gradeHead}>
        <div role="status" aria-live="polite" aria-atomic="true" data-testid="grade">
          <h2 id="qcs-result-h" className={s.caption}>
            {S.result}
          </h2>
          <span className={mergeClasses(s.badge, badgeClass)} data-grade={code ?? "pending"}>
            {result?.gradeLabel ? pick(result.gradeLabel, lang) : S.resultPending}
          </span>
        </div>
      </div>
      <div className={s.stats}>
        <div className={s.stat}>
          <span className={s.caption}>{S.serviceScore}</span>
          <span className={s.statValue} data-testid="service-score">
            {svc === null ? "—" : fmt(svc)}
          </span>
          <span className={s.statSub}>
            {result ? S.itemsScored(result.service.progress.scored, result.service.progress.of) : ""}
          </span>
        </div>
        <div className={s.stat}>
          <span className={s.caption}>{S.maturityLevel}</span>
          <span className={s.statValue} data-testid="maturity-level">
            {levelLabel(scheme, level, lang)}
          </span>
          <span className={s.statSub}>
            {total === null
              ? result
                ? S.clausesRated(result.maturity.progress.rated, result.maturity.progress.of)
                : ""
              : `${S.maturityTotal} ${total}`}
          </span>
        </div>
      </div>
      {result && !result.grade && <p className={s.small}>{S.resultPendingHint}</p>}
      {result?.grade && (
        <div className={s.limit}>
          {limitText ? (
            <>
              <span>{S.limitedBy}</span>
              <span className={s.chip} data-testid="limited-by">
                {limitText}
              </span>
            </>
          ) : (
            <span className={s.chip}>{S.topResult}</span>
          )}
        </div>
      )}
      {result?.nextText && result.next && (
        <p className={s.small} data-testid="next-brief">
          {pick(result.nextText, lang)}
        </p>
      )}
    </section>
  );
}

/** Why the result is what it is, what the next one needs and the cheapest moves, progress. */
export function Overview(props: ViewProps) {
  const s = useStyles();
  const { result, scheme, lang, S } = props;
  const next = result.next;
  const topHeadroom = result.headroom.slice(0, 3);
  return (
    <div>
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

/** Each rater's score, the characteristics as bars and a radar, and the disagreements. */
export function ServiceView(props: ViewProps) {
  const s = useStyles();
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

/** Points per clause against the clause maximum, and the total on the band scale. */
export function MaturityView(props: ViewProps) {
  const s = useStyles();
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

/** Findings with their cells; choosing one selects the cell (Excel) or focuses the input (preview). */
export function Findings(props: { findings: Finding[]; lang: Lang; S: Strings; onSelect: (cell: string) => void }) {
  const s = useStyles();
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
