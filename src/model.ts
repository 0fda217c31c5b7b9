/**
 * The data model, defined once as zod schemas; the TypeScript types are inferred from them.
 *
 * DocModel   what every reader produces: blocks (paragraphs, tables) with page numbers.
 * DocumentRecord  what extraction produces for one document: fields with evidence, flags, indicators.
 */
import { z } from "zod";

export const Format = z.enum(["txt", "docx", "pdf", "doc", "html"]);
export type Format = z.infer<typeof Format>;

/** A note from a reader or a rule: warnings accumulate instead of throwing. */
export const Message = z.object({
  level: z.enum(["info", "warning", "error"]),
  code: z.string(),
  message: z.string(),
  page: z.number().int().nullable().optional(),
});
export type Message = z.infer<typeof Message>;

export const Cell = z.object({
  text: z.string(),
  colspan: z.number().int().positive().default(1),
  rowspan: z.number().int().positive().default(1),
});
export type Cell = z.infer<typeof Cell>;

export const Paragraph = z.object({
  kind: z.literal("paragraph"),
  text: z.string(),
  page: z.number().int().nullable(),
  /** heading level when the source marks it as one (Word heading style, <h2>) */
  headingLevel: z.number().int().min(1).max(9).optional(),
  /** read by OCR from a scanned page: its numbers are less certain */
  ocr: z.literal(true).optional(),
});
export const Table = z.object({
  kind: z.literal("table"),
  rows: z.array(z.array(Cell)),
  page: z.number().int().nullable(),
  ocr: z.literal(true).optional(),
});
export const Block = z.discriminatedUnion("kind", [Paragraph, Table]);
export type Paragraph = z.infer<typeof Paragraph>;
export type Table = z.infer<typeof Table>;
export type Block = z.infer<typeof Block>;

export const DocModel = z.object({
  format: Format,
  /** page count for paged formats, null for flowing text */
  pages: z.number().int().nullable(),
  blocks: z.array(Block),
  /** which engine read it, e.g. "mupdf", "pdf.js", "mammoth" */
  engine: z.string(),
  messages: z.array(Message),
});
export type DocModel = z.infer<typeof DocModel>;

export const Evidence = z.object({
  /** character offsets of `raw` in the document's clean text (`jixiao text FILE`) */
  start: z.number().int(),
  end: z.number().int(),
  page: z.number().int().nullable(),
  /** heading path, outermost first, joined with " > " */
  section: z.string(),
  /** the sentence the value was read from */
  text: z.string(),
  /** PDFs: the value's box on `page`, in points from the page's top-left corner [x0, y0, x1, y1] */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
});
export type Evidence = z.infer<typeof Evidence>;

export const FieldValue = z.object({
  value: z.union([z.number(), z.string()]).nullable(),
  /** exact decimal form for money and ratios (no float rounding) */
  exact: z.string().optional(),
  /** the text as written, e.g. "1,956.58万元" */
  raw: z.string(),
  /** unit of `value`: 元, ratio, 分, 人, year, date, grade, text */
  unit: z.string(),
  /** for grades: the word as written (优秀, 良好) */
  qualifier: z.string().optional(),
  confidence: z.number().min(0).max(1),
  /** the rule that found it, for debugging */
  rule: z.string(),
  evidence: Evidence,
});
export type FieldValue = z.infer<typeof FieldValue>;

const flagBase = { fields: z.array(z.string()), message: z.string() };
/** Validation and extraction flags: one typed list, each kind with a `code`. */
export const Flag = z.discriminatedUnion("code", [
  z.object({ code: z.literal("unit_corrected"), ...flagBase, from: z.string(), to: z.string() }),
  z.object({ code: z.literal("conflicting_candidates"), ...flagBase, values: z.array(z.union([z.number(), z.string()])) }),
  z.object({ code: z.literal("parts_do_not_add_up"), ...flagBase, total: z.number(), sum: z.number() }),
  z.object({ code: z.literal("score_grade_mismatch"), ...flagBase }),
  z.object({ code: z.literal("out_of_range"), ...flagBase }),
  z.object({ code: z.literal("foreign_table"), ...flagBase }),
  z.object({ code: z.literal("table_disagrees"), ...flagBase, value: z.number(), table: z.number() }),
  z.object({ code: z.literal("reader_warning"), ...flagBase }),
]);
export type Flag = z.infer<typeof Flag>;
export type FlagCode = Flag["code"];

export const Indicator = z.object({
  level1: z.string().nullable(),
  level2: z.string().nullable(),
  level3: z.string().nullable(),
  target: z.string().nullable(),
  actual: z.string().nullable(),
  unit: z.string().nullable(),
  weight: z.number().nullable(),
  score: z.number().nullable(),
  reason: z.string().nullable(),
});
export type Indicator = z.infer<typeof Indicator>;

/**
 * The standard tables of a 预算/决算 disclosure as data (budget-tables.ts): every line with its code,
 * name and level, each amount exact in 元 under its column's header path, and the table's own
 * arithmetic checked.
 */
export const LineCheck = z.enum(["ok", "failed", "none"]);
export type LineCheck = z.infer<typeof LineCheck>;

export const BudgetCell = z.object({
  /** the column's header path, outermost first, joined with " > " */
  column: z.string(),
  /** the cell as written */
  raw: z.string(),
  /** exact decimal in 元; null for a dash or an unreadable cell */
  amount: z.string().nullable(),
  /** ok: every check covering the cell holds; failed: one does not; none: no check covers it */
  check: LineCheck,
  /** PDFs: the figure's box on its line's page, in points from the top-left corner [x0, y0, x1, y1] */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
});
export type BudgetCell = z.infer<typeof BudgetCell>;

export const BudgetLine = z.object({
  page: z.number().int().nullable(),
  /** the row's offsets in the document's clean text (`jixiao text FILE`) */
  start: z.number().int(),
  end: z.number().int(),
  /** the full classification code (类/款/项 joined: 2010301), or null */
  code: z.string().nullable(),
  name: z.string(),
  /** 类, 款, 项 (from the code), 合计 (the table's total), 小计 (a group's), or null */
  level: z.string().nullable(),
  cells: z.array(BudgetCell),
});
export type BudgetLine = z.infer<typeof BudgetLine>;

export const BudgetCheck = z.object({
  /** children: a 类 is the sum of its 款, a 款 of its 项; total: 合计 of the 类 lines; columns: a 合计
   * column of its sibling columns; sangong: 三公 of its three parts, sangong_car: the car part of
   * 购置 and 运行; cross: a summary table's total
   * against the total of the income or expenditure table */
  rule: z.enum(["children", "total", "columns", "sangong", "sangong_car", "cross"]),
  ok: z.boolean(),
  /** the index of the line holding the total, or null for a check over tables */
  line: z.number().int().nullable(),
  column: z.string().nullable(),
  /** the total as written, in 元 */
  total: z.string(),
  /** what its parts add up to, in 元 */
  sum: z.string(),
  parts: z.number().int(),
  message: z.string(),
});
export type BudgetCheck = z.infer<typeof BudgetCheck>;

export const BudgetTable = z.object({
  /** the table kind (table-catalog.ts), or "unknown" for a table whose title is not in the catalogue */
  kind: z.string(),
  title: z.string().nullable(),
  stage: z.enum(["预算", "决算"]).nullable(),
  /** the money unit its caption states, or null (then no amounts are read) */
  unit: z.string().nullable(),
  page: z.number().int().nullable(),
  last_page: z.number().int().nullable(),
  lines: z.array(BudgetLine),
  checks: z.array(BudgetCheck),
});
export type BudgetTable = z.infer<typeof BudgetTable>;

/** 自评报告 a unit's performance self-evaluation, 项目自评 one project's, 决算 final accounts, 预算 budget, 其他 anything else (notices …). */
export const DocumentKind = z.enum(["自评报告", "项目自评", "决算", "预算", "其他"]);
export type DocumentKind = z.infer<typeof DocumentKind>;

export const DocumentRecord = z.object({
  file: z.string(),
  sha256: z.string(),
  format: Format,
  size: z.number().int(),
  pages: z.number().int().nullable(),
  engine: z.string(),
  document_kind: DocumentKind,
  extractor_version: z.string(),
  fields: z.record(z.string(), FieldValue.nullable()),
  flags: z.array(Flag),
  indicators: z.array(Indicator),
  messages: z.array(Message),
  /** the standard 预算/决算 tables, line by line (stored in budget_lines; `jixiao lines`, `export --lines`) */
  tables: z.array(BudgetTable).optional(),
});
export type DocumentRecord = z.infer<typeof DocumentRecord>;

/** A record as extraction hands it over (the worker to the writer): with the clean text its offsets point into. */
export const FileRecord = DocumentRecord.extend({ text: z.string() });
export type FileRecord = z.infer<typeof FileRecord>;

/** A reviewer's verdict in force on a field: what the extractor said, who reviewed it, when. */
export const Review = z.object({
  action: z.enum(["accept", "set", "reject"]),
  old: z.union([z.number(), z.string()]).nullable(),
  note: z.string().nullable(),
  reviewer: z.string().nullable(),
  at: z.string(),
});
export type Review = z.infer<typeof Review>;

/**
 * A stored document as `show --json`, `export --jsonl` and `query --format jsonl` print it: the
 * DocumentRecord `extract --jsonl` prints (with `file` the file's name), the values reviewed where a
 * review is in force, plus where it is kept and came from and the reviews themselves.
 */
export const StoredRecord = DocumentRecord.extend({
  id: z.number().int(),
  path: z.string(),
  imported_at: z.string(),
  source_url: z.string().nullable(),
  /** every URL the document's bytes were downloaded from */
  source_urls: z.array(z.string()),
  /** the fields a reviewer accepted, corrected or rejected */
  corrected: z.record(z.string(), Review),
});
export type StoredRecord = z.infer<typeof StoredRecord>;
