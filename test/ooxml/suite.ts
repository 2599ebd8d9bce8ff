/**
 * The jest block every file kind gets: write its files, then one checker run over all of them
 * (xmllint over those the kind marks) that also holds each file against its template model.
 */
import { agreesWith } from "./agreement";
import { checkMany } from "./check";
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
        const inputs = [];
        for (const f of files) {
          const w = await f.write();
          inputs.push({ label: f.label, bytes: w.bytes, schema: f.schema, also: w.model ? agreesWith(w.model) : undefined });
        }
        const problems = await checkMany(inputs);
        expect(formatProblems(problems)).toBe("");
      });
    });
  }
}
