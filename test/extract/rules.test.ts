/**
 * The rule engine (rules.ts) in process: value conversion per kind, the context guards (placeholder,
 * clause, sentence, section, budget words, breakdown, sign), where a candidate's evidence starts and
 * ends, the sentence kept as evidence, and the choice between candidates (support, ties, flags).
 */
import { describe, expect, it } from "vitest";
import { buildContext } from "../../src/extract/extract.js";
import {
  type Candidate,
  type Context,
  choose,
  convert,
  evidenceFor,
  inBreakdown,
  inBudgetContext,
  kw,
  type PatternRule,
  type Rejection,
  runPattern,
  toFieldValue,
} from "../../src/extract/rules.js";
import { textDoc } from "./build.js";

const docOf = textDoc;
const ctxOf = (text: string) => buildContext(docOf(text));
/** the rule's candidates as value, unit, qualifier, confidence and the text of their span; the rejections' guards */
const runOn = (text: string, rule: Partial<PatternRule> & { re: RegExp }, kind: Parameters<typeof runPattern>[2] = "money") => {
  const ctx: Context = ctxOf(text);
  const rejected: Rejection[] = [];
  ctx.trace = (r) => rejected.push(r);
  const found = runPattern(ctx, { id: "t", confidence: 0.8, ...rule }, kind).map((c) => ({
    value: c.value,
    unit: c.unit,
    q: c.qualifier,
    conf: c.confidence,
    span: ctx.folded.text.slice(c.start, c.end),
  }));
  return { found, rejected: rejected.map((r) => `${r.guard} @${ctx.folded.text.slice(r.start, r.end)}`) };
};
const money = kw("支出", "money");

describe("convert", () => {
  it.each([
    ["money", "1,956.58", "万元", { value: 19565800, exact: "19565800", unit: "元" }],
    ["money", "12", "元", { value: 12, exact: "12", unit: "元" }],
    ["money", "0.5", "亿元", { value: 50000000, exact: "50000000", unit: "元" }],
    ["money", "三十", "万元", { value: 300000, exact: "300000", unit: "元" }],
    ["ratio", "95.5", undefined, { value: 0.955, exact: "0.955", unit: "ratio" }],
    ["ratio", "100", undefined, { value: 1, exact: "1", unit: "ratio" }],
    ["score", "0", undefined, { value: 0, exact: "0", unit: "分" }],
    ["score", "100", undefined, { value: 100, exact: "100", unit: "分" }],
    ["score", "九十六", undefined, { value: 96, exact: "96", unit: "分" }],
    ["persons", "25", undefined, { value: 25, unit: "人" }],
    ["persons", "二十", undefined, { value: 20, unit: "人" }],
    ["count", "3", undefined, { value: 3, unit: "个" }],
    ["grade", "优", undefined, { value: "优", unit: "grade" }],
    ["grade", "良好", undefined, { value: "良", unit: "grade" }],
    ["text", "某县水利局", undefined, { value: "某县水利局", unit: "text" }],
    ["year", "2023", undefined, { value: "2023", unit: "year" }],
  ] as const)("%s %j %s", (kind, v, u, want) => expect(convert(kind, v, u)).toEqual(want));
  it.each([
    ["money", "12", undefined], // no unit: no amount
    ["money", "12", "人"],
    ["money", "abc", "万元"],
    ["ratio", "abc", undefined],
    ["score", "100.5", undefined],
    ["score", "-1", undefined],
    ["score", "abc", undefined],
    ["persons", "2.5", undefined],
    ["persons", "abc", undefined],
    ["count", "1.5", undefined],
    ["count", "abc", undefined],
    ["grade", "一般般", undefined],
  ] as const)("%s %j %s → null", (kind, v, u) => expect(convert(kind, v, u)).toBeNull());
});

describe("inBreakdown: the label stands in the breakdown of a total", () => {
  it.each([
    ["支出合计100万元，其中", true],
    ["支出合计100万元，含", true],
    ["支出合计100万元，包括", true],
    ["支出合计100万元， 包含", true],
    ["其中，法院执行", true],
    ["总额：其中：", true],
    ["支出合计100万元（", true],
    ["支出合计(100万元", true],
    ["支出合计100万元（含税），", false],
    ["支出合计100万元，", false],
    ["全年支出", false],
    ["其中支出100万元，全年", false], // 其中 of an earlier clause, not followed by a comma
    ["其中的", true], // the clause opens with 其中
  ])("%j → %s", (prefix, want) => expect(inBreakdown(prefix)).toBe(want));
});

describe("inBudgetContext: a budget word after the last actual word", () => {
  it.each([
    ["年初预算", true],
    ["控制数", true],
    ["计划数", true],
    ["全年安排", true],
    ["预算执行中实际", false],
    ["实际支出较预算", true],
    ["预算总额", false],
    ["决算", false],
    ["预算支出", true], // 支出 right after 预算 is still the budget
    ["预算资金使用", false],
    ["年度开支", false],
    ["", false],
  ])("%j → %s", (prefix, want) => expect(inBudgetContext(prefix)).toBe(want));
});

describe("runPattern", () => {
  it("the span is the value and its unit, without a qualifier; the qualifier lowers the confidence", () => {
    expect(runOn("全年支出12.5万元。", { re: money }).found).toEqual([
      { value: 125000, unit: "元", q: undefined, conf: 0.8, span: "12.5万元" },
    ]);
    const ratio = kw("满意度", "ratio");
    expect(runOn("满意度95%以上。", { re: ratio }, "ratio").found).toEqual([
      { value: 0.95, unit: "ratio", q: "以上", conf: 0.4, span: "95%" },
    ]);
    expect(runOn("满意度95%左右。", { re: ratio, qualifiedFactor: 0.9 }, "ratio").found[0].conf).toBeCloseTo(0.72, 9);
  });
  it("a value written twice in the match: the span is the one that is the value", () => {
    expect(runOn("支出为5万元。", { re: kw("支出", "money") }).found[0].span).toBe("5万元");
    expect(runOn("2支出：2万元", { re: /2支出[:：](?<v>2)(?<u>万元)/g }).found[0].span).toBe("2万元");
  });
  it("a sentence with a template placeholder is not read, the sentence before and after is", () => {
    const r = runOn("XX局全年支出5万元。全年支出6万元；全年支出7万元，××年", { re: money });
    expect(r.found.map((f) => f.value)).toEqual([60000]);
    expect(r.rejected).toEqual([
      "template placeholder (XX) in the sentence @支出5万元",
      "template placeholder (XX) in the sentence @支出7万元",
    ]);
  });
  it("notAfter looks at the twelve characters after the match", () => {
    const rule = { re: money, notAfter: /增长/ };
    expect(runOn("全年支出5万元，较上年增长。", rule).found).toEqual([]);
    expect(runOn("全年支出5万元，较上年度的那些数字都有所增长。", rule).found.map((f) => f.value)).toEqual([50000]);
    expect(runOn("全年支出5万元，较上年增长。", rule).rejected).toEqual(["notAfter 增长 @支出5万元"]);
  });
  it("notInClause: the clause before the keyword; notInSentence: the sentence before it", () => {
    expect(runOn("上年，全年支出5万元。", { re: money, notInClause: /上年/ }).found).toHaveLength(1);
    expect(runOn("上年全年支出5万元。", { re: money, notInClause: /上年/ }).rejected).toEqual(["notInClause 上年 @支出5万元"]);
    expect(runOn("上年，全年支出5万元。", { re: money, notInSentence: /上年/ }).found).toHaveLength(0);
    expect(runOn("上年。全年支出5万元。", { re: money, notInSentence: /上年/ }).found).toHaveLength(1);
  });
  it("notInSection: the heading path", () => {
    const text = "一、部门概况\n全年支出5万元。\n二、上年情况\n全年支出6万元。";
    const r = runOn(text, { re: money, notInSection: /上年/ });
    expect(r.found.map((f) => f.value)).toEqual([50000]);
    expect(r.rejected).toEqual(["notInSection 上年 @支出6万元"]);
  });
  it("notInBudgetContext and notInBreakdown, with their reasons", () => {
    expect(runOn("年初预算全年支出5万元。", { re: money, notInBudgetContext: true }).rejected).toEqual([
      "a budget figure (预算/控制数 since the last actual word) @支出5万元",
    ]);
    expect(runOn("年初预算全年支出5万元。", { re: money }).found).toHaveLength(1);
    expect(runOn("合计10万元，其中支出5万元。", { re: money, notInBreakdown: true }).rejected).toEqual([
      "in the breakdown of a total (其中, 含, an open parenthesis) @支出5万元",
    ]);
    expect(runOn("合计10万元，其中支出5万元。", { re: money }).found).toHaveLength(1);
  });
  it("a value that does not convert is rejected with the value named", () => {
    expect(runOn("全年支出5万人。", { re: /支出(?<v>5)(?<u>万人)/g }).rejected).toEqual([
      'value "5万人" does not convert to money @支出5万人',
    ]);
    expect(runOn("得分120分。", { re: kw("得分", "score") }, "score").rejected).toEqual([
      'value "120" does not convert to score @得分120分',
    ]);
  });
  it("nonNegative: a negative amount is a change", () => {
    expect(runOn("支出-5万元。", { re: money, nonNegative: true }).rejected).toEqual([
      "a negative amount (a change, not this figure) @支出-5万元",
    ]);
    expect(runOn("支出-5万元。", { re: money }).found.map((f) => f.value)).toEqual([-50000]);
    expect(runOn("支出0万元。", { re: money, nonNegative: true }).found.map((f) => f.value)).toEqual([0]);
  });
  it("a zero rule: the phrase is the evidence, its unit the kind's", () => {
    const none = { re: /无“三公”经费支出/g, zero: true };
    expect(runOn("本年无“三公”经费支出。", none).found).toEqual([
      { value: 0, unit: "元", q: undefined, conf: 0.8, span: "无“三公”经费支出" },
    ]);
    expect(runOn("本年无“三公”经费支出。", none, "persons").found[0].unit).toBe("persons");
    const r = runOn("一、上年情况\n本年无“三公”经费支出。", { ...none, notInSection: /上年/ });
    expect(r.found).toEqual([]);
    expect(r.rejected).toEqual(["notInSection 上年 @无“三公”经费支出"]);
  });
  it("a match without a value group gives nothing", () => {
    expect(runOn("全年支出。", { re: /支出/g }).found).toEqual([]);
  });
});

const cand = (value: number | string, confidence: number, start: number, exact?: string): Candidate => ({
  value,
  exact,
  unit: "元",
  confidence,
  rule: `r${start}`,
  start,
  end: start + 1,
});

describe("choose", () => {
  it("no candidates: nothing, no flag", () => expect(choose("f", [])).toEqual({ winner: null, flags: [] }));
  it("the most confident value wins; within it, its most confident candidate", () => {
    const { winner, flags } = choose("f", [cand(1, 0.5, 0), cand(2, 0.9, 5), cand(2, 0.95, 9), cand(3, 0.7, 1)]);
    expect(winner?.start).toBe(9);
    expect(flags).toEqual([]);
  });
  it("equal confidence: the value more candidates support wins", () => {
    expect(choose("f", [cand(1, 0.8, 0), cand(2, 0.8, 5), cand(2, 0.8, 9)]).winner?.value).toBe(2);
    expect(choose("f", [cand(2, 0.8, 5), cand(2, 0.8, 9), cand(1, 0.8, 0)]).winner?.value).toBe(2);
  });
  it("candidates with the same exact value support each other, whatever their number", () => {
    expect(choose("f", [cand(0.1, 0.8, 0, "0.1"), cand(0.30000000000000004, 0.8, 3, "0.3"), cand(0.3, 0.8, 9, "0.3")]).winner?.exact).toBe(
      "0.3",
    );
  });
  it("equally supported values: none, flagged with the values (four at most in the message)", () => {
    const two = choose("f", [cand(1, 0.8, 0), cand(2, 0.8, 5)]);
    expect(two.winner).toBeNull();
    expect(two.flags).toEqual([
      { code: "conflicting_candidates", fields: ["f"], message: "f: 2 equally supported values (1, 2); left empty", values: [1, 2] },
    ]);
    const five = choose(
      "f",
      ["a", "b", "c", "d", "e"].map((v, i) => cand(v, 0.8, i)),
    );
    expect(five.flags[0].message).toBe('f: 5 equally supported values ("a", "b", "c", "d", …); left empty');
    expect(five.flags[0]).toMatchObject({ values: ["a", "b", "c", "d", "e"] });
    const four = choose(
      "f",
      ["a", "b", "c", "d"].map((v, i) => cand(v, 0.8, i)),
    );
    expect(four.flags[0].message).toBe('f: 4 equally supported values ("a", "b", "c", "d"); left empty');
  });
  it("a tie of the best confidence broken by support is no conflict; a lower second is none either", () => {
    expect(choose("f", [cand(1, 0.8, 0), cand(1, 0.8, 2), cand(2, 0.8, 5)]).flags).toEqual([]);
    expect(choose("f", [cand(1, 0.8, 0), cand(2, 0.79, 5)])).toMatchObject({ winner: { value: 1 }, flags: [] });
  });
});

describe("evidence", () => {
  it("the sentence around the value, with its terminator, and the heading path", () => {
    const ctx = ctxOf("一、收支情况\n（一）支出\n开头一句。全年支出12.5万元，较上年增长；下一句。");
    const [c] = runPattern(ctx, { id: "t", confidence: 0.8, re: money }, "money");
    const e = evidenceFor(ctx, c);
    expect(e).toMatchObject({ raw: "12.5万元", text: "全年支出12.5万元，较上年增长；", page: null });
    expect(e.section).toBe("一、收支情况 > （一）支出");
    expect(ctx.clean.text.slice(e.start, e.end)).toBe("12.5万元");
  });
  it("a sentence over 300 characters: the 300 around the value", () => {
    const before = "甲".repeat(400);
    const after = "乙".repeat(400);
    const ctx = ctxOf(`${before}支出5万元${after}`);
    const [c] = runPattern(ctx, { id: "t", confidence: 0.8, re: money }, "money");
    const { text } = evidenceFor(ctx, c);
    expect(text).toHaveLength(300);
    expect(text.indexOf("5万元")).toBe(150);
    const short = ctxOf(`甲甲。${"乙".repeat(20)}支出5万元${after}`);
    const [s] = runPattern(short, { id: "t", confidence: 0.8, re: money }, "money");
    expect(evidenceFor(short, s).text.startsWith(`${"乙".repeat(20)}支出5万元`)).toBe(true);
  });
  it("a field value: exact, qualifier and a rounded confidence only where they are", () => {
    const ctx = ctxOf("满意度95%以上。全年支出5万元。");
    const [r] = runPattern(ctx, { id: "sat", confidence: 0.777, re: kw("满意度", "ratio") }, "ratio");
    expect(toFieldValue(ctx, r)).toMatchObject({
      value: 0.95,
      exact: "0.95",
      qualifier: "以上",
      confidence: 0.39,
      rule: "sat",
      raw: "95%",
    });
    const text = toFieldValue(ctx, { value: "x", unit: "text", confidence: 1, rule: "t", start: 0, end: 1 });
    expect("exact" in text || "qualifier" in text).toBe(false);
  });
  it("a name read from the text keeps the script it is written in", () => {
    const ctx = ctxOf("某縣水利局績效報告");
    const name = ctx.folded.text.slice(0, 5);
    expect(name).toBe("某县水利局");
    expect(toFieldValue(ctx, { value: name, unit: "text", confidence: 1, rule: "t", start: 0, end: 5 }).value).toBe("某縣水利局");
    expect(toFieldValue(ctx, { value: "另一个名", unit: "text", confidence: 1, rule: "t", start: 0, end: 5 }).value).toBe("另一个名");
  });
});
