/**
 * Bulk import: files are stat'ed, read and hashed on the main thread (skipped early when their
 * path, size and mtime or their SHA-256 are already stored), parsed in the worker pool, and written
 * by the main thread in batched transactions: a batch holds whole documents only, so a crash loses
 * at most the last batch, never part of a document.
 */
import { readFileSync, type Stats } from "node:fs";
import pLimit from "p-limit";
import { asReadError, oneLine } from "./errors.js";
import { statChecked } from "./files.js";
import { sha256 } from "./hash.js";
import { DEFAULT_MAX_BYTES } from "./limits.js";
import { FileRecord } from "./model.js";
import { type PoolOptions, ReadPool } from "./pool.js";
import { BatchWriter } from "./store/batch.js";
import { addSources, type DB, findByPathStat, findBySha, saveFailure, saveRecord } from "./store/db.js";
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
  /** the URLs each downloaded file came from */
  sourceUrls?: Map<string, string[]>;
}

export interface ImportSummary {
  imported: number;
  unchanged: number;
  failed: number;
  failures: Array<{ file: string; error: string }>;
  pages: number;
  bytes: number;
}

/** A record as a worker sent it, parsed against its schema; an error naming the first field that does not match. */
export function checkedRecord(raw: unknown): { record: FileRecord } | { error: string } {
  const checked = FileRecord.safeParse(raw);
  if (checked.success) return { record: checked.data };
  const issue = checked.error.issues[0];
  return { error: `internal error: the record does not match its schema (${oneLine(issue?.path.join(".") ?? "")}: ${issue?.message})` };
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
  const limit = pLimit(pool.size * 4);
  const inFlight = new Map<string, { file: string; done: Promise<ImportStatus> }>();
  const writer = new BatchWriter(db);
  const writes: Array<Promise<unknown>> = [];
  let fatal: unknown;
  try {
    await Promise.all(
      files.map((file) =>
        limit(async () => {
          if (fatal) throw fatal;
          // small synchronous reads: far cheaper than fs.promises' file handles for report-sized files
          let st: Stats;
          try {
            st = statChecked(file, maxBytes);
          } catch (err) {
            return report({ file, status: "failed", error: asReadError(err).message });
          }
          if (!opts.force) {
            const same = findByPathStat(db, file, st.size, st.mtimeMs);
            if (same && same.extractor_version === EXTRACTOR_VERSION) {
              keepSources(file, same.sha256);
              return report({ file, status: "unchanged" });
            }
          }
          const mtimeMs = st.mtimeMs;
          let buf: Buffer;
          try {
            buf = readFileSync(file);
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
          // the file's slot is free once it is parsed: its write waits in the batch, not here
          const done = readOne(file, buf, sha, mtimeMs);
          inFlight.set(sha, { file, done: done.then((w) => w.status) });
          const w = await done;
          const written = w.written.then(
            () => {
              if (inFlight.get(sha)?.file === file) inFlight.delete(sha);
            },
            (err) => {
              // a database error ends the import: no further file is started
              fatal ??= err;
              throw err;
            },
          );
          written.catch(() => {}); // awaited below; never an unhandled rejection meanwhile
          writes.push(written);
        }),
      ),
    );
    writer.flush();
    await Promise.all(writes);
  } finally {
    writer.flush();
    await pool.close();
  }
  return summary;

  /** A download whose bytes are stored already: its URLs are kept with the document all the same. */
  function keepSources(file: string, sha: string): void {
    const urls = opts.sourceUrls?.get(file);
    if (urls?.length) addSources(db, sha, urls);
  }

  /** Parses one file; `written` settles when its record (or failure) is committed and reported. */
  async function readOne(
    file: string,
    buf: Buffer,
    sha: string,
    mtimeMs: number,
  ): Promise<{ status: ImportStatus; written: Promise<void> }> {
    const old = findBySha(db, sha);
    if (!opts.force && old && old.status === "ok" && old.extractor_version === EXTRACTOR_VERSION) {
      keepSources(file, sha);
      report({ file, status: "unchanged", detail: old.path !== file ? `(same content as ${old.path})` : "" });
      return { status: "unchanged", written: Promise.resolve() };
    }
    const size = buf.length;
    const r = await pool.read(file, buf);
    if (!r.ok) {
      const written = writer.add(() =>
        saveFailure(db, { path: file, sha256: sha, size, error: r.error, extractor_version: EXTRACTOR_VERSION }),
      );
      return { status: "failed", written: written.then(() => report({ file, status: "failed", error: r.error, bytes: size })) };
    }
    // what a worker sent is checked against the record's schema before it is stored (≈ 0.1 ms a record)
    const checked = checkedRecord(r.record);
    if ("error" in checked) {
      const { error } = checked;
      const written = writer.add(() => saveFailure(db, { path: file, sha256: sha, size, error, extractor_version: EXTRACTOR_VERSION }));
      return { status: "failed", written: written.then(() => report({ file, status: "failed", error, bytes: size })) };
    }
    const written = writer.add(() =>
      saveRecord(db, checked.record, { mtimeMs, modelGz: r.modelGz, sourceUrls: opts.sourceUrls?.get(file), words: r.words }),
    );
    const u = r.record.fields.unit_name?.value ?? "?";
    const y = r.record.fields.fiscal_year?.value ?? "?";
    return {
      status: "imported",
      written: written.then(() => report({ file, status: "imported", detail: `${u} ${y}`, pages: r.record.pages, bytes: size })),
    };
  }
}
