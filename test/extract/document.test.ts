/**
 * The clean text and its page map (document.ts), and the grid of a table with spans (grid.ts), in
 * process: what evidence offsets point into, and how merged cells fill a table's grid.
 */
import { describe, expect, it } from "vitest";
import { blockLines, pageAt, renderText, spanAt } from "../../src/extract/document.js";
import { gridOf } from "../../src/extract/grid.js";
import type { Block, DocModel, Table } from "../../src/model.js";

type C = string | [string, number, number];
const table = (rows: C[][], page: number | null = null, ocr?: true): Table => ({
  kind: "table",
  page,
  ...(ocr ? { ocr } : {}),
  rows: rows.map((r) =>
    r.map((c) => (typeof c === "string" ? { text: c, colspan: 1, rowspan: 1 } : { text: c[0], colspan: c[1], rowspan: c[2] })),
  ),
});
const para = (text: string, page: number | null = null): Block => ({ kind: "paragraph", text, page });

describe("renderText", () => {
  it("paragraphs on their lines, table rows as tab-separated cells (a cell's own tabs and line breaks made one space)", () => {
    expect(
      blockLines(
        table([
          ["甲\t\t乙", "丙\n丁"],
          ["1", "2"],
        ]),
      ),
    ).toEqual(["甲 乙\t丙 丁", "1\t2"]);
    const doc: DocModel = {
      format: "pdf",
      pages: 2,
      engine: "t",
      messages: [],
      blocks: [para("标题", 1), table([["a", "b"]], 1, true), para("正文", 2)],
    };
    const r = renderText(doc);
    expect(r.text).toBe("标题\na\tb\n正文\n");
    expect(r.spans).toEqual([
      { start: 0, end: 2, page: 1, block: 0 },
      { start: 3, end: 6, page: 1, block: 1, ocr: true },
      { start: 7, end: 9, page: 2, block: 2 },
    ]);
  });
  it("spanAt and pageAt: the block holding an offset, its end (the line break) included; none outside", () => {
    const doc: DocModel = {
      format: "pdf",
      pages: 3,
      engine: "t",
      messages: [],
      blocks: [para("一二", 1), para("三四", 2), para("五六", 3), para("七八", null)],
    };
    const r = renderText(doc);
    const pages = Array.from({ length: r.text.length + 2 }, (_, i) => pageAt(r, i));
    expect(pages).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, null, null, null, null, null]);
    expect(spanAt(r, 4)?.block).toBe(1);
    expect(spanAt(r, -1)).toBeUndefined();
    expect(spanAt(renderText({ ...doc, blocks: [] }), 0)).toBeUndefined();
  });
});

describe("gridOf", () => {
  it("a cell spanned down fills the rows below; the next cells move right", () => {
    expect(gridOf(table([[["A", 1, 2], "B"], ["C"]]))).toEqual([
      ["A", "B"],
      ["A", "C"],
    ]);
  });
  it("spanned across and down together", () => {
    expect(gridOf(table([[["A", 2, 2], "B"], ["C"], ["D", "E", "F"]]))).toEqual([
      ["A", "A", "B"],
      ["A", "A", "C"],
      ["D", "E", "F"],
    ]);
  });
  it("a span in the middle of a row", () => {
    expect(
      gridOf(
        table([
          ["A", ["B", 1, 3], "C"],
          ["D", "E"],
          ["F", "G"],
        ]),
      ),
    ).toEqual([
      ["A", "B", "C"],
      ["D", "B", "E"],
      ["F", "B", "G"],
    ]);
  });
  it("short rows padded with empty cells; a span below the last row makes rows of its own", () => {
    expect(gridOf(table([["A", "B", "C"], ["D"]]))).toEqual([
      ["A", "B", "C"],
      ["D", "", ""],
    ]);
    expect(gridOf(table([[["A", 1, 2], "B"]]))).toEqual([
      ["A", "B"],
      ["A", ""],
    ]);
    expect(gridOf(table([]))).toEqual([]);
  });
});
