/**
 * Worker thread: reads one file's bytes into a record. Runs in piscina's pool so that a file that
 * hangs or runs out of memory takes down only its worker, never the import.
 */
import { asReadError, type ReadErrorCode } from "./errors.js";
import type { ReadOptions } from "./extract/read.js";
import { type FileRecord, recordOf } from "./pipeline.js";
import { packModel } from "./store/blob.js";
import { segment } from "./store/search.js";

export interface WorkerTask {
  file: string;
  data: ArrayBuffer;
  opts: ReadOptions;
}

/** modelGz: the block model, packed for the database here rather than on the writing thread */
export type WorkerResult =
  | { ok: true; record: FileRecord; modelGz: Uint8Array; words: string }
  | { ok: false; error: string; code: ReadErrorCode };

/**
 * Loads what the first file would otherwise pay for — the extraction's tables and patterns, OpenCC's
 * table, jieba's dictionary — so that a file's time limit counts its own work, not the thread's start.
 */
export async function warm(): Promise<void> {
  const { record } = await recordOf("warm.txt", Buffer.from("某县财政局2023年度部门整体支出績效自评报告\n一、部门基本情况\n"));
  segment(record.text);
}

export default async function run(task: WorkerTask): Promise<WorkerResult> {
  const buf = Buffer.from(task.data);
  try {
    const { record, doc } = await recordOf(task.file, buf, task.opts);
    // search words and the stored model are made here, off the main thread that writes the database
    return { ok: true, record, modelGz: packModel(doc), words: segment(record.text).join(" ") };
  } catch (err) {
    const e = asReadError(err);
    return { ok: false, error: e.message, code: e.code };
  }
}
