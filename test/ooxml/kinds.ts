/**
 * Every kind of .xlsx the product writes, as files for the OOXML checker (check.ts). A new writer adds
 * its kind here (forms, merged panels, filled reports …) and the checks run over it in `npm test`.
 *
 * Every file goes through every check, xmllint included: validating the parts of all 100 blank
 * templates takes one xmllint run of about 2 s, less than writing them (ExcelJS, ~10 s of CPU).
 */
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import type { Lang } from "../../src/scheme/types";
import { NAMES } from "../../src/workbook/contract";
import {
  buildTemplate,
  fillModel,
  MAX_RATERS,
  MIN_RATERS,
  NC_ROWS,
  type TemplateModel,
  type TemplateOptions,
} from "../../src/workbook/model";
import { modelBuffer, modelWorkbook, templateWorkbook, workbookBuffer } from "../../src/workbook/xlsx/write";
import { readExchange, type AssessmentInput } from "../../src/engine";
import { putByName } from "../workbook/lo";
import { formModel, type FormSpec } from "../../src/cli/forms";
import { panelModel } from "../../src/workbook/merge";
import { fullRecords } from "../engine/full-records";
import { rng } from "../helpers";

export interface KindFile {
  label: string;
  /** the file's bytes, written when asked (so that a long list never sits in memory) */
  write(): Promise<Uint8Array>;
  /** the template model the file is written from, when there is one */
  model?(): TemplateModel;
}

export interface FileKind {
  id: string;
  description: string;
  files(): KindFile[];
}

export const LANGS: readonly Lang[] = ["zh-CN", "en-US"];
export const RATER_COUNTS: readonly number[] = Array.from(
  { length: MAX_RATERS - MIN_RATERS + 1 },
  (_, i) => MIN_RATERS + i
);
/**
 * The rater counts filled in: both ends, the default, a spread between. A filled file differs from
 * the blank one of the same count (checked for every count) only by the values typed into its input
 * cells; filling all 50 counts in both languages would add ~15 s of CPU to `npm test` for no new kind
 * of content.
 */
export const FILLED_COUNTS: readonly number[] = [MIN_RATERS, 2, 3, 5, 10, 17, 25, 33, 42, MAX_RATERS];

const STAMP = { formId: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", issued: "2026-11-26" };

/**
 * What `qcs template` writes (src/cli/template.ts: buildTemplate with a stamp → fillModel → modelBuffer),
 * blank or filled from an assessment (`--from`, `--organization` …).
 */
function template(label: string, opts: TemplateOptions, input?: AssessmentInput): KindFile {
  const full: TemplateOptions = { stamp: { ...STAMP, organization: input?.organization }, ...opts };
  const model = () => {
    const m = buildTemplate(S, { ...full, nonconformityRows: Math.max(NC_ROWS, input?.records?.nonconformities?.length ?? 0) });
    return input ? fillModel(m, input, S) : m;
  };
  return { label, write: () => modelBuffer(model()), model };
}

/** An assessment with every record of RULES.md §6, with texts that need escaping. */
function recordsInput(raters: number): AssessmentInput {
  const read = readExchange(fullRecords(), S).input as AssessmentInput;
  const base = read.raters;
  return {
    ...read,
    organization: `示例 "Quality" & <Credit> Co.'s 服务 😀\n第二行`,
    raters: Array.from({ length: raters }, (_, k) => ({ ...base[k % base.length], name: `${base[k % base.length].name ?? ""} ${k + 1} O'Neil & <Co>` })),
  };
}

/**
 * A template filled as an auditor would: α values (numbers, N/A spellings, some blank) and maturity
 * levels, written into the cells the workbook names point to (as test/workbook/lo.ts does).
 */
function filled(label: string, opts: TemplateOptions, seed: number): KindFile {
  const write = async () => {
    const { workbook } = await templateWorkbook(S, opts);
    const rand = rng(seed);
    const na = ["N/A", "NA", "不适用", "n/a"];
    const grid = S.items.map(() =>
      Array.from({ length: opts.raters }, () => {
        const u = rand();
        if (u < 0.05) return null;
        if (u < 0.1) return na[Math.floor(rand() * na.length)];
        return Math.round(rand() * 100) / 100;
      })
    );
    putByName(workbook, NAMES.alpha, grid);
    putByName(
      workbook,
      NAMES.levels,
      S.clauses.map(() => [1 + Math.floor(rand() * 5)])
    );
    return new Uint8Array(await workbookBuffer(workbook));
  };
  return { label, write, model: () => buildTemplate(S, opts) };
}

/** What `qcs forms` writes (src/cli/forms.ts formModel → modelBuffer): blank as issued, or filled in as a client returns it. */
function form(label: string, spec: FormSpec, fill?: { seed: number }): KindFile {
  const model = () => formModel(S, spec);
  if (!fill) return { label, write: () => modelBuffer(model()), model };
  const write = async () => {
    const workbook = await modelWorkbook(model());
    const rand = rng(fill.seed);
    putByName(workbook, NAMES.alpha, S.items.map(() => [rand() < 0.1 ? "N/A" : Math.round(rand() * 100) / 100]));
    if (spec.withMaturity) putByName(workbook, NAMES.levels, S.clauses.map(() => [1 + Math.floor(rand() * 5)]));
    return new Uint8Array(await workbookBuffer(workbook));
  };
  return { label, write, model };
}

/**
 * What `qcs merge --out PANEL.xlsx` writes (src/workbook/merge.ts panelModel → modelBuffer): the merged
 * columns, every record, the sources sheet (one row per file, texts that need escaping) and a stamp.
 */
function merged(label: string, lang: Lang, raters: number, seed: number): KindFile {
  const model = () => {
    const rand = rng(seed);
    const base = recordsInput(raters);
    const input: AssessmentInput = {
      ...base,
      raters: base.raters.map((r) => ({ ...r, alphas: S.items.map(() => Math.round(rand() * 100) / 100) })),
      levels: S.clauses.map(() => 1 + Math.floor(rand() * 5)),
    };
    const sources = Array.from({ length: raters + 1 }, (_, k) => ({
      file: `示例 "Quality" & <Credit>'s 表单 ${k + 1}.xlsx`,
      sha256: Array.from({ length: 64 }, (_, i) => "0123456789abcdef"[(i * 7 + k) % 16]).join(""),
      ...(k % 3 === 2 ? {} : { formId: `0f1e2d3c-4b5a-6978-8796-${String(k).padStart(12, "0")}` }),
      rater: `评价人 ${k + 1} O'Neil & <Co>`,
      kind: k % 2 ? "visit" : "person",
      date: "2026-11-20",
      verdict: k === raters ? (lang === "en-US" ? "accepted with findings: 1 verify finding(s) (not intact)" : "带问题接受：核验问题 1 个（内容与模板不一致）") : lang === "en-US" ? "intact, verified" : "完整，通过核验",
    }));
    return panelModel(input, sources, S, { lang, formId: STAMP.formId, issued: STAMP.issued });
  };
  return { label, write: () => modelBuffer(model()), model };
}

export const FILE_KINDS: FileKind[] = [
  {
    id: "template",
    description: "qcs template: blank templates, every language, every rater count",
    files: () =>
      LANGS.flatMap((lang) =>
        RATER_COUNTS.map((raters) => template(`template ${lang}, ${raters} rater(s)`, { raters, lang }))
      ),
  },
  {
    id: "template-options",
    description: "qcs template --password / --from (every record, texts that need escaping) / forms",
    // (a password costs ~0.3 s a sheet: ExcelJS hashes it 100,000 times with SHA-512, as Excel does)
    files: () =>
      LANGS.flatMap((lang) => [
        template(`template ${lang}, 3 raters, --password`, { raters: 3, lang, password: "审核 P@ss'word\"<&>" }),
        ...[1, 50].map((raters) => template(`template ${lang}, ${raters} rater(s), every record (--from)`, { raters, lang }, recordsInput(raters))),
        template(`template ${lang}, 10 raters, --password and a 300-character organization`, { raters: 10, lang, password: "x" }, { raters: [], levels: [], organization: "A".repeat(300) }),
        template(`form ${lang}, one rater`, { raters: 1, lang, kind: "form" }, { raters: [{ alphas: [], name: "张三", kind: "person" }], levels: [], organization: "某某公司" }),
        template(`form with Appendix 3 ${lang}, one visit`, { raters: 1, lang, kind: "form-maturity" }, { raters: [{ alphas: [], name: "第 1 次走访", kind: "visit" }], levels: [] }),
      ]),
  },
  {
    id: "filled",
    description:
      "templates with α and levels typed in (as an auditor returns them), every language, a spread of rater counts",
    files: () =>
      LANGS.flatMap((lang, li) =>
        FILLED_COUNTS.map((raters) =>
          filled(`filled ${lang}, ${raters} rater(s)`, { raters, lang }, 1000 * (li + 1) + raters)
        )
      ),
  },
  {
    id: "forms",
    description: "qcs forms: single-rater forms (with --with-maturity also Appendix 3), person and visit, both languages, as issued and as returned",
    files: () =>
      LANGS.flatMap((lang, li) => [
        ...(["person", "visit"] as const).flatMap((kind) =>
          [false, true].map((withMaturity) =>
            form(`form ${lang}, ${kind}${withMaturity ? ", with Appendix 3" : ""}`, { organization: `示例 "Quality" & <Credit> Co.'s 服务`, rater: `张三 O'Neil & <Co> ${kind}`, kind, withMaturity, lang, ...STAMP })
          )
        ),
        ...[false, true].map((withMaturity) =>
          form(`form ${lang}${withMaturity ? " with Appendix 3" : ""}, filled as returned`, { organization: "某某公司", rater: "李四", kind: "person", withMaturity, lang, ...STAMP }, { seed: 500 + li * 10 + Number(withMaturity) })
        ),
      ]),
  },
  {
    id: "merged",
    description: "qcs merge: a panel workbook with the sources sheet and its own stamp, 3 and MAX_RATERS columns, every record, both languages",
    files: () => LANGS.flatMap((lang, li) => [3, MAX_RATERS].map((raters) => merged(`merged panel ${lang}, ${raters} rater(s)`, lang, raters, 700 + li * 100 + raters))),
  },
  {
    id: "sheet-names",
    description: "sheet names that need quoting in formulas and names (apostrophe, &, <, spaces, non-Latin)",
    files: () =>
      LANGS.map((lang) =>
        template(`template ${lang}, quoted sheet names`, {
          raters: 2,
          lang,
          sheetNames: { service: "Auditor's α sheet", maturity: "A&B <maturity>", result: "Résultat (2)" },
        })
      ),
  },
];
