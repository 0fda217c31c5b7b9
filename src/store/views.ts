/**
 * Views that make the database read as it is, for a researcher with sqlite3, pandas or Datasette:
 *   current_values  every field value of every document with the reviews in force applied
 *   records         one row per document, one column per field named as in the CSV (money in 元,
 *                   integers as integers), corrected values applied, `corrected_fields` listing them
 *   score_rows      the score-table (自评表) rows with their document's unit and year
 * Made from the field list the caller gives (the catalog), after writes: a new field is a new column.
 * The store itself knows nothing of extraction.
 *
 * `records` computes each column when read: always right, but a page of a sorted list over 10,000
 * documents computes them all. `records_cache` is the same rows stored, for the review pages: triggers
 * on documents, field_values and corrections note which documents changed (`records_dirty`, whoever
 * wrote — jixiao or a researcher with sqlite3), and `syncRecords` recomputes just those rows before
 * the cache is read. A connection that cannot write reads `records` while rows are pending.
 */
import type { DB } from "./db.js";
import { stmt } from "./stmt.js";

/** What a view needs of a field: its name, its CSV column, its kind. */
export interface FieldColumn {
  name: string;
  column: string;
  kind: string;
}

/** A stored value (columns of field_values or corrections, alias `a`) as the column of its kind: money and ratios from their exact decimals. */
function columnExpr(kind: string, a: string): string {
  switch (kind) {
    case "money":
    case "ratio":
      return `CASE WHEN ${a}.exact IS NULL THEN ${a}.value_num WHEN instr(${a}.exact, '.') > 0 THEN CAST(${a}.exact AS REAL) ELSE CAST(${a}.exact AS INTEGER) END`;
    case "persons":
    case "count":
    case "year":
      return `CAST(${a}.value_num AS INTEGER)`;
    case "score":
      return `CASE WHEN ${a}.value_num = CAST(${a}.value_num AS INTEGER) THEN CAST(${a}.value_num AS INTEGER) ELSE ${a}.value_num END`;
    default:
      return `${a}.value_text`;
  }
}

/**
 * One field of document `d` with the review in force applied: the latest review not undone, when it
 * set or rejected the value, else the extracted value. Written as index lookups on corrections and
 * field_values (not through current_values, whose UNION the planner may compute whole, per row).
 */
function fieldExpr(name: string, kind: string): string {
  const f = `'${name.replace(/'/g, "''")}'`;
  const latest = `(SELECT max(k.id) FROM corrections k WHERE k.sha256 = d.sha256 AND k.field = ${f} AND k.undone = 0)`;
  return `CASE WHEN (SELECT c.action FROM corrections c WHERE c.id = ${latest}) IN ('set', 'reject')
      THEN (SELECT ${columnExpr(kind, "c")} FROM corrections c WHERE c.id = ${latest})
      ELSE (SELECT ${columnExpr(kind, "v")} FROM field_values v WHERE v.document_id = d.id AND v.field = ${f}) END`;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The views' own revision: a change to them here remakes them in databases made before. */
const VIEWS_REVISION = 6;
const versionKey = (version: string) => `${version}/${VIEWS_REVISION}`;

/** Whether the views were made for this version of the field list (`version`: the extractor's). */
export function viewsCurrent(db: DB, version: string): boolean {
  const row = stmt(db, "SELECT value FROM meta WHERE key = 'views_version'").get() as { value: string } | undefined;
  return (
    row?.value === versionKey(version) &&
    db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'view' AND name = 'records'").get() !== undefined
  );
}

/** Columns of `records` that come from the documents table; a field of the same name is not repeated. */
const DOCUMENT_COLUMNS = ["id", "file", "path", "sha256", "format", "corrected_fields", "extractor_version", "imported_at"];

export function createViews(db: DB, catalog: FieldColumn[], version: string): void {
  const fields = catalog.filter((f) => !DOCUMENT_COLUMNS.includes(f.column)).map((f) => `${fieldExpr(f.name, f.kind)} AS ${q(f.column)}`);
  db.exec(`
DROP TABLE IF EXISTS records_cache;
DROP VIEW IF EXISTS budget_lines_view;
DROP VIEW IF EXISTS score_rows;
DROP VIEW IF EXISTS records;
DROP VIEW IF EXISTS current_values;
DROP VIEW IF EXISTS current_corrections;
CREATE VIEW current_corrections AS
  SELECT c.* FROM corrections c
  WHERE c.undone = 0 AND c.id = (SELECT max(c2.id) FROM corrections c2 WHERE c2.sha256 = c.sha256 AND c2.field = c.field AND c2.undone = 0);
CREATE VIEW current_values AS
  SELECT v.document_id, v.field,
    CASE WHEN c.action IN ('set', 'reject') THEN c.value_num ELSE v.value_num END AS value_num,
    CASE WHEN c.action IN ('set', 'reject') THEN c.value_text ELSE v.value_text END AS value_text,
    CASE WHEN c.action IN ('set', 'reject') THEN c.exact ELSE v.exact END AS exact,
    CASE WHEN c.action IN ('set', 'reject') THEN c.raw ELSE v.raw END AS raw,
    c.action AS review
  FROM field_values v JOIN documents d ON d.id = v.document_id
  LEFT JOIN current_corrections c ON c.sha256 = d.sha256 AND c.field = v.field
  UNION ALL
  SELECT d.id, c.field, c.value_num, c.value_text, c.exact, c.raw, c.action
  FROM current_corrections c JOIN documents d ON d.sha256 = c.sha256
  WHERE NOT EXISTS (SELECT 1 FROM field_values v WHERE v.document_id = d.id AND v.field = c.field);
CREATE VIEW records AS
  SELECT d.id, d.file_name AS file, d.path, d.sha256, d.format,
    ${fields.join(",\n    ")},
    (SELECT group_concat(field, ';') FROM (SELECT c.field FROM current_corrections c WHERE c.sha256 = d.sha256 AND c.action IN ('set', 'reject') ORDER BY c.field)) AS corrected_fields,
    d.extractor_version, d.imported_at
  FROM documents d WHERE d.status = 'ok';
CREATE VIEW score_rows AS
  SELECT d.id AS document_id, d.file_name AS file,
    ${fieldExpr("unit_name", "text")} AS unit_name,
    ${fieldExpr("fiscal_year", "year")} AS fiscal_year,
    i.seq + 1 AS row, i.level1, i.level2, i.level3, i.target, i.actual, i.unit, i.weight, i.score, i.reason
  FROM indicators i JOIN documents d ON d.id = i.document_id;
CREATE VIEW budget_lines_view AS
  SELECT l.document_id, d.file_name AS file, d.sha256,
    ${fieldExpr("unit_name", "text")} AS unit_name,
    ${fieldExpr("province", "text")} AS province,
    ${fieldExpr("city", "text")} AS city,
    ${fieldExpr("county", "text")} AS county,
    ${fieldExpr("fiscal_year", "year")} AS fiscal_year,
    ${fieldExpr("document_kind", "text")} AS document_kind,
    l.table_seq + 1 AS table_no, t.kind AS table_kind, t.title AS table_title, t.stage, t.unit AS table_unit,
    l.page, l.line + 1 AS line, l.code, l.name, l.level, l.col + 1 AS column_no, l.column_path, l.raw, l.amount_yuan,
    CAST(l.amount_yuan AS REAL) AS amount, l.check_result, l.bbox
  FROM budget_lines l
  JOIN budget_tables t ON t.document_id = l.document_id AND t.seq = l.table_seq
  JOIN documents d ON d.id = l.document_id
  WHERE d.status = 'ok';
`);
  db.exec(`
CREATE TABLE records_cache AS SELECT * FROM records;
CREATE UNIQUE INDEX records_cache_id ON records_cache(id);
CREATE INDEX records_cache_file ON records_cache(file, id);
CREATE INDEX records_cache_year ON records_cache(fiscal_year);
CREATE INDEX records_cache_score ON records_cache(self_score_points);
CREATE TABLE IF NOT EXISTS records_dirty (id INTEGER PRIMARY KEY);
DELETE FROM records_dirty;
CREATE TRIGGER IF NOT EXISTS records_dirty_doc_ins AFTER INSERT ON documents BEGIN INSERT OR IGNORE INTO records_dirty VALUES (NEW.id); END;
CREATE TRIGGER IF NOT EXISTS records_dirty_doc_upd AFTER UPDATE ON documents BEGIN INSERT OR IGNORE INTO records_dirty VALUES (NEW.id); END;
CREATE TRIGGER IF NOT EXISTS records_dirty_doc_del AFTER DELETE ON documents BEGIN INSERT OR IGNORE INTO records_dirty VALUES (OLD.id); END;
CREATE TRIGGER IF NOT EXISTS records_dirty_val_ins AFTER INSERT ON field_values BEGIN INSERT OR IGNORE INTO records_dirty VALUES (NEW.document_id); END;
CREATE TRIGGER IF NOT EXISTS records_dirty_val_upd AFTER UPDATE ON field_values BEGIN INSERT OR IGNORE INTO records_dirty VALUES (NEW.document_id); END;
CREATE TRIGGER IF NOT EXISTS records_dirty_val_del AFTER DELETE ON field_values BEGIN INSERT OR IGNORE INTO records_dirty VALUES (OLD.document_id); END;
CREATE TRIGGER IF NOT EXISTS records_dirty_cor_ins AFTER INSERT ON corrections BEGIN INSERT OR IGNORE INTO records_dirty SELECT id FROM documents WHERE sha256 = NEW.sha256; END;
CREATE TRIGGER IF NOT EXISTS records_dirty_cor_upd AFTER UPDATE ON corrections BEGIN INSERT OR IGNORE INTO records_dirty SELECT id FROM documents WHERE sha256 = NEW.sha256; END;
CREATE TRIGGER IF NOT EXISTS records_dirty_cor_del AFTER DELETE ON corrections BEGIN INSERT OR IGNORE INTO records_dirty SELECT id FROM documents WHERE sha256 = OLD.sha256; END;
`);
  stmt(db, "INSERT INTO meta(key, value) VALUES ('views_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(
    versionKey(version),
  );
}

/**
 * Brings `records_cache` up to date with the documents changed since it was last read, and names
 * the relation to read records from: the cache, or `records` itself where the cache cannot be
 * brought up to date (a read-only connection with changes pending, a database without the cache).
 */
export function syncRecords(db: DB): "records_cache" | "records" {
  const has = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name IN ('records_cache', 'records_dirty')").get() as { n: number };
  if (has.n < 2) return "records";
  if (!stmt(db, "SELECT 1 FROM records_dirty LIMIT 1").get()) return "records_cache";
  if (db.readonly) return "records";
  db.transaction(() => {
    const ids = (stmt(db, "SELECT id FROM records_dirty").all() as Array<{ id: number }>).map((r) => r.id);
    // one id at a time: SQLite does not carry an IN (subquery) into the view, = it does
    const del = stmt(db, "DELETE FROM records_cache WHERE id = ?");
    const ins = stmt(db, "INSERT INTO records_cache SELECT * FROM records WHERE id = ?");
    for (const id of ids) {
      del.run(id);
      ins.run(id);
    }
    stmt(db, "DELETE FROM records_dirty").run();
  }).immediate();
  return "records_cache";
}
