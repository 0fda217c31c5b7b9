/**
 * Files: checked before they are read (a light module, loaded by the import's main thread too),
 * written whole (a temporary file beside the target, renamed into place: no reader sees half a file).
 */
import { type Stats, statSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
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

export async function writeFileAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.part-${process.pid}`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
