/**
 * The normalisers at their edges, case by case: what is a number, a date, a year, a grade, an amount
 * and what is not (anchors, separators, ranges, Chinese numerals) — and a reviewer's typed value.
 * Written against the mutation run's survivors (npm run mutate): each row would catch one of them.
 */
import { describe, expect, it } from "vitest";
import { parseDate, parseYear } from "../../src/normalize/date.js";
import { normalizeGrade } from "../../src/normalize/grade.js";
import { parseMoney } from "../../src/normalize/money.js";
import { cellNumber, firstNumber, parseNumber } from "../../src/normalize/number.js";
import { asWritten, fold, isCjk } from "../../src/normalize/text.js";
import { toSimplifiedUnit } from "../../src/normalize/traditional.js";
import { normalizeTyped, TypedValueError } from "../../src/normalize/typed.js";

const num = (s: string) => parseNumber(s)?.toString() ?? null;

describe("parseNumber", () => {
  it.each([
    ["1,234,567.89", "1234567.89"],
    ["2,000", "2000"],
    ["12,345.6", "12345.6"],
    ["-5", "-5"],
    ["+5", "5"],
    [".5", "0.5"],
    ["1 234", "1234"],
    ["1.5万", "15000"],
    ["0.5亿", "50000000"],
    ["零", "0"],
    ["十", "10"],
    ["十一", "11"],
    ["九十九", "99"],
    ["百", "100"],
    ["一百零八", "108"],
    ["一千零一", "1001"],
    ["两千零五", "2005"],
    ["一万二千", "12000"],
    ["四千三百万", "43000000"],
    ["三亿", "300000000"],
    ["一万万", "100000000"],
    // digit by digit, as years are written (二〇二四)
    ["一二三四五", "12345"],
  ])("%s → %s", (s, v) => expect(num(s)).toBe(v));
  it.each(["1,23", "1234,567", "12x", "x12", "5.", "", ".", "1.2.3", "1,2345"])("%j is no number", (s) => expect(num(s)).toBeNull());
});

describe("numbers in table cells", () => {
  it("cellNumber: separators anywhere dropped", () => {
    expect(cellNumber("1,23,456.7")?.toString()).toBe("123456.7");
    expect(cellNumber("3,218.40")?.toString()).toBe("3218.4");
    expect(cellNumber("—")).toBeNull();
  });
  it("firstNumber: the first figure among words, else the cell as a numeral", () => {
    expect(firstNumber("≥95%")).toBe(95);
    expect(firstNumber("20分")).toBe(20);
    expect(firstNumber("-3.5")).toBe(-3.5);
    expect(firstNumber("1，500亩")).toBe(1500);
    expect(firstNumber("二十分")).toBe(20);
    expect(firstNumber("较好")).toBeNull();
    expect(firstNumber("")).toBeNull();
    expect(firstNumber(undefined)).toBeNull();
  });
});

describe("parseDate", () => {
  it.each([
    ["2024-03-01", "2024-03-01"],
    ["2024.3.1", "2024-03-01"],
    ["2024/3/1日", "2024-03-01"],
    ["2024年3月1日", "2024-03-01"],
    ["2024年3月1号", "2024-03-01"],
    ["2024年12月31日", "2024-12-31"],
    ["2024 年 3 月 1 日", "2024-03-01"],
    ["二〇二四年三月十一日", "2024-03-11"],
    ["1949年10月1日", "1949-10-01"],
    ["2100年1月1日", "2100-01-01"],
    ["2024年2月29日", "2024-02-29"],
  ])("%s → %s", (s, v) => expect(parseDate(s)).toBe(v));
  it.each([
    "2024年13月1日",
    "2024年0月1日",
    "2024年3月0日",
    "1948年3月1日",
    "2101年1月1日",
    "2024年3月1",
    "x2024年3月1日",
    "2024年3月1日x",
    "x2024-03-01",
    "2024-03-01x",
    "二〇二四年十三月一日",
    "二〇二四年三月",
    "2024-02-30",
    "2023年2月29日",
    "2024年123月1日",
  ])("%j is no date", (s) => expect(parseDate(s)).toBeNull());
});

describe("parseYear", () => {
  it.each([
    ["2024", 2024],
    ["2000", 2000],
    ["2100", 2100],
    [" 2024 ", 2024],
    ["二〇二四", 2024],
  ])("%s → %s", (s, v) => expect(parseYear(s)).toBe(v));
  it.each(["1999", "2101", "2024.5", "x2024", "20245", "202", ""])("%j is no year", (s) => expect(parseYear(s)).toBeNull());
});

describe("normalizeGrade", () => {
  it.each([
    ["优秀", "优"],
    ["优", "优"],
    ["优等", "优"],
    ["A", "优"],
    ["良好", "良"],
    ["良", "良"],
    ["B", "良"],
    ["合格", "中"],
    ["中", "中"],
    ["中等", "中"],
    ["一般", "中"],
    ["及格", "中"],
    ["C", "中"],
    ["差", "差"],
    ["较差", "差"],
    ["不合格", "差"],
    ["不及格", "差"],
    ["优秀等级", "优"],
    ["“优”", "优"],
    ["良级", "良"],
    ["差等次", "差"],
    ["中 档次", "中"],
  ])("%s → %s", (s, v) => expect(normalizeGrade(s)).toBe(v));
  it.each(["非常优秀", "优秀奖", "中国", "D", "合格率", "不合格项", "中等偏上", "等级优", "差额"])("%j is no grade", (s) =>
    expect(normalizeGrade(s)).toBeNull(),
  );
});

describe("parseMoney", () => {
  const money = (s: string) => {
    const m = parseMoney(s);
    return m ? [m.yuan.toString(), m.unit, m.amount.toString()] : null;
  };
  it.each([
    ["1,956.58万元", ["19565800", "万元", "1956.58"]],
    ["1,956.58 万元", ["19565800", "万元", "1956.58"]],
    ["１，９５６．５８万元", ["19565800", "万元", "1956.58"]],
    ["19565800元", ["19565800", "元", "19565800"]],
    ["1.5亿元", ["150000000", "亿元", "1.5"]],
    ["3千元", ["3000", "千元", "3"]],
    ["2百万元", ["2000000", "百万元", "2"]],
    ["-5万元", ["-50000", "万元", "-5"]],
    ["五万元", ["50000", "元", "50000"]],
    ["一亿零五百万元", ["105000000", "元", "105000000"]],
  ])("%s → %j", (s, v) => expect(money(s)).toEqual(v));
  it.each(["100", "x100万元", "100万元整", "万元", "1,23万元"])("%j is no amount", (s) => expect(money(s)).toBeNull());
});

describe("normalizeTyped: a reviewer's value, normalised like an extracted one", () => {
  it.each([
    ["money", "1,956.58万元", { value: 19565800, exact: "19565800", unit: "元", raw: "1,956.58万元" }],
    ["money", " 19565800 ", { value: 19565800, exact: "19565800", unit: "元", raw: "19565800" }],
    ["money", "1.5亿元", { value: 150000000, exact: "150000000", unit: "元" }],
    ["money", "12万", { value: 120000, exact: "120000", unit: "元" }],
    ["money", "3千元", { value: 3000, exact: "3000", unit: "元" }],
    ["ratio", "96.8%", { value: 0.968, exact: "0.968", unit: "ratio" }],
    ["ratio", "０．９６８", { value: 0.968, exact: "0.968", unit: "ratio" }],
    ["score", "95.5分", { value: 95.5, exact: "95.5", unit: "分" }],
    ["score", "100", { value: 100, unit: "分" }],
    ["score", "0", { value: 0, unit: "分" }],
    ["persons", "12人", { value: 12, unit: "人" }],
    ["persons", "12名", { value: 12, unit: "人" }],
    ["persons", "0", { value: 0, unit: "人" }],
    ["count", "3个", { value: 3, unit: "个" }],
    ["year", "2024年度", { value: 2024, unit: "year" }],
    ["year", "2024年", { value: 2024, unit: "year" }],
    ["date", "2024年3月1日", { value: "2024-03-01", unit: "date" }],
    ["date", "2024-03-01", { value: "2024-03-01", unit: "date" }],
    ["grade", "优秀", { value: "优", unit: "grade" }],
    ["text", "  某县水利局 ", { value: "某县水利局", unit: "text", raw: "某县水利局" }],
  ] as const)("%s %j", (kind, input, expected) => {
    const v = normalizeTyped(kind, input);
    expect(v).toMatchObject(expected);
    if (kind !== "money" && kind !== "ratio" && kind !== "score") expect(v.exact).toBeUndefined();
  });
  it.each([
    ["money", "a lot", "an amount"],
    ["money", "12美元", "an amount"],
    ["money", "", "an amount"],
    ["ratio", "many", "a percentage"],
    ["score", "101", "a score from 0 to 100"],
    ["score", "-1", "a score from 0 to 100"],
    ["score", "high", "a score from 0 to 100"],
    ["persons", "12.5", "a whole number"],
    ["persons", "-3", "a whole number"],
    ["count", "some", "a whole number"],
    ["year", "1999", "a year"],
    ["date", "2024年3月", "a full date"],
    ["grade", "很好", "a grade"],
    ["text", "   ", "a text"],
  ] as const)("%s %j is refused: not %s", (kind, input, what) => {
    expect(() => normalizeTyped(kind, input)).toThrow(TypedValueError);
    expect(() => normalizeTyped(kind, input)).toThrow(`${JSON.stringify(input.trim())} is not ${what}`);
  });
});

describe("isCjk, at the edges of its ranges", () => {
  it.each([
    ["、", true], // U+3001
    ["〔", true], // U+3014
    ["〿", true], // U+303F, the last of CJK punctuation
    ["㐀", true], // U+3400, extension A
    ["鿿", true], // U+9FFF
    ["豈", true], // U+F900, compatibility ideographs
    ["︰", true], // U+FE30, vertical forms
    ["﹏", true], // U+FE4F
    ["０", true], // U+FF10, full-width
    ["￯", true], // U+FFEF
    ["⺀", true], // U+2E80, radicals
    ["⿟", true], // U+2FDF
    ["𠀀", true], // U+20000, extension B (astral)
    ["“", true],
    ["—", true],
    ["…", true],
    ["a", false],
    ["1", false],
    [" ", false],
    ["⿠", false], // U+2FE0, after the radicals
    ["\u3040", false], // before hiragana's letters, after CJK punctuation
    ["\ufe50", false], // after the vertical forms
    ["😀", false], // astral, not an ideograph
    ["", false],
  ])("%j → %s", (ch, cjk) => expect(isCjk(ch)).toBe(cjk));
});

describe("traditional characters", () => {
  it("fold simplifies them one for one and asWritten gives them back", () => {
    const src = "績效評價報告：財政撥款預算執行率為98%";
    const f = fold(src);
    expect(f.text).toBe("绩效评价报告:财政拨款预算执行率为98%");
    expect(f.text.length).toBe(src.length);
    expect(asWritten(f, 0, 6)).toBe("績效評價報告");
    // characters that are simplified already, and full-width forms, are not "given back"
    expect(asWritten(fold("绩效：ＡＢ"), 0, 5)).toBe("绩效:AB");
  });
  it("toSimplifiedUnit leaves what has no simplified form", () => {
    for (const c of ["中", "国", "a", "０", "〇"]) expect(String.fromCharCode(toSimplifiedUnit(c.charCodeAt(0)))).toBe(c);
    expect(String.fromCharCode(toSimplifiedUnit("國".charCodeAt(0)))).toBe("国");
    expect(String.fromCharCode(toSimplifiedUnit("於".charCodeAt(0)))).toBe("于");
  });
});
