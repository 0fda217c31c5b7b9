/**
 * The label–value layer (labels.ts) in process, with small lexicon entries written here: a form
 * cell and the cell after it, a cover line ended by the next template label, a sentence, and 编制
 * stated only as one of its parts.
 */
import { describe, expect, it } from "vitest";
import { buildContext } from "../../src/extract/extract.js";
import { personsRules, sentenceRule, staffPartsRule } from "../../src/extract/labels.js";
import type { Lexicon } from "../../src/extract/lexicon.js";
import { type Candidate, type Context, runPattern } from "../../src/extract/rules.js";
import type { DocModel } from "../../src/model.js";
import { docOf, table, textDoc } from "./build.js";

const STAFF: Lexicon = { heads: ["编制", "实有人数"], before: ["人员", "核定"], after: ["数"], notInClause: ["退休"] };
const fromText = (text: string): DocModel => textDoc(text);
const show = (ctx: Context, cs: Candidate[]) =>
  cs.map((c) => `${c.value} ${c.unit} ${c.rule} ${c.confidence} ${ctx.folded.text.slice(c.start, c.end)}`);
/** the candidates of one of personsRules' three: 0 sentence, 1 form cells, 2 form lines */
const persons = (doc: DocModel, which: 0 | 1 | 2, field = "staff_x") => {
  const ctx = buildContext(doc);
  const rule = personsRules(field, STAFF)[which];
  return show(ctx, typeof rule === "function" ? rule(ctx) : runPattern(ctx, rule, "persons"));
};

describe("form cells", () => {
  it("a cell that is only the label: the next filled cell's count", () => {
    expect(persons(docOf(table([["人员编制", "", "23"]])), 1)).toEqual(["23 人 staff_x.form_cell 0.9 23"]);
    expect(persons(docOf(table([["核定编制数：", "23人"]])), 1)).toEqual(["23 人 staff_x.form_cell 0.9 23人"]);
    expect(persons(docOf(table([["实有人数(人)", "23 名"]])), 1)).toEqual(["23 人 staff_x.form_cell 0.9 23名"]);
  });
  it("not a label with more words, nor a value that is no bare count", () => {
    expect(persons(docOf(table([["人员编制情况", "23"]])), 1)).toEqual([]);
    expect(persons(docOf(table([["人员编制", "23个"]])), 1)).toEqual([]);
    expect(persons(docOf(table([["人员编制", "二十三"]])), 1)).toEqual([]);
    expect(persons(docOf(table([["人员编制", ""]])), 1)).toEqual([]);
    expect(persons(docOf(table([["", "23"]])), 1)).toEqual([]);
  });
  it("a label spanned over two cells reads past its own repeat", () => {
    const doc = docOf({
      kind: "table",
      page: null,
      rows: [
        [
          { text: "人员编制", colspan: 2, rowspan: 1 },
          { text: "23", colspan: 1, rowspan: 1 },
        ],
      ],
    });
    expect(persons(doc, 1)).toEqual(["23 人 staff_x.form_cell 0.9 23", "23 人 staff_x.form_cell 0.9 23"]);
  });
});

describe("form lines", () => {
  it("label, optional colon, a bare count, then the line's end or the next template label", () => {
    expect(persons(fromText("人员编制 18 实有人数 16\n正文。"), 2)).toEqual([
      "18 人 staff_x.form_line 0.85 18",
      "16 人 staff_x.form_line 0.85 16",
    ]);
    expect(persons(fromText("人员编制：18人联系人：张三\n正文。"), 2)).toEqual(["18 人 staff_x.form_line 0.85 18"]);
    expect(persons(fromText("单位|人员编制|18|实有人数|16\n正文。"), 2)).toHaveLength(2);
  });
  it("not inside a word, nor a number followed by other words", () => {
    expect(persons(fromText("在职人员编制18个\n正文。"), 2)).toEqual([]);
    expect(persons(fromText("人员编制18年\n正文。"), 2)).toEqual([]);
    expect(persons(fromText("人员编制1234567\n正文。"), 2)).toEqual([]);
  });
});

describe("sentences", () => {
  it("label, connecting words (为, 核定为, a line break), the count; 编制 also in 个", () => {
    expect(persons(fromText("经核定，核定编制数为65人。"), 0)).toEqual(["65 人 staff_x.sentence 0.85 65人"]);
    expect(persons(fromText("人员编制\n65名。"), 0)).toEqual(["65 人 staff_x.sentence 0.85 65名"]);
    expect(persons(fromText("核定编制45个。"), 0)).toEqual([]);
    expect(persons(fromText("核定编制45个。"), 0, "staff_authorized")).toEqual(["45 人 staff_authorized.sentence 0.85 45个"]);
  });
  it("the lexicon's clause words and the breakdown guard apply", () => {
    expect(persons(fromText("退休人员编制5人。"), 0)).toEqual([]);
    expect(persons(fromText("共80人，其中实有人数65人。"), 0)).toEqual([]);
  });
  it("sentenceRule: money never below zero unless told; extra clause words join the lexicon's", () => {
    const lex: Lexicon = { heads: ["支出"], notInClause: ["项目"] };
    const rule = sentenceRule("spent", "money", lex, { notInClause: /三公/, confidence: 0.7 });
    expect(rule).toMatchObject({ id: "spent.sentence", confidence: 0.7, nonNegative: true });
    expect(rule.notInClause?.source).toBe("项目|三公");
    expect(sentenceRule("spent", "money", lex, { nonNegative: false }).nonNegative).toBe(false);
    expect(sentenceRule("rate", "ratio", { heads: ["执行率"] })).toMatchObject({ nonNegative: false, confidence: 0.85 });
    expect(sentenceRule("rate", "ratio", { heads: ["执行率"] }).notInClause).toBeUndefined();
    const ctx = buildContext(fromText("全年支出：为100万元。执行率为95%。"));
    expect(show(ctx, runPattern(ctx, rule, "money"))).toEqual(["1000000 元 spent.sentence 0.7 100万元"]);
    // money's connecting words do not include 仅; other kinds' do
    const only = buildContext(fromText("支出仅100万元。执行率仅95%。"));
    expect(runPattern(only, rule, "money")).toEqual([]);
    expect(runPattern(only, sentenceRule("rate", "ratio", { heads: ["执行率"] }), "ratio")).toHaveLength(1);
  });
});

describe("编制 stated only as its parts", () => {
  const parts = (text: string) => {
    const ctx = buildContext(fromText(text));
    return show(ctx, staffPartsRule(ctx));
  };
  it("one part alone is the whole", () => {
    expect(parts("机关行政编制35名。")).toEqual(["35 人 staff_authorized.only_part 0.6 35名"]);
    expect(parts("共有事业编制10名。")).toEqual(["10 人 staff_authorized.only_part 0.6 10名"]);
  });
  it("the same part named twice, with other words before it, is still one part", () => {
    expect(parts("核定行政编制35名，行政编制数35名。")).toHaveLength(2);
  });
  it("several parts: none (a sum is not what was written)", () => {
    expect(parts("行政编制35名，事业编制10名。")).toEqual([]);
  });
});
