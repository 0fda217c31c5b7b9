import { describe, expect, it } from "vitest";
import { parseDate, parseYear } from "../../src/normalize/date.js";
import { gradeForScore, normalizeGrade } from "../../src/normalize/grade.js";
import { fold, squash, unfoldRange } from "../../src/normalize/text.js";

describe("fold: one normalisation layer for matching", () => {
  it.each([
    ["２０２４年度", "2024年度"],
    ["自评得分：９２．５分", "自评得分:92.5分"],
    ["收入 1043.96 万元", "收入1043.96万元"],
    ["2024 年本部门", "2024年本部门"],
    ["满意度达 98 %", "满意度达98%"],
    ["（一）部门概况", "(一)部门概况"],
    ["吉政函字〔2025〕31号", "吉政函字〔2025〕31号"],
    ["优\u3000秀", "优秀"],
    ["a\u200bb", "ab"],
    ["line1\r\nline2", "line1\nline2"],
    ["PDF text layer", "PDF text layer"],
    ["支出\u00a0\u00a0 39622.04元", "支出39622.04元"],
  ])("%j → %j", (input, want) => expect(fold(input).text).toBe(want));

  it("maps every folded character back to its source offset", () => {
    const src = "全年支出 １,０４３.９６ 万元。";
    const f = fold(src);
    const i = f.text.indexOf("1,043.96万元");
    const [s, e] = unfoldRange(f, i, i + "1,043.96万元".length);
    expect(src.slice(s, e)).toBe("１,０４３.９６ 万元");
  });

  it("handles characters outside the BMP", () => {
    const src = "𠀋镇 100元";
    const f = fold(src);
    const i = f.text.indexOf("100元");
    const [s, e] = unfoldRange(f, 0, i + 4);
    expect(src.slice(s, e)).toBe(src);
  });

  it("squash removes all whitespace", () => expect(squash(" 优 秀\n")).toBe("优秀"));
});

describe("grades", () => {
  it.each([
    ["优秀", "优"],
    ["优", "优"],
    ["良好", "良"],
    ["“良”", "良"],
    ["合格", "中"],
    ["中等", "中"],
    ["不合格", "差"],
    ["优秀等次", "优"],
    ["优 秀", "优"],
  ])("%s → %s", (raw, want) => expect(normalizeGrade(raw)).toBe(want));
  it.each(["优化", "良性", "总体", ""])("%j is not a grade", (raw) => expect(normalizeGrade(raw)).toBeNull());
  it("bands scores", () => {
    expect([95, 90, 89.99, 80, 79.5, 60, 59.9].map(gradeForScore)).toEqual(["优", "优", "良", "良", "中", "中", "差"]);
  });
});

describe("dates and years", () => {
  it.each([
    ["2025年7月15日", "2025-07-15"],
    ["2025 年 7 月 15 日", "2025-07-15"],
    ["2023.03.15", "2023-03-15"],
    ["2023-3-5", "2023-03-05"],
    ["2023/03/15", "2023-03-15"],
    ["二〇二四年四月十日", "2024-04-10"],
    ["二〇二五年六月二十五日", "2025-06-25"],
  ])("%s → %s", (input, want) => expect(parseDate(input)).toBe(want));
  it.each(["2023年3月", "2023年2月30日", "2023.13.01", "3月15日", "2023年"])("incomplete or impossible %j → null", (input) => expect(parseDate(input)).toBeNull());
  it("years", () => {
    expect(parseYear("2024")).toBe(2024);
    expect(parseYear("二〇二四")).toBe(2024);
    expect(parseYear("20 24")).toBe(2024);
    expect(parseYear("1850")).toBeNull();
  });
});
