/**
 * Files: checked before they are read (a light module, loaded by the import's main thread too),
 * written whole (a temporary file beside the target, renamed into place: no reader sees half a file).
 */
import { type Stats, statSync } from "node:fs";
import { lstat, realpath, rename, rm, writeFile } from "node:fs/promises";
import { oneLine, ReadError } from "./errors.js";

/** The stats of a readable report file, or the ReadError saying why it is not one. */
export function statChecked(path: string, maxBytes?: number): Stats {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (err) {
    throw new ReadError(
      (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : `cannot open: ${oneLine(err)}`,
      "io",
    );
  }
  if (!st.isFile()) throw new ReadError("not a regular file", "io");
  if (maxBytes !== undefined && st.size > maxBytes)
    throw new ReadError(`file is ${st.size} bytes, larger than the limit of ${maxBytes}`, "too_large");
  return st;
}

/**
 * Writes `data` to `file` whole. A new path or a regular file is replaced atomically (a temporary
 * file beside it, renamed into place); a symbolic link's target is written that way and the link
 * kept; a FIFO, a terminal or another device is written directly (renaming over it would replace the
 * special file with a plain one, and its reader would get nothing); a directory is an error.
 */
export async function writeFileAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const st = await lstat(file).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return null;
    throw e;
  });
  if (st?.isSymbolicLink()) {
    const target = await realpath(file).catch(() => null);
    if (target) return writeFileAtomically(target, data);
    // a dangling link (or a loop): written through, which makes its target (or says ELOOP)
    await writeFile(file, data);
    return;
  }
  if (st?.isDirectory()) throw Object.assign(new Error(`${file} is a directory`), { code: "EISDIR" });
  if (st && !st.isFile()) {
    await writeFile(file, data);
    return;
  }
  const tmp = `${file}.part-${process.pid}`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
