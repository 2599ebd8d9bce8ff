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
import { modelBuffer, templateWorkbook, workbookBuffer } from "../../src/workbook/xlsx/write";
import { readExchange, type AssessmentInput } from "../../src/engine";
import { putByName } from "../workbook/lo";
import { fullRecords } from "../engine/full-records";

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

/** mulberry32, so the "random" fills are the same on every run */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
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
