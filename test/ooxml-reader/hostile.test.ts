/**
 * `qcs score` on hostile .xlsx files of at most 5 MB, generated here from a real template: each is
 * answered with a clear message in ≤ 10 s and ≤ 300 MB peak RSS, measured in a child process
 * (/usr/bin/time -f %M when present, else process.resourceUsage().maxRSS inside the child), and a
 * good file scored in the same run is still scored.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_SCHEME as S } from "../../src/scheme";
import { readExchange } from "../../src/engine";
import { LIMITS } from "../../src/workbook/limits";
import { ZipArchive } from "../../src/workbook/ooxml/zip";
import { modelBuffer } from "../../src/workbook/xlsx/write";
import { buildTemplate } from "../../src/workbook/model";
import { filledTemplate, tmpDir } from "../workbook/lo";
import { deflatedZeros, deflatePieces, makeZip, type KitEntry } from "./kit";

jest.setTimeout(240_000);

const root = path.join(__dirname, "../..");
const TIME = "/usr/bin/time";
const MAX_MS = 10_000;
const MAX_RSS_MB = 300;

interface Measured {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  rssMb: number;
}

/** `qcs score --json --lang en-US FILES` in a child process, with its wall time and peak RSS. */
function measure(files: string[]): Measured {
  const args = [path.join(root, "bin/qcs.js"), "score", "--json", "--lang", "en-US", ...files];
  const t0 = Date.now();
  if (fs.existsSync(TIME)) {
    const r = spawnSync(TIME, ["-f", "RSSKB %M", process.execPath, ...args], { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 });
    const ms = Date.now() - t0;
    const m = /RSSKB (\d+)\s*$/.exec(r.stderr);
    if (!m) throw new Error(`no RSS from ${TIME}: ${r.stderr.slice(-500)}`);
    return { status: r.status, stdout: r.stdout, stderr: r.stderr.slice(0, m.index), ms, rssMb: Number(m[1]) / 1024 };
  }
  const script = `require(${JSON.stringify(path.join(root, "lib/cli/main.js"))}).main(${JSON.stringify(args.slice(1))}).then((c) => { process.stderr.write("RSSKB " + process.resourceUsage().maxRSS + "\\n"); process.exitCode = c; });`;
  const r = spawnSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 });
  const ms = Date.now() - t0;
  const m = /RSSKB (\d+)\s*$/.exec(r.stderr);
  if (!m) throw new Error(`no RSS from the child: ${r.stderr.slice(-500)}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.slice(0, m.index), ms, rssMb: Number(m[1]) / 1024 };
}

/** The parts of a real template, to be altered. */
function unpack(bytes: Uint8Array): Map<string, Uint8Array> {
  const z = ZipArchive.open(bytes);
  return new Map(z.entries.map((e) => [e.name, z.read(e.name) as Uint8Array]));
}
const repack = (parts: Map<string, Uint8Array>, replace: KitEntry[] = []): Buffer => {
  const names = new Set(replace.map((e) => e.name));
  return makeZip([...[...parts].filter(([n]) => !names.has(n)).map(([name, data]) => ({ name, data })), ...replace]);
};
const textOf = (b: Uint8Array) => new TextDecoder().decode(b);

interface Case {
  name: string;
  bytes: Uint8Array;
  /** what the message of the file's first error must say */
  says: RegExp;
}

describe("qcs score on hostile .xlsx files (≤ 5 MB each): ≤ 10 s, ≤ 300 MB, a clear message", () => {
  const dir = tmpDir("qcs-hostile-");
  const cases: Case[] = [];
  let good = "";
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    expect(fs.existsSync(path.join(root, "lib/cli/main.js"))).toBe(true);
    // a template as qcs template writes it (stamped)
    const template = await modelBuffer(buildTemplate(S, { raters: 3, lang: "zh-CN", stamp: { formId: "00000000-0000-4000-8000-000000000000", issued: "2026-11-26" } }));
    const parts = unpack(template);
    const SERVICE = "xl/worksheets/sheet1.xml";
    const wbXml = textOf(parts.get("xl/workbook.xml") as Uint8Array);
    const withName = (formula: string) => repack(parts, [{ name: "xl/workbook.xml", data: wbXml.replace(/(<definedName name="QCS_ALPHA">)[^<]*/, (_m, open: string) => open + formula) }]);

    const bomb = deflatedZeros(1024);
    cases.push({ name: "zip bomb: the service sheet inflates to 1 GiB, declared 60 KB", bytes: repack(parts, [{ name: SERVICE, data: "", raw: bomb.raw, crc: bomb.crc, declaredSize: 60_000 }]), says: /declares 60,000 bytes but holds more/ });
    cases.push({ name: "zip bomb declaring LIMITS.partBytes (inflated up to the bound)", bytes: repack(parts, [{ name: SERVICE, data: "", raw: bomb.raw, crc: bomb.crc, declaredSize: LIMITS.partBytes }]), says: /LIMITS\.partBytes/ });
    cases.push({ name: "zip bomb declaring its true size (1 GiB)", bytes: repack(parts, [{ name: SERVICE, data: "", raw: bomb.raw, crc: bomb.crc, declaredSize: 0xffff_fff0 }]), says: /LIMITS\.partBytes/ });
    const ten = deflatedZeros(20);
    const many = Array.from({ length: 4 }, (_, i) => ({ name: `xl/media/pad${i}.bin`, data: "", raw: ten.raw, crc: ten.crc, declaredSize: ten.size }));
    // the padding parts are not read by qcs score: the file is read as usual (bounds apply to what is read)
    cases.push({ name: "large unreferenced parts are never inflated", bytes: repack(parts, many), says: /^$/ });
    const pieces = function* () {
      yield `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
      for (let r = 1; r <= 1048576; r += 65536) yield "<row><c><v>1</v></c></row>".repeat(65536);
      yield "</sheetData></worksheet>";
    };
    const rows = deflatePieces(pieces());
    cases.push({ name: "1,048,576-row service sheet with a value in each row", bytes: repack(parts, [{ name: SERVICE, data: "", raw: rows.raw, crc: rows.crc, declaredSize: rows.size }]), says: /LIMITS\.partBytes/ });
    cases.push({ name: "the same, declaring 1 MB", bytes: repack(parts, [{ name: SERVICE, data: "", raw: rows.raw, crc: rows.crc, declaredSize: 1 << 20 }]), says: /declares 1,048,576 bytes but holds more/ });
    const emptyRows = deflatePieces([`<worksheet><sheetData>`, ...Array.from({ length: 16 }, () => "<row><c/></row>".repeat(65536)), `</sheetData></worksheet>`]);
    cases.push({ name: "1,048,576-row service sheet of empty cells", bytes: repack(parts, [{ name: SERVICE, data: "", raw: emptyRows.raw, crc: emptyRows.crc, declaredSize: emptyRows.size }]), says: /LIMITS\.cellsPerSheet/ });
    // the worst cases under the bounds: sheets just under the per-sheet cell bound
    const nearly = (n: number) => deflatePieces([`<worksheet><sheetData>`, ...Array.from({ length: n / 1000 }, () => `<row>${"<c><v>0.5</v></c>".repeat(1000)}</row>`), `</sheetData></worksheet>`]);
    const full = nearly(LIMITS.cellsPerSheet - 1000);
    const sheets = ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"];
    const under = (k: number) => repack(parts, sheets.slice(0, k).map((name) => ({ name, data: "", raw: full.raw, crc: full.crc, declaredSize: full.size })));
    const n = (LIMITS.cellsPerSheet - 1000).toLocaleString("en-US");
    cases.push({ name: `two sheets of ${n} cells each (read: formulas missing)`, bytes: under(2), says: /the formula was replaced by the value 0.5/ });
    cases.push({ name: `three sheets of ${n} cells each`, bytes: under(3), says: /LIMITS\.cellsPerWorkbook/ });
    cases.push({ name: "QCS_ALPHA = $A$1:$XFD$1048576", bytes: withName("'服务能力评价评分表'!$A$1:$XFD$1048576"), says: /the name QCS_ALPHA points to .*\$A\$1:\$XFD\$1048576.*; the template has/ });
    cases.push({ name: "QCS_ALPHA = whole columns $A:$XFD", bytes: withName("'服务能力评价评分表'!$A:$XFD"), says: /the name QCS_ALPHA points to .*\$A:\$XFD.*; the template has/ });
    const sst = textOf(parts.get("xl/sharedStrings.xml") as Uint8Array);
    cases.push({
      name: "billion laughs in the shared strings",
      bytes: repack(parts, [{ name: "xl/sharedStrings.xml", data: `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>` + sst.replace(/^<\?xml[^>]*\?>/, "") }]),
      says: /DOCTYPE or entity declaration/,
    });
    cases.push({ name: "100,000 nested elements in a sheet", bytes: repack(parts, [{ name: SERVICE, data: "<worksheet>" + "<x>".repeat(100_000) + "</x>".repeat(100_000) + "</worksheet>" }]), says: /LIMITS\.depth/ });
    cases.push({
      name: "300,000 shared strings",
      bytes: repack(parts, [{ name: "xl/sharedStrings.xml", data: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${"<si><t>x</t></si>".repeat(300_000)}</sst>` }]),
      says: /LIMITS\.sharedStrings/,
    });
    const ole = Buffer.alloc(64 * 1024);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    Buffer.from("EncryptedPackage", "utf16le").copy(ole, 4096);
    cases.push({ name: "password-encrypted workbook (OLE)", bytes: ole, says: /password-encrypted; save it without a password/ });
    cases.push({ name: "not a zip", bytes: Buffer.from("this is plain text, not a workbook\n".repeat(100)), says: /not an \.xlsx file/ });
    cases.push({ name: "truncated zip", bytes: template.subarray(0, Math.floor(template.length / 2)), says: /truncated/ });
    cases.push({
      name: "duplicate sheet entries",
      bytes: makeZip([...[...parts].map(([name, data]) => ({ name, data })), { name: SERVICE.toUpperCase(), data: "<worksheet/>" }]),
      says: /appears twice/,
    });
    for (const c of cases) expect([c.name, c.bytes.length <= LIMITS.fileBytes]).toEqual([c.name, true]);
    cases.forEach((c, i) => fs.writeFileSync(path.join(dir, `h${String(i).padStart(2, "0")}.xlsx`), c.bytes));

    const json = JSON.parse(fs.readFileSync(path.join(root, "examples/02-uniform-0.9-L4.json"), "utf8"));
    const { workbook } = await filledTemplate(readExchange(json, S).input!, { columns: 3 });
    good = path.join(dir, "good.xlsx");
    await workbook.xlsx.writeFile(good);
  });

  test("each hostile file alone: measured time and memory, and its message", () => {
    const rows: string[] = [];
    cases.forEach((c, i) => {
      const file = path.join(dir, `h${String(i).padStart(2, "0")}.xlsx`);
      const m = measure([file]);
      rows.push(`${c.name.padEnd(62)} ${String(c.bytes.length).padStart(8)} B  ${String(m.ms).padStart(5)} ms  ${m.rssMb.toFixed(0).padStart(4)} MB  exit ${m.status}`);
      expect([c.name, m.ms <= MAX_MS, m.rssMb <= MAX_RSS_MB]).toEqual([c.name, true, true]);
      const line = JSON.parse(m.stdout.trim());
      const first = line.findings.find((f: { severity: string }) => f.severity === "error");
      if (c.says.source === "^$") {
        // the unreferenced padding parts change nothing: the template reads as an unfilled one
        expect([c.name, line.findings.some((f: { code: string }) => f.code === "too-large" || f.code === "bad-field")]).toEqual([c.name, false]);
      } else {
        expect([c.name, m.status]).toEqual([c.name, 2]);
        expect([c.name, first?.message]).toEqual([c.name, expect.stringMatching(c.says)]);
        expect(m.stderr).toContain(first.message);
      }
    });
    // eslint-disable-next-line no-console
    console.log(`hostile inputs (file size, wall time, peak RSS):\n${rows.join("\n")}`);
  });

  test("all hostile files and a good one in one run: each gets its message, the good one is still scored", () => {
    const files = [...cases.map((_, i) => path.join(dir, `h${String(i).padStart(2, "0")}.xlsx`)), good];
    const m = measure(files);
    // memory does not add up over files: each file's is released (the per-file budget is checked above;
    // the heap of one process keeps some garbage between files, hence the looser figure here)
    expect(m.rssMb).toBeLessThanOrEqual(MAX_RSS_MB + 100);
    const lines = m.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(files.length);
    const last = lines[lines.length - 1];
    expect([last.ok, last.grade]).toEqual([true, "AAAA"]);
    expect(m.status).toBe(2);
    // eslint-disable-next-line no-console
    console.log(`${files.length} files in one run: ${m.ms} ms, peak ${m.rssMb.toFixed(0)} MB`);
  });
});
