/**
 * The lexicon compiler (lexicon.ts) on small entries written here: what a composed label matches as
 * a whole and inside a sentence, bare heads, a year as modifier, suffixes, required endings, words
 * that change the meaning, quoted terms, literal characters; and the form labels of templates.
 */
import { describe, expect, it } from "vitest";
import { compile, type Lexicon, nextFormLabel, stripFormLabel } from "../../src/extract/lexicon.js";

const whole = (lex: Lexicon) => {
  const c = compile(lex);
  return (s: string) => c.whole.test(s);
};
const inText = (lex: Lexicon) => {
  const re = new RegExp(compile(lex).source);
  return (s: string) => re.exec(s)?.[0] ?? null;
};

describe("compile", () => {
  const staff: Lexicon = { heads: ["编制", "编制人数"], before: ["核定", "人员"], after: ["数", "总数"] };
  it("modifiers (up to two), a head, a suffix", () => {
    const is = whole(staff);
    for (const s of ["编制", "编制数", "编制人数", "核定编制", "人员编制数", "核定人员编制总数", "人员核定编制"])
      expect(is(s), s).toBe(true);
    for (const s of ["核定", "人员核定人员编制", "编制数数", "编制人", "数编制", "核定编制 数"]) expect(is(s), s).toBe(false);
  });
  it("afterTimes: how many suffixes may follow", () => {
    const two = whole({ heads: ["支出"], after: ["预算", "数"], afterTimes: 2 });
    expect(two("支出预算数")).toBe(true);
    expect(two("支出预算数数")).toBe(false);
    expect(whole({ heads: ["支出"], after: ["预算", "数"] })("支出预算数")).toBe(false);
  });
  it("a required ending", () => {
    const sangong = whole({ heads: ["三公经费"], before: ["年度"], end: ["预算数", "预算"] });
    expect(sangong("三公经费预算数")).toBe(true);
    expect(sangong("年度三公经费预算")).toBe(true);
    expect(sangong("三公经费")).toBe(false);
  });
  it("quoted terms carry quotes of any kind around the term or the whole word", () => {
    const is = whole({ heads: ["三公经费"] });
    for (const s of ["三公经费", "“三公”经费", '"三公"经费', "“三公经费”", "「三公」经费", "‘三公’经费"]) expect(is(s), s).toBe(true);
    expect(is("三公费")).toBe(false);
    // a word without a quoted term takes no quotes
    expect(whole({ heads: ["公务费"] })("“公务费”")).toBe(false);
  });
  it("in a sentence, a label opening with a quote, a modifier or a class metacharacter is found", () => {
    // (the source first asserts the characters a label can start with: every word's first, a quote)
    expect(inText({ heads: ["三公经费"] })("全年“三公”经费支出12万元")).toBe("“三公”经费");
    expect(inText({ heads: ["三公经费"] })('全年"三公经费"支出')).toBe('"三公经费"');
    expect(inText({ heads: ["编制"], before: ["核定"] })("经核定编制45个")).toBe("核定编制");
    expect(inText({ heads: ["]号", "^号", "-号", "\\号"] })("甲-号乙")).toBe("-号");
    expect(inText({ heads: ["]号", "^号", "-号", "\\号"] })("甲]号乙")).toBe("]号");
    expect(inText({ heads: ["]号", "^号", "-号", "\\号"] })("甲\\号乙")).toBe("\\号");
    expect(inText({ heads: ["收入"], bare: ["支出"], before: ["本年"] })("本年支出")).toBe("本年支出");
  });
  it("bare heads need a modifier, or a year where allowed", () => {
    const income: Lexicon = { heads: ["收入合计"], bare: ["收入"], before: ["本年", "全年"], afterYear: true };
    const is = whole(income);
    expect(is("收入合计")).toBe(true);
    expect(is("本年收入")).toBe(true);
    expect(is("本年全年收入")).toBe(true);
    expect(is("收入")).toBe(false);
    const find = inText(income);
    expect(find("2023年收入为5万元")).toBe("收入");
    expect(find("2023年度收入为5万元")).toBe("收入");
    expect(find("其收入为5万元")).toBeNull();
    expect(inText({ heads: ["收入合计"], bare: ["收入"], before: ["本年"] })("2023年收入为5万元")).toBeNull();
    // bare heads without modifiers or a year: never a label
    expect(whole({ heads: ["收入合计"], bare: ["收入"] })("收入")).toBe(false);
    expect(inText({ heads: ["收入合计"], bare: ["收入"], afterYear: true })("2023年收入为5万元")).toBe("收入");
  });
  it("the longest head first", () => {
    expect(inText({ heads: ["编制", "编制人数"], after: ["数"] })("编制人数8人")).toBe("编制人数");
    expect(inText({ heads: ["编制"], before: ["核定", "核定人员"] })("核定人员编制8人")).toBe("核定人员编制");
  });
  it("a word that changes the meaning, even with modifiers between", () => {
    const find = inText({ heads: ["编制"], before: ["人员", "核定"], notAfterWord: ["行政", "工勤"] });
    expect(find("行政编制8人")).toBeNull();
    expect(find("工勤人员编制3人")).toBeNull();
    expect(find("工勤核定人员编制3人")).toBeNull();
    expect(find("核定编制8人")).toBe("核定编制");
    expect(inText({ heads: ["编制"], notAfterWord: ["行政"] })("行政编制")).toBeNull();
    expect(inText({ heads: ["编制"], notAfterWord: ["行政"] })("事业编制")).toBe("编制");
  });
  it("beforeTimes: how many modifiers may stand before the head, in any order", () => {
    const lex: Lexicon = { heads: ["人数"], before: ["年末", "实有", "在职", "在编"], beforeTimes: 4 };
    for (const s of ["年末实有在职在编人数", "在编在职实有年末人数", "实有人数", "人数"]) expect(whole(lex)(s), s).toBe(true);
    expect(whole({ ...lex, beforeTimes: 3 })("年末实有在职在编人数")).toBe(false);
    expect(whole({ heads: ["人数"], before: ["年末", "实有", "在职"] })("年末实有在职人数")).toBe(false);
  });
  it("must and mustNot: what a label holds, however it is composed", () => {
    const lex: Lexicon = { heads: ["人数", "人员", "在职"], before: ["年末", "在职", "编制"], must: ["在职"], mustNot: ["编制"] };
    const c = compile(lex);
    expect(["年末在职人数", "在职人员", "在职"].map((s) => c.whole.test(s))).toEqual([true, true, true]);
    expect(["年末人数", "编制在职人员", "人员"].map((s) => c.whole.test(s))).toEqual([false, false, false]);
    expect(c.holds?.("年末在职人数")).toBe(true);
    expect(c.holds?.("编制在职人数")).toBe(false);
    expect(compile({ heads: ["人数"] }).holds).toBeNull();
  });
  it("notInClause: the words as one pattern, or none", () => {
    expect(compile({ heads: ["人员"], notInClause: ["退休", "临聘"] }).notInClause?.test("其中退休")).toBe(true);
    expect(compile({ heads: ["人员"], notInClause: ["退休", "临聘"] }).notInClause?.test("在职")).toBe(false);
    expect(compile({ heads: ["人员"] }).notInClause).toBeNull();
  });
  it("characters of regular expressions in a word are literal", () => {
    const is = whole({ heads: ["部门(单位)名称", "a.b", "x+"] });
    expect(is("部门(单位)名称")).toBe(true);
    expect(is("部门单位名称")).toBe(false);
    expect(is("a.b")).toBe(true);
    expect(is("axb")).toBe(false);
    expect(is("x+")).toBe(true);
    expect(is("xx")).toBe(false);
  });
});

describe("form labels", () => {
  it("nextFormLabel: where the next label of a template starts", () => {
    expect(nextFormLabel("某县水利局 联系人：张三")).toBe(6);
    expect(nextFormLabel("部门名称:某局 评价单位:某局", 1)).toBe(8);
    expect(nextFormLabel("某县水利局")).toBe(-1);
    // the longest label where several start at one place
    expect(nextFormLabel("预算单位名称：某局")).toBe(0);
  });
  it("stripFormLabel: labels, (盖章) and colons at the start, up to three", () => {
    expect(stripFormLabel("单位名称：某县水利局")).toBe("某县水利局");
    expect(stripFormLabel("单位(盖章): 某县水利局")).toBe("某县水利局");
    expect(stripFormLabel("评价单位(公章)某县水利局")).toBe("某县水利局");
    expect(stripFormLabel("部门名称 单位名称：某县水利局")).toBe("某县水利局");
    expect(stripFormLabel("部门名称单位名称填报单位报送单位某局")).toBe("报送单位某局");
    expect(stripFormLabel("某县水利局 联系人")).toBe("某县水利局 联系人");
  });
});
