/**
 * Table helpers and table rules (tables.ts) in process: a table's heading (lines before it and its
 * title rows), its stated money unit, the own-unit/year check, the 总分 row as self_score with its
 * line as evidence, and satisfaction from a score table's 满意度 row.
 */
import { describe, expect, it } from "vitest";
import type { Candidate, Context } from "../../src/extract/rules.js";
import { cellCandidate, foreignTo, satisfactionTableRule, scoreTableTotalRule, tablesOf, tableUnit } from "../../src/extract/tables.js";
import type { Block } from "../../src/model.js";
import { ctxOf, docOf, para, table } from "./build.js";

const spanText = (ctx: Context, c: Candidate) => ctx.folded.text.slice(c.start, c.end);

describe("tablesOf", () => {
  it("a table's heading: the four lines before it and its title rows (two filled cells at most, in the first four rows)", () => {
    const doc = docOf(
      para("第一行"),
      para("第二行"),
      para("第三行"),
      para("第四行"),
      para("第五行"),
      table([
        ["某县水利局", "", ""],
        ["2023年", "单位：万元", ""],
        ["项目", "预算", "决算"],
        ["合计", "1", "2"],
        ["注", "", ""],
      ]),
    );
    const [v] = tablesOf(ctxOf(doc));
    // (the blank line between blocks counts as one of the four)
    // (folded, as the rules match it: 单位：→ 单位:)
    expect(v.heading).toBe("第三行\n第四行\n第五行\n\n某县水利局\n2023年 单位:万元");
    expect(v.grid).toHaveLength(5);
    expect(v.block).toBe(5);
    expect(v.rowText[3]).toBe("合计\t1\t2");
  });
  it("one view per table, in order, the same list each time", () => {
    const ctx = ctxOf(docOf(table([["a"]]), para("x"), table([["b"]])));
    expect(tablesOf(ctx).map((v) => v.block)).toEqual([0, 2]);
    expect(tablesOf(ctx)).toBe(tablesOf(ctx));
  });
  it("a cell's candidate spans the value in its row; a value not in the row is none", () => {
    const ctx = ctxOf(docOf(para("前言"), table([["合计", "12.5"]])));
    const [v] = tablesOf(ctx);
    const c = cellCandidate(v, 0, "12.5", { value: 1, unit: "元", confidence: 1, rule: "t" });
    expect(c && spanText(ctx, c)).toBe("12.5");
    expect(cellCandidate(v, 0, "13", { value: 1, unit: "元", confidence: 1, rule: "t" })).toBeNull();
    expect(cellCandidate(v, 5, "12.5", { value: 1, unit: "元", confidence: 1, rule: "t" })).toBeNull();
  });
});

describe("tablesOf: a table that runs over pages", () => {
  const onPage = (page: number, rows: string[][]): Block => ({ ...table(rows), page });
  const p = (text: string, page: number): Block => ({ ...para(text), page });
  const head = [
    ["功能分类科目编码", "", "", "科目名称", "合计", "基本支出", "项目支出"],
    ["类", "款", "项", "科目名称", "合计", "基本支出", "项目支出"],
  ];
  const rowsA = [["204", "", "", "公共安全支出", "90", "20", "70"]];
  const rowsB = [["208", "", "", "社会保障和就业支出", "10", "10", "0"]];
  it("continues on the next page: one view, the first part's caption, header and unit", () => {
    const ctx = ctxOf(
      docOf(p("2026年部门支出预算总表", 1), p("单位：元", 1), onPage(1, [...head, ...rowsA]), onPage(2, rowsB), p("正文", 2)),
    );
    const views = tablesOf(ctx);
    expect(views).toHaveLength(1);
    expect(views[0].grid.map((r) => r[3])).toEqual(["科目名称", "科目名称", "公共安全支出", "社会保障和就业支出"]);
    expect(tableUnit(views[0])).toBe("元");
    expect(views[0].rowText[3]).toBe("208\t\t\t社会保障和就业支出\t10\t10\t0");
    expect([views[0].block, views[0].lastBlock]).toEqual([2, 3]);
  });
  it("the header repeated at the top of the next page is not data; a third page continues too", () => {
    const ctx = ctxOf(
      docOf(onPage(1, [...head, ...rowsA]), onPage(2, [...head, ...rowsB]), onPage(3, [["221", "", "", "住房保障支出", "5", "5", "0"]])),
    );
    const [v] = tablesOf(ctx);
    expect(v.grid.map((r) => r[0])).toEqual(["功能分类科目编码", "类", "204", "208", "221"]);
  });
  it("lines with nothing to report (blank amounts), or more labels than figures, may open the next page", () => {
    const blank = [["", "", "", "五、教育支出", "", "", ""]];
    const [v, ...rest] = tablesOf(ctxOf(docOf(onPage(1, [...head, ...rowsA]), onPage(2, [...blank, ...blank, ...rowsB]))));
    expect(rest).toEqual([]);
    expect(v.grid.map((r) => r[0] || r[3])).toEqual(["功能分类科目编码", "类", "204", "五、教育支出", "五、教育支出", "208"]);
    // lines with more labels than figures (a 采购 table's 品目 and 方式) open it as well
    const labelled = [["", "物业管理服务", "分散自行组织", "", "", "", "36.00"]];
    expect(tablesOf(ctxOf(docOf(onPage(1, [...head, ...rowsA]), onPage(2, [...labelled, ...rowsB]))))).toHaveLength(1);
    // but a row with words where the figures stand is a header: a table of its own
    const header = [["", "", "", "", "金额", "", ""]];
    expect(tablesOf(ctxOf(docOf(onPage(1, [...head, ...rowsA]), onPage(2, [...header, ...rowsB]))))).toHaveLength(2);
    expect(tablesOf(ctxOf(docOf(onPage(1, [...head, ...rowsA]), onPage(2, blank))))).toHaveLength(2);
  });
  it("a 合计 row alone on the last page, narrower: its label spans the columns the figures leave", () => {
    const ctx = ctxOf(docOf(onPage(1, [...head, ...rowsA, ...rowsB]), onPage(2, [["合计", "100", "30", "70"]])));
    const [v] = tablesOf(ctx);
    expect(v.grid[v.grid.length - 1]).toEqual(["合计", "合计", "合计", "合计", "100", "30", "70"]);
  });
  it.each([
    ["on the same page", 1, [...rowsB]],
    ["two pages on", 3, [...rowsB]],
    ["with a header of its own", 2, [["项目", "金额", "", "", "", "", ""], ...rowsB]],
    ["narrower, not a 合计 row", 2, [["208", "社会保障", "10"]]],
  ])("a table %s is a table of its own", (_what, page, rows) => {
    const ctx = ctxOf(docOf(onPage(1, [...head, ...rowsA]), onPage(page as number, rows as string[][])));
    expect(tablesOf(ctx)).toHaveLength(2);
  });
  it("text between the parts keeps them apart; a text document (no pages) never continues", () => {
    expect(tablesOf(ctxOf(docOf(onPage(1, [...head, ...rowsA]), p("注：单位万元", 1), onPage(2, rowsB))))).toHaveLength(2);
    expect(tablesOf(ctxOf(docOf(table([...head, ...rowsA]), table(rowsB))))).toHaveLength(2);
  });
  it("a table's caption lines are not the rows of the table before it", () => {
    const ctx = ctxOf(
      docOf(p("收入预算总表", 1), onPage(1, [["一般公共预算", "10"]]), p("支出预算总表", 1), p("单位：元", 1), onPage(1, [["合计", "10"]])),
    );
    const { heading } = tablesOf(ctx)[1];
    expect(heading).toContain("支出预算总表\n单位:元");
    expect(heading).not.toContain("一般公共预算");
  });
});

describe("tableUnit", () => {
  const unitOf = (...blocks: Block[]) => tableUnit(tablesOf(ctxOf(docOf(...blocks)))[0]);
  it("单位： in the heading or the table, 金额单位：, in full-width forms too", () => {
    expect(unitOf(para("单位：万元"), table([["合计", "1"]]))).toBe("万元");
    expect(
      unitOf(
        table([
          ["合计", "1"],
          ["金额单位:元", ""],
        ]),
      ),
    ).toBe("元");
    expect(unitOf(table([["单位： 亿元"], ["合计", "1"]]))).toBe("亿元");
  });
  it("a unit in parentheses in the first six rows", () => {
    expect(
      unitOf(
        table([
          ["项目", "金额（万元）"],
          ["合计", "1"],
        ]),
      ),
    ).toBe("万元");
    expect(
      unitOf(
        table([
          ["项目", "金额(元)"],
          ["合计", "1"],
        ]),
      ),
    ).toBe("元");
    const deep = [["a"], ["b"], ["c"], ["d"], ["e"], ["f"], ["项目", "金额（万元）"], ["合计", "1"]];
    expect(unitOf(table(deep))).toBeNull();
    expect(unitOf(table(deep.slice(1)))).toBe("万元");
  });
  it("单位：万 and 元 in two cells of the title rows, run together", () => {
    expect(
      unitOf(
        table([
          ["单位：万", "元"],
          ["合计", "1"],
        ]),
      ),
    ).toBe("万元");
    expect(
      unitOf(
        table([
          ["单位： 万", " 元"],
          ["合计", "1"],
        ]),
      ),
    ).toBe("万元");
    expect(unitOf(table([["x"], ["y"], ["z"], ["单位：万", "元"], ["合计", "1"]]))).toBeNull();
  });
  it("单位：万 ending a caption line and 元 the last word of the next: a unit wrapped in a narrow box", () => {
    const body = table([["合计", "1"]]);
    expect(unitOf(para("单位：万"), para("部门名称：某县人民法院\t元"), body)).toBe("万元");
    expect(unitOf(para("金额单位：千"), para("元"), body)).toBe("千元");
    expect(unitOf(para("单位： 亿 "), para("某某\t元 "), body)).toBe("亿元");
    // 元 glued to other words, or not on the next line: no unit
    expect(unitOf(para("单位：万"), para("部门名称：某县元宝山区"), body)).toBeNull();
    expect(unitOf(para("单位：万"), para("部门名称：某县"), para("元"), body)).toBeNull();
  });
  it("none stated: null", () => {
    expect(unitOf(table([["合计", "1"]]))).toBeNull();
    expect(
      unitOf(
        table([
          ["单位", "人"],
          ["合计", "1"],
        ]),
      ),
    ).toBeNull();
  });
});

describe("foreignTo", () => {
  it("another year in the heading", () => {
    expect(foreignTo("某县水利局2021年度绩效自评表", "某县水利局", 2023)).toBe(
      "the table is headed with year 2021, the report is for 2023",
    );
    expect(foreignTo("某县水利局2023年度绩效自评表", "某县水利局", 2023)).toBeNull();
    expect(foreignTo("某县水利局2021年绩效自评表", null, null)).toBeNull();
    expect(foreignTo("编号2021-3", "某县水利局", 2023)).toBeNull();
  });
  it("another unit in the heading; the report's own name, shorter or longer, is not another", () => {
    expect(foreignTo("某县交通运输局绩效自评表", "某县水利局", null)).toBe(
      "the table is headed with another unit (某县交通运输局), the report is by 某县水利局",
    );
    expect(foreignTo("某某镇人民政府绩效自评表", "某某镇", null)).toBeNull();
    expect(foreignTo("某某镇绩效自评表", "某某镇人民政府", null)).toBeNull();
    expect(foreignTo("某某街道办事处绩效自评表", "某某街道", null)).toBeNull();
    expect(foreignTo("某某街道办事处绩效自评表", "另一街道办事处", null)).not.toBeNull();
    expect(foreignTo("县财政局制", "某县水利局", null)).toBeNull();
    expect(foreignTo("某县交通运输局绩效自评表", null, 2023)).toBeNull();
  });
  it("traditional script and full-width digits are read as their simple forms", () => {
    expect(foreignTo("某縣水利局２０２３年度", "某县水利局", 2023)).toBeNull();
    expect(foreignTo("某縣水利局２０２１年度", "某县水利局", 2023)).not.toBeNull();
  });
});

const HEADER = ["一级指标", "二级指标", "三级指标", "实际完成值", "分值", "得分"];

describe("scoreTableTotalRule", () => {
  it("the 总分 row's score, its line the evidence", () => {
    const doc = docOf(
      para("某县水利局2023年度绩效自评表"),
      table([HEADER, ["产出", "数量", "人次", "100", "50", "48"], ["总分", "", "", "", "100", "95.5"]]),
    );
    const ctx = ctxOf(doc, { unit: "某县水利局", year: 2023 });
    const [c, ...more] = scoreTableTotalRule(ctx);
    expect(more).toEqual([]);
    expect(c).toMatchObject({ value: 95.5, exact: "95.5", unit: "分", confidence: 0.8, rule: "self_score.score_table_total" });
    expect(spanText(ctx, c)).toBe("总分\t\t\t\t100\t95.5");
  });
  it("another unit's or year's table, or none without a 总分 row", () => {
    const rows = [HEADER, ["产出", "数量", "人次", "100", "50", "48"], ["合计", "", "", "", "100", "95.5"]];
    expect(scoreTableTotalRule(ctxOf(docOf(para("某县交通运输局绩效自评表"), table(rows)), { unit: "某县水利局" }))).toEqual([]);
    expect(scoreTableTotalRule(ctxOf(docOf(para("2021年度绩效自评表"), table(rows)), { year: 2023 }))).toEqual([]);
    expect(scoreTableTotalRule(ctxOf(docOf(para("绩效自评表"), table(rows.slice(0, 2)))))).toEqual([]);
    const ctx = ctxOf(docOf(para("绩效自评表"), table(rows)));
    expect(scoreTableTotalRule(ctx).map((c) => spanText(ctx, c).slice(0, 2))).toEqual(["合计"]);
  });
});

describe("satisfactionTableRule", () => {
  const sat = (rows: string[][], own: { unit?: string } = {}, title = "绩效自评表") => {
    const ctx = ctxOf(docOf(para(title), table([HEADER, ...rows])), own);
    return satisfactionTableRule(ctx).map((c) => `${c.value} ${c.exact} ${c.unit} ${c.rule} ${spanText(ctx, c)}`);
  };
  it("the actual value of a 满意度 row, as a ratio", () => {
    expect(sat([["满意度指标", "服务对象满意度", "群众满意度", "95.5%", "10", "10"]])).toEqual([
      "0.955 0.955 ratio satisfaction.score_table 95.5%",
    ]);
    expect(sat([["效益", "", "满意度", "９８％", "10", "10"]])).toEqual(["0.98 0.98 ratio satisfaction.score_table 98%"]); // (the folded text);
  });
  it("not a value that is no percentage or over 100 %, nor a row whose 满意度 stands right of the value", () => {
    expect(sat([["满意度", "", "群众满意度", "较满意", "10", "10"]])).toEqual([]);
    expect(sat([["满意度", "", "群众满意度", "≥95%", "10", "10"]])).toEqual([]);
    expect(sat([["满意度", "", "群众满意度", "120%", "10", "10"]])).toEqual([]);
    expect(sat([["满意度", "", "群众满意度", "100%", "10", "10"]])).toEqual(["1 1 ratio satisfaction.score_table 100%"]);
    expect(sat([["效益", "", "x", "95%", "满意度", "10"]])).toEqual([]);
    expect(sat([["效益", "", "x", "95%", "10", "10"]])).toEqual([]);
  });
  it("only a score table (一级指标 and an actual column) that is the report's own", () => {
    const row = ["满意度", "", "群众满意度", "95%", "10", "10"];
    expect(sat([row], { unit: "某县水利局" }, "某县交通运输局绩效自评表")).toEqual([]);
    const ctx = ctxOf(
      docOf(
        table([
          ["一级指标", "二级指标", "三级指标", "目标值", "得分"],
          ["满意度", "", "满意度", "95%", "10"],
        ]),
      ),
    );
    expect(satisfactionTableRule(ctx)).toEqual([]);
  });
});
