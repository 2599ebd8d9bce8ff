import type { Text } from "../scheme/types";

/**
 * Everything the engine can say about its input. A finding names the place (rater, item, clause or
 * field) and the fault, in both languages; bad input is reported this way, never thrown.
 */
export type Severity = "error" | "incomplete" | "warning";

export type FindingCode =
  | "alpha-range"
  | "alpha-not-number"
  | "alpha-blank"
  | "rater-all-na"
  | "no-raters"
  | "level-invalid"
  | "level-blank"
  | "total-range"
  | "unknown-item"
  | "unknown-clause"
  | "unknown-profile"
  | "bad-field"
  | "bad-json"
  | "too-large"
  | "shape"
  | "altered"
  | "duplicate-key"
  | "unknown-field"
  | "record"
  | "provisional"
  | "conformity"
  | "limit"
  | "more"
  | "stamp"
  | "extra"
  | "displayed";

export interface Place {
  /** 1-based rater (or visit) number */
  rater?: number;
  rater_name?: string;
  item?: string;
  clause?: string;
  /** a field of the exchange format, e.g. "service.raters[1].alpha" */
  field?: string;
  /** a cell address, for workbook adapters */
  cell?: string;
}

export interface Finding extends Place {
  code: FindingCode;
  severity: Severity;
  /** what is wrong, without the place: "α 1.2 is outside [0, 1]" */
  fault: Text;
  /** place and fault: "rater 2, item 2.3: α 1.2 is outside [0, 1]" */
  message: Text;
  /** code "more": how many findings it stands for (a list capped again keeps the true count) */
  count?: number;
}

/** "rater 2, item 2.3" / "评价人 2，项目 2.3" */
export function placeText(p: Place): Text {
  const zh: string[] = [];
  const en: string[] = [];
  if (p.cell) {
    zh.push(`单元格 ${p.cell}`);
    en.push(`cell ${p.cell}`);
  }
  if (p.field) {
    zh.push(`字段 ${p.field}`);
    en.push(`field ${p.field}`);
  }
  if (p.rater !== undefined) {
    const name = p.rater_name ? ` (${p.rater_name})` : "";
    zh.push(`评价人 ${p.rater}${name}`);
    en.push(`rater ${p.rater}${name}`);
  }
  if (p.item) {
    zh.push(`项目 ${p.item}`);
    en.push(`item ${p.item}`);
  }
  if (p.clause) {
    zh.push(`条款 ${p.clause}`);
    en.push(`clause ${p.clause}`);
  }
  return { zh: zh.join("，"), en: en.join(", ") };
}

export function finding(code: FindingCode, severity: Severity, fault: Text, place: Place = {}): Finding {
  const where = placeText(place);
  const message = where.en
    ? { zh: `${where.zh}：${fault.zh}`, en: `${where.en}: ${fault.en}` }
    : { zh: fault.zh, en: fault.en };
  return { code, severity, ...place, fault, message };
}

/** How a raw input value is quoted in a message. */
export function quote(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number") return String(v);
  if (v === null) return "null";
  if (v === undefined) return "nothing";
  if (typeof v === "boolean") return String(v);
  try {
    const s = JSON.stringify(v);
    return s.length > 40 ? s.slice(0, 37) + "…" : s;
  } catch {
    return typeof v;
  }
}

export const hasErrors = (fs: readonly Finding[]): boolean => fs.some((f) => f.severity === "error");
export const isComplete = (fs: readonly Finding[]): boolean => !fs.some((f) => f.severity !== "warning");

/**
 * A list of findings that keeps at most `max` entries and counts the rest, so one hostile file cannot
 * flood memory or output (600,000 unknown ids give `max` findings and one "… more" line).
 */
export class FindingList {
  private readonly items: Finding[] = [];
  private omitted = 0;
  /** the most serious severity among the omitted findings */
  private worst: Severity = "warning";
  constructor(readonly max: number) {}
  push(...fs: Finding[]): void {
    for (const f of fs) {
      // the closing line of a list capped before: its count joins this list's count
      const n = f.code === "more" && typeof f.count === "number" ? f.count : 0;
      if (n === 0 && this.items.length < this.max) this.items.push(f);
      else {
        this.omitted += Math.max(1, n);
        if (f.severity === "error" || (f.severity === "incomplete" && this.worst === "warning")) this.worst = f.severity;
      }
    }
  }
  /** counts one more omitted finding without building it (once the list is full) */
  tally(severity: Severity): void {
    this.push({ severity } as Finding);
  }
  get full(): boolean {
    return this.items.length >= this.max;
  }
  get size(): number {
    return this.items.length + this.omitted;
  }
  some(pred: (f: Finding) => boolean): boolean {
    return this.items.some(pred);
  }
  /** the kept findings, with one closing finding that counts the omitted ones */
  list(): Finding[] {
    if (!this.omitted) return [...this.items];
    const n = this.omitted.toLocaleString("en-US");
    return [
      ...this.items,
      {
        ...finding("more", this.worst, {
          zh: `另有 ${n} 个问题未列出（每个文件最多列出 ${this.max} 个）`,
          en: `${n} more findings not listed (at most ${this.max} per file)`,
        }),
        count: this.omitted,
      },
    ];
  }
}

/** Caps a finished list the same way. */
export function capFindings(fs: readonly Finding[], max: number): Finding[] {
  const l = new FindingList(max);
  l.push(...fs);
  return l.list();
}
