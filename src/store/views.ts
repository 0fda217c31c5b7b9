/**
 * Views that make the database read as it is, for a researcher with sqlite3, pandas or Datasette:
 *   current_values  every field value of every document with the reviews in force applied
 *   records         one row per document, one column per field named as in the CSV (money in 元,
 *                   integers as integers), corrected values applied, `corrected_fields` listing them
 *   score_rows      the score-table (自评表) rows with their document's unit and year
 * Made from the field list the caller gives (the catalog), after writes: a new field is a new column.
 * The store itself knows nothing of extraction.
 */
import type { DB } from "./db.js";
import { stmt } from "./stmt.js";

/** What a view needs of a field: its name, its CSV column, its kind. */
export interface FieldColumn {
  name: string;
  column: string;
  kind: string;
}

/** The column of `records` for one field, by its kind: money and ratios from their exact decimals. */
function columnExpr(kind: string): string {
  switch (kind) {
    case "money":
    case "ratio":
      return "CASE WHEN cv.exact IS NULL THEN cv.value_num WHEN instr(cv.exact, '.') > 0 THEN CAST(cv.exact AS REAL) ELSE CAST(cv.exact AS INTEGER) END";
    case "persons":
    case "count":
    case "year":
      return "CAST(cv.value_num AS INTEGER)";
    case "score":
      return "CASE WHEN cv.value_num = CAST(cv.value_num AS INTEGER) THEN CAST(cv.value_num AS INTEGER) ELSE cv.value_num END";
    default:
      return "cv.value_text";
  }
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Whether the views were made for this version of the field list (`version`: the extractor's). */
export function viewsCurrent(db: DB, version: string): boolean {
  const row = stmt(db, "SELECT value FROM meta WHERE key = 'views_version'").get() as { value: string } | undefined;
  return row?.value === version && db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'view' AND name = 'records'").get() !== undefined;
}

/** Columns of `records` that come from the documents table; a field of the same name is not repeated. */
const DOCUMENT_COLUMNS = ["id", "file", "path", "sha256", "format", "corrected_fields", "extractor_version", "imported_at"];

export function createViews(db: DB, catalog: FieldColumn[], version: string): void {
  const fields = catalog.filter((f) => !DOCUMENT_COLUMNS.includes(f.column)).map(
    (f) => `(SELECT ${columnExpr(f.kind)} FROM current_values cv WHERE cv.document_id = d.id AND cv.field = '${f.name}') AS ${q(f.column)}`,
  );
  db.exec(`
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
    (SELECT group_concat(field, ';') FROM (SELECT cv.field FROM current_values cv WHERE cv.document_id = d.id AND cv.review IN ('set', 'reject') ORDER BY cv.field)) AS corrected_fields,
    d.extractor_version, d.imported_at
  FROM documents d WHERE d.status = 'ok';
CREATE VIEW score_rows AS
  SELECT d.id AS document_id, d.file_name AS file,
    (SELECT cv.value_text FROM current_values cv WHERE cv.document_id = d.id AND cv.field = 'unit_name') AS unit_name,
    (SELECT CAST(cv.value_num AS INTEGER) FROM current_values cv WHERE cv.document_id = d.id AND cv.field = 'fiscal_year') AS fiscal_year,
    i.seq + 1 AS row, i.level1, i.level2, i.level3, i.target, i.actual, i.unit, i.weight, i.score, i.reason
  FROM indicators i JOIN documents d ON d.id = i.document_id;
`);
  stmt(db, "INSERT INTO meta(key, value) VALUES ('views_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(version);
}
