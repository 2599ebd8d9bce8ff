import type { GradeCode, RuleProfile, Scheme, Text } from "../scheme/types";
import { finding, quote, type Finding } from "./findings";
import { applyConformity, describeProfile, explainGrade, explainNext, grade, gradeLabel, nextGrade, type GradeResult, type NextGrade } from "./grade";
import { conformityStatus, recordsOverview, recordWarnings, type AuditRecords, type ConformityStatus, type RecordSection } from "./records";
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
  /** the records of RULES.md §5–§6 (conformity review, 4.2.2, 5.2.2, nonconformities, evidence, sign-off) */
  records?: AuditRecords;
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
  /** the label as shown, with the provisional mark while the conformity review is not recorded */
  gradeLabel: Text | null;
  /** RULES.md §5: no conformity review recorded, the grade is provisional */
  provisional: boolean;
  conformity: ConformityStatus;
  reason: Text | null;
  next: NextGrade | null;
  nextText: Text | null;
  /** cheapest clause raises for the next result's maturity need */
  maturityMoves: ClauseMove[];
  /** items where the service score can rise most */
  headroom: Headroom[];
  profileRule: Text;
  /** what is recorded and what is missing (RULES.md §6) */
  records: RecordSection[];
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
  const conformity = conformityStatus(input.records);
  findings.push(...recordWarnings(input.records, scheme));
  let g: GradeResult | null = null;
  let next: NextGrade | null = null;
  let moves: ClauseMove[] = [];
  if (complete) {
    g = applyConformity(grade(service.score as number, mat.level as number, profile), conformity);
    if (g.conformity === "absent" && g.code !== "NONE") {
      findings.push(
        finding(
          "provisional",
          "warning",
          {
            zh: `尚未记录管理要求符合性审查结果：${scheme.gradeLabels[g.code].zh} 为暂定结果（5.3：须通过符合性审查后定级）`,
            en: `no conformity review is recorded: ${scheme.gradeLabels[g.code].en} is provisional (5.3 grades only after the review is passed)`,
          },
          { field: "conformity" }
        )
      );
    }
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
    gradeLabel: g ? gradeLabel(g, scheme) : null,
    provisional: !!g && g.conformity === "absent" && g.code !== "NONE",
    conformity,
    reason: g ? explainGrade(g, scheme) : null,
    next,
    nextText: g ? explainNext(next, scheme) : null,
    maturityMoves: moves,
    headroom: service.raw !== null ? serviceHeadroom(service, scheme) : [],
    profileRule: describeProfile(profile, scheme),
    records: recordsOverview(
      input.raters.map((r, i) => ({ ...r, counted: service.raters.some((x) => x.rater === i + 1) })),
      input.records,
      scheme
    ),
    findings,
    complete,
    robustness: g ? robustness({ service, maturity: mat, grade: g }, scheme, profile) : null,
  };
}
