/**
 * The package level (ECMA-376 Part 2, Open Packaging Conventions): the zip, the content type of every
 * part, and every relationship's target.
 */
import { unzipSync } from "fflate";
import { LIMITS } from "../../src/workbook/limits";
import type { Report } from "./problem";
import { attr, kids, NS, parseXml, XmlError, type XElem } from "./xml";

export interface Part {
  /** "/xl/workbook.xml" */
  name: string;
  bytes: Uint8Array;
  contentType?: string;
}

export interface Pkg {
  /** by part name, case as stored */
  parts: Map<string, Part>;
  /** lower-case part name → part, for the case-insensitive lookups OPC requires (Part 2 §9.1.1.1) */
  byLower: Map<string, Part>;
}

/** Reads the zip within the bounds of src/workbook/limits.ts; null when it cannot be read at all. */
export function readPackage(buf: Uint8Array, report: Report): Pkg | null {
  if (buf.byteLength > LIMITS.fileBytes) {
    report("zip", `file of ${buf.byteLength} bytes exceeds LIMITS.fileBytes (${LIMITS.fileBytes})`);
    return null;
  }
  let files: Record<string, Uint8Array>;
  let entries = 0;
  let total = 0;
  try {
    files = unzipSync(buf, {
      filter: (f) => {
        entries++;
        total += f.originalSize;
        if (entries > LIMITS.zipEntries) throw new Error(`more than ${LIMITS.zipEntries} zip entries`);
        if (f.originalSize > LIMITS.partBytes)
          throw new Error(`${f.name} inflates to ${f.originalSize} bytes (> ${LIMITS.partBytes})`);
        if (total > LIMITS.totalInflatedBytes)
          throw new Error(`the parts inflate to more than ${LIMITS.totalInflatedBytes} bytes`);
        return true;
      },
    });
  } catch (e) {
    report("zip", `not a readable zip: ${(e as Error).message}`);
    return null;
  }
  const parts = new Map<string, Part>();
  const byLower = new Map<string, Part>();
  for (const [entry, bytes] of Object.entries(files)) {
    if (entry.endsWith("/")) {
      if (bytes.byteLength) report("zip", `folder entry ${entry} has content`);
      continue;
    }
    const name = `/${entry}`;
    if (
      entry.startsWith("/") ||
      entry.includes("\\") ||
      entry.split("/").some((s) => s === "" || s === "." || s === "..")
    ) {
      report("zip", `zip entry ${JSON.stringify(entry)} is not a valid part name (Part 2 §6.2.2.1)`);
      continue;
    }
    const lower = name.toLowerCase();
    if (byLower.has(lower))
      report("zip", `two parts differ only in case: ${byLower.get(lower)?.name} and ${name} (Part 2 §9.1.1.1)`);
    const part = { name, bytes };
    parts.set(name, part);
    byLower.set(lower, part);
  }
  return { parts, byLower };
}

/** Parses a part as XML; reports and returns null when it is not well-formed. */
export function xmlOf(part: Part, report: Report): XElem | null {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(part.bytes);
  } catch {
    report("xml", "not valid UTF-8 (Part 2 §8.1.4 allows UTF-8 or UTF-16; these writers use UTF-8)", part.name);
    return null;
  }
  try {
    return parseXml(text);
  } catch (e) {
    report("xml", e instanceof XmlError ? e.message : String(e), part.name);
    return null;
  }
}

/** Assigns every part its content type from [Content_Types].xml (Part 2 §10.1.2). */
export function contentTypes(pkg: Pkg, report: Report): void {
  const ctPart = pkg.parts.get("/[Content_Types].xml");
  if (!ctPart) {
    report("content-type", "no [Content_Types].xml");
    return;
  }
  const root = xmlOf(ctPart, report);
  if (!root) return;
  if (root.ns !== NS.ct || root.local !== "Types") {
    report("content-type", `root element is ${root.qname}, not Types`, ctPart.name);
    return;
  }
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  for (const d of kids(root, "Default")) {
    const ext = (attr(d, "Extension") ?? "").toLowerCase();
    if (defaults.has(ext)) report("content-type", `two Default elements for extension ${ext}`, ctPart.name);
    defaults.set(ext, attr(d, "ContentType") ?? "");
  }
  for (const o of kids(root, "Override")) {
    const name = attr(o, "PartName") ?? "";
    const lower = name.toLowerCase();
    if (overrides.has(lower)) report("content-type", `two Override elements for ${name}`, ctPart.name);
    overrides.set(lower, attr(o, "ContentType") ?? "");
    // every Override names a part that exists
    if (!pkg.byLower.has(lower))
      report("content-type", `Override for ${name}, which is not in the package`, ctPart.name);
  }
  for (const part of pkg.parts.values()) {
    if (part.name === ctPart.name) continue;
    const lower = part.name.toLowerCase();
    const ext = lower.includes(".") ? lower.slice(lower.lastIndexOf(".") + 1) : "";
    part.contentType = overrides.get(lower) ?? defaults.get(ext);
    if (!part.contentType)
      report("content-type", "the part has no content type (no Override, no Default for its extension)", part.name);
  }
}

/** The part a relationship part describes: "/xl/_rels/workbook.xml.rels" → "/xl/workbook.xml", "/_rels/.rels" → "/". */
export function relsSource(relsName: string): string | null {
  const m = /^(.*\/)_rels\/([^/]*)\.rels$/.exec(relsName);
  return m ? m[1] + m[2] : null;
}

/** Resolves a relative target against its source part (RFC 3986 as Part 2 Annex A uses it). */
export function resolveTarget(source: string, target: string): string {
  const base = source.endsWith("/") ? source : source.slice(0, source.lastIndexOf("/") + 1);
  const path = target.startsWith("/") ? target : base + target;
  const out: string[] = [];
  for (const seg of path.split("#")[0].split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return `/${out.map((s) => decodeURIComponent(s)).join("/")}`;
}

export interface Relationship {
  id: string;
  type: string;
  /** resolved part name for internal targets */
  target: string;
  external: boolean;
}

/** Every relationship of every .rels part, keyed by source part; unresolvable internal targets are reported. */
export function relationships(pkg: Pkg, report: Report): Map<string, Relationship[]> {
  const out = new Map<string, Relationship[]>();
  for (const part of pkg.parts.values()) {
    if (!part.name.endsWith(".rels")) continue;
    const source = relsSource(part.name);
    if (source === null) {
      report("relationship", "a .rels part outside a _rels folder", part.name);
      continue;
    }
    if (source !== "/" && !pkg.byLower.has(source.toLowerCase()))
      report("relationship", `relationships of ${source}, which is not in the package`, part.name);
    const root = xmlOf(part, report);
    if (!root) continue;
    if (root.ns !== NS.rels || root.local !== "Relationships") {
      report("relationship", `root element is ${root.qname}, not Relationships`, part.name);
      continue;
    }
    const ids = new Set<string>();
    const list: Relationship[] = [];
    for (const r of kids(root, "Relationship")) {
      const id = attr(r, "Id") ?? "";
      if (ids.has(id)) report("relationship", `Id ${id} used twice`, part.name);
      ids.add(id);
      const external = attr(r, "TargetMode") === "External";
      const rawTarget = attr(r, "Target") ?? "";
      const target = external ? rawTarget : resolveTarget(source, rawTarget);
      if (!external && !pkg.byLower.has(target.toLowerCase()))
        report("relationship", `${id} targets ${rawTarget} (${target}), which is not in the package`, part.name);
      list.push({ id, type: attr(r, "Type") ?? "", target, external });
    }
    out.set(source, list);
  }
  return out;
}
