/**
 * jixiao's public surface, for scripts (a nightly crawl, a notebook): read and extract a file, keep
 * records in a database and ask it questions, the schemas and types of what comes out, and the
 * normalisers that turn report text into exact values. Everything else is internal.
 *
 *   import { processFile, openDb, importFiles, queryDocuments, closeDb } from "jixiao";
 */
// one file: bytes → document model → record

export { ReadError } from "./errors.js";
export { CATALOG, FIELD_NAMES, type FieldDef } from "./extract/catalog.js";
export { renderText } from "./extract/document.js";
export { toRecord } from "./extract/extract.js";
export { type ReadOptions, readDocument } from "./extract/read.js";
export { type ImportEvent, type ImportOptions, type ImportSummary, importFiles } from "./importer.js";
// the data model (zod schemas and their types) and errors
export * from "./model.js";
export { parseDate, parseYear } from "./normalize/date.js";
export { gradeForScore, normalizeGrade } from "./normalize/grade.js";
export { parseMoney, toYuan } from "./normalize/money.js";
// normalisers: report text → exact values
export { parseNumber, parsePercent } from "./normalize/number.js";
export { parseRatio } from "./normalize/ratio.js";
export { type FileRecord, processFile, readPath } from "./pipeline.js";
export { reextract } from "./reextract.js";
export { exportCsv, exportIndicatorsCsv } from "./store/csv.js";
// the database
export { closeDb, type DB, openDb } from "./store/db.js";
export { documentJson, findDocument, type QueryFilters, queryDocuments } from "./store/query.js";
export { search } from "./store/search.js";
export { EXTRACTOR_VERSION, PACKAGE_VERSION } from "./version.js";
