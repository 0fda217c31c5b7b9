/**
 * The narrative rules (narrative.ts) in process: the problems and measures sections (inline label,
 * heading, where the section ends, a signature dropped, 无 as none) and the year-on-year change of
 * income and spending (sign, unit, the rate, sentences about 三公 or projects left out).
 */
import { describe, expect, it } from "vitest";
import { buildContext } from "../../src/extract/extract.js";
import { sectionTextRule, yoyRule } from "../../src/extract/narrative.js";
import type { Candidate, Context } from "../../src/extract/rules.js";
import { textDoc } from "./build.js";

const ctxOf = (text: string) => buildContext(textDoc(text));
const run = (rule: (ctx: Context) => Candidate[], text: string) => {
  const ctx = ctxOf(text);
  return rule(ctx).map((c) => ({ value: c.value, rule: c.rule, conf: c.confidence, span: ctx.folded.text.slice(c.start, c.end) }));
};
const problems = sectionTextRule("problems");
const measures = sectionTextRule("measures");
const values = (rule: (ctx: Context) => Candidate[], text: string) => run(rule, text).map((c) => c.value);

describe("problems and measures", () => {
  it("an inline label: the rest of its line", () => {
    expect(run(problems, "一、概况\n正文。\n存在问题：项目管理不够规范。\n其他。")).toEqual([
      { value: "项目管理不够规范。", rule: "problems.inline", conf: 0.8, span: "项目管理不够规范。" },
    ]);
    expect(values(problems, "（一）存在的主要问题：资金拨付滞后。")).toEqual(["资金拨付滞后。"]);
    expect(values(measures, "2.下一步改进措施：加强管理。")).toEqual(["加强管理。"]);
    expect(values(measures, "整改措施：加强管理。")).toEqual(["加强管理。"]);
    expect(values(problems, "改进措施：加强管理。")).toEqual([]);
  });
  it("无 is none", () => {
    for (const none of ["无", "无。", "没有", "暂无。"]) expect(values(problems, `存在问题：${none}`), none).toEqual([]);
    expect(values(problems, "存在问题：无重大问题。")).toEqual(["无重大问题。"]);
  });
  it("a heading: its section up to the next heading of its level, subsections included", () => {
    const text = "一、基本情况\n正文。\n二、存在的问题\n（一）管理\n问题一。\n（二）资金\n问题二。\n三、改进措施\n措施一。";
    expect(run(problems, text)).toEqual([
      {
        value: "（一）管理\n问题一。\n（二）资金\n问题二。",
        rule: "problems.section",
        conf: 0.75,
        span: "(一)管理\n问题一。\n(二)资金\n问题二。\n",
      },
    ]);
    expect(values(measures, text)).toEqual(["措施一。"]);
  });
  it("the signature after the last section is not part of it; a section of one line keeps it", () => {
    const text = "二、存在的问题\n问题一。\n三、改进措施\n措施一。\n某 县 水 利 局\n2024年3月5日";
    expect(values(measures, text)).toEqual(["措施一。"]);
    expect(values(measures, "三、改进措施\n某县水利局")).toEqual(["某县水利局"]);
  });
  it("a combined heading (问题及改进措施) is the measures', not the problems'", () => {
    const text = "一、基本情况\n正文。\n二、存在的问题及改进措施\n问题与措施。\n三、其他\n其他。";
    expect(values(problems, text)).toEqual([]);
    expect(values(measures, text)).toEqual(["问题与措施。"]);
    expect(values(problems, "二、问题及原因\n原因。")).toEqual(["原因。"]);
  });
  it("at most 500 characters; without a next heading, the 2000 after it; a heading on the last line is none", () => {
    const long = "很".repeat(600);
    expect((values(problems, `二、存在的问题\n${long}`)[0] as string).length).toBe(500);
    expect(values(problems, `二、存在的问题\n${"甲".repeat(1990)}乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙`)[0]).toBe("甲".repeat(500));
    expect(values(problems, "一、概况\n正文。\n二、存在的问题")).toEqual([]);
    expect(values(problems, "二、存在的问题\n三、改进措施\n措施。")).toEqual([]);
  });
});

describe("year-on-year change", () => {
  const spending = yoyRule("expenditure", "amount");
  const spendingRate = yoyRule("expenditure", "rate");
  const income = yoyRule("income", "amount");
  const incomeRate = yoyRule("income", "rate");
  it("a fall is negative, in 元 exactly, its span the change", () => {
    const text = "本年支出1,000万元，比上年减少129.31万元，下降6.2%。";
    expect(run(spending, text)).toEqual([{ value: -1293100, rule: "expenditure_change.keyword", conf: 0.75, span: "减少129.31万元" }]);
    expect(run(spendingRate, text)).toEqual([{ value: -0.062, rule: "expenditure_change_rate.keyword", conf: 0.75, span: "下降6.2%" }]);
    expect(run(spending, text)[0]).toBeDefined();
    expect(spending(ctxOf(text))[0]).toMatchObject({ exact: "-1293100", unit: "元" });
    expect(spendingRate(ctxOf(text))[0]).toMatchObject({ exact: "-0.062", unit: "ratio" });
  });
  it("a rise is positive; the rate's sign is its own word's", () => {
    const text = "收入合计2000万元，较2022年增加1,000元，增长5%。";
    expect(values(income, text)).toEqual([1000]);
    expect(values(incomeRate, text)).toEqual([0.05]);
    expect(values(spending, text)).toEqual([]);
    expect(values(incomeRate, "收入比上年增加10万元，下降1%。")).toEqual([-0.01]);
    expect(values(income, "收入比上年同期减少了10万元。")).toEqual([-100000]);
  });
  it("no rate stated: no rate", () => {
    expect(values(spendingRate, "支出比上年减少10万元。")).toEqual([]);
    expect(values(spending, "支出比上年减少10万元。")).toEqual([-100000]);
  });
  it("a sentence about 三公, 经费, projects or 接待 is not the unit's", () => {
    expect(values(spending, "三公经费支出比上年减少5万元。")).toEqual([]);
    expect(values(spending, "项目支出比上年减少5万元。")).toEqual([]);
    expect(values(spending, "三公经费很少。本年支出比上年减少5万元。")).toEqual([-50000]);
  });
  it("the change must follow the figure within its clause", () => {
    expect(values(spending, "支出情况良好。比上年减少5万元。")).toEqual([]);
    expect(values(spending, "支出1000万元，主要用于人员，比上年减少5万元。")).toEqual([]);
  });
});
