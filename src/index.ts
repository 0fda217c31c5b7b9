/**
 * jixiao's public surface, for scripts (a nightly crawl, a notebook): read and extract a file, keep
 * records in a database and ask it questions, the schemas and types of what comes out, and the
 * normalisers that turn report text into exact values. Everything else is internal.
 *
 *   import { processFile, openDb, importFiles, queryDocuments, closeDb } from "jixiao";
 */
// one file: bytes → document model → record
export { processFile, readPath, type FileRecord } from "./pipeline.js";
export { readDocument, type ReadOptions } from "./extract/read.js";
export { toRecord } from "./extract/extract.js";
export { renderText } from "./extract/document.js";
export { CATALOG, FIELD_NAMES, type FieldDef } from "./extract/catalog.js";
// the database
export { openDb, closeDb, type DB } from "./store/db.js";
export { importFiles, type ImportEvent, type ImportOptions, type ImportSummary } from "./importer.js";
export { queryDocuments, documentJson, findDocument, type QueryFilters } from "./store/query.js";
export { reextract } from "./reextract.js";
export { search } from "./store/search.js";
export { exportCsv, exportIndicatorsCsv } from "./store/csv.js";
// the data model (zod schemas and their types) and errors
export * from "./model.js";
export { ReadError } from "./errors.js";
export { EXTRACTOR_VERSION, PACKAGE_VERSION } from "./version.js";
// normalisers: report text → exact values
export { parseNumber, parsePercent } from "./normalize/number.js";
export { parseMoney, toYuan } from "./normalize/money.js";
export { parseRatio } from "./normalize/ratio.js";
export { normalizeGrade, gradeForScore } from "./normalize/grade.js";
export { parseDate, parseYear } from "./normalize/date.js";
