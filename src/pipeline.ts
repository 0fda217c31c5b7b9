/** One file, end to end: bytes → DocModel → Record. Errors become ReadError with a one-line reason. */
import { readFile, stat } from "node:fs/promises";
import { ReadError, oneLine } from "./errors.js";
import { readDocument, type ReadOptions } from "./extract/read.js";
import { toRecord } from "./extract/extract.js";
import type { DocModel, Record } from "./model.js";

export type FileRecord = Record & { text: string };

export async function readFileChecked(path: string, maxBytes?: number): Promise<Buffer> {
  let st;
  try {
    st = await stat(path);
  } catch (err) {
    throw new ReadError(`cannot open: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : oneLine(err)}`, "io");
  }
  if (!st.isFile()) throw new ReadError("not a regular file", "io");
  if (maxBytes !== undefined && st.size > maxBytes) throw new ReadError(`file is ${st.size} bytes, larger than the limit of ${maxBytes}`, "too_large");
  return readFile(path);
}

export async function readPath(path: string, opts: ReadOptions = {}): Promise<{ buf: Buffer; doc: DocModel }> {
  const buf = await readFileChecked(path, opts.maxBytes);
  try {
    return { buf, doc: await readDocument(buf, opts) };
  } catch (err) {
    if (err instanceof ReadError) throw err;
    throw new ReadError(oneLine(err), "internal");
  }
}

export async function processFile(path: string, opts: ReadOptions = {}): Promise<FileRecord> {
  const { buf, doc } = await readPath(path, opts);
  return toRecord(path, buf, doc);
}
