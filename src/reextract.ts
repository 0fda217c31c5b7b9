/**
 * `jixiao reextract`: extraction run again on the block models the store kept, without the files —
 * for documents read by another extractor version, or all of them. Above the store: the store keeps
 * and gives back, extraction (extract/extract.ts) decides.
 */
import { extractDocument } from "./extract/extract.js";
import { recoverStructure } from "./extract/structure.js";
import type { FieldValue } from "./model.js";
import { type DB, documentsToReextract, saveReextracted, storedBoxes, storedModel } from "./store/db.js";
import { EXTRACTOR_VERSION } from "./version.js";

export function reextract(
  db: DB,
  opts: { all?: boolean; onDoc?: (file: string, status: "reextracted" | "skipped", why?: string) => void } = {},
): { reextracted: number; skipped: number } {
  let reextracted = 0;
  let skipped = 0;
  for (const d of documentsToReextract(db, EXTRACTOR_VERSION, !!opts.all)) {
    const model = storedModel(db, d.id);
    if (!model) {
      skipped++;
      opts.onDoc?.(d.path, "skipped", "no stored block model (imported by an older version): re-import the file with --force");
      continue;
    }
    // the structure pass of this version (idempotent on a model it has already been through)
    const r = extractDocument(recoverStructure(model));
    keepBoxes(r.fields, storedBoxes(db, d.id));
    saveReextracted(db, d.id, { ...r, extractor_version: EXTRACTOR_VERSION });
    reextracted++;
    opts.onDoc?.(d.path, "reextracted");
  }
  return { reextracted, skipped };
}

/**
 * A stored model has no glyphs (see extract/geometry.ts): a value read again from the same raw text
 * on the same page (or the next, where the box was found) keeps the box it was found at on import.
 */
function keepBoxes(fields: { [field: string]: FieldValue | null }, old: ReturnType<typeof storedBoxes>): void {
  for (const [field, o] of old) {
    const v = fields[field];
    if (v && v.raw === o.raw && v.evidence.page !== null && (o.page === v.evidence.page || o.page === v.evidence.page + 1))
      v.evidence = { ...v.evidence, page: o.page, bbox: o.bbox };
  }
}
