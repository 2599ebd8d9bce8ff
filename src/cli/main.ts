import * as fs from "fs";
import * as path from "path";
import { DEFAULT_SCHEME } from "../scheme";
import { scoreCommand, SCORE_HELP } from "./score";
import { templateCommand } from "./template";

const HELP = `qcs — scoring for CTS TBSC094-2026 企业质量信用服务认证技术规范

Commands:
  qcs score FILE... [--json] [--profile table|paired] [--lang zh-CN|en-US]
      score assessments (.json exchange format) or filled templates (.xlsx)
  qcs template --out FILE.xlsx [--raters N] [--lang zh-CN|en-US] [--password P]
      write the Appendix 1 / Appendix 3 / result templates as an .xlsx file
  qcs --version
Run "qcs score --help" or "qcs template --help" for details.

${SCORE_HELP.split("\n").slice(-1)[0]}`;

/** The package's version (src/cli and lib/cli both sit two folders below package.json). */
function packageVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(__dirname, "../../package.json"), "utf8")).version;
}

/** The qcs command. Returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case "score":
      return scoreCommand(rest, DEFAULT_SCHEME);
    case "template":
      return templateCommand(rest);
    case "--version":
    case "-v":
      process.stdout.write(`qcs ${packageVersion()} (${DEFAULT_SCHEME.id}, data ${DEFAULT_SCHEME.version})\n`);
      return 0;
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(HELP + "\n");
      return cmd === undefined ? 1 : 0;
    default:
      process.stderr.write(`qcs: unknown command ${JSON.stringify(cmd)}\n\n${HELP}\n`);
      return 1;
  }
}
