/**
 * A stamp text XML cannot carry (a control character in --organization) is dropped in the model, so
 * the stamp sheet, the custom properties and a form's page band agree and the file verifies.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { tmpDir } from "../workbook/lo";

const root = path.join(__dirname, "../..");
const qcs = (args: string[]) => spawnSync(process.execPath, [path.join(root, "bin/qcs.js"), ...args], { cwd: root, encoding: "utf8" });

test("qcs template --organization with control characters: the written stamp agrees with itself", () => {
  const dir = tmpDir("qcs-stamp-text-");
  try {
    const out = path.join(dir, "t.xlsx");
    expect(qcs(["template", "--organization", "A\u0001B\u001fC\uFFFF", "--out", out]).status).toBe(0);
    const v = qcs(["verify", "--json", out]);
    const line = JSON.parse(v.stdout);
    expect(line.organization).toBe("ABC");
    expect(line.stamp.organization).toBe("ABC");
    // intact: nothing about the stamp or the fixed content, only "not filled in"
    expect([line.readable, line.intact, line.complete]).toEqual([true, true, false]);
    expect(line.findings.map((f: { severity: string }) => f.severity)).toEqual(["incomplete", "incomplete"]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
