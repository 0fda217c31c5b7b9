/**
 * SQLite store (better-sqlite3, WAL). A document is identified by the SHA-256 of its bytes;
 * a document and all its values and flags are written in one transaction, so a database never
 * holds half a document, and importing the same bytes twice adds nothing.
 */

import { existsSync } from "node:fs";
import { basename } from "node:path";
import Database from "better-sqlite3";
import type { DocModel, DocumentRecord, FieldValue, Flag, Indicator } from "../model.js";
import { packModel, unpackModel } from "./blob.js";
import { CORRECTIONS_SCHEMA, type Correction, currentCorrections } from "./corrections.js";
import { DOWNLOADS_SCHEMA } from "./downloads.js";
import { writeBudgetTables } from "./lines.js";
import { ensureSearchIndex, indexDocument } from "./search.js";
import { stmt } from "./stmt.js";

export type DB = Database.Database;

/** 2: field_values.ev_bbox */
const SCHEMA_VERSION = 2;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  path TEXT NOT NULL,
  file_name TEXT NOT NULL,
  format TEXT,
  size INTEGER NOT NULL,
  pages INTEGER,
  engine TEXT,
  document_kind TEXT,
  imported_at TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
  error TEXT,
  text TEXT,
  mtime_ms REAL,
  model BLOB,
  source_url TEXT
);
CREATE INDEX IF NOT EXISTS documents_path ON documents(path);
CREATE TABLE IF NOT EXISTS field_values (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  value_num REAL,
  value_text TEXT,
  exact TEXT,
  raw TEXT,
  unit TEXT,
  qualifier TEXT,
  confidence REAL,
  rule TEXT,
  ev_start INTEGER,
  ev_end INTEGER,
  ev_page INTEGER,
  ev_section TEXT,
  ev_text TEXT,
  ev_bbox TEXT,
  PRIMARY KEY (document_id, field)
);
CREATE TABLE IF NOT EXISTS flags (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  fields TEXT NOT NULL,
  message TEXT NOT NULL,
  detail TEXT
);
CREATE INDEX IF NOT EXISTS flags_doc ON flags(document_id);
CREATE INDEX IF NOT EXISTS flags_code ON flags(code);
CREATE TABLE IF NOT EXISTS sources (
  sha256 TEXT NOT NULL,
  url TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  PRIMARY KEY (sha256, url)
);
CREATE TABLE IF NOT EXISTS indicators (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  level1 TEXT, level2 TEXT, level3 TEXT, target TEXT, actual TEXT, unit TEXT,
  weight REAL, score REAL, reason TEXT,
  PRIMARY KEY (document_id, seq)
);
CREATE TABLE IF NOT EXISTS budget_tables (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  title TEXT,
  stage TEXT,
  unit TEXT,
  page INTEGER,
  last_page INTEGER,
  lines INTEGER NOT NULL,
  checks INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  PRIMARY KEY (document_id, seq)
);
CREATE TABLE IF NOT EXISTS budget_lines (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  table_seq INTEGER NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  page INTEGER,
  ev_start INTEGER,
  ev_end INTEGER,
  code TEXT,
  name TEXT NOT NULL,
  level TEXT,
  column_path TEXT NOT NULL,
  raw TEXT NOT NULL,
  amount_yuan TEXT,
  check_result TEXT NOT NULL CHECK (check_result IN ('ok', 'failed', 'none')),
  bbox TEXT,
  PRIMARY KEY (document_id, table_seq, line, col)
);
CREATE INDEX IF NOT EXISTS budget_lines_code ON budget_lines(code);
CREATE TABLE IF NOT EXISTS budget_checks (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  table_seq INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  rule TEXT NOT NULL,
  ok INTEGER NOT NULL,
  line INTEGER,
  column_path TEXT,
  total TEXT NOT NULL,
  sum TEXT NOT NULL,
  parts INTEGER NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (document_id, table_seq, seq)
);
`;

/** `PRAGMA application_id` of a jixiao database ("JXiA"): another application's SQLite file is not ours. */
export const APPLICATION_ID = 0x4a586941;

/** The database is not one jixiao may use: another application's, or a newer jixiao's. Nothing was written. */
export class ForeignDatabaseError extends Error {}

/**
 * Refuses, before anything is written, a SQLite file that belongs to another application (other
 * tables and no jixiao schema, or another application_id) or to a newer jixiao (a schema_version
 * above ours, which this version would silently downgrade).
 */
function checkOwner(db: DB): void {
  const app = db.pragma("application_id", { simple: true }) as number;
  if (app !== 0 && app !== APPLICATION_ID)
    throw new ForeignDatabaseError(`not a jixiao database (another application's: application_id ${app}); nothing was changed`);
  const tables = (
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>
  ).map((t) => t.name);
  if (tables.length === 0) return;
  const version =
    tables.includes("meta") && tables.includes("documents")
      ? (db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined)?.value
      : undefined;
  if (version === undefined) {
    const shown = tables.slice(0, 4).join(", ") + (tables.length > 4 ? ", …" : "");
    throw new ForeignDatabaseError(`not a jixiao database (it holds other tables: ${shown}); nothing was changed`);
  }
  if (!(Number(version) <= SCHEMA_VERSION))
    throw new ForeignDatabaseError(
      `made by a newer jixiao (schema ${version}; this version knows schema ${SCHEMA_VERSION}); nothing was changed`,
    );
}

/** How long a write waits for another connection's lock before it fails as busy. */
export const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

export function openDb(
  file: string,
  opts: {
    readonly?: boolean;
    busyTimeoutMs?: number;
    mustExist?: boolean;
    /**
     * For a long-lived writer that writes little (the review server): the rollback journal, not WAL,
     * so that when it is killed the file is not left in WAL mode — which a user without write
     * access to its folder cannot open even read-only. (Default: WAL.)
     */
    rollbackJournal?: boolean;
  } = {},
): DB {
  // reading, or changing what is there (a review, a server): a mistyped path is not a new empty database
  if ((opts.readonly || opts.mustExist) && file !== ":memory:" && !existsSync(file))
    throw new Error("no such database (jixiao import FILES --db FILE makes one)");
  const db = new Database(file, {
    readonly: opts.readonly ?? false,
    fileMustExist: opts.readonly || opts.mustExist || false,
    timeout: opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
  });
  try {
    checkOwner(db);
  } catch (e) {
    db.close();
    throw e;
  }
  if (!opts.readonly) {
    db.pragma(`application_id = ${APPLICATION_ID}`);
    if (!opts.rollbackJournal) db.pragma("journal_mode = WAL");
    else
      try {
        db.pragma("journal_mode = DELETE");
      } catch {
        // another connection (an import) holds it in WAL mode: it stays so until that one closes it
      }
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    db.exec(SCHEMA);
    db.exec(CORRECTIONS_SCHEMA);
    db.exec(DOWNLOADS_SCHEMA);
    migrate(db);
    db.prepare("INSERT INTO meta(key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(
      String(SCHEMA_VERSION),
    );
  } else {
    db.pragma("foreign_keys = ON");
  }
  return db;
}

/**
 * Closes a connection that wrote: the write-ahead log is folded back into the database and the file
 * left in rollback-journal mode, so that it can be read where it cannot be written (a read-only
 * mount, another user's file) — a WAL database needs its -shm file even to be read. When another
 * connection still has it open, it stays in WAL mode, which is as safe.
 */
export function closeDb(db: DB): void {
  if (!db.readonly && db.open) {
    try {
      db.pragma("wal_checkpoint(TRUNCATE)");
      db.pragma("journal_mode = DELETE");
    } catch {
      // busy: another connection has it open; it stays in WAL mode
    }
  }
  db.close();
}

/** Columns added after the first schema: added in place to older databases. */
function migrate(db: DB): void {
  const have = new Set((db.prepare("PRAGMA table_info(documents)").all() as Array<{ name: string }>).map((c) => c.name));
  for (const [col, type] of [
    ["mtime_ms", "REAL"],
    ["model", "BLOB"],
    ["source_url", "TEXT"],
  ] as const) {
    if (!have.has(col)) db.exec(`ALTER TABLE documents ADD COLUMN ${col} ${type}`);
  }
  const valueCols = new Set((db.prepare("PRAGMA table_info(field_values)").all() as Array<{ name: string }>).map((c) => c.name));
  if (!valueCols.has("ev_bbox")) db.exec("ALTER TABLE field_values ADD COLUMN ev_bbox TEXT");
  const lineCols = new Set((db.prepare("PRAGMA table_info(budget_lines)").all() as Array<{ name: string }>).map((c) => c.name));
  if (!lineCols.has("bbox")) db.exec("ALTER TABLE budget_lines ADD COLUMN bbox TEXT");
  // who undid a review, and when (an undo is a reviewer's act like the review)
  const reviewCols = new Set((db.prepare("PRAGMA table_info(corrections)").all() as Array<{ name: string }>).map((c) => c.name));
  for (const col of ["undone_by", "undone_at"]) if (!reviewCols.has(col)) db.exec(`ALTER TABLE corrections ADD COLUMN ${col} TEXT`);
}

/** A stored document of this path whose size and modification time match: unchanged without reading it. */
export function findByPathStat(db: DB, path: string, size: number, mtimeMs: number): StoredDoc | undefined {
  return stmt(
    db,
    "SELECT id, sha256, path, status, extractor_version, error FROM documents WHERE path = ? AND size = ? AND mtime_ms = ? AND status = 'ok'",
  ).get(path, size, mtimeMs) as StoredDoc | undefined;
}

export interface StoredDoc {
  id: number;
  sha256: string;
  path: string;
  status: "ok" | "failed";
  extractor_version: string;
  error: string | null;
}

export function findBySha(db: DB, sha: string): StoredDoc | undefined {
  return stmt(db, "SELECT id, sha256, path, status, extractor_version, error FROM documents WHERE sha256 = ?").get(sha) as
    | StoredDoc
    | undefined;
}

const now = () => new Date().toISOString();

function fieldRow(docId: number, field: string, f: FieldValue) {
  return {
    document_id: docId,
    field,
    value_num: typeof f.value === "number" ? f.value : null,
    value_text: typeof f.value === "string" ? f.value : null,
    exact: f.exact ?? null,
    raw: f.raw,
    unit: f.unit,
    qualifier: f.qualifier ?? null,
    confidence: f.confidence,
    rule: f.rule,
    ev_start: f.evidence.start,
    ev_end: f.evidence.end,
    ev_page: f.evidence.page,
    ev_section: f.evidence.section,
    ev_text: f.evidence.text,
    ev_bbox: f.evidence.bbox ? JSON.stringify(f.evidence.bbox) : null,
  };
}

/** Stores one document with all its values, replacing any older record of the same bytes or path. */
export function saveRecord(
  db: DB,
  rec: DocumentRecord & { text: string },
  extra: { mtimeMs?: number; model?: DocModel; modelGz?: Uint8Array; sourceUrls?: string[]; words?: string } = {},
): number {
  const tx = db.transaction(() => {
    const old = stmt(db, "SELECT id, path FROM documents WHERE sha256 = ? OR (path = ? AND sha256 <> ?)").all(
      rec.sha256,
      rec.file,
      rec.sha256,
    ) as Array<{ id: number; path: string }>;
    // the document keeps its address (/doc/ID, `show ID`) across a forced or changed re-import: the id of
    // the record it replaces, the one of this path first
    const keep = (old.find((o) => o.path === rec.file) ?? old[0])?.id ?? null;
    ensureSearchIndex(db);
    for (const o of old) stmt(db, "DELETE FROM doc_fts WHERE rowid = ?").run(o.id);
    stmt(db, "DELETE FROM documents WHERE sha256 = ? OR (path = ? AND sha256 <> ?)").run(rec.sha256, rec.file, rec.sha256);
    // every URL these bytes came from, this run's and earlier ones'; source_url is the first of them
    if (extra.sourceUrls?.length) addSources(db, rec.sha256, extra.sourceUrls);
    const info = stmt(
      db,
      `INSERT INTO documents (id, sha256, path, file_name, format, size, pages, engine, document_kind, imported_at, extractor_version, status, error, text, mtime_ms, model, source_url)
         VALUES (@id, @sha256, @path, @file_name, @format, @size, @pages, @engine, @document_kind, @imported_at, @extractor_version, 'ok', NULL, @text, @mtime_ms, @model, @source_url)`,
    ).run({
      id: keep,
      sha256: rec.sha256,
      path: rec.file,
      file_name: basename(rec.file),
      format: rec.format,
      size: rec.size,
      pages: rec.pages,
      engine: rec.engine,
      document_kind: rec.document_kind,
      imported_at: now(),
      extractor_version: rec.extractor_version,
      text: rec.text,
      mtime_ms: extra.mtimeMs ?? null,
      model: extra.modelGz
        ? Buffer.from(extra.modelGz.buffer, extra.modelGz.byteOffset, extra.modelGz.byteLength)
        : extra.model
          ? packModel(extra.model)
          : null,
      source_url: documentSources(db, rec.sha256)[0] ?? null,
    });
    const id = Number(info.lastInsertRowid);
    writeValues(db, id, rec);
    indexDocument(db, id, rec.text, extra.words);
    return id;
  });
  return tx.immediate();
}

/** Field values, flags, indicators and budget tables of a document (replacing what it had). */
export function writeValues(db: DB, id: number, rec: Pick<DocumentRecord, "fields" | "flags" | "indicators" | "tables">): void {
  stmt(db, "DELETE FROM field_values WHERE document_id = ?").run(id);
  stmt(db, "DELETE FROM flags WHERE document_id = ?").run(id);
  stmt(db, "DELETE FROM indicators WHERE document_id = ?").run(id);
  const insField = stmt(
    db,
    `INSERT INTO field_values (document_id, field, value_num, value_text, exact, raw, unit, qualifier, confidence, rule, ev_start, ev_end, ev_page, ev_section, ev_text, ev_bbox)
     VALUES (@document_id, @field, @value_num, @value_text, @exact, @raw, @unit, @qualifier, @confidence, @rule, @ev_start, @ev_end, @ev_page, @ev_section, @ev_text, @ev_bbox)`,
  );
  for (const [name, f] of Object.entries(rec.fields)) if (f) insField.run(fieldRow(id, name, f));
  const insFlag = stmt(db, "INSERT INTO flags (document_id, code, fields, message, detail) VALUES (?, ?, ?, ?, ?)");
  for (const fl of rec.flags) {
    const { code, fields, message, ...detail } = fl;
    insFlag.run(id, code, JSON.stringify(fields), message, Object.keys(detail).length ? JSON.stringify(detail) : null);
  }
  const insInd = stmt(db, "INSERT INTO indicators VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  rec.indicators.forEach((r: Indicator, i: number) =>
    insInd.run(id, i, r.level1, r.level2, r.level3, r.target, r.actual, r.unit, r.weight, r.score, r.reason),
  );
  writeBudgetTables(db, id, rec.tables ?? []);
}

/** Records a file that could not be read; a good record of the same bytes is never replaced by a failure. */
export function saveFailure(db: DB, f: { path: string; sha256: string; size: number; error: string; extractor_version: string }): void {
  const tx = db.transaction(() => {
    const old = findBySha(db, f.sha256);
    if (old && old.status === "ok") return;
    const gone = stmt(db, "SELECT id FROM documents WHERE sha256 = ?").all(f.sha256) as Array<{ id: number }>;
    ensureSearchIndex(db);
    for (const o of gone) stmt(db, "DELETE FROM doc_fts WHERE rowid = ?").run(o.id);
    stmt(db, "DELETE FROM documents WHERE sha256 = ?").run(f.sha256);
    stmt(
      db,
      `INSERT INTO documents (sha256, path, file_name, size, imported_at, extractor_version, status, error) VALUES (?, ?, ?, ?, ?, ?, 'failed', ?)`,
    ).run(f.sha256, f.path, basename(f.path), f.size, now(), f.extractor_version, f.error);
  });
  tx.immediate();
}

export interface DocRow {
  id: number;
  sha256: string;
  path: string;
  file_name: string;
  format: string | null;
  size: number;
  pages: number | null;
  document_kind: string | null;
  imported_at: string;
  extractor_version: string;
  status: string;
  error: string | null;
}

export function listDocuments(db: DB, opts: { includeFailed?: boolean } = {}): DocRow[] {
  return db
    .prepare(
      `SELECT id, sha256, path, file_name, format, size, pages, document_kind, imported_at, extractor_version, status, error
       FROM documents ${opts.includeFailed ? "" : "WHERE status = 'ok'"} ORDER BY file_name, path`,
    )
    .all() as DocRow[];
}

/** Field values of one document, keyed by field name. */
/** A stored value as read back: the extracted one, or the reviewer's where a review is in force. */
export interface StoredValue {
  value: number | string | null;
  exact: string | null;
  raw: string;
  unit: string;
  ev_page: number | null;
  ev_section: string;
  ev_text: string;
  ev_start: number;
  ev_end: number;
  /** JSON [x0, y0, x1, y1] on ev_page (PDFs) */
  ev_bbox: string | null;
  confidence: number;
  /** the rule that found it ("" for a value a reviewer set on a field without one) */
  rule: string;
  qualifier: string | null;
  /** the review in force for this field, if any */
  review?: Correction;
}

/** A stored value as a number where it has an exact decimal (money, ratios: the digits stored), else as stored. */
export function storedValue(v: Pick<StoredValue, "exact" | "value">): number | string | null {
  return v.exact !== null && v.exact !== undefined ? Number(v.exact) : v.value;
}

/**
 * A document's field values with the reviews in force applied: a corrected value replaces the
 * extracted one (its evidence stays, to show what was corrected), a rejected one is gone, an
 * accepted one is marked. The one read path for values: show, JSON, CSV and query use it.
 */
export function documentFields(db: DB, id: number): Map<string, StoredValue> {
  const rows = stmt(db, "SELECT * FROM field_values WHERE document_id = ?").all(id) as Array<Record<string, unknown>>;
  const m = new Map<string, StoredValue>();
  for (const r of rows)
    m.set(r.field as string, { ...(r as unknown as StoredValue), value: (r.value_num ?? r.value_text) as number | string | null });
  const sha = (stmt(db, "SELECT sha256 FROM documents WHERE id = ?").get(id) as { sha256: string } | undefined)?.sha256;
  if (!sha) return m;
  for (const [field, c] of currentCorrections(db, sha)) {
    const v = m.get(field);
    if (c.action === "reject") m.delete(field);
    else if (c.action === "set") {
      m.set(field, {
        ...(v ?? { ev_page: null, ev_section: "", ev_text: "", ev_start: 0, ev_end: 0, ev_bbox: null, rule: "", qualifier: null }),
        value: c.value_num ?? c.value_text,
        exact: c.exact,
        raw: c.raw ?? "",
        unit: c.unit ?? v?.unit ?? "",
        confidence: 1,
        qualifier: null,
        review: c,
      });
    } else if (v) m.set(field, { ...v, review: c });
  }
  return m;
}

export function documentFlags(db: DB, id: number): Flag[] {
  const rows = db.prepare("SELECT code, fields, message, detail FROM flags WHERE document_id = ? ORDER BY id").all(id) as Array<{
    code: string;
    fields: string;
    message: string;
    detail: string | null;
  }>;
  return rows.map(
    (r) => ({ code: r.code, fields: JSON.parse(r.fields), message: r.message, ...(r.detail ? JSON.parse(r.detail) : {}) }) as Flag,
  );
}

/** The reader's block model stored with a document, for re-extraction without the file. */
export function storedModel(db: DB, id: number): DocModel | null {
  const row = db.prepare("SELECT model FROM documents WHERE id = ?").get(id) as { model: Buffer | null } | undefined;
  return row?.model ? unpackModel(row.model) : null;
}

/** Records the URLs a document's bytes were downloaded from (a redirect, a duplicate line: all of them). */
export function addSources(db: DB, sha256: string, urls: string[]): void {
  const now = new Date().toISOString();
  const ins = stmt(db, "INSERT INTO sources (sha256, url, first_seen) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
  for (const u of urls) ins.run(sha256, u, now);
}

/** Every URL a document was downloaded from, in the order first seen. */
export function documentSources(db: DB, sha256: string): string[] {
  return (stmt(db, "SELECT url FROM sources WHERE sha256 = ? ORDER BY first_seen, rowid").all(sha256) as Array<{ url: string }>).map(
    (r) => r.url,
  );
}

/** True when these bytes were imported and read without failure. */
export function isImported(db: DB, sha256: string): boolean {
  return stmt(db, "SELECT 1 FROM documents WHERE sha256 = ? AND status = 'ok'").get(sha256) !== undefined;
}

/** The stored documents to extract again: those read by another extractor version, or all. */
export function documentsToReextract(db: DB, version: string, all: boolean): Array<{ id: number; path: string }> {
  return db
    .prepare(`SELECT id, path FROM documents WHERE status = 'ok' ${all ? "" : "AND extractor_version <> ?"} ORDER BY id`)
    .all(...(all ? [] : [version])) as Array<{ id: number; path: string }>;
}

/** The boxes a document's values were found at on import (field → raw text, page, box). */
export function storedBoxes(db: DB, id: number): Map<string, { raw: string; page: number; bbox: [number, number, number, number] }> {
  const rows = stmt(db, "SELECT field, raw, ev_page, ev_bbox FROM field_values WHERE document_id = ? AND ev_bbox IS NOT NULL").all(
    id,
  ) as Array<{ field: string; raw: string; ev_page: number; ev_bbox: string }>;
  return new Map(rows.map((r) => [r.field, { raw: r.raw, page: r.ev_page, bbox: JSON.parse(r.ev_bbox) }]));
}

/** Replaces a document's values with a new extraction's, in one transaction. */
export function saveReextracted(
  db: DB,
  id: number,
  rec: Pick<DocumentRecord, "fields" | "flags" | "indicators" | "tables" | "document_kind" | "extractor_version">,
): void {
  db.transaction(() => {
    writeValues(db, id, rec);
    stmt(db, "UPDATE documents SET extractor_version = ?, document_kind = ? WHERE id = ?").run(
      rec.extractor_version,
      rec.document_kind,
      id,
    );
  }).immediate();
}
