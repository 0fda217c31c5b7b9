/**
 * Queries over stored documents: filters (all bound parameters), one document's fields with their
 * evidence, JSONL and score-table exports, and re-extraction from stored block models.
 */
import { CATALOG } from "../extract/catalog.js";
import { extractFields } from "../extract/extract.js";
import type { FieldValue, Flag } from "../model.js";
import { EXTRACTOR_VERSION } from "../version.js";
import { currentCorrections } from "./corrections.js";
import { documentFields, documentFlags, documentSources, storedModel, writeValues, type DB } from "./db.js";

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
  const table = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'view' AND name = 'current_values'").get() ? "current_values" : "field_values";
  const fv = (field: string, col: "value_num" | "value_text") => `(SELECT ${col} FROM ${table} WHERE document_id = d.id AND field = '${field}')`;
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
  const docs = db.prepare(`SELECT d.id, d.file_name AS file, d.path, d.sha256 FROM documents d WHERE ${where.join(" AND ")} ORDER BY d.file_name, d.path`).all(...params) as QueryRow[];
  return docs.map((d) => {
    const values = documentFields(db, d.id);
    const row: QueryRow = { ...d };
    for (const def of CATALOG) {
      const v = values.get(def.name);
      row[def.name] = v ? (v.exact !== null && v.exact !== undefined ? Number(v.exact) : v.value) : null;
    }
    return row;
  });
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A document by id, SHA-256 (or a unique prefix of at least 8 hex digits), path or file name. */
export function findDocument(db: DB, ref: string): { id: number } | { error: string } {
  const rows = (
    /^\d+$/.test(ref)
      ? db.prepare("SELECT id FROM documents WHERE id = ?").all(Number(ref))
      : /^[0-9a-f]{8,64}$/i.test(ref)
        ? db.prepare("SELECT id FROM documents WHERE sha256 LIKE ?").all(`${ref.toLowerCase()}%`)
        : db.prepare("SELECT id FROM documents WHERE path = ? OR file_name = ?").all(ref, ref)
  ) as Array<{ id: number }>;
  if (rows.length === 0) return { error: `no document matches ${JSON.stringify(ref)}` };
  if (rows.length > 1) return { error: `${rows.length} documents match ${JSON.stringify(ref)}; give its id or SHA-256` };
  return rows[0];
}

export interface DocumentJson {
  id: number;
  file: string;
  path: string;
  sha256: string;
  format: string | null;
  pages: number | null;
  document_kind: string | null;
  source_url: string | null;
  /** every URL the document's bytes were downloaded from */
  source_urls: string[];
  /** the fields a reviewer accepted, corrected or rejected: what the extractor said, and who reviewed it when */
  corrected: Record<string, { action: string; old: unknown; note: string | null; reviewer: string | null; at: string }>;
  extractor_version: string;
  fields: Record<string, unknown>;
  flags: Flag[];
  indicators: unknown[];
}

/** One stored document as JSON: every field with its evidence. */
export function documentJson(db: DB, id: number): DocumentJson {
  const row = db.prepare("SELECT id, file_name AS file, path, sha256, format, pages, document_kind, source_url, extractor_version FROM documents WHERE id = ?").get(id) as Omit<DocumentJson, "fields" | "flags" | "indicators" | "source_urls">;
  const d = { ...row, source_urls: documentSources(db, row.sha256) };
  const corrected: DocumentJson["corrected"] = {};
  for (const [field, c] of currentCorrections(db, row.sha256)) corrected[field] = { action: c.action, old: c.old_value === null ? null : JSON.parse(c.old_value), note: c.note, reviewer: c.reviewer, at: c.at };
  const values = documentFields(db, id);
  const fields: Record<string, unknown> = {};
  for (const def of CATALOG) {
    const v = values.get(def.name) as (ReturnType<typeof documentFields> extends Map<string, infer V> ? V : never) | undefined;
    fields[def.name] = v
      ? {
          value: v.exact !== null && v.exact !== undefined ? Number(v.exact) : v.value,
          ...(v.exact ? { exact: v.exact } : {}),
          raw: v.raw,
          unit: v.unit,
          confidence: v.confidence,
          evidence: { start: v.ev_start, end: v.ev_end, page: v.ev_page, section: v.ev_section, text: v.ev_text, ...(v.ev_bbox ? { bbox: JSON.parse(v.ev_bbox) } : {}) },
        }
      : null;
  }
  const indicators = db.prepare("SELECT level1, level2, level3, target, actual, unit, weight, score, reason FROM indicators WHERE document_id = ? ORDER BY seq").all(id);
  return { ...d, fields, flags: documentFlags(db, id), indicators, corrected };
}

/**
 * A stored model has no glyphs (see extract/geometry.ts): a value read again from the same raw text
 * on the same page (or the next, where the box was found) keeps the box it was found at on import.
 */
function keepBoxes(db: DB, id: number, fields: Record<string, FieldValue | null>): void {
  const old = db.prepare("SELECT field, raw, ev_page, ev_bbox FROM field_values WHERE document_id = ? AND ev_bbox IS NOT NULL").all(id) as Array<{ field: string; raw: string; ev_page: number; ev_bbox: string }>;
  for (const o of old) {
    const v = fields[o.field];
    if (v && v.raw === o.raw && v.evidence.page !== null && (o.ev_page === v.evidence.page || o.ev_page === v.evidence.page + 1)) v.evidence = { ...v.evidence, page: o.ev_page, bbox: JSON.parse(o.ev_bbox) };
  }
}

/** Re-runs extraction on stored block models (documents read by an older extractor, or all with `all`). */
export function reextract(db: DB, opts: { all?: boolean; onDoc?: (file: string, status: "reextracted" | "skipped", why?: string) => void } = {}): { reextracted: number; skipped: number } {
  const docs = db
    .prepare(`SELECT id, path FROM documents WHERE status = 'ok' ${opts.all ? "" : "AND extractor_version <> ?"} ORDER BY id`)
    .all(...(opts.all ? [] : [EXTRACTOR_VERSION])) as Array<{ id: number; path: string }>;
  let reextracted = 0;
  let skipped = 0;
  for (const d of docs) {
    const model = storedModel(db, d.id);
    if (!model) {
      skipped++;
      opts.onDoc?.(d.path, "skipped", "no stored block model (imported by an older version): re-import the file with --force");
      continue;
    }
    const r = extractFields(model);
    keepBoxes(db, d.id, r.fields);
    const flags: Flag[] = [...r.flags];
    for (const m of model.messages) if (m.level !== "info") flags.push({ code: "reader_warning", fields: [], message: `${m.code}: ${m.message}` });
    db.transaction(() => {
      writeValues(db, d.id, { fields: r.fields, flags, indicators: r.indicators });
      db.prepare("UPDATE documents SET extractor_version = ?, document_kind = ? WHERE id = ?").run(EXTRACTOR_VERSION, r.document_kind, d.id);
    }).immediate();
    reextracted++;
    opts.onDoc?.(d.path, "reextracted");
  }
  return { reextracted, skipped };
}
