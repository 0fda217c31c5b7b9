/**
 * One file, end to end — the only path from bytes to a record, used by `extract`, the import's
 * workers and (from the stored model) `reextract`:
 *   statChecked (files.ts), readFileChecked   the path is a regular file within the size limit
 *   readBuffer                      bytes → DocModel (extract/read.ts picks the reader by content)
 *   recordOf                        bytes → DocModel → DocumentRecord (extract/extract.ts)
 * Every failure is a ReadError with a one-line reason and a code (errors.ts).
 */
import { readFile } from "node:fs/promises";
import { asReadError, oneLine, ReadError } from "./errors.js";
import { toRecord } from "./extract/extract.js";
import { type ReadOptions, readDocument } from "./extract/read.js";
import { statChecked } from "./files.js";
import type { DocModel, FileRecord } from "./model.js";

export type { FileRecord } from "./model.js";

export async function readFileChecked(path: string, maxBytes?: number): Promise<Buffer> {
  statChecked(path, maxBytes);
  try {
    return await readFile(path);
  } catch (err) {
    throw new ReadError(`cannot open: ${oneLine(err)}`, "io");
  }
}

/** Bytes → the reader's document model. */
export async function readBuffer(buf: Buffer, opts: ReadOptions = {}): Promise<DocModel> {
  try {
    return await readDocument(buf, opts);
  } catch (err) {
    throw asReadError(err);
  }
}

/** Bytes → document model → record (with the clean text the evidence offsets point into). */
export async function recordOf(file: string, buf: Buffer, opts: ReadOptions = {}): Promise<{ record: FileRecord; doc: DocModel }> {
  const doc = await readBuffer(buf, opts);
  try {
    return { record: toRecord(file, buf, doc), doc };
  } catch (err) {
    throw asReadError(err);
  }
}

export async function readPath(path: string, opts: ReadOptions = {}): Promise<{ buf: Buffer; doc: DocModel }> {
  const buf = await readFileChecked(path, opts.maxBytes);
  return { buf, doc: await readBuffer(buf, opts) };
}

/** A file on disk → its record. */
export async function processFile(path: string, opts: ReadOptions = {}): Promise<FileRecord> {
  const buf = await readFileChecked(path, opts.maxBytes);
  return (await recordOf(path, buf, opts)).record;
}
