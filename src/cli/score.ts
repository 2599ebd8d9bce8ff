import * as fs from "fs";
import * as path from "path";
import type { Lang, Scheme } from "../scheme/types";
import { assess, finding, LIMITS, readExchangeText, type AssessmentInput, type Finding } from "../engine";
import { parseArgs } from "./args";
import { failedLine, scoreLine, type ScoreLine } from "./result";
import { REPORT_LINE_CHARS, reportText } from "./report";
import { safeJson, safeText } from "./safe-text";

/** An assessment file larger than this is refused unread (a real one is a few KB). */
export const MAX_FILE_BYTES = LIMITS.fileBytes;

export const SCORE_HELP = `Usage: qcs score FILE... [--json] [--profile table|paired] [--lang zh-CN|en-US] [--progress]

Scores assessments under CTS TBSC094-2026: FILE is an assessment in the exchange format
(.json, see assessment.schema.json) or a filled qcs template (.xlsx).
  --json        one JSON object per file, one per line, in the order given
  --profile P   rule profile for the grade: table (default) or paired
  --lang L      language of the report and messages: zh-CN (default) or en-US
  --progress    show the progress bar even when stderr is not a terminal
Exit code: 0 when every file was scored, 2 when any file is invalid or incomplete, 1 on a usage error.`;

const fileFault = (zh: string, en: string): Finding => finding("bad-json", "error", { zh, en });

/** Reads one assessment file into engine input, or findings that say why not. */
export async function loadAssessment(
  file: string,
  scheme: Scheme
): Promise<{ input: AssessmentInput | null; findings: Finding[]; locate?: (fs: Finding[]) => Finding[] }> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return { input: null, findings: [fileFault("文件不存在或无法读取", "the file does not exist or cannot be read")] };
  }
  if (!stat.isFile()) return { input: null, findings: [fileFault("不是一个文件", "not a file")] };
  if (stat.size > MAX_FILE_BYTES) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    return {
      input: null,
      findings: [
        finding("too-large", "error", {
          zh: `文件大小 ${mb(stat.size)} MB，超过单个评价文件 ${mb(MAX_FILE_BYTES)} MB 的上限，未读取`,
          en: `the file is ${mb(stat.size)} MB, over the ${mb(MAX_FILE_BYTES)} MB limit for one assessment; not read`,
        }),
      ],
    };
  }
  if (/\.xlsx$/i.test(file)) {
    const { readWorkbookFile } = await import("../workbook/xlsx/read");
    return readWorkbookFile(file, scheme);
  }
  const bytes = fs.readFileSync(file);
  // a workbook under another name (a zip, or an encrypted/legacy Office file): read as a workbook
  const zip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0cf11e0 && bytes.readUInt32BE(4) === 0xa1b11ae1;
  if (zip || ole) {
    const { readWorkbookBytes } = await import("../workbook/xlsx/read");
    return readWorkbookBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), scheme);
  }
  return readExchangeText(bytes.toString("utf8"), scheme);
}

class Progress {
  private last = -1;
  constructor(
    private total: number,
    readonly on: boolean
  ) {}
  tick(done: number): void {
    if (!this.on) return;
    const pct = Math.floor((100 * done) / this.total);
    if (pct === this.last && done !== this.total) return;
    this.last = pct;
    const width = 30;
    const fill = Math.round((width * done) / this.total);
    process.stderr.write(`\r[${"#".repeat(fill)}${".".repeat(width - fill)}] ${done}/${this.total} ${pct}%`);
    if (done === this.total) process.stderr.write("\n");
  }
}

export async function scoreCommand(argv: string[], scheme: Scheme): Promise<number> {
  const args = parseArgs(argv, { values: ["profile", "lang"], booleans: ["json", "help", "progress"] });
  if (args.flags.help) {
    process.stdout.write(SCORE_HELP + "\n");
    return 0;
  }
  const lang = (args.flags.lang ?? "zh-CN") as Lang;
  const profile = args.flags.profile as string | undefined;
  if (lang !== "zh-CN" && lang !== "en-US") args.errors.push(`--lang must be zh-CN or en-US, not ${String(args.flags.lang)}`);
  if (profile !== undefined && !scheme.profiles.some((p) => p.id === profile)) {
    args.errors.push(`--profile must be one of ${scheme.profiles.map((p) => p.id).join(", ")}, not ${profile}`);
  }
  if (!args.positionals.length) args.errors.push("no FILE given");
  if (args.errors.length) {
    process.stderr.write(args.errors.map((e) => `qcs score: ${e}`).join("\n") + `\n\n${SCORE_HELP}\n`);
    return 1;
  }
  // a reader that stops early (qcs score … | head): end quietly, not with an EPIPE stack trace
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(2);
    throw e;
  });
  const files = args.positionals;
  const bar = new Progress(files.length, files.length > 1 && (Boolean(process.stderr.isTTY) || args.flags.progress === true));
  let bad = 0;
  const chunks: string[] = [];
  const flush = () => {
    if (chunks.length) process.stdout.write(chunks.join(""));
    chunks.length = 0;
  };
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    const shown = path.normalize(file);
    let line: ScoreLine;
    try {
      const loaded = await loadAssessment(file, scheme);
      if (!loaded.input) line = failedLine(shown, scheme, loaded.findings, lang);
      else {
        const r = assess(loaded.input, scheme, { profile });
        if (loaded.locate) r.findings = loaded.locate(r.findings);
        line = scoreLine(shown, r, scheme, lang, loaded.findings, loaded.input);
      }
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      line = failedLine(shown, scheme, [fileFault(`无法读取：${msg}`, `cannot be read: ${msg}`)], lang);
    }
    if (!line.ok) {
      bad++;
      const first = line.findings.find((f) => f.severity !== "warning") ?? line.findings[0];
      if (first) process.stderr.write(`${bar.on ? "\r\x1b[2K" : ""}qcs score: ${safeText(shown, REPORT_LINE_CHARS)}: ${safeText(first.message, REPORT_LINE_CHARS)}\n`);
    }
    chunks.push(args.flags.json ? safeJson(line) + "\n" : reportText(line, scheme, lang) + "\n\n");
    if (chunks.length >= 64) flush();
    bar.tick(i + 1);
  }
  flush();
  return bad ? 2 : 0;
}
