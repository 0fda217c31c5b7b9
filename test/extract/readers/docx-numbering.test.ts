/**
 * Word's number formats (readers/docx-numbering.ts `format`), each against the counters Word prints
 * for it (ST_NumberFormat), ranges and fallbacks included.
 */
import { describe, expect, it } from "vitest";
import { chineseCounting, format } from "../../../src/extract/readers/docx-numbering.js";

describe("format", () => {
  it.each([
    ["decimal", [1, 12], ["1", "12"]],
    ["decimalZero", [1, 9, 10, 123], ["01", "09", "10", "123"]],
    ["decimalFullWidth", [7, 12], ["７", "１２"]],
    ["decimalFullWidth2", [12], ["１２"]],
    ["chineseCounting", [2, 12, 100, 1010, 9999], ["二", "十二", "一百", "一千零一十", "九千九百九十九"]],
    ["chineseCountingThousand", [3], ["三"]],
    ["japaneseCounting", [11], ["十一"]],
    ["taiwaneseCounting", [20], ["二十"]],
    ["taiwaneseCountingThousand", [105], ["一百零五"]],
    ["ideographDigital", [105, 20], ["一〇五", "二〇"]],
    ["japaneseDigitalTenThousand", [20], ["二〇"]],
    ["chineseLegalSimplified", [1, 11, 105, 1001], ["壹", "壹拾壹", "壹佰零伍", "壹仟零壹"]],
    ["ideographTraditional", [1, 10, 11, 0], ["甲", "癸", "11", "0"]],
    ["ideographZodiac", [1, 12, 13, 0], ["子", "亥", "13", "0"]],
    ["decimalEnclosedCircle", [1, 20, 21, 0], ["①", "⑳", "21", "0"]],
    ["decimalEnclosedCircleChinese", [3], ["③"]],
    ["ideographEnclosedCircle", [4], ["④"]],
    ["decimalEnclosedParen", [1, 20, 21, 0], ["⑴", "⒇", "(21)", "(0)"]],
    ["decimalEnclosedFullstop", [1, 20, 21], ["⒈", "⒛", "21."]],
    ["lowerLetter", [1, 26, 27, 52, 53, 702, 703], ["a", "z", "aa", "az", "ba", "zz", "aaa"]],
    ["upperLetter", [2, 28], ["B", "AB"]],
    ["lowerRoman", [1, 4, 9, 14, 40, 90, 400, 900, 1994, 3999], ["i", "iv", "ix", "xiv", "xl", "xc", "cd", "cm", "mcmxciv", "mmmcmxcix"]],
    ["upperRoman", [1994, 4000, 0], ["MCMXCIV", "4000", "0"]],
    ["bullet", [5], ["5"]],
  ] as const)("%s", (fmt, ns, want) => expect(ns.map((n) => format(n, fmt))).toEqual(want));
});

describe("chineseCounting", () => {
  it("outside 1–9999, or not a whole number: the number as written", () => {
    expect([0, -1, 1.5, 10000].map((n) => chineseCounting(n))).toEqual(["0", "-1", "1.5", "10000"]);
  });
  it("zeros inside the number once, none at its end", () => {
    expect([1001, 1100, 10, 101].map((n) => chineseCounting(n))).toEqual(["一千零一", "一千一百", "十", "一百零一"]);
  });
});
