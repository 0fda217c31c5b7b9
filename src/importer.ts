/**
 * Bulk import: files are stat'ed, read and hashed on the main thread (skipped early when their
 * path, size and mtime or their SHA-256 are already stored), parsed in the worker pool, and written
 * by the main thread, one transaction per document.
 */
import { readFile, stat } from "node:fs/promises";
import pLimit from "p-limit";
import { oneLine } from "./errors.js";
import { sha256 } from "./extract/extract.js";
import { DEFAULT_MAX_BYTES } from "./extract/read.js";
import { ReadPool, type PoolOptions } from "./pool.js";
import { findByPathStat, findBySha, saveFailure, saveRecord, type DB } from "./store/db.js";
import { EXTRACTOR_VERSION } from "./version.js";

export type ImportStatus = "imported" | "unchanged" | "failed";

export interface ImportEvent {
  file: string;
  status: ImportStatus;
  error?: string;
  detail?: string;
  pages?: number | null;
  bytes?: number;
}

export interface ImportOptions extends PoolOptions {
  force?: boolean;
  maxBytes?: number;
  /** called once per file as it finishes (in completion order) */
  onEvent?: (e: ImportEvent) => void;
  /** URL a file was downloaded from, stored with its record */
  sourceUrls?: Map<string, string>;
}

export interface ImportSummary {
  imported: number;
  unchanged: number;
  failed: number;
  failures: Array<{ file: string; error: string }>;
  pages: number;
  bytes: number;
}

export async function importFiles(db: DB, files: string[], opts: ImportOptions = {}): Promise<ImportSummary> {
  const pool = new ReadPool(opts);
  const summary: ImportSummary = { imported: 0, unchanged: 0, failed: 0, failures: [], pages: 0, bytes: 0 };
  const report = (e: ImportEvent) => {
    summary[e.status]++;
    if (e.status === "failed") summary.failures.push({ file: e.file, error: e.error ?? "" });
    if (e.pages) summary.pages += e.pages;
    if (e.bytes) summary.bytes += e.bytes;
    opts.onEvent?.(e);
  };
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  // bounded I/O: enough files in flight to keep every worker busy, not the whole folder in memory
  const limit = pLimit(pool.size * 2);
  const inFlight = new Map<string, { file: string; done: Promise<ImportStatus> }>();
  try {
    await Promise.all(
      files.map((file) =>
        limit(async () => {
          let st;
          try {
            st = await stat(file);
          } catch (err) {
            report({ file, status: "failed", error: (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : `cannot open: ${oneLine(err)}` });
            return;
          }
          if (!st.isFile()) return report({ file, status: "failed", error: "not a regular file" });
          if (st.size > maxBytes) return report({ file, status: "failed", error: `file is ${st.size} bytes, larger than the limit of ${maxBytes}` });
          if (!opts.force) {
            const same = findByPathStat(db, file, st.size, st.mtimeMs);
            if (same && same.extractor_version === EXTRACTOR_VERSION) return report({ file, status: "unchanged" });
          }
          const mtimeMs = st.mtimeMs;
          let buf: Buffer;
          try {
            buf = await readFile(file);
          } catch (err) {
            return report({ file, status: "failed", error: `cannot read: ${oneLine(err)}` });
          }
          const sha = sha256(buf);
          // the same bytes under two names in one batch: read once
          const twin = inFlight.get(sha);
          if (twin) {
            const first = await twin.done;
            if (first === "imported") return report({ file, status: "unchanged", detail: `(same content as ${twin.file})` });
          }
          let settle!: (s: ImportStatus) => void;
          inFlight.set(sha, { file, done: new Promise((r) => (settle = r)) });
          try {
            settle(await readOne(file, buf, sha, mtimeMs));
          } finally {
            if (inFlight.get(sha)?.file === file) inFlight.delete(sha);
          }
        }),
      ),
    );
  } finally {
    await pool.close();
  }
  return summary;

  async function readOne(file: string, buf: Buffer, sha: string, mtimeMs: number): Promise<ImportStatus> {
    const old = findBySha(db, sha);
    if (!opts.force && old && old.status === "ok" && old.extractor_version === EXTRACTOR_VERSION) {
      report({ file, status: "unchanged", detail: old.path !== file ? `(same content as ${old.path})` : "" });
      return "unchanged";
    }
    const size = buf.length;
    const r = await pool.read(file, buf);
    if (!r.ok) {
      saveFailure(db, { path: file, sha256: sha, size, error: r.error, extractor_version: EXTRACTOR_VERSION });
      report({ file, status: "failed", error: r.error, bytes: size });
      return "failed";
    }
    saveRecord(db, r.record, { mtimeMs, model: r.model, sourceUrl: opts.sourceUrls?.get(file), words: r.words });
    const u = r.record.fields.unit_name?.value ?? "?";
    const y = r.record.fields.fiscal_year?.value ?? "?";
    report({ file, status: "imported", detail: `${u} ${y}`, pages: r.record.pages, bytes: size });
    return "imported";
  }
}
