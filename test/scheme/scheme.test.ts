/** The standard as data, checked against itself. */
import { DEFAULT_SCHEME as S } from "../../src/scheme";

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const texts = (t: { zh: string; en: string }) => [t.zh, t.en];

describe("scheme CTS TBSC094-2026 B/0", () => {
  test("identity", () => {
    expect(S.id).toBe("CTS TBSC094-2026 B/0");
    expect(S.profiles.map((p) => p.id)).toEqual(["table", "paired"]);
    expect(S.defaultProfile).toBe("table");
  });

  test("19 items in Appendix 1 order whose weights sum to 100", () => {
    expect(S.items).toHaveLength(19);
    expect(S.items.map((i) => i.id)).toEqual([
      ...["1", "2", "3", "4", "5", "6"].flatMap((c) => [1, 2, 3].map((k) => `${c}.${k}`)),
      "7.1",
    ]);
    expect(sum(S.items.map((i) => i.weight))).toBe(100);
    for (const it of S.items) expect(it.characteristic).toBe(it.id.split(".")[0]);
  });

  test("characteristic subtotals are the ones Appendix 1 prints (17, 15 × 5, 8)", () => {
    const sub = S.characteristics.map((c) => sum(S.items.filter((i) => i.characteristic === c.id).map((i) => i.weight)));
    expect(sub).toEqual([17, 15, 15, 15, 15, 15, 8]);
  });

  test("21 clauses whose top-level points sum to 145 and bottom-level to 29", () => {
    expect(S.clauses).toHaveLength(21);
    expect(new Set(S.clauses.map((c) => c.id)).size).toBe(21);
    expect(sum(S.clauses.map((c) => c.weight))).toBe(145);
    expect(sum(S.clauses.map((c) => (c.weight * S.minClauseLevel) / S.maxClauseLevel))).toBe(29);
    for (const c of S.clauses) {
      expect(S.groups.some((g) => g.id === c.group)).toBe(true);
      // points per level are whole numbers (Appendix 3)
      for (let l = S.minClauseLevel; l <= S.maxClauseLevel; l++) expect(Number.isInteger((l * c.weight) / S.maxClauseLevel)).toBe(true);
    }
  });

  test("Likert bands are contiguous and cover [0, 1]", () => {
    expect(S.likert.map((b) => b.band)).toEqual([1, 2, 3, 4, 5]);
    expect(S.likert[0].min).toBe(0);
    expect(S.likert[S.likert.length - 1].max).toBe(1);
    for (let i = 1; i < S.likert.length; i++) expect(S.likert[i].min).toBe(S.likert[i - 1].max);
  });

  test("maturity bands are contiguous and cover [20, 145]", () => {
    expect(S.maturityBands.map((b) => b.level)).toEqual([1, 2, 3, 4, 5]);
    expect(S.maturityBands[0].min).toBe(20);
    expect(S.maturityBands[S.maturityBands.length - 1].max).toBe(145);
    for (let i = 1; i < S.maturityBands.length; i++) expect(S.maturityBands[i].min).toBe(S.maturityBands[i - 1].max);
  });

  test("profiles: gates from highest to lowest, every code labelled, rows of the 5.3 table", () => {
    for (const p of S.profiles) {
      for (let i = 1; i < p.gates.length; i++) {
        expect(p.gates[i].minService).toBeLessThanOrEqual(p.gates[i - 1].minService);
        expect(p.gates[i].minLevel).toBeLessThanOrEqual(p.gates[i - 1].minLevel);
      }
      for (const g of p.gates) {
        expect(S.gradeLabels[g.code]).toBeDefined();
        expect(S.gradeRows[g.row]).toBeDefined();
        expect(S.maturityBands.some((b) => b.level === g.minLevel)).toBe(true);
      }
    }
  });

  test("every text exists in both languages", () => {
    const all = [
      ...texts(S.title),
      ...S.characteristics.flatMap((c) => texts(c.name)),
      ...Object.values(S.dimensions).flatMap(texts),
      ...S.items.flatMap((i) => texts(i.criterion)),
      ...S.likert.flatMap((b) => texts(b.label)),
      ...S.groups.flatMap((g) => [...texts(g.name), ...g.levels.flatMap(texts)]),
      ...S.clauses.flatMap((c) => [...texts(c.title), ...texts(c.audit)]),
      ...S.maturityBands.flatMap((b) => texts(b.label)),
      ...Object.values(S.gradeLabels).flatMap(texts),
      ...Object.values(S.gradeRows).flatMap(texts),
      ...S.profiles.flatMap((p) => texts(p.name)),
    ];
    for (const t of all) {
      expect(typeof t).toBe("string");
      expect(t.trim().length).toBeGreaterThan(0);
    }
    for (const c of S.clauses) {
      expect(c.title.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(c.audit.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(c.title.en).toMatch(/^[\x20-\x7e’–—…]+$/);
    }
    for (const g of S.groups) expect(g.levels).toHaveLength(5);
  });

  test("the Chinese texts are the standard's own words", () => {
    // the spec is shipped beside the repository (../shared/spec); when present, every item criterion
    // and clause title must occur in it verbatim
    const fs = require("fs") as typeof import("fs");
    const path = require("path") as typeof import("path");
    const spec = path.join(__dirname, "../../../shared/spec/000_66dc2ecdbe3e94a7.txt");
    expect(fs.existsSync(spec)).toBe(true);
    const text = fs.readFileSync(spec, "utf8");
    for (const it of S.items) expect(text).toContain(it.criterion.zh);
    for (const c of S.clauses) expect(text).toContain(`${c.id}. ${c.title.zh}`);
    // Appendix 2 and 4, 4.2.2, 5.2.2 and 5.3: line by line as printed (list markers and link syntax of the
    // source dropped, no line break added or removed, RULES.md §8: verbatim, typos included)
    const lines = text
      .split("\n")
      .map((l) => l.replace(/^\s*-\s+/, "").replace(/\[([^\]]*)\]\(#\)/g, "$1").trim())
      .filter((l) => l)
      .join("\n");
    for (const c of S.clauses) expect(lines).toContain(c.audit.zh);
    for (const g of S.groups) for (const l of g.levels) expect(lines).toContain(l.zh);
    expect(S.groups.find((g) => g.id === "7")?.auditLead?.zh).toMatch(/^组织应确定改进的机会（见6\.1/);
    for (const g of S.groups) if (g.auditLead) expect(lines).toContain(g.auditLead.zh);
    for (const p of S.specificRequirements) expect(lines).toContain(p.text.zh);
    expect(S.specificRequirements.map((p) => p.id)).toEqual(["1", "2.1", "2.2", "2.3", "2.4", "2.5", "3"]);
    expect(lines).toContain(S.qmsExemption.zh);
    expect(lines).toContain(S.conformityText.zh);
  });
});
