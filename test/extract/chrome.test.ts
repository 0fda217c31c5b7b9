/**
 * Page chrome line by line: which lines are chrome, and the publisher and publication date read from
 * them — each label form, the fallbacks, and what is refused — with the offsets of the values.
 */
import { describe, expect, it } from "vitest";
import { CHROME_LABELS, findChrome, isChromeLine } from "../../src/extract/chrome.js";

/** `findChrome` on lines given as text, their offsets counted as in a folded document (line + "\n"). */
function chrome(...texts: string[]) {
  let pos = 100;
  const lines = texts.map((text) => {
    const l = { start: pos, text };
    pos += text.length + 1;
    return l;
  });
  const c = findChrome(lines);
  const joined = " ".repeat(100) + texts.join("\n");
  const at = (v: { value: string; start: number; end: number } | null) => v && { value: v.value, text: joined.slice(v.start, v.end) };
  return { lines: [...c.lines].sort(), publisher: at(c.publisher), published: at(c.published) };
}

describe("isChromeLine", () => {
  it.each(CHROME_LABELS)("a line opening with %s: is chrome", (label) => {
    expect(isChromeLine(`${label}：某某`)).toBe(true);
    expect(isChromeLine(`【${label}】某某`)).toBe(true);
    expect(isChromeLine(`[ ${label} ]`)).toBe(true);
  });
  it.each([
    "某县人民政府门户网站",
    "首页 > 政务公开 > 财政信息",
    "政府信息公开 目录",
    "本文档由会员分享，可在线阅读",
    "绩效_自评_报告_下载",
    "日期:2025-09-26 12:24",
    "source: https://example.gov.cn/a.html",
    "https://example.gov.cn/a.html",
    "发布机构开远市教育体育局",
    "某县人民政府 2024-05-30 信息来源:县教育体育局 浏览量:1",
  ])("%j is chrome", (t) => expect(isChromeLine(t)).toBe(true));
  it.each([
    "",
    "   ",
    "报告日期:2025年9月26日",
    "某县水利局2023年度部门整体支出绩效自评报告",
    "一、部门基本情况",
    "本单位2023年度预算收入1,234.56万元，来源于财政拨款。",
    `${"某".repeat(41)}门户网站`,
    `发布机构${"某".repeat(60)}`,
  ])("%j is not chrome", (t) => expect(isChromeLine(t)).toBe(false));
});

describe("findChrome: publisher and published date", () => {
  it.each([
    ["发布机构：某县教育局", "某县教育局"],
    ["[ 发布机构 ] 某县教育局", "某县教育局"],
    ["【发布单位】某县财政局", "某县财政局"],
    ["发文机关:某县人民政府", "某县人民政府"],
    ["发布机构开远市教育体育局", "开远市教育体育局"],
    ["索引号：123\t发布机构：某县审计局\t发布时间：2024-03-05", "某县审计局"],
    ["索引号：123 | 发布机构 | 某县审计局 | 公开方式：主动公开", "某县审计局"],
    ["索引号 01526410-5-/2021-0624001 发布机构 昌宁县财政局", "昌宁县财政局"],
  ])("%j → publisher %s", (line, want) => expect(chrome(line).publisher).toEqual({ value: want, text: want }));
  it("the first publisher wins; 来源 stands in only when there is none", () => {
    expect(chrome("发布机构：某县教育局", "发布机构：某县财政局").publisher?.value).toBe("某县教育局");
    expect(chrome("来源：某县财政局", "发布时间：2024-03-05").publisher).toEqual({ value: "某县财政局", text: "某县财政局" });
    expect(chrome("信息来源：某县财政局", "发布机构：某县教育局").publisher?.value).toBe("某县教育局");
    expect(chrome("来源：某县财政局", "来源：某县审计局").publisher?.value).toBe("某县财政局");
  });
  it.each([
    ["发布机构：县局"], // too short to be a unit
    [`发布机构：${"某".repeat(41)}`], // too long
    ["来源：www.example.cn"],
    ["来源：县局"],
  ])("%j gives no publisher", (line) => expect(chrome(line).publisher).toBeNull());
  it.each([
    ["发布时间：2024-03-05", "2024-03-05", "2024-03-05"],
    ["发布日期:2024年3月5日", "2024-03-05", "2024年3月5"],
    ["更新时间 2024.3.5", "2024-03-05", "2024.3.5"],
    ["【成文日期】2023/12/31", "2023-12-31", "2023/12/31"],
    ["著录日期：2024-01-02 09:30", "2024-01-02", "2024-01-02"],
    ["来源：某县财政局 2024-05-30 10:21", "2024-05-30", "2024-05-30"],
    ["日期:2025-09-26 12:24", "2025-09-26", "2025-09-26"],
  ])("%j → published %s", (line, value, text) => expect(chrome(line).published).toEqual({ value, text }));
  it.each([
    ["发布时间：2024-13-05"],
    ["发布时间：2024-00-05"],
    ["发布时间：2024-03-32"],
    ["发布时间：2024-03-00"],
    ["发布时间：约2024-03-05"],
    ["发布时间："],
  ])("%j gives no date", (line) => expect(chrome(line).published).toBeNull());
  it("the first date wins, and only chrome lines count", () => {
    const c = chrome(
      "某县水利局2023年度部门整体支出绩效自评报告",
      "发布时间：2024-03-05",
      "发布时间：2024-04-06",
      "报告日期：2024年5月1日",
    );
    expect(c.published?.value).toBe("2024-03-05");
    expect(c.lines).toEqual([1, 2]);
  });
});

describe("isChromeLine: how long each kind of chrome line may be", () => {
  const pad = (head: string, n: number, tail = "") => head + "文".repeat(n - head.length - tail.length) + tail;
  it.each([
    ["a banner, 40 characters", pad("", 40, "门户网站"), 40],
    ["breadcrumbs, 80", `${"文".repeat(16)} > `.repeat(4) + "文".repeat(4), 80],
    ["doc-sharing boilerplate, 160", pad("由会员分享", 160), 160],
    ["a line opening with a label, 160", pad("索引号：", 160), 160],
    ["a long label without separator, 60", pad("发布机构", 60), 60],
    ["two labels anywhere, 200", pad("正文说发布时间：2024 作者：", 200), 200],
  ])("%s", (_what, line, limit) => {
    expect(line.length <= limit).toBe(true);
    expect(isChromeLine(line)).toBe(true);
    if (line.length === limit) expect(isChromeLine(`${line}文`)).toBe(false);
  });
  it("at their limits exactly", () => {
    expect(isChromeLine(pad("", 40, "门户网站"))).toBe(true);
    expect(isChromeLine(pad("", 41, "门户网站"))).toBe(false);
    expect(isChromeLine(pad("由会员分享", 160))).toBe(true);
    expect(isChromeLine(pad("由会员分享", 161))).toBe(false);
    expect(isChromeLine(pad("索引号：", 160))).toBe(true);
    expect(isChromeLine(pad("索引号：", 161))).toBe(false);
    expect(isChromeLine(pad("发布机构", 60))).toBe(true);
    expect(isChromeLine(pad("发布机构", 61))).toBe(false);
    expect(isChromeLine(pad("正文说发布时间：2024 作者：", 200))).toBe(true);
    expect(isChromeLine(pad("正文说发布时间：2024 作者：", 201))).toBe(false);
    expect(isChromeLine(`${"文".repeat(16)} > `.repeat(4) + "文".repeat(4))).toBe(true);
    expect(isChromeLine(`${"文".repeat(16)} > `.repeat(4) + "文".repeat(5))).toBe(false);
  });
  it("one label in a sentence is not chrome; an empty line is not", () => {
    expect(isChromeLine("正文说发布时间：2024年")).toBe(false);
    expect(isChromeLine("   ")).toBe(false);
    expect(isChromeLine("  https://example.cn/a.html  ")).toBe(true);
    expect(isChromeLine("原文地址：https://example.cn/a.html")).toBe(true);
    expect(isChromeLine("原文地址：https://example.cn/a.html 其他")).toBe(false);
  });
});

describe("findChrome: values after labels", () => {
  it("the value ends at the next label, two spaces, a tab or a bar", () => {
    expect(chrome("发布机构：某县教育局  发布时间：2024-03-05").publisher?.value).toBe("某县教育局");
    expect(chrome("发布机构：某县教育局 信息来源：某县").publisher?.value).toBe("某县教育局");
    expect(chrome("发布机构：某县教育局|其他").publisher?.value).toBe("某县教育局");
    expect(chrome("发布机构：某县 教育局").publisher?.value).toBe("某县 教育局");
  });
  it("a label with nothing after it gives nothing; 来源 must be a name in Chinese", () => {
    expect(chrome("发布机构：", "来源：某县(区)财政局").publisher?.value).toBe("某县(区)财政局");
    expect(chrome("来源：某县财政局网").publisher?.value).toBe("某县财政局网");
    expect(chrome("来源：某县财政局2024").publisher).toBeNull();
    expect(chrome(`来源：${"某".repeat(41)}`).publisher).toBeNull();
  });
  it("a line starting 来源 or stamped with a time: its date; another line with a date and no label: none", () => {
    expect(chrome("来源：某县财政局 2024-05-30").published?.value).toBe("2024-05-30");
    expect(chrome("作者：张三 2024-05-30").published).toBeNull();
    expect(chrome("2024-05-30 10:21").published?.value).toBe("2024-05-30");
  });
});

describe("findChrome: metadata in every layout", () => {
  it("bulleted items with their values on the line", () => {
    const c = chrome("• 索引号: 01526/2025-00017", "- 发布机构: 红河州某委员会", "· 文号:", "● 发布日期: 2025-04-17", "* 时效性: 有效");
    expect(c.lines).toEqual([0, 1, 2, 3, 4]);
    expect(c.publisher).toEqual({ value: "红河州某委员会", text: "红河州某委员会" });
    expect(c.published).toEqual({ value: "2025-04-17", text: "2025-04-17" });
  });
  it("a label alone on its line: its value is the next line, chrome too", () => {
    const c = chrome(
      "• 发布机构",
      "某县财政局",
      "• 发布日期",
      "2021-08-03",
      "时效性",
      "有效",
      "某县水利局2023年度部门整体支出绩效自评报告",
    );
    expect(c.lines).toEqual([0, 1, 2, 3, 4, 5]);
    expect(c.publisher).toEqual({ value: "某县财政局", text: "某县财政局" });
    expect(c.published).toEqual({ value: "2021-08-03", text: "2021-08-03" });
    expect(chrome("信息来源：", "某县财政局").publisher).toEqual({ value: "某县财政局", text: "某县财政局" });
  });
  it.each([
    ["a title", "某县水利局2023年度部门整体支出绩效自评报告"],
    ["a sentence", "本单位2023年度预算收入12万元。"],
    ["a heading", "一、部门基本情况"],
    ["a long line", "某".repeat(41)],
  ])("the line after a lone label is no value when it is %s", (_what, next) => {
    const c = chrome("发布机构", next);
    expect(c.lines).toEqual([0]);
    expect(c.publisher).toBeNull();
  });
  it("bracketed items, several on a line, end at the next bracket", () => {
    const c = chrome(
      "[ 索引号 ] 1143/2025-00123 [ 主题分类 ] 财政预算",
      "[ 发布机构 ] 某县财政局 [ 发布日期 ] 2021-08-03",
      "[ 时效性 ] 有效",
    );
    expect(c.lines).toEqual([0, 1, 2]);
    expect(c.publisher?.value).toBe("某县财政局");
    expect(c.published?.value).toBe("2021-08-03");
  });
  it("a publication date under its label anywhere in a short line makes it chrome", () => {
    expect(isChromeLine("某县人民政府门户网站 71584.cn 发布时间:2023-06-27 16:08")).toBe(true);
    expect(chrome("某县人民政府门户网站 71584.cn 发布时间:2023-06-27 16:08").published?.value).toBe("2023-06-27");
    expect(isChromeLine("本单位于发布时间前完成了报告。")).toBe(false);
  });
  it("a label at a chrome line's end takes its date from the next line", () => {
    const c = chrome("索引号: 431102009/2023-03149 发文日期:", "2023-06-20 正文");
    expect(c.published).toEqual({ value: "2023-06-20", text: "2023-06-20" });
    expect(chrome("索引号: 431102009 发文日期:", "正文 2023-06-20").published).toBeNull();
  });
  it("a source stamped with its date: the source without the date", () => {
    expect(chrome("来源:新开镇 2022-09-28 20:14").publisher).toEqual({ value: "新开镇", text: "新开镇" });
    expect(chrome("来源：县委宣传部2023-06-26").publisher?.value).toBe("县委宣传部");
  });
  it("a value ends before the next bullet", () => {
    expect(chrome("发布机构: 某县财政局 - 文号: 无").publisher?.value).toBe("某县财政局");
  });
});
