/**
 * The mechanisms that real reports need, each on fixtures of our own written in the styles real
 * pages show (mirrors in traditional script with pinyin, flattened tables, page chrome, composed
 * labels, names in many forms) — and the real-dev set itself, which must stay above the thresholds.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findChrome, isChromeLine } from "../../src/extract/chrome.js";
import { explainLines } from "../../src/extract/explain.js";
import { extractFields } from "../../src/extract/extract.js";
import { arithmeticHolds } from "../../src/extract/flat-tables.js";
import { compile, LEXICON } from "../../src/extract/lexicon.js";
import { htmlToBlocks } from "../../src/extract/readers/html.js";
import { recoverStructure } from "../../src/extract/structure.js";
import { isAlias, isUnitName } from "../../src/extract/unit-name.js";
import type { Block } from "../../src/model.js";
import { shared } from "../helpers.js";
import { describeCli, jixiao } from "../run.js";
import { textDoc } from "./build.js";

const docOf = textDoc;
const ex = (text: string) => extractFields(docOf(text));
const val = (text: string, field: string) => ex(text).fields[field]?.value ?? null;
const tables = (blocks: Block[]) =>
  blocks.filter((b) => b.kind === "table").map((b) => (b.kind === "table" ? b.rows.map((r) => r.map((c) => c.text)) : []));

describe("tables rebuilt from flattened text", () => {
  it("rows of cells separated by |, and one cell per line between lines of bars", () => {
    const { blocks } = textDoc(
      [
        "一、部门(单位)基本概况 |",
        "||||||||",
        "联系人 |",
        "王某 |",
        "联络电话 |",
        "0730-1234567 |",
        "|||||||",
        "人员编制 |",
        "16 |",
        "实有人数 |",
        "14 |",
        "||||||",
        "单位名称 | 某县文化馆 | 年度预算金额 | 320万元 |",
      ].join("\n"),
    );
    expect(tables(blocks)).toEqual([
      [
        ["一、部门(单位)基本概况"],
        ["联系人", "王某", "联络电话", "0730-1234567"],
        ["人员编制", "16", "实有人数", "14"],
        ["单位名称", "某县文化馆", "年度预算金额", "320万元"],
      ],
    ]);
  });
  it("labels and values on alternating lines (also with injected pinyin in the labels)", () => {
    const { blocks } = textDoc(
      "報告日期:2023年5月31日\n聯(lián)系人\n李某\n聯絡電話\n7620000\n人員編制\n42\n實有人數(shù)\n39\n職能職責概述\n縣委宣傳部是縣委主管意識形態工作的綜合職能部門。",
    );
    expect(tables(blocks)).toEqual([
      [
        ["聯(lián)系人", "李某"],
        ["聯絡電話", "7620000"],
        ["人員編制", "42"],
        ["實有人數(shù)", "39"],
      ],
    ]);
  });
  it("a header line and a line of numbers, checked by its own arithmetic", () => {
    expect(tables(textDoc("编制数 实际在职人数 控制率\n31 30 96.8%").blocks)).toEqual([
      [
        ["编制数", "实际在职人数", "控制率"],
        ["31", "30", "96.8%"],
      ],
    ]);
    // 30 / 31 is 96.8 %, not 90 %: the numbers were not split where the cells are
    expect(tables(textDoc("编制数 实际在职人数 控制率\n31 30 90%").blocks)).toEqual([]);
    expect(arithmeticHolds(["合计", "基本支出", "项目支出"], ["100.5", "60.2", "40.3"])).toBe(true);
    expect(arithmeticHolds(["合计", "基本支出", "项目支出"], ["100.5", "60.2", "30.3"])).toBe(false);
  });
  it("ordinary paragraphs stay paragraphs", () => {
    const { blocks } = textDoc("一、部门概况\n本单位内设3个股室。\n二、绩效目标\n全年完成任务。");
    expect(blocks.every((b) => b.kind === "paragraph")).toBe(true);
  });
  it("a web page's paragraphs are rebuilt by the same pass", () => {
    const { blocks } = recoverStructure({
      ...docOf(""),
      blocks: htmlToBlocks("<html><body><p>人员编制</p><p>23</p><p>实有人数</p><p>22</p></body></html>", { article: false }),
    });
    expect(tables(blocks)).toEqual([
      [
        ["人员编制", "23"],
        ["实有人数", "22"],
      ],
    ]);
  });
  it("the table path reads a rebuilt form like a .docx table", () => {
    const r = ex("某县2021年度部门整体支出绩效自评报告\n人員編制\n23\n實有人數(shù)\n22\n一、部門基本情況");
    expect([r.fields.staff_authorized?.value, r.fields.staff_actual?.value]).toEqual([23, 22]);
    expect(r.fields.staff_actual?.rule).toBe("staff_actual.form_cell");
    expect(val("单位基本情况\n编制数 实际在职人数 控制率\n31 30 96.8%\n", "staff_actual")).toBe(30);
  });
});

describe("page chrome", () => {
  const page = [
    "中文字幕在线_免费观看高清_亚洲精品一区",
    "某县人民政府门户网站",
    "首页 > 政务公开 > 绩效评价",
    "索引号: 000014348/2023-02370",
    "发布机构: 某县教育体育局",
    "发布时间:2024-05-30 10:50 信息来源:县教育体育局 浏览量:",
    "[ 信息分类 ] 项目绩效评价",
    "某县体育运动发展中心2023年度部门整体支出绩效自评报告",
    "一、部门基本情况",
    "某县体育运动发展中心为县教育体育局所属公益一类事业单位,核定编制12名,实有在职人员11人。",
  ].join("\n");
  it("recognises metadata, banners, breadcrumbs and spam headers, and keeps body lines", () => {
    for (const l of page.split("\n").slice(0, 7)) expect(isChromeLine(l), l).toBe(true);
    for (const l of page.split("\n").slice(7)) expect(isChromeLine(l), l).toBe(false);
    expect(isChromeLine("日期:2025-09-26 12:24")).toBe(true);
    expect(isChromeLine("某县人民政府 2024-05-30 信息来源:县教育体育局 浏览量:1")).toBe(true);
    expect(isChromeLine("报告日期:2025年9月26日")).toBe(false);
  });
  it("is never the unit, the date or the kind; its publisher and date become their own fields", () => {
    const r = ex(page);
    expect(r.fields.unit_name?.value).toBe("某县体育运动发展中心");
    expect(r.fields.publisher?.value).toBe("某县教育体育局");
    expect(r.fields.published_date?.value).toBe("2024-05-30");
    expect(r.fields.report_date).toBeNull();
    expect(r.document_kind).toBe("自评报告");
    expect(r.fields.fiscal_year?.value).toBe(2023);
  });
  it("metadata laid out as bullets with values on their own lines is chrome: never the unit, the report date or glued to the title", () => {
    const page = [
      "• 开远市搬迁安置办公室",
      "  • 索引号",
      "    000014348/2018-03642",
      "  • 发布机构",
      "    开远市移民局",
      "  • 文号",
      "  • 发布日期",
      "    2017-09-27",
      "  • 时效性",
      "    有效",
      "开远市移民局2016年部门整体支出绩效自评报告",
      "一、部门基本情况",
    ].join("\n");
    const r = ex(page);
    expect(r.fields.unit_name?.value).toBe("开远市移民局");
    expect(r.fields.publisher?.value).toBe("开远市移民局");
    expect(r.fields.published_date?.value).toBe("2017-09-27");
    expect(r.fields.report_date).toBeNull();
    expect(r.fields.fiscal_year?.value).toBe(2016);
  });
  it("a date in a chrome line is not the report date, even under a label the report uses", () => {
    expect(ex("某局2024年度部门整体支出绩效自评报告\n日期:2025-09-26 12:24\n一、部门概况").fields.report_date).toBeNull();
    expect(ex("某局2024年度部门整体支出绩效自评报告\n日期:2025-09-26\n一、部门概况").fields.report_date?.value).toBe("2025-09-26");
  });
  it("falls back to 来源 for the publisher", () => {
    const lines = [{ start: 0, text: "来源:某市公安局 发布时间:2021-04-30" }];
    expect(findChrome(lines).publisher?.value).toBe("某市公安局");
    expect(findChrome(lines).published?.value).toBe("2021-04-30");
  });
});

describe("unit identity from all its mentions", () => {
  it.each([
    ["门县水利局", "石门县水利局"],
    ["县医保局", "县医疗保障局"],
    ["区人社局", "区人力资源和社会保障局"],
    ["市委政研室", "市委政策研究室"],
    ["岳阳县委宣传部", "中共岳阳县委宣传部"],
    ["县委巡察办", "中共某县委巡察工作领导小组办公室"],
  ])("%s names the same unit as %s", (a, b) => expect(isAlias(a, b)).toBe(true));
  it.each([
    ["县委宣传部", "县委统战部"],
    ["市民政局", "市人民政府办公室"],
    ["政协某市委员会办公室", "中国人民政治协商会议某市委员会"],
  ])("%s is another unit than %s", (a, b) => expect(isAlias(a, b)).toBe(false));
  it("recognises names by structure, never one that starts with a label or a pronoun", () => {
    for (const n of [
      "某县供销合作社联合社",
      "某州红十字会",
      "中共某市委党校",
      "某省人大常委会办公厅",
      "某区动物疫病预防控制中心",
      "某县政协",
      "某县残联",
      "某县工商联",
      "某镇中心幼儿园",
      "某县公安局交警大队",
    ])
      expect(isUnitName(n), n).toBe(true);
    for (const n of ["部门(单位)名称某县文化馆", "单位名称某局", "填报单位某县文化馆", "联系人某局", "我局", "是某州服务中心", "下属单位"])
      expect(isUnitName(n), n).toBe(false);
  });
  it("outputs the fullest form the text supports", () => {
    const r = ex(
      "2023年度县委巡察办整体支出绩效自评报告\n单位名称(盖章):\n一、基本情况\n中共某县委巡察工作领导小组办公室,作为县委巡察工作领导小组的日常办事机构,核定编制8名。",
    );
    expect(r.fields.unit_name?.value).toBe("中共某县委巡察工作领导小组办公室");
  });
  it("reads a cover label whose value is followed by the template's next label", () => {
    expect(val("部门名称:某市城市管理执法委员会 评价单位:某市城市管理执法委员会\n报告日期:2022年8月1日", "unit_name")).toBe(
      "某市城市管理执法委员会",
    );
    expect(val("部門(單位)名稱     某縣委宣傳部          \n預算編碼            105001", "unit_name")).toBe("某縣委宣傳部");
  });
  it("a supervising body or a subordinate unit is not the unit", () => {
    const r = ex("单位名称 | 某县某镇人民政府 |\n主管部门 | 某县人民政府 |\n下属事业单位:某县某镇农业服务中心。");
    expect(r.fields.unit_name?.value).toBe("某县某镇人民政府");
  });
  it("a sentence that starts with the unit names it (以下简称, 为, 成立于)", () => {
    expect(val("一、部门基本情况\n某州红十字会(以下简称“州红十字会”)是州人民政府领导的人道救助团体。", "unit_name")).toBe("某州红十字会");
    expect(val("一、部门概况\n某县供銷合作社聯合社成立於1951年6月,共有編製18人。", "unit_name")).toBe("某县供銷合作社聯合社");
  });
  it("what is inferred from the unit's name points at the mention it was read from, not at its first one", () => {
    const r = ex("一、湘阴县水利局概况\n单位名称:湘阴县水利局\n报告日期:2024年3月1日\n湘阴县水利局主要职责是……");
    expect(r.fields.unit_name?.rule).toBe("unit_name.label");
    expect(r.fields.county?.value).toBe("湘阴县");
    expect(r.fields.county?.evidence.start).toBe(r.fields.unit_name?.evidence.start);
    expect(r.fields.unit_kind?.evidence.start).toBe(r.fields.unit_name?.evidence.start);
  });
  it("in traditional script, the name is output as written and the numbers read", () => {
    const r = ex(
      "火場土家族鄉(xiāng)人民政府2022年度部門整體支出績效自評報(bào)告\n本單位經縣編委核定的編制人數(shù)為65人(其中行政編制30人,事業編制35人)。年末實有人數(shù)50人。",
    );
    expect(r.fields.unit_name?.value).toBe("火場土家族鄉人民政府");
    expect([r.fields.fiscal_year?.value, r.fields.staff_authorized?.value, r.fields.staff_actual?.value]).toEqual([2022, 65, 50]);
  });
});

describe("the field lexicon: composed labels", () => {
  const staff = compile(LEXICON.staff_authorized).whole;
  it.each(["编制数", "编制人数", "人员编制", "核定编制", "核定编制数", "在职人员编制数"])("%s is a label of staff_authorized", (l) =>
    expect(staff.test(l)).toBe(true),
  );
  it.each(["行政编制", "事业编制", "编制办"])("%s is not", (l) => expect(staff.test(l)).toBe(false));
  it.each([
    ["经县委编办核定编制247人,其中局本级25人。", "staff_authorized", 247],
    ["本单位编制人数为65人。", "staff_authorized", 65],
    ["部门在职人员编制23人,其中:行政编制13人,事业编制8人。", "staff_authorized", 23],
    ["核定编制45个,现有职工40人。", "staff_authorized", 45],
    ["机关行政编制35名,设主任1名。", "staff_authorized", 35],
    ["2021年单位在编在岗232人,离退休人员117人。", "staff_actual", 232],
    ["截至年末,实有干部职工120人,其中:在职行政编23名;退休干部职工96人。", "staff_actual", 120],
    ["共有事业编制10名,实际到位7名,退休人员2名。", "staff_actual", 7],
    ["本年实有人数106人(其中:财政拨款在职人员104人,自收自支事业人员2人)。", "staff_actual", 106],
    ["年末实有人数23人,其中:在职人员20人,退休人员3人。", "staff_actual", 23],
    ["核定编制\n17人。", "staff_authorized", 17],
  ])("%s → %s %d", (text, field, want) => expect(val(text, field)).toBe(want));
  it("labels composed in orders no fixture holds: qualifiers in any order and number around a head", () => {
    const perms = (xs: string[]): string[][] =>
      xs.length <= 1 ? [xs] : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
    const heads = ["人数", "人员", "干部职工", "行政人员", "工作人员"];
    let n = 0;
    for (const q of perms(["年末", "实有", "在职", "在编"]))
      for (const h of heads) {
        const label = q.join("") + h;
        expect(val(`某局核定编制45人。${label}为38人。`, "staff_actual"), label).toBe(38);
        expect(val(`某局核定编制45人。${label}为38人。`, "staff_authorized"), label).toBe(45);
        n++;
      }
    expect(n).toBe(120);
    // the establishment, qualified in any order: 编制 or 核定 makes it so
    for (const label of [
      "核定人数",
      "机构编制部门核定人数",
      "核定编制在职人员",
      "实有人员编制",
      "行政事业总编制",
      "核定在职全额编制数",
      "全局核定编制",
    ])
      expect(val(`${label}为51人,实有在职人员49人。`, "staff_authorized"), label).toBe(51);
    // people in post, written with the qualifiers alone
    for (const label of ["在职", "实有", "在职在编", "在职实有", "现在职", "局机关在职"])
      expect(val(`核定编制51人,${label}49人。`, "staff_actual"), label).toBe(49);
  });
  it("a headcount is not one of retired people, of the establishment, or of a subordinate unit", () => {
    expect(val("年末实有退休人员12人。", "staff_actual")).toBeNull();
    expect(val("核定编制在职人员为36人。", "staff_actual")).toBeNull();
    expect(val("机关现有干部职工128人(编制169人)。下属国有林场现有干部职工163人(编制219人)。", "staff_actual")).toBe(128);
    expect(val("机关现有干部职工128人(编制169人)。下属国有林场现有干部职工163人(编制219人)。", "staff_authorized")).toBe(169);
  });
  it("a bare 收入 or 支出 that opens a numbered item before a colon is the unit's total", () => {
    const text =
      "（一）部门整体支出概况\n1、收入:792.22万元。其中:财政拨款收入792.22万元。\n2、支出:799.12万元。其中:人员经费支出434.89万元。";
    expect([val(text, "income_total"), val(text, "expenditure_total")]).toEqual([7922200, 7991200]);
    // not without the item's number and colon
    expect(val("收入792.22万元。", "income_total")).toBeNull();
    expect(val("（一）概况\n1、收入情况良好，792.22万元。", "income_total")).toBeNull();
  });
  it("决算 qualifies 收入 as it does 支出", () => {
    expect(val("2020年部门决算收入4426.19万元,支出4426.19万元,其中基本支出894.38万元。", "income_total")).toBe(44261900);
  });
  it("a 自评表's header cell with its unit, the score run on after it", () => {
    expect(val("1、某局2023年度部门整体绩效自评表主管部门某局自评总分(分)97.93年初预算数全年执行数", "self_score")).toBe(97.93);
  });
  it("决算 qualifies 支出, also alone after the year", () => {
    expect(val("2024年部门年初预算支出5381.80万元。部门决算支出5241.83万元。", "expenditure_total")).toBe(52418300);
    expect(val("2017年度市本级财政预算批复5,657.15万元,2017年度决算为5,657.15万元。", "expenditure_total")).toBe(56571500);
  });
  it("三公's budget: a budget word before or after the term, or the budget it is compared with", () => {
    for (const t of [
      "2021年我局部门预算三公经费总支出28.7万元。",
      "预算安排“三公”经费28.7万元。",
      "“三公”经费财政拨款支出年初预算数为28.7万元。",
      "“三公”经费决算为20万元,比同口径预算安排的28.7万元减少8.7万元。",
    ])
      expect(val(t, "sangong_budget"), t).toBe(287000);
    expect(val("“三公”经费总支出为2.43万,其中公务接待费0.24万。", "sangong_actual")).toBe(24300);
    expect(val("本年度“三公”经费预算安排5万元， 全年实际支出3万元。", "sangong_actual")).toBe(30000);
    expect(val("2021年我局部门预算三公经费总支出28.7万元。", "sangong_actual")).toBeNull();
  });
  it("a score in a form's cell, the clause before it in another cell", () => {
    expect(val("项目名称:\t某县科协整体监控\t项目编码:\t500233\t自评总分:\t99.68\n", "self_score")).toBe(99.68);
    expect(val("一、自评得分情况\n经评价，本单位综合评分为97分。", "self_score")).toBe(97);
    expect(val("完成率均达到100%;部门目标实现率100%,整体绩效自评为优 秀;", "grade")).toBe("优");
  });
  it("a township's government named short (某县某镇政府) is a unit", () => {
    expect(
      ex("岳阳县2021年度部门整体支出绩效评价自评报告\n部门(单位)名称:岳阳县新开镇政府\n一、部门基本概况").fields.unit_name?.value,
    ).toBe("岳阳县新开镇政府");
  });
  it("a score whose label ends a line and whose value starts the next (a PDF's wrap)", () => {
    expect(val("本部门对2017年整体支出开展绩效自评，自评得分\n90 分，存在的问题：一是预算不准。", "self_score")).toBe(90);
  });
  it("several parts and no total give no 编制 (a sum is not what was written)", () => {
    expect(val("局机关行政编制22人,工勤人员编制1人。造价站事业编制12人。", "staff_authorized")).toBeNull();
    expect(val("行政编制5名、事业编制5名、工勤编制2名。", "staff_authorized")).toBeNull();
  });
  it("a cover line with bare numbers, ended by the next template label", () => {
    const r = ex("部门(单位)名称: 某市委老干部局\n人员编制 23 实有人数 21\n");
    expect([r.fields.staff_authorized?.value, r.fields.staff_actual?.value]).toEqual([23, 21]);
  });
  it("parts of income and 年初 budgets are not the unit's income or spending budget", () => {
    const t =
      "(一)收入预算总计10,150.48万元。包括:1.财政拨款收入预算总计10,070.48万元。(2)政府性基金收入预算0万元。3.其他资金收入预算总计80万元。";
    expect(val(t, "income_budget")).toBe(101504800);
    expect(val("2021年部门年初预算支出140204.65万元,其中:基本支出4334.8万元。", "expenditure_budget")).toBeNull();
  });
});

describe("disclosure tables (部门预算/决算公开表)", () => {
  const t = (...rows: string[][]) => rows.map((r) => r.join("\t")).join("\n");
  it("label cell → amount where labels and amounts alternate, with the table's own unit", () => {
    const doc = [
      "收支预算总表",
      t(
        ["部门:某省某厅", "单位:万元"],
        ["项目名称", "金额", "项目名称", "金额"],
        ["一、财政拨款", "1,200.50", "一、基本支出", "800.25"],
        ["收入合计", "1,300.50", "支出合计", "1,300.50"],
      ),
      "财政拨款收支预算总表",
      t(["部门:某省某厅", "单位:万元"], ["项目名称", "金额", "项目名称", "金额"], ["收入合计", "1,200.50", "支出合计", "1,200.50"]),
    ].join("\n");
    const r = ex(doc);
    expect([r.fields.income_budget?.value, r.fields.expenditure_budget?.value, r.fields.basic_expenditure?.value]).toEqual([
      13005000, 13005000, 8002500,
    ]);
    expect(r.fields.income_budget?.rule).toBe("income_budget.table_cell");
    expect(r.fields.unit_name?.value).toBe("某省某厅");
    expect(r.document_kind).toBe("预算");
  });
  it("a 自评表's budget rows: the 全年执行数 column, not the first amount after the label", () => {
    const doc = [
      "部门整体支出绩效自评表",
      t(
        ["金额单位:万元"],
        ["", "年初预算数", "全年预算数", "全年执行数", "执行率"],
        ["年度资金总额", "3,218.40", "4,102.75", "4,011.36", "97.77%"],
        ["其中:基本支出", "1,356.20", "1,408.55", "1,408.55", "100%"],
      ),
    ].join("\n");
    const r = ex(doc);
    expect([r.fields.expenditure_total?.value, r.fields.budget_initial?.value, r.fields.basic_expenditure?.value]).toEqual([
      40113600, 32184000, 14085500,
    ]);
  });
  it("a column's innermost level decides: 公务接待费 > 预算数 is not the amount spent", () => {
    const doc = [
      "“三公”经费支出决算表",
      t(
        ["单位:万元"],
        ["公务接待费", "公务接待费", "因公出国(境)费", "因公出国(境)费"],
        ["预算数", "决算数", "预算数", "决算数"],
        ["0.95", "0.00", "2.00", "1.50"],
      ),
    ].join("\n");
    expect(ex(doc).fields.reception_expense ?? null).toBeNull();
  });
  it("a 三公 table printed without a grid: the figure that its own two sums single out", () => {
    // figures in reading order, some inside header cells, the unit's words split over two cells (as MuPDF reads some PDFs)
    const table = (total: string) =>
      [
        "“三公”经费、会议费、培训费支出预算表",
        t(
          ["部门:某厅", "单位:万"],
          ["", "元"],
          ["合计", "培训费"],
          ["小计833.60", "因公出国(境)费222.50", "公务用车购置及运行维护费", "公务接待费427.50"],
          ["小计183.60", "公务用车购置费0", "公务用车运行维护费183.60"],
          [total, "1,305.25", "403.75"],
        ),
      ].join("\n");
    const r = ex(table("2,542.60"));
    expect(r.fields.sangong_budget?.value).toBe(8336000);
    expect(r.fields.sangong_budget?.rule).toBe("sangong_budget.table_arithmetic");
    expect(r.fields.sangong_budget?.raw).toBe("833.60");
    // 合计 ≠ 三公 + 会议费 + 培训费: the figures are not what they seem, so no value
    expect(ex(table("2,542.70")).fields.sangong_budget ?? null).toBeNull();
  });
  it("without a stated unit a table gives no money", () => {
    expect(
      ex(["收支预算总表", t(["项目名称", "金额", "项目名称", "金额"], ["收入合计", "1,300.50", "支出合计", "1,300.50"])].join("\n")).fields
        .income_budget,
    ).toBeNull();
  });
  it("a 决算 table's 本年收入合计 is the actual income, not a budget", () => {
    const r = ex(["收入支出决算总表", t(["部门:某局", "单位:万元"], ["本年收入合计", "307.82", "本年支出合计", "300.10"])].join("\n"));
    expect([r.fields.income_total?.value, r.fields.expenditure_total?.value, r.fields.income_budget ?? null]).toEqual([
      3078200,
      3001000,
      null,
    ]);
  });
  it("a multi-row header: the column's path (“三公”经费 > 公务用车购置及运行维护费 > 小计) over the row of figures", () => {
    const doc = [
      "“三公”经费、会议费、培训费支出预算表",
      t(
        ["部门:某省某厅", "", "", "", "", "", "单位:万元"],
        ["合计", "“三公”经费", "“三公”经费", "“三公”经费", "“三公”经费", "“三公”经费", "“三公”经费", "会议费", "培训费"],
        [
          "合计",
          "小计",
          "因公出国(境)费",
          "公务用车购置及运行维护费",
          "公务用车购置及运行维护费",
          "公务用车购置及运行维护费",
          "公务接待费",
          "会议费",
          "培训费",
        ],
        ["合计", "小计", "因公出国(境)费", "小计", "公务用车购置费", "公务用车运行维护费", "公务接待费", "会议费", "培训费"],
        ["2,600.71", "767.60", "199.25", "183.60", "", "183.60", "384.75", "1,469.73", "363.38"],
      ),
    ].join("\n");
    const r = ex(doc);
    expect([
      r.fields.sangong_budget?.value,
      r.fields.vehicle_expense?.value,
      r.fields.reception_expense?.value,
      r.fields.sangong_actual ?? null,
    ]).toEqual([7676000, 1836000, 3847500, null]);
  });
});

describe("numbers, dates and clauses as written", () => {
  it.each([
    ["部门整体支出绩效自评得分为 9 5 . 5 分。", "self_score", 95.5],
    ["评价单位:某局\n报告期:2019 -6 - 30", "report_date", "2019-06-30"],
    ["报告时间: 2019年7月17日", "report_date", "2019-07-17"],
    ["报告日期 2022年3月28日\n一、部门概况", "report_date", "2022-03-28"],
    ["评价年度2024\n一、部门概况", "fiscal_year", 2024],
    ["民政部门2022年预算数11,605.29万元,执行数21680.25万元,执行率为100%。", "expenditure_total", 216802500],
    ["2024年决算总收入318.67万元,支出318.48万元。", "expenditure_total", 3184800],
  ])("%s → %s %j", (text, field, want) => expect(val(text, field)).toBe(want));
  it("masked text blocks only the value it masks", () => {
    expect(val("统一社会信用代码11******500643044XR,单位负责人:某某。经县委编办核定编制247人。", "staff_authorized")).toBe(247);
    expect(val("统一社会信用代码11******5006,核定编制247人,实有在职人员**人。", "staff_authorized")).toBe(247);
    expect(val("核定编制247人,实有在职人员**人。", "staff_actual")).toBeNull();
    expect(val("核定编制2**人。", "staff_authorized")).toBeNull();
    expect(val("上海市XX局2024年度核定编制25人。", "staff_authorized")).toBeNull();
  });
  it("a figure in the breakdown of a total is not the total; an adjustment is not the adjusted budget", () => {
    expect(val("部门支出情况。其中,法院执行年初预算数6万元,年末结算支出6万元。", "budget_initial")).toBeNull();
    expect(val("2021年部门年初预算收入140204.65万元,年内调整预算-101251.44万元,决算收入38953.21万元。", "budget_adjusted")).toBeNull();
    expect(val("2021年部门年初预算收入140204.65万元,预算调整为38953.21万元。", "budget_adjusted")).toBe(389532100);
  });
  it("a threshold is not a score", () => {
    expect(val("项目自评结果:自评得分80分以上的12个,70分以下的1个。", "self_score")).toBeNull();
  });
  it("a year-month date does not vote for the fiscal year", () => {
    expect(val("本部门于2024年4月-6月开展评价。全面总结2023年工作,2023年各项任务完成。", "fiscal_year")).toBe(2023);
  });
});

describe("document kind from the report, not from the page", () => {
  it("信息分类: 项目绩效评价 above a 部门整体 report does not make it a project report", () => {
    expect(ex("[ 信息分类 ] 项目绩效评价\n某县水利局2023年度部门整体支出绩效自评报告\n一、部门概况").document_kind).toBe("自评报告");
  });
  it("a disclosure table's title makes a budget", () => {
    expect(ex("收支预算总表\n部门:某省某厅\t单位:万元\n收入\t支出").document_kind).toBe("预算");
  });
  it("a numbered heading is not a title", () => {
    expect(
      ex("一、部门概况\n(一)年初部门预算安排及支出情况\n本单位2021年整体支出绩效目标完成。部门整体支出绩效自评。绩效目标。").document_kind,
    ).toBe("自评报告");
  });
});

describeCli("extract --explain", () => {
  it("lists every candidate with its source and score, marks the chosen one, and names the guard of each rejection", () => {
    const dir = mkdtempSync(join(tmpdir(), "jixiao-explain-"));
    const f = join(dir, "r.txt");
    writeFileSync(
      f,
      "某县水利局2023年度部门整体支出绩效自评报告\n本年实有人数106人(其中:财政拨款在职人员104人)。\n人员编制\n110\n实有人数\n106\n",
    );
    const r = jixiao(["extract", f, "--explain", "staff_actual"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[1]).toMatch(/^staff_actual → 106 {2}\(/);
    expect(lines.some((l) => /✓ 106 .*staff_actual\.(?:sentence|form_cell)/.test(l))).toBe(true);
    expect(lines.some((l) => /✗ staff_actual\.sentence +in the breakdown of a total.*104/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith("staff_authorized"))).toBe(false);
    const bad = jixiao(["extract", f, "--explain", "no_such_field"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('no field named "no_such_field"');
  });
});

describeCli("real reports nobody here wrote (../shared/real-dev)", () => {
  function score(gold: string, files: string[], args: string[]): { p: number; r: number; line: string } {
    const out = join(mkdtempSync(join(tmpdir(), "jixiao-realdev-")), "out.jsonl");
    const r = jixiao(["extract", "--jsonl", ...files]);
    expect(r.code).toBe(0);
    writeFileSync(out, r.stdout);
    const s = spawnSync(process.execPath, [shared("eval", "score.mjs"), gold, out, ...args], { encoding: "utf8" });
    const line = s.stdout.trim().split("\n").pop()!;
    const num = (k: string) => Number(new RegExp(`${k}=([\\d.]+)`).exec(line)![1]);
    return { p: num("precision"), r: num("recall"), line };
  }
  it("report excerpts (--coalesce): precision ≥ 0.97, recall ≥ 0.90", () => {
    const files = readdirSync(shared("real-dev"))
      .filter((f) => /^[ab]\d+\.txt$/.test(f))
      .map((f) => shared("real-dev", f));
    const s = score(shared("real-dev", "gold.jsonl"), files, ["--coalesce"]);
    expect(s.p, s.line).toBeGreaterThanOrEqual(0.97);
    expect(s.r, s.line).toBeGreaterThanOrEqual(0.9);
  });
  it("部门预算 PDFs: precision ≥ 0.97, recall ≥ 0.85", () => {
    const files = readdirSync(shared("real-dev", "budget"))
      .filter((f) => f.endsWith(".pdf"))
      .map((f) => shared("real-dev", "budget", f));
    const s = score(shared("real-dev", "budget", "gold.jsonl"), files, []);
    expect(s.p, s.line).toBeGreaterThanOrEqual(0.97);
    expect(s.r, s.line).toBeGreaterThanOrEqual(0.85);
  }, 60_000);
});

describe("explainLines, in process", () => {
  const doc = docOf(
    "某县水利局2023年度部门整体支出绩效自评报告\n本年实有人数106人(其中:财政拨款在职人员104人)。\n人员编制\n110\n实有人数\n106\n综合评价为良好。自评得分92分。\n",
  );
  it("one field: its value, candidates best first with the chosen one marked, each rejection with its guard", () => {
    const lines = explainLines(doc, "staff_actual");
    expect(lines[0]).toBe("staff_actual → 106  (staff_actual.form_cell, 0.9)");
    expect(lines[1]).toBe(
      "  ✓ 106            0.90  staff_actual.form_cell             …人员编制 110 实有人数[106]综合评价为良好。自评得分9…",
    );
    expect(lines.slice(2, 4).map((l) => l.slice(0, 28))).toEqual(["    106            0.85  sta", "    106            0.85  sta"]);
    expect(lines[4]).toBe(
      "  ✗ staff_actual.sentence              in the breakdown of a total (其中, 含, an open parenthesis): …中:财政拨款[在职人员104人])。 人员编…",
    );
    // the score–grade flag is not this field's
    expect(lines).toHaveLength(5);
  });
  it("every field with a value or a candidate, in the catalog's order, then the flags", () => {
    const lines = explainLines(doc);
    expect(lines.filter((l) => / → /.test(l)).map((l) => l.split(" ")[0])).toEqual([
      "document_kind",
      "unit_name",
      "fiscal_year",
      "self_score",
      "grade",
      "staff_authorized",
      "staff_actual",
      "unit_kind",
    ]);
    expect(lines).toContain("  ✓ 良              0.85  grade.rated_as                     …实有人数 106 综合评价为[良好]。自评得分92分。");
    expect(lines).toContain(
      "  ✓ 自评报告           0.90  document_kind.title                [某县水利局2023年度部门整体支出绩效自评报告]本年实有人数106人(其中…",
    );
    expect(lines.at(-1)).toBe("! score_grade_mismatch: score 92 falls in band 优, but the report gives grade 良");
  });
  it("a field asked for says why it is empty: no candidate, no single best one, or emptied for the document's kind", () => {
    expect(explainLines(doc, "sangong_budget")).toEqual(["sangong_budget → — (no candidate)"]);
    const tie = explainLines(
      docOf("某县水利局2023年度部门整体支出绩效自评报告\n部门整体支出绩效自评得分92分。\n另，部门整体支出绩效自评得分85分。\n"),
      "self_score",
    );
    expect(tie[0]).toBe("self_score → — (no single best candidate; see the flags)");
    expect(tie.at(-1)).toBe("! conflicting_candidates: self_score: 2 equally supported values (92, 85); left empty");
    const notice = explainLines(docOf("关于开展2023年度部门整体支出绩效自评工作的通知\n各单位：自评得分92分的单位……\n"), "self_score");
    expect(notice[0]).toBe("self_score → — (emptied: the document's kind carries no such field)");
    expect(notice[1]).toMatch(/^ {2}✓ 92 /);
  });
});

describe("complete budget documents", () => {
  const onPage = (page: number, rows: string[][]): Block => ({
    kind: "table",
    page,
    rows: rows.map((r) => r.map((text) => ({ text, colspan: 1, rowspan: 1 }))),
  });
  const p = (text: string, page: number): Block => ({ kind: "paragraph", text, page });
  const head = [
    ["项目", "项目", "项目", "项目", "支出预算", "支出预算", "支出预算"],
    ["功能分类科目编码", "功能分类科目编码", "功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出"],
    ["类", "款", "项", "功能分类科目名称", "合计", "基本支出", "项目支出"],
  ];
  const budget = (extra: Block[] = []) =>
    extractFields({
      format: "pdf",
      pages: 4,
      engine: "test",
      messages: [],
      blocks: [
        p("上海市某区2026年区级部门预算", 1),
        p("预算主管部门：某区司法局", 1),
        p("比2025年预算执行数增加2%。2025年预算执行数为1690.69万元。", 1),
        p("2026年部门支出预算总表", 2),
        p("编制部门：某区司法局\t单位：元", 2),
        onPage(2, [...head, ["204", "", "", "公共安全支出", "87,267,272.44", "16,726,725.44", "70,540,547.00"]]),
        onPage(3, [["208", "", "", "社会保障和就业支出", "9,014,941.00", "9,014,941.00", "0.00"]]),
        onPage(4, [["合计", "96,282,213.44", "25,741,666.44", "70,540,547.00"]]),
        ...extra,
      ],
    }).fields;
  it("基本支出 and 项目支出 from the 合计 row of the 支出预算总表, over its pages; the year from the title", () => {
    const f = budget();
    expect([f.fiscal_year?.value, f.basic_expenditure?.exact, f.project_expenditure?.exact]).toEqual([2026, "25741666.44", "70540547"]);
    expect(f.basic_expenditure?.evidence.page).toBe(4);
  });
  it("not from a table of one fund's spending (一般公共预算支出功能分类预算表)", () => {
    const f = budget([
      p("2026年部门一般公共预算支出功能分类预算表", 4),
      p("编制部门：某区司法局\t单位：元", 4),
      onPage(4, [...head.slice(1), ["合计", "合计", "合计", "合计", "90,000,000.00", "20,000,000.00", "70,000,000.00"]]),
    ]);
    expect(f.basic_expenditure?.exact).toBe("25741666.44");
  });
  it("a budget states targets: no satisfaction, score or grade is read from it", () => {
    const f = budget([p("服务对象满意度达到95%，自评得分90分，评价等级为优。", 4)]);
    expect([f.satisfaction, f.self_score, f.grade]).toEqual([null, null, null]);
    expect(f.document_kind?.value).toBe("预算");
  });
});
