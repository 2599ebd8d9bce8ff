/**
 * The zip layer on hostile inputs generated here: bombs, lying sizes, duplicate and overlapping
 * entries, truncation, encryption, multi-disk, zip64, and an OLE (password-encrypted) Office file.
 */
import * as zlib from "zlib";
import { LIMITS } from "../../src/workbook/limits";
import { crc32, ZipArchive } from "../../src/workbook/ooxml/zip";
import { OoxmlError, type OoxmlFault } from "../../src/workbook/ooxml/fault";
import { deflatedZeros, deflatePieces, faultOf, makeZip } from "./kit";

const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

describe("zip: ordinary archives", () => {
  test("stored and deflated entries read back byte for byte, names case-insensitively", () => {
    const big = "x".repeat(100_000) + "end";
    const z = ZipArchive.open(makeZip([
      { name: "a.txt", data: "hello", method: 0 },
      { name: "dir/B.xml", data: big },
    ]));
    expect(z.entries.map((e) => e.name)).toEqual(["a.txt", "dir/B.xml"]);
    expect(text(z.read("a.txt"))).toBe("hello");
    expect(text(z.read("DIR/b.XML"))).toBe(big);
    expect(z.read("missing")).toBeUndefined();
    expect(z.inflated).toBe(5 + big.length);
  });

  test("zip64 end records are understood", () => {
    const z = ZipArchive.open(makeZip([{ name: "x.xml", data: "<x/>" }], { zip64: true }));
    expect(text(z.read("x.xml"))).toBe("<x/>");
  });

  test("a comment after the end record is allowed", () => {
    const z = ZipArchive.open(makeZip([{ name: "x.xml", data: "<x/>" }], { comment: "PK\x05\x06 not a record" }));
    expect(text(z.read("x.xml"))).toBe("<x/>");
  });

  test("crc32 is the standard CRC-32", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
    expect(crc32(new TextEncoder().encode("hello world"))).toBe(zlib.crc32 ? zlib.crc32("hello world") : 0x0d4a1185);
  });
});

describe("zip: hostile archives are refused with a clear fault", () => {
  test("a zip bomb declaring the most the bound allows: a part inflating to 1 GiB stops at LIMITS.partBytes", () => {
    const bomb = deflatedZeros(1024);
    expect(bomb.raw.length).toBeLessThan(1.2 * 1024 * 1024);
    const z = ZipArchive.open(makeZip([{ name: "xl/worksheets/sheet1.xml", data: "", raw: bomb.raw, declaredSize: LIMITS.partBytes, crc: bomb.crc }]));
    const t0 = Date.now();
    const f = faultOf(() => z.read("xl/worksheets/sheet1.xml"));
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(f.code).toBe("limit");
    expect(f.limit).toEqual({ name: "partBytes", value: LIMITS.partBytes });
    expect(f.text.en).toContain("LIMITS.partBytes");
    expect(f.text.en).toContain("25,165,824");
    expect(f.part).toBe("xl/worksheets/sheet1.xml");
    expect(z.inflated).toBeLessThanOrEqual(LIMITS.partBytes + 1032 * 64 * 1024);
  });

  test("a zip bomb whose declared size lies (1,000 bytes): stops as soon as it produces more than declared", () => {
    const bomb = deflatedZeros(1024);
    const z = ZipArchive.open(makeZip([{ name: "xl/worksheets/sheet1.xml", data: "", raw: bomb.raw, declaredSize: 1000, crc: bomb.crc }]));
    const f = faultOf(() => z.read("xl/worksheets/sheet1.xml"));
    expect(f.code).toBe("damaged");
    expect(f.text.en).toContain("xl/worksheets/sheet1.xml declares 1,000 bytes but holds more");
    expect(z.inflated).toBeLessThan(4 * 1024 * 1024);
  });

  test("a part that declares more than LIMITS.partBytes is refused before inflating", () => {
    const bomb = deflatedZeros(64);
    const z = ZipArchive.open(makeZip([{ name: "big.xml", data: "", raw: bomb.raw, declaredSize: bomb.size, crc: bomb.crc }]));
    const f = faultOf(() => z.read("big.xml"));
    expect(f.limit?.name).toBe("partBytes");
    expect(z.inflated).toBe(0);
  });

  test("many parts each under the part bound stop at LIMITS.totalInflatedBytes", () => {
    const ten = deflatedZeros(10);
    const entries = Array.from({ length: 8 }, (_, i) => ({ name: `p${i}.bin`, data: "", raw: ten.raw, declaredSize: ten.size, crc: ten.crc }));
    const z = ZipArchive.open(makeZip(entries));
    let f: OoxmlFault | null = null;
    for (const e of entries) {
      try {
        z.read(e.name);
      } catch (err) {
        f = (err as OoxmlError).fault;
        break;
      }
    }
    expect(f?.limit).toEqual({ name: "totalInflatedBytes", value: LIMITS.totalInflatedBytes });
    expect(z.inflated).toBeLessThanOrEqual(LIMITS.totalInflatedBytes);
  });

  test("a declared size that lies (smaller or larger than the data, under the bounds) is 'damaged'", () => {
    for (const [declaredSize, says] of [[3, "declares 3 bytes but holds more"], [50_000, "declares 50,000 bytes but holds 16"]] as const) {
      const z = ZipArchive.open(makeZip([{ name: "a.xml", data: "<a>some text</a>", declaredSize }]));
      const f = faultOf(() => z.read("a.xml"));
      expect(f.code).toBe("damaged");
      expect(f.text.en).toContain(says);
    }
  });

  test("refused entries still count towards LIMITS.totalInflatedBytes (bounded work on many lying parts)", () => {
    const ten = deflatedZeros(10);
    const entries = Array.from({ length: 12 }, (_, i) => ({ name: `p${i}.xml`, data: "", raw: ten.raw, declaredSize: ten.size - 1, crc: ten.crc }));
    const z = ZipArchive.open(makeZip(entries));
    const codes = entries.map((e) => faultOf(() => z.read(e.name)).code);
    expect(codes.slice(0, 6)).toEqual(Array(6).fill("damaged"));
    expect(codes.slice(7)).toEqual(Array(5).fill("limit"));
  });

  test("a wrong CRC-32 is 'damaged'", () => {
    const z = ZipArchive.open(makeZip([{ name: "a.xml", data: "<a/>", crc: 12345 }]));
    expect(faultOf(() => z.read("a.xml")).text.en).toContain("CRC-32");
  });

  test("corrupt deflate data is 'damaged', not an exception", () => {
    const z = ZipArchive.open(makeZip([{ name: "a.xml", data: "", raw: Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x12]), declaredSize: 10 }]));
    const f = faultOf(() => z.read("a.xml"));
    expect(f.code).toBe("damaged");
    expect(f.text.en).toContain("compressed data of a.xml is invalid");
  });

  test("duplicate entry names (also differing only in case) are refused", () => {
    for (const second of ["xl/workbook.xml", "XL/Workbook.xml"]) {
      const f = faultOf(() => ZipArchive.open(makeZip([{ name: "xl/workbook.xml", data: "<a/>" }, { name: second, data: "<b/>" }])));
      expect(f.code).toBe("damaged");
      expect(f.text.en).toContain("appears twice");
      expect(f.text.zh).toContain("出现了两次");
    }
  });

  test("a local header naming another file is refused", () => {
    const f = faultOf(() => ZipArchive.open(makeZip([{ name: "a.xml", localName: "b.xml", data: "<a/>" }])));
    expect(f.text.en).toContain("names another file");
  });

  test("overlapping entries (a known zip-bomb construction) are refused", () => {
    // entry b.xml (local header + data) hidden inside the stored data of entry a.bin; the central
    // directory lists both, b.xml pointing into a.bin's data
    const inner = makeZip([{ name: "b.xml", data: "<b/>", method: 0 }]);
    const innerCd = inner.readUInt32LE(inner.length - 22 + 16);
    const bLocal = inner.subarray(0, innerCd);
    const outer = makeZip([{ name: "a.bin", data: bLocal, method: 0 }]);
    const aDataStart = 30 + "a.bin".length;
    const cdOffset = outer.readUInt32LE(outer.length - 22 + 16);
    const cdSize = outer.readUInt32LE(outer.length - 22 + 12);
    const bCentral = Buffer.from(inner.subarray(innerCd, innerCd + inner.readUInt32LE(inner.length - 22 + 12)));
    bCentral.writeUInt32LE(aDataStart, 42);
    const out = Buffer.concat([outer.subarray(0, cdOffset + cdSize), bCentral, outer.subarray(outer.length - 22)]);
    const e = out.length - 22;
    out.writeUInt16LE(2, e + 8);
    out.writeUInt16LE(2, e + 10);
    out.writeUInt32LE(cdSize + bCentral.length, e + 12);
    const f = faultOf(() => ZipArchive.open(out));
    expect(f.code).toBe("damaged");
    expect(f.text.en).toContain("overlap");
  });

  test("a truncated zip: clear message", () => {
    const z = makeZip([{ name: "a.xml", data: "<a>" + "y".repeat(5000) + "</a>" }]);
    for (const cut of [z.length - 10, Math.floor(z.length / 2), 30]) {
      const f = faultOf(() => ZipArchive.open(z.subarray(0, cut)));
      expect(f.code).toBe("damaged");
      expect(f.text.en).toMatch(/truncated|does not fit/);
    }
  });

  test("not a zip at all: says so, in both languages", () => {
    for (const bytes of [Buffer.from("{\"a\": 1}"), Buffer.alloc(0), Buffer.from("hello world, this is not a zip file at all")]) {
      const f = faultOf(() => ZipArchive.open(bytes));
      expect(f.code).toBe("not-zip");
      expect(f.text.en).toContain("not an .xlsx file");
      expect(f.text.zh).toContain("不是 .xlsx 文件");
    }
  });

  test("a password-encrypted Office file (OLE with EncryptedPackage) gets 'save it without a password'", () => {
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole, 0);
    Buffer.from("EncryptionInfo", "utf16le").copy(ole, 1024);
    Buffer.from("EncryptedPackage", "utf16le").copy(ole, 1152);
    const f = faultOf(() => ZipArchive.open(ole));
    expect(f.code).toBe("encrypted");
    expect(f.text.en).toContain("password-encrypted; save it without a password");
    expect(f.text.zh).toContain("取消密码");
  });

  test("an OLE file without an encrypted package is an old .xls", () => {
    const ole = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole, 0);
    Buffer.from("Workbook", "utf16le").copy(ole, 1024);
    const f = faultOf(() => ZipArchive.open(ole));
    expect(f.code).toBe("legacy");
    expect(f.text.en).toContain(".xls");
  });

  test("encrypted entries, other compression methods and multi-disk archives are refused", () => {
    expect(faultOf(() => ZipArchive.open(makeZip([{ name: "a.xml", data: "<a/>", flags: 1 }]))).text.en).toContain("is encrypted");
    expect(faultOf(() => ZipArchive.open(makeZip([{ name: "a.xml", data: "<a/>", method: 12, raw: Buffer.from("x") }]))).text.en).toContain("compression method 12");
    expect(faultOf(() => ZipArchive.open(makeZip([{ name: "a.xml", data: "<a/>" }], { diskNumber: 1 }))).text.en).toContain("multi-part");
  });

  test("more entries than LIMITS.zipEntries are refused before any is read", () => {
    const entries = Array.from({ length: LIMITS.zipEntries + 1 }, (_, i) => ({ name: `f${i}`, data: "", method: 0 }));
    const f = faultOf(() => ZipArchive.open(makeZip(entries)));
    expect(f.limit).toEqual({ name: "zipEntries", value: LIMITS.zipEntries });
  });

  test("a file over LIMITS.fileBytes is refused unread", () => {
    const f = faultOf(() => ZipArchive.open(new Uint8Array(LIMITS.fileBytes + 1)));
    expect(f.limit?.name).toBe("fileBytes");
  });

  test("deflate pieces concatenate into one stream (the kit used by the hostile-input tests)", () => {
    const d = deflatePieces(["<a>", "b".repeat(1000), "</a>"]);
    expect(zlib.inflateRawSync(d.raw).toString()).toBe(`<a>${"b".repeat(1000)}</a>`);
    const z = ZipArchive.open(makeZip([{ name: "a.xml", data: "", raw: d.raw, crc: d.crc, declaredSize: d.size }]));
    expect(text(z.read("a.xml"))).toBe(`<a>${"b".repeat(1000)}</a>`);
  });
});
