#!/usr/bin/env node
"use strict";
/**
 * `npm test`: checks the system tools the tests drive (LibreOffice, Chromium, xmllint, pdftoppm, a CJK
 * font) and installs them on Debian/Ubuntu when run as root; builds the CLI and the add-in (with the
 * local office.js copy, since the tests run offline); type-checks and lints (office-addins rules); then
 * runs every jest test and ends
 * with one line "N passed, N failed". Extra arguments go to jest (e.g. `npm test -- test/engine`).
 */
const { spawnSync, execSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
process.chdir(root);

function run(cmd, args, env = {}) {
  console.log(`\n> ${[cmd, ...args].join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return r.status === null ? 1 : r.status;
}

const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
const cjkFont = () => {
  try {
    return /WenQuanYi|Noto Sans CJK|Source Han/i.test(execSync("fc-list", { encoding: "utf8" }));
  } catch {
    return false;
  }
};

// What the tests need from the system, and the Debian package that brings it.
const needs = [
  ["soffice", () => has("soffice"), "libreoffice-calc-nogui"],
  ["/usr/bin/chromium", () => fs.existsSync("/usr/bin/chromium"), "chromium"],
  ["xmllint", () => has("xmllint"), "libxml2-utils"],
  ["pdftoppm", () => has("pdftoppm"), "poppler-utils"],
  ["a CJK font", cjkFont, "fonts-wqy-microhei"],
];
let missing = needs.filter(([, ok]) => !ok());
if (missing.length) {
  const pkgs = missing.map(([, , p]) => p);
  const root_ = typeof process.getuid === "function" && process.getuid() === 0;
  if (root_ && has("apt-get")) {
    console.log(`Installing what the tests need: ${pkgs.join(" ")}`);
    const env = { DEBIAN_FRONTEND: "noninteractive" };
    run("apt-get", ["update", "-qq"], env);
    run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "fontconfig", ...pkgs], env);
    missing = needs.filter(([, ok]) => !ok());
  }
  if (missing.length) {
    console.error(
      `The tests drive real programs that are missing here: ${missing.map(([n]) => n).join(", ")}.\n` +
        `On Debian/Ubuntu: sudo apt-get install ${missing.map(([, , p]) => p).join(" ")}`
    );
    process.exit(1);
  }
}

const steps = [
  ["npm", ["run", "build:cli"], {}],
  ["npm", ["run", "build"], { QCS_OFFICE_JS: "local" }],
  ["npm", ["run", "typecheck"], {}],
  ["npm", ["run", "lint"], {}],
];
for (const [cmd, args, env] of steps) {
  const code = run(cmd, args, env);
  if (code !== 0) {
    console.error(`\n${cmd} ${args.join(" ")} failed (exit ${code})`);
    console.log("0 passed, 1 failed");
    process.exit(code);
  }
}

fs.mkdirSync("test-output", { recursive: true });
const out = path.join("test-output", "jest.json");
fs.rmSync(out, { force: true });
const jestBin = require.resolve("jest/bin/jest");
const code = run(process.execPath, [jestBin, "--ci", "--json", `--outputFile=${out}`, ...process.argv.slice(2)]);
let summary = "0 passed, 1 failed";
try {
  const r = JSON.parse(fs.readFileSync(out, "utf8"));
  const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
  summary = `${r.numPassedTests} passed, ${failed} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : "");
  if (r.numTotalTests === 0) summary = "0 passed, 1 failed";
} catch {
  /* no results: jest itself failed */
}
console.log(`\n${summary}`);
process.exit(code !== 0 ? code : summary.startsWith("0 passed") ? 1 : 0);
