/**
 * The standard 预算/决算 tables as data (budget-tables.ts, budget-checks.ts), on documents built here
 * block by block: titles read as a grammar, codes joined from 类/款/项 columns, a 合计 spanning the
 * code columns, tables continued over a page with the header repeated, 万元 and 元, the arithmetic
 * checks (a misprinted line fails with its figures), the “三公” table, the summary against the
 * income and expenditure tables, and the same lines from a text document as from a built one.
 */
import { describe, expect, it } from "vitest";
import { budgetTables, gluedCodes, kindOf, stageOf, titleIn } from "../../src/extract/budget-tables.js";
import type { Block, BudgetTable } from "../../src/model.js";
import { type CellSpec, ctxOf, docOf, para, table, textDoc } from "./build.js";

const onPage = (b: Block, page: number): Block => ({ ...b, page });
const tablesOf = (...blocks: Block[]) => budgetTables(ctxOf(docOf(...blocks)));
const amounts = (t: BudgetTable, column: string) => t.lines.map((l) => l.cells.find((c) => c.column === column)?.amount ?? null);
const line = (t: BudgetTable, name: string) => t.lines.find((l) => l.name === name)!;
/** the 三公 checks of a 决算 三公 table of these rows, in 万元 */
const sangongOf = (rows: CellSpec[][]) =>
  tablesOf(para("财政拨款“三公”经费支出决算表"), para("单位：万元"), table(rows))[0].checks.filter((c) => c.rule === "sangong");

/** 一般公共预算支出功能分类预算表 with 类/款/项 columns, 万元, a 合计 across the code columns */
const FUNCTION_ROWS: CellSpec[][] = [
  [{ text: "科目编码", colspan: 3 }, { text: "科目名称", rowspan: 2 }, "合计", "基本支出", "项目支出"],
  ["类", "款", "项", "合计", "基本支出", "项目支出"],
  [{ text: "合计", colspan: 4 }, "1,956.58", "1,200.00", "756.58"],
  ["201", "", "", "一般公共服务支出", "1,500.00", "1,000.00", "500.00"],
  ["", "03", "", "政府办公厅（室）及相关机构事务", "1,500.00", "1,000.00", "500.00"],
  ["", "03", "01", "行政运行", "1,000.00", "1,000.00", ""],
  ["", "03", "02", "一般行政管理事务", "500.00", "", "500.00"],
  ["208", "", "", "社会保障和就业支出", "456.58", "200.00", "256.58"],
  ["", "05", "", "行政事业单位养老支出", "456.58", "200.00", "256.58"],
  ["", "05", "05", "机关事业单位基本养老保险缴费支出", "456.58", "200.00", "256.58"],
];

describe("titles as a grammar", () => {
  it.each([
    ["2026年部门支出预算总表", "expenditure", "预算"],
    ["公开03表:支出预算总表", "expenditure", "预算"],
    ["支出决算表", "expenditure", "决算"],
    ["四、2018年度江苏省高级人民法院财政拨款收支预算总表", "fiscal_summary", "预算"],
    ["2025年预算单位一般公共预算支出功能分类预算表", "general_function", "预算"],
    ["一般公共预算财政拨款支出决算表", "general_function", "决算"],
    ["财政拨款支出预算表(功能科目)公开表", "fiscal_function", "预算"],
    ["2025年部门一般公共预算基本支出部门预算经济分类预算表", "basic_economic", "预算"],
    ["一般公共预算财政拨款基本支出决算表", "basic_economic", "决算"],
    ["财政拨款“三公”经费支出决算表", "sangong", "决算"],
    ["9.2025年部门“三公”经费和机关运行经费预算表", "sangong", "预算"],
    ["收入支出决算总表", "summary", "决算"],
    ["2026年部门财务收支预算总表", "summary", "预算"],
    ["收入决算表", "income", "决算"],
    ["政府性基金预算财政拨款收入支出决算表", "fund", "决算"],
    ["2025年部门国有资本经营预算支出功能分类预算表", "capital", "预算"],
    ["一般公共预算机关运行经费支出预算表", "operating", "预算"],
    ["财政拨款基本支出预算表(经济科目)公开表六", "basic_economic", "预算"],
    ["公开表二收入预算总表", "income", "预算"],
    ["附表2 收入决算表", "income", "决算"],
    ["“三公”经费、会议费、培训费支出预算表公开表九", "sangong", "预算"],
  ])("%s → %s (%s)", (title, kind, stage) => {
    const t = titleIn(title);
    expect(t).not.toBeNull();
    expect(kindOf(t)).toBe(kind);
    expect(stageOf(t)).toBe(stage);
  });
  it("notes and sentences that mention a table are no titles; a title the catalogue does not know is unknown", () => {
    expect(titleIn("注:本部门2025年无政府性基金预算财政拨款安排的预算,故本表为空表")).toBeNull();
    expect(titleIn("详见附表")).toBeNull();
    expect(titleIn("附件：收入决算表")).toBeNull();
    expect(titleIn("表十")).toBeNull();
    expect(titleIn("部门预算支出执行情况表，单位万元")).toBeNull();
    expect(kindOf(titleIn("某某专项资金分配明细预算表"))).toBe("unknown");
  });
});

describe("lines of a function-class table", () => {
  const [t] = tablesOf(para("2026年部门一般公共预算支出功能分类预算表"), para("编制部门：某县某局　　单位：万元"), table(FUNCTION_ROWS));

  it("the table: its kind from the title before it, its unit, every line with codes joined from 类/款/项", () => {
    expect(t.kind).toBe("general_function");
    expect(t.stage).toBe("预算");
    expect(t.unit).toBe("万元");
    expect(t.lines.map((l) => [l.code, l.level])).toEqual([
      [null, "合计"],
      ["201", "类"],
      ["20103", "款"],
      ["2010301", "项"],
      ["2010302", "项"],
      ["208", "类"],
      ["20805", "款"],
      ["2080505", "项"],
    ]);
    expect(line(t, "合计").name).toBe("合计");
    expect(line(t, "行政运行").code).toBe("2010301");
  });
  it("amounts exact in 元 by shifting the decimal point, under the header path; an empty cell is no amount", () => {
    expect(amounts(t, "合计")).toEqual(["19565800", "15000000", "15000000", "10000000", "5000000", "4565800", "4565800", "4565800"]);
    expect(line(t, "行政运行").cells.map((c) => c.column)).toEqual(["合计", "基本支出"]);
  });
  it("every check holds: children, the 合计 line, 合计 = 基本支出 + 项目支出", () => {
    const rules = new Set(t.checks.map((c) => c.rule));
    expect(rules).toEqual(new Set(["children", "total", "columns"]));
    expect(t.checks.every((c) => c.ok)).toBe(true);
    expect(t.lines.flatMap((l) => l.cells.map((c) => c.check))).not.toContain("failed");
    expect(line(t, "一般公共服务支出").cells.every((c) => c.check === "ok")).toBe(true);
  });
  it("line evidence points at the row in the clean text, with its page", () => {
    const ctx = ctxOf(docOf(para("一般公共预算支出功能分类预算表"), para("单位：万元"), onPage(table(FUNCTION_ROWS), 7)));
    const [tt] = budgetTables(ctx);
    const l = line(tt, "行政运行");
    expect(ctx.clean.text.slice(l.start, l.end)).toContain("行政运行\t1,000.00");
    expect(l.page).toBe(7);
  });
});

describe("forms", () => {
  it("a 绩效目标表 is kept with its kind, and read for no lines: its cells are labels beside values and narrative", () => {
    const form = table([
      ["项目名称", { text: "社区事务受理中心建设", colspan: 3 }],
      ["年度总体目标", { text: "建成后作为社区事务受理、社区管理、社区文化艺术活动场所。", colspan: 3 }],
      ["年度资金申请总额", "4,100,000.00", "当年财政拨款", "4,100,000.00"],
      ["上年结转资金", "0.00", "其他资金", "0.00"],
    ]);
    const [t] = tablesOf(para("财政项目支出绩效目标填报表"), para("单位：元"), form);
    expect([t.kind, t.title, t.unit]).toEqual(["performance", "财政项目支出绩效目标填报表", "元"]);
    expect(t.lines).toEqual([]);
    expect(t.checks).toEqual([]);
  });
});

describe("checks that fail", () => {
  it("a misprinted line: the check fails with its figures, its cells are failed, the other lines stay ok", () => {
    const rows = FUNCTION_ROWS.map((r) => [...r]);
    rows[6] = ["", "03", "02", "一般行政管理事务", "600.00", "", "500.00"]; // 600 where 500 adds up
    const [t] = tablesOf(para("一般公共预算支出功能分类预算表"), para("单位：万元"), table(rows));
    const failed = t.checks.filter((c) => !c.ok);
    expect(failed.map((c) => c.rule).sort()).toEqual(["children", "columns"]);
    const children = failed.find((c) => c.rule === "children")!;
    expect(children).toMatchObject({ total: "15000000", sum: "16000000", parts: 2 });
    expect(children.message).toContain("15000000 ≠ 16000000");
    expect(line(t, "一般行政管理事务").cells[0].check).toBe("failed");
    expect(line(t, "机关事业单位基本养老保险缴费支出").cells.every((c) => c.check === "ok")).toBe(true);
  });
  it("figures rounded to the printed place hold within half a unit per part; a cent more than that fails", () => {
    const rows = (a: string): CellSpec[][] => [
      ["科目编码", "科目名称", "金额"],
      ["201", "一般公共服务支出", a],
      ["20101", "人大事务", "0.34"],
      ["20102", "政协事务", "0.33"],
      ["20103", "政府办公厅", "0.34"],
    ];
    const check = (a: string) => tablesOf(para("财政拨款支出预算表"), para("单位：万元"), table(rows(a)))[0].checks[0];
    expect(check("1.00").ok).toBe(true); // 0.335 + 0.333 + 0.333 printed as 0.34, 0.33, 0.34
    expect(check("1.00").message).toContain("rounding");
    expect(check("1.01").ok).toBe(true);
    expect(check("1.03").ok).toBe(false);
  });
});

describe("a table over two pages", () => {
  const header: CellSpec[][] = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]];
  const page1 = table([
    ...header,
    [{ text: "合计", colspan: 2 }, "300.00", "100.00", "200.00"],
    ["201", "一般公共服务支出", "300.00", "100.00", "200.00"],
    ["20101", "人大事务", "300.00", "100.00", "200.00"],
  ]);
  const page2 = table([
    ...header,
    ["2010101", "行政运行", "100.00", "100.00", ""],
    ["2010102", "一般行政管理事务", "200.00", "", "200.00"],
  ]);

  it("is one table: the continuation inherits title, unit and header; the repeated header is no line", () => {
    const ts = tablesOf(para("支出预算总表"), para("单位：万元"), onPage(page1, 3), para("- 4 -"), onPage(page2, 4));
    expect(ts.filter((t) => t.lines.length)).toHaveLength(1);
    const [t] = ts;
    expect(t.kind).toBe("expenditure");
    expect([t.page, t.last_page]).toEqual([3, 4]);
    expect(t.lines.map((l) => l.code)).toEqual([null, "201", "20101", "2010101", "2010102"]);
    expect(line(t, "行政运行").cells.map((c) => [c.column, c.amount])).toEqual([
      ["合计", "1000000"],
      ["基本支出", "1000000"],
    ]);
    // the 款 on page 3 is the sum of its 项 on page 4
    expect(t.checks.find((c) => c.rule === "children" && c.line === 2)?.ok).toBe(true);
  });
  it("a part after a paragraph of text is a table of its own", () => {
    const ts = tablesOf(
      para("支出预算总表"),
      para("单位：万元"),
      onPage(page1, 3),
      para("以下为另一张表的说明文字，不是页眉页脚。"),
      onPage(page2, 4),
    );
    expect(ts).toHaveLength(2);
    expect(ts[1].kind).toBe("unknown");
  });
});

describe("units", () => {
  const rows: CellSpec[][] = [
    ["项目", "预算数"],
    ["合计", "1,234,567.89"],
  ];
  it("元 and 万元 tables give 元; a table stating no unit gives no amounts", () => {
    expect(amounts(tablesOf(para("支出预算总表"), para("单位：元"), table(rows))[0], "预算数")).toEqual(["1234567.89"]);
    expect(amounts(tablesOf(para("支出预算总表"), para("金额单位：万元"), table(rows))[0], "预算数")).toEqual(["12345678900"]);
    const none = tablesOf(para("支出预算总表"), table(rows))[0];
    expect(none.unit).toBeNull();
    expect(none.lines[0].cells[0]).toMatchObject({ raw: "1,234,567.89", amount: null });
  });
});

describe("the summary against the income and expenditure tables", () => {
  const summary = (income: string) =>
    table([
      ["收入", "", "支出", ""],
      ["项目", "预算数", "项目", "预算数"],
      ["一、一般公共预算拨款", income, "一、一般公共服务支出", "500.00"],
      ["收入总计", income, "支出总计", "500.00"],
    ]);
  const income = table([
    ["项目", "合计", "一般公共预算拨款", "事业收入"],
    ["合计", "500.00", "450.00", "50.00"],
  ]);
  const spend = table([
    ["项目", "合计", "基本支出", "项目支出"],
    ["合计", "500.00", "300.00", "200.00"],
  ]);
  const doc = (s: string) => [
    para("部门收支预算总表"),
    para("单位：万元"),
    summary(s),
    para("部门收入预算总表"),
    para("单位：万元"),
    income,
    para("部门支出预算总表"),
    para("单位：万元"),
    spend,
  ];

  it("two sides of the summary are two columns, the left side's lines first; its totals agree with the other tables' 合计", () => {
    const ts = tablesOf(...doc("500.00")).filter((t) => t.lines.length);
    const s = ts.find((t) => t.kind === "summary")!;
    expect(s.lines.map((l) => l.name)).toEqual(["一般公共预算拨款", "收入总计", "一般公共服务支出", "支出总计"]);
    expect(new Set(s.lines.flatMap((l) => l.cells.map((c) => c.column))).size).toBe(2);
    const cross = ts.flatMap((t) => t.checks.filter((c) => c.rule === "cross"));
    expect(cross.map((c) => c.ok)).toEqual([true, true]);
  });
  it("a summary whose income total is another figure: the income table's cross check fails", () => {
    const ts = tablesOf(...doc("520.00"));
    const inc = ts.find((t) => t.kind === "income")!;
    const cross = inc.checks.find((c) => c.rule === "cross")!;
    expect(cross.ok).toBe(false);
    expect(cross.message).toContain("5200000");
    expect(inc.lines[0].cells[0].check).toBe("failed");
  });
});

describe("the “三公” table", () => {
  it("in columns under a two-level header: 三公 = 出国 + 车辆 + 接待, the car = 购置 + 运行", () => {
    const rows: CellSpec[][] = [
      [{ text: "“三公”经费预算数", colspan: 6 }],
      ["合计", "因公出国(境)费", "公务接待费", { text: "公务用车购置及运行费", colspan: 3 }],
      ["合计", "因公出国(境)费", "公务接待费", "小计", "购置费", "运行费"],
      ["10.81", "0", "0.83", "9.98", "0", "9.98"],
    ];
    const [t] = tablesOf(para("2026年部门“三公”经费和机关运行经费预算表"), para("单位：万元"), table(rows));
    expect(t.kind).toBe("sangong");
    expect(t.lines).toHaveLength(1);
    expect(t.checks.map((c) => [c.rule, c.ok])).toEqual([
      ["sangong", true],
      ["sangong_car", true],
    ]);
    const bad = rows.map((r) => [...r]);
    bad[3] = ["10.91", "0", "0.83", "9.98", "0", "9.98"];
    const [u] = tablesOf(para("“三公”经费支出预算表"), para("单位：万元"), table(bad));
    expect(u.checks.find((c) => !c.ok)?.message).toContain("109100 ≠ 108100");
  });
  it("in rows: the total line and its three parts, for each column", () => {
    const rows: CellSpec[][] = [
      ["项目", "预算数", "决算数"],
      ["“三公”经费合计", "30.00", "28.00"],
      ["因公出国（境）费", "0", "0"],
      ["公务用车购置及运行费", "20.00", "19.00"],
      ["其中：公务用车购置费", "0", "0"],
      ["公务用车运行费", "20.00", "19.00"],
      ["公务接待费", "10.00", "9.50"],
    ];
    const checks = sangongOf(rows);
    expect(checks.map((c) => [c.column, c.ok])).toEqual([
      ["预算数", true],
      ["决算数", false],
    ]);
    expect(checks[1]).toMatchObject({ total: "280000", sum: "285000" });
  });
});

describe("what PDF readers make of tables", () => {
  it("two rows' codes and names run together in one spanned cell: split by the row, the names by the document's other tables", () => {
    const other = table([
      ["科目编码", "科目名称", "金额"],
      ["201", "一般公共服务支出", "10.00"],
      ["20101", "人大事务", "10.00"],
      ["2010101", "行政运行", "10.00"],
    ]);
    const glued = table([
      ["科目编码", "科目名称", "金额"],
      [{ text: "20120101", rowspan: 2 }, { text: "一般公共服务支出人大事务", rowspan: 2 }, "10.00"],
      ["10.00"],
      ["2010101", "行政运行", "10.00"],
    ]);
    const ts = tablesOf(para("财政拨款支出预算表"), para("单位：万元"), other, para("一般公共预算支出预算表"), para("单位：万元"), glued);
    expect(ts[1].lines.map((l) => [l.code, l.name, l.level])).toEqual([
      ["201", "一般公共服务支出", "类"],
      ["20101", "人大事务", "款"],
      ["2010101", "行政运行", "项"],
    ]);
    expect(ts[1].checks.every((c) => c.ok)).toBe(true);
  });
  it("a 款 written without its leading zero (a spreadsheet's 2 for 02) is 02", () => {
    const rows: CellSpec[][] = [
      ["类", "款", "科目名称", "合计"],
      ["301", "", "工资福利支出", "30.00"],
      ["301", "2", "津贴补贴", "10.00"],
      ["301", "07", "绩效工资", "20.00"],
    ];
    const [t] = tablesOf(para("一般公共预算基本支出预算表"), para("单位：万元"), table(rows));
    expect(t.lines.map((l) => l.code)).toEqual(["301", "30102", "30107"]);
    expect(t.checks.every((c) => c.ok)).toBe(true);
  });
  it("a title and caption spanned over the table's left columns are no labels or header", () => {
    const title = "财政拨款支出预算表部门:某县某局单位:万元";
    const rows: CellSpec[][] = [
      [title, "", "", ""],
      [title, "功能科目代码", "功能科目名称", "金额"],
      [title, "", "合计", "10.00"],
      [title, "201", "一般公共服务支出", "10.00"],
    ];
    const [t] = tablesOf(table(rows));
    expect(t.kind).toBe("fiscal_function");
    expect(t.unit).toBe("万元");
    expect(t.lines.map((l) => [l.code, l.name])).toEqual([
      [null, "合计"],
      ["201", "一般公共服务支出"],
    ]);
    expect(t.lines[1].cells.map((c) => c.column)).toEqual(["金额"]);
  });
});

describe("more of what PDF readers make of tables", () => {
  it("three rows' codes run together (a 款, the next 类, its first 款), names cut at the classification's 类 name", () => {
    expect(gluedCodes("3011430230201")).toEqual(["30114", "302", "30201"]);
    expect(gluedCodes("20120101")).toEqual(["201", "20101"]);
    expect(gluedCodes("2010101")).toBeNull(); // one code
    expect(gluedCodes("20130101")).toBeNull(); // 30101 is no 款 of 201
    const cell = "3011430230201";
    const name = "医疗费商品和服务支出办公费";
    const rows: CellSpec[][] = [
      ["科目编码", "科目名称", "金额"],
      [{ text: "合计", colspan: 2 }, "131.00"],
      ["301", "工资福利支出", "31.00"],
      [{ text: cell, rowspan: 3 }, { text: name, rowspan: 3 }, "31.00"],
      ["100.00"],
      ["100.00"],
    ];
    const [t] = tablesOf(para("一般公共预算基本支出预算表"), para("单位：万元"), table(rows));
    expect(t.lines.map((l) => [l.code, l.name, l.level])).toEqual([
      [null, "合计", "合计"],
      ["301", "工资福利支出", "类"],
      ["30114", "医疗费", "款"],
      ["302", "商品和服务支出", "类"],
      ["30201", "办公费", "款"],
    ]);
    expect(t.checks.every((c) => c.ok)).toBe(true);
  });
  it("lines left whole in one cell, in a paragraph between the parts of a table, or carried in another's name", () => {
    const page1 = table([
      ["科目编码", "科目名称", "金额"],
      ["201", "一般公共服务支出", "30.00"],
      ["20101", "人大事务", "30.00"],
    ]);
    const page2 = table([[{ text: "2010102一般行政管理事务10.00", colspan: 3 }], ["2010103", "机关服务2010104人大会议5.00", "5.00"]]);
    const ts = tablesOf(
      para("财政拨款支出预算表"),
      para("单位：万元"),
      onPage(page1, 1),
      onPage(para("2010101\t行政运行\t10.00"), 2),
      onPage(page2, 2),
    );
    expect(ts).toHaveLength(1);
    expect(ts[0].lines.map((l) => [l.code, l.name, l.cells[0]?.amount])).toEqual([
      ["201", "一般公共服务支出", "300000"],
      ["20101", "人大事务", "300000"],
      ["2010101", "行政运行", "100000"],
      ["2010102", "一般行政管理事务", "100000"],
      ["2010103", "机关服务", "50000"],
      ["2010104", "人大会议", "50000"],
    ]);
    expect(ts[0].checks.every((c) => c.ok)).toBe(true);
  });
  it("the 合计 and the first 类 run together in a cell spanned over two rows, and two rows' codes, names and figures run together", () => {
    const merged = "合计30.00201一般公共服务支出";
    const rows: CellSpec[][] = [
      ["功能科目编码", "功能科目名称", ""],
      [{ text: merged, colspan: 3, rowspan: 2 }],
      ["20.00"],
      ["20101", "人大事务20.00", ""],
      [{ text: "2010199208", rowspan: 2 }, { text: "其他人大事务支出20.00社会保障和就业支出", rowspan: 2 }, ""],
      ["10.00"],
      ["20805", "行政事业单位养老支出10.00", ""],
    ];
    const [t] = tablesOf(para("一般公共预算支出预算表(功能科目)"), para("单位：万元"), table(rows));
    expect(t.lines.map((l) => [l.code, l.name, l.cells[0]?.raw ?? null])).toEqual([
      [null, "合计", "30.00"],
      ["201", "一般公共服务支出", "20.00"],
      ["20101", "人大事务", "20.00"],
      ["2010199", "其他人大事务支出", "20.00"],
      ["208", "社会保障和就业支出", "10.00"],
      ["20805", "行政事业单位养老支出", "10.00"],
    ]);
    expect(t.checks.filter((c) => c.rule === "total").map((c) => c.ok)).toEqual([true]);
    expect(t.checks.every((c) => c.ok)).toBe(true);
  });
  it("a continuation whose one figure a reader spread over three unheaded columns (a line over two rows): the table's one column, the line once", () => {
    const page1 = table([
      ["科目编码", "科目名称", "机关运行经费支出"],
      [{ text: "合计", colspan: 2 }, "30.00"],
      ["302", "商品和服务支出", "30.00"],
      ["30201", "办公费", "10.00"],
    ]);
    const page2 = table([
      ["30229福利费", "15.00", "15.00", "15.00"],
      ["30231公务用车运行维护费", "", "5.00", ""],
      ["30231公务用车运行维护费", "5.00", "5.00", "5.00"],
    ]);
    const [t] = tablesOf(para("一般公共预算机关运行经费支出预算表"), para("单位：万元"), onPage(page1, 1), onPage(page2, 2));
    expect(t.lines.map((l) => [l.code, l.cells.map((c) => c.column).join()])).toEqual([
      [null, "机关运行经费支出"],
      ["302", "机关运行经费支出"],
      ["30201", "机关运行经费支出"],
      ["30229", "机关运行经费支出"],
      ["30231", "机关运行经费支出"],
    ]);
    expect(t.checks.every((c) => c.ok)).toBe(true);
  });
  it("the 合计 row run into the header's last line (类 | 款 | 项 | 合计 | figures) is the total line, not a header", () => {
    const rows: CellSpec[][] = [
      ["科目编码", "", "", "科目名称", "本年支出合计", "基本支出", "项目支出"],
      ["类", "款", "项", "合计", "30.00", "20.00", "10.00"],
      ["201", "", "", "一般公共服务支出", "30.00", "20.00", "10.00"],
    ];
    const [t] = tablesOf(para("支出决算表"), para("单位：万元"), table(rows));
    expect(t.lines.map((l) => [l.name, l.level])).toEqual([
      ["合计", "合计"],
      ["一般公共服务支出", "类"],
    ]);
    expect(t.lines[0].cells.map((c) => c.column)).toEqual(["本年支出合计", "基本支出", "项目支出"]);
    expect(t.checks.filter((c) => c.rule === "total").map((c) => c.ok)).toEqual([true, true, true]);
  });
  it("a 三公 决算 table with 预算数 and 决算数 under each part: checked per stage; parts left empty count as none", () => {
    const rows: CellSpec[][] = [
      [
        { text: "合计", colspan: 2 },
        { text: "因公出国(境)费", colspan: 2 },
        { text: "公务用车购置及运行费", colspan: 2 },
        { text: "公务接待费", colspan: 2 },
      ],
      ["预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数"],
      ["3.00", "2.50", "", "", "2.00", "2.00", "1.00", "0.60"],
    ];
    const checks = sangongOf(rows);
    expect(checks.map((c) => [c.column, c.ok])).toEqual([
      ["合计 > 预算数", true],
      ["合计 > 决算数", false],
    ]);
    expect(checks[1]).toMatchObject({ total: "25000", sum: "26000" });
  });
});

describe("format-blind", () => {
  it("a table written as tab-separated text gives the lines the built table gives", () => {
    const rows = [
      ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
      ["201", "一般公共服务支出", "1,500.00", "1,000.00", "500.00"],
      ["20103", "政府办公厅（室）及相关机构事务", "1,500.00", "1,000.00", "500.00"],
    ];
    const built = tablesOf(para("一般公共预算支出功能分类预算表"), para("单位：万元"), table(rows));
    const text = budgetTables(
      ctxOf(textDoc(["一般公共预算支出功能分类预算表", "单位：万元", ...rows.map((r) => r.join("\t"))].join("\n"))),
    );
    const strip = (ts: BudgetTable[]) => ts.map((t) => ({ ...t, lines: t.lines.map(({ start: _s, end: _e, ...l }) => l) }));
    expect(strip(text)).toEqual(strip(built));
    expect(built[0].lines).toHaveLength(2);
  });
});
