/** The grade badge, the service score and maturity level beside it, and what limits the grade. */
import * as React from "react";
import { mergeClasses } from "@fluentui/react-components";
import { fmt, type AssessmentResult } from "../../engine";
import type { GradeCode, Lang, Scheme } from "../../scheme/types";
import { pick, type Strings } from "../strings";
import { levelLabel, useViewStyles } from "./shared";

/** The grade badge, service score and maturity level side by side, and what limits the grade. */
export function GradeCard(props: { result: AssessmentResult | null; scheme: Scheme; lang: Lang; S: Strings }) {
  const s = useViewStyles();
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
  const limits: Record<string, string> = { service: S.limitService, maturity: S.limitMaturity, both: S.limitBoth, conformity: S.limitConformity };
  const limitText = limited ? limits[limited] : null;
  return (
    <section className={s.card} aria-labelledby="qcs-result-h">
      <div className={s.gradeHead}>
        <div role="status" aria-live="polite" aria-atomic="true" data-testid="grade">
          <h2 id="qcs-result-h" className={s.caption}>
            {S.result}
          </h2>
          <span className={mergeClasses(s.badge, badgeClass)} data-grade={code ?? "pending"} data-provisional={result?.provisional ? "yes" : "no"}>
            {code ? pick(scheme.gradeLabels[code], lang) : S.resultPending}
          </span>
        </div>
      </div>
      {result?.provisional && (
        <p className={s.provisional} data-testid="provisional">
          {S.provisional}
        </p>
      )}
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
