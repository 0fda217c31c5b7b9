/**
 * The row layout of PDF pages (readers/pdf-layout.ts) in process, on text lines placed by hand on
 * A4 pages (595 × 842 pt, 12 pt text from x = 72): which pieces make one row, where a wide gap makes
 * a cell, what is a page number or a running header, when a row continues the paragraph above, and
 * where a ruled table found on the page goes among the rows.
 */
import { describe, expect, it } from "vitest";
import { isPageNumber, joinPieces, layoutPages, type PageLines, type Segment } from "../../../src/extract/readers/pdf-layout.js";
import type { Block } from "../../../src/model.js";

const wide = (c: string) => /[\u3000-\u9fff\uff00-\uffef]/.test(c);
const widthOf = (t: string, size: number) => [...t].reduce((w, c) => w + (wide(c) ? size : size / 2), 0);
/** A piece of text from x on baseline `base`; `withBase: false` leaves the baseline out (rows by overlap). */
const seg = (text: string, x: number, base: number, size = 12, withBase = true): Segment => ({
  x0: x,
  x1: x + widthOf(text, size),
  y0: base - size,
  y1: base,
  text,
  size,
  ...(withBase ? { base } : {}),
});
const page = (segments: Segment[], tables?: PageLines["tables"]): PageLines => ({ width: 595, height: 842, segments, tables });
/** Lines from x = 72, 20 pt apart from baseline `top`. */
const lines = (texts: string[], top = 200, x = 72, size = 12) => texts.map((t, i) => seg(t, x, top + 20 * i, size));
/** 36 characters: a line that runs from 72 to the right margin (504). */
const FULL = "本单位严格执行预算管理制度，加强资金使用监督，确保各项支出合规合理有效并且按期";
const blocksOf = (...pages: PageLines[]) => layoutPages(pages).blocks;
const show = (blocks: Block[]) =>
  blocks.map((b) =>
    b.kind === "paragraph" ? `${b.page}: ${b.text}` : `${b.page}: [${b.rows.map((r) => r.map((c) => c.text).join("|")).join(" / ")}]`,
  );

describe("isPageNumber", () => {
  it.each([
    "3",
    "- 3 -",
    "—12—",
    "－ 7 －",
    "_5_",
    "第 3 页",
    "第3页，共11页",
    "第 3 页 共 11 页",
    "3 / 11",
    "3／11",
    "Page 3",
    "page 3 of 11",
    "p. 4",
    "Ⅲ",
    "- Ⅳ -",
    "  12  ",
  ])("%j is a page number", (t) => expect(isPageNumber(t)).toBe(true));
  it.each(["12345", "第 3 章", "3 / 11 / 2024", "3.5", "共 11 页", "一", "page", "2024年", `${"-".repeat(19)}1-`])("%j is not", (t) =>
    expect(isPageNumber(t)).toBe(false),
  );
});

describe("joinPieces", () => {
  it("joins pieces of a PDF line without spaces around Chinese, digits and punctuation", () => {
    expect(joinPieces("全年支出", "1,043.96")).toBe("全年支出1,043.96");
    expect(joinPieces("95.", "83%")).toBe("95.83%");
    expect(joinPieces("(", "一)")).toBe("(一)");
    expect(joinPieces("PDF", "text")).toBe("PDF text");
    expect(joinPieces("PDF ", "text")).toBe("PDF text");
    expect(joinPieces("word", "\u3000x")).toBe("word\u3000x");
    expect(joinPieces("abc", "）")).toBe("abc）");
    expect(joinPieces("", "x")).toBe("x");
    expect(joinPieces("x", "")).toBe("x");
  });
});

describe("layoutPages: rows and cells", () => {
  it("pieces on one baseline are one row in x order; baselines within 0.3 em are the same row", () => {
    const p = page([seg("支出", 120, 200), seg("部门", 72, 203.5), seg("下一行", 72, 203.7 + 0.1)]);
    expect(show(blocksOf(p))).toEqual(["1: 部门支出", "1: 下一行"]);
  });
  it("without baselines, pieces whose boxes overlap by half a height are one row", () => {
    const p = page([seg("甲", 72, 200, 12, false), seg("乙", 84, 205.9, 12, false), seg("丙", 72, 240, 12, false)]);
    expect(show(blocksOf(p))).toEqual(["1: 甲乙", "1: 丙"]);
    const q = page([seg("甲", 72, 200, 12, false), seg("乙", 84, 206.1, 12, false)]);
    expect(show(blocksOf(q))).toEqual(["1: 甲", "1: 乙"]);
  });
  it("a gap wider than 2.2 em (and 18 pt) is a cell break; rows with cell breaks make a table, one such row alone a tab-separated line", () => {
    const row = (base: number, a: string, b: string) => [seg(a, 72, base), seg(b, 72 + widthOf(a, 12) + 27, base)];
    // 26.4 pt is 2.2 em of 12 pt: 27 breaks, 26 does not
    expect(show(blocksOf(page([...row(200, "项目", "金额"), ...row(220, "收入", "12.50")])))).toEqual(["1: [项目|金额 / 收入|12.50]"]);
    expect(show(blocksOf(page(row(200, "项目", "金额"))))).toEqual(["1: 项目\t金额"]);
    const near = page([seg("项目", 72, 200), seg("金额", 72 + 24 + 26, 200)]);
    expect(show(blocksOf(near))).toEqual(["1: 项目金额"]);
    // small text: at least 18 pt
    const small = (gap: number) => page([seg("ab", 72, 200, 6), seg("cd", 78 + gap, 200, 6)]);
    expect(show(blocksOf(small(17)))).toEqual(["1: ab cd"]);
    expect(show(blocksOf(small(19)))).toEqual(["1: ab\tcd"]);
  });
  it("a gap of more than 0.45 em between Latin pieces is a space; none next to Chinese", () => {
    const p = page([
      seg("Total", 72, 200),
      seg("budget", 72 + 30 + 6, 200),
      seg("2024", 72 + 30 + 6 + 36 + 5, 200),
      seg("年", 72 + 30 + 6 + 36 + 5 + 24 + 8, 200),
    ]);
    expect(show(blocksOf(p))).toEqual(["1: Total budget2024年"]);
  });
  it("trims the spaces of a piece at a cell break and at the row's ends", () => {
    const p = page([seg(" 项目 ", 72, 200), seg("  金额", 160, 200), seg("x ", 72, 220), seg(" y", 160, 220)]);
    expect(show(blocksOf(p))).toEqual(["1: [项目|金额 / x|y]"]);
  });
  it("leaves out pieces of spaces only", () => {
    expect(show(blocksOf(page([seg("   ", 72, 180), seg("正文", 72, 200)])))).toEqual(["1: 正文"]);
  });
});

describe("layoutPages: page numbers and running text", () => {
  it("drops a page number in the first or last row of a page, wherever it sits, and counts it", () => {
    // a full line far above the body sets the right margin
    const body = [seg(FULL, 72, 150), ...lines(["第一段正文内容。", "第二段正文内容。"], 300)];
    const r = layoutPages([page([...body, seg("- 1 -", 290, 800)]), page([seg("2", 290, 60), ...body])]);
    expect(show(r.blocks)).toEqual([1, 2].flatMap((n) => [`${n}: ${FULL}`, `${n}: 第一段正文内容。`, `${n}: 第二段正文内容。`]));
    expect(r.removed).toBe(2);
  });
  it("keeps a number in the middle of a page", () => {
    const r = layoutPages([page([seg("标题", 72, 100), seg("12", 72, 400), seg("结尾。", 72, 500)])]);
    expect(show(r.blocks)).toEqual(["1: 标题", "1: 12", "1: 结尾。"]);
    expect(r.removed).toBe(0);
  });
  it("drops a header or footer repeated at the same height on 40 % of the pages, numbers aside", () => {
    const pages = [1, 2, 3, 4, 5].map((n) =>
      page([
        seg(`某县财政局2024年度报告 第${n}期`, 72, 50),
        seg(FULL, 72, 150),
        seg(`第${n}页正文，内容各不相同。`, 72, 300),
        seg(n <= 2 ? "内部资料 注意保存" : `尾注${"丙丁戊"[n - 3]}`, 72, 810),
      ]),
    );
    const r = layoutPages(pages);
    // the header is on five pages; the footer on two of five (40 %) goes too
    expect(show(r.blocks)).toEqual(
      [1, 2, 3, 4, 5].flatMap((n) => [
        `${n}: ${FULL}`,
        `${n}: 第${n}页正文，内容各不相同。`,
        ...(n <= 2 ? [] : [`${n}: 尾注${"丙丁戊"[n - 3]}`]),
      ]),
    );
    expect(r.removed).toBe(7);
  });
  it("a header moved by one 4-pt band still repeats; two bands is another place", () => {
    const at = (y: number, n: number) => page([seg("页眉文字", 72, y), seg(`正文${n}。`, 72, 300), seg(`末行${n}。`, 72, 400)]);
    expect(show(blocksOf(at(50, 1), at(53, 2)))).toEqual(["1: 正文1。", "1: 末行1。", "2: 正文2。", "2: 末行2。"]);
    expect(show(blocksOf(at(50, 1), at(60, 2)))).toEqual([
      "1: 页眉文字",
      "1: 正文1。",
      "1: 末行1。",
      "2: 页眉文字",
      "2: 正文2。",
      "2: 末行2。",
    ]);
  });
  it("text repeated in the middle of pages is kept, and a one-page document keeps its header", () => {
    const mid = (n: string) => page([seg(`开头${n}。`, 72, 100), seg("重复的中间行", 72, 400), seg(`结尾${n}。`, 72, 700)]);
    expect(show(blocksOf(mid("甲"), mid("乙")))).toHaveLength(6);
    expect(show(blocksOf(page([seg("页眉", 72, 50), seg("正文。", 72, 300)])))).toEqual(["1: 页眉", "1: 正文。"]);
  });
  it("drops a running header that repeats the title printed just below it, on a single page too", () => {
    const r = layoutPages([page([seg("2024年度部门决算", 72, 60), seg("2024 年度 部门决算", 72, 120), seg("正文。", 72, 300)])]);
    expect(show(r.blocks)).toEqual(["1: 2024 年度 部门决算", "1: 正文。"]);
    expect(r.removed).toBe(1);
    // lower than 12 % of the page it is the title itself
    expect(show(blocksOf(page([seg("标题", 72, 110), seg("标题", 72, 140), seg("正文。", 72, 300)])))).toHaveLength(3);
  });
});

describe("layoutPages: paragraphs", () => {
  it("a row that runs to the right margin continues into the next one; a short row ends the paragraph", () => {
    const p = page(lines([FULL, FULL, "短行结束。", "下一段开始。"]));
    expect(show(blocksOf(p))).toEqual([`1: ${FULL}${FULL}短行结束。`, "1: 下一段开始。"]);
  });
  it("an indented row starts a paragraph; so does a row that looks like a heading", () => {
    const indented = page([...lines([FULL, FULL]), seg("　　缩进的新段落。", 72 + 15, 240)]);
    expect(show(blocksOf(indented))).toHaveLength(2);
    const x = 72 + 14; // not more than 1.2 em in: a continuation
    expect(show(blocksOf(page([...lines([FULL, FULL]), seg("接续。", x, 240)])))).toEqual([`1: ${FULL}${FULL}接续。`]);
    for (const h of ["二、主要成效", "（一）资金使用", "(2)管理", "3、项目", "4.绩效", "第二部分 说明", "附件1", "附表"])
      expect(show(blocksOf(page(lines([FULL, FULL, h]))))).toEqual([`1: ${FULL}${FULL}`, `1: ${h}`]);
    // a numbered value is no heading
    expect(show(blocksOf(page(lines([FULL, FULL, "3.5万元。"]))))).toEqual([`1: ${FULL}${FULL}3.5万元。`]);
  });
  it("a gap of more than 1.6 lines, or another font size, ends the paragraph", () => {
    const gap = (d: number) => page([...lines([FULL, FULL]), seg("后文。", 72, 220 + d)]);
    expect(show(blocksOf(gap(31)))).toHaveLength(1); // 19 pt between the boxes
    expect(show(blocksOf(gap(32)))).toHaveLength(2); // 20 pt
    const size = (s: number) => page([...lines([FULL, FULL]), seg("后文。", 72, 240, s)]);
    expect(show(blocksOf(size(13.4)))).toHaveLength(1);
    expect(show(blocksOf(size(13.5)))).toHaveLength(2);
  });
  it("a paragraph ending a sentence short of the margin ends; a line ending in punctuation at the margin goes on", () => {
    const short = `${FULL.slice(0, 30)}。`;
    expect(show(blocksOf(page([...lines([FULL, FULL, short]), seg("新的一行。", 72, 260)])))).toHaveLength(2);
    const atMargin = `${FULL.slice(0, 35)}：`;
    expect(show(blocksOf(page([...lines([FULL, atMargin]), seg("列举的内容。", 72, 240)])))).toEqual([`1: ${FULL}${atMargin}列举的内容。`]);
  });
  it("a row stopping short because the next word (a number) did not fit still continues", () => {
    // the line stops 2 em short of the margin; the next row starts with a 6-character number
    const p = page([...lines([FULL, FULL]), seg(FULL.slice(0, 34), 72, 240), seg("123.45万元。", 72, 260)]);
    expect(show(blocksOf(p))).toEqual([`1: ${FULL}${FULL}${FULL.slice(0, 34)}123.45万元。`]);
    const q = page([...lines([FULL, FULL]), seg(FULL.slice(0, 34), 72, 240), seg("万元。", 72, 260)]);
    expect(show(blocksOf(q))).toHaveLength(2);
  });
  it("joins a paragraph across a page break, and a number split by the wrap (95.↵83%)", () => {
    const p1 = page(lines([FULL, `${FULL.slice(0, 33)}达到95.`], 700));
    const p2 = page(lines(["83%，较上年提高。"], 80));
    expect(show(blocksOf(p1, p2))).toEqual([`1: ${FULL}${FULL.slice(0, 33)}达到95.83%，较上年提高。`]);
  });
  it("a title in a large font over centred lines is one paragraph", () => {
    const p = page([seg("上海市普陀区规划和自然", 165, 120, 24), seg("资源局", 261, 146, 24), ...lines([FULL, FULL, "正文结束。"], 200)]);
    expect(show(blocksOf(p))).toEqual(["1: 上海市普陀区规划和自然资源局", `1: ${FULL}${FULL}正文结束。`]);
    // further apart than 1.2 lines: two paragraphs
    const q = page([seg("上海市普陀区规划和自然", 165, 120, 24), seg("资源局", 261, 180, 24), ...lines([FULL, FULL], 220)]);
    expect(show(blocksOf(q))).toHaveLength(3);
  });
});

describe("layoutPages: ruled tables among the rows", () => {
  it("a ruled table goes in before the first row below its top edge, and the rows around it stay paragraphs", () => {
    const rows = [[{ text: "项目", colspan: 1, rowspan: 1 }], [{ text: "合计", colspan: 1, rowspan: 1 }]];
    const p = page([...lines([FULL, "表上一行。"], 200), seg("表下一行。", 72, 400)], [{ y0: 250, y1: 380, rows }]);
    expect(show(blocksOf(p))).toEqual([`1: ${FULL}表上一行。`, "1: [项目 / 合计]", "1: 表下一行。"]);
  });
  it("a table at the end of a page comes before the next page's rows; one at the end of the document comes last", () => {
    const rows = [[{ text: "甲", colspan: 1, rowspan: 1 }]];
    const blocks = blocksOf(
      page(lines(["第一页。"], 100), [{ y0: 600, y1: 700, rows }]),
      page(lines(["第二页。"], 100), [{ y0: 500, y1: 600, rows }]),
    );
    expect(show(blocks)).toEqual(["1: 第一页。", "1: [甲]", "2: 第二页。", "2: [甲]"]);
  });
  it("a ruled table ends a table of gap-separated rows before it", () => {
    const rows = [[{ text: "乙", colspan: 1, rowspan: 1 }]];
    const p = page([seg("a", 72, 200), seg("b", 200, 200), seg("c", 72, 220), seg("d", 200, 220)], [{ y0: 300, y1: 320, rows }]);
    expect(show(blocksOf(p))).toEqual(["1: [a|b / c|d]", "1: [乙]"]);
  });
});
