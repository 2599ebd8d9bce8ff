"use strict";
/**
 * Where a build of the add-in will live, and what its pages may load: one definition used by the build
 * (webpack.config.js), `npm run validate` (scripts/validate-manifest.js), `npm start` and the tests.
 *
 * Inputs (each also a webpack `--env` key, which wins over the environment variable):
 *   QCS_BASE_URL          --env baseUrl=…          the HTTPS folder dist/ is served from (default: the dev
 *                                                  server, https://localhost:3000/)
 *   QCS_OFFICE_JS_URL     --env officeJsUrl=…      office.js (default: Microsoft's global CDN; 21Vianet: see
 *                                                  OFFICE_JS_21VIANET)
 *   QCS_OFFICE_JS=local   --env officejs=local     serve the npm copy of office.js from dist/office-js/
 *   QCS_CSP_CONNECT_SRC   --env cspConnectSrc=…    extra HTTPS origins the pane may connect to (space or comma
 *                                                  separated), e.g. a telemetry host of another cloud's office.js
 *   QCS_SUPPORT_EMAIL     --env supportEmail=…     the support address shown on the help page
 *   QCS_MANIFEST_VERSION  --env manifestVersion=…  overrides <Version> of manifest.xml in the built manifest
 *   QCS_DIST_DIR          --env distDir=…          output folder (default: dist/)
 *
 * The single source of the manifest is manifest.xml at the project root, written for the dev server
 * (every URL starts with DEV_BASE_URL). A build rewrites that prefix to the base URL; nothing else
 * differs. manifest.xml thus stays a valid manifest that `npm start` sideloads and Microsoft's
 * validator reads as it is, and a production manifest cannot drift from it.
 *
 * Every value is checked before it reaches XML, HTML or a Content-Security-Policy: only the characters
 * a URL path needs, bounded lengths, https only, no query or fragment. Messages are zh-CN / en-US.
 */
const fs = require("fs");
const os = require("os");
const path = require("path");

const DEV_BASE_URL = "https://localhost:3000/";
/** Microsoft's global CDN, as Microsoft advises for add-ins (always the latest office.js 1.x). */
const OFFICE_JS_GLOBAL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/**
 * Microsoft 365 operated by 21Vianet (China): "Use
 * https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js instead of the
 * standard CDN reference" — learn.microsoft.com/office/dev/add-ins/develop/referencing-the-javascript-api-for-office-library-from-its-cdn,
 * section "CDN references for other Microsoft 365 environments".
 */
const OFFICE_JS_21VIANET = "https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js";
/** The npm copy of office.js, served by the add-in itself (QCS_OFFICE_JS=local). */
const OFFICE_JS_LOCAL = "office-js/office.js";
/**
 * Where office.js posts its own telemetry when no Office host relays it: the Aria collector default
 * `collectorUri: "https://browser.pipe.aria.microsoft.com/Collector/3.0/"` in
 * @microsoft/office-js/dist/telemetry/oteljs_agave.js (AgaveSink → AriaSink, created without an
 * endpoint) and ariatelemetry/aria-web-telemetry.js; the same host is reported in OfficeDev/office-js#1005.
 */
const OFFICE_TELEMETRY_ORIGINS = ["https://browser.pipe.aria.microsoft.com"];
/** The sample production base `npm run validate` and the tests render the manifest for. */
const SAMPLE_BASE_URL = "https://qcs.example.cn/addin/";

/** Bounds on the build inputs (the manifest schema allows URLs of up to 2048 characters). */
const BOUNDS = { urlChars: 1024, emailChars: 254, connectOrigins: 10 };

/** Characters allowed in a base or script URL: RFC 3986 unreserved, ":" "/" "%" and IPv6 brackets. */
const URL_CHARS = /^[A-Za-z0-9\-._~:/%[\]]+$/;

class ConfigError extends Error {}
const fail = (zh, en) => {
  throw new ConfigError(`${zh} / ${en}`);
};

/** Parses an https URL with no credentials, query or fragment; `what` names the setting in messages. */
function strictHttpsUrl(raw, what) {
  if (typeof raw !== "string" || raw.trim() === "") fail(`${what} 为空`, `${what} is empty`);
  const s = raw.trim();
  if (s.length > BOUNDS.urlChars) fail(`${what} 超过 ${BOUNDS.urlChars} 个字符`, `${what} is longer than ${BOUNDS.urlChars} characters`);
  if (s.includes("?") || s.includes("#")) fail(`${what} 不能带查询串或片段（? #）："${s}"`, `${what} must have no query or fragment (? #): "${s}"`);
  if (!URL_CHARS.test(s)) {
    fail(
      `${what} 含有不允许的字符（只允许字母、数字和 - . _ ~ : / %）："${s}"`,
      `${what} holds a character that is not allowed (letters, digits and - . _ ~ : / % only): "${s}"`
    );
  }
  let u;
  try {
    u = new URL(s);
  } catch {
    fail(`${what} 不是有效的 URL："${s}"`, `${what} is not a valid URL: "${s}"`);
  }
  if (u.protocol !== "https:") fail(`${what} 必须是 https:// 地址："${s}"`, `${what} must be an https:// URL: "${s}"`);
  if (u.username || u.password) fail(`${what} 不能包含用户名或密码："${s}"`, `${what} must not hold a user name or password: "${s}"`);
  if (!u.hostname) fail(`${what} 缺少主机名："${s}"`, `${what} has no host name: "${s}"`);
  return u;
}

/** The base URL dist/ is served from: https, no query/fragment, always ending with "/". */
function normalizeBaseUrl(raw, what = "QCS_BASE_URL") {
  const u = strictHttpsUrl(raw, what);
  const pathname = u.pathname.endsWith("/") ? u.pathname : `${u.pathname}/`;
  return `${u.origin}${pathname}`;
}

/** The office.js URL: https, a .js file, no query/fragment. Returns { src, origin }. */
function officeJsFromUrl(raw, what = "QCS_OFFICE_JS_URL") {
  const u = strictHttpsUrl(raw, what);
  if (!/\.js$/i.test(u.pathname)) fail(`${what} 必须指向一个 .js 文件："${raw}"`, `${what} must name a .js file: "${raw}"`);
  return { src: u.href, origin: u.origin, local: false };
}

/** Extra connect-src origins: https origins only (no path), at most BOUNDS.connectOrigins. */
function connectOrigins(raw, what = "QCS_CSP_CONNECT_SRC") {
  if (raw === undefined || String(raw).trim() === "") return [];
  const parts = String(raw).split(/[\s,]+/).filter(Boolean);
  if (parts.length > BOUNDS.connectOrigins) {
    fail(`${what} 最多 ${BOUNDS.connectOrigins} 个来源`, `${what} takes at most ${BOUNDS.connectOrigins} origins`);
  }
  return parts.map((p) => {
    const u = strictHttpsUrl(p, what);
    if (u.pathname !== "/" || p.replace(/\/$/, "").toLowerCase() !== u.origin.toLowerCase()) {
      fail(`${what} 只接受来源（https://主机[:端口]），不接受路径："${p}"`, `${what} takes origins (https://host[:port]) without a path: "${p}"`);
    }
    return u.origin;
  });
}

/** A support e-mail address for the help page (or undefined). */
function supportEmail(raw, what = "QCS_SUPPORT_EMAIL") {
  if (raw === undefined || String(raw).trim() === "") return undefined;
  const s = String(raw).trim();
  if (s.length > BOUNDS.emailChars || !/^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,63}$/.test(s)) {
    fail(`${what} 不是有效的电子邮件地址："${s.slice(0, 80)}"`, `${what} is not a valid e-mail address: "${s.slice(0, 80)}"`);
  }
  return s;
}

/** A manifest <Version>: the schema's pattern, 1–4 dot-separated numbers of up to 5 digits. */
function manifestVersion(raw, what = "QCS_MANIFEST_VERSION") {
  if (raw === undefined || String(raw).trim() === "") return undefined;
  const s = String(raw).trim();
  if (!/^[0-9]{1,5}(\.[0-9]{1,5}){0,3}$/.test(s)) {
    fail(`${what} 必须形如 1.0.1.0（1–4 段数字）："${s.slice(0, 40)}"`, `${what} must look like 1.0.1.0 (1–4 numbers): "${s.slice(0, 40)}"`);
  }
  return s;
}

/**
 * The output folder. webpack empties it before a build, so it must not be the file-system root, the
 * home folder, the project or a folder above it, and an existing non-empty folder must look like an
 * earlier build (it holds manifest.xml or taskpane.html).
 */
function distDir(raw, root, what = "QCS_DIST_DIR") {
  const dir = path.resolve(root, raw === undefined || String(raw).trim() === "" ? "dist" : String(raw).trim());
  const rootAbs = path.resolve(root);
  const isAncestorOrSelf = (a, b) => a === b || b.startsWith(a.endsWith(path.sep) ? a : a + path.sep);
  if (dir === path.parse(dir).root || dir === path.resolve(os.homedir()) || isAncestorOrSelf(dir, rootAbs)) {
    fail(`${what} 不能是根目录、主目录或项目目录及其上级："${dir}"`, `${what} must not be the root, home or project folder or above it: "${dir}"`);
  }
  if (fs.existsSync(dir)) {
    if (!fs.statSync(dir).isDirectory()) fail(`${what} 不是文件夹："${dir}"`, `${what} is not a folder: "${dir}"`);
    const entries = fs.readdirSync(dir);
    if (entries.length > 0 && !entries.includes("manifest.xml") && !entries.includes("taskpane.html")) {
      fail(
        `${what} 已有其他内容，构建会清空它，因此拒绝："${dir}"`,
        `${what} holds other files and a build empties it, so it is refused: "${dir}"`
      );
    }
  }
  return dir;
}

/** The pane's Content-Security-Policy: office.js's origin (if not 'self') and its telemetry host. */
function paneCsp({ officeOrigin, connectExtra = [] }) {
  const o = officeOrigin ? ` ${officeOrigin}` : "";
  const connect = [...new Set([...OFFICE_TELEMETRY_ORIGINS, ...connectExtra])].filter((x) => x !== officeOrigin);
  return [
    "default-src 'self'",
    `script-src 'self'${o}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data:${o}`,
    "font-src 'self' data:",
    `connect-src 'self'${o} ${connect.join(" ")}`,
    `frame-src 'self'${o}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
}

/** The help page's Content-Security-Policy: no script at all, its own style sheet and images. */
const HELP_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/**
 * All build settings from webpack's `--env` object and the environment. Throws ConfigError (zh/en
 * message) on a bad value.
 */
function buildSettings(env = {}, processEnv = process.env, root = path.resolve(__dirname, "..")) {
  const pick = (envKey, varName) => {
    if (env[envKey] === true) fail(`--env ${envKey} 需要一个值（--env ${envKey}=…）`, `--env ${envKey} needs a value (--env ${envKey}=…)`);
    return env[envKey] !== undefined ? String(env[envKey]) : processEnv[varName];
  };
  const rawBase = pick("baseUrl", "QCS_BASE_URL");
  const baseUrl = rawBase === undefined || rawBase.trim() === "" ? DEV_BASE_URL : normalizeBaseUrl(rawBase);
  const local = processEnv.QCS_OFFICE_JS === "local" || env.officejs === "local";
  const rawOfficeJs = pick("officeJsUrl", "QCS_OFFICE_JS_URL");
  const hasOfficeJsUrl = rawOfficeJs !== undefined && rawOfficeJs.trim() !== "";
  if (local && hasOfficeJsUrl) {
    fail("QCS_OFFICE_JS=local 与 QCS_OFFICE_JS_URL 不能同时使用", "QCS_OFFICE_JS=local and QCS_OFFICE_JS_URL exclude each other");
  }
  const officeJs = local
    ? { src: OFFICE_JS_LOCAL, origin: "", local: true }
    : officeJsFromUrl(hasOfficeJsUrl ? rawOfficeJs : OFFICE_JS_GLOBAL);
  const connectExtra = connectOrigins(pick("cspConnectSrc", "QCS_CSP_CONNECT_SRC"));
  return {
    baseUrl,
    devBase: baseUrl === DEV_BASE_URL,
    officeJs,
    csp: paneCsp({ officeOrigin: officeJs.origin, connectExtra }),
    helpCsp: HELP_CSP,
    supportEmail: supportEmail(pick("supportEmail", "QCS_SUPPORT_EMAIL")),
    manifestVersion: manifestVersion(pick("manifestVersion", "QCS_MANIFEST_VERSION")),
    distDir: distDir(pick("distDir", "QCS_DIST_DIR"), root),
  };
}

/**
 * manifest.xml (dev URLs) → the manifest for `baseUrl`: every DEV_BASE_URL prefix rewritten, <Version>
 * replaced when `version` is given. Throws when the result still names the dev host, or when the
 * source does not have exactly one <Version>.
 */
function renderManifest(xml, { baseUrl = DEV_BASE_URL, version } = {}) {
  const base = normalizeBaseUrl(baseUrl, "baseUrl");
  let out = xml.split(DEV_BASE_URL).join(base);
  if (version !== undefined) {
    const v = manifestVersion(version, "version");
    const found = out.match(/<Version>[^<]*<\/Version>/g) || [];
    if (found.length !== 1) fail(`manifest.xml 应有且只有一个 <Version>（找到 ${found.length} 个）`, `manifest.xml must hold exactly one <Version> (found ${found.length})`);
    out = out.replace(/<Version>[^<]*<\/Version>/, `<Version>${v}</Version>`);
  }
  const devHost = new URL(DEV_BASE_URL).hostname;
  if (!new URL(base).hostname.includes(devHost) && out.toLowerCase().includes(devHost)) {
    const line = out.split("\n").find((l) => l.toLowerCase().includes(devHost));
    fail(`生成的清单仍含有 ${devHost}：${line.trim()}`, `the rendered manifest still names ${devHost}: ${line.trim()}`);
  }
  return out;
}

/** The <Version> of a manifest. */
function versionOf(xml) {
  const m = /<Version>([^<]*)<\/Version>/.exec(xml.replace(/<!--[\s\S]*?-->/g, ""));
  return m ? m[1].trim() : undefined;
}

module.exports = {
  DEV_BASE_URL,
  OFFICE_JS_GLOBAL,
  OFFICE_JS_21VIANET,
  OFFICE_JS_LOCAL,
  OFFICE_TELEMETRY_ORIGINS,
  SAMPLE_BASE_URL,
  BOUNDS,
  HELP_CSP,
  ConfigError,
  normalizeBaseUrl,
  officeJsFromUrl,
  connectOrigins,
  supportEmail,
  manifestVersion,
  distDir,
  paneCsp,
  buildSettings,
  renderManifest,
  versionOf,
};
