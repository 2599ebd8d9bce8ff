#!/usr/bin/env node
/* eslint-disable no-console */
"use strict";
/**
 * `npm run stop`: stops what `npm start` started — the HTTPS server (by the pid it recorded) and,
 * when office-addin-debugging is installed, the sideloaded add-in (office-addin-debugging stop).
 */
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { PID_FILE } = require("./start");

const ROOT = path.resolve(__dirname, "..");

function stopServer() {
  let info;
  try {
    info = JSON.parse(fs.readFileSync(PID_FILE, "utf8"));
  } catch {
    console.log("no running `npm start` recorded (nothing to stop).");
    return null;
  }
  try {
    process.kill(info.pid, "SIGTERM");
    console.log(`stopped the server (pid ${info.pid}, port ${info.port}).`);
  } catch (e) {
    console.log(`the server (pid ${info.pid}) was not running (${e.code}).`);
  }
  try {
    fs.unlinkSync(PID_FILE);
  } catch {
    /* start removes it itself on SIGTERM */
  }
  return info;
}

function stopSideload() {
  let cli = null;
  try {
    const pkgPath = require.resolve("office-addin-debugging/package.json", { paths: [ROOT] });
    const pkg = JSON.parse(fs.readFileSync(pkgPath, "utf8"));
    const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin && Object.values(pkg.bin)[0];
    cli = bin ? path.join(path.dirname(pkgPath), bin) : null;
  } catch {
    cli = null;
  }
  if (!cli) {
    console.log("office-addin-debugging is not installed: nothing was sideloaded by npm start.");
    return;
  }
  const r = spawnSync(process.execPath, [cli, "stop", path.join(ROOT, "manifest.xml")], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) console.warn("office-addin-debugging stop failed; see above.");
}

const info = stopServer();
if (!info || info.sideloaded || process.argv.includes("--sideload")) stopSideload();
