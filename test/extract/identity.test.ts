/** document_kind from the title lines, then from the terms the text uses most, else 其他 — each way, in process. */
import { describe, expect, it } from "vitest";
import { buildContext } from "../../src/extract/extract.js";
import {
  docNumberRule,
  documentKindRule,
  fiscalYearRule,
  publishedDateRule,
  publisherRule,
  regionRule,
  reportDateRule,
  unitKindRule,
} from "../../src/extract/identity.js";
import { resolveRegion } from "../../src/extract/region.js";
import type { Candidate, Context } from "../../src/extract/rules.js";
import { textDoc } from "./build.js";

const docOf = textDoc;
const kind = (text: string) => {
  const [c] = documentKindRule(buildContext(docOf(text)));
  return `${c.value} ${c.rule}`;
};

describe("documentKindRule", () => {
  it.each([
    ["关于开展2024年度绩效自评工作的通知", "其他"],
    ["某县财政局关于2023年度绩效评价结果的通报", "其他"],
    ["某县2024年部门预算绩效管理实施方案", "其他"],
    ["某县水利局2023年度部门决算", "决算"],
    ["某县水利局2023年度农村饮水项目支出绩效自评报告", "项目自评"],
    ["某县2023年度项目资金绩效评价报告", "项目自评"],
    ["某县水利局2023年度项目支出部门整体支出绩效自评报告", "自评报告"],
    ["某县水利局2023年度部门整体支出绩效自评报告", "自评报告"],
    ["某县水利局2023年度绩效评价报告", "自评报告"],
    ["某县水利局2023年度部门绩效管理工作评价报告", "自评报告"],
    ["某县水利局2024年部门预算", "预算"],
    ["某县水利局2024年预算公开", "预算"],
    ["某县水利局2024年单位预算明细表", "预算"],
  ])("title %j → %s", (title, want) => expect(kind(`${title}\n正文。`)).toBe(`${want} document_kind.title`));

  it.each([
    ["某县2023年度政府信息公开公告", "其他"],
    ["关于加强预算绩效管理的意见", "其他"],
    ["某县预算绩效管理办法", "其他"],
    ["某县水利局2024年部门预算说明", "预算"],
    ["某县水利局2024年预算报告", "预算"],
    ["2024年部门收支预算总表", "预算"],
    ["2024年部门收支预算汇总表", "预算"],
    ["1.5亿元项目决算报告", "决算"],
  ])("title %j → %s", (title, want) => expect(kind(`${title}\n正文。`)).toBe(`${want} document_kind.title`));
  it.each([
    ["a line with a semicolon", "某县水利局2023年度部门决算；\n正文。"],
    ["an attachment line", "附件1\n正文。"],
    ["(2) heading", "（2）部门决算\n正文。"],
    ["1、 heading", "1、某县2023年部门决算\n正文。"],
    ["12. heading", "12.部门决算\n正文。"],
    ["a 办法 that names no report", "关于印发管理办法\n正文。"],
  ])("%s is not a title", (_what, text) => expect(kind(text)).toBe("其他 document_kind.default"));
  it("a title's evidence is its line", () => {
    const ctx = buildContext(docOf("正文前言\n某县水利局2023年度部门决算\n正文。"));
    const [c] = documentKindRule(ctx);
    expect(ctx.folded.text.slice(c.start, c.end)).toBe("某县水利局2023年度部门决算");
    expect(c.confidence).toBe(0.9);
  });
  it.each([
    ["a sentence", "本局按要求开展了部门整体支出绩效自评报告编写工作。\n正文。"],
    ["a numbered heading", "(一)年初部门预算安排及支出情况\n正文。"],
    ["a chapter heading", "一、部门决算\n正文。"],
    ["目录", "目录\n正文。"],
    ["a line without a report word", "某县水利局\n正文。"],
  ])("%s is not a title: the text's terms decide", (_what, text) => expect(kind(text)).toBe("其他 document_kind.default"));

  it("a line over 60 characters is not a title (here its words count as terms)", () => {
    expect(kind(`${"某县水利局2023年度部门整体支出绩效自评报告".repeat(3)}\n正文。`)).toBe("自评报告 document_kind.terms");
    // 60 characters still can be a title, 75 cannot
    expect(kind(`${"某县水利局2023年度部门决算".repeat(4)}\n正文。`)).toBe("决算 document_kind.title");
    expect(kind(`${"某县水利局2023年度部门决算".repeat(5)}\n正文。`)).toBe("决算 document_kind.terms");
  });
  it("the 13th line is not read as a title", () => {
    const lines = Array.from({ length: 12 }, (_, i) => `第${i + 1}行文字`);
    expect(kind([...lines, "某县水利局2023年度部门决算"].join("\n"))).toBe("其他 document_kind.default");
    expect(kind([...lines.slice(1), "某县水利局2023年度部门决算"].join("\n"))).toBe("决算 document_kind.title");
  });

  it("without a title: 自评 terms three times and more than 决算, or 决算 five times and more than them", () => {
    expect(kind("正文。\n开展自评。绩效目标完成。绩效指标达成。")).toBe("自评报告 document_kind.terms");
    expect(kind("正文。\n开展自评。绩效目标完成。")).toBe("其他 document_kind.default");
    expect(kind("正文。\n决算收入。决算支出。决算结余。决算说明。决算报表。")).toBe("决算 document_kind.terms");
    expect(kind("正文。\n决算收入。决算支出。决算结余。决算说明。预决算。")).toBe("其他 document_kind.default");
    expect(kind("正文。\n自评。自评。自评。决算。决算。决算。决算。决算。决算。")).toBe("决算 document_kind.terms");
    expect(kind("正文。\n自评。自评。自评。自评。决算。决算。决算。")).toBe("自评报告 document_kind.terms");
  });
});

/** a context whose unit_name is chosen as `unit` (spanning the text's first line) */
const withUnit = (text: string, unit: string | null): Context => {
  const ctx = buildContext(docOf(text));
  const c: Candidate | null = unit === null ? null : { value: unit, unit: "text", confidence: 1, rule: "t", start: 0, end: unit.length };
  ctx.chosen = (f: string) => (f === "unit_name" ? c : null);
  return ctx;
};
/** value, rule, confidence and the span's text of each candidate */
const found = (rule: (ctx: Context) => Candidate[], ctx: Context) =>
  rule(ctx).map((c) => `${c.value} ${c.unit} ${c.rule} ${c.confidence} ${JSON.stringify(ctx.folded.text.slice(c.start, c.end))}`);

describe("fiscalYearRule", () => {
  const years = (text: string) => found(fiscalYearRule, buildContext(docOf(text)));
  it("a label, also with the year split by a space", () => {
    expect(years("正文\n评价年度：2023\n")).toEqual(['2023 year fiscal_year.label 0.95 "2023"']);
    expect(years("正文\n所属年度 20 23\n")).toEqual(['2023 year fiscal_year.label 0.95 "20 23"']);
    expect(years("正文\n年度：二〇二三\n")).toEqual(['2023 year fiscal_year.label 0.95 "二〇二三"']);
  });
  it("the title: a short line naming a report, within the first 40 lines", () => {
    expect(years("某县水利局2023年度部门整体支出绩效报告\n正文")).toEqual(['2023 year fiscal_year.title 0.9 "2023"']);
    expect(years("正文\n某县水利局2023年整体支出绩效报告\n")).toEqual(['2023 year fiscal_year.title 0.9 "2023"']);
    // (no title: the year mentioned most is the only candidate)
    expect(years("某县水利局2023年度工作报告。\n正文")).toEqual(['2023 year fiscal_year.most_mentioned 0.6 "2023"']);
    expect(years(`某县水利局2023年度${"很".repeat(50)}绩效报告\n正文`)).toEqual(['2023 year fiscal_year.most_mentioned 0.6 "2023"']);
    // 60 characters can be a title, 61 cannot
    expect(years(`某县水利局2023年度${"很".repeat(45)}绩效报告\n正文`)).toEqual(['2023 year fiscal_year.title 0.9 "2023"']);
    expect(years(`某县水利局2023年度${"很".repeat(46)}绩效报告\n正文`)).toEqual(['2023 year fiscal_year.most_mentioned 0.6 "2023"']);
    const lines = Array.from({ length: 40 }, (_, i) => `第${i + 1}行`);
    expect(years([...lines, "某县水利局2023年度绩效报告"].join("\n"))).toEqual(['2023 year fiscal_year.most_mentioned 0.6 "2023"']);
    expect(years([...lines.slice(1), "某县水利局2023年度绩效报告"].join("\n"))).toEqual(['2023 year fiscal_year.title 0.9 "2023"']);
  });
  it("the body's words for the evaluated year", () => {
    expect(years("正文，根据要求，2023年度本镇整体支出绩效自评如下。")).toEqual(['2023 year fiscal_year.most_mentioned 0.6 "2023"']);
    expect(years("正文，根据要求，2023年度部门整体支出绩效自评如下。")).toEqual(['2023 year fiscal_year.body 0.8 "2023"']);
    expect(years("正文，现对2022年度资金使用情况说明如下。")).toEqual(['2022 year fiscal_year.body 0.75 "2022"']);
  });
  it("else the year mentioned most, twice as often as the next, and never in a date", () => {
    expect(years("正文，2023年收入增加，2023年支出减少，2022年持平。")).toEqual(['2023 year fiscal_year.most_mentioned 0.6 "2023"']);
    expect(years("正文，2023年收入增加，2023年支出减少，2022年持平，2022年。")).toEqual([]);
    expect(years("正文，2022年持平，2023年收入增加，2023年支出减少，2022年，2023年。")).toEqual([]);
    expect(years("正文，2023年收入增加。")).toEqual(['2023 year fiscal_year.most_mentioned 0.6 "2023"']);
    expect(years("正文，2023年5月收入增加，2023年6月，2022年持平。")).toEqual(['2022 year fiscal_year.most_mentioned 0.6 "2022"']);
    // a year outside 2000–2100 is none
    expect(years("正文，1999年收入增加。")).toEqual([]);
    expect(years("评价年度：1999")).toEqual([]);
  });
  it.each([
    ["上海市普陀区2026年区级部门预算", 2026],
    ["2016年度某镇人民政府部门决算说明", 2016],
    ["某县水利局2023年单位预算", 2023],
    ["某县水利局2022年部门决算", 2022],
    ["某县水利局2021年度部门整体支出绩效自评表", 2021],
    ["重庆市交通委员会2018年部门预算情况说明", 2018],
    ["某局2021年部门绩效自评情况总结", 2021],
  ])("the title of every kind of document: %s", (title, year) => {
    // (the comparison with last year, however often, is no candidate; the title's words may also be the body's)
    const found = years(`${title}\n比${year - 1}年预算执行数增加2%，${year - 1}年，${year - 1}年，${year - 1}年。`);
    expect(found[0]).toBe(`${year} year fiscal_year.title 0.9 "${year}"`);
    expect(found.every((c) => c.startsWith(`${year} `))).toBe(true);
  });
  it("a year alone on the line under the document's title, not under a table's caption", () => {
    expect(years("部门整体支出绩效自评报告\n（2021年度）\n正文")).toEqual(['2021 year fiscal_year.title 0.9 "2021"']);
    expect(years("某局绩效自评报告\n正文一\n部门整体支出绩效自评表\n（2021年度）\n正文")).toEqual([
      '2021 year fiscal_year.most_mentioned 0.6 "2021"',
    ]);
  });
  it("a range of years is no fiscal year, in a title or counted", () => {
    expect(years("2021-2024年省级职业技能竞赛经费项目绩效评价报告\n正文")).toEqual([]);
    expect(years("2021年-2024年某项目绩效评价报告\n正文")).toEqual([]);
    expect(years("正文，2021- 2024年，共计开展赛项525个，2021- 2024年。")).toEqual([]);
    expect(years("正文，22.90 2019年政府采购预算表。")).toEqual(['2019 year fiscal_year.most_mentioned 0.6 "2019"']);
  });
  it("a year the label found keeps the most-mentioned one out", () => {
    expect(years("正文\n评价年度：2023\n2022年，2022年，2022年。")).toEqual(['2023 year fiscal_year.label 0.95 "2023"']);
  });
});

describe("reportDateRule", () => {
  const dates = (text: string) => found(reportDateRule, buildContext(docOf(text)));
  it("a labelled date", () => {
    expect(dates("正文\n填报日期：2024年3月5日\n")).toEqual(['2024-03-05 date report_date.label 0.95 "2024年3月5日"']);
    expect(dates("正文内容在此。日期：2024-3-5，其余。")).toEqual(['2024-03-05 date report_date.label 0.95 "2024-3-5"']);
    expect(dates("正文内容在此。发布日期：2024-3-5，其余。")).toEqual([]);
    expect(dates("正文内容在此。填报日期：2024年13月5日，其余。")).toEqual([]);
  });
  it("a line that is only a date, in the first 12 or the last 6 lines", () => {
    const middle = (n: number) => Array.from({ length: n }, (_, i) => `正文第${i + 1}句。`);
    expect(dates(["某县水利局", "  2024年3月5日  ", ...middle(30)].join("\n"))).toEqual([
      '2024-03-05 date report_date.date_line 0.85 "2024年3月5日"',
    ]);
    expect(dates([...middle(30), "某县水利局", "二〇二四年三月五日"].join("\n"))).toEqual([
      '2024-03-05 date report_date.date_line 0.85 "二〇二四年三月五日"',
    ]);
    expect(dates([...middle(12), "2024年3月5日", ...middle(6)].join("\n"))).toEqual([]);
    expect(dates([...middle(11), "2024年3月5日", ...middle(30)].join("\n"))).toHaveLength(1);
    expect(dates([...middle(30), "2024年3月5日", ...middle(5)].join("\n"))).toHaveLength(1);
    expect(dates(["某县水利局", "2024年2月30日", ...middle(3)].join("\n"))).toEqual([]);
    expect(dates(["某县水利局", "2024年3月5日报", ...middle(3)].join("\n"))).toEqual([]);
  });
});

describe("unitKindRule", () => {
  it.each([
    ["某某镇人民政府", "township"],
    ["某某乡", "township"],
    ["某某镇党委", "township"],
    ["某某街道办事处", "sub_district"],
    ["某某街道", "sub_district"],
    ["某某街道党工委", "sub_district"],
    ["某县水利局", "department"],
    ["某县发展和改革委员会", "department"],
    ["张三", "other"],
  ])("%s → %s, its evidence the unit's name", (name, want) => {
    expect(found(unitKindRule, withUnit(`${name}\n正文`, name))).toEqual([`${want} text unit_kind.from_name 0.85 ${JSON.stringify(name)}`]);
  });
  it("no unit, no kind", () => expect(unitKindRule(withUnit("正文", null))).toEqual([]));
});

describe("regionRule", () => {
  const name = "北京市朝阳区财政局";
  it("each part of the resolved region, its evidence the unit's name", () => {
    const ctx = withUnit(`${name}\n正文`, name);
    const region = resolveRegion(name);
    expect(found(regionRule("province"), ctx)).toEqual([`${region.province} text region.province 0.8 ${JSON.stringify(name)}`]);
    expect(found(regionRule("code"), ctx)).toEqual([`${region.code} text region.code 0.8 ${JSON.stringify(name)}`]);
    expect(region.township).toBeNull();
    expect(regionRule("township")(ctx)).toEqual([]);
  });
  it("no unit, no region", () => expect(regionRule("province")(withUnit("正文", null))).toEqual([]));
});

describe("docNumberRule", () => {
  const numbers = (text: string) => found(docNumberRule, buildContext(docOf(text)));
  it("a line of its own near the top, spaces dropped from the value, the first one", () => {
    expect(numbers("某县人民政府\n  吉政函字〔 2025 〕第31 号 \n正文")).toEqual([
      '吉政函字〔2025〕第31号 text doc_number.line 0.9 "吉政函字〔2025〕第31号"',
    ]);
    expect(numbers("吉政函字[2025]31号\n吉政发[2024]2号\n正文")).toEqual([
      '吉政函字[2025]31号 text doc_number.line 0.9 "吉政函字[2025]31号"',
    ]);
    expect(numbers("吉政函字(2025)31号\n正文")).toHaveLength(1);
  });
  it("not in a sentence, not with another year, not after the 12th line", () => {
    expect(numbers("根据吉政函字〔2025〕31号文件\n正文")).toEqual([]);
    expect(numbers("吉政函字〔1895〕31号\n正文")).toEqual([]);
    expect(numbers("吉政函字〔2025〕123456号\n正文")).toEqual([]);
    const lines = Array.from({ length: 12 }, (_, i) => `第${i + 1}行`);
    expect(numbers([...lines, "吉政函字〔2025〕31号"].join("\n"))).toEqual([]);
  });
});

describe("publisher and published date, from the page chrome", () => {
  it("发布机构 and 发布时间", () => {
    const ctx = buildContext(docOf("发布机构：某县财政局\n发布时间：2024-03-05\n某县水利局2023年度部门整体支出绩效自评报告\n正文。"));
    expect(found(publisherRule, ctx)).toEqual(['某县财政局 text publisher.chrome 0.9 "某县财政局"']);
    expect(found(publishedDateRule, ctx)).toEqual(['2024-03-05 date published_date.chrome 0.9 "2024-03-05"']);
  });
  it("none without chrome", () => {
    const ctx = buildContext(docOf("某县水利局2023年度部门整体支出绩效自评报告\n正文。"));
    expect([...publisherRule(ctx), ...publishedDateRule(ctx)]).toEqual([]);
  });
});
