#!/usr/bin/env node
"use strict";
/**
 * `npm run bench`: runs every bench/<area>.bench.ts and prints one table of measured figures.
 * `npm run bench -- --markdown` also rewrites the table in BENCHMARKS.md (between the markers),
 * with the machine it was measured on. `npm run bench -- engine functions` runs only those areas.
 */
require("./register-ts");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");

const root = path.join(__dirname, "..");
process.chdir(root);
const args = process.argv.slice(2);
const markdown = args.includes("--markdown");
const only = args.filter((a) => !a.startsWith("--"));

if (!fs.existsSync(path.join(root, "lib/cli/main.js"))) {
  spawnSync("npm", ["run", "build:cli"], { stdio: "inherit" });
}

function machine() {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0] ? cpus[0].model.trim() : "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

(async () => {
  const files = fs
    .readdirSync(path.join(root, "bench"))
    .filter((f) => f.endsWith(".bench.ts"))
    .filter((f) => !only.length || only.includes(f.replace(".bench.ts", "")))
    .sort((a, b) => (a.startsWith("engine") ? -1 : b.startsWith("engine") ? 1 : a.localeCompare(b)));
  const rows = [];
  let failed = false;
  for (const f of files) {
    process.stderr.write(`bench: ${f} …\n`);
    try {
      const mod = require(path.join(root, "bench", f));
      rows.push(...(await mod.run()));
    } catch (e) {
      failed = true;
      console.error(`bench ${f} failed: ${e && e.stack ? e.stack : e}`);
    }
  }
  const fmt = (v) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(3));
  const table = [
    "| area | measurement | value | unit | target | met |",
    "|---|---|---:|---|---|---|",
    ...rows.map((r) => `| ${r.area} | ${r.name} | ${fmt(r.value)} | ${r.unit} | ${r.target ?? ""} | ${r.ok === undefined ? "" : r.ok ? "yes" : "NO"} |`),
  ].join("\n");
  console.log(`\nMachine: ${machine()}\n\n${table}\n`);
  fs.mkdirSync(path.join(root, "test-output"), { recursive: true });
  fs.writeFileSync(path.join(root, "test-output", "bench.json"), JSON.stringify({ machine: machine(), rows }, null, 2));
  if (markdown) {
    const file = path.join(root, "BENCHMARKS.md");
    const text = fs.readFileSync(file, "utf8");
    const start = "<!-- bench:start -->";
    const end = "<!-- bench:end -->";
    const i = text.indexOf(start);
    const j = text.indexOf(end);
    if (i < 0 || j < 0) throw new Error("BENCHMARKS.md lacks the bench markers");
    const when = new Date().toISOString().slice(0, 10);
    const block = `${start}\nMeasured ${when} on: ${machine()}\n\n${table}\n${end}`;
    fs.writeFileSync(file, text.slice(0, i) + block + text.slice(j + end.length));
    console.log("BENCHMARKS.md updated");
  }
  process.exit(failed ? 1 : 0);
})();
