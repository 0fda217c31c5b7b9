/**
 * The unit's name (unit-name.ts) in process: what is a name, which names are the same unit, where
 * each rule reads one (label, cover and signature lines, title, body phrases, subject of a
 * sentence), and how mentions of one unit combine into one candidate with its fullest name.
 */
import { describe, expect, it } from "vitest";
import { buildContext } from "../../src/extract/extract.js";
import { isAlias, isUnitName, unitNameRule } from "../../src/extract/unit-name.js";
import { textDoc } from "./build.js";

const ctxOf = (text: string) => buildContext(textDoc(text));
/** each candidate: name, rule, confidence and the text its span covers */
const names = (text: string) => {
  const ctx = ctxOf(text);
  return unitNameRule(ctx).map((c) => `${c.value} ${c.rule} ${c.confidence.toFixed(2)} ${ctx.folded.text.slice(c.start, c.end)}`);
};
const FILLER = Array.from({ length: 14 }, (_, i) => `正文第${i + 1}句说明情况。`).join("\n");

describe("isUnitName", () => {
  it("four to forty characters", () => {
    expect(isUnitName("某水利局")).toBe(true);
    expect(isUnitName("水利局")).toBe(false);
    const forty = `${"某".repeat(29)}人民代表大会常务委员会`;
    expect(forty).toHaveLength(40);
    expect(isUnitName(forty)).toBe(true);
    expect(isUnitName(`某${forty}`)).toBe(false);
  });
  it("brackets that balance", () => {
    expect(isUnitName("某县水利局(本级)")).toBe(true);
    expect(isUnitName("某县（区）水利局")).toBe(true);
    expect(isUnitName("元)中共某县委统战部")).toBe(false);
    expect(isUnitName("某县(水利局")).toBe(false);
  });
});

describe("isAlias", () => {
  it.each([
    ["某县水利局", "某县水利局", true],
    ["某县水利局", "某县", false], // longer than the other
    ["水利局", "某县水利局", true], // 县 before it
    ["水利局", "湖南省某市某县水利局", true],
    ["县水利局", "湖南省某市某县水利局", false],
    ["某县委宣传部", "中共某县委宣传部", true],
    ["某县委宣传部", "中国共产党某县委宣传部", true],
    ["县水利局", "门县水利局", true], // a character lost at a line break
    ["县水利局", "石门某县水利局", false], // three characters, no region
    ["县政府办", "县人民政府办公室", true],
    ["县发改委", "县发展和改革委员会", true],
    ["县法院", "县人民法院", true],
    ["县联社", "县供销合作社联合社", true],
    ["县医院", "县人民法院", false], // 院 of a hospital is not a court's
    ["县办", "县人民政府办公室", false], // too short
    ["县人社局", "县人力资源和社会保障与就业服务管理局", false], // a quarter of its length at least
    ["县人社局", "县人力资源和社会保障局", true],
    ["县交通局", "县人力资源和社会保障局", false],
  ])("%s ~ %s: %s", (a, b, want) => expect(isAlias(a, b)).toBe(want));
});

describe("unitNameRule: where a name is read", () => {
  it("a label, cut at the next label of the form, without 公章", () => {
    expect(names(`${FILLER}\n评价单位：某县水利局 联系人：张三\n${FILLER}`)).toEqual(["某县水利局 unit_name.label 0.95 某县水利局"]);
    expect(names(`${FILLER}\n单位（盖章）：某县水利局（公章）\n${FILLER}`)).toEqual(["某县水利局 unit_name.label 0.95 某县水利局"]);
  });
  it("a line that is only a name, among the first 12 or the last 10", () => {
    expect(names(`某县水利局\n${FILLER}`)).toEqual(["某县水利局 unit_name.cover_line 0.85 某县水利局"]);
    expect(names(`${FILLER}\n  某县水利局  \n2024年3月5日`)).toEqual(["某县水利局 unit_name.signature_line 0.85 某县水利局"]);
    const lines = FILLER.split("\n");
    expect(names([...lines.slice(0, 12), "某县水利局", ...lines.slice(0, 10)].join("\n"))).toEqual([]);
    expect(names([...lines.slice(0, 11), "某县水利局", ...lines].join("\n"))).toHaveLength(1);
    expect(names([...lines, "某县水利局", ...lines.slice(0, 9)].join("\n"))).toHaveLength(1);
    expect(names([...lines, "某县水利局", ...lines.slice(0, 10)].join("\n"))).toEqual([]);
  });
  it("a cover's labels run together: 部门(单位) as a label needs its colon, 部门(单位)名称 does not", () => {
    expect(
      names(`雨花区2022年度部门(单位)整体支出绩效评价自评报告部门(单位)名称长沙市雨花区发展和改革局预算编码302001\n${FILLER}`)[0],
    ).toBe("长沙市雨花区发展和改革局 unit_name.label 0.95 长沙市雨花区发展和改革局");
  });
  it("the title, also over two lines", () => {
    expect(names(`关于某县水利局2023年度整体支出绩效自评报告\n${FILLER}`)).toEqual(["某县水利局 unit_name.title 0.80 某县水利局"]);
    expect(names(`序言\n某县水利局2023年\n部门整体支出绩效自评报告\n${FILLER}`)).toEqual(["某县水利局 unit_name.title 0.80 某县水利局"]);
    // a line above a title is no part of it
    expect(names(`基层政务公开\n某县水利局2023年度部门整体支出绩效自评报告\n${FILLER}`)).toEqual([
      "某县水利局 unit_name.title 0.80 某县水利局",
    ]);
  });
  it("body phrases and the subject of a sentence", () => {
    expect(names(`${FILLER}\n${FILLER}\n现将某县水利局整体支出情况如下。\n${FILLER}`)).toEqual([
      "某县水利局 unit_name.body 0.70 某县水利局",
    ]);
    expect(names(`${FILLER}\n某县水利局成立于1980年。\n${FILLER}`)).toEqual(["某县水利局 unit_name.subject 0.70 某县水利局"]);
    expect(names(`${FILLER}\n根据要求，某县水利局组织对全年支出开展了自评。\n${FILLER}`)).toEqual([
      "某县水利局 unit_name.clause_subject 0.65 某县水利局",
    ]);
    expect(names(`${FILLER}\n经批准设立某县水利站，为事业单位。\n${FILLER}`)).toEqual(["某县水利站 unit_name.founded 0.65 某县水利站"]);
  });
  it("the project name of the unit's whole spending (整体监控, 整体支出)", () => {
    expect(names(`${FILLER}\n项目名称:\t某县科学技术协会整体监控\t项目编码:\t500233\n${FILLER}`)).toEqual([
      "某县科学技术协会 unit_name.project_name 0.90 某县科学技术协会",
    ]);
    expect(names(`${FILLER}\n项目名称：某县水利局部门整体支出\n${FILLER}`)).toEqual(["某县水利局 unit_name.project_name 0.90 某县水利局"]);
    expect(names(`${FILLER}\n项目名称：某县水利局农村饮水工程\n${FILLER}`)).toEqual([]);
  });
  it("a township in its title without its government", () => {
    expect(names(`桃江县桃花江镇2023年度整体支出绩效自评报告\n${FILLER}`)).toEqual([
      "桃江县桃花江镇人民政府 unit_name.title_township 0.75 桃江县桃花江镇",
    ]);
    expect(names(`某某街道2023年度整体支出绩效自评报告\n${FILLER}`)).toEqual(["某某街道办事处 unit_name.title_township 0.75 某某街道"]);
    // a name that holds its government already is taken as written
    expect(names(`某某县人民政府倘甸镇2023年部门整体支出绩效自评报告\n${FILLER}`)).toEqual([
      "某某县人民政府倘甸镇 unit_name.title_township 0.75 某某县人民政府倘甸镇",
    ]);
  });
  it("nothing else: a township named in passing, with the county before it", () => {
    expect(names(`${FILLER}\n石门县织篢镇党委、政府下设五个办。`)).toEqual(["石门县织篢镇人民政府 unit_name.township_mention 0.50 织篢镇"]);
    expect(names(`${FILLER}\n全体干部，织篢镇党委领导下工作。`)).toEqual(["织篢镇人民政府 unit_name.township_mention 0.50 织篢镇"]);
    expect(names(`${FILLER}\n全体干部，某某街道办事处领导下工作。`)).toEqual(["某某街道办事处 unit_name.township_mention 0.50 某某街道"]);
    expect(names(`${FILLER}\n下设五个办。`)).toEqual([]);
  });
});

describe("unitNameRule: mentions of one unit", () => {
  it("combine: the fullest name, the best rule's confidence raised by 0.03 a further mention (three at most)", () => {
    const text = `某县水利局\n${FILLER}\n评价单位：湖南省某县水利局\n${FILLER}`;
    expect(names(text)).toEqual(["湖南省某县水利局 unit_name.label 0.98 湖南省某县水利局"]);
    const many = `某县水利局2023年度整体支出绩效自评报告\n${FILLER}\n${FILLER}\n现将某县水利局整体支出情况如下。\n某县水利局成立于1980年。\n${FILLER}\n某县水利局`;
    expect(names(many)).toEqual(["某县水利局 unit_name.signature_line 0.94 某县水利局"]);
    const five = `${many}\n对某县水利局整体支出开展评价。`;
    expect(names(five)).toEqual(["某县水利局 unit_name.signature_line 0.94 某县水利局"]);
  });
  it("the fullest name from a weaker rule: the best rule's name and +full_name", () => {
    const text = `评价单位：某县水利局\n${FILLER}\n湖南省某县水利局成立于1980年。\n${FILLER}`;
    expect(names(text)).toEqual(["湖南省某县水利局 unit_name.label+full_name 0.98 湖南省某县水利局"]);
  });
  it("names of two units are two candidates", () => {
    expect(names(`评价单位：某县水利局\n${FILLER}\n某县交通局成立于1980年。\n${FILLER}`)).toEqual([
      "某县水利局 unit_name.label 0.95 某县水利局",
      "某县交通局 unit_name.subject 0.70 某县交通局",
    ]);
  });
  it("a name in the page's chrome is none", () => {
    expect(names(`发布机构：某县水利局\n${FILLER}`)).toEqual([]);
  });
  it("the publisher completes a name cut short at its start (a cell's edge), and nothing else", () => {
    expect(names(`发布机构：零陵区林业局\n单位名称：陵区林业局\n${FILLER}`)).toEqual([
      "零陵区林业局 unit_name.label+publisher_name 0.95 陵区林业局",
    ]);
    // a name short for "this city's" is no cut name; a fuller official form the report does not write is not taken
    expect(names(`发布机构：衡阳市公安局\n单位名称：市公安局\n${FILLER}`)).toEqual(["市公安局 unit_name.label 0.95 市公安局"]);
    expect(names(`发布机构：湖南省某县水利局\n单位名称：某县水利局\n${FILLER}`)).toEqual(["某县水利局 unit_name.label 0.95 某县水利局"]);
  });
});

describe("a sentence is no name", () => {
  it("现将… in the first lines is not read as a title's unit", () => {
    expect(isUnitName("现将某县水利局")).toBe(false);
    expect(names(`${FILLER.split("\n").slice(0, 5).join("\n")}\n现将某县水利局整体支出情况报告如下。\n${FILLER}`)).toEqual([
      "某县水利局 unit_name.body 0.70 某县水利局",
    ]);
  });
});
