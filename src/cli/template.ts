/**
 * `qcs template --out FILE.xlsx [--raters N] [--lang zh-CN|en-US] [--password P] [--from ASSESSMENT.json]`:
 * writes the assessment workbook (Appendix 1, evidence, Appendix 3, records, the report) as an .xlsx
 * file, stamped; with --from, filled from an exchange-format assessment, records included, so a JSON
 * assessment becomes a printable report. Written atomically (./atomic.ts).
 */
import * as fs from "fs";
import { DEFAULT_SCHEME } from "../scheme";
import type { Lang } from "../scheme/types";
import { LIMITS, readExchangeText, type AssessmentInput } from "../engine";
import { buildTemplate, DEFAULT_RATERS, fillModel, MAX_RATERS, MIN_RATERS, NC_ROWS, type TemplateOptions } from "../workbook/model";
import { modelBuffer } from "../workbook/xlsx/write";
import { newFormId, today } from "../workbook/form-id";
import { safeText } from "./safe-text";
import { OutputExistsError, writeFileAtomic } from "./atomic";

export const TEMPLATE_HELP = `qcs template — 写出评分表 / write the scoring workbook of ${DEFAULT_SCHEME.id} (template 2.0) as an .xlsx file
(服务能力评价评分表 / 服务评价证据 / 管理要求成熟度 / 审核记录 / 认证结果 — service, evidence, maturity,
audit records, result), stamped, that computes on its own in Excel, Excel on the web, LibreOffice and WPS.
Forms for single raters or visits: qcs forms.

Usage:
  qcs template --out FILE.xlsx [--raters N] [--lang zh-CN|en-US] [--password P]
      [--from ASSESSMENT.json] [--organization TEXT] [--auditors TEXT] [--dates FROM[..TO]] [--force]

Options:
  --out FILE.xlsx    the file to write (required)
  --raters N         rater or visit columns, ${MIN_RATERS}–${MAX_RATERS} (default ${DEFAULT_RATERS}, or as many as --from has)
  --lang L           zh-CN (default) or en-US
  --password P       protect the sheets with a password (default: protected without a password)
  --from FILE.json   fill the workbook from an assessment in the exchange format, every record included
  --organization TEXT, --auditors "A、B", --dates 2026-11-01..2026-11-04   prefill the particulars
  --force            overwrite FILE.xlsx if it exists (the old file stays intact until the new one is complete)
  -h, --help         this text

Exit codes: 0 written, 2 usage error or an assessment that cannot be written, 1 could not write.
`;

interface Parsed {
  out?: string;
  opts: TemplateOptions;
  force: boolean;
  help: boolean;
  from?: string;
  ratersGiven: boolean;
  particulars: { organization?: string; auditors?: string; dates?: string };
}

function parse(argv: string[]): Parsed | string {
  const p: Parsed = { opts: { raters: DEFAULT_RATERS, lang: "zh-CN" }, force: false, help: false, ratersGiven: false, particulars: {} };
  const particulars = p.particulars;
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let val: string | undefined;
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0) {
      val = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const next = (): string | undefined => (val !== undefined ? val : argv[++i]);
    switch (arg) {
      case "-h":
      case "--help":
        p.help = true;
        break;
      case "--force":
        p.force = true;
        break;
      case "--out":
      case "-o": {
        const v = next();
        if (!v) return "--out needs a file name";
        p.out = v;
        break;
      }
      case "--raters": {
        const v = next();
        const n = v !== undefined && /^\d+$/.test(v) ? Number(v) : NaN;
        if (!Number.isInteger(n) || n < MIN_RATERS || n > MAX_RATERS) return `--raters must be a whole number ${MIN_RATERS}–${MAX_RATERS}, not ${v ?? "nothing"}`;
        p.opts.raters = n;
        p.ratersGiven = true;
        break;
      }
      case "--lang": {
        const v = next();
        if (v !== "zh-CN" && v !== "en-US") return `--lang must be zh-CN or en-US, not ${v ?? "nothing"}`;
        p.opts.lang = v as Lang;
        break;
      }
      case "--password": {
        const v = next();
        if (v === undefined || v === "") return "--password needs a value";
        p.opts.password = v;
        break;
      }
      case "--from": {
        const v = next();
        if (!v) return "--from needs an assessment file (.json)";
        p.from = v;
        break;
      }
      case "--organization":
      case "--auditors":
      case "--dates": {
        const v = next();
        if (v === undefined) return `${arg} needs a value`;
        particulars[arg.slice(2) as keyof typeof particulars] = v;
        break;
      }
      default:
        return `unknown argument ${arg}`;
    }
  }
  if (particulars.dates !== undefined && !DATES.test(particulars.dates)) return `--dates must be YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD, not ${particulars.dates}`;
  return p;
}

const DATES = /^(\d{4}-\d{2}-\d{2})(?:\.\.(\d{4}-\d{2}-\d{2}))?$/;

/** The assessment the particulars options describe, merged over the one read with --from. */
function withParticulars(input: AssessmentInput, p: Parsed["particulars"]): AssessmentInput {
  const audit = { ...(input.records?.audit ?? {}) };
  if (p.auditors !== undefined) audit.team = p.auditors.split(/[、,，;；]+/).map((x) => x.trim()).filter(Boolean);
  if (p.dates !== undefined) {
    const m = DATES.exec(p.dates);
    if (m) {
      audit.from = m[1];
      audit.to = m[2] ?? m[1];
    }
  }
  const records = { ...(input.records ?? {}), ...(Object.keys(audit).length ? { audit } : {}) };
  return { ...input, ...(p.organization !== undefined ? { organization: p.organization } : {}), ...(Object.keys(records).length ? { records } : {}) };
}

export async function templateCommand(argv: string[]): Promise<number> {
  const p = parse(argv);
  if (typeof p === "string") {
    process.stderr.write(`qcs template: ${p}\n\n${TEMPLATE_HELP}`);
    return 2;
  }
  if (p.help) {
    process.stdout.write(TEMPLATE_HELP);
    return 0;
  }
  if (!p.out) {
    process.stderr.write(`qcs template: 缺少 --out FILE.xlsx / --out FILE.xlsx is required\n\n${TEMPLATE_HELP}`);
    return 2;
  }
  if (!/\.xlsx$/i.test(p.out)) {
    process.stderr.write(`qcs template: 输出文件须以 .xlsx 结尾 / the output file must end in .xlsx: ${safeText(p.out)}\n`);
    return 2;
  }
  let input: AssessmentInput = { raters: [], levels: [] };
  if (p.from) {
    let text: string;
    try {
      const st = fs.statSync(p.from);
      if (!st.isFile()) throw new Error("not a file");
      if (st.size > LIMITS.fileBytes) throw new Error(`over the ${LIMITS.fileBytes / 1024 / 1024} MB limit`);
      text = fs.readFileSync(p.from, "utf8");
    } catch (e) {
      process.stderr.write(`qcs template: 无法读取 / cannot read ${safeText(p.from)}: ${safeText(e instanceof Error ? e.message : String(e))}\n`);
      return 2;
    }
    const read = readExchangeText(text, DEFAULT_SCHEME);
    const errors = read.findings.filter((f) => f.severity === "error");
    if (!read.input || errors.length) {
      for (const f of errors.slice(0, 20)) process.stderr.write(`qcs template: ${safeText(p.from)}: ${safeText(f.message[p.opts.lang === "en-US" ? "en" : "zh"])}\n`);
      return 2;
    }
    input = read.input;
    if (!p.ratersGiven) p.opts.raters = Math.max(MIN_RATERS, input.raters.length);
    if (input.raters.length > MAX_RATERS) {
      process.stderr.write(`qcs template: ${safeText(p.from)} 有 ${input.raters.length} 个评价列，评分表最多 ${MAX_RATERS} 个 / has ${input.raters.length} rater columns; a workbook holds at most ${MAX_RATERS}\n`);
      return 2;
    }
  }
  const ncs = input.records?.nonconformities?.length ?? 0;
  if (ncs > LIMITS.nonconformityRows) {
    process.stderr.write(`qcs template: ${safeText(p.from ?? "")} 有 ${ncs} 项不符合，评分表最多 ${LIMITS.nonconformityRows} 项 / has ${ncs} nonconformities; a workbook holds at most ${LIMITS.nonconformityRows} (LIMITS.nonconformityRows)\n`);
    return 2;
  }
  input = withParticulars(input, p.particulars);
  p.opts.nonconformityRows = Math.max(NC_ROWS, input.records?.nonconformities?.length ?? 0);
  p.opts.stamp = { formId: newFormId(), issued: today(), organization: input.organization };
  let bytes: Uint8Array;
  try {
    const model = buildTemplate(DEFAULT_SCHEME, p.opts);
    bytes = await modelBuffer(fillModel(model, input, DEFAULT_SCHEME));
  } catch (e) {
    process.stderr.write(`qcs template: 无法把此评价写入评分表 / cannot write this assessment into a workbook: ${safeText(e instanceof Error ? e.message : String(e))}\n`);
    return 2;
  }
  try {
    writeFileAtomic(p.out, bytes, { force: p.force });
  } catch (e) {
    if (e instanceof OutputExistsError) {
      process.stderr.write(`qcs template: ${safeText(p.out)} 已存在，加 --force 覆盖 / exists; use --force to overwrite it\n`);
      return 2;
    }
    process.stderr.write(`qcs template: 写入失败 / could not write ${safeText(p.out)}: ${safeText(e instanceof Error ? e.message : String(e))}\n`);
    return 1;
  }
  process.stdout.write(
    `${safeText(p.out)}: ${DEFAULT_SCHEME.id}, ${p.opts.raters} rater column(s), ${p.opts.lang}${p.opts.password ? ", password-protected" : ""}${p.from ? `, filled from ${safeText(p.from)}` : ""}\n`
  );
  return 0;
}
