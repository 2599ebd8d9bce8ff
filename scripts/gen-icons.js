"use strict";
/**
 * Generates the add-in icons assets/icon-{16,32,64,80,128}.png: a red rounded badge with "QCS" in
 * white. Plain Node (zlib), no image library. Run: node scripts/gen-icons.js
 */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

// 3×5 glyphs for the 16 px icon (pixel-exact), 5×7 glyphs for the larger ones (drawn supersampled)
const SMALL = {
  Q: ["111", "101", "101", "111", "011"],
  C: ["111", "100", "100", "100", "111"],
  S: ["111", "100", "111", "001", "111"],
};
const LARGE = {
  Q: ["01110", "10001", "10001", "10001", "10101", "10010", "01101"],
  C: ["01110", "10001", "10000", "10000", "10000", "10001", "01110"],
  S: ["01111", "10000", "10000", "01110", "00001", "00001", "11110"],
};
const BG = [200, 16, 46]; // red badge
const FG = [255, 255, 255];

function crc32(buf) {
  let c;
  const table = crc32.table || (crc32.table = Array.from({ length: 256 }, (_, n) => {
    c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  }));
  let crc = 0xffffffff;
  for (const b of buf) crc = table[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Renders at `ss`× and box-filters down, so edges are anti-aliased. */
function render(size) {
  const small = size <= 16;
  const ss = small ? 1 : 8;
  const N = size * ss;
  const cov = new Float32Array(N * N); // badge coverage
  const ink = new Float32Array(N * N); // text coverage
  const r = N * 0.18; // corner radius
  for (let y = 0; y < N; y++) {
    for (let x = 0; x < N; x++) {
      const cx = Math.min(Math.max(x + 0.5, r), N - r);
      const cy = Math.min(Math.max(y + 0.5, r), N - r);
      cov[y * N + x] = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= r ? 1 : 0;
    }
  }
  const font = small ? SMALL : LARGE;
  const gw = font.Q[0].length;
  const gh = font.Q.length;
  const cols = 3 * gw + 2; // letters + 1-cell gaps
  const cell = small ? 1 : Math.floor((N * 0.8) / cols);
  const x0 = Math.round((N - cols * cell) / 2);
  const y0 = Math.round((N - gh * cell) / 2);
  ["Q", "C", "S"].forEach((ch, i) => {
    font[ch].forEach((row, gy) => {
      [...row].forEach((bit, gx) => {
        if (bit !== "1") return;
        const px = x0 + (i * (gw + 1) + gx) * cell;
        const py = y0 + gy * cell;
        for (let y = py; y < py + cell; y++) for (let x = px; x < px + cell; x++) ink[y * N + x] = 1;
      });
    });
  });
  const out = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let a = 0;
      let t = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const k = (y * ss + sy) * N + (x * ss + sx);
          a += cov[k];
          t += ink[k] * cov[k];
        }
      }
      a /= ss * ss;
      t /= ss * ss;
      const f = a > 0 ? t / a : 0;
      const o = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) out[o + c] = Math.round(BG[c] * (1 - f) + FG[c] * f);
      out[o + 3] = Math.round(a * 255);
    }
  }
  return png(size, out);
}

const dir = path.resolve(__dirname, "../assets");
fs.mkdirSync(dir, { recursive: true });
for (const size of [16, 32, 64, 80, 128]) {
  fs.writeFileSync(path.join(dir, `icon-${size}.png`), render(size));
  console.log(`assets/icon-${size}.png`);
}
