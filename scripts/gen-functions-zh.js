"use strict";
/**
 * Builds the Simplified Chinese custom-functions metadata (dist/functions.zh-CN.json) from the English
 * metadata that custom-functions-metadata-plugin generates from the JSDoc, and the one translation
 * source src/functions/i18n.zh-CN.ts (descriptions keyed by function id and parameter name). Same ids,
 * same names, same types; only descriptions change.
 *
 * Used by webpack.config.js at build time and by test/functions/metadata.test.ts. As a command:
 *   node scripts/gen-functions-zh.js [dist/functions.json] [dist/functions.zh-CN.json]
 */
const fs = require("fs");
const path = require("path");
const Module = require("module");
const ts = require("typescript");

const TRANSLATION_SOURCE = path.resolve(__dirname, "../src/functions/i18n.zh-CN.ts");

/** Loads the translation table (a TypeScript module exporting ZH_CN) without a global require hook. */
function loadTranslations(file = TRANSLATION_SOURCE) {
  const src = fs.readFileSync(file, "utf8");
  const out = ts.transpileModule(src, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
    fileName: file,
  });
  const m = new Module(file, module);
  m.filename = file;
  m.paths = Module._nodeModulePaths(path.dirname(file));
  m._compile(out.outputText, file);
  if (!m.exports.ZH_CN) throw new Error(`${file} does not export ZH_CN`);
  return m.exports.ZH_CN;
}

const nonEmpty = (s) => typeof s === "string" && s.trim() !== "";

/**
 * Everything missing in either language: a function or parameter without an English description in
 * the metadata, without a Chinese one in the translations, or a translation for something that does
 * not exist. Returns a list of messages (empty when complete).
 */
function coverageProblems(metadata, translations) {
  const problems = [];
  const ids = new Set();
  for (const f of metadata.functions || []) {
    ids.add(f.id);
    if (!nonEmpty(f.description)) problems.push(`${f.id}: no English description (JSDoc)`);
    const zh = translations[f.id];
    if (!zh) {
      problems.push(`${f.id}: no Chinese translation in src/functions/i18n.zh-CN.ts`);
      continue;
    }
    if (!nonEmpty(zh.description)) problems.push(`${f.id}: no Chinese description`);
    const names = new Set();
    for (const p of f.parameters || []) {
      names.add(p.name);
      if (!nonEmpty(p.description)) problems.push(`${f.id}(${p.name}): no English description (JSDoc @param)`);
      if (!nonEmpty(zh.parameters && zh.parameters[p.name])) problems.push(`${f.id}(${p.name}): no Chinese description`);
    }
    for (const name of Object.keys(zh.parameters || {})) {
      if (!names.has(name)) problems.push(`${f.id}(${name}): translated but not a parameter`);
    }
  }
  for (const id of Object.keys(translations)) {
    if (!ids.has(id)) problems.push(`${id}: translated but not a function`);
  }
  return problems;
}

/**
 * The metadata as served: error values from cells reach `any` parameters (so a #DIV/0! in an input
 * becomes the function's own #VALUE! with a message instead of passing through unexplained). This flag
 * only exists in hand-written metadata, so the build adds it.
 */
function withErrorInputs(metadata) {
  return { allowErrorForDataTypeAny: true, ...metadata };
}

/** The zh-CN twin: same functions, Chinese descriptions. Throws when coverage is incomplete. */
function localize(metadata, translations) {
  const problems = coverageProblems(metadata, translations);
  if (problems.length) throw new Error("functions metadata translation incomplete:\n  " + problems.join("\n  "));
  return {
    ...metadata,
    functions: metadata.functions.map((f) => ({
      ...f,
      description: translations[f.id].description,
      parameters: (f.parameters || []).map((p) => ({ ...p, description: translations[f.id].parameters[p.name] })),
    })),
  };
}

module.exports = { TRANSLATION_SOURCE, loadTranslations, coverageProblems, withErrorInputs, localize };

if (require.main === module) {
  const input = path.resolve(process.argv[2] || "dist/functions.json");
  const output = path.resolve(process.argv[3] || path.join(path.dirname(input), "functions.zh-CN.json"));
  const metadata = JSON.parse(fs.readFileSync(input, "utf8"));
  fs.writeFileSync(output, JSON.stringify(localize(metadata, loadTranslations()), null, 2) + "\n");
  console.log(`wrote ${path.relative(process.cwd(), output)}`);
}
