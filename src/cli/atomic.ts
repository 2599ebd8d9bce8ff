/**
 * Writing output files so that a crash, a kill or a full disk never leaves a damaged file in place: the
 * bytes go to a temporary file in the same folder, are flushed to disk, and only then take the target's
 * name — by rename (replacing, with --force) or by a hard link that fails if the name exists (never
 * replacing). The old file stays intact until the new one is complete.
 */
import * as fs from "fs";
import * as path from "path";

/** Temporary files of interrupted writes start with this prefix (visible in the folder, safe to delete). */
export const TEMP_PREFIX = ".qcs-tmp-";

export class OutputExistsError extends Error {
  constructor(readonly file: string) {
    super(`${file} exists`);
  }
}

/** Writes `data` to `file` atomically; refuses to replace an existing file unless `force`. */
export function writeFileAtomic(file: string, data: Uint8Array | string, opts: { force?: boolean } = {}): void {
  const dir = path.dirname(path.resolve(file));
  if (!opts.force && fs.existsSync(file)) throw new OutputExistsError(file);
  const tmp = path.join(dir, `${TEMP_PREFIX}${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${path.basename(file)}`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, "wx", 0o644);
    const buf = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let off = 0;
    while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    if (opts.force) fs.renameSync(tmp, file);
    else {
      try {
        fs.linkSync(tmp, file); // fails with EEXIST if the name was taken meanwhile: nothing replaced
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "EEXIST") throw new OutputExistsError(file);
        throw e;
      }
      fs.unlinkSync(tmp);
    }
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* nothing to remove */
    }
    throw e;
  }
}
