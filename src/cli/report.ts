/**
 * The readable report of `qcs score` for one file. Everything that came from the file (names, the
 * organisation, messages quoting cell values, file names) passes through safeText: no control
 * character from a file reaches the terminal. Chinese output uses Chinese punctuation.
 */
import type { GradeCode, Lang, Scheme } from "../scheme/types";
import { fmt } from "../engine";
import { pick, type ScoreLine } from "./result";
import { safeText } from "./safe-text";

/** The longest line of the report, in characters; longer ones (text from the file) are cut with "…(+N)". */
export const REPORT_LINE_CHARS = 4000;

const pad = (s: string, n: number): string => {
  // CJK characters take two columns in a terminal
  const w = [...s].reduce((k, ch) => k + (/[\u1100-\uffdc]/.test(ch) ? 2 : 1), 0);
  return s + " ".repeat(Math.max(0, n - w));
};

/** The readable report for one file. */
export function reportText(line: ScoreLine, scheme: Scheme, lang: Lang): string {
  const en = lang === "en-US";
  const L = (zh: string, e: string) => (en ? e : zh);
  /** "label: value" with the language's own colon and separators */
  const kv = (zh: string, e: string, value: string) => (en ? `${e}: ${value}` : `${zh}：${value}`);
  const sep = L("，", ", ");
  const out: string[] = [];
  const num = (x: number | null, d = 1) => (x === null ? "—" : fmt(x, d));
  out.push(`== ${line.file}${line.organization ? ` — ${line.organization}` : ""}`);
  if (line.grade) {
    out.push(kv("认证结果", "Result", `${line.gradeLabel}${L("（规则：", "   (profile: ")}${line.profile}${L("）", ")")}`));
  } else {
    out.push(kv("认证结果", "Result", L("无法评定（见下列问题）", "not gradable (see findings)")));
  }
  const level = line.maturityLevel ? pick(scheme.maturityBands[line.maturityLevel - 1].label, lang) : "—";
  out.push(
    kv("服务特性测评得分", "Service score", num(line.serviceScore)) +
      (line.serviceScoreRaw !== null && line.serviceScoreRaw !== line.serviceScore ? L(`（未修约 ${fmt(line.serviceScoreRaw, 4)}）`, `  (unrounded ${fmt(line.serviceScoreRaw, 4)})`) : "") +
      L("　　", "   ") +
      kv("管理成熟度", "Maturity", `${line.maturityTotal ?? "—"} ${L("分", "points")}${sep}${level}`)
  );
  if (line.raters.length > 1) {
    out.push(kv("各评价人得分", "Raters", line.raters.map((r) => `${r.name ?? L(`评价 ${r.rater}`, `#${r.rater}`)} ${num(r.score)}`).join(" · ")));
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
      kv(
        "进度",
        "Progress",
        `${L("已评项目", "items scored")} ${line.progress.items.scored}/${line.progress.items.of}${sep}${L("已评条款", "clauses rated")} ${line.progress.clauses.rated}/${line.progress.clauses.of}`
      )
    );
  }
  if (line.reason) {
    out.push("");
    out.push(kv("原因", "Why", line.reason));
  }
  if (line.nextGrade) {
    out.push(kv("下一等级", "Next", line.nextGrade.text));
    if (line.nextGrade.clauseMoves.length) {
      out.push("  " + kv("最省力的条款提升", "cheapest clause raises", line.nextGrade.clauseMoves.map((m) => `${m.clause} ${m.from}→${m.to}${L(`（+${m.points}）`, ` (+${m.points})`)}`).join(L("、", ", "))));
    }
    if (line.nextGrade.serviceItems.length) {
      out.push(
        "  " +
          kv(
            "提升空间最大的服务项目",
            "service items with the most room",
            line.nextGrade.serviceItems.map((h) => `${h.item}${L("（", " (")}α ${h.meanAlpha === null ? "—" : fmt(h.meanAlpha, 2)}${sep}≤ +${fmt(h.gain)}${L("）", ")")}`).join(L("、", ", "))
          )
      );
    }
  } else if (line.grade) {
    out.push(kv("下一等级", "Next", L("已是最高结果。", "this is already the highest result.")));
  }
  out.push(...robustnessText(line, scheme, lang));
  if (line.disagreements.length) {
    out.push(
      kv(
        "评价人分歧（李克特档相差 ≥ 2）",
        "Rater disagreement (bands ≥ 2 apart)",
        line.disagreements.map((d) => `${d.item} [${d.bands.map((b) => b ?? L("不适用", "N/A")).join("/")}]`).join(L("、", ", "))
      )
    );
  }
  if (line.records.length) {
    out.push("");
    out.push(L("审核记录（RULES §6）：", "Records (RULES §6):"));
    for (const r of line.records) {
      const filled = r.key === "conformity" ? (line.conformity === "passed" ? L("通过", "passed") : line.conformity === "failed" ? L("未通过", "not passed") : L("未记录", "not recorded")) : `${r.filled}/${r.of}`;
      out.push(`  - ${r.title}${L("：", ": ")}${filled}${r.missing.length ? `${L("；", "; ")}${r.missing.join(L("；", "; "))}` : ""}`);
    }
  }
  if (line.findings.length) {
    out.push("");
    out.push(L("问题：", "Findings:"));
    const sev: Record<string, string> = en ? { error: "error", incomplete: "incomplete", warning: "warning" } : { error: "错误", incomplete: "未完成", warning: "提示" };
    for (const f of line.findings) out.push(`  - [${sev[f.severity] ?? f.severity}] ${f.message}`);
  }
  // no control character from the file reaches the terminal (the report's own lines are joined below),
  // and no line is longer than REPORT_LINE_CHARS (a 5 MB organisation name is cut, not printed)
  return out.map((l) => safeText(l, REPORT_LINE_CHARS)).join("\n");
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
