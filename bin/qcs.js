#!/usr/bin/env node
"use strict";
// Thin launcher: the command is compiled to lib/ by `npm run build:cli` (run automatically by `npm ci`).
require("../lib/cli/main.js").main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(err && err.stack ? err.stack : String(err)); process.exitCode = 3; }
);
