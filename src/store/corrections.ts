/**
 * Reviews of extracted values: accept, correct (set) or reject, with a note and the reviewer's name,
 * kept in their own table by the document's SHA-256 and the field — an audit trail that no import,
 * `--force`, re-extraction or new extractor version touches. The latest review of a field that is
 * not undone is in force; everything that reads values applies it (see `current_values`).
 */
import type { DB } from "./db.js";
import { stmt } from "./stmt.js";

export const CORRECTIONS_SCHEMA = `
CREATE TABLE IF NOT EXISTS corrections (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL,
  field TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('accept', 'set', 'reject')),
  old_value TEXT,
  value_num REAL,
  value_text TEXT,
  exact TEXT,
  raw TEXT,
  unit TEXT,
  note TEXT,
  reviewer TEXT,
  at TEXT NOT NULL,
  undone INTEGER NOT NULL DEFAULT 0,
  undone_by TEXT,
  undone_at TEXT
);
CREATE INDEX IF NOT EXISTS corrections_doc ON corrections(sha256, field);
`;

export interface Correction {
  id: number;
  sha256: string;
  field: string;
  action: "accept" | "set" | "reject";
  /** the value before the review, as JSON */
  old_value: string | null;
  value_num: number | null;
  value_text: string | null;
  exact: string | null;
  raw: string | null;
  unit: string | null;
  note: string | null;
  reviewer: string | null;
  at: string;
}

export interface NewCorrection {
  sha256: string;
  field: string;
  action: Correction["action"];
  old: unknown;
  value?: { value: number | string; exact?: string; unit: string; raw: string };
  note?: string;
  reviewer?: string;
}

/** Records a review; returns its id. */
export function addCorrection(db: DB, c: NewCorrection): number {
  const v = c.value;
  const info = stmt(
    db,
    `INSERT INTO corrections (sha256, field, action, old_value, value_num, value_text, exact, raw, unit, note, reviewer, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    c.sha256,
    c.field,
    c.action,
    c.old === undefined ? null : JSON.stringify(c.old),
    v && typeof v.value === "number" ? v.value : null,
    v && typeof v.value === "string" ? v.value : null,
    v?.exact ?? null,
    v?.raw ?? null,
    v?.unit ?? null,
    c.note ?? null,
    c.reviewer ?? null,
    new Date().toISOString(),
  );
  return Number(info.lastInsertRowid);
}

/**
 * Undoes the review in force for a field (the one before it, if any, is in force again), recording
 * who undid it and when; false when there is none.
 */
export function undoCorrection(db: DB, sha256: string, field: string, reviewer: string | null = null): boolean {
  const row = stmt(db, "SELECT id FROM corrections WHERE sha256 = ? AND field = ? AND undone = 0 ORDER BY id DESC LIMIT 1").get(
    sha256,
    field,
  ) as { id: number } | undefined;
  if (!row) return false;
  stmt(db, "UPDATE corrections SET undone = 1, undone_by = ?, undone_at = ? WHERE id = ?").run(reviewer, new Date().toISOString(), row.id);
  return true;
}

/** The reviews in force for a document, by field (none for a database made before reviews existed). */
export function currentCorrections(db: DB, sha256: string): Map<string, Correction> {
  const m = new Map<string, Correction>();
  if (!hasCorrections(db)) return m;
  const rows = stmt(db, "SELECT * FROM corrections WHERE sha256 = ? AND undone = 0 ORDER BY id").all(sha256) as Correction[];
  for (const r of rows) m.set(r.field, r);
  return m;
}

/** Every review in force, document by document (for `review --export-gold`). */
export function allCurrentCorrections(db: DB): Correction[] {
  if (!hasCorrections(db)) return [];
  return db
    .prepare(
      "SELECT c.* FROM corrections c WHERE c.undone = 0 AND c.id = (SELECT max(id) FROM corrections c2 WHERE c2.sha256 = c.sha256 AND c2.field = c.field AND c2.undone = 0) ORDER BY c.sha256, c.field",
    )
    .all() as Correction[];
}

const known = new WeakMap<DB, boolean>();
function hasCorrections(db: DB): boolean {
  let k = known.get(db);
  if (k === undefined) {
    k = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'corrections'").get() !== undefined;
    known.set(db, k);
  }
  return k;
}

/** Reviews in force whose document bytes are no longer in the database (the file changed and was re-imported, or was removed). */
const ORPHANS = "FROM corrections c WHERE c.undone = 0 AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.sha256 = c.sha256)";

export function orphanCorrections(db: DB): Correction[] {
  if (!hasCorrections(db)) return [];
  return db.prepare(`SELECT c.* ${ORPHANS} ORDER BY c.sha256, c.field, c.id`).all() as Correction[];
}

export function countOrphans(db: DB): number {
  if (!hasCorrections(db)) return 0;
  return (db.prepare(`SELECT count(*) AS n ${ORPHANS}`).get() as { n: number }).n;
}
