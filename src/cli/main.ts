import * as fs from "fs";
import * as path from "path";
import { DEFAULT_SCHEME } from "../scheme";
import { scoreCommand } from "./score";
import { templateCommand } from "./template";
import { formsCommand } from "./forms";
import { verifyCommand } from "./verify";
import { mergeCommand } from "./merge";

const HELP = `qcs — scoring for CTS TBSC094-2026 企业质量信用服务认证技术规范

Commands:
  qcs score FILE... [--json] [--profile table|paired] [--lang zh-CN|en-US]
      score assessments (.json exchange format) or filled templates (.xlsx)
  qcs template --out FILE.xlsx [--raters N] [--lang zh-CN|en-US] [--password P]
      write the Appendix 1 / Appendix 3 / result templates as an .xlsx file
  qcs forms --out DIR --organization ORG --rater NAME [--rater NAME ...] [--kind person|visit]
      [--with-maturity] [--lang zh-CN|en-US] [--force]
      write one stamped single-rater form per name, DIR/ORG-NAME.xlsx, to send to raters or clients
  qcs verify FILE... [--json] [--lang zh-CN|en-US]
      check returned forms: stamp, intact (every difference with its cell), displayed vs computed, complete
  qcs merge FILE... --out PANEL.xlsx|PANEL.json [--force] [--lang zh-CN|en-US]
      combine returned forms into one panel (with the sources: file, SHA-256, form id, verdict)
  qcs --version
Run "qcs COMMAND --help" for details and exit codes (score, verify, merge: 0 all good, 2 a file
invalid, incomplete or refused, 1 a usage error).`;

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
    case "forms":
      return formsCommand(rest, DEFAULT_SCHEME);
    case "verify":
      return verifyCommand(rest, DEFAULT_SCHEME);
    case "merge":
      return mergeCommand(rest, DEFAULT_SCHEME);
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
