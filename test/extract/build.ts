/**
 * Documents built block by block for in-process tests of the extraction rules, and a context in
 * which the report's own unit and year are given as if chosen (rules that check a table's heading
 * against them read them through `ctx.chosen`).
 */
import { buildContext } from "../../src/extract/extract.js";
import { textToBlocks } from "../../src/extract/readers/text.js";
import type { Candidate, Context } from "../../src/extract/rules.js";
import { recoverStructure } from "../../src/extract/structure.js";
import type { Block, Cell, DocModel } from "../../src/model.js";

/** a cell: its text, or its text with a column and row span */
export type CellSpec = string | { text: string; colspan?: number; rowspan?: number };
const cell = (c: CellSpec): Cell => (typeof c === "string" ? { text: c, colspan: 1, rowspan: 1 } : { colspan: 1, rowspan: 1, ...c });
export const table = (rows: CellSpec[][]): Block => ({ kind: "table", page: null, rows: rows.map((r) => r.map(cell)) });
export const para = (text: string): Block => ({ kind: "paragraph", text, page: null });
export const docOf = (...blocks: Block[]): DocModel => ({ format: "html", pages: null, engine: "test", messages: [], blocks });

/** A context for a rule run alone; unit_name and fiscal_year as if chosen (null where not given). */
export function ctxOf(doc: DocModel, own: { unit?: string; year?: number } = {}): Context {
  const ctx = buildContext(doc);
  const chosen = (value: string | number): Candidate => ({ value, unit: "", confidence: 1, rule: "test", start: 0, end: 0 });
  ctx.chosen = (f: string) =>
    f === "unit_name" && own.unit ? chosen(own.unit) : f === "fiscal_year" && own.year ? chosen(own.year) : null;
  return ctx;
}

/** A document read from plain text, as reading makes it: the text reader's lines and tab tables, then
 * the structure pass every format goes through (flattened tables rebuilt …). */
export const textDoc = (text: string): DocModel => recoverStructure({ format: "txt", engine: "test", messages: [], ...textToBlocks(text) });
