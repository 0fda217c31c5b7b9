/**
 * CSV export for Excel, pandas and R: UTF-8 with a BOM, one row per document, one column per
 * catalog field with its unit in the name (income_budget_yuan, satisfaction_ratio), a stable
 * column order, and text cells starting with = + - @ (or tab / CR) neutralised with a leading '.
 * One writer for every CSV jixiao prints (`export`, `query --format csv`): RFC 4180, every cell
 * holding a line break, a quote or a comma quoted, so a multi-line 存在问题 stays one cell.
 */
import { stringify } from "csv-stringify/sync";
import { currentCorrections } from "./corrections.js";
import { type DB, documentFields, documentFlags, listDocuments, storedValue } from "./db.js";

export const LEADING_COLUMNS = ["file", "path", "sha256", "format"] as const;
export const TRAILING_COLUMNS = ["flags", "corrected_fields", "extractor_version", "imported_at"] as const;

/** What the CSV needs of a field (the catalog's entries have it): name, column, label, kind. */
export interface CsvField {
  name: string;
  column: string;
  label: string;
  kind: string;
}

export function csvColumns(catalog: readonly CsvField[], lang: "en" | "zh" = "en"): string[] {
  const fields = catalog.map((f) => (lang === "zh" ? `${f.label}${unitLabel(f.kind)}` : f.column));
  const lead = lang === "zh" ? ["文件", "路径", "SHA-256", "格式"] : [...LEADING_COLUMNS];
  const trail = lang === "zh" ? ["标记", "人工更正的字段", "提取器版本", "导入时间"] : [...TRAILING_COLUMNS];
  return [...lead, ...fields, ...trail];
}

function unitLabel(kind: string): string {
  return kind === "money"
    ? "（元）"
    : kind === "ratio"
      ? "（比率）"
      : kind === "score"
        ? "（分）"
        : kind === "persons"
          ? "（人）"
          : kind === "count"
            ? "（个）"
            : "";
}

/** Neutralises spreadsheet formulas in text cells (CWE-1236). Numbers are written as numbers. */
export function safeCell(v: unknown): string | number {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? v : "";
  const s = String(v);
  // a negative decimal written as text (an exact amount) is a number to a spreadsheet, not a formula
  if (/^-\d+(?:\.\d+)?$/.test(s)) return s;
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** The CSV text of a header and rows: UTF-8 BOM, CRLF records, cells made safe and quoted where needed. */
export function csvText(header: string[], rows: unknown[][]): string {
  // csv-stringify quotes the record delimiter (CRLF) but not a bare LF or CR: quote those too (RFC 4180)
  return `\ufeff${stringify([header, ...rows.map((r) => r.map(safeCell))], { record_delimiter: "\r\n", quoted_match: /[\r\n]/ })}`;
}

/** One row per document, one column per field of `catalog`, reviewed values applied. */
export function exportCsv(db: DB, catalog: readonly CsvField[], opts: { lang?: "en" | "zh" } = {}): string {
  const rows: unknown[][] = [];
  for (const d of listDocuments(db)) {
    const values = documentFields(db, d.id);
    const flags = [...new Set(documentFlags(db, d.id).map((f) => f.code))].join(";");
    // fields a reviewer set or rejected: their values here are the reviewer's
    const corrected = [...currentCorrections(db, d.sha256)]
      .filter(([, c]) => c.action !== "accept")
      .map(([f]) => f)
      .sort()
      .join(";");
    rows.push([
      d.file_name,
      d.path,
      d.sha256,
      d.format,
      ...catalog.map((f) => {
        const v = values.get(f.name);
        // money and ratios: the exact decimal, so Excel and pandas read the same digits we stored
        return v ? storedValue(v) : null;
      }),
      flags,
      corrected,
      d.extractor_version,
      d.imported_at,
    ]);
  }
  return csvText(csvColumns(catalog, opts.lang ?? "en"), rows);
}

export const INDICATOR_COLUMNS = [
  "file",
  "sha256",
  "row",
  "level1",
  "level2",
  "level3",
  "target",
  "actual",
  "unit",
  "weight",
  "score",
  "reason",
] as const;
const INDICATOR_COLUMNS_ZH = [
  "文件",
  "SHA-256",
  "行",
  "一级指标",
  "二级指标",
  "三级指标",
  "年度目标值",
  "实际完成值",
  "单位",
  "分值",
  "得分",
  "偏差原因",
];

/** The score-table rows of every document, one CSV row each. */
export function exportIndicatorsCsv(db: DB, opts: { lang?: "en" | "zh" } = {}): string {
  const rows = db
    .prepare(
      `SELECT d.file_name AS file, d.sha256, i.seq AS row, i.level1, i.level2, i.level3, i.target, i.actual, i.unit, i.weight, i.score, i.reason
       FROM indicators i JOIN documents d ON d.id = i.document_id ORDER BY d.file_name, d.path, i.seq`,
    )
    .all() as Array<Record<string, unknown>>;
  const header = opts.lang === "zh" ? INDICATOR_COLUMNS_ZH : [...INDICATOR_COLUMNS];
  return csvText(
    header,
    rows.map((r) => INDICATOR_COLUMNS.map((c) => (c === "row" ? Number(r[c]) + 1 : r[c]))),
  );
}
