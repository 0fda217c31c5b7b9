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
const LINE2 = "本单位绩效目标完成情况良好";
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
    "  第3页  ",
    `${"-".repeat(18)}1-`,
  ])("%j is a page number", (t) => expect(isPageNumber(t)).toBe(true));
  it.each(["12345", "第 3 章", "3 / 11 / 2024", "3.5", "共 11 页", "一", "page", "2024年", `${"-".repeat(19)}1-`])("%j is not", (t) =>
    expect(isPageNumber(t)).toBe(false),
  );
});

describe("joinPieces", () => {
  it.each([
    ["全年支出", "1,043.96", "全年支出1,043.96"],
    ["95.", "83%", "95.83%"],
    ["(", "一)", "(一)"],
    ["PDF", "text", "PDF text"],
    ["PDF ", "text", "PDF text"],
    ["word", "\u3000x", "word\u3000x"],
    ["abc", "）", "abc）"],
    ["", "x", "x"],
    ["x", "", "x"],
    ["甲", "x", "甲x"],
    ["x", "甲", "x甲"],
    ["a ", "b", "a b"],
  ])("%j + %j → %j: no space around Chinese, digits and punctuation", (a, b, joined) => expect(joinPieces(a, b)).toBe(joined));

  it.each([..."09.,%(（-"])("nothing after %j", (c) => expect(joinPieces(`x${c}`, "y")).toBe(`x${c}y`));
  it.each([..."09.,%)）"])("nothing before %j", (c) => expect(joinPieces("x", `${c}y`)).toBe(`x${c}y`));
  it.each([..."/:+abAZ"])("a space between Latin pieces around %j", (c) => {
    expect(joinPieces(`x${c}`, "y")).toBe(`x${c} y`);
    expect(joinPieces("x", `${c}y`)).toBe(`x ${c}y`);
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
  it("Latin letters given glyph by glyph, touching, make one word", () => {
    const glyphs = [..."source:"].map((c, i) => seg(c, 72 + 6 * i, 200, 12));
    expect(show(blocksOf(page([...glyphs, seg("http", 72 + 6 * 7 + 4, 200)])))).toEqual(["1: source: http"]);
  });
  it("trims the spaces of a piece at a cell break and at the row's ends", () => {
    const p = page([seg(" 项目 ", 72, 200), seg("  金额", 160, 200), seg("x ", 72, 220), seg(" y", 160, 220)]);
    expect(show(blocksOf(p))).toEqual(["1: [项目|金额 / x|y]"]);
  });
  it("leaves out pieces of spaces only", () => {
    expect(show(blocksOf(page([seg("   ", 72, 180), seg("正文", 72, 200)])))).toEqual(["1: 正文"]);
    // a wide piece of spaces between two cells does not close their gap
    const spaced = { ...seg("  ", 84, 200), x1: 120 };
    expect(show(blocksOf(page([seg("甲", 72, 200), spaced, seg("乙", 130, 200)])))).toEqual(["1: 甲\t乙"]);
  });
  it("sorts the pieces of a page by baseline, then x, whatever order they come in", () => {
    const p = page([seg("三行", 72, 240), seg("右", 200, 200), seg("二行", 72, 220), seg("左", 72, 200)]);
    expect(show(blocksOf(p))).toEqual(["1: 左\t右", "1: 二行", "1: 三行"]);
  });
  it("a piece's trailing and leading spaces go before it is joined to its neighbour", () => {
    // (digits alone on a page would be a page number)
    expect(show(blocksOf(page([seg("12 ", 72, 200), seg("34.5", 72 + widthOf("12 ", 12), 200)])))).toEqual(["1: 1234.5"]);
    expect(show(blocksOf(page([seg("12", 72, 200), seg(" 34.5", 84, 200)])))).toEqual(["1: 1234.5"]);
  });
  it("baselines exactly 0.3 em apart are one row, judged by the smaller size", () => {
    expect(show(blocksOf(page([seg("甲", 72, 200, 10), seg("乙", 82, 203, 10)])))).toEqual(["1: 甲乙"]);
    expect(show(blocksOf(page([seg("甲", 72, 200, 10), seg("乙", 82, 204, 20)])))).toEqual(["1: 甲", "1: 乙"]);
  });
  it("a piece with a baseline and one without are compared by their boxes", () => {
    expect(show(blocksOf(page([seg("甲", 72, 200), seg("乙", 84, 201, 12, false)])))).toEqual(["1: 甲乙"]);
  });
  it("boxes overlapping by exactly half the smaller height are one row; the row's whole extent counts", () => {
    const box = (text: string, x: number, y0: number, y1: number): Segment => ({ x0: x, x1: x + 12, y0, y1, text, size: 12 });
    expect(show(blocksOf(page([box("甲", 72, 100, 112), box("乙", 84, 106, 118)])))).toEqual(["1: 甲乙"]);
    // a small glyph inside a line's height, a tall one around a short line
    expect(show(blocksOf(page([box("甲", 72, 100, 112), box("乙", 84, 104, 108)])))).toEqual(["1: 甲乙"]);
    expect(show(blocksOf(page([box("甲", 72, 100, 104), box("乙", 84, 100, 124)])))).toEqual(["1: 甲乙"]);
    // the third piece overlaps the first two together by 6
    expect(show(blocksOf(page([box("甲", 72, 100, 112), box("乙", 84, 105, 117), box("丙", 96, 111, 123)])))).toEqual(["1: 甲乙丙"]);
  });
  it("a size of 0 is read from the box's height; a row's size is its pieces' median", () => {
    const zero = (text: string, x: number) => ({ ...seg(text, x, 200), size: 0 });
    // 12 pt high: a cell break needs 26.4 pt
    expect(show(blocksOf(page([zero("ab", 72), zero("cd", 72 + 12 + 22)])))).toEqual(["1: ab cd"]);
    expect(show(blocksOf(page([zero("ab", 72), zero("cd", 72 + 12 + 30)])))).toEqual(["1: ab\tcd"]);
    // sizes 12, 6, 12: the median is 12, so a gap of 20 is no cell break
    expect(show(blocksOf(page([seg("甲", 72, 200), seg("乙", 84, 200, 6), seg("丙", 110, 200)])))).toEqual(["1: 甲乙丙"]);
  });
  it("a gap of exactly 18 pt between small pieces is no cell break", () => {
    expect(show(blocksOf(page([seg("ab", 72, 200, 6), seg("cd", 78 + 18, 200, 6)])))).toEqual(["1: ab cd"]);
  });
  it("between digits, a gap over 0.45 em is a space and one of 0.45 em is not; after Chinese never", () => {
    const two = (a: string, b: string, gap: number) =>
      show(blocksOf(page([seg(a, 72, 200, 10), seg(b, 72 + widthOf(a, 10) + gap, 200, 10)])));
    expect(two("12", "34.5", 6)).toEqual(["1: 12 34.5"]);
    expect(two("12", "34.5", 4.5)).toEqual(["1: 1234.5"]);
    expect(two("年", "34", 6)).toEqual(["1: 年34"]);
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
  it("a page number is dropped in the top or bottom 12 % of a page, or as its first or last row", () => {
    const body = (y: number) => seg(`${LINE2}。`, 72, y);
    const cases: Array<[string, Segment[]]> = [
      ["first row, mid-page", [seg("- 3 -", 290, 300), body(400), body(420)]],
      ["second row, top 12 %", [seg("某县水利局", 72, 40), seg("3", 290, 80), body(400)]],
      ["last row, mid-page", [body(400), body(420), seg("第 3 页", 290, 600)]],
      ["second-last row, bottom 12 %", [body(400), seg("3 / 9", 290, 800), seg("内部资料", 72, 830)]],
    ];
    for (const [what, segs] of cases) {
      const r = layoutPages([page(segs)]);
      expect(r.removed, what).toBe(1);
      expect(show(r.blocks).join("\n"), what).not.toMatch(/\d \/ \d|- 3 -|^1: 3$|第 3 页/m);
    }
  });
  it("a bare number as a page's first or last row stays when it is a cell written one a line: mid-page, at the left margin, or 0", () => {
    const body = (y: number) => seg(`${LINE2}。`, 72, y);
    const cases: Array<[string, Segment[]]> = [
      ["first row, mid-page", [seg("46", 290, 300), body(400)]],
      ["last row, bottom band, at the left margin", [body(400), seg("46", 72, 800)]],
      ["last row, bottom band, 0", [body(400), seg("0", 290, 800)]],
    ];
    for (const [what, segs] of cases) expect(layoutPages([page(segs)]).removed, what).toBe(0);
    // centred or at the right edge in the band: a page number
    expect(layoutPages([page([body(400), seg("7", 540, 800)])]).removed).toBe(1);
  });
  it("the right margin is where the long lines end, not where most lines end on a page of short ones", () => {
    // five long lines end at the margin, on two pages; eighty cells of eight characters and more end far left of it
    const cells = Array.from({ length: 40 }, (_, i) => seg(`其中：公用经费${i}`, 72, 50 + 15 * i));
    const long = lines(Array(4).fill(`${FULL}。`), 700);
    const title = seg("部门整体支出绩效评价基础数据表", 72, 660);
    const more = page([...cells, seg(`${FULL}。`, 72, 700)]);
    const blocks = show(blocksOf(page([...cells, title, seg("财政供养人员情况", 72, 680), ...long]), more));
    expect(blocks).toContain("1: 部门整体支出绩效评价基础数据表");
    expect(blocks).toContain("1: 财政供养人员情况");
  });
  it("figures alone are no running text: the same figure at the foot of every page, or twice at a page's top, are cells", () => {
    const body = (y: number) => seg(`${LINE2}。`, 72, y);
    const pages = [1, 2, 3].map(() => page([body(400), seg("95.86", 72, 780)]));
    expect(layoutPages(pages).removed).toBe(0);
    const top = page([seg("719.99", 72, 60), seg("719.99", 72, 80), body(400)]);
    expect(show(blocksOf(top))).toEqual(["1: 719.99", "1: 719.99", `1: ${LINE2}。`]);
    // words repeated at the foot of every page are a running footer
    expect(layoutPages([1, 2, 3].map(() => page([body(400), seg("某县财政局制", 72, 780)]))).removed).toBe(3);
  });
  it("two rows in the top 12 % of a one-page document are both kept", () => {
    expect(show(blocksOf(page([seg("某县水利局", 72, 40), seg("绩效自评报告", 72, 70), seg(`${LINE2}。`, 72, 300)])))).toHaveLength(3);
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
    const at = (y: number, n: number) =>
      page([seg("页眉文字", 72, y), seg(`正文${"甲乙丙"[n - 1]}。`, 72, 300), seg(`末行${"甲乙丙"[n - 1]}。`, 72, 400)]);
    // boxes from 38 (band 10) and from 42 (band 11): the third page's header is counted with the first two
    expect(show(blocksOf(at(50, 1), at(50, 2), at(54, 3)))).toEqual([
      "1: 正文甲。",
      "1: 末行甲。",
      "2: 正文乙。",
      "2: 末行乙。",
      "3: 正文丙。",
      "3: 末行丙。",
    ]);
    expect(show(blocksOf(at(54, 1), at(54, 2), at(50, 3)))).toHaveLength(6);
    expect(show(blocksOf(at(50, 1), at(60, 2)))).toEqual([
      "1: 页眉文字",
      "1: 正文甲。",
      "1: 末行甲。",
      "2: 页眉文字",
      "2: 正文乙。",
      "2: 末行乙。",
    ]);
  });
  it("a header numbered 9 and 10 is the same header; only the first two rows at the top and the last two at the bottom count", () => {
    const pages = [9, 10].map((n) =>
      page([
        seg(`某县财政局第${n}期`, 72, 30),
        seg("第二行页眉", 72, 50),
        seg("第三行不算", 72, 70),
        seg(`${LINE2}${"甲乙"[n - 9]}。`, 72, 300),
        seg("倒数第三行", 72, 760),
        seg("倒数第二行", 72, 790),
        seg("最末一行", 72, 820),
      ]),
    );
    expect(show(blocksOf(...pages))).toEqual([
      `1: 第三行不算`,
      `1: ${LINE2}甲。`,
      "1: 倒数第三行",
      `2: 第三行不算`,
      `2: ${LINE2}乙。`,
      "2: 倒数第三行",
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
  it("a row that stops short because a bracketed gloss did not fit ('人數' / '(shù)50人') continues into the next", () => {
    // the row ends three characters short of the margin: the next row opens with "(shù)50" (3.5 em wide)
    const short = FULL.slice(0, -3);
    expect(show(blocksOf(page([...lines([FULL, FULL]), seg(short, 72, 240), seg("(shù)50人。", 72, 260)])))).toEqual([
      `1: ${FULL}${FULL}${short}(shù)50人。`,
    ]);
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
  it("a line 2.5 em short of the margin does not wait for a number; a word not at the start of the line is no number", () => {
    const p = page([...lines([FULL, FULL]), seg(FULL.slice(0, 30), 72, 240), seg("123.45万元。", 72, 260)]);
    expect(show(blocksOf(p))).toHaveLength(2);
    const q = page([...lines([FULL, FULL]), seg(FULL.slice(0, 34), 72, 240), seg("万元123。", 72, 260)]);
    expect(show(blocksOf(q))).toHaveLength(2);
  });
  it("a sentence ending more than half an em short of the margin ends the paragraph", () => {
    // 35 characters: within 1.5 em of the margin, but 1 em short
    const p = page([...lines([FULL, FULL, `${FULL.slice(0, 34)}。`]), seg("新的一段开始。", 72, 260)]);
    expect(show(blocksOf(p))).toEqual([`1: ${FULL}${FULL}${FULL.slice(0, 34)}。`, "1: 新的一段开始。"]);
  });
  it("the gap that ends a paragraph is 1.6 times the larger size", () => {
    // 12 pt, then 13 pt 20 pt lower: 1.6 × 13 = 20.8
    const p = page([...lines([FULL, FULL]), seg("后文。", 72, 220 + 13 + 20, 13)]);
    expect(show(blocksOf(p))).toHaveLength(1);
  });
  it("a body row has at least 8 characters: rows of 8 set the margins", () => {
    expect(show(blocksOf(page(lines(["八个字的一行文字", "八个字的二行文字"]))))).toEqual(["1: 八个字的一行文字八个字的二行文字"]);
    expect(show(blocksOf(page(lines(["七个字的一行字", "七个字的二行字"]))))).toHaveLength(2);
  });
  it("joins a paragraph across a page break, and a number split by the wrap (95.↵83%)", () => {
    const p1 = page(lines([FULL, `${FULL.slice(0, 33)}达到95.`], 700));
    const p2 = page(lines(["83%，较上年提高。"], 80));
    expect(show(blocksOf(p1, p2))).toEqual([`1: ${FULL}${FULL.slice(0, 33)}达到95.83%，较上年提高。`]);
  });
  it("a title in a large font over centred lines is one paragraph", () => {
    const p = page([seg("上海市普陀区规划和自然", 165, 120, 24), seg("资源局", 261, 146, 24), ...lines([FULL, FULL, "正文结束。"], 200)]);
    expect(show(blocksOf(p))).toEqual(["1: 上海市普陀区规划和自然资源局", `1: ${FULL}${FULL}正文结束。`]);
    // sizes 0.5 pt apart or more: not one title
    for (const size of [23.5, 20])
      expect(
        show(blocksOf(page([seg("上海市普陀区规划和自然", 165, 120, 24), seg("资源局", 261, 146, size), ...lines([FULL, FULL], 200)]))),
      ).toHaveLength(3);
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
  it("a ruled table whose top is level with a row's top goes before it", () => {
    const rows = [[{ text: "表", colspan: 1, rowspan: 1 }]];
    // the row's box runs from 250 to 262
    const p = page([seg("表上。", 72, 200), seg("同高的行。", 72, 262)], [{ y0: 250, y1: 300, rows }]);
    expect(show(blocksOf(p))).toEqual(["1: 表上。", "1: [表]", "1: 同高的行。"]);
  });
  it("a ruled table ends a table of gap-separated rows before it", () => {
    const rows = [[{ text: "乙", colspan: 1, rowspan: 1 }]];
    const p = page([seg("a", 72, 200), seg("b", 200, 200), seg("c", 72, 220), seg("d", 200, 220)], [{ y0: 300, y1: 320, rows }]);
    expect(show(blocksOf(p))).toEqual(["1: [a|b / c|d]", "1: [乙]"]);
  });
});
