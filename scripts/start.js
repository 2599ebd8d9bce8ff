#!/usr/bin/env node
/* eslint-disable no-console */
"use strict";
/**
 * `npm start`: build the add-in, serve dist/ over HTTPS on localhost (default port 3000) with the
 * Office Add-in developer certificate, and sideload it into desktop Excel where the platform allows.
 *
 *   node scripts/start.js [--no-build] [--port N] [--prod] [--local-office-js|--cdn-office-js] [--no-sideload]
 *
 * --no-build         serve dist/ as it is
 * --port N           listen on N (default: package.json config.dev_server_port, else 3000)
 * --prod             production build (default: development build)
 * --local-office-js  serve office.js from dist/office-js (QCS_OFFICE_JS=local) instead of Microsoft's CDN
 *                    (the default on Linux, where the page serves as the browser preview)
 * --cdn-office-js    load office.js from Microsoft's CDN (the default on Windows and macOS)
 * --no-sideload      do not try to sideload into Excel
 *
 * Keeps serving until Ctrl-C; `npm run stop` (scripts/stop.js) stops it from another terminal.
 */
const fs = require("fs");
const os = require("os");
const path = require("path");
const https = require("https");
const { spawnSync, execFileSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const PID_FILE = path.join(os.tmpdir(), "qcs-addin-start.json");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/** A request handler serving files under `root` (GET/HEAD only, no directory listing, no escaping root). */
function createHandler(root) {
  const base = path.resolve(root);
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (rel.endsWith("/")) rel += "taskpane.html";
    const file = path.resolve(base, "." + rel);
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) {
        res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found");
        return;
      }
      res.writeHead(200, {
        "Content-Type": TYPES[path.extname(file).toLowerCase()] || "application/octet-stream",
        "Content-Length": st.size,
        "Cache-Control": "no-cache",
        "X-Content-Type-Options": "nosniff",
        "Access-Control-Allow-Origin": "*",
      });
      if (req.method === "HEAD") res.end();
      else fs.createReadStream(file).pipe(res);
    });
  };
}

function parseArgs(argv) {
  // Where there is no desktop Excel (Linux), the page is mostly used as the browser preview, which uses
  // the local office.js copy (no network); on Windows/macOS Excel loads office.js from Microsoft's CDN.
  const desktopExcel = ["win32", "darwin"].includes(process.platform);
  const opts = { build: true, port: 0, prod: false, localOfficeJs: !desktopExcel, sideload: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--no-build") opts.build = false;
    else if (a === "--prod") opts.prod = true;
    else if (a === "--local-office-js") opts.localOfficeJs = true;
    else if (a === "--cdn-office-js") opts.localOfficeJs = false;
    else if (a === "--no-sideload") opts.sideload = false;
    else if (a === "--port") opts.port = Number(argv[++i]);
    else if (a.startsWith("--port=")) opts.port = Number(a.slice(7));
    else if (a === "--help" || a === "-h") {
      console.log(fs.readFileSync(__filename, "utf8").split("\n").slice(4, 18).map((l) => l.replace(/^ \*\/?\s?/, "")).join("\n"));
      process.exit(0);
    } else {
      console.error(`unknown option ${a} (try --help)`);
      process.exit(2);
    }
  }
  if (!opts.port) opts.port = Number(process.env.npm_package_config_dev_server_port) || 3000;
  if (!Number.isInteger(opts.port) || opts.port <= 0 || opts.port > 65535) {
    console.error("--port needs a number 1–65535");
    process.exit(2);
  }
  return opts;
}

function build(opts) {
  const script = opts.prod ? "build" : "build:dev";
  console.log(`» npm run ${script}${opts.localOfficeJs ? " (office.js served locally)" : ""}`);
  const env = { ...process.env };
  if (opts.localOfficeJs) env.QCS_OFFICE_JS = "local";
  // npm start serves dist/ on this machine: a production base or output folder from the shell would
  // build a manifest for another host, or into a folder this server does not serve.
  for (const name of ["QCS_BASE_URL", "QCS_DIST_DIR"]) {
    if (env[name]) console.log(`  (npm start 忽略 ${name} / ignoring ${name}=${env[name]} for npm start)`);
    delete env[name];
  }
  if (opts.localOfficeJs) delete env.QCS_OFFICE_JS_URL;
  const r = spawnSync(process.platform === "win32" ? "npm.cmd" : "npm", ["run", script], { cwd: ROOT, stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`the build failed (exit ${r.status}); nothing is served.`);
    process.exit(r.status || 1);
  }
}

const trustHelp = (ca) =>
  [
    "The developer certificate is not trusted by this system, so browsers and Office will warn about it.",
    "To trust it:",
    `  • Windows / macOS: npx office-addin-dev-certs install`,
    `  • Debian/Ubuntu:   sudo cp "${ca}" /usr/local/share/ca-certificates/office-addin-dev-ca.crt && sudo update-ca-certificates`,
    `  • Chromium/Chrome on Linux (own NSS store): certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n "Office Add-in Dev CA" -i "${ca}"`,
    `  • Firefox: Settings → Privacy & Security → Certificates → View Certificates → Authorities → Import "${ca}"`,
    "  • or open https://localhost:<port>/taskpane.html once and accept the warning (browser preview only).",
    "Serving with the generated certificate anyway.",
  ].join("\n");

/** HTTPS options: the office-addin-dev-certs certificate, installed and trusted where possible. */
async function certificates() {
  let devCerts;
  try {
    devCerts = require("office-addin-dev-certs");
  } catch {
    devCerts = null;
  }
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { ca: path.join(dir, "ca.crt"), cert: path.join(dir, "localhost.crt"), key: path.join(dir, "localhost.key") };
  const read = () => ({ ca: fs.readFileSync(files.ca), cert: fs.readFileSync(files.cert), key: fs.readFileSync(files.key) });
  if (devCerts) {
    try {
      const o = await devCerts.getHttpsServerOptions();
      return { options: { ca: o.ca, cert: o.cert, key: o.key }, trusted: true, source: dir };
    } catch (e) {
      console.warn(`office-addin-dev-certs could not install/trust its certificate: ${String(e.message || e).split("\n")[0]}`);
    }
    // generated (or left from an earlier run) but not installed: serve with it
    try {
      if (!fs.existsSync(files.cert) || !fs.existsSync(files.key)) await devCerts.generateCertificates();
      const o = read();
      console.warn(trustHelp(files.ca));
      return { options: o, trusted: false, source: dir };
    } catch (e) {
      console.warn(`could not generate the developer certificate: ${e.message}`);
    }
  }
  // last resort: a throwaway self-signed certificate made with openssl
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "qcs-cert-"));
  const key = path.join(tmp, "key.pem");
  const cert = path.join(tmp, "cert.pem");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "30", "-subj", "/CN=localhost",
      "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
    { stdio: "ignore" }
  );
  console.warn(trustHelp(cert));
  return { options: { key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, trusted: false, source: tmp };
}

/** office-addin-debugging is an optional dependency: load it only when it is there. */
function debuggingCli() {
  try {
    const pkgPath = require.resolve("office-addin-debugging/package.json", { paths: [ROOT] });
    const pkg = JSON.parse(fs.readFileSync(pkgPath, "utf8"));
    const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin && Object.values(pkg.bin)[0];
    return bin ? path.join(path.dirname(pkgPath), bin) : null;
  } catch {
    return null;
  }
}

function sideload(port) {
  const manifest = path.join(ROOT, "manifest.xml");
  const webHelp = [
    "Excel on the web: open a workbook, then Home → Add-ins (or Insert → Add-ins) → More Add-ins →",
    `  Upload My Add-in, and upload ${manifest}.`,
    "  (the manifest points at https://localhost:3000, so keep this server running on port 3000.)",
  ].join("\n");
  if (process.platform === "linux" || !["win32", "darwin"].includes(process.platform)) {
    console.log(`\nDesktop Excel is not available on ${process.platform}, so nothing is sideloaded here.`);
    console.log(webHelp);
    return false;
  }
  const cli = debuggingCli();
  if (!cli) {
    console.log("\noffice-addin-debugging (an optional dependency) is not installed, so the add-in is not sideloaded.");
    console.log("Install it with `npm install --no-save office-addin-debugging`, or sideload by hand:");
    console.log(webHelp);
    return false;
  }
  if (port !== 3000) console.warn("note: manifest.xml points at port 3000; Excel will look there.");
  console.log("» sideloading into Excel (office-addin-debugging)…");
  const r = spawnSync(process.execPath, [cli, "start", manifest, "desktop", "--app", "excel", "--no-debug"], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) {
    console.warn("sideloading failed; see above. You can still sideload by hand:");
    console.log(webHelp);
    return false;
  }
  return true;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.build) build(opts);
  if (!fs.existsSync(path.join(DIST, "taskpane.html"))) {
    console.error(`${path.join(DIST, "taskpane.html")} is missing: build first (npm run build) or drop --no-build.`);
    process.exit(1);
  }
  const certs = await certificates();
  const server = https.createServer(certs.options, createHandler(DIST));
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, resolve);
  });
  server.on("error", (e) => console.error(`server error: ${e.message}`));
  const url = `https://localhost:${opts.port}/taskpane.html`;
  console.log(`\nServing ${DIST} at https://localhost:${opts.port}/ (certificate: ${certs.source}${certs.trusted ? ", trusted" : ", NOT trusted"})`);
  console.log(`Browser preview (no Excel needed): ${url}`);
  const sideloaded = opts.sideload ? sideload(opts.port) : false;
  fs.writeFileSync(PID_FILE, JSON.stringify({ pid: process.pid, port: opts.port, sideloaded, started: new Date().toISOString() }));
  console.log("\nPress Ctrl-C to stop (or run `npm run stop`).");

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log("\nstopping…");
    try {
      const cur = JSON.parse(fs.readFileSync(PID_FILE, "utf8"));
      if (cur.pid === process.pid) fs.unlinkSync(PID_FILE);
    } catch {
      /* already gone */
    }
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

module.exports = { createHandler, PID_FILE };

if (require.main === module) {
  main().catch((e) => {
    console.error(e && e.stack ? e.stack : String(e));
    process.exit(1);
  });
}
