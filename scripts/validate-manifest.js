"use strict";
/**
 * npm run validate — checks the manifest three ways:
 *   A. manifest.xml as written (dev URLs, https://localhost:3000/):
 *      1. online: `office-addin-manifest validate` (Microsoft's validation service). Offline, this says so
 *         and does not fail the run; a manifest the service rejects does fail it.
 *      2. offline: well-formed XML; every resid resolves to a bt:Image / bt:Url / bt:String; every URL
 *         (including bt:Override values) is under the base and a file the build emitted in dist/
 *         (so run it after `npm run build`; a missing dist/ is a failure).
 *      3. offline: the XSD schemas in ../shared/office-xsd/ with xmllint, when that folder exists.
 *   B. the production manifest: manifest.xml rendered exactly as a build renders it
 *      (scripts/deploy-config.js renderManifest) for a sample production base (https://qcs.example.cn/addin/,
 *      or --base URL), then the offline checks 2–3 against that base, plus: no "localhost" left.
 *   C. dist/manifest.xml as built, against the base it was built for (read from its SourceLocation).
 * Exit status 0 only when nothing failed. The offline checks are exported for test/manifest/.
 *
 *   node scripts/validate-manifest.js [manifest.xml] [--offline] [--base https://host/path/] [--dist DIR]
 */
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const deploy = require("./deploy-config");

const ROOT = path.resolve(__dirname, "..");
const DEV_ORIGIN = deploy.DEV_BASE_URL;
const XSD_DIR = path.resolve(ROOT, "../shared/office-xsd");
const XSD_MAIN = path.join(XSD_DIR, "OfficeAppManifestV1_1.xsd");

/** Runs a command; returns { status, out } (status null when it could not start or timed out). */
function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 60000, ...opts });
  return { status: r.error ? null : r.status, out: `${r.stdout || ""}${r.stderr || ""}`, error: r.error };
}

/** 1. Well-formed XML (xmllint --noout, no network). */
function checkWellFormed(manifestPath) {
  const r = sh("xmllint", ["--nonet", "--noout", manifestPath]);
  if (r.error && r.error.code === "ENOENT") return { ok: false, detail: "xmllint is not installed (Debian: libxml2-utils)" };
  return { ok: r.status === 0, detail: r.status === 0 ? "well-formed" : r.out.trim() };
}

const attr = (tag, name) => {
  const m = new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(tag);
  return m ? m[1] : undefined;
};

/** The manifest's resources and references, read with regular expressions (the XML is well-formed). */
function readManifest(xml) {
  const text = xml.replace(/<!--[\s\S]*?-->/g, "");
  const resources = new Map(); // id -> kind
  for (const m of text.matchAll(/<bt:(Image|Url|String)\b[^>]*>/g)) {
    const id = attr(m[0], "id");
    if (id !== undefined) {
      if (resources.has(id)) resources.set(id, "duplicate");
      else resources.set(id, m[1]);
    }
  }
  const resids = [];
  for (const m of text.matchAll(/<([\w:]+)\b[^>]*\sresid\s*=\s*"([^"]*)"[^>]*>/g)) resids.push({ element: m[1], resid: m[2] });
  const urls = [];
  for (const m of text.matchAll(/\s(DefaultValue|Value)\s*=\s*"(https?:\/\/[^"]*)"/g)) urls.push(m[2]);
  for (const m of text.matchAll(/>\s*(https?:\/\/[^<\s]*)\s*</g)) urls.push(m[1]);
  return { resources, resids, urls: [...new Set(urls)] };
}

/** 2a. Every resid points at a resource of a fitting kind; no duplicate resource ids. */
function checkResids(xml) {
  const { resources, resids } = readManifest(xml);
  const problems = [];
  for (const [id, kind] of resources) if (kind === "duplicate") problems.push(`resource id "${id}" is defined twice`);
  const expect = (el) => (/Image$/.test(el) ? "Image" : /SourceLocation$|LearnMoreUrl$|FunctionFile$|^Runtime$/.test(el) ? "Url" : "String");
  for (const { element, resid } of resids) {
    const kind = resources.get(resid);
    if (!kind) problems.push(`<${element} resid="${resid}"> does not resolve to any bt:Image, bt:Url or bt:String`);
    else if (kind !== "duplicate" && kind !== expect(element)) {
      problems.push(`<${element} resid="${resid}"> resolves to a bt:${kind}, expected a bt:${expect(element)}`);
    }
  }
  return { ok: problems.length === 0, problems, count: resids.length };
}

/** 2b. Every URL is under `base` (default: the dev origin) and names a file in dist/. */
function checkUrls(xml, distDir, base = DEV_ORIGIN) {
  const { urls } = readManifest(xml);
  const local = urls.filter((u) => u.startsWith(base));
  if (!fs.existsSync(distDir)) {
    return { ok: false, problems: [`${distDir} does not exist: run \`npm run build\` first`], local };
  }
  const problems = [];
  for (const u of local) {
    const rel = decodeURIComponent(u.slice(base.length).replace(/[?#].*$/, ""));
    const file = path.resolve(distDir, rel);
    const inside = file.startsWith(path.resolve(distDir) + path.sep);
    if (!rel || !inside || !fs.existsSync(file) || !fs.statSync(file).isFile()) problems.push(`${u} → dist/${rel} is not emitted by the build`);
  }
  const other = urls.filter((u) => !u.startsWith(base) && !u.startsWith("http://schemas.") && !u.startsWith("http://www.w3.org/"));
  for (const u of other) problems.push(`${u} is not on ${base} (every URL must be served by the add-in itself)`);
  return { ok: problems.length === 0, problems, local };
}

/** 3. XSD validation with xmllint, when ../shared/office-xsd/ exists. */
function checkSchema(manifestPath) {
  if (!fs.existsSync(XSD_MAIN)) return { ok: true, skipped: true, detail: `no ${XSD_MAIN}; schema check skipped` };
  const r = sh("xmllint", ["--nonet", "--noout", "--schema", XSD_MAIN, manifestPath]);
  return { ok: r.status === 0, detail: r.out.trim() };
}

/** All offline checks against `base`; `{ ok, lines }` with one line per check (and its problems). */
function offlineChecks(manifestPath = path.join(ROOT, "manifest.xml"), distDir = path.join(ROOT, "dist"), base = DEV_ORIGIN) {
  const lines = [];
  let ok = true;
  const report = (name, r, extra = []) => {
    ok = ok && r.ok;
    lines.push(`${r.ok ? "ok  " : "FAIL"} ${name}${r.detail && r.ok ? `: ${r.detail}` : ""}`);
    if (!r.ok && r.detail) lines.push(...r.detail.split("\n").map((l) => `       ${l}`));
    for (const p of extra) lines.push(`       ${p}`);
  };
  const wf = checkWellFormed(manifestPath);
  report("well-formed XML", wf);
  if (!wf.ok) return { ok, lines };
  const xml = fs.readFileSync(manifestPath, "utf8");
  const res = checkResids(xml);
  report(`resids resolve (${res.count} references)`, res, res.problems);
  const urls = checkUrls(xml, distDir, base);
  report(`URLs on ${base} are files in dist/ (${urls.local.length} URLs)`, urls, urls.problems);
  const xsd = checkSchema(manifestPath);
  report(xsd.skipped ? "XSD schema (skipped)" : "XSD schema (../shared/office-xsd, xmllint)", xsd);
  return { ok, lines };
}

/** The base a built manifest was made for: its DefaultSettings SourceLocation minus "taskpane.html". */
function baseOf(xml) {
  const m = /<DefaultSettings>\s*<SourceLocation DefaultValue="([^"]*)taskpane\.html"/.exec(xml.replace(/<!--[\s\S]*?-->/g, ""));
  if (!m) throw new Error("no <DefaultSettings><SourceLocation …/taskpane.html> to read the base URL from");
  return deploy.normalizeBaseUrl(m[1], "SourceLocation");
}

/**
 * B. manifest.xml rendered for `base` as a build renders it, written to a temporary file and checked
 * offline against `base` and `distDir`; also: nothing names localhost. `{ ok, lines, xml }`.
 */
function productionChecks(manifestPath = path.join(ROOT, "manifest.xml"), distDir = path.join(ROOT, "dist"), base = deploy.SAMPLE_BASE_URL) {
  const tmp = fs.mkdtempSync(path.join(require("os").tmpdir(), "qcs-manifest-prod-"));
  const file = path.join(tmp, "manifest.xml");
  let xml;
  try {
    xml = deploy.renderManifest(fs.readFileSync(manifestPath, "utf8"), { baseUrl: base });
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    return { ok: false, lines: [`FAIL render for ${base}: ${e.message}`] };
  }
  try {
    fs.writeFileSync(file, xml);
    const r = offlineChecks(file, distDir, deploy.normalizeBaseUrl(base));
    const named = /localhost/i.test(xml) && !/localhost/i.test(base);
    r.lines.push(`${named ? "FAIL" : "ok  "} nothing names localhost`);
    return { ok: r.ok && !named, lines: r.lines, xml };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The online validation; { ok, offline, lines }. */
function onlineCheck(manifestPath) {
  const bin = path.join(ROOT, "node_modules", ".bin", process.platform === "win32" ? "office-addin-manifest.cmd" : "office-addin-manifest");
  const r = sh(bin, ["validate", manifestPath], { env: { ...process.env, FORCE_COLOR: "0" } });
  const out = r.out.replace(/\u001b\[[0-9;]*m/g, "").trim();
  if (/The manifest is valid/.test(out)) return { ok: true, offline: false, lines: ["ok   office-addin-manifest validate: the manifest is valid"] };
  if (r.status === null || /Unable to contact the manifest validation service|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|fetch failed|network/i.test(out)) {
    return {
      ok: true,
      offline: true,
      lines: [
        "skip office-addin-manifest validate: Microsoft's validation service is not reachable (offline);",
        "       the offline checks below still run. Re-run `npm run validate` with internet access for the online check.",
      ],
    };
  }
  return { ok: false, offline: false, lines: ["FAIL office-addin-manifest validate:", ...out.split("\n").map((l) => `       ${l}`)] };
}

module.exports = {
  offlineChecks,
  productionChecks,
  baseOf,
  checkResids,
  checkUrls,
  checkSchema,
  checkWellFormed,
  readManifest,
  DEV_ORIGIN,
  XSD_MAIN,
};

if (require.main === module) {
  const args = process.argv.slice(2);
  const valueOf = (flag) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const flagValues = new Set([valueOf("--base"), valueOf("--dist")].filter(Boolean));
  const manifestPath = path.resolve(args.find((a) => !a.startsWith("--") && !flagValues.has(a)) || path.join(ROOT, "manifest.xml"));
  const distDir = path.resolve(valueOf("--dist") || path.join(ROOT, "dist"));
  const rel = (p) => path.relative(process.cwd(), p) || p;
  let ok = true;

  console.log(`A. ${rel(manifestPath)} (dev URLs, ${DEV_ORIGIN})`);
  if (!args.includes("--offline")) {
    const on = onlineCheck(manifestPath);
    ok = on.ok;
    console.log(on.lines.join("\n"));
  }
  const off = offlineChecks(manifestPath, distDir, DEV_ORIGIN);
  console.log(off.lines.join("\n"));
  ok = ok && off.ok;

  let base;
  try {
    base = deploy.normalizeBaseUrl(valueOf("--base") || deploy.SAMPLE_BASE_URL, "--base");
  } catch (e) {
    console.log(`FAIL ${e.message}`);
    process.exit(1);
  }
  console.log(`\nB. production manifest rendered for ${base}`);
  const prod = productionChecks(manifestPath, distDir, base);
  console.log(prod.lines.join("\n"));
  ok = ok && prod.ok;

  const built = path.join(distDir, "manifest.xml");
  console.log(`\nC. ${rel(built)} as built`);
  if (!fs.existsSync(built)) {
    console.log(`FAIL ${rel(built)} is missing: run \`npm run build\` first`);
    ok = false;
  } else {
    try {
      const builtBase = baseOf(fs.readFileSync(built, "utf8"));
      const r = offlineChecks(built, distDir, builtBase);
      console.log(`     built for ${builtBase}`);
      console.log(r.lines.join("\n"));
      ok = ok && r.ok;
    } catch (e) {
      console.log(`FAIL ${e.message}`);
      ok = false;
    }
  }
  console.log(ok ? "\nmanifest: valid" : "\nmanifest: NOT valid");
  process.exitCode = ok ? 0 : 1;
}
