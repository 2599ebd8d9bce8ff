"use strict";
/**
 * The help page (dist/help.html, the manifest's SupportUrl and GetStarted LearnMoreUrl) from its
 * template src/help/help.html. The function reference is generated from the same metadata Excel
 * reads (dist/functions.json and dist/functions.zh-CN.json), so the page cannot disagree with the
 * formulas' own help. Used by webpack.config.js (HelpPagePlugin) and test/manifest/.
 *
 * Placeholders in the template: {{CSP}} {{VERSION}} {{SUPPORT_ZH}} {{SUPPORT_EN}} {{FUNCTIONS_ZH}}
 * {{FUNCTIONS_EN}}. Each must occur; any other {{…}} fails the build. The page has no script at all.
 */

const PLACEHOLDERS = ["CSP", "VERSION", "SUPPORT_ZH", "SUPPORT_EN", "FUNCTIONS_ZH", "FUNCTIONS_EN"];

const escapeHtml = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

/** The functions of one metadata file as a table (signature, description, parameters). */
function functionsTable(metadata, namespace, lang) {
  const zh = lang === "zh-CN";
  const fns = (metadata && metadata.functions) || [];
  if (fns.length === 0) throw new Error("help page: the custom-functions metadata lists no function");
  const rows = fns.map((f) => {
    const params = (f.parameters || []).map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
    const sig = `=${namespace}.${f.name}(${params})`;
    const plist = (f.parameters || [])
      .map((p) => `<li><code>${escapeHtml(p.name)}</code>${zh ? "：" : ": "}${escapeHtml(p.description || "")}</li>`)
      .join("");
    return (
      `<tr><th scope="row"><code>${escapeHtml(sig)}</code></th>` +
      `<td><p>${escapeHtml(f.description || "")}</p>${plist ? `<ul>${plist}</ul>` : ""}</td></tr>`
    );
  });
  const head = zh ? "<tr><th scope=\"col\">公式</th><th scope=\"col\">说明与参数</th></tr>" : "<tr><th scope=\"col\">Formula</th><th scope=\"col\">What it does, parameters</th></tr>";
  return `<table class="functions"><thead>${head}</thead><tbody>${rows.join("")}</tbody></table>`;
}

/** The contact paragraph: the deployer's address, or a note when none was set at build time. */
function supportFragment(email, lang) {
  if (email) {
    const link = `<a href="mailto:${escapeHtml(email)}">${escapeHtml(email)}</a>`;
    return lang === "zh-CN"
      ? `<p>如有问题，请联系：${link}。</p>`
      : `<p>For help, write to ${link}.</p>`;
  }
  return lang === "zh-CN"
    ? "<p>如有问题，请联系为您部署本加载项的机构（IT 部门或认证机构的管理员）。</p>"
    : "<p>For help, contact the organisation that deployed this add-in for you (its IT department or the certification body's administrator).</p>";
}

/**
 * Renders the help page. `en` / `zh` are the parsed functions.json / functions.zh-CN.json.
 */
function renderHelp(template, { en, zh, supportEmail, version, csp, namespace = "QCS" }) {
  for (const name of PLACEHOLDERS) {
    if (!template.includes(`{{${name}}}`)) throw new Error(`help page: the template lacks {{${name}}}`);
  }
  const values = {
    CSP: escapeHtml(csp),
    VERSION: escapeHtml(version || ""),
    SUPPORT_ZH: supportFragment(supportEmail, "zh-CN"),
    SUPPORT_EN: supportFragment(supportEmail, "en-US"),
    FUNCTIONS_ZH: functionsTable(zh, namespace, "zh-CN"),
    FUNCTIONS_EN: functionsTable(en, namespace, "en-US"),
  };
  return template.replace(/\{\{([A-Z_]*)\}\}/g, (m, name) => {
    if (!Object.prototype.hasOwnProperty.call(values, name)) throw new Error(`help page: unknown placeholder ${m}`);
    return values[name];
  });
}

module.exports = { renderHelp, escapeHtml, PLACEHOLDERS };
