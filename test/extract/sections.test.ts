import { describe, expect, it } from "vitest";
import { buildSections, headingTitle, parseMarker } from "../../src/extract/sections.js";
import { fold } from "../../src/normalize/text.js";

const tree = (text: string) => buildSections(fold(text).text);
const paths = (text: string) => tree(text).headings.map((h) => h.path.join(" > "));

describe("heading markers", () => {
  it.each([
    ["一、基本情况", 1, 1],
    ["十二、其他", 1, 12],
    ["(三)预算执行", 2, 3],
    ["（三） 预算执行", 2, 3],
    ["( 三 )预算执行", 2, 3],
    ["1.基本支出", 3, 1],
    ["2、项目支出", 3, 2],
    ["3 . 效果性", 3, 3],
    ["(1)资金下达", 4, 1],
    ["（12）其他", 4, 12],
    ["①数量指标", 5, 1],
    ["第一部分 摘要", 0, 1],
  ])("%s → level %i, number %i", (line, rank, number) => {
    const m = parseMarker(fold(line).text);
    expect(m?.rank).toBe(rank);
    expect(m?.number).toBe(number);
  });
  it.each(["2024年度", "3.5%的增长", "1043.96万元", "一是聚焦产业建设", "吉政函字〔2025〕31号"])("%s is not a heading", (line) => {
    const m = parseMarker(fold(line).text);
    expect(m === null || headingTitle(m.rest) === null).toBe(true);
  });
  it("a long numbered sentence is a list item, an inline title is a heading", () => {
    expect(
      headingTitle(
        "制定和组织实施经济、社会发展计划，制定资源开发和产业结构调整方案，组织好各业生产，协调好本镇与外地区的经济交流与合作；",
      ),
    ).toBeNull();
    expect(headingTitle("资金下达合规性。我部门的所有资金都能按时下达。")).toBe("资金下达合规性");
  });
});

describe("section tree", () => {
  it("nests the four standard levels", () => {
    expect(paths("一、基本情况\n(一)概况\n1.职责\n(1)宣传\n正文\n(2)落实\n2.机构\n二、支出情况\n")).toEqual([
      "一、基本情况",
      "一、基本情况 > (一)概况",
      "一、基本情况 > (一)概况 > 1.职责",
      "一、基本情况 > (一)概况 > 1.职责 > (1)宣传",
      "一、基本情况 > (一)概况 > 1.职责 > (2)落实",
      "一、基本情况 > (一)概况 > 2.机构",
      "二、支出情况",
    ]);
  });

  it("repairs Word auto-numbering that exported 二、 as 2、", () => {
    const t =
      "一、部门基本情况\n（一）机构设置情况\n（四）绩效目标设定情况\n2、 部门整体支出管理及使用情况\n（一）预算执行\n1.基本支出情况\n2.项目支出情况\n3.三公经费\n3、 政府性基金预算支出情况\n四、部门整体支出绩效情况\n（一）综合评价结论\n（2） 综合评价情况\n1.部门职责履行情况\n";
    const hs = tree(t).headings;
    const level = (title: string) => hs.find((h) => h.title.startsWith(title))!.level;
    expect(level("2、")).toBe(1);
    expect(level("3、")).toBe(1);
    expect(level("四、")).toBe(1);
    expect(level("(2)")).toBe(2);
    expect(hs.find((h) => h.title.startsWith("1.部门职责"))!.path).toEqual([
      "四、部门整体支出绩效情况",
      "(2)综合评价情况",
      "1.部门职责履行情况",
    ]);
  });

  it("tells which section an offset is in", () => {
    const text = fold("一、基本情况\n编制78人。\n二、存在的问题\n满意度有待提高。\n").text;
    const t = buildSections(text);
    expect(t.pathAt(text.indexOf("编制"))).toEqual(["一、基本情况"]);
    expect(t.pathAt(text.indexOf("满意度"))).toEqual(["二、存在的问题"]);
    expect(t.pathAt(0)).toEqual(["一、基本情况"]);
  });

  it("shows a title as written, and gives it folded to the rules (traditional script, full width)", () => {
    const src = "一、基本情況\n編制78人。\n（二）存在的問題\n滿意度有待提高。\n";
    const f = fold(src);
    const t = buildSections(f.text, undefined, (s, e) => src.slice(f.map[s], f.map[e]));
    const at = f.text.indexOf("满意度");
    expect(t.pathAt(at)).toEqual(["一、基本情況", "（二）存在的問題"]);
    expect(t.keyPathAt(at)).toEqual(["一、基本情况", "(二)存在的问题"]);
    expect(t.keyPathAt(0)).toEqual(["一、基本情况"]);
    expect(buildSections("正文").keyPathAt(0)).toEqual([]);
  });

  it("uses heading styles from the source for un-numbered headings", () => {
    const text = "部门概况\n正文一\n绩效结论\n正文二\n";
    const t = buildSections(text, (start) => (start === 0 || start === text.indexOf("绩效结论") ? 1 : undefined));
    expect(t.pathAt(text.indexOf("正文二"))).toEqual(["绩效结论"]);
  });
});

describe("numbered lists are not headings", () => {
  it("a short item that continues a list of sentences stays a list item", () => {
    const t =
      "一、单位基本情况\n(一) 单位机构设置、部门职能情况。\n1、主要职责\n(一)宣传贯彻落实党和国家各项方针政策和法律法规，执行上级的决议、决定，研究决定本镇经济建设等方面的重大问题。\n(二)落实基层党建工作责任制，统筹推进基层党建工作，实现党的组织和工作全覆盖，提高党建工作的有效性。\n(三)负责辖区国防动员相关工作。\n2、部门机构设置\n(二)年度总体工作\n";
    expect(paths(t)).toEqual([
      "一、单位基本情况",
      "一、单位基本情况 > (一)单位机构设置、部门职能情况",
      "一、单位基本情况 > (一)单位机构设置、部门职能情况 > 1、主要职责",
      "一、单位基本情况 > (一)单位机构设置、部门职能情况 > 2、部门机构设置",
      "一、单位基本情况 > (二)年度总体工作",
    ]);
  });
});

describe("heading markers, every form with its style, number and the rest of the line", () => {
  it.each([
    ["第一部分 摘要", 0, "part", 1, "摘要"],
    ["第十二章总则", 0, "part", 12, "总则"],
    ["第3篇 附表", 0, "part", 3, "附表"],
    ["一、基本情况", 1, "cn、", 1, "基本情况"],
    ["二十、其他", 1, "cn、", 20, "其他"],
    ["九十九、其他", 1, "cn、", 99, "其他"],
    ["十五. 其他", 1, "cn.", 15, "其他"],
    ["三，其他", 1, "cn.", 3, "其他"],
    ["(十)预算执行", 2, "(cn)", 10, "预算执行"],
    ["（二）、预算执行", 2, "(cn)", 2, "预算执行"],
    ["(二十一) 其他", 2, "(cn)", 21, "其他"],
    ["12、项目支出", 3, "num、", 12, "项目支出"],
    ["3．效果性", 3, "num.", 3, "效果性"],
    ["(1)、资金下达", 4, "(num)", 1, "资金下达"],
    ["( 2 ) 资金", 4, "(num)", 2, "资金"],
    ["⑳ 其他", 5, "circled", 20, "其他"],
    ["  一、缩进的标题", 1, "cn、", 1, "缩进的标题"],
  ])("%j → rank %i, %s %i, %j", (line, rank, style, number, rest) => {
    expect(parseMarker(line)).toMatchObject({ rank, style, number, rest });
  });
  it.each(["", "1.5万元", "一是聚焦", "第一次会议", "(a)其他", "123、三位数", "abc"])("%j has no marker", (line) =>
    expect(parseMarker(line)).toBeNull(),
  );
  it("Chinese numerals that are no number give a marker without one", () =>
    expect(parseMarker("十一二、其他")).toMatchObject({ rank: 1, number: null }));
  it("a marker keeps what it matched, spaces included", () => {
    expect(parseMarker("（ 三 ） 预算")?.marker).toBe("（ 三 ） ");
    expect(parseMarker("①数量")?.marker).toBe("①");
  });
});

describe("headingTitle", () => {
  it.each([
    ["基本情况", "基本情况"],
    ["基本情况。", "基本情况"],
    ["基本情况：", "基本情况"],
    ["资金下达合规性。我部门严格按照规定下达资金，未发现违规。", "资金下达合规性"],
    [`${"长".repeat(40)}`, "长".repeat(40)],
    ["基本情况。我部门", "基本情况"],
    [`${"长".repeat(30)}：${"文".repeat(20)}`, "长".repeat(30)],
  ])("%j → %j", (rest, want) => expect(headingTitle(rest)).toBe(want));
  it.each([
    [""],
    ["a\tb"],
    ["3.5%的增长"],
    ["12万元"],
    ["30人"],
    ["5个"],
    ["100元"],
    [`${"长".repeat(41)}`],
    [`${"长".repeat(31)}：${"文".repeat(20)}`],
    [`${"长".repeat(30)}，${"文".repeat(20)}`],
  ])("%j is no title", (rest) => expect(headingTitle(rest)).toBeNull());
});

describe("Chinese and Arabic section numbers", () => {
  it.each([
    ["第12章 总则", 12],
    ["第十章 总则", 10],
    ["第十二章 总则", 12],
    ["第二十章 总则", 20],
    ["第二十三章 总则", 23],
    ["第九章 总则", 9],
    ["第一2章 总则", null],
    ["一二、其他", null],
    ["十十、其他", null],
  ])("%j → number %s", (line, number) => expect(parseMarker(line)?.number).toBe(number));
});

describe("section tree: where a numbered heading goes", () => {
  const pathOf = (text: string, title: string) =>
    tree(text)
      .headings.find((h) => h.title.startsWith(title))
      ?.path.join(" > ");
  it("the next number of the same style continues its sibling", () => expect(pathOf("一、A\n1.B\n2.C\n", "2.")).toBe("一、A > 2.C"));
  it("a first item (1、) is never moved up", () => expect(pathOf("一、A\n（一）B\n1、C\n", "1、")).toBe("一、A > (一)B > 1、C"));
  it("2、 without a 1、 before it stands for 二、 (Word's numbering exported)", () => {
    expect(pathOf("一、A\n（一）B\n2、C\n", "2、")).toBe("2、C");
    // a comma makes it a sentence of a list, not a heading to repair
    expect(pathOf("一、A\n（一）B\n2、C，D\n", "2、")).toBe("一、A > (一)B > 2、C,D");
  });
  it("2、 after a 1. of another style is still the twin of 二、", () => expect(pathOf("一、A\n1.B\n2、C\n", "2、")).toBe("2、C"));
  it("（2） without a （1） stands for （二）", () => expect(pathOf("一、A\n（一）B\n1.C\n（2）D\n", "(2)")).toBe("一、A > (2)D"));
  it("2. whose 1. a sub-heading closed goes where its 1. was", () =>
    expect(pathOf("一、A\n（一）B\n1.C\n（二）D\n2.E\n", "2.")).toBe("一、A > (二)D > 2.E"));
  it("3、 after a 2、 that was moved up goes up with it", () => {
    const text = "一、A\n2、B\n（一）C\n3、D\n";
    expect(pathOf(text, "2、")).toBe("2、B");
    expect(pathOf(text, "3、")).toBe("3、D");
  });
  it("a 2. found before the section it is in (a heading of its twin's level between) is no sibling", () =>
    expect(pathOf("一、A\n（一）B\n1.C\n二、D\n（一）E\n2.F\n", "2.")).toBe("二、D > (一)E > 2.F"));
  it("short items that continue a list of sentences are no headings; another style after them is", () => {
    const long = "这是一个很长的句子，说明了很多很多的内容，远远超过四十个字符的长度限制，所以它是列表项而不是标题。";
    expect(paths(`一、A\n1、${long}\n2、短\n3、也短\n（1）标题\n`)).toEqual(["一、A", "一、A > (1)标题"]);
    // a list of sentences in one style does not make the next number of another style an item
    expect(paths(`一、A\n（1）${long}\n2、短\n`)).toEqual(["一、A", "2、短"]);
  });
  it("the title shown is the marker and the title, from the display text, without spaces", () => {
    const text = "  一、 基本情况。正文\n";
    expect(buildSections(text, undefined, (s, e) => `[${s},${e}] `).headings[0].title).toBe("[2,9]");
    expect(tree("（ 三 ） 预算执行。正文").headings[0].title).toBe("(三)预算执行");
  });
  it("before the first heading there is no section", () => {
    const text = fold("前言\n一、A\n正文\n").text;
    const t = buildSections(text);
    expect(t.pathAt(0)).toEqual([]);
    expect(t.pathAt(text.indexOf("正文"))).toEqual(["一、A"]);
    expect(buildSections("正文").pathAt(0)).toEqual([]);
  });
});

describe("section tree: headings styled by the source", () => {
  const styledAt = (text: string, levels: { [line: string]: number }) =>
    buildSections(text, (start) => {
      const line = text.slice(start).split("\n")[0];
      return levels[line];
    });
  it("nest by their level, clamped to 1–5, with the numbered headings", () => {
    const text = "概况\n职责\n  缩进\n结论\n一、A\n深层\n";
    const t = styledAt(text, { 概况: 1, 职责: 2, "  缩进": 3, 结论: 0, 深层: 9 });
    expect(t.headings.map((h) => `${h.level} ${h.path.join(" > ")}`)).toEqual([
      "1 概况",
      "2 概况 > 职责",
      "3 概况 > 职责 > 缩进",
      "1 结论",
      "1 一、A",
      "5 一、A > 深层",
    ]);
    expect(t.headings[0]).toMatchObject({ style: "styled", number: null, start: 0 });
  });
  it("a styled line that is empty or longer than a title is no heading", () => {
    const long = "长".repeat(41);
    const text = `  \n${long}\n${"长".repeat(40)}\n`;
    const t = styledAt(text, { "  ": 1, [long]: 1, ["长".repeat(40)]: 2 });
    expect(t.headings.map((h) => h.title)).toEqual(["长".repeat(40)]);
  });
  it("the title is the display text of the line without its spaces around", () => {
    const text = "  概况  \n";
    const t = buildSections(
      text,
      (s) => (s === 0 ? 1 : undefined),
      (s, e) => `[${s},${e}]`,
    );
    expect(t.headings[0].title).toBe("[2,4]");
  });
});
