import type { Lang, Scheme, Text } from "../scheme/types";
import { fmt, type AssessmentResult, type Finding } from "../engine";

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
