/**
 * Ruled tables (readers/pdf-tables.ts) in process, on rules and glyph boxes placed by hand: which
 * drawn shapes are rules, how touching rules merge, which rules make one table, where a missing
 * rule merges cells, which cell a glyph falls in, and how a cell's glyphs become its text.
 */
import { describe, expect, it } from "vitest";
import type { Segment } from "../../../src/extract/readers/pdf-layout.js";
import { findTables, type Ruling, toRules } from "../../../src/extract/readers/pdf-tables.js";

const hr = (y: number, x0: number, x1: number): Ruling => ({ x0, y0: y, x1, y1: y });
const vr = (x: number, y0: number, y1: number): Ruling => ({ x0: x, y0, x1: x, y1 });
/** A full grid: horizontal rules at ys, vertical rules at xs. */
const grid = (xs: number[], ys: number[]): Ruling[] => [
  ...ys.map((y) => hr(y, xs[0], xs[xs.length - 1])),
  ...xs.map((x) => vr(x, ys[0], ys[ys.length - 1])),
];
const wide = (c: string) => /[\u3000-\u9fff\uff00-\uffef]/.test(c);
/** One glyph per character from x on baseline `base` (CJK one em wide, others half), with the baseline given. */
function glyphs(text: string, x: number, base: number, size = 10, withBase = true): Segment[] {
  const out: Segment[] = [];
  for (const c of text) {
    const w = wide(c) ? size : size / 2;
    out.push({ x0: x, x1: x + w, y0: base - 0.88 * size, y1: base + 0.12 * size, text: c, size, ...(withBase ? { base } : {}) });
    x += w;
  }
  return out;
}
const texts = (rows: { text: string; colspan: number; rowspan: number }[][]) =>
  rows.map((r) => r.map((c) => (c.colspan > 1 || c.rowspan > 1 ? `${c.text}[${c.colspan}x${c.rowspan}]` : c.text)));

describe("toRules", () => {
  it("a shape at most 1.5 thick and at least 4 long is a rule along its long side, at its middle", () => {
    const { h, v } = toRules([
      { x0: 10, y0: 100, x1: 14, y1: 101.5 }, // 4 long, 1.5 thick: horizontal at 100.75
      { x0: 200, y0: 50, x1: 201.5, y1: 54 }, // vertical at 200.75
      { x0: 10, y0: 300, x1: 13.9, y1: 300 }, // too short
      { x0: 10, y0: 400, x1: 50, y1: 401.6 }, // too thick
      { x0: 300, y0: 10, x1: 301.6, y1: 50 }, // too thick
      { x0: 300, y0: 500, x1: 300, y1: 503.9 }, // too short
    ]);
    expect(h).toEqual([hr(100.75, 10, 14)]);
    expect(v).toEqual([vr(200.75, 50, 54)]);
  });
  it("takes segments drawn in either direction", () => {
    const { h, v } = toRules([
      { x0: 90, y0: 20, x1: 10, y1: 20 },
      { x0: 5, y0: 80, x1: 5, y1: 30 },
    ]);
    expect(h).toEqual([hr(20, 10, 90)]);
    expect(v).toEqual([vr(5, 30, 80)]);
  });
  it("merges collinear pieces that touch or nearly touch (2 pt), on the same line within 2 pt", () => {
    const { h, v } = toRules([
      hr(50, 42, 60),
      hr(50, 10, 40), // 2 pt before the next piece: one rule
      hr(50, 61, 100),
      hr(50, 103, 120), // 3 pt after 100: a rule of its own
      hr(53, 10, 30), // 3 pt below the line: another rule
      vr(7, 10, 20),
      vr(7, 22, 30),
      vr(7, 33, 40),
    ]);
    expect(h).toEqual([hr(50, 10, 100), hr(50, 103, 120), hr(53, 10, 30)]);
    expect(v).toEqual([vr(7, 10, 30), vr(7, 33, 40)]);
    // 1.5 pt lower and starting inside: the same rule, drawn on to its end
    expect(toRules([hr(50, 10, 40), hr(51.5, 30, 80)]).h).toEqual([hr(50, 10, 80)]);
    expect(toRules([hr(50, 10, 40), hr(52.5, 30, 80)]).h).toEqual([hr(50, 10, 40), hr(52.5, 30, 80)]);
    expect(toRules([hr(50, 10, 40), hr(52, 30, 80)]).h).toEqual([hr(50, 10, 80)]);
  });
  it("never draws a rule back over an earlier start: a box's side above a table stays out of the table's rule", () => {
    // the table's side from 100 down, a title box's side from 60 to 100 just 0.8 pt to the right
    expect(toRules([vr(42.4, 100, 500), vr(43.2, 60, 100)]).v).toEqual([vr(42.4, 100, 500)]);
    expect(toRules([hr(42.4, 100, 500), hr(43.2, 60, 100)]).h).toEqual([hr(42.4, 100, 500)]);
    // 2.5 pt apart they are two rules
    expect(toRules([vr(42.4, 100, 500), vr(44.9, 60, 100)]).v).toEqual([vr(42.4, 100, 500), vr(44.9, 60, 100)]);
  });
  it("a piece that does not reach a rule is a rule of its own, though it starts before it on nearly the same line", () => {
    // two tables on a page, their right sides 0.2 pt apart: the lower one's side must not swallow the upper's
    expect(toRules([vr(521.3, 571, 625), vr(521.5, 184, 202), vr(521.5, 202.3, 219)]).v).toEqual([
      vr(521.3, 571, 625),
      vr(521.5, 184, 219),
    ]);
    expect(toRules([hr(521.3, 571, 625), hr(521.5, 184, 202), hr(521.5, 202.3, 219)]).h).toEqual([
      hr(521.3, 571, 625),
      hr(521.5, 184, 219),
    ]);
  });
  it("a piece that runs on into a rule from before its start draws the rule back to its own start", () => {
    // a row's rule drawn across the table, 0.25 pt below a piece of it drawn over the right columns only
    expect(toRules([hr(201.4, 367.8, 521.3), hr(201.65, 79.5, 521.3)]).h).toEqual([hr(201.4, 79.5, 521.3)]);
    expect(toRules([vr(201.4, 367.8, 521.3), vr(201.65, 79.5, 400)]).v).toEqual([vr(201.4, 79.5, 521.3)]);
  });
  it("does not shorten a rule when a shorter piece lies inside it", () => {
    expect(toRules([hr(10, 0, 100), hr(10, 20, 30)]).h).toEqual([hr(10, 0, 100)]);
    expect(toRules([vr(10, 0, 100), vr(10, 20, 30)]).v).toEqual([vr(10, 0, 100)]);
  });
});

describe("findTables", () => {
  it("a grid's glyphs go to the cell they sit in; the others are left for the row layout", () => {
    const chars = [
      ...glyphs("项目", 105, 118),
      ...glyphs("金额", 205, 118),
      ...glyphs("收入", 105, 138),
      ...glyphs("12.5", 205, 138),
      ...glyphs("表外文字", 100, 80),
    ];
    const { tables, rest } = findTables(grid([100, 200, 300], [100, 120, 140]), chars);
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ x0: 100, x1: 300, y0: 100, y1: 140 });
    expect(texts(tables[0].rows)).toEqual([
      ["项目", "金额"],
      ["收入", "12.5"],
    ]);
    expect(rest.map((c) => c.text).join("")).toBe("表外文字");
  });
  it("a row left open at the top or foot of a page (the column rules reach past the last horizontal rule) is a row", () => {
    // the table runs on from the page before: no rule above its first row, the column rules from 80 down
    const open = [hr(100, 100, 400), hr(120, 100, 400), ...[100, 200, 300, 400].map((x) => vr(x, 80, 120))];
    const chars = [
      ...glyphs("2210201", 105, 95),
      ...glyphs("住房公积金", 205, 95),
      ...glyphs("1,029.15", 305, 95),
      ...glyphs("提租补贴", 205, 115),
    ];
    expect(texts(findTables(open, chars).tables[0].rows)).toEqual([
      ["2210201", "住房公积金", "1,029.15"],
      ["", "提租补贴", ""],
    ]);
    // and onto the next: no rule under its last row
    const foot = [hr(80, 100, 400), hr(100, 100, 400), ...[100, 200, 300, 400].map((x) => vr(x, 80, 120))];
    expect(texts(findTables(foot, chars).tables[0].rows)).toEqual([
      ["2210201", "住房公积金", "1,029.15"],
      ["", "提租补贴", ""],
    ]);
    // a box's two sides over the table (a title drawn in a frame) make no row: its text stays outside
    const framed = [hr(100, 100, 400), hr(120, 100, 400), vr(100, 80, 120), vr(400, 80, 120), vr(200, 100, 120), vr(300, 100, 120)];
    const { tables, rest } = findTables(framed, chars);
    expect(texts(tables[0].rows)).toEqual([["", "提租补贴", ""]]);
    expect(rest.map((c) => c.text).join("")).toBe("2210201住房公积金1,029.15");
    // a table of one column: its two sides reaching up are as much a frame as a row: no row
    const single = [hr(100, 100, 400), hr(120, 100, 400), hr(140, 100, 400), vr(100, 80, 140), vr(400, 80, 140)];
    expect(texts(findTables(single, chars).tables[0].rows)).toEqual([["提租补贴"], [""]]);
    // rules overshooting by less than a row: no row
    const over = [hr(100, 100, 400), hr(120, 100, 400), ...[100, 200, 300, 400].map((x) => vr(x, 95, 120))];
    expect(texts(findTables(over, chars).tables[0].rows)).toEqual([["", "提租补贴", ""]]);
  });
  it("needs two rules each way; rules that do not touch make no table", () => {
    const chars = glyphs("文字", 105, 118);
    for (const segs of [
      [hr(100, 100, 300), hr(120, 100, 300), vr(100, 100, 120)],
      [hr(100, 100, 300), vr(100, 100, 120), vr(300, 100, 120)],
      // two crosses far apart: each has one rule each way
      [hr(100, 100, 200), vr(150, 90, 110), hr(400, 100, 200), vr(150, 390, 410)],
    ])
      expect(findTables(segs, chars)).toEqual({ tables: [], rest: chars });
  });
  it("rules within 2 pt of each other's ends still join", () => {
    // the vertical rules stop 2 pt short of the horizontal ones, and start 2 pt right of their end
    const segs = [hr(100, 100, 300), hr(120, 100, 300), vr(98, 102, 118), vr(200, 102, 118), vr(302, 102, 118)];
    const { tables } = findTables(segs, glyphs("甲", 150, 118));
    expect(tables).toHaveLength(1);
    expect(texts(tables[0].rows)).toEqual([["甲", ""]]);
    // 2.5 pt short: no table
    expect(
      findTables([hr(100, 100, 300), hr(120, 100, 300), vr(97.5, 102.5, 117.5), vr(200, 102.5, 117.5), vr(302.5, 102, 118)], []).tables,
    ).toEqual([]);
  });
  it("a missing rule merges cells across and down, and the merged cell keeps its text whole", () => {
    const xs = [100, 200, 300, 400];
    const ys = [100, 120, 140, 160];
    const segs = [
      ...ys.flatMap((y) => (y === 140 ? [hr(y, 100, 200), hr(y, 300, 400)] : [hr(y, 100, 400)])),
      vr(100, 100, 160),
      vr(400, 100, 160),
      vr(200, 120, 160), // none between the first row's first two cells
      vr(300, 100, 160),
    ];
    const chars = [
      ...glyphs("合并标题", 120, 118),
      ...glyphs("丙", 305, 118),
      ...glyphs("左上", 105, 138),
      ...glyphs("跨两行", 205, 138),
      ...glyphs("续", 205, 158),
      ...glyphs("右", 305, 138),
      ...glyphs("左下", 105, 158),
    ];
    const [t] = findTables(segs, chars).tables;
    void xs;
    expect(texts(t.rows)).toEqual([
      ["合并标题[2x1]", "丙"],
      ["左上", "跨两行续[1x2]", "右"],
      ["左下", ""],
    ]);
  });
  it("a rule under one column only merges the other columns down", () => {
    // the middle horizontal rule is there only under the first column
    const segs = [hr(100, 100, 300), hr(120, 100, 200), hr(140, 100, 300), vr(100, 100, 140), vr(200, 100, 140), vr(300, 100, 140)];
    const [t] = findTables(segs, [...glyphs("上", 105, 118), ...glyphs("下", 105, 138), ...glyphs("高", 205, 118)]).tables;
    expect(texts(t.rows)).toEqual([["上", "高[1x2]"], ["下"]]);
  });
  it("a table with no text in any cell is no table, and its rules keep no glyph", () => {
    const outside = glyphs("正文", 100, 50);
    expect(findTables(grid([100, 200, 300], [100, 120, 140]), outside)).toEqual({ tables: [], rest: outside });
    // one cell is not a table
    expect(findTables(grid([100, 200], [100, 120]), glyphs("甲", 105, 118)).tables).toEqual([]);
  });
  it("tables come top to bottom whatever order their rules were drawn in", () => {
    const segs = [...grid([100, 200, 300], [400, 420]), ...grid([100, 200, 300], [100, 120])];
    const chars = [...glyphs("下表", 105, 418), ...glyphs("上表", 105, 118)];
    const { tables, rest } = findTables(segs, chars);
    expect(tables.map((t) => t.rows[0][0].text)).toEqual(["上表", "下表"]);
    expect(tables.map((t) => t.y0)).toEqual([100, 400]);
    expect(rest).toEqual([]);
  });
  it("a glyph belongs to the cell its centre (or a third of an em above its baseline) is in", () => {
    const segs = grid([100, 200, 300], [100, 120, 140]);
    // baseline 121.5, size 10: its reference point is 118.5, in the first row
    const low = glyphs("低", 150, 121.5);
    // without a baseline: the box's middle, 118.4 + … (y0 = 111.7, y1 = 121.7 → 116.7): first row
    const noBase = glyphs("无", 250, 120.5, 10, false);
    const { tables } = findTables(segs, [...low, ...noBase, ...glyphs("乙", 105, 138)]);
    expect(texts(tables[0].rows)).toEqual([
      ["低", "无"],
      ["乙", ""],
    ]);
    // a glyph whose point is on the table's outer edge or outside it stays out
    const edge = glyphs("外", 305, 118);
    const above = glyphs("上", 150, 99);
    const r = findTables(segs, [...edge, ...above, ...glyphs("甲", 105, 118)]);
    expect(r.rest.map((c) => c.text)).toEqual(["外", "上"]);
  });
  it("a cell's text: lines top to bottom, no space inside Chinese or between wrapped pieces of Chinese, a space between Latin words", () => {
    const segs = grid([100, 300, 500], [100, 160]);
    const chars = [
      // the second line of the cell first, then the first: order comes from the baselines
      ...glyphs("执行率", 105, 130),
      ...glyphs("预算", 105, 115),
      // two words 8 pt apart (more than half an em): a space; a space glyph adds none
      ...glyphs("total", 305, 115),
      ...glyphs("sum", 338, 115),
      ...glyphs("a b", 305, 130),
      // a CJK glyph after a wide gap: no space
      ...glyphs("万元", 360, 130),
    ];
    const [t] = findTables(segs, chars).tables;
    expect(texts(t.rows)).toEqual([["预算执行率", "total sum a b万元"]]);
  });
  it("glyphs on baselines within 0.3 em are one line, in x order", () => {
    const segs = grid([100, 300, 500], [100, 160]);
    const chars = [...glyphs("后", 120, 117.9), ...glyphs("前", 105, 115), ...glyphs("下", 105, 125), ...glyphs("甲", 305, 115)];
    const [t] = findTables(segs, chars).tables;
    expect(texts(t.rows)).toEqual([["前后下", "甲"]]);
    // digits show the order: the lower glyph on the left comes first within a line, second as a line of its own
    const [w] = findTables(segs, [...glyphs("34", 105, 118), ...glyphs("12", 115, 115), ...glyphs("甲", 305, 115)]).tables;
    expect(w.rows[0][0].text).toBe("3412");
    const [x] = findTables(segs, [...glyphs("34", 105, 118.1), ...glyphs("12", 115, 115), ...glyphs("甲", 305, 115)]).tables;
    expect(x.rows[0][0].text).toBe("1234");
    // 3.1 pt apart (more than 0.3 em): two lines, the lower one second even if it is left of the first
    const [u] = findTables(segs, [...glyphs("二", 105, 118.1), ...glyphs("一", 120, 115), ...glyphs("甲", 305, 115)]).tables;
    expect(u.rows[0][0].text).toBe("一二");
  });
  it("vertical rules 2 pt apart are one column edge", () => {
    const segs = [...grid([100, 200, 300], [100, 120]), vr(202, 100, 120)];
    const [t] = findTables(segs, [...glyphs("甲", 105, 118), ...glyphs("乙", 250, 118)]).tables;
    expect(texts(t.rows)).toEqual([["甲", "乙"]]);
  });
  it("a rule that crosses the table's lines but not within its ends joins no table", () => {
    // a vertical rule at 500 spans the table's height, right of where its horizontal rules end
    const segs = [...grid([100, 200, 300], [100, 120]), vr(500, 90, 130)];
    const [t] = findTables(segs, glyphs("甲", 105, 118)).tables;
    expect(t.x1).toBe(300);
    expect(texts(t.rows)).toEqual([["甲", ""]]);
  });
  it("a vertical rule over the first row only: the second row's cells merge across", () => {
    const segs = [hr(100, 100, 300), hr(120, 100, 300), hr(140, 100, 300), vr(100, 100, 140), vr(300, 100, 140), vr(200, 100, 120)];
    const [t] = findTables(segs, [...glyphs("甲", 105, 118), ...glyphs("乙", 205, 118), ...glyphs("合并", 105, 138)]).tables;
    expect(texts(t.rows)).toEqual([["甲", "乙"], ["合并[2x1]"]]);
  });
  it("a glyph centred on an inner rule goes right (below); on the left or top border inside; on the right border outside", () => {
    const segs = grid([100, 200, 300], [100, 120, 140]);
    // centres: x 200 (inner rule), x 100 (left border), x 300 (right border); a baseline 123.4 puts its point at 120.4
    const on = (text: string, cx: number, base: number) => glyphs(text, cx - 5, base);
    const { tables, rest } = findTables(segs, [
      ...on("中", 200, 118),
      ...on("左", 100, 138),
      ...on("右", 300, 118),
      ...on("低", 150, 123.4),
    ]);
    expect(texts(tables[0].rows)).toEqual([
      ["", "中"],
      ["低左", ""],
    ]);
    expect(rest.map((c) => c.text)).toEqual(["右"]);
    // the top border: a glyph without a baseline whose box's middle is at 100
    const top = { x0: 145, x1: 155, y0: 95, y1: 105, text: "顶", size: 10 };
    expect(texts(findTables(segs, [top, ...on("乙", 150, 138)]).tables[0].rows)).toEqual([
      ["顶", ""],
      ["乙", ""],
    ]);
  });
  it("a table with an empty row is still a table", () => {
    const [t] = findTables(grid([100, 200, 300], [100, 120, 140]), glyphs("甲", 105, 118)).tables;
    expect(texts(t.rows)).toEqual([
      ["甲", ""],
      ["", ""],
    ]);
  });
  it("in a cell: a space glyph between Chinese is no space; a gap of half an em is none, more is one; the last character decides", () => {
    const segs = grid([100, 300, 500], [100, 160]);
    const at = (cells: Segment[]) => texts(findTables(segs, [...cells, ...glyphs("乙", 305, 115)]).tables[0].rows)[0][0];
    expect(at(glyphs("甲 乙", 105, 115))).toBe("甲乙");
    expect(at([...glyphs("ab", 105, 115), ...glyphs("cd", 120, 115)])).toBe("abcd"); // 5 pt: half an em
    expect(at([...glyphs("ab", 105, 115), ...glyphs("cd", 120.1, 115)])).toBe("ab cd");
    expect(at([...glyphs("甲ab", 105, 115), ...glyphs("cd", 135, 115)])).toBe("甲ab cd");
  });
});
