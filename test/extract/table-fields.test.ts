/**
 * Money and head counts read from tables (table-fields.ts), in process on documents built cell by
 * cell: the label → value shape, the header path × row shape (a multi-row header, the total row, a
 * row that lost its label cells), the table's own unit, the caption and own-unit guards, and the
 * 三公 arithmetic of a table without a usable grid.
 */
import { describe, expect, it } from "vitest";
import type { Candidate, Context } from "../../src/extract/rules.js";
import { labelOf, sangongArithmeticRule, type TableSpec, tableRule } from "../../src/extract/table-fields.js";
import { type CellSpec, ctxOf, docOf, para, table } from "./build.js";

/** what the rule found: value, exact, written unit, rule, and the evidence's text */
const run = (rule: (ctx: Context) => Candidate[], ctx: Context) =>
  rule(ctx).map((c) => ({
    value: c.value,
    exact: c.exact,
    written: c.writtenUnit,
    rule: c.rule,
    text: ctx.folded.text.slice(c.start, c.end),
  }));
const values = (rule: (ctx: Context) => Candidate[], ctx: Context) => rule(ctx).map((c) => c.value);

describe("labelOf: the label words of a cell", () => {
  it.each([
    ["一、基本支出", "基本支出"],
    ["十一、其他支出", "其他支出"],
    ["1.一般公共预算", "一般公共预算"],
    ["12、政府性基金", "政府性基金"],
    ["（二）项目支出", "项目支出"],
    ["(3)事业收入", "事业收入"],
    ["其中：项目支出：", "项目支出"],
    ["其中基本支出", "基本支出"],
    ["支出合计(万元)", "支出合计"],
    ["收入合计（元）", "收入合计"],
    ["总额（亿元）", "总额"],
    ["收 入 合 计", "收入合计"],
  ])("%j → %j", (cell, want) => expect(labelOf(cell)).toBe(want));
  it.each([
    ["123、项目", "123、项目"], // no section number has three digits
    ["合计(人)", "合计(人)"], // a count's unit stays
    ["年初预算数（万元）以上", "年初预算数(万元)以上"], // the unit only at the end (full-width forms folded)
    ["其中", ""],
  ])("%j stays %j", (cell, want) => expect(labelOf(cell)).toBe(want));
});

const TOTALS: TableSpec = { cell: /^收入合计$/ };

describe("label cell → value cell", () => {
  const budget = (unitRow: string, ...rows: CellSpec[][]) => docOf(para("2024年部门收支总表"), table([[unitRow], ...rows]));

  it("the next filled cell, in the table's unit, shifted exactly, with its evidence", () => {
    const doc = budget("单位：万元", ["收入合计", "", "18,330.37", "支出合计", "18,330.37"]);
    expect(run(tableRule("income", "money", TOTALS), ctxOf(doc))).toEqual([
      { value: 183303700, exact: "183303700", written: "万元", rule: "income.table_cell", text: "18,330.37" },
    ]);
  });
  it("元 and 亿元 tables", () => {
    expect(values(tableRule("income", "money", TOTALS), ctxOf(budget("金额单位：元", ["收入合计", "1,234.5"])))).toEqual([1234.5]);
    expect(values(tableRule("income", "money", TOTALS), ctxOf(budget("单位：亿元", ["收入合计", "1.2"])))).toEqual([120000000]);
  });
  it("a unit in a header cell: 收入合计（万元）", () => {
    const doc = docOf(
      table([
        ["项目（万元）", "金额"],
        ["收入合计", "5"],
      ]),
    );
    expect(values(tableRule("income", "money", TOTALS), ctxOf(doc))).toEqual([50000]);
  });
  it("no stated unit, or one that is no money: no amount (never a guess)", () => {
    expect(values(tableRule("income", "money", TOTALS), ctxOf(docOf(table([["收入合计", "18,330.37"]]))))).toEqual([]);
    expect(values(tableRule("income", "money", TOTALS), ctxOf(budget("单位：人", ["收入合计", "12"])))).toEqual([]);
  });
  it("a second amount after the value means columns (年初预算, 执行数): not a label–value row", () => {
    expect(values(tableRule("income", "money", TOTALS), ctxOf(budget("单位：万元", ["收入合计", "100", "120"])))).toEqual([]);
    // a label after the value is the next pair
    expect(values(tableRule("income", "money", TOTALS), ctxOf(budget("单位：万元", ["收入合计", "100", "支出合计"])))).toEqual([1000000]);
  });
  it("the value must be an amount: text, a dash or a percentage is none", () => {
    for (const v of ["见附表", "—", "12%", "1,23"])
      expect(values(tableRule("income", "money", TOTALS), ctxOf(budget("单位：万元", ["收入合计", v]))), v).toEqual([]);
  });
  it("a zero amount is a value of zero", () => {
    expect(values(tableRule("income", "money", TOTALS), ctxOf(budget("单位：万元", ["收入合计", "0.00"])))).toEqual([0]);
  });
  it("a label spanned over two columns (its text twice in the grid): one candidate", () => {
    const doc = budget("单位：万元", [{ text: "收入合计", colspan: 2 }, "7.5"]);
    expect(values(tableRule("income", "money", TOTALS), ctxOf(doc))).toEqual([75000]);
  });
  it("the label is read without its number, 其中 and colon", () => {
    expect(values(tableRule("income", "money", TOTALS), ctxOf(budget("单位：万元", ["一、收入合计：", "3"])))).toEqual([30000]);
    expect(values(tableRule("income", "money", TOTALS), ctxOf(budget("单位：万元", ["本年收入合计", "3"])))).toEqual([]);
  });
  it("head counts need no unit: 25人, 25名, 25", () => {
    for (const v of ["25人", "25名", "25"]) {
      const doc = docOf(table([["编制人数", v]]));
      expect(run(tableRule("staff", "persons", { cell: /^编制人数$/ }), ctxOf(doc)), v).toEqual([
        { value: 25, exact: undefined, written: undefined, rule: "staff.table_cell", text: v.trim() },
      ]);
    }
    expect(values(tableRule("staff", "persons", { cell: /^编制人数$/ }), ctxOf(docOf(table([["编制人数", "二十五"]]))))).toEqual([]);
  });
});

describe("the table's caption and its unit", () => {
  const doc = (title: string) => docOf(para(title), table([["单位：万元"], ["收入合计", "9"]]));
  const spec: TableSpec = { ...TOTALS, caption: /预算/, notCaption: /决算/ };
  it("the caption must match and must not match notCaption", () => {
    expect(values(tableRule("income", "money", spec), ctxOf(doc("2024年部门收支预算总表")))).toEqual([90000]);
    expect(values(tableRule("income", "money", spec), ctxOf(doc("2024年部门收支总表")))).toEqual([]);
    expect(values(tableRule("income", "money", spec), ctxOf(doc("2023年部门预算执行决算总表")))).toEqual([]);
  });
  it("ownOnly: a table headed with another unit or year is skipped", () => {
    const own: TableSpec = { ...TOTALS, ownOnly: true };
    const ctx = (title: string) => ctxOf(doc(title), { unit: "某县水利局", year: 2023 });
    expect(values(tableRule("income", "money", own), ctx("某县水利局2023年度收支表"))).toEqual([90000]);
    expect(values(tableRule("income", "money", own), ctx("某县水利局2021年度收支表"))).toEqual([]);
    expect(values(tableRule("income", "money", own), ctx("某县交通运输局2023年度收支表"))).toEqual([]);
    // without ownOnly the other unit's table is read
    expect(values(tableRule("income", "money", TOTALS), ctx("某县交通运输局2023年度收支表"))).toEqual([90000]);
  });
});

describe("header path × row", () => {
  const SANGONG: TableSpec = { column: [/三公/, /^(?:小计|合计)$/] };
  /** a 三公 table: “三公”经费 over 小计 / 出国 / 车 / 接待, 会议费 beside it */
  const sangong = (...rows: CellSpec[][]) =>
    docOf(
      table([
        ["单位：万元"],
        [
          { text: "项目", rowspan: 2 },
          { text: "“三公”经费", colspan: 4 },
          { text: "会议费", rowspan: 2 },
        ],
        ["小计", "因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"],
        ...rows,
      ]),
    );

  it("the column whose path ends with the last pattern, on the table's only row of figures", () => {
    const doc = sangong(["2024年预算", "12.00", "0", "10.00", "2.00", "3.00"]);
    expect(run(tableRule("sg", "money", SANGONG), ctxOf(doc))).toEqual([
      { value: 120000, exact: "120000", written: "万元", rule: "sg.table_column", text: "12.00" },
    ]);
    expect(values(tableRule("rx", "money", { column: [/^公务接待费$/] }), ctxOf(doc))).toEqual([20000]);
    // 会议费's path has one level; a pattern for two levels does not match it
    expect(values(tableRule("mt", "money", { column: [/三公/, /^会议费$/] }), ctxOf(doc))).toEqual([]);
  });
  it("a path is matched to its innermost level: “三公”经费 alone is not the 小计 column", () => {
    const doc = sangong(["合计", "12.00", "0", "10.00", "2.00", "3.00"]);
    expect(values(tableRule("sg", "money", { column: [/三公/] }), ctxOf(doc))).toEqual([]);
    expect(values(tableRule("sg", "money", { column: [/^小计$/] }), ctxOf(doc))).toEqual([120000]);
  });
  it("of several rows of figures: the 合计 row, wherever it is", () => {
    const doc = sangong(
      ["一般公共预算", "8.00", "0", "6.00", "2.00", "1.00"],
      ["合计", "12.00", "0", "10.00", "2.00", "3.00"],
      ["政府性基金", "4.00", "0", "4.00", "0", "2.00"],
    );
    expect(values(tableRule("sg", "money", SANGONG), ctxOf(doc))).toEqual([120000]);
  });
  it("several rows of figures and no total: none (which row is the unit's is unknown)", () => {
    const doc = sangong(["一般公共预算", "8.00", "0", "6.00", "2.00", "1.00"], ["政府性基金", "4.00", "0", "4.00", "0", "2.00"]);
    expect(values(tableRule("sg", "money", SANGONG), ctxOf(doc))).toEqual([]);
  });
  it("`row` picks rows by their label; each matching row gives a candidate", () => {
    const doc = sangong(["一、一般公共预算", "8.00", "0", "6.00", "2.00", "1.00"], ["合计", "12.00", "0", "10.00", "2.00", "3.00"]);
    expect(values(tableRule("sg", "money", { ...SANGONG, row: /^一般公共预算/ }), ctxOf(doc))).toEqual([80000]);
    expect(values(tableRule("sg", "money", { ...SANGONG, row: /预算|合计/ }), ctxOf(doc))).toEqual([80000, 120000]);
  });
  it("a title row (部门：, 单位：) and a row of one spanned cell are no header level", () => {
    const doc = docOf(
      table([
        ["部门：某县水利局", "单位：万元"],
        [{ text: "2024年“三公”经费预算表", colspan: 3 }],
        ["项目", "公务接待费", "会议费"],
        ["合计", "2.00", "3.00"],
      ]),
    );
    expect(values(tableRule("rx", "money", { column: [/^公务接待费$/] }), ctxOf(doc))).toEqual([20000]);
  });
  it("`header`: the table must have every one of these columns", () => {
    const doc = docOf(
      table([["单位：万元"], ["项目", "年初预算数", "全年预算数", "全年执行数"], ["年度资金总额", "100.00", "120.00", "110.00"]]),
    );
    const spec = (header: RegExp[]): TableSpec => ({ column: [/^全年执行数$/], row: /^年度资金总额$/, header });
    expect(values(tableRule("ex", "money", spec([/^年初预算/, /^全年执行/])), ctxOf(doc))).toEqual([1100000]);
    expect(values(tableRule("ex", "money", spec([/^年初预算/, /^实际支出/])), ctxOf(doc))).toEqual([]);
  });
  it("a row that lost its empty label cells is read as far left as its first figure is", () => {
    // the header's figures start in column 2 (年初预算数); the flattened row's in column 1
    const doc = docOf(
      table([
        ["单位：万元"],
        ["科目编码", "科目名称", "年初预算数", "全年预算数", "全年执行数"],
        ["合计", "100.00", "120.00", "110.00", ""],
      ]),
    );
    const spec: TableSpec = { column: [/^全年执行数$/], header: [/^年初预算/, /^全年执行/] };
    expect(run(tableRule("ex", "money", spec), ctxOf(doc)).map((c) => c.text)).toEqual(["110.00"]);
    const initial: TableSpec = { column: [/^年初预算数$/], header: [/^年初预算/, /^全年执行/] };
    expect(values(tableRule("ex", "money", initial), ctxOf(doc))).toEqual([1000000]);
  });
  it("a complete row is read where its header is", () => {
    const doc = docOf(
      table([
        ["单位：万元"],
        ["科目编码", "科目名称", "年初预算数", "全年预算数", "全年执行数"],
        ["201", "合计", "100.00", "120.00", "110.00"],
      ]),
    );
    const spec: TableSpec = { column: [/^全年预算数$/], header: [/^年初预算/, /^全年执行/] };
    expect(values(tableRule("ex", "money", spec), ctxOf(doc))).toEqual([1200000]);
  });
  it("a second header further down starts another block with its own columns", () => {
    const doc = docOf(
      table([
        ["单位：万元"],
        ["项目", "年初预算数", "全年执行数"],
        ["合计", "100.00", "110.00"],
        ["人员", "编制人数", "实际在职人数"],
        ["合计", "25", "23"],
      ]),
    );
    expect(values(tableRule("st", "persons", { column: [/^实际在职人数$/] }), ctxOf(doc))).toEqual([23]);
    expect(values(tableRule("ex", "money", { column: [/^全年执行数$/] }), ctxOf(doc))).toEqual([1100000]);
    // the staff block's 合计 row is not read under the budget block's columns
    expect(values(tableRule("st", "persons", { column: [/^编制人数$/] }), ctxOf(doc))).toEqual([25]);
  });
  it("rows of dashes and percentages are rows of figures; a row of text is a header", () => {
    const doc = docOf(table([["单位：万元"], ["项目", "年初预算数", "执行率", "备注"], ["合计", "100.00", "95%", "—"]]));
    expect(values(tableRule("b", "money", { column: [/^年初预算数$/] }), ctxOf(doc))).toEqual([1000000]);
    const noFigures = docOf(table([["单位：万元"], ["项目", "年初预算数"], ["合计", "见附件"]]));
    expect(values(tableRule("b", "money", { column: [/^年初预算数$/] }), ctxOf(noFigures))).toEqual([]);
  });
  it.each(["95%", "95.5 %", "-5％", "—", "–", "-", "/", "／", "——", "25人", "25"])(
    "%j is a figure: a row with it in half its cells is a row of figures",
    (figure) => {
      const doc = docOf(table([["单位：万元"], ["项目", "说明", "年初预算数", "其他"], ["合计", "说明", "100", figure]]));
      expect(values(tableRule("b", "money", { column: [/^年初预算数$/] }), ctxOf(doc))).toEqual([1000000]);
    },
  );
  it.each(["较好", "95%以上", "5%%", "—较好", "2.5.1"])("%j is no figure: the row is a header", (text) => {
    const doc = docOf(table([["单位：万元"], ["项目", "说明", "年初预算数", "其他"], ["合计", "说明", "100", text]]));
    expect(values(tableRule("b", "money", { column: [/^年初预算数$/] }), ctxOf(doc))).toEqual([]);
  });
  it("a header cell spanned over two rows is one level of the path", () => {
    const doc = docOf(
      table([
        ["单位：万元"],
        [{ text: "项目", rowspan: 2 }, { text: "会议费", rowspan: 2 }, "“三公”经费"],
        ["小计"],
        ["合计", "3.00", "12.00"],
      ]),
    );
    expect(values(tableRule("mt", "money", { column: [/^会议费$/] }), ctxOf(doc))).toEqual([30000]);
    expect(values(tableRule("mt", "money", { column: [/^会议费$/, /^会议费$/] }), ctxOf(doc))).toEqual([]);
  });
  it("head counts from a column, without a unit", () => {
    const doc = docOf(
      table([
        ["编制数", "实际在职人数"],
        ["25人", "23人"],
      ]),
    );
    expect(run(tableRule("st", "persons", { column: [/^编制数$/] }), ctxOf(doc))).toEqual([
      { value: 25, exact: undefined, written: undefined, rule: "st.table_column", text: "25人" },
    ]);
  });
});

describe("the 三公 total from the table's arithmetic", () => {
  const rule = sangongArithmeticRule("sg", /预算/);
  /** figures in reading order, some inside header cells, as a PDF without a grid prints them */
  const doc = (title: string, unit: string, figures: CellSpec[][]) => docOf(para(title), table([[unit], ...figures]));
  const FIGS = [
    ["合计16.00", "“三公”经费", "会议费", "培训费"],
    ["小计12.00", "因公出国", "0.00", "公务用车10.00", "公务接待2.00"],
    ["3.00", "1.00"],
  ];
  it("S = three figures after it, and S + two others = another figure: S", () => {
    expect(run(rule, ctxOf(doc("2024年“三公”经费预算表", "单位：万元", FIGS)))).toEqual([
      { value: 120000, exact: "120000", written: "万元", rule: "sg.table_arithmetic", text: "12.00" },
    ]);
  });
  it("not when the second sum fails, nor without 三公 or the caption, nor without a unit", () => {
    const broken = FIGS.map((r) => r.map((c) => c.replace("合计16.00", "合计17.00")));
    expect(values(rule, ctxOf(doc("2024年“三公”经费预算表", "单位：万元", broken)))).toEqual([]);
    const no3 = FIGS.map((r) => r.filter((c) => !c.includes("三公")));
    expect(values(rule, ctxOf(doc("2024年会议费预算表", "单位：万元", no3)))).toEqual([]);
    expect(values(rule, ctxOf(doc("2024年“三公”经费决算表", "单位：万元", FIGS)))).toEqual([]);
    expect(values(rule, ctxOf(doc("2024年“三公”经费预算表", "说明", FIGS)))).toEqual([]);
  });
  it("the three parts come within seven figures after S", () => {
    const far = [
      ["合计16.00", "小计12.00", "100", "200", "300", "400", "500", "600", "0.00", "10.00", "2.00"],
      ["3.00", "1.00"],
    ];
    expect(values(rule, ctxOf(doc("2024年“三公”经费预算表", "单位：万元", far)))).toEqual([]);
  });
  it("a 三公 of zero is not read from sums of zeros", () => {
    const zero = [
      ["合计4.00", "小计0.00", "0.00", "0.00", "0.00"],
      ["3.00", "1.00"],
    ];
    expect(values(rule, ctxOf(doc("2024年“三公”经费预算表", "单位：万元", zero)))).toEqual([]);
  });
  it("years and percentages are no figures; a spanned cell counts once", () => {
    const withYear = [
      ["2024年", "合计16.00", "“三公”经费"],
      [{ text: "小计12.00", colspan: 2 }, "0.00", "10.00", "2.00"],
      ["3.00", "1.00", "100%"],
    ];
    expect(run(rule, ctxOf(doc("“三公”经费预算表", "单位：万元", withYear))).map((c) => c.text)).toEqual(["12.00"]);
  });
});

describe("tableRule: the column of the report's year", () => {
  const spec = (kind: RegExp): TableSpec => ({ column: [kind], ofYear: true, row: /^三公经费$/ });
  const t = table([
    ["经费控制情况(万元", "2022年决算数", "2023年预算数", "2023年决算数"],
    ["三公经费:", "3.5", "4", "2.74"],
    ["基本支出", "100", "120", "110"],
  ]);
  it("of the columns that match, the one headed with the report's year", () => {
    const ctx = ctxOf(docOf(t), { year: 2023 });
    expect(values(tableRule("sangong_actual", "money", spec(/决算数$/)), ctx)).toEqual([27400]);
    expect(values(tableRule("sangong_budget", "money", spec(/预算数$/)), ctx)).toEqual([40000]);
    expect(values(tableRule("sangong_actual", "money", spec(/决算数$/)), ctxOf(docOf(t), { year: 2022 }))).toEqual([35000]);
  });
  it("none for another year, or without a year chosen", () => {
    expect(values(tableRule("sangong_actual", "money", spec(/决算数$/)), ctxOf(docOf(t), { year: 2021 }))).toEqual([]);
    expect(values(tableRule("sangong_actual", "money", spec(/决算数$/)), ctxOf(docOf(t)))).toEqual([]);
  });
});
