/**
 * Every kind of .xlsx the product writes, as files for the OOXML checker (check.ts). A new writer adds
 * its kind here (forms, merged panels, filled reports …) and the checks run over it in `npm test`.
 *
 * A kind lists its files; each file says whether xmllint sees it (`schema`), so that the suite stays
 * quick: the cheap checks (formulas, limits, references) run over every file, the schema check over a
 * spread that covers each writer path (see ooxml.test.ts for the measured times behind the choice).
 */
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import type { Lang } from "../../src/scheme/types";
import { NAMES } from "../../src/workbook/contract";
import { buildTemplate, MAX_RATERS, MIN_RATERS, type TemplateModel, type TemplateOptions } from "../../src/workbook/model";
import { templateBuffer, templateWorkbook, workbookBuffer } from "../../src/workbook/xlsx/write";
import { putByName } from "../workbook/lo";

export interface WrittenFile {
  bytes: Uint8Array;
  /** the template model the file was written from, when there is one */
  model?: TemplateModel;
}

export interface KindFile {
  label: string;
  /** run xmllint over this file too */
  schema: boolean;
  write(): Promise<WrittenFile>;
}

export interface FileKind {
  id: string;
  description: string;
  files(): KindFile[];
}

export const LANGS: readonly Lang[] = ["zh-CN", "en-US"];
export const RATER_COUNTS: readonly number[] = Array.from({ length: MAX_RATERS - MIN_RATERS + 1 }, (_, i) => MIN_RATERS + i);
/** the rater counts whose files also go through xmllint: the ends, the default, one in each decade */
export const SCHEMA_COUNTS = new Set([1, 2, 3, 7, 10, 11, 19, 26, 33, 41, 49, 50]);

/** What `qcs template` writes (src/cli/template.ts → writeTemplateFile → templateBuffer). */
async function template(opts: TemplateOptions): Promise<WrittenFile> {
  return { bytes: await templateBuffer(S, opts), model: buildTemplate(S, opts) };
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
async function filled(opts: TemplateOptions, seed: number): Promise<WrittenFile> {
  const { workbook, model } = await templateWorkbook(S, opts);
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
  putByName(workbook, NAMES.levels, S.clauses.map(() => [1 + Math.floor(rand() * 5)]));
  return { bytes: await workbookBuffer(workbook), model };
}

export const FILE_KINDS: FileKind[] = [
  {
    id: "template",
    description: "qcs template: blank templates, every language, every rater count",
    files: () =>
      LANGS.flatMap((lang) =>
        RATER_COUNTS.map((raters) => ({
          label: `template ${lang}, ${raters} rater(s)`,
          schema: SCHEMA_COUNTS.has(raters),
          write: () => template({ raters, lang }),
        }))
      ),
  },
  {
    id: "template-options",
    description: "qcs template --password / --organization --auditors --dates (texts that need escaping)",
    files: () =>
      LANGS.flatMap((lang) =>
        [1, 3, 50].flatMap((raters) => [
          { label: `template ${lang}, ${raters} rater(s), --password`, schema: true, write: () => template({ raters, lang, password: "审核 P@ss'word\"<&>" }) },
          {
            label: `template ${lang}, ${raters} rater(s), particulars`,
            schema: true,
            write: () =>
              template({
                raters,
                lang,
                particulars: { organization: `示例 "Quality" & <Credit> Co.'s 服务 😀\n第二行`, auditors: "张三、李四 / O'Neil", dates: "2026-03-02 至 2026-03-04" },
              }),
          },
          {
            label: `template ${lang}, ${raters} rater(s), --password and particulars`,
            schema: false,
            write: () => template({ raters, lang, password: "x", particulars: { organization: "A".repeat(300), auditors: "", dates: " " } }),
          },
        ])
      ),
  },
  {
    id: "filled",
    description: "templates with α and levels typed in (as an auditor returns them), every language, every rater count",
    files: () =>
      LANGS.flatMap((lang, li) =>
        RATER_COUNTS.map((raters) => ({
          label: `filled ${lang}, ${raters} rater(s)`,
          schema: SCHEMA_COUNTS.has(raters),
          write: () => filled({ raters, lang }, 1000 * (li + 1) + raters),
        }))
      ),
  },
  {
    id: "sheet-names",
    description: "sheet names that need quoting in formulas and names (apostrophe, &, <, spaces, non-Latin)",
    files: () =>
      LANGS.map((lang) => ({
        label: `template ${lang}, quoted sheet names`,
        schema: true,
        write: () => template({ raters: 2, lang, sheetNames: { service: "Auditor's α sheet", maturity: "A&B <maturity>", result: "Résultat (2)" } }),
      })),
  },
];
