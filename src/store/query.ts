/**
 * Queries over stored documents: filters (all bound parameters), one document's fields with their
 * evidence, JSONL and score-table exports.
 */
import { basename, normalize, resolve } from "node:path";
import { StoredRecord } from "../model.js";
import { currentCorrections } from "./corrections.js";
import { type DB, documentFields, documentFlags, documentSources, storedModel, storedValue } from "./db.js";
import { documentTables } from "./lines.js";

export interface QueryFilters {
  year?: number;
  province?: string;
  unitLike?: string;
  grade?: string;
  minScore?: number;
  maxScore?: number;
  flag?: string;
  kind?: string;
}

export interface QueryRow {
  id: number;
  file: string;
  path: string;
  sha256: string;
  [field: string]: unknown;
}

export function queryDocuments(db: DB, f: QueryFilters): QueryRow[] {
  // filters see the reviewed values where the database has them (current_values), else the extracted ones
  const table = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'view' AND name = 'current_values'").get()
    ? "current_values"
    : "field_values";
  const fv = (field: string, col: "value_num" | "value_text") =>
    `(SELECT ${col} FROM ${table} WHERE document_id = d.id AND field = '${field}')`;
  const where: string[] = ["d.status = 'ok'"];
  const params: unknown[] = [];
  if (f.year !== undefined) {
    where.push(`${fv("fiscal_year", "value_num")} = ?`);
    params.push(f.year);
  }
  if (f.province) {
    // the unit's name starts with its province, or names it (上海市普陀区…, 广东省…)
    where.push(`(${fv("unit_name", "value_text")} LIKE ? ESCAPE '\\' OR ${fv("province", "value_text")} LIKE ? ESCAPE '\\')`);
    const p = `${escapeLike(f.province.replace(/(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)$/, ""))}%`;
    params.push(p, p);
  }
  if (f.unitLike) {
    where.push(`${fv("unit_name", "value_text")} LIKE ? ESCAPE '\\'`);
    params.push(`%${escapeLike(f.unitLike)}%`);
  }
  if (f.grade) {
    where.push(`${fv("grade", "value_text")} = ?`);
    params.push(f.grade);
  }
  if (f.minScore !== undefined) {
    where.push(`${fv("self_score", "value_num")} >= ?`);
    params.push(f.minScore);
  }
  if (f.maxScore !== undefined) {
    where.push(`${fv("self_score", "value_num")} <= ?`);
    params.push(f.maxScore);
  }
  if (f.flag) {
    where.push("EXISTS (SELECT 1 FROM flags WHERE document_id = d.id AND code = ?)");
    params.push(f.flag);
  }
  if (f.kind) {
    where.push("d.document_kind = ?");
    params.push(f.kind);
  }
  const docs = db
    .prepare(
      `SELECT d.id, d.file_name AS file, d.path, d.sha256 FROM documents d WHERE ${where.join(" AND ")} ORDER BY d.file_name, d.path`,
    )
    .all(...params) as QueryRow[];
  return docs.map((d) => {
    const values = documentFields(db, d.id);
    const row: QueryRow = { ...d };
    for (const [name, v] of values) row[name] = storedValue(v);
    return row;
  });
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A document by id, SHA-256 (or a unique prefix of at least 8 hex digits), path or file name. */
/** Documents by path or file name; a path also as written another way (./a/b.txt, a//b.txt, absolute). */
function byPath(db: DB, ref: string): Array<{ id: number }> {
  const exact = db.prepare("SELECT id FROM documents WHERE path = ? OR file_name = ?").all(ref, ref) as Array<{ id: number }>;
  if (exact.length) return exact;
  const same = (p: string) => normalize(p) === normalize(ref) || resolve(p) === resolve(ref);
  return (db.prepare("SELECT id, path FROM documents WHERE file_name = ?").all(basename(ref)) as Array<{ id: number; path: string }>)
    .filter((r) => same(r.path))
    .map((r) => ({ id: r.id }));
}

export function findDocument(db: DB, ref: string): { id: number } | { error: string } {
  const rows = (
    /^\d+$/.test(ref)
      ? db.prepare("SELECT id FROM documents WHERE id = ?").all(Number(ref))
      : /^[0-9a-f]{8,64}$/i.test(ref)
        ? db.prepare("SELECT id FROM documents WHERE sha256 LIKE ?").all(`${ref.toLowerCase()}%`)
        : byPath(db, ref)
  ) as Array<{ id: number }>;
  if (rows.length === 0) return { error: `no document matches ${JSON.stringify(ref)}` };
  if (rows.length > 1) return { error: `${rows.length} documents match ${JSON.stringify(ref)}; give its id or SHA-256` };
  return rows[0];
}

/**
 * One stored document in the record shape (see StoredRecord), checked against it on the way out:
 * every field of `fieldNames` (null where there is no value), reviewed values applied.
 */
export function documentJson(db: DB, id: number, fieldNames: readonly string[]): StoredRecord {
  const row = db
    .prepare(
      "SELECT id, file_name AS file, path, sha256, format, size, pages, engine, document_kind, extractor_version, imported_at, source_url FROM documents WHERE id = ?",
    )
    .get(id) as Omit<StoredRecord, "fields" | "flags" | "indicators" | "messages" | "source_urls" | "corrected">;
  const corrected: StoredRecord["corrected"] = {};
  for (const [field, c] of currentCorrections(db, row.sha256))
    corrected[field] = {
      action: c.action,
      old: c.old_value === null ? null : JSON.parse(c.old_value),
      note: c.note,
      reviewer: c.reviewer,
      at: c.at,
    };
  const values = documentFields(db, id);
  const fields: StoredRecord["fields"] = {};
  for (const name of fieldNames) {
    const v = values.get(name);
    fields[name] = v
      ? {
          value: storedValue(v),
          ...(v.exact ? { exact: v.exact } : {}),
          raw: v.raw,
          unit: v.unit,
          ...(v.qualifier ? { qualifier: v.qualifier } : {}),
          confidence: v.confidence,
          rule: v.review?.action === "set" ? "review" : v.rule,
          evidence: {
            start: v.ev_start,
            end: v.ev_end,
            page: v.ev_page,
            section: v.ev_section,
            text: v.ev_text,
            ...(v.ev_bbox ? { bbox: JSON.parse(v.ev_bbox) } : {}),
          },
        }
      : null;
  }
  const indicators = db
    .prepare(
      "SELECT level1, level2, level3, target, actual, unit, weight, score, reason FROM indicators WHERE document_id = ? ORDER BY seq",
    )
    .all(id);
  return StoredRecord.parse({
    ...row,
    source_urls: documentSources(db, row.sha256),
    fields,
    flags: documentFlags(db, id),
    indicators,
    messages: storedModel(db, id)?.messages ?? [],
    tables: documentTables(db, id),
    corrected,
  });
}
