import type { GradeCode, RuleProfile, Scheme, Text } from "../scheme/types";
import { finding, quote, type Finding } from "./findings";
import { describeProfile, explainGrade, explainNext, grade, nextGrade, type GradeResult, type NextGrade } from "./grade";
import { maturity, maturityMoves, type ClauseMove, type MaturityResult } from "./maturity";
import { panelScore, serviceHeadroom, type Headroom, type PanelResult, type RaterInput } from "./service";
import { robustness, type Robustness } from "./robustness";
import type { ReadOptions } from "./input";

/** An assessment after reading: cells in scheme order, not yet checked cell by cell. */
export interface AssessmentInput {
  organization?: string;
  profile?: string;
  raters: RaterInput[];
  /** one entry per scheme clause */
  levels: unknown[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads an assessment in the exchange format (../shared/spec/assessment.schema.json). Structural
 * faults and unknown ids are findings; cell values are checked later by the scoring itself.
 */
export function readExchange(json: unknown, scheme: Scheme): { input: AssessmentInput | null; findings: Finding[] } {
  const findings: Finding[] = [];
  const bad = (field: string, zh: string, en: string) => findings.push(finding("bad-field", "error", { zh, en }, { field }));
  if (!isObject(json)) {
    bad("(root)", "评价文件必须是一个 JSON 对象", "an assessment must be a JSON object");
    return { input: null, findings };
  }
  for (const key of ["scheme", "profile", "organization"]) {
    if (json[key] !== undefined && typeof json[key] !== "string") bad(key, `必须是字符串，而不是 ${quote(json[key])}`, `must be a string, not ${quote(json[key])}`);
  }
  if (typeof json.scheme === "string" && json.scheme !== scheme.id) {
    bad("scheme", `本工具只支持 ${quote(scheme.id)}，而不是 ${quote(json.scheme)}`, `this tool scores ${quote(scheme.id)}, not ${quote(json.scheme)}`);
  }
  if (typeof json.profile === "string" && !scheme.profiles.some((p) => p.id === json.profile)) {
    findings.push(
      finding(
        "unknown-profile",
        "error",
        {
          zh: `未知的规则配置 ${quote(json.profile)}（可用：${scheme.profiles.map((p) => p.id).join(", ")}）`,
          en: `unknown rule profile ${quote(json.profile)} (known: ${scheme.profiles.map((p) => p.id).join(", ")})`,
        },
        { field: "profile" }
      )
    );
  }
  const itemIndex = new Map(scheme.items.map((it, i) => [it.id, i]));
  const clauseIndex = new Map(scheme.clauses.map((c, i) => [c.id, i]));

  const raters: RaterInput[] = [];
  const service = json.service;
  if (!isObject(service)) {
    bad("service", "缺少 service 对象", "missing the service object");
  } else if (!Array.isArray(service.raters)) {
    bad("service.raters", "缺少 raters 数组", "missing the raters array");
  } else if (service.raters.length === 0) {
    findings.push(finding("no-raters", "error", { zh: "没有评价人", en: "there are no raters" }, { field: "service.raters" }));
  } else {
    service.raters.forEach((r, ri) => {
      const field = `service.raters[${ri}]`;
      if (!isObject(r) || !isObject(r.alpha)) {
        bad(isObject(r) ? `${field}.alpha` : field, "必须是一个以项目编号为键的对象", "must be an object keyed by item id");
        return;
      }
      const name = typeof r.name === "string" ? r.name : undefined;
      const alphas: unknown[] = new Array(scheme.items.length).fill(null);
      for (const [id, v] of Object.entries(r.alpha)) {
        const i = itemIndex.get(id);
        if (i === undefined) {
          findings.push(
            finding(
              "unknown-item",
              "error",
              { zh: `未知的项目编号 ${quote(id)}`, en: `unknown item id ${quote(id)}` },
              { field: `${field}.alpha`, rater: ri + 1, rater_name: name }
            )
          );
        } else if (v === null) {
          findings.push(
            finding(
              "alpha-not-number",
              "error",
              { zh: "α 不能为 null；未评分的项目请省略", en: "α must not be null; leave an unscored item out" },
              { field: `${field}.alpha`, rater: ri + 1, rater_name: name, item: id }
            )
          );
        } else alphas[i] = v;
      }
      raters.push({ name, alphas });
    });
  }

  const levels: unknown[] = new Array(scheme.clauses.length).fill(null);
  if (!isObject(json.maturity)) {
    bad("maturity", "缺少 maturity 对象（条款编号 → 成熟度等级）", "missing the maturity object (clause id → level)");
  } else {
    for (const [id, v] of Object.entries(json.maturity)) {
      const i = clauseIndex.get(id);
      if (i === undefined) {
        findings.push(
          finding("unknown-clause", "error", { zh: `未知的条款编号 ${quote(id)}`, en: `unknown clause id ${quote(id)}` }, { field: "maturity" })
        );
      } else if (v === null) {
        findings.push(
          finding(
            "level-invalid",
            "error",
            { zh: "成熟度等级不能为 null；请填写 1–5", en: "maturity level must not be null; give 1–5" },
            { field: "maturity", clause: id }
          )
        );
      } else levels[i] = v;
    }
  }
  if (findings.some((f) => f.severity === "error") && raters.length === 0) return { input: null, findings };
  return {
    input: {
      organization: typeof json.organization === "string" ? json.organization : undefined,
      profile: typeof json.profile === "string" ? json.profile : undefined,
      raters,
      levels,
    },
    findings,
  };
}

/** Everything the product says about one assessment. */
export interface AssessmentResult {
  scheme: string;
  profile: string;
  service: PanelResult;
  maturity: MaturityResult;
  /** null until both tracks are complete and valid */
  grade: GradeResult | null;
  gradeCode: GradeCode | null;
  gradeLabel: Text | null;
  reason: Text | null;
  next: NextGrade | null;
  nextText: Text | null;
  /** cheapest clause raises for the next result's maturity need */
  maturityMoves: ClauseMove[];
  /** items where the service score can rise most */
  headroom: Headroom[];
  profileRule: Text;
  findings: Finding[];
  complete: boolean;
  /** RULES §7: margins and the single steps that would lower the result; null unless complete and graded (not NONE) */
  robustness: Robustness | null;
}

export interface AssessOptions extends ReadOptions {
  profile?: string;
}

export function assess(input: AssessmentInput, scheme: Scheme, opts: AssessOptions = {}): AssessmentResult {
  const profileId = opts.profile ?? input.profile ?? scheme.defaultProfile;
  const profile: RuleProfile = scheme.profiles.find((p) => p.id === profileId) ?? scheme.profiles[0];
  const findings: Finding[] = [];
  if (profile.id !== profileId) {
    findings.push(finding("unknown-profile", "error", { zh: `未知的规则配置 ${quote(profileId)}`, en: `unknown rule profile ${quote(profileId)}` }));
  }
  const service = panelScore(input.raters, scheme, { ...opts, decimals: profile.decimals });
  const mat = maturity(input.levels, scheme, opts);
  findings.push(...service.findings, ...mat.findings);
  const complete = service.score !== null && mat.level !== null && !findings.some((f) => f.severity !== "warning");
  let g: GradeResult | null = null;
  let next: NextGrade | null = null;
  let moves: ClauseMove[] = [];
  if (complete) {
    g = grade(service.score as number, mat.level as number, profile);
    next = nextGrade(g, mat.total as number, scheme, profile);
    if (next && next.totalRise > 0) {
      moves = maturityMoves(mat.clauses.map((c) => c.level as number), next.totalRise, scheme) ?? [];
    }
  }
  return {
    scheme: scheme.id,
    profile: profile.id,
    service,
    maturity: mat,
    grade: g,
    gradeCode: g ? g.code : null,
    gradeLabel: g ? scheme.gradeLabels[g.code] : null,
    reason: g ? explainGrade(g, scheme) : null,
    next,
    nextText: g ? explainNext(next, scheme) : null,
    maturityMoves: moves,
    headroom: service.raw !== null ? serviceHeadroom(service, scheme) : [],
    profileRule: describeProfile(profile, scheme),
    findings,
    complete,
    robustness: g ? robustness({ service, maturity: mat, grade: g }, scheme, profile) : null,
  };
}
