/**
 * The jest block every file kind gets: write its files, then one checker run over all of them
 * (xmllint over those the kind marks) that also holds each file against its template model.
 */
import { agreesWith } from "./agreement";
import { checkMany, type FileInput } from "./check";
import { releaseParser } from "./formula";
import { FILE_KINDS } from "./kinds";
import { formatProblems } from "./problem";

export function describeKinds(ids: string[]): void {
  for (const id of ids) {
    const kind = FILE_KINDS.find((k) => k.id === id);
    if (!kind) throw new Error(`no file kind ${id}`);
    describe(`${kind.id}: ${kind.description}`, () => {
      afterAll(() => releaseParser());

      it("opens clean (XML schema by xmllint, formulas by HyperFormula, Excel's limits, the package's references) and says what its model says", async () => {
        const files = kind.files();
        expect(files.length).toBeGreaterThan(0);
        async function* written(): AsyncIterable<FileInput> {
          for (const f of files)
            yield { label: f.label, bytes: await f.write(), also: f.model ? agreesWith(f.model()) : undefined };
        }
        const problems = await checkMany(written());
        expect(formatProblems(problems)).toBe("");
      });
    });
  }
}
