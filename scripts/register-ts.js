"use strict";
// Lets plain `node` require .ts/.tsx files (for scripts and benches), by transpiling them with the
// project's TypeScript. No type checking here: `npm run typecheck` and the tests do that.
const fs = require("fs");
const ts = require("typescript");
const options = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2020,
  jsx: ts.JsxEmit.ReactJSX,
  esModuleInterop: true,
  resolveJsonModule: true,
  sourceMap: false,
};
for (const ext of [".ts", ".tsx"]) {
  require.extensions[ext] = function (module, filename) {
    const src = fs.readFileSync(filename, "utf8");
    const out = ts.transpileModule(src, { compilerOptions: options, fileName: filename });
    module._compile(out.outputText, filename);
  };
}
