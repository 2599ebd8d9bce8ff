import type { GradeCode, GradeGate, RuleProfile, Scheme, Text } from "../scheme/types";
import { fmt, roundHalfUp } from "./decimal";
import { maturityBand } from "./maturity";
import type { ConformityStatus } from "./records";

/** What keeps a result from the next one up: a score track, both, or the failed conformity review (RULES.md §5). */
export type Track = "service" | "maturity" | "both" | "conformity";

export interface GradeResult {
  code: GradeCode;
  /** the gate that was met (undefined for NONE) */
  gate: GradeGate | undefined;
  /** the next gate up (undefined at the top) */
  up: GradeGate | undefined;
  /** which track kept the result from the next one up; null at the top */
  limitedBy: Track | null;
  /** the service score the grade was decided on (rounded as the profile says) */
  service: number;
  level: number;
  /** the conformity review of 5.3: "absent" makes the result provisional, "failed" makes it NONE */
  conformity: ConformityStatus;
  /** the result the scores alone give (differs from `code` only when the review failed) */
  scored: GradeCode;
}

/**
 * The certification result (5.3) from the service score S and the overall maturity level L under a
 * profile: the highest gate whose two minimums both hold. S is rounded first (half-up, decimal-safe),
 * so a shown 90.0 is never graded below 90.
 */
export function grade(service: number, level: number, profile: RuleProfile): GradeResult {
  const s = roundHalfUp(service, profile.decimals);
  const gates = profile.gates;
  let i = 0;
  while (i < gates.length && !(s >= gates[i].minService && level >= gates[i].minLevel)) i++;
  const gate = gates[i];
  const up = i > 0 ? gates[i - 1] : undefined;
  let limitedBy: Track | null = null;
  if (up) {
    const sOk = s >= up.minService;
    const lOk = level >= up.minLevel;
    limitedBy = sOk ? "maturity" : lOk ? "service" : "both";
  }
  const code = gate ? gate.code : "NONE";
  return { code, gate, up, limitedBy, service: s, level, conformity: "passed", scored: code };
}

/**
 * The conformity gate of 5.3 (RULES.md §5) on a scored result: a failed review gives NONE whatever the
 * scores (limited by conformity; the way up is passing the review); no review recorded leaves the result
 * as scored but provisional; a passed review changes nothing.
 */
export function applyConformity(g: GradeResult, status: ConformityStatus): GradeResult {
  // the way up from a failed review: the result the scores give (or, when they give none, the scores' next result)
  if (status === "failed") return { ...g, code: "NONE", gate: undefined, up: g.gate ?? g.up, limitedBy: "conformity", conformity: "failed", scored: g.code };
  return { ...g, conformity: status };
}

/** The grade label as shown: "AAA", "AAA（待符合性审查）" while the review is not recorded. */
export function gradeLabel(g: Pick<GradeResult, "code" | "conformity">, scheme: Scheme): Text {
  const l = scheme.gradeLabels[g.code];
  if (g.conformity !== "absent" || g.code === "NONE") return l;
  return { zh: `${l.zh}${scheme.provisionalMark.zh}`, en: `${l.en} ${scheme.provisionalMark.en}` };
}

/** The smallest rise in each track that reaches the next result up. */
export interface NextGrade {
  code: GradeCode;
  gate: GradeGate;
  /** service points to add to the rounded score (0 when service already suffices) */
  serviceRise: number;
  /** maturity-total points to add (0 when the level already suffices) */
  totalRise: number;
  /** the level the raised total reaches */
  levelReached: number;
  /** the conformity review must be passed (it failed) */
  review?: boolean;
}

export function nextGrade(g: GradeResult, total: number, scheme: Scheme, profile: RuleProfile): NextGrade | null {
  const up = g.up;
  if (!up) return null;
  // a failed review: the scores already give `up`; passing the review is what is missing
  // a failed review whose scores already give `up`: passing the review is all that is missing
  if (g.limitedBy === "conformity" && g.scored !== "NONE") return { code: up.code, gate: up, serviceRise: 0, totalRise: 0, levelReached: g.level, review: true };
  const serviceRise = Math.max(0, roundHalfUp(up.minService - g.service, profile.decimals));
  let totalRise = 0;
  if (g.level < up.minLevel) {
    const band = scheme.maturityBands.find((b) => b.level === up.minLevel);
    totalRise = band ? Math.max(0, band.min - total) : 0;
  }
  const levelReached = maturityBand(total + totalRise, scheme)?.level ?? g.level;
  return { code: up.code, gate: up, serviceRise, totalRise, levelReached, ...(g.limitedBy === "conformity" ? { review: true } : {}) };
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const lvl = (scheme: Scheme, level: number): Text =>
  scheme.maturityBands.find((b) => b.level === level)?.label ?? { zh: `${level}级`, en: `level ${level}` };

/** "≥ 90 points and level 4 or above" for a gate. */
export function gateText(gate: GradeGate, scheme: Scheme): Text {
  const l = lvl(scheme, gate.minLevel);
  return {
    zh: `服务特性测评得分 ≥ ${gate.minService} 且管理成熟度${l.zh}及以上`,
    en: `service score ≥ ${gate.minService} and maturity ${l.en} or above`,
  };
}

/** A profile's rule in words, generated from its gates. */
export function describeProfile(profile: RuleProfile, scheme: Scheme): Text {
  const parts = profile.gates.map((g) => {
    const t = gateText(g, scheme);
    const label = scheme.gradeLabels[g.code];
    return { zh: `${label.zh}：${t.zh}`, en: `${label.en}: ${t.en}` };
  });
  const none = scheme.gradeLabels.NONE;
  return {
    zh: `${parts.map((p) => p.zh).join("；")}；否则${none.zh}。取满足条件的最高一档。`,
    en: `${parts.map((p) => p.en).join("; ")}; otherwise ${none.en}. The highest result whose conditions hold.`,
  };
}

/**
 * Why the result is what it is: the gate that was applied, with its two minimums, and what kept the
 * result from the next one up. A 5.3 row is cited only for the management level it sets (RULES.md §3):
 * its score range is never quoted, so no reason contradicts the score ("S = 100 … row 2 (80–90)").
 */
export function explainGrade(g: GradeResult, scheme: Scheme): Text {
  const s = fmt(g.service);
  const l = lvl(scheme, g.level);
  const label = scheme.gradeLabels[g.code];
  const zh: string[] = [`服务得分 ${s}，管理成熟度${l.zh}。`];
  const en: string[] = [`Service ${s}, maturity ${l.en}.`];
  const needs = (gate: GradeGate): Text => {
    const t = gateText(gate, scheme);
    const row = scheme.gradeRows[gate.row];
    return { zh: `${t.zh}（管理级别依据${row.zh}）`, en: `${t.en} (the level per ${row.en})` };
  };
  if (g.conformity === "failed") {
    const scored = scheme.gradeLabels[g.scored];
    zh.push(`管理要求符合性审查未通过；依据 5.3，${scheme.conformityText.zh}，结果为${label.zh}（仅按得分为 ${scored.zh}）。`);
    en.push(`The management-requirements conformity review was not passed; 5.3 grades ${scheme.conformityText.en}, so the result is ${label.en} (the scores alone give ${scored.en}).`);
    return { zh: zh.join(""), en: en.join(" ") };
  }
  if (g.gate) {
    const t = needs(g.gate);
    zh.push(`${label.zh} 需${t.zh}，已满足，结果为 ${label.zh}。`);
    en.push(`${capitalise(label.en)} needs ${t.en}; this holds, so the result is ${label.en}.`);
  } else {
    zh.push(`结果为${label.zh}。`);
    en.push(`The result is ${label.en}.`);
  }
  if (g.up && g.limitedBy && g.limitedBy !== "conformity") {
    const upLabel = scheme.gradeLabels[g.up.code];
    const row = scheme.gradeRows[g.up.row];
    const need = lvl(scheme, g.up.minLevel);
    const why: Record<Exclude<Track, "conformity">, Text> = {
      maturity: {
        zh: `服务得分已达 ${g.up.minService}，但 ${upLabel.zh} 还需管理成熟度${need.zh}及以上（${row.zh}），由管理成熟度限制`,
        en: `Service already reaches ${g.up.minService}, but ${upLabel.en} also needs maturity ${need.en} or above (${row.en}): limited by maturity`,
      },
      service: {
        zh: `管理成熟度已满足，但 ${upLabel.zh} 需服务得分 ≥ ${g.up.minService}，由服务得分限制`,
        en: `Maturity already suffices, but ${upLabel.en} needs a service score ≥ ${g.up.minService}: limited by the service score`,
      },
      both: {
        zh: `${upLabel.zh} 需${needs(g.up).zh}，两项均未达到`,
        en: `${capitalise(upLabel.en)} needs ${needs(g.up).en}: neither is met`,
      },
    };
    zh.push(why[g.limitedBy].zh + "。");
    en.push(why[g.limitedBy].en + ".");
  }
  if (g.conformity === "absent" && g.code !== "NONE") {
    zh.push(`管理要求符合性审查结果尚未记录，此结果为暂定${scheme.provisionalMark.zh}。`);
    en.push(`The conformity review is not recorded yet, so this result is provisional ${scheme.provisionalMark.en}.`);
  }
  return { zh: zh.join(""), en: en.join(" ") };
}

/**
 * "+2.4 service points and maturity total +4 (level 4) for AAAA". With `totalKnown: false` (only the
 * overall level is known, not the total) the maturity part names the total the needed level starts at:
 * "maturity total ≥ 95 (level 4)".
 */
export function explainNext(n: NextGrade | null, scheme: Scheme, opts: { totalKnown?: boolean } = {}): Text {
  if (!n) return { zh: "已是最高结果。", en: "This is already the highest result." };
  const label = scheme.gradeLabels[n.code];
  if (n.review && n.serviceRise === 0 && n.totalRise === 0) return { zh: `达到 ${label.zh} 需要：通过管理要求符合性审查。`, en: `To reach ${label.en}: pass the conformity review.` };
  const zh: string[] = [];
  const en: string[] = [];
  if (n.serviceRise > 0) {
    zh.push(`服务得分 +${fmt(n.serviceRise)}`);
    en.push(`+${fmt(n.serviceRise)} service points`);
  }
  if (n.totalRise > 0) {
    const l = lvl(scheme, n.levelReached);
    const band = scheme.maturityBands.find((b) => b.level === n.gate.minLevel);
    if (opts.totalKnown === false && band) {
      zh.push(`管理成熟度总分 ≥ ${band.min}（${band.label.zh}）`);
      en.push(`maturity total ≥ ${band.min} (${band.label.en})`);
    } else {
      zh.push(`管理成熟度总分 +${n.totalRise}（达到${l.zh}）`);
      en.push(`maturity total +${n.totalRise} (${l.en})`);
    }
  }
  const text = { zh: `达到 ${label.zh} 需要：${zh.join("，")}。`, en: `${capitalise(en.join(" and "))} for ${label.en}.` };
  return n.review ? withReview(text) : text;
}

/** A next-result sentence that also needs the failed conformity review passed. */
export function withReview(t: Text): Text {
  return { zh: `${t.zh.slice(0, -1)}；并须通过管理要求符合性审查。`, en: `${t.en.slice(0, -1)}; the conformity review must also be passed.` };
}
