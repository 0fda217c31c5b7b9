/**
 * Word's number formats (readers/docx-numbering.ts `format`), each against the counters Word prints
 * for it (ST_NumberFormat), ranges and fallbacks included.
 */

import type { Element } from "domhandler";
import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { chineseCounting, format, numbering } from "../../../src/extract/readers/docx-numbering.js";

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

describe("numbering: counting as Word does", () => {
  const xml = (body: string) => {
    const doc = parseDocument(`<w:numbering>${body}</w:numbering>`, { xmlMode: true });
    return numbering(doc.children.find((c): c is Element => c.type === "tag"));
  };
  const lvl = (ilvl: number, fmt: string, text: string, extra = "") =>
    `<w:lvl w:ilvl="${ilvl}">${extra}<w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/></w:lvl>`;
  const DEF =
    `<w:abstractNum w:abstractNumId="0">${lvl(0, "chineseCounting", "%1、")}${lvl(1, "chineseCounting", "（%2）")}${lvl(2, "decimal", "%3.", '<w:start w:val="1"/>')}</w:abstractNum>` +
    `<w:abstractNum w:abstractNumId="1">${lvl(0, "bullet", "•")}${lvl(1, "none", "")}</w:abstractNum>`;
  it("per level, a deeper level restarting when a higher one moves on", () => {
    const n = xml(`${DEF}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`);
    expect([n.next("1", 0), n.next("1", 1), n.next("1", 1), n.next("1", 2), n.next("1", 0), n.next("1", 1), n.next("1", 2)]).toEqual([
      "一、",
      "（一）",
      "（二）",
      "1.",
      "二、",
      "（一）",
      "1.",
    ]);
  });
  it("a marker naming higher levels shows their current counters; a legal level shows them as decimals", () => {
    const def = `<w:abstractNum w:abstractNumId="0">${lvl(0, "chineseCounting", "%1、")}${lvl(1, "decimal", "%1.%2", "<w:isLgl/>")}${lvl(2, "decimal", "%1-%3")}</w:abstractNum>`;
    const n = xml(`${def}<w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>`);
    expect([n.next("5", 0), n.next("5", 0), n.next("5", 1), n.next("5", 2)]).toEqual(["一、", "二、", "2.1", "二-1"]);
  });
  it("start values and a list's start overrides and level overrides", () => {
    const def = `<w:abstractNum w:abstractNumId="0">${lvl(0, "decimal", "%1.", '<w:start w:val="3"/>')}${lvl(1, "decimal", "(%2)")}</w:abstractNum>`;
    const n = xml(
      `${def}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
        `<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>` +
        `<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1">${lvl(1, "upperLetter", "%2)")}</w:lvlOverride></w:num>`,
    );
    expect([n.next("1", 0), n.next("1", 0)]).toEqual(["3.", "4."]);
    expect([n.next("2", 0), n.next("2", 0)]).toEqual(["7.", "8."]);
    // a list counts on its own
    expect(n.next("1", 0)).toBe("5.");
    expect([n.next("3", 1), n.next("3", 1)]).toEqual(["A)", "B)"]);
  });
  it("bullets, no format, an empty marker, an unknown list or level: null", () => {
    const n = xml(`${DEF}<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="9"/></w:num>`);
    expect([n.next("1", 0), n.next("1", 1), n.next("2", 0), n.next("9", 0), n.next("1", 5)]).toEqual([null, null, null, null, null]);
    const blank = xml(
      `<w:abstractNum w:abstractNumId="0">${lvl(0, "decimal", " ")}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`,
    );
    expect(blank.next("1", 0)).toBeNull();
    expect(numbering(undefined).next("1", 0)).toBeNull();
  });
  it("a level without w:ilvl is level 0 (the later one wins), without a format decimal", () => {
    const n = xml(
      `<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:lvlText w:val="%1）"/></w:lvl><w:lvl><w:lvlText w:val="x%1"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`,
    );
    expect(n.next("1", 0)).toBe("x1");
  });
});
