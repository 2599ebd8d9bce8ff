/**
 * The bounded .xlsx reader (src/workbook/ooxml): XML parsing throughput, reading a template, and
 * what a zip bomb costs before it is refused (in process, and `qcs score` as a child: wall time and
 * peak RSS via /usr/bin/time when present).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import type { BenchRow } from "./types";
import { DEFAULT_SCHEME as S } from "../src/scheme";
import { LIMITS } from "../src/workbook/limits";
import { EOF, OPEN, TEXT, XmlPull } from "../src/workbook/ooxml/xml";
import { isFault, readXlsx } from "../src/workbook/ooxml/xlsx";
import { crc32, ZipArchive } from "../src/workbook/ooxml/zip";
import { templateBuffer } from "../src/workbook/xlsx/write";

const AREA = "ooxml";
const ROOT = path.join(__dirname, "..");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A zip whose entries are given as (name, raw deflate, crc, declared size). */
function zipOf(entries: { name: string; raw: Uint8Array; crc: number; size: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(e.crc, 14);
    h.writeUInt32LE(e.raw.length, 18);
    h.writeUInt32LE(e.size, 22);
    h.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(e.crc, 16);
    c.writeUInt32LE(e.raw.length, 20);
    c.writeUInt32LE(e.size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    locals.push(h, name, Buffer.from(e.raw));
    centrals.push(c, name);
    offset += 30 + name.length + e.raw.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];

  // XML pull parser on a 10 MB sheet-like part
  const parts: string[] = [];
  let n = 0;
  for (let r = 1; n < 10 << 20; r++) {
    const s = `<row r="${r}"><c r="A${r}" s="1" t="s"><v>${r % 50}</v></c><c r="B${r}"><f>SUM(A${r}:A${r + 1})*2</f><v>3.5</v></c></row>`;
    parts.push(s);
    n += s.length;
  }
  const xml = `<worksheet><sheetData>${parts.join("")}</sheetData></worksheet>`;
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    const x = new XmlPull(xml, "bench", LIMITS.depth);
    const t0 = process.hrtime.bigint();
    for (let ev = x.next(); ev !== EOF; ev = x.next()) {
      if (ev === OPEN) x.attr("r");
      else if (ev === TEXT) x.text();
    }
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  rows.push({ area: AREA, name: "XML pull parser, 10 MB sheet part (median of 5)", value: xml.length / 1048576 / (median(times) / 1000), unit: "MB/s" });

  // a 3-rater template: zip + workbook + styles + strings + all three sheets
  const template = new Uint8Array(await templateBuffer(S, { raters: 3, lang: "zh-CN" }));
  const per: number[] = [];
  for (let round = 0; round < 7; round++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < 20; i++) {
      const d = readXlsx(template);
      if (isFault(d)) throw new Error(d.text.en);
      for (let k = 0; k < d.sheets.length; k++) if (isFault(d.sheet(k))) throw new Error("sheet fault");
    }
    per.push(Number(process.hrtime.bigint() - t0) / 1e6 / 20);
  }
  rows.push({ area: AREA, name: "readXlsx, 3-rater template with its 3 sheets (median of 7 × 20)", value: median(per), unit: "ms" });

  // a zip bomb: 1 GiB of zeros in ~1 MB, declaring the most the bound allows (so it is inflated up to it)
  const block = zlib.deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const raw = Buffer.concat([...new Array(1024).fill(block), Buffer.from([1, 0, 0, 0xff, 0xff])]);
  const bomb = zipOf([{ name: "xl/worksheets/sheet1.xml", raw, crc: 0, size: LIMITS.partBytes }]);
  const t0 = process.hrtime.bigint();
  const z = ZipArchive.open(bomb);
  let refused = false;
  try {
    z.read("xl/worksheets/sheet1.xml");
  } catch {
    refused = true;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!refused) throw new Error("the zip bomb was not refused");
  rows.push({ area: AREA, name: `zip bomb (1 GiB in ${(bomb.length / 1048576).toFixed(1)} MB) refused at LIMITS.partBytes, in process`, value: ms, unit: "ms" });

  // the same bomb inside a real template, through `qcs score` in a child process
  if (fs.existsSync(path.join(ROOT, "lib/cli/main.js")) && fs.existsSync("/usr/bin/time")) {
    const tz = ZipArchive.open(template);
    const entries = tz.entries.map((e) => {
      if (e.name === "xl/worksheets/sheet1.xml") return { name: e.name, raw, crc: 0, size: LIMITS.partBytes };
      const data = tz.read(e.name) as Uint8Array;
      return { name: e.name, raw: zlib.deflateRawSync(data), crc: crc32(data), size: data.length };
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qcs-bench-ooxml-"));
    const file = path.join(dir, "bomb.xlsx");
    fs.writeFileSync(file, zipOf(entries));
    const c0 = process.hrtime.bigint();
    const r = spawnSync("/usr/bin/time", ["-f", "RSSKB %M", process.execPath, path.join(ROOT, "bin/qcs.js"), "score", "--json", file], { encoding: "utf8" });
    const wall = Number(process.hrtime.bigint() - c0) / 1e6;
    const m = /RSSKB (\d+)\s*$/.exec(r.stderr);
    fs.rmSync(dir, { recursive: true, force: true });
    if (r.status !== 2 || !m || !/LIMITS\.partBytes/.test(r.stdout)) throw new Error(`qcs score on the bomb: exit ${r.status}, ${r.stdout.slice(0, 300)} ${r.stderr.slice(-300)}`);
    rows.push({ area: AREA, name: "qcs score on a template holding the 1 GiB zip bomb: wall time", value: wall, unit: "ms", target: "≤ 10000 ms", ok: wall <= 10_000 });
    const mb = Number(m[1]) / 1024;
    rows.push({ area: AREA, name: "qcs score on a template holding the 1 GiB zip bomb: peak RSS", value: mb, unit: "MB", target: "≤ 300 MB", ok: mb <= 300 });
  }
  return rows;
}
