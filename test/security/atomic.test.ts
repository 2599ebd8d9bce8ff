/**
 * Issue 9, class 9: writing is atomic. `qcs template --out FILE` writes a temporary file in the same
 * folder and renames (or links) it into place, so a process killed mid-write, a full disk (a real
 * EFBIG from the kernel, via `ulimit -f`), a rename that fails or a file system without hard links
 * never leave a damaged file under the target's name, and never replace a good one.
 *
 * To kill the command reliably mid-write, a preload module slows its writes down (4 KB per 20 ms):
 * only the timing is changed; the code that writes is the command's own.
 */
import { spawn, spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { readWorkbookBytes } from "../../src/workbook/xlsx/read";
import { TEMP_PREFIX } from "../../src/cli/atomic";
import { QCS, built, qcs, root, tmp } from "./kit";

jest.setTimeout(120_000);

const SLOW = `
const fs = require("fs");
const write = fs.writeSync;
fs.writeSync = function (fd, buf, off, len, pos) {
  if (typeof buf !== "string" && typeof len === "number" && len > 4096) {
    const n = write.call(fs, fd, buf, off, 4096, pos);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    return n;
  }
  return write.apply(fs, arguments);
};
`;
const NO_LINKS = `
const fs = require("fs");
fs.linkSync = function () {
  const e = new Error("EPERM: operation not permitted, link");
  e.code = "EPERM";
  throw e;
};
`;

const temps = (dir: string) => fs.readdirSync(dir).filter((n) => n.startsWith(TEMP_PREFIX));
const sha = (f: string) => createHash("sha256").update(fs.readFileSync(f)).digest("hex");

/** A template written by the command: the "old, good file" of each test. */
function goodFile(dir: string, name = "good.xlsx"): { file: string; hash: string } {
  const file = path.join(dir, name);
  const r = qcs(["template", "--out", file, "--raters", "2"]);
  expect([r.status, r.stderr]).toEqual([0, ""]);
  return { file, hash: sha(file) };
}

/** The old file is still there, byte for byte, and reads as a template. */
function intact(file: string, hash: string): void {
  expect(sha(file)).toBe(hash);
  const r = readWorkbookBytes(new Uint8Array(fs.readFileSync(file)), S);
  expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
  expect(r.input?.raters).toHaveLength(2);
}

/** Runs `qcs ARGS` with the slow preload and SIGKILLs it as soon as its temporary file holds bytes. */
async function killMidWrite(dir: string, args: string[], preload: string): Promise<{ signal: string | null; tempBytes: number }> {
  built();
  const child = spawn(process.execPath, ["-r", preload, QCS, ...args], { cwd: root, stdio: "ignore" });
  const exited = new Promise<string | null>((resolve) => child.on("exit", (_c, sig) => resolve(sig)));
  let tempBytes = 0;
  const t0 = Date.now();
  while (Date.now() - t0 < 60_000) {
    const t = temps(dir);
    if (t.length) {
      tempBytes = fs.statSync(path.join(dir, t[0])).size;
      if (tempBytes > 0) break;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  child.kill("SIGKILL");
  return { signal: await exited, tempBytes };
}

describe("atomic writes (class 9)", () => {
  const dir = tmp("qcs-atomic-");
  const slow = path.join(dir, "slow.js");
  const noLinks = path.join(dir, "no-links.js");
  beforeAll(() => {
    fs.writeFileSync(slow, SLOW);
    fs.writeFileSync(noLinks, NO_LINKS);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("SIGKILL during `qcs template --out existing.xlsx --force`: the old file intact and readable", async () => {
    const d = fs.mkdtempSync(path.join(dir, "kill-"));
    const { file, hash } = goodFile(d);
    const full = fs.statSync(file).size;
    const k = await killMidWrite(d, ["template", "--out", file, "--force", "--raters", "5"], slow);
    expect(k.signal).toBe("SIGKILL");
    // killed while the new file was being written: part of it in the temporary file, none under the name
    expect(k.tempBytes).toBeGreaterThan(0);
    expect(k.tempBytes).toBeLessThan(full);
    intact(file, hash);
    // what is left is one temporary file, named so (safe to delete)
    expect(temps(d)).toHaveLength(1);
  });

  test("SIGKILL during `qcs template --out new.xlsx`: no file under the name at all", async () => {
    const d = fs.mkdtempSync(path.join(dir, "kill-new-"));
    const file = path.join(d, "new.xlsx");
    const k = await killMidWrite(d, ["template", "--out", file], slow);
    expect([k.signal, k.tempBytes > 0]).toEqual(["SIGKILL", true]);
    expect(fs.existsSync(file)).toBe(false);
  });

  test("the same through writeFileAtomic with a 64 MB buffer: killed mid-write, the old file intact", async () => {
    const d = fs.mkdtempSync(path.join(dir, "kill-big-"));
    const { file, hash } = goodFile(d);
    const script = path.join(d, "..", "big-write.js");
    fs.writeFileSync(script, `require(${JSON.stringify(path.join(root, "lib/cli/atomic.js"))}).writeFileAtomic(process.argv[2], Buffer.alloc(64 << 20, 7), { force: true });`);
    built();
    const child = spawn(process.execPath, ["-r", slow, script, file], { stdio: "ignore" });
    const exited = new Promise<string | null>((resolve) => child.on("exit", (_c, sig) => resolve(sig)));
    const t0 = Date.now();
    while (Date.now() - t0 < 60_000 && !(temps(d).length && fs.statSync(path.join(d, temps(d)[0])).size > 0)) await new Promise((r) => setTimeout(r, 2));
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    expect(fs.statSync(path.join(d, temps(d)[0])).size).toBeLessThan(64 << 20);
    intact(file, hash);
  });

  test("a full disk (the kernel's EFBIG under ulimit -f): exit 1, the old file intact, no temporary file left", () => {
    const d = fs.mkdtempSync(path.join(dir, "full-"));
    const { file, hash } = goodFile(d);
    // 16 blocks of 512 bytes: the 40 KB template cannot be written
    const sh = (args: string[]) => spawnSync("sh", ["-c", `ulimit -f 16; exec "$@"`, "sh", process.execPath, QCS, ...args], { cwd: root, encoding: "utf8" });
    const r = sh(["template", "--out", file, "--force", "--raters", "5"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/could not write .*EFBIG/);
    intact(file, hash);
    expect(temps(d)).toEqual([]);
    // a new name: nothing is left under it
    const fresh = path.join(d, "fresh.xlsx");
    const r2 = sh(["template", "--out", fresh]);
    expect(r2.status).toBe(1);
    expect(fs.existsSync(fresh)).toBe(false);
    expect(temps(d)).toEqual([]);
  });

  test("a rename that fails (the name is a folder): exit 1, the folder untouched, no temporary file left", () => {
    const d = fs.mkdtempSync(path.join(dir, "rename-"));
    const target = path.join(d, "taken.xlsx");
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, "keep.txt"), "keep");
    const r = qcs(["template", "--out", target, "--force"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/could not write/);
    expect(fs.readFileSync(path.join(target, "keep.txt"), "utf8")).toBe("keep");
    expect(temps(d)).toEqual([]);
    // without --force the name is refused before anything is written
    const r2 = qcs(["template", "--out", target]);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/exists; use --force/);
  });

  test("a file system without hard links (link() fails with EPERM, as on FAT): written all the same, and never over an existing file", () => {
    const d = fs.mkdtempSync(path.join(dir, "nolink-"));
    const file = path.join(d, "new.xlsx");
    const r = spawnSync(process.execPath, ["-r", noLinks, QCS, "template", "--out", file, "--raters", "2"], { cwd: root, encoding: "utf8" });
    expect([r.status, r.stderr]).toEqual([0, ""]);
    const read = readWorkbookBytes(new Uint8Array(fs.readFileSync(file)), S);
    expect(read.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(temps(d)).toEqual([]);
    const { file: old, hash } = goodFile(d, "old.xlsx");
    const r2 = spawnSync(process.execPath, ["-r", noLinks, QCS, "template", "--out", old, "--raters", "5"], { cwd: root, encoding: "utf8" });
    expect(r2.status).toBe(2);
    intact(old, hash);
  });

  test("a 250-character file name: the temporary name stays short enough to be created", () => {
    const d = fs.mkdtempSync(path.join(dir, "long-"));
    const file = path.join(d, `${"评".repeat(80)}.xlsx`); // 240 bytes of UTF-8 + 5
    const r = qcs(["template", "--out", file]);
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(fs.existsSync(file)).toBe(true);
  });
});
