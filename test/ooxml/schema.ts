/**
 * XML Schema validation with xmllint against the ECMA-376 Transitional and OPC schemas stored in
 * ../shared/ooxml-xsd (PROVENANCE.txt there says where each file comes from). Each part is first
 * reduced by the markup-compatibility rules (xml.ts preprocess), then its root element is held against
 * the root its content type requires, then many parts are validated by one xmllint run (compiling the
 * schemas costs more than validating a part).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { NS, type XElem } from "./xml";

export const XSD_DIR = path.resolve(__dirname, "..", "..", "..", "shared", "ooxml-xsd");

/** The [Content_Types].xml stream has no content type of its own; this key stands for it. */
export const CONTENT_TYPES = "application/vnd.openxmlformats-package.content-types+xml";

/**
 * Content type → the root element its schema defines: the parts these checks know. A writer that adds
 * another kind of part (a drawing, comments, an image …) adds it here, with its schema if the stored
 * set lacks one (../shared/ooxml-xsd/PROVENANCE.txt: VML and the [MS-XLSX] extensions are not covered).
 */
export const ROOTS: Record<string, { ns: string; local: string }> = {
  [CONTENT_TYPES]: { ns: NS.ct, local: "Types" },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": { ns: NS.sml, local: "workbook" },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": { ns: NS.sml, local: "workbook" },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml": { ns: NS.sml, local: "worksheet" },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml": { ns: NS.sml, local: "styleSheet" },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml": { ns: NS.sml, local: "sst" },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml": { ns: NS.sml, local: "calcChain" },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml": { ns: NS.sml, local: "comments" },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml": { ns: NS.sml, local: "table" },
  "application/vnd.openxmlformats-officedocument.drawing+xml": { ns: NS.xdr, local: "wsDr" },
  "application/vnd.openxmlformats-officedocument.drawingml.chart+xml": { ns: NS.c, local: "chartSpace" },
  "application/vnd.openxmlformats-officedocument.theme+xml": { ns: NS.a, local: "theme" },
  "application/vnd.openxmlformats-package.relationships+xml": { ns: NS.rels, local: "Relationships" },
  "application/vnd.openxmlformats-package.core-properties+xml": { ns: NS.cp, local: "coreProperties" },
  "application/vnd.openxmlformats-officedocument.extended-properties+xml": { ns: NS.ep, local: "Properties" },
  "application/vnd.openxmlformats-officedocument.custom-properties+xml": { ns: NS.custom, local: "Properties" },
};

let checkedTool = false;

function xmllint(): void {
  if (checkedTool) return;
  const r = spawnSync("xmllint", ["--version"], { encoding: "utf8" });
  if (r.error || r.status !== 0)
    throw new Error(
      "xmllint is not installed (Debian/Ubuntu: apt-get install libxml2-utils); the OOXML schema check needs it"
    );
  if (!fs.existsSync(path.join(XSD_DIR, "package.xsd")))
    throw new Error(`no schemas at ${XSD_DIR} (expected ../shared/ooxml-xsd beside the project)`);
  checkedTool = true;
}

/**
 * Parts waiting for xmllint, kept on disk (not in memory) until run() validates them all against
 * package.xsd in as few xmllint processes as possible.
 */
export class SchemaBatch {
  private dir: string;
  private files: string[] = [];
  private keys = new Map<string, string>();

  constructor() {
    xmllint();
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "qcs-xsd-"));
  }

  /** Queues one part (already reduced by markup compatibility); `key` comes back with its errors. */
  add(key: string, xml: string): void {
    const f = path.join(this.dir, `p${this.files.length}.xml`);
    fs.writeFileSync(f, xml);
    this.files.push(f);
    this.keys.set(f, key);
  }

  /**
   * Validates every queued part; returns the schema errors per key (a part without errors is
   * absent). Throws when xmllint itself cannot run or its answer cannot be read, so that a broken
   * tool never passes as "no errors". Removes the queued files.
   */
  run(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    try {
      for (let start = 0; start < this.files.length; start += 400) {
        const batch = this.files.slice(start, start + 400);
        const r = spawnSync(
          "xmllint",
          ["--nonet", "--noout", "--schema", path.join(XSD_DIR, "package.xsd"), ...batch],
          {
            encoding: "utf8",
            maxBuffer: 64 * 1024 * 1024,
            env: { ...process.env, XML_CATALOG_FILES: path.join(XSD_DIR, "catalog.xml") },
          }
        );
        if (r.error) throw r.error;
        // 0: all valid, 3: validation errors; 4: the schema did not compile, others: I/O and the like
        if (r.status !== 0 && r.status !== 3)
          throw new Error(`xmllint failed (status ${r.status}):\n${r.stderr.slice(0, 2000)}`);
        const verdict = new Set<string>();
        for (const line of r.stderr.split("\n")) {
          if (!line || line.includes("Schemas parser warning")) continue;
          if (/ (validates|fails to validate)$/.test(line)) {
            verdict.add(line.replace(/ (validates|fails to validate)$/, ""));
            continue;
          }
          const m = /^(.*?\.xml):(\d+): (.*)$/.exec(line);
          const key = m ? this.keys.get(m[1]) : undefined;
          if (!m || key === undefined) throw new Error(`unexpected xmllint output: ${line}`);
          const list = out.get(key) ?? [];
          list.push(
            `line ${m[2]}: ${m[3].replace(/\{http:\/\/schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main\}/g, "")}`
          );
          out.set(key, list);
        }
        for (const f of batch) if (!verdict.has(f)) throw new Error(`xmllint gave no verdict on ${f}`);
      }
    } finally {
      this.dispose();
    }
    return out;
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The root element a content type requires, or a message why the part cannot be checked. */
export function rootProblem(contentType: string | undefined, root: XElem): string | null {
  const want = contentType ? ROOTS[contentType] : undefined;
  if (!want)
    return `content type ${contentType ?? "(none)"} is not one these checks know (an unknown part is a failure)`;
  if (root.ns !== want.ns || root.local !== want.local)
    return `root element {${root.ns}}${root.local}, but ${contentType} requires {${want.ns}}${want.local}`;
  return null;
}
