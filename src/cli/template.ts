/**
 * `qcs template --out FILE.xlsx [--raters N] [--lang zh-CN|en-US] [--password P]`: writes the
 * Appendix 1, Appendix 3 and result sheets as an .xlsx file (ExcelJS; no Office.js).
 */
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_SCHEME } from "../scheme";
import type { Lang } from "../scheme/types";
import { DEFAULT_RATERS, MAX_RATERS, MIN_RATERS, type TemplateOptions } from "../workbook/model";
import { writeTemplateFile } from "../workbook/xlsx/write";

export const TEMPLATE_HELP = `qcs template — write the scoring templates of ${DEFAULT_SCHEME.id} as an .xlsx file
(服务能力评价评分表 / 管理要求成熟度 / 认证结果) that computes on its own in Excel, Excel on the web,
LibreOffice and WPS.

Usage:
  qcs template --out FILE.xlsx [--raters N] [--lang zh-CN|en-US] [--password P]
      [--organization TEXT] [--auditors TEXT] [--dates TEXT] [--force]

Options:
  --out FILE.xlsx    the file to write (required)
  --raters N         rater or visit columns, ${MIN_RATERS}–${MAX_RATERS} (default ${DEFAULT_RATERS})
  --lang L           zh-CN (default) or en-US
  --password P       protect the sheets with a password (default: protected without a password)
  --organization, --auditors, --dates   prefill the audit particulars
  --force            overwrite FILE.xlsx if it exists
  -h, --help         this text

Exit codes: 0 written, 2 usage error, 1 could not write.
`;

interface Parsed {
  out?: string;
  opts: TemplateOptions;
  force: boolean;
  help: boolean;
}

function parse(argv: string[]): Parsed | string {
  const p: Parsed = { opts: { raters: DEFAULT_RATERS, lang: "zh-CN" }, force: false, help: false };
  const particulars: NonNullable<TemplateOptions["particulars"]> = {};
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
  if (Object.keys(particulars).length) p.opts.particulars = particulars;
  return p;
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
    process.stderr.write(`qcs template: --out FILE.xlsx is required\n\n${TEMPLATE_HELP}`);
    return 2;
  }
  if (!/\.xlsx$/i.test(p.out)) {
    process.stderr.write(`qcs template: the output file must end in .xlsx: ${p.out}\n`);
    return 2;
  }
  const out = path.resolve(p.out);
  if (fs.existsSync(out) && !p.force) {
    process.stderr.write(`qcs template: ${p.out} exists; use --force to overwrite it\n`);
    return 2;
  }
  try {
    await writeTemplateFile(out, DEFAULT_SCHEME, p.opts);
  } catch (e) {
    process.stderr.write(`qcs template: could not write ${p.out}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  process.stdout.write(
    `${p.out}: ${DEFAULT_SCHEME.id}, ${p.opts.raters} rater column(s), ${p.opts.lang}${p.opts.password ? ", password-protected" : ""}\n`
  );
  return 0;
}
