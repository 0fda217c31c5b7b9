/**
 * The normalisers at their edges, case by case: what is a number, a date, a year, a grade, an amount
 * and what is not (anchors, separators, ranges, Chinese numerals) — and a reviewer's typed value.
 * Written against the mutation run's survivors (npm run mutate): each row would catch one of them.
 */
import { describe, expect, it } from "vitest";
import { parseDate, parseYear } from "../../src/normalize/date.js";
import { normalizeGrade } from "../../src/normalize/grade.js";
import { parseMoney, YUAN_UNITS } from "../../src/normalize/money.js";
import { cellNumber, firstNumber, parseNumber, parsePercent } from "../../src/normalize/number.js";
import { asWritten, fold, isCjk } from "../../src/normalize/text.js";
import { tableFrom, toSimplifiedUnit } from "../../src/normalize/traditional.js";
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
    ["\u3000", true], // ideographic space, the first of CJK punctuation
    ["\u2fff", false],
    ["\u33ff", false],
    ["\ua000", false], // Yi, after the unified ideographs
    ["\uf8ff", false],
    ["\ufb00", false],
    ["\ufe2f", false],
    ["\uff00", true],
    ["\ufff0", false],
    ["\u2e7f", false],
    ["\ud87e\udc00", true], // U+2F800, compatibility ideographs supplement
    ["\ud87f\udc00", false],
    ["\ud83f\udc00", false],
    ["”", true],
    ["‘", true],
    ["’", true],
    ["\u2015", false],
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

describe("parseNumber, figure by figure", () => {
  it.each([
    // Arabic: commas group thousands, a point needs digits after it
    ["12,345", "12345"],
    ["123,456,789", "123456789"],
    ["1234", "1234"],
    ["1.25", "1.25"],
    ["-.5", "-0.5"],
    ["－１２", "-12"],
    // mixed: an Arabic figure before 万/亿
    [".5万", "5000"],
    ["12,345万", "123450000"],
    ["1,234,567亿", "123456700000000"],
    // digits read one by one: single digits only
    ["九九", "99"],
    ["二〇〇九", "2009"],
    // a sign before Chinese numerals
    ["+五", "5"],
    ["负五", "-5"],
    ["負十二", "-12"],
    // the Chinese decimal point
    ["点五", "0.5"],
    ["12点5", "12.5"],
    ["三点14", "3.14"],
    ["三点09", "3.09"],
    ["一点五亿", "150000000"],
    ["一点五万万", "150000000"],
    ["二点五万", "25000"],
    // abbreviations: a last single digit counts in the unit below; a figure or a 零 stops that
    ["一万三", "13000"],
    ["百三", "130"],
    ["一百10", "110"],
    ["一百2.5", "102.5"],
    ["一百0.5", "100.5"],
    ["一千零五", "1005"],
    ["三万零五", "30005"],
    // 万 after 万, 亿 after 亿
    ["四万万", "400000000"],
    ["一万二千万", "120000000"],
    ["二亿亿", "20000000000000000"],
    ["三亿五千万", "350000000"],
    ["一亿二千三百四十五万六千七百八十九", "123456789"],
  ])("%s → %s", (s, v) => expect(num(s)).toBe(v));
  it.each([
    ["1,2"], // commas that group no thousands
    ["1,2345"],
    ["1,2万"],
    ["5-3"], // a minus only at the start
    ["五+"],
    ["-"],
    ["负"],
    ["+"],
    ["负x"],
    ["一二十"], // two digits without a unit between them
    ["1.5二"], // a decimal among digits read one by one
    [".5二"],
    ["九10"],
    ["十."], // a point without digits
    ["三点"],
    ["三点x"],
    ["x点五"],
    ["一点五亿五"],
    ["亿万"],
  ])("%j is no number", (s) => expect(num(s)).toBeNull());
});

describe("parsePercent", () => {
  const pct = (s: string) => parsePercent(s)?.toString() ?? null;
  it.each([
    ["95%", "95"],
    ["-1.5%", "-1.5"],
    ["百分之百", "100"],
    ["负百分之五", "-5"],
    ["-百分之二点五", "-2.5"],
    ["百分之九十五", "95"],
  ])("%s → %s", (s, v) => expect(pct(s)).toBe(v));
  it.each(["5%x", "%", "x百分之五", "百分之", "abc", "95"])("%j is no percentage", (s) => expect(pct(s)).toBeNull());
});

describe("firstNumber drops only a trailing 分", () => {
  it.each([
    ["九十五分", 95],
    ["分五", null],
    ["五分五", null],
  ])("%s → %s", (s, v) => expect(firstNumber(s)).toBe(v));
});

describe("tableFrom: an OpenCC dictionary as a one-for-one table", () => {
  const t = tableFrom("們 们|乾 干 乾|𠁞 x|x𠀀 y|鐘 𠀀|ab c|衛 卫");
  const simplified = (ch: string) => String.fromCharCode(t[ch.charCodeAt(0)]);
  it("maps a one-unit traditional character to its first simplified form", () => {
    expect(simplified("們")).toBe("们");
    expect(simplified("乾")).toBe("干");
    expect(simplified("衛")).toBe("卫");
  });
  it("skips astral traditional characters, several-character entries and astral simplified forms", () => {
    expect(t["𠁞".charCodeAt(0)]).toBe(0);
    expect(t["x".charCodeAt(0)]).toBe(0);
    expect(t["鐘".charCodeAt(0)]).toBe(0);
    expect(t["a".charCodeAt(0)]).toBe(0);
    expect(t.filter((v) => v !== 0).length).toBe(3);
  });
  it("a simplified form at the edge of the surrogates is kept", () => {
    const edge = tableFrom("甲 \ud7ff|乙 \ue000");
    expect(edge["甲".charCodeAt(0)]).toBe(0xd7ff);
    expect(edge["乙".charCodeAt(0)]).toBe(0xe000);
    expect(tableFrom("甲 \udfff|乙 \ud800").filter((v) => v !== 0).length).toBe(0);
  });
});

describe("YUAN_UNITS", () => {
  const units = YUAN_UNITS.split("|");
  it("lists every unit that ends in 元, and only those", () => {
    expect([...units].sort()).toEqual(["万元", "亿元", "元", "千元", "百万元"].sort());
  });
  it("a longer unit comes before the unit it ends with, so a regex takes the whole unit", () => {
    for (const [i, a] of units.entries()) for (const b of units.slice(i + 1)) expect(b.endsWith(a)).toBe(false);
    expect(new RegExp(`(?:${YUAN_UNITS})$`).exec("12百万元")?.[0]).toBe("百万元");
    expect(new RegExp(`(?:${YUAN_UNITS})$`).exec("12万元")?.[0]).toBe("万元");
  });
});

describe("dates, years and grades: whole text only", () => {
  it.each([
    ["二〇二五年十二月五日", "2025-12-05"],
    ["二〇二五年十月三十一日", "2025-10-31"],
    ["x二〇二五年六月五日", null],
    ["二〇二五年六月五日x", null],
    ["二〇二五年一二十月五日", null],
    ["二〇二五年六月一二十日", null],
  ])("parseDate(%j) → %s", (s, v) => expect(parseDate(s)).toBe(v));
  it.each([
    ["2024", 2024],
    ["二〇二四", 2024],
    ["20245", null],
    ["2024.5", null],
    ["x2024", null],
    ["", null],
  ])("parseYear(%j) → %s", (s, v) => expect(parseYear(s)).toBe(v));
  it.each([
    ["较差", "差"],
    ["非差", null],
    ["不良", null],
    ["ABC", null],
    ["优秀等级", "优"],
  ])("normalizeGrade(%j) → %s", (s, v) => expect(normalizeGrade(s)).toBe(v));
});

describe("typed values: units only at the end, spaces inside figures dropped", () => {
  it("an amount written with spaces", () => expect(normalizeTyped("money", "1 234 元").value).toBe(1234));
  it.each([
    ["score", "分5"],
    ["persons", "人5"],
    ["count", "个5"],
    ["year", "年2024"],
  ] as const)("%s %j is refused", (kind, input) => expect(() => normalizeTyped(kind, input)).toThrow(TypedValueError));
});
