/** What the OOXML checker reports: one problem, in one file, ideally in one part and at one place. */
export interface Problem {
  /** the file's label (e.g. "template zh-CN, 3 raters") */
  file: string;
  /** the package part, e.g. "/xl/worksheets/sheet1.xml" */
  part?: string;
  /** a short rule id, e.g. "schema", "formula", "validation-overlap" */
  rule: string;
  message: string;
}

export type Report = (rule: string, message: string, part?: string) => void;

/** One line per problem, for test failure messages. */
export function formatProblems(problems: Problem[], max = 40): string {
  const lines = problems.slice(0, max).map((p) => `${p.file} ${p.part ?? ""} [${p.rule}] ${p.message}`);
  if (problems.length > max) lines.push(`… and ${problems.length - max} more`);
  return lines.join("\n");
}
