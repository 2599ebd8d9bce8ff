import type { GradeCode, Lang, Scheme, Text } from "../scheme/types";
import { fmt, type AssessmentResult, type Finding, type Robustness } from "../engine";

export const pick = (t: Text, lang: Lang): string => (lang === "en-US" ? t.en : t.zh);

/** The JSON line `qcs score --json` prints for one file. */
export interface ScoreLine {
  file: string;
  ok: boolean;
  scheme: string;
  profile: string | null;
  organization?: string;
  serviceScore: number | null;
  serviceScoreRaw: number | null;
  raters: { rater: number; name?: string; score: number | null; unscored: string[] }[];
  characteristics: { id: string; name: string; weight: number; score: number | null }[];
  progress: { items: { scored: number; of: number }; clauses: { rated: number; of: number } } | null;
  maturityTotal: number | null;
  maturityLevel: number | null;
  grade: string | null;
  gradeLabel: string | null;
  limitedBy: string | null;
  reason: string | null;
  nextGrade: {
    grade: string;
    gradeLabel: string;
    serviceRise: number;
    maturityTotalRise: number;
    maturityLevelReached: number;
    clauseMoves: { clause: string; from: number; to: number; points: number }[];
    /** items where raising α gains the most service points (top 5) */
    serviceItems: { item: string; meanAlpha: number | null; gain: number }[];
    text: string;
  } | null;
  disagreements: { item: string; bands: (number | null)[] }[];
  findings: { severity: string; code: string; message: string; item?: string; clause?: string; rater?: number; field?: string; cell?: string }[];
  /** RULES §7; null when the result is not certified or not complete */
  robustness: RobustnessLine | null;
}

/**
 * `robustness` of a JSON line, as issue 12 specifies it. Rater indexes count from 0 in input order (the
 * position of the rater in service.raters, or of the rater column in a template); a blank column keeps
 * its position and is never a step.
 */
export interface RobustnessLine {
  serviceMargin: number;
  maturityMargin: number;
  robust: boolean;
  flips: { alpha: number; clause: number; rater: number };
  steps: (
    | { kind: "alpha"; rater: number; item: string; to: GradeCode }
    | { kind: "clause"; clause: string; to: GradeCode }
    | { kind: "rater"; rater: number; to: GradeCode }
  )[];
}

/** The engine's robustness as the JSON line carries it (only the fields issue 12 names). */
export function robustnessLine(rb: Robustness): RobustnessLine {
  return {
    serviceMargin: rb.serviceMargin,
    maturityMargin: rb.maturityMargin,
    robust: rb.robust,
    flips: { alpha: rb.flips.alpha, clause: rb.flips.clause, rater: rb.flips.rater },
    steps: rb.steps.map((s) =>
      s.kind === "alpha"
        ? { kind: s.kind, rater: s.rater, item: s.item, to: s.to }
        : s.kind === "clause"
          ? { kind: s.kind, clause: s.clause, to: s.to }
          : { kind: s.kind, rater: s.rater, to: s.to }
    ),
  };
}

export function findingLine(f: Finding, lang: Lang): ScoreLine["findings"][number] {
  const out: ScoreLine["findings"][number] = { severity: f.severity, code: f.code, message: pick(f.message, lang) };
  if (f.item) out.item = f.item;
  if (f.clause) out.clause = f.clause;
  if (f.rater !== undefined) out.rater = f.rater;
  if (f.field) out.field = f.field;
  if (f.cell) out.cell = f.cell;
  return out;
}

/** A file that could not be read at all. */
export function failedLine(file: string, scheme: Scheme, findings: Finding[], lang: Lang): ScoreLine {
  return {
    file,
    ok: false,
    scheme: scheme.id,
    profile: null,
    serviceScore: null,
    serviceScoreRaw: null,
    raters: [],
    characteristics: [],
    progress: null,
    maturityTotal: null,
    maturityLevel: null,
    grade: null,
    gradeLabel: null,
    limitedBy: null,
    reason: null,
    nextGrade: null,
    disagreements: [],
    findings: findings.map((f) => findingLine(f, lang)),
    robustness: null,
  };
}

export function scoreLine(
  file: string,
  r: AssessmentResult,
  scheme: Scheme,
  lang: Lang,
  extra: Finding[] = [],
  organization?: string
): ScoreLine {
  const all = [...extra, ...r.findings];
  const ok = r.complete && !all.some((f) => f.severity !== "warning");
  return {
    file,
    ok,
    scheme: r.scheme,
    profile: r.profile,
    ...(organization ? { organization } : {}),
    serviceScore: r.service.score,
    serviceScoreRaw: r.service.raw,
    raters: r.service.raters.map((x) => ({ rater: x.rater, ...(x.name ? { name: x.name } : {}), score: x.score, unscored: x.unscored })),
    characteristics: r.service.characteristics.map((c) => ({
      id: c.id,
      name: pick(scheme.characteristics.find((k) => k.id === c.id)!.name, lang),
      weight: c.weight,
      score: c.score,
    })),
    progress: {
      items: r.service.progress,
      clauses: r.maturity.progress,
    },
    maturityTotal: r.maturity.total,
    maturityLevel: r.maturity.level,
    grade: ok ? r.gradeCode : null,
    gradeLabel: ok && r.gradeLabel ? pick(r.gradeLabel, lang) : null,
    limitedBy: ok && r.grade ? r.grade.limitedBy : null,
    reason: ok && r.reason ? pick(r.reason, lang) : null,
    nextGrade:
      ok && r.next && r.nextText
        ? {
            grade: r.next.code,
            gradeLabel: pick(scheme.gradeLabels[r.next.code], lang),
            serviceRise: r.next.serviceRise,
            maturityTotalRise: r.next.totalRise,
            maturityLevelReached: r.next.levelReached,
            clauseMoves: r.maturityMoves,
            serviceItems: r.next.serviceRise > 0 ? r.headroom.slice(0, 5) : [],
            text: pick(r.nextText, lang),
          }
        : null,
    disagreements: r.service.disagreements.map((d) => ({ item: d.item, bands: d.bands })),
    findings: all.map((f) => findingLine(f, lang)),
    robustness: ok && r.robustness && r.gradeCode !== "NONE" ? robustnessLine(r.robustness) : null,
  };
}

const pad = (s: string, n: number): string => {
  // CJK characters take two columns in a terminal
  const w = [...s].reduce((k, ch) => k + (/[\u1100-\uffdc]/.test(ch) ? 2 : 1), 0);
  return s + " ".repeat(Math.max(0, n - w));
};

/** The readable report for one file. */
export function reportText(line: ScoreLine, scheme: Scheme, lang: Lang): string {
  const en = lang === "en-US";
  const L = (zh: string, e: string) => (en ? e : zh);
  const out: string[] = [];
  const num = (x: number | null, d = 1) => (x === null ? "—" : fmt(x, d));
  out.push(`== ${line.file}${line.organization ? ` — ${line.organization}` : ""}`);
  if (line.grade) {
    out.push(`${L("认证结果", "Result")}: ${line.gradeLabel}   (${L("规则", "profile")}: ${line.profile})`);
  } else {
    out.push(`${L("认证结果", "Result")}: ${L("无法评定（见下列问题）", "not gradable (see findings)")}`);
  }
  out.push(
    `${L("服务特性测评得分", "Service score")}: ${num(line.serviceScore)}` +
      (line.serviceScoreRaw !== null && line.serviceScoreRaw !== line.serviceScore ? `  (${L("未修约", "unrounded")} ${fmt(line.serviceScoreRaw, 4)})` : "") +
      `   ${L("管理成熟度", "Maturity")}: ${line.maturityTotal ?? "—"} ${L("分", "points")}, ${
        line.maturityLevel ? pick(scheme.maturityBands[line.maturityLevel - 1].label, lang) : "—"
      }`
  );
  if (line.raters.length > 1) {
    out.push(
      `${L("各评价人得分", "Raters")}: ` +
        line.raters.map((r) => `${r.name ?? `#${r.rater}`} ${num(r.score)}`).join(" · ")
    );
  }
  if (line.characteristics.length) {
    out.push("");
    out.push(`  ${pad(L("服务特性", "Characteristic"), 26)}${L("分值", "weight").padStart(6)}${L("得分%", "score %").padStart(10)}`);
    for (const c of line.characteristics) {
      out.push(`  ${pad(`${c.id} ${c.name}`, 26)}${String(c.weight).padStart(6)}${num(c.score).padStart(10)}`);
    }
  }
  if (line.progress) {
    out.push("");
    out.push(
      `${L("进度", "Progress")}: ${L("已评项目", "items scored")} ${line.progress.items.scored}/${line.progress.items.of}, ${L("已评条款", "clauses rated")} ${line.progress.clauses.rated}/${line.progress.clauses.of}`
    );
  }
  if (line.reason) {
    out.push("");
    out.push(`${L("原因", "Why")}: ${line.reason}`);
  }
  if (line.nextGrade) {
    out.push(`${L("下一等级", "Next")}: ${line.nextGrade.text}`);
    if (line.nextGrade.clauseMoves.length) {
      out.push(
        `  ${L("最省力的条款提升", "cheapest clause raises")}: ` +
          line.nextGrade.clauseMoves.map((m) => `${m.clause} ${m.from}→${m.to} (+${m.points})`).join(", ")
      );
    }
    if (line.nextGrade.serviceItems.length) {
      out.push(
        `  ${L("提升空间最大的服务项目", "service items with the most room")}: ` +
          line.nextGrade.serviceItems.map((h) => `${h.item} (α ${h.meanAlpha === null ? "—" : fmt(h.meanAlpha, 2)}, ≤ +${fmt(h.gain)})`).join(", ")
      );
    }
  } else if (line.grade) {
    out.push(`${L("下一等级", "Next")}: ${L("已是最高结果。", "this is already the highest result.")}`);
  }
  out.push(...robustnessText(line, scheme, lang));
  if (line.disagreements.length) {
    out.push(
      `${L("评价人分歧（李克特档相差 ≥2）", "Rater disagreement (bands ≥ 2 apart)")}: ` +
        line.disagreements.map((d) => `${d.item} [${d.bands.map((b) => b ?? "NA").join("/")}]`).join(", ")
    );
  }
  if (line.findings.length) {
    out.push("");
    out.push(`${L("问题", "Findings")}:`);
    for (const f of line.findings) out.push(`  - [${f.severity}] ${f.message}`);
  }
  return out.join("\n");
}

/** How many flipping steps the text report names; the rest are counted. */
export const ROBUSTNESS_LISTED = 8;

/**
 * The report's robustness lines (RULES §7): the margins, then "robust" or the flipping steps (at most
 * ROBUSTNESS_LISTED named, the rest counted). Raters are named as in the report's rater line: the
 * rater's name, or # and the 1-based column position. Empty when the line has no robustness.
 */
export function robustnessText(line: ScoreLine, scheme: Scheme, lang: Lang): string[] {
  const rb = line.robustness;
  if (!rb || !line.grade) return [];
  const en = lang === "en-US";
  const label = (code: GradeCode) => pick(scheme.gradeLabels[code], lang);
  const current = label(line.grade as GradeCode);
  const num = (x: number) => (Number.isInteger(x) ? String(x) : fmt(x));
  const out: string[] = [
    en
      ? `Robustness: margins over the ${current} thresholds: service score +${fmt(rb.serviceMargin)}, maturity total +${num(rb.maturityMargin)}.`
      : `稳健性：距 ${current} 门槛的余量为服务得分 +${fmt(rb.serviceMargin)}，管理成熟度总分 +${num(rb.maturityMargin)}。`,
  ];
  const multi = line.raters.length > 1;
  if (rb.robust) {
    out.push(
      en
        ? `Robust: lowering any one judgement by one step${multi ? ", or leaving out any one rater," : ""} does not lower the result.`
        : `稳健：任何一项判断降低一档${multi ? "、或去掉任何一名评价人，" : ""}都不会降低结果。`
    );
    return out;
  }
  const who = (k: number) => {
    const name = line.raters.find((r) => r.rater === k + 1)?.name;
    return name ?? `#${k + 1}`;
  };
  const targets = new Set(rb.steps.map((s) => s.to));
  const same = targets.size === 1;
  const named = rb.steps.slice(0, ROBUSTNESS_LISTED).map((s) => {
    const what =
      s.kind === "alpha"
        ? en
          ? `item ${s.item}${multi ? ` (rater ${who(s.rater)})` : ""}`
          : `项目 ${s.item}${multi ? `（评价人 ${who(s.rater)}）` : ""}`
        : s.kind === "clause"
          ? en
            ? `clause ${s.clause}`
            : `条款 ${s.clause}`
          : en
            ? `leaving out rater ${who(s.rater)}`
            : `去掉评价人 ${who(s.rater)}`;
    return same ? what : `${what} → ${label(s.to)}`;
  });
  const more = rb.steps.length - named.length;
  const n = rb.steps.length;
  const withRaters = rb.flips.rater > 0;
  if (en) {
    const what = withRaters
      ? `any one of these ${n} changes (a judgement one step lower, or a rater left out)`
      : `lowering any one of these ${n} judgements by one step`;
    const result = same ? `lowers the result to ${label(rb.steps[0].to)}` : "lowers the result";
    out.push(`Fragile: ${what} ${result}: ${named.join(", ")}${more ? `, and ${more} more` : ""}.`);
  } else {
    const what = withRaters ? `以下 ${n} 项中任一项（判断降低一档或去掉一名评价人）` : `以下 ${n} 项判断中任一项降低一档`;
    const result = same ? `即降为 ${label(rb.steps[0].to)}` : "即降低结果";
    out.push(`脆弱：${what}${result}：${named.join("、")}${more ? `，另有 ${more} 项` : ""}。`);
  }
  return out;
}
