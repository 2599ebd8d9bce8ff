/* global require, module, process, __dirname, console */
/**
 * Build of the Excel add-in (modelled on OfficeDev/Excel-Custom-Functions-Shared): one page,
 * dist/taskpane.html, hosts both the task pane and the QCS.* custom functions (shared runtime).
 *
 *   dist/functions.js            custom functions (entry src/functions/functions.ts)
 *   dist/functions.json          their metadata, English, from the JSDoc (custom-functions-metadata-plugin)
 *   dist/functions.zh-CN.json    the same with Chinese descriptions (src/functions/i18n.zh-CN.ts)
 *   dist/taskpane.js, taskpane.html   the task pane (entry src/taskpane/index.tsx)
 *   dist/help.html, help.css     the help page (SupportUrl, LearnMoreUrl), from src/help/
 *   dist/manifest.xml            manifest.xml with its dev URLs rewritten to the base URL
 *   dist/assets/*                icons
 *   dist/office-js/*             office.js served locally, only with QCS_OFFICE_JS=local (or --env officejs=local)
 *
 * Where the build will live and which office.js it loads: scripts/deploy-config.js (QCS_BASE_URL,
 * QCS_OFFICE_JS_URL, QCS_DIST_DIR, … or the same as `--env` keys); docs/deploy.md explains them.
 * Production uses "source-map" (no eval: the pane's CSP has no unsafe-eval).
 */
const fs = require("fs");
const path = require("path");
const webpack = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { loadTranslations, localize, withErrorInputs, TRANSLATION_SOURCE } = require("./scripts/gen-functions-zh");
const deploy = require("./scripts/deploy-config");
const { renderHelp } = require("./scripts/help-page");

const OFFICE_JS_DIR = path.dirname(require.resolve("@microsoft/office-js/package.json")) + "/dist";
const FUNCTIONS_ENTRY = "./src/functions/functions.ts";
const METADATA = "functions.json";
const METADATA_ZH = "functions.zh-CN.json";

/**
 * The files of @microsoft/office-js that Excel needs at run time: the loader, the Excel host scripts,
 * the custom-functions runtime, telemetry and the per-language strings. Debug builds, other hosts and
 * type files are left out (~12 MB instead of 86 MB).
 */
const OFFICE_JS_FILES = [
  "office.js",
  "excel-*.js",
  "excelwebapp-*.js",
  "custom-functions-runtime.js",
  "o15apptofilemappingtable.js",
  "es6-promise.js",
  "telemetry/*.js",
  "ariatelemetry/*.js",
  "agaveerrorux/**",
  "*/office_strings.js",
];

/**
 * Post-processes the metadata custom-functions-metadata-plugin emitted: lets error values reach `any`
 * parameters, and emits the zh-CN twin from the one translation source. A missing translation (or an
 * English description missing from the JSDoc) fails the build.
 */
class FunctionsMetadataL10nPlugin {
  apply(compiler) {
    const name = "FunctionsMetadataL10nPlugin";
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.fileDependencies.add(path.resolve(TRANSLATION_SOURCE));
      compilation.hooks.processAssets.tap(
        { name, stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const asset = compilation.getAsset(METADATA);
          if (!asset) {
            compilation.errors.push(new webpack.WebpackError(`${name}: ${METADATA} was not generated`));
            return;
          }
          try {
            const metadata = withErrorInputs(JSON.parse(asset.source.source().toString()));
            const json = (m) => new webpack.sources.RawSource(JSON.stringify(m, null, 2) + "\n");
            compilation.updateAsset(METADATA, json(metadata));
            compilation.emitAsset(METADATA_ZH, json(localize(metadata, loadTranslations())));
          } catch (e) {
            compilation.errors.push(new webpack.WebpackError(`${name}: ${e.message}`));
          }
        }
      );
    });
    // functions.ts associates its ids itself, guarded so the bundle also loads without the runtime;
    // drop the unguarded `CustomFunctions.associate(...)` lines the metadata plugin's loader appends.
    // (Tapped on `compilation` at a late stage: the metadata plugin adds its loader there.)
    compiler.hooks.compilation.tap(name, (compilation) => {
      // The metadata plugin also adds its functions.json to child compilations (html-webpack-plugin's);
      // on a rebuild those copies would clash with the post-processed one. Only the main one counts.
      if (compilation.compiler.parentCompilation) {
        compilation.hooks.processAssets.tap({ name, stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
          if (compilation.getAsset(METADATA)) compilation.deleteAsset(METADATA);
        });
      }
      webpack.NormalModule.getCompilationHooks(compilation).beforeLoaders.tap({ name, stage: 1000 }, (_l, module) => {
        const drop = (l) => /custom-functions-metadata-plugin[\\/]lib[\\/]loader\.js$/.test(l.loader);
        if (module.loaders.some(drop)) module.loaders = module.loaders.filter((l) => !drop(l));
      });
    });
  }
}

/**
 * Emits help.html from src/help/help.html once the functions metadata exists (scripts/help-page.js
 * builds the function reference from dist/functions.json and dist/functions.zh-CN.json).
 */
class HelpPagePlugin {
  constructor(options) {
    this.options = options;
  }
  apply(compiler) {
    const name = "HelpPagePlugin";
    const template = path.resolve(__dirname, "src/help/help.html");
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.fileDependencies.add(template);
      // DERIVED runs after ADDITIONAL, where FunctionsMetadataL10nPlugin emits both metadata files
      compilation.hooks.processAssets.tap({ name, stage: webpack.Compilation.PROCESS_ASSETS_STAGE_DERIVED }, () => {
        const en = compilation.getAsset(METADATA);
        const zh = compilation.getAsset(METADATA_ZH);
        if (!en || !zh) {
          compilation.errors.push(new webpack.WebpackError(`${name}: ${METADATA} / ${METADATA_ZH} missing`));
          return;
        }
        try {
          const html = renderHelp(fs.readFileSync(template, "utf8"), {
            en: JSON.parse(en.source.source().toString()),
            zh: JSON.parse(zh.source.source().toString()),
            ...this.options,
          });
          compilation.emitAsset("help.html", new webpack.sources.RawSource(html));
        } catch (e) {
          compilation.errors.push(new webpack.WebpackError(`${name}: ${e.message}`));
        }
      });
    });
  }
}

/**
 * HTTPS for `webpack serve`: the trusted localhost certificate of office-addin-dev-certs (as the
 * Microsoft template does; it installs a CA on first use). If that fails, or with
 * QCS_DEV_CERTS=self-signed, webpack-dev-server's own self-signed certificate (accept it once).
 */
async function devServerHttps() {
  if (process.env.QCS_DEV_CERTS === "self-signed") return { type: "https" };
  try {
    const devCerts = require("office-addin-dev-certs");
    const o = await devCerts.getHttpsServerOptions();
    return { type: "https", options: { ca: o.ca, key: o.key, cert: o.cert } };
  } catch (e) {
    console.warn(
      `office-addin-dev-certs could not provide a certificate (${e.message}); ` +
        "the dev server falls back to a self-signed certificate (accept it once in the browser, " +
        "or run `npx office-addin-dev-certs install`)."
    );
    return { type: "https" };
  }
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  const serving = Boolean(env.WEBPACK_SERVE);
  let settings;
  try {
    settings = deploy.buildSettings(env, process.env, __dirname);
  } catch (e) {
    if (e instanceof deploy.ConfigError) {
      console.error(`QCS build: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  const manifestSource = fs.readFileSync(path.resolve(__dirname, "manifest.xml"), "utf8");
  const version = settings.manifestVersion || deploy.versionOf(manifestSource);
  if (!serving) {
    console.error(
      `QCS build → ${settings.distDir}: base ${settings.baseUrl}, office.js ${settings.officeJs.src}, manifest version ${version}` +
        (settings.devBase && !dev ? "\n  未设置 QCS_BASE_URL：清单指向开发服务器，不能部署 / no QCS_BASE_URL: the manifest points at the dev server and cannot be deployed" : "")
    );
  }

  const copy = [
    { from: "assets/*.png", to: "assets/[name][ext]" },
    { from: "src/help/help.css", to: "help.css" },
    {
      from: "manifest.xml",
      to: "manifest.xml",
      transform: (content) => deploy.renderManifest(content.toString(), { baseUrl: settings.baseUrl, version: settings.manifestVersion }),
    },
  ];
  if (settings.officeJs.local) {
    for (const pattern of OFFICE_JS_FILES) {
      copy.push({
        from: pattern,
        context: OFFICE_JS_DIR,
        to: "office-js/",
        globOptions: { ignore: ["**/*.debug.js", "**/*-vsdoc.js", "**/*.d.ts"] },
        info: { minimized: true }, // already minified by Microsoft: keep Terser off 12 MB of files
      });
    }
  }

  return {
    devtool: "source-map",
    entry: {
      functions: FUNCTIONS_ENTRY,
      // the pane reuses the engine and the scheme that functions.js (loaded first, self-contained) carries
      taskpane: { import: "./src/taskpane/index.tsx", dependOn: "functions" },
    },
    output: {
      path: settings.distDir,
      filename: "[name].js",
      // chunks load from beside the page (they are all in dist/'s root); no run-time guess from <script>
      publicPath: "",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".jsx", ".json"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              configFile: path.resolve(__dirname, "tsconfig.json"),
              transpileOnly: true, // type checking: `npm run typecheck`
              compilerOptions: { module: "es2020", sourceMap: true },
            },
          },
        },
        {
          test: /\.(png|jpe?g|gif|ico|svg)$/,
          type: "asset/resource",
          generator: { filename: "assets/[name][ext]" },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: METADATA, input: FUNCTIONS_ENTRY }),
      new FunctionsMetadataL10nPlugin(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane", "functions"],
        officeJsUrl: settings.officeJs.src,
        csp: settings.csp,
      }),
      new HelpPagePlugin({ supportEmail: settings.supportEmail, version, csp: settings.helpCsp }),
      new CopyWebpackPlugin({ patterns: copy }),
    ],
    performance: {
      hints: dev ? false : "warning",
      maxAssetSize: 2_000_000,
      maxEntrypointSize: 2_000_000,
      assetFilter: (file) => !file.startsWith("office-js/") && !file.endsWith(".map"),
    },
    devServer: {
      headers: { "Access-Control-Allow-Origin": "*" },
      server: serving ? await devServerHttps() : undefined,
      port: Number(process.env.npm_package_config_dev_server_port) || 3000,
      static: false,
    },
  };
};
