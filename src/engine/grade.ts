import type { GradeCode, GradeGate, RuleProfile, Scheme, Text } from "../scheme/types";
import { fmt, roundHalfUp } from "./decimal";
import { maturityBand } from "./maturity";

export type Track = "service" | "maturity" | "both";

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
  return { code: gate ? gate.code : "NONE", gate, up, limitedBy, service: s, level };
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
}

export function nextGrade(g: GradeResult, total: number, scheme: Scheme, profile: RuleProfile): NextGrade | null {
  const up = g.up;
  if (!up) return null;
  const serviceRise = Math.max(0, roundHalfUp(up.minService - g.service, profile.decimals));
  let totalRise = 0;
  if (g.level < up.minLevel) {
    const band = scheme.maturityBands.find((b) => b.level === up.minLevel);
    totalRise = band ? Math.max(0, band.min - total) : 0;
  }
  const levelReached = maturityBand(total + totalRise, scheme)?.level ?? g.level;
  return { code: up.code, gate: up, serviceRise, totalRise, levelReached };
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

/** Why the result is what it is: which gate (5.3 row) was met and what kept it from the next one. */
export function explainGrade(g: GradeResult, scheme: Scheme): Text {
  const s = fmt(g.service);
  const l = lvl(scheme, g.level);
  const label = scheme.gradeLabels[g.code];
  const zh: string[] = [];
  const en: string[] = [];
  if (g.gate) {
    const row = scheme.gradeRows[g.gate.row];
    const t = gateText(g.gate, scheme);
    zh.push(`服务得分 ${s}，管理成熟度${l.zh}。依据${row.zh}，${label.zh} 需${t.zh}，已满足，结果为 ${label.zh}。`);
    en.push(`Service ${s}, maturity ${l.en}. Per ${row.en}, ${label.en} needs ${t.en}; this holds, so the result is ${label.en}.`);
  } else {
    // no gate holds; the part below names the lowest gate's row and what it lacks
    zh.push(`服务得分 ${s}，管理成熟度${l.zh}，结果为${label.zh}。`);
    en.push(`Service ${s}, maturity ${l.en}: the result is ${label.en}.`);
  }
  if (g.up && g.limitedBy) {
    const upLabel = scheme.gradeLabels[g.up.code];
    const row = scheme.gradeRows[g.up.row];
    const need = lvl(scheme, g.up.minLevel);
    const why: Record<Track, Text> = {
      maturity: {
        zh: `服务得分已达 ${g.up.minService}，但依据${row.zh}，${upLabel.zh} 还需管理成熟度${need.zh}及以上，由管理成熟度限制`,
        en: `Service already reaches ${g.up.minService}, but per ${row.en} ${upLabel.en} also needs maturity ${need.en} or above: limited by maturity`,
      },
      service: {
        zh: `管理成熟度已满足，但依据${row.zh}，${upLabel.zh} 还需服务得分 ≥ ${g.up.minService}，由服务得分限制`,
        en: `Maturity already suffices, but per ${row.en} ${upLabel.en} needs a service score ≥ ${g.up.minService}: limited by the service score`,
      },
      both: {
        zh: `依据${row.zh}，${upLabel.zh} 需服务得分 ≥ ${g.up.minService} 且管理成熟度${need.zh}及以上，两项均未达到`,
        en: `Per ${row.en}, ${upLabel.en} needs a service score ≥ ${g.up.minService} and maturity ${need.en} or above: neither is met`,
      },
    };
    zh.push(why[g.limitedBy].zh + "。");
    en.push(why[g.limitedBy].en + ".");
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
  return {
    zh: `达到 ${label.zh} 需要：${zh.join("，")}。`,
    en: `${capitalise(en.join(" and "))} for ${label.en}.`,
  };
}
