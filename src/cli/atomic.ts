/**
 * Writing output files so that a crash, a kill or a full disk never leaves a damaged file in place: the
 * bytes go to a temporary file in the same folder, are flushed to disk, and only then take the target's
 * name — by rename (replacing, with --force) or by a hard link that fails if the name exists (never
 * replacing; where the file system has no hard links, an exclusive create of the name, then the rename).
 * The old file stays intact until the new one is complete.
 */
import * as fs from "fs";
import * as path from "path";

/** Temporary files of interrupted writes start with this prefix (visible in the folder, safe to delete). */
export const TEMP_PREFIX = ".qcs-tmp-";

/** What link() says on a file system that has no hard links. */
const NO_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EMLINK", "EACCES"]);

export class OutputExistsError extends Error {
  constructor(readonly file: string) {
    super(`${file} exists`);
  }
}

/** Writes `data` to `file` atomically; refuses to replace an existing file unless `force`. */
export function writeFileAtomic(file: string, data: Uint8Array | string, opts: { force?: boolean } = {}): void {
  const dir = path.dirname(path.resolve(file));
  if (!opts.force && fs.existsSync(file)) throw new OutputExistsError(file);
  // the target's name shortened: a 250-byte name must not make the temporary one too long for the folder
  const tmp = path.join(dir, `${TEMP_PREFIX}${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${path.basename(file).slice(0, 40)}`);
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
      let linked = false;
      try {
        fs.linkSync(tmp, file); // fails with EEXIST if the name was taken meanwhile: nothing replaced
        linked = true;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EEXIST") throw new OutputExistsError(file);
        if (!NO_LINKS.has(code ?? "")) throw e;
      }
      if (linked) fs.unlinkSync(tmp);
      else {
        // a file system without hard links (FAT, exFAT, some network shares): take the name with an
        // exclusive create (EEXIST if taken: nothing replaced), then rename the complete file over it
        try {
          fs.closeSync(fs.openSync(file, "wx"));
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === "EEXIST") throw new OutputExistsError(file);
          throw e;
        }
        try {
          fs.renameSync(tmp, file);
        } catch (e) {
          fs.rmSync(file, { force: true }); // the empty placeholder this call created
          throw e;
        }
      }
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
