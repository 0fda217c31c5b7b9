/**
 * Tables rebuilt from flattened text (flat-tables.ts) in process, on runs of paragraphs:
 * rows of `|` cells, one cell per line between bar lines, label/value pairs, a header line over
 * lines of numbers checked by their own arithmetic, and what stays paragraphs.
 */
import { describe, expect, it } from "vitest";
import { arithmeticHolds, rebuildFlatTables, splitRunTogether } from "../../src/extract/flat-tables.js";
import type { Block } from "../../src/model.js";

const para = (text: string, page: number | null = 1, extra: Partial<Extract<Block, { kind: "paragraph" }>> = {}): Block => ({
  kind: "paragraph",
  text,
  page,
  ...extra,
});
const show = (blocks: Block[]) =>
  blocks.map((b) =>
    b.kind === "paragraph" ? b.text : `[${b.rows.map((r) => r.map((c) => c.text).join("|")).join(" / ")}]${b.ocr ? " ocr" : ""}@${b.page}`,
  );
const rebuilt = (...texts: string[]) => show(rebuildFlatTables(texts.map((t) => para(t))));

describe("rebuildFlatTables: | rows", () => {
  it("rows of | cells make a table; a bar line separates rows of one cell per line", () => {
    expect(rebuilt("前言。", "人员编制 | 16 | 实有人数 | 14 |", "| 车辆 | 2 |", "后记。")).toEqual([
      "前言。",
      "[人员编制|16|实有人数|14 / 车辆|2]@1",
      "后记。",
    ]);
    expect(rebuilt("项目 |", "金额 |", "| | |", "收入 |", "12 |", " | | ", "支出 |", "10 |")).toEqual([
      "[项目|金额 / 收入|12 / 支出|10]@1",
    ]);
  });
  it("a run of | lines without a row of two cells is no table", () => {
    expect(rebuilt("甲 |", "|", "乙 |")).toEqual(["甲 |", "|", "乙 |"]);
    // a markdown rule is no separator: its dashes are a row
    expect(rebuilt("a | b", "|---|---|", "c | d")).toEqual(["[a|b / ---|--- / c|d]@1"]);
    expect(rebuilt("|", "只有 | 一行")).toEqual(["[只有|一行]@1"]);
  });
  it("a line of spaces and bars, or of bars alone, is a separator; a line without a bar ends the run", () => {
    expect(rebuilt("a | b", "  ||  ", "c | d", "e f", "g | h")).toEqual(["[a|b / c|d]@1", "e f", "[g|h]@1"]);
  });
});

describe("rebuildFlatTables: label/value pairs", () => {
  it("two or more label/value pairs, two of them numbers, make a two-column table", () => {
    expect(rebuilt("人员编制", "42", "实有人数", "39", "负责人", "张三", "这是正文。")).toEqual([
      "[人员编制|42 / 实有人数|39 / 负责人|张三]@1",
      "这是正文。",
    ]);
    // only one numeric value: no table
    expect(rebuilt("人员编制", "42", "负责人", "张三")).toEqual(["人员编制", "42", "负责人", "张三"]);
    expect(rebuilt("人员编制", "42")).toEqual(["人员编制", "42"]);
  });
  it.each([
    ["one character", "编"],
    ["fifteen characters", "一二三四五六七八九十百千万亿兆"],
    ["punctuation", "编制，人数"],
    ["a digit", "编制2"],
    ["a list marker", "一、编制"],
    ["a bracketed marker", "（二）编制"],
    ["Latin letters", "staff"],
  ])("a label with %s is no label", (_what, label) => {
    expect(show(rebuildFlatTables([label, "42", "实有人数", "39"].map((t) => para(t))))[0]).toBe(label);
  });
  it("labels of 2 and 14 characters, with brackets and slashes, are labels (spaces and full-width forms folded)", () => {
    expect(rebuilt("编制", "42", "一二三四五六七八九十百千万亿", "39", "人数（在编）／合同", "7")).toEqual([
      "[编制|42 / 一二三四五六七八九十百千万亿|39 / 人数（在编）／合同|7]@1",
    ]);
    expect(rebuilt("编 制", "42", "实有 人数", "39")).toEqual(["[编 制|42 / 实有 人数|39]@1"]);
  });
  it.each([
    ["empty", " "],
    ["longer than 30 characters", "1".repeat(31)],
    ["a sentence", "42。"],
    ["a list marker", "一、42"],
    ["a bracketed marker", "（三）42"],
  ])("a value that is %s ends the run", (_what, value) => {
    expect(show(rebuildFlatTables(["人员编制", "42", "实有人数", "39", "车辆", value].map((t) => para(t))))[0]).toBe(
      "[人员编制|42 / 实有人数|39]@1",
    );
  });
  it.each(["42", "1,268.72", "96.8%", "96.8 ％", "23人", "5名", "3个", "4992万元", "12元", "95分", "-3", "+1，000"])(
    "%j is a number",
    (v) => {
      expect(rebuilt("人员编制", v, "实有人数", "39")).toEqual([`[人员编制|${v} / 实有人数|39]@1`]);
    },
  );
  it.each(["42天", "1.2.3", "约42", "42 43"])("%j is not a number", (v) => {
    expect(rebuilt("人员编制", v, "实有人数", "39", "车辆", "张三")).toEqual(["人员编制", v, "实有人数", "39", "车辆", "张三"]);
  });
});

describe("rebuildFlatTables: a header over numbers", () => {
  it("a header line of labels over lines of as many numbers", () => {
    expect(rebuilt("编制数 实际在职人数 控制率", "31 30 96.8%", "正文。")).toEqual([
      "[编制数|实际在职人数|控制率 / 31|30|96.8%]@1",
      "正文。",
    ]);
    expect(rebuilt("收入 支出", "10 8", "12 9", "1 2 3")).toEqual(["[收入|支出 / 10|8 / 12|9]@1", "1 2 3"]);
  });
  it("no table without a line of numbers under it, or with a header that is not labels", () => {
    expect(rebuilt("编制数 实际在职人数")).toEqual(["编制数 实际在职人数"]);
    expect(rebuilt("编制数 实际在职人数", "31 三十")).toEqual(["编制数 实际在职人数", "31 三十"]);
    expect(rebuilt("编制数", "31")).toEqual(["编制数", "31"]);
    expect(rebuilt("编制数 2024", "31 30")).toEqual(["编制数 2024", "31 30"]);
    expect(rebuilt("编制数 实际在职人数", "31 30 29")).toEqual(["编制数 实际在职人数", "31 30 29"]);
  });
  it("a row whose arithmetic fails ends the table", () => {
    expect(rebuilt("编制数 实际在职人数 控制率", "31 30 96.8%", "31 30 50%")).toEqual([
      "[编制数|实际在职人数|控制率 / 31|30|96.8%]@1",
      "31 30 50%",
    ]);
  });
});

describe("arithmeticHolds", () => {
  it("a 率 column in % is one count over another, within 0.15 points", () => {
    expect(arithmeticHolds(["编制数", "在职数", "控制率"], ["31", "30", "96.8%"])).toBe(true);
    expect(arithmeticHolds(["编制数", "在职数", "控制率"], ["31", "30", "96.63%"])).toBe(true); // 96.77
    expect(arithmeticHolds(["编制数", "在职数", "控制率"], ["31", "30", "96.6%"])).toBe(false);
    expect(arithmeticHolds(["编制数", "在职数", "控制率"], ["31", "30", "96.92%"])).toBe(true);
    expect(arithmeticHolds(["编制数", "在职数", "控制率"], ["31", "30", "96.93%"])).toBe(false);
    // either way round, full-width % too
    expect(arithmeticHolds(["控制率", "在职数", "编制数"], ["96.8％", "30", "31"])).toBe(true);
    // a rate not in %: not checked
    expect(arithmeticHolds(["编制数", "在职数", "控制率"], ["31", "30", "0.5"])).toBe(true);
    // a rate against itself is no check; a count of 0 divides nothing
    expect(arithmeticHolds(["完成率", "数"], ["100%", "5"])).toBe(false);
    expect(arithmeticHolds(["完成率", "甲", "乙"], ["0%", "0", "0"])).toBe(false);
    expect(arithmeticHolds(["率甲", "乙", "丙"], ["50%", "1", "2"])).toBe(true);
  });
  it("a 合计 or 总计 column is the sum of the others (within a cent each), rates aside", () => {
    expect(arithmeticHolds(["合计", "基本支出", "项目支出"], ["1,268.72", "1,000.50", "268.22"])).toBe(true);
    expect(arithmeticHolds(["总计金额", "甲", "乙"], ["30", "10", "20.02"])).toBe(true);
    expect(arithmeticHolds(["总计金额", "甲", "乙"], ["30", "10", "20.03"])).toBe(false);
    expect(arithmeticHolds(["合计", "甲", "乙"], ["30", "10", "19.97"])).toBe(false);
    expect(arithmeticHolds(["合计", "甲", "乙", "执行率"], ["30", "10", "20", "50%"])).toBe(true);
    expect(arithmeticHolds(["合计", "甲", "乙", "执行率"], ["30", "10", "21", "50%"])).toBe(false);
    // two columns: nothing to add up
    expect(arithmeticHolds(["合计", "甲"], ["30", "10"])).toBe(true);
    expect(arithmeticHolds(["甲合计", "乙", "丙"], ["30", "1", "2"])).toBe(true);
    expect(arithmeticHolds(["人数", "车辆", "房屋"], ["42人", "3个", "5名"])).toBe(true);
    expect(arithmeticHolds(["合计", "甲", "乙"], ["42人", "40人", "2名"])).toBe(true);
    expect(arithmeticHolds(["合计", "甲", "乙"], ["50万元", "40万元", "10元"])).toBe(true);
  });
});

describe("rebuildFlatTables: what it looks at", () => {
  it("passes tables and headings through, runs on over a page break (not two pages on), and keeps the first paragraph's page and OCR mark", () => {
    const table: Block = { kind: "table", page: 1, rows: [[{ text: "x", colspan: 1, rowspan: 1 }]] };
    const blocks: Block[] = [
      para("人员编制", 1),
      para("42", 1),
      table,
      para("人员编制", 2, { ocr: true }),
      para("42", 2, { ocr: true }),
      para("实有人数", 3),
      para("39", 3),
      para("车辆", 5),
      para("2", 5),
      para("标题", 5, { headingLevel: 2 }),
      para("42", 5),
    ];
    expect(show(rebuildFlatTables(blocks))).toEqual([
      "人员编制",
      "42",
      "[x]@1",
      "[人员编制|42 / 实有人数|39] ocr@2",
      "车辆",
      "2",
      "标题",
      "42",
    ]);
    expect(rebuildFlatTables(blocks)[2]).toBe(table);
    expect(rebuildFlatTables([])).toEqual([]);
  });
  it("a pair run over a page break is one run; a text without pages is one run", () => {
    expect(show(rebuildFlatTables([para("人员编制", 1), para("42", 1), para("实有人数", 2), para("39", 2)]))).toEqual([
      "[人员编制|42 / 实有人数|39]@1",
    ]);
    expect(show(rebuildFlatTables([para("人员编制", null), para("42", null), para("实有人数", null), para("39", null)]))).toEqual([
      "[人员编制|42 / 实有人数|39]@null",
    ]);
  });
});

describe("rebuildFlatTables: cells on lines of their own between bar lines", () => {
  it("a line of one bar ends a cell, two bars in a row leave an empty cell, a line of bars ends the row", () => {
    expect(
      rebuilt("人员编制", "|", "19", "|", "实有人数", "|", "19", "|", "||||||", "合计", "|", "229.46", "|", "|", "86.1", "|", "|||||"),
    ).toEqual(["[人员编制|19|实有人数|19 / 合计|229.46||86.1]@1"]);
  });
  it("a cell may run over lines; a line without a bar line after it ends the run", () => {
    expect(rebuilt("主要工作", "|", "任务1:修路。", "任务2:建桥。", "|", "||||", "正文。")).toEqual([
      "[主要工作|任务1:修路。 任务2:建桥。]@1",
      "正文。",
    ]);
  });
});

describe("rebuildFlatTables: column headers one a line", () => {
  it("over the values one a line; a caption before them stays a paragraph", () => {
    expect(rebuilt("财政供养人员情况(人", "编制数", "2023 年实际在职人数", "控制率", "46", "50", "108.70%", "正文。")).toEqual([
      "财政供养人员情况(人",
      "[编制数|2023 年实际在职人数|控制率 / 46|50|108.70%]@1",
      "正文。",
    ]);
  });
  it("over rows of a label and the values, the row label written like a header or not", () => {
    const rows = ["三公经费:", "0", "0", "0", "1、公务用车购置和维护经费", "1.5", "2", "1.2"];
    expect(rebuilt("经费控制情况(万元", "2022 年决算数", "2023 年预算数", "2023 年决算数", ...rows, "正文。")).toEqual([
      "[经费控制情况(万元|2022 年决算数|2023 年预算数|2023 年决算数 / 三公经费:|0|0|0 / 1、公务用车购置和维护经费|1.5|2|1.2]@1",
      "正文。",
    ]);
    expect(rebuilt("经费控制情况", "2022 年决算数", "2023 年决算数", "三公经费", "3", "4", "基本支出", "10", "12")).toEqual([
      "[经费控制情况|2022 年决算数|2023 年决算数 / 三公经费|3|4 / 基本支出|10|12]@1",
    ]);
  });
  it("values that fail the header's arithmetic are no row", () => {
    expect(rebuilt("编制数", "实际在职人数", "控制率", "46", "50", "50%")).toEqual(["编制数", "实际在职人数", "控制率", "46", "50", "50%"]);
  });
});

describe("rebuildFlatTables: a header line with rows", () => {
  it("rows of a label and values under a header line, also on the header's own line", () => {
    expect(rebuilt("经费控制情况 2017年决算数 2018年预算数 2018年决算数", "三公经费 29.08 63.46 44.29")).toEqual([
      "[经费控制情况|2017年决算数|2018年预算数|2018年决算数 / 三公经费|29.08|63.46|44.29]@1",
    ]);
    expect(rebuilt("10% 经费控制情况 2017年决算数 2018年决算数 三公经费 29.08 44.29 其中:公车购置 29.46")).toEqual([
      "10%",
      "[经费控制情况|2017年决算数|2018年决算数 / 三公经费|29.08|44.29]@1",
      "其中:公车购置 29.46",
    ]);
  });
  it("a header inside a line needs a row on that line", () => {
    expect(rebuilt("说明 编制数 实际在职人数", "31 30")).toEqual(["说明 编制数 实际在职人数", "31 30"]);
  });
  it("numbers run together under a header with arithmetic are split where exactly one split holds", () => {
    expect(rebuilt("编制数 实际在职人数 控制率", "877383.91%")).toEqual(["[编制数|实际在职人数|控制率 / 87|73|83.91%]@1"]);
    expect(splitRunTogether("877383.91%", ["编制数", "实际在职人数", "控制率"])).toEqual(["87", "73", "83.91%"]);
    // no arithmetic to check: no split
    expect(splitRunTogether("8773", ["编制数", "实际在职人数"])).toBeNull();
    // two splits hold: none taken
    expect(splitRunTogether("1010100%", ["甲", "乙", "比率"])).toBeNull();
    expect(splitRunTogether("12a", ["甲", "乙", "比率"])).toBeNull();
  });
});
