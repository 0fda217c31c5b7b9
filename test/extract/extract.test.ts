import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOG, type FieldDef } from "../../src/extract/catalog.js";
import { buildContext, extractDocument, extractFields, extractionOrder } from "../../src/extract/extract.js";
import { readDocument } from "../../src/extract/read.js";
import type { FunctionRule } from "../../src/extract/rules.js";
import type { Block, DocModel } from "../../src/model.js";
import { FIXTURES, ROOT, shared } from "../helpers.js";
import { describeCli, itCli, jixiao } from "../run.js";
import { textDoc } from "./build.js";

/** Extracts with the CLI and scores with the shared scorer; returns its last line. */
function score(gold: string, files: string[], minP: number, minR: number): string {
  const out = join(mkdtempSync(join(tmpdir(), "jixiao-")), "out.jsonl");
  const r = jixiao(["extract", "--jsonl", ...files]);
  expect(r.code).toBe(0);
  writeFileSync(out, r.stdout);
  const s = spawnSync(
    process.execPath,
    [shared("eval", "score.mjs"), gold, out, "--min-precision", String(minP), "--min-recall", String(minR)],
    { encoding: "utf8" },
  );
  const last = s.stdout.trim().split("\n").pop()!;
  expect(s.status, s.stdout).toBe(0);
  return last;
}
const dir = (...p: string[]) => readdirSync(join(FIXTURES, ...p)).map((f) => join(FIXTURES, ...p, f));

describeCli("end to end: the seed score", () => {
  it("seeds as text: precision 1.0, recall ≥ 0.95", () => {
    const seeds = readdirSync(shared("seeds")).map((f) => shared("seeds", f));
    expect(score(shared("gold", "seeds.jsonl"), seeds, 1.0, 0.95)).toContain("precision=1.000");
  });
  it.each(["docx", "pdf", "pdf-cid", "doc", "html"])("seeds as %s: precision ≥ 0.98, recall ≥ 0.90", (kind) => {
    score(shared("gold", "seeds.jsonl"), dir("reports", "seeds-as", kind), 0.98, 0.9);
  });
  it.each(["txt", "docx", "pdf", "pdf-cid", "doc", "html"])("own variants as %s: precision ≥ 0.98, recall ≥ 0.90", (kind) => {
    score(join(ROOT, "fixtures", "gold", "variants.jsonl"), dir("reports", "variants", kind), 0.98, 0.9);
  });
  it("the generated labelled set (30 documents, scripts/make-labelled.mjs): precision ≥ 0.98, recall ≥ 0.95", () => {
    score(join(ROOT, "fixtures", "gold", "labelled.jsonl"), dir("src", "labelled"), 0.98, 0.95);
  });
  it.each(["pdf", "docx"])("the generated labelled set as %s: precision ≥ 0.98, recall ≥ 0.95", (kind) => {
    score(join(ROOT, "fixtures", "gold", "labelled.jsonl"), dir("labelled-as", kind), 0.98, 0.95);
  });
  it("real 部门决算 PDFs: document kind and figures", () => {
    const files = readdirSync(shared("realpdf"))
      .filter((f) => f.endsWith(".pdf"))
      .map((f) => shared("realpdf", f));
    score(shared("gold", "realpdf.jsonl"), files, 0.98, 0.9);
  });
});

const docOf = textDoc;
const fieldsOf = (text: string) => extractFields(docOf(text));

describe("document kind", () => {
  itCli("every bundled report in every format gets its kind: self-evaluation, one project's, or a notice", () => {
    const gold = new Map(
      readFileSync(join(ROOT, "fixtures", "gold", "variants.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l))
        .map((g) => [g.file.replace(/\.txt$/, ""), g.document_kind]),
    );
    const files = ["seeds", "seeds-as/docx", "seeds-as/pdf", "seeds-as/pdf-cid", "variants/txt", "variants/pdf"].flatMap((d) =>
      dir("reports", ...d.split("/")),
    );
    const r = jixiao(["extract", "--jsonl", ...files]);
    const recs = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(recs).toHaveLength(files.length);
    for (const rec of recs) {
      const stem = rec.file
        .split("/")
        .pop()
        .replace(/\.[^.]+$/, "");
      expect(rec.document_kind, rec.file).toBe(gold.get(stem) ?? "自评报告");
    }
    expect(new Set(recs.map((x) => x.document_kind))).toEqual(new Set(["自评报告", "项目自评", "其他"]));
  });
});

describe("evidence", () => {
  itCli("points at the raw text, page and section of every value", async () => {
    const file = join(FIXTURES, "reports", "seeds-as", "pdf", "002_ead4207e0aef5641.pdf");
    const r = jixiao(["extract", "--jsonl", file]);
    const rec = JSON.parse(r.stdout);
    const text = jixiao(["text", file]).stdout;
    for (const [name, f] of Object.entries(rec.fields) as Array<
      [string, { raw: string; evidence: { start: number; end: number; page: number; section: string; text: string } } | null]
    >) {
      if (!f || name === "document_kind") continue;
      expect(text.slice(f.evidence.start, f.evidence.end), name).toBe(f.raw);
      expect(f.evidence.page, name).toBeGreaterThanOrEqual(1);
      expect(f.evidence.text.replace(/\s/g, ""), name).toContain(f.raw.replace(/\s/g, ""));
    }
    expect(rec.fields.basic_expenditure.evidence.section).toBe("一、部门基本情况 > （三）部门整体支出情况");
  });
});

describe("rules: context decides", () => {
  it("corrects a 元 figure that the report gives in 万元 elsewhere, and flags it (seed 002)", async () => {
    const d = await readDocument(readFileSync(shared("seeds", "002_ead4207e0aef5641.txt")));
    const r = extractFields(d);
    expect(r.fields.expenditure_total?.value).toBe(396220400);
    expect(r.fields.expenditure_total?.raw).toBe("39622.04元");
    expect(r.flags.find((f) => f.code === "unit_corrected")?.fields).toEqual(["expenditure_total"]);
  });
  it("a figure under 存在问题 or in a project section is not the unit's total", () => {
    const r = fieldsOf(
      "一、部门整体支出情况\n本年度部门整体支出绩效良好。\n二、项目支出绩效情况\n全年支出500万元。\n三、存在的问题\n全年支出超出计划120万元。\n",
    );
    expect(r.fields.expenditure_total).toBeNull();
  });
  it("a project's score before the unit's score is not the unit's score", () => {
    const r = fieldsOf("其中，农村公路项目自评得分85分。部门整体支出绩效自评得分为93.5分，等级为优秀。");
    expect(r.fields.self_score?.value).toBe(93.5);
    expect(r.fields.grade?.value).toBe("优");
    expect(r.fields.grade?.raw).toBe("优秀");
  });
  it("良好 as an adjective is not a grade", () => {
    expect(fieldsOf("管理效率总体良好，各项任务开展顺利。自评总得分为 97.82 分。").fields.grade).toBeNull();
  });
  it("a budget figure is not an actual one (三公 budget sentence)", () => {
    const r = fieldsOf(
      "2024年“三公经费”预算控制数为30万元，为公务接待费30万元。\n2024年“三公“经费总额为18.25万元，为公务接待费18.25万元。",
    );
    expect(r.fields.sangong_budget?.value).toBe(300000);
    expect(r.fields.sangong_actual?.value).toBe(182500);
    expect(r.fields.reception_expense?.value).toBe(182500);
  });
  it("a target is not an achievement; a qualified figure loses to an exact one", () => {
    const r = fieldsOf("满意度指标为群众满意度，年度目标值为80%或以上，群众满意度为89.15%。服务对象满意度均达到90%以上。");
    expect(r.fields.satisfaction?.value).toBe(0.8915);
  });
  it("equally good candidates that disagree give no value and a flag", () => {
    const r = fieldsOf("本单位编制人数为20人。\n另据统计，编制人数为25人。");
    expect(r.fields.staff_authorized).toBeNull();
    expect(r.flags.some((f) => f.code === "conflicting_candidates" && f.fields[0] === "staff_authorized")).toBe(true);
  });
  it("reads full-width digits, Chinese numerals and spaced numbers", () => {
    const r = fieldsOf("我街道2022年度自评得分：９２．５分。核定编制三十八名，实有人数 35 人。本部门收入预算 1,956.58 万元。");
    expect(r.fields.self_score?.value).toBe(92.5);
    expect(r.fields.staff_authorized?.value).toBe(38);
    expect(r.fields.staff_actual?.value).toBe(35);
    expect(r.fields.income_budget?.value).toBe(19565800);
    expect(r.fields.income_budget?.exact).toBe("19565800");
  });
  it("flags a score that contradicts its grade", () => {
    const r = fieldsOf("部门整体支出绩效自评得分为72分，评价等级为优秀。");
    expect(r.flags.map((f) => f.code)).toContain("score_grade_mismatch");
  });
  it("flags parts that do not add up", () => {
    const r = fieldsOf("全年支出合计1000万元，其中基本支出300万元，项目支出500万元。");
    expect(r.flags.find((f) => f.code === "parts_do_not_add_up")?.fields).toEqual([
      "expenditure_total",
      "basic_expenditure",
      "project_expenditure",
    ]);
  });
  it("ignores blank-template placeholders", () => {
    expect(fieldsOf("上海市XX局2024年度无“三公”经费财政拨款支出。").fields.sangong_actual).toBeNull();
    expect(fieldsOf("上海市财政局2024年度无“三公”经费财政拨款支出。").fields.sangong_actual?.value).toBe(0);
  });
});

describe("score table (自评表)", () => {
  it.each([
    "seeds/003_cfc37400837c5c83.txt",
    "seeds-as/docx/003_cfc37400837c5c83.docx",
    "seeds-as/pdf/003_cfc37400837c5c83.pdf",
    "seeds-as/pdf-cid/003_cfc37400837c5c83.pdf",
    "seeds-as/doc/003_cfc37400837c5c83.doc",
    "seeds-as/html/003_cfc37400837c5c83.html",
  ])("%s: 20 indicator rows, and the table of another county and year is flagged", async (f) => {
    // in process (not through the CLI), so that the mutation run sees the score table's code
    const rec = extractFields(await readDocument(readFileSync(join(FIXTURES, "reports", f))));
    expect(rec.indicators).toHaveLength(20);
    expect(rec.indicators[0]).toEqual({
      level1: "部门管理",
      level2: "资金投入",
      level3: "基本支出预算执行率",
      target: "100%",
      actual: "100",
      unit: "%",
      weight: 2,
      score: 2,
      reason: null,
    });
    // the table's own rows add up to 83.8, not to its 总分 of 91.93: that is the report's arithmetic, flagged
    expect(rec.indicators.reduce((s, i) => s + (i.score ?? 0), 0)).toBeCloseTo(83.8, 6);
    expect(rec.flags.find((x) => x.code === "foreign_table")?.message).toMatch(/2021/);
    expect(rec.flags.find((x) => x.code === "parts_do_not_add_up" && x.fields[0] === "score_table")).toMatchObject({
      total: 91.93,
      sum: 83.8,
    });
  });
  it("the 总分 row of the report's own table gives the score", () => {
    const text =
      "某县文化和旅游局2023年度部门整体支出绩效自评报告\n一级指标\t二级指标\t三级指标\t分值\t得分\n产出\t数量\t完成率\t20\t18\n效益\t社会\t满意度\t10\t9.5\n总分\t\t\t100\t88.5\n";
    const r = fieldsOf(text);
    expect(r.indicators).toHaveLength(2);
    expect(r.fields.self_score?.value).toBe(88.5);
    expect(r.fields.self_score?.rule).toBe("self_score.score_table_total");
    expect(r.flags.map((f) => f.code)).not.toContain("foreign_table");
  });
});

describe("written forms of the core fields", () => {
  const cases: Array<[string, string, unknown]> = [
    ["本单位2023年度部门整体支出自评综合得分为93.6分。", "self_score", 93.6],
    ["自评结果：得分95分，等级为优。", "self_score", 95],
    ["自评结果：得分95分，等级为优。", "grade", "优"],
    ["部门整体支出绩效等级评定为“良好”。", "grade", "良"],
    ["评价结果为优秀等次。", "grade", "优"],
    ["本年度部门预算收入总计5,000.00万元。", "income_budget", 50000000],
    ["2023年度收入决算数为1,234.56万元。", "income_total", 12345600],
    ["本年支出决算总计987.65万元，其中基本支出500万元。", "expenditure_total", 9876500],
    ["核定人员编制35名，现有在职人员32名。", "staff_authorized", 35],
    ["核定人员编制35名，现有在职人员32名。", "staff_actual", 32],
    ["“三公”经费决算数为3.2万元。", "sangong_actual", 32000],
    ["“三公”经费支出共计6.8万元。", "sangong_actual", 68000],
    ["公务用车购置及运行费4.1万元。", "vehicle_expense", 41000],
    ["群众满意率达到95%。", "satisfaction", 0.95],
    ["年末结转结余率为3.5%。", "carryover_rate", 0.035],
    ["部门整体支出绩效自评得分：95。", "self_score", 95],
    ["经评价，综合评价为“优”。", "grade", "优"],
    ["填报单位（盖章）：麻阳苗族自治县水利局", "unit_name", "麻阳苗族自治县水利局"],
    ["报告日期：2024.04.08", "report_date", "2024-04-08"],
    ["评价年度：二〇二三年度", "fiscal_year", 2023],
  ];
  it.each(cases)("%s → %s = %j", (text, field, want) => {
    expect(fieldsOf(text).fields[field]?.value ?? null).toEqual(want);
  });
  it.each([
    ["三公经费支出比上年减少2.1万元。", "sangong_actual"],
    ["其中，农村公路项目自评得分85分。", "self_score"],
    ["获评优秀等次。", "grade"],
    ["年度目标值为90%以上。", "satisfaction"],
    ["行政编制36人，事业编制40人。", "staff_authorized"],
    ["2024年3月", "report_date"],
    ["农村居民人均全年收入12,000元。", "income_total"],
    ["村级全年支出35万元。", "expenditure_total"],
    ["在全县年度考核中综合得分95分，排名第一。", "self_score"],
    ["干部年度考核等级为优秀。", "grade"],
    ["自评得分：95万元", "self_score"],
    ["自评得分为2024年度最高", "self_score"],
    ["一般公共预算财政拨款收入11256.48万元，一般公共预算支出11256.48万元。", "expenditure_total"],
  ])("%s gives no %s", (text, field) => {
    expect(fieldsOf(text).fields[field] ?? null).toBeNull();
  });
});

describe("fields beyond the seeds' gold", () => {
  it("unit kind, document number, execution rate, spending parts", () => {
    const r = fieldsOf(
      "合水县吉岷镇人民政府\n吉政函字〔2025〕31号\n吉岷镇人民政府2024年度预算执行情况绩效自评报告\n2024年部门预算执行率为98.3%。人员经费860.5万元，公用经费120.3万元，日常公用经费95.2万元，因公出国（境）费0万元。其中项目支出预算执行率为90%。",
    );
    expect(r.fields.unit_kind?.value).toBe("township");
    expect(r.fields.doc_number?.value).toBe("吉政函字〔2025〕31号");
    expect(r.fields.execution_rate?.value).toBe(0.983);
    expect(r.fields.personnel_expense?.value).toBe(8605000);
    expect(r.fields.public_expense?.value).toBe(1203000);
    expect(r.fields.daily_public_expense?.value).toBe(952000);
    expect(r.fields.overseas_travel_expense?.value).toBe(0);
  });
  it.each([
    ["深圳市龙岗区布吉街道办事处", "sub_district"],
    ["南漳县卫生健康局", "department"],
    ["宁乡市妇女联合会", "department"],
    ["陇西县碧岩镇人民政府", "township"],
  ])("unit kind of %s is %s", (name, kind) => {
    expect(fieldsOf(`${name}2023年度部门整体支出绩效自评报告\n自评得分90分。`).fields.unit_kind?.value).toBe(kind);
  });
  it("problems and measures, as written; null when the report says 无", () => {
    const r = fieldsOf(
      "一、基本情况\n正文。\n二、存在的问题\n部分项目资金支出进度偏慢，绩效目标不够细化。\n三、改进措施\n加快支出进度。\n某县审计局\n2025年5月20日\n",
    );
    expect(r.fields.problems?.value).toBe("部分项目资金支出进度偏慢，绩效目标不够细化。");
    expect(r.fields.measures?.value).toBe("加快支出进度。");
    const none = fieldsOf("（五）存在问题\n无。\n（六）改进措施\n无。\n");
    expect(none.fields.problems).toBeNull();
    expect(none.fields.measures).toBeNull();
    const inline = fieldsOf("四、存在问题和改进措施\n（一）存在问题：绩效目标编制还不够科学。\n（二）改进措施：加强业务培训。\n");
    expect(inline.fields.problems?.value).toBe("绩效目标编制还不够科学。");
    expect(inline.fields.measures?.value).toBe("加强业务培训。");
  });
});

describe("spending classes, fund incomes and project counts", () => {
  it("reads the unit's totals, not the parts under 基本支出 (seed 001)", async () => {
    const r = extractFields(await readDocument(readFileSync(shared("seeds", "001_7677739c59076178.txt"))));
    expect(r.fields.wage_welfare_expense?.value).toBe(11428900);
    expect(r.fields.goods_services_expense?.value).toBe(8680700);
    expect(r.fields.household_subsidy_expense?.value).toBe(4194200);
    expect(r.fields.capital_expense?.value).toBe(3690000);
  });
  it("fund incomes (seed 004) and the number of projects (seed 003)", async () => {
    const r4 = extractFields(await readDocument(readFileSync(shared("seeds", "004_70a4941c04d84bdd.txt"))));
    expect(r4.fields.general_budget_income?.value).toBe(112564800);
    expect(r4.fields.gov_fund_income?.value).toBe(5425400);
    expect(r4.fields.gov_fund_expenditure?.value).toBe(5425400);
    const r3 = extractFields(await readDocument(readFileSync(shared("seeds", "003_cfc37400837c5c83.txt"))));
    expect(r3.fields.project_count).toMatchObject({ value: 21, unit: "个" });
  });
});

describe("year-on-year changes, staff splits, deductions", () => {
  it("signed changes: 减少/下降 are negative (seed 000)", async () => {
    const r = extractFields(await readDocument(readFileSync(shared("seeds", "000_02982db791a3379a.txt"))));
    expect(r.fields.income_change).toMatchObject({ value: -1293100, raw: "减少129.31万元" });
    expect(r.fields.income_change_rate).toMatchObject({ value: -0.062, raw: "下降6.2%" });
    expect(r.fields.expenditure_change?.value).toBe(-1293100);
    const up = fieldsOf("2023年部门支出合计3,200.00万元，较上年增加150.5万元，增长4.9%。");
    expect(up.fields.expenditure_change?.value).toBe(1505000);
    expect(up.fields.expenditure_change_rate?.value).toBe(0.049);
    expect(fieldsOf("三公经费支出比上年减少1.06万元。").fields.expenditure_change).toBeNull();
  });
  it("administrative and institution posts, and a stated deduction (seed 001)", async () => {
    const r = extractFields(await readDocument(readFileSync(shared("seeds", "001_7677739c59076178.txt"))));
    expect(r.fields.staff_admin?.value).toBe(36);
    expect(r.fields.staff_institution?.value).toBe(40);
    expect(r.fields.deductions?.value).toBe(4);
  });
});

describe("unit names as titles write them", () => {
  it.each([
    ["中共桃江县委组织部2023年度部门整体支出绩效自评报告", "中共桃江县委组织部"],
    ["桃江县人民政府办公室2023年度部门整体支出绩效自评报告", "桃江县人民政府办公室"],
    ["共青团桃江县委员会2023年度部门整体支出绩效自评报告", "共青团桃江县委员会"],
    ["桃江县住房和城乡建设局（本级）2023年度部门整体支出绩效自评报告", "桃江县住房和城乡建设局"],
    ["2023年度桃江县财政局部门整体支出绩效自评报告", "桃江县财政局"],
    ["关于桃江县教育局2023年度部门整体支出绩效自评的报告", "桃江县教育局"],
    ["部门整体支出绩效自评报告\n（2023年度）\n桃江县民政局", "桃江县民政局"],
    ["桃江县桃花江镇2023年度整体支出绩效自评报告", "桃江县桃花江镇人民政府"],
  ])("%s → %s", (title, unit) => {
    const r = fieldsOf(`${title}\n正文。`);
    expect(r.fields.unit_name?.value).toBe(unit);
    expect(r.fields.fiscal_year?.value).toBe(2023);
  });
});

describe("fields that need other fields", () => {
  const field = (name: string, rules: FieldDef["rules"], needs?: string[]): FieldDef => ({
    name,
    label: name,
    kind: "text",
    column: name,
    rules,
    needs,
  });
  const said =
    (value: string): FunctionRule =>
    (ctx) => {
      const at = ctx.folded.text.indexOf(value);
      return at < 0 ? [] : [{ value, unit: "", confidence: 0.9, rule: `said.${value}`, start: at, end: at + value.length }];
    };
  const doc = docOf("甲乙丙");

  it("the catalog's order, each field after those it needs", () => {
    const order = extractionOrder(CATALOG).map((d) => d.name);
    expect(order).toHaveLength(CATALOG.length);
    for (const d of CATALOG)
      for (const n of d.needs ?? []) expect(order.indexOf(n), `${d.name} after ${n}`).toBeLessThan(order.indexOf(d.name));
    // fields that need nothing keep the catalog's order
    const free = CATALOG.filter((d) => !d.needs?.length).map((d) => d.name);
    expect(order.filter((n) => free.includes(n))).toEqual(free);
    expect(order.indexOf("unit_kind")).toBeGreaterThan(order.indexOf("unit_name"));
    expect(order.indexOf("self_score")).toBeGreaterThan(order.indexOf("fiscal_year"));
  });
  it("a field listed before the field it needs is extracted after it, and output in the catalog's order", () => {
    const catalog = [
      field("b", [(ctx) => [{ ...ctx.chosen("a")!, value: `after ${ctx.chosen("a")?.value}`, rule: "b.from_a" }]], ["a"]),
      field("a", [said("乙")]),
    ];
    expect(extractionOrder(catalog).map((d) => d.name)).toEqual(["a", "b"]);
    const r = extractFields(doc, { catalog });
    expect(Object.keys(r.fields)).toEqual(["b", "a"]);
    expect(r.fields.b?.value).toBe("after 乙");
    expect(r.fields.b?.evidence.start).toBe(1);
  });
  it("a need that was not found reads as null", () => {
    const catalog = [field("a", [said("丁")]), field("b", [(ctx) => (ctx.chosen("a") ? [] : said("甲")(ctx))], ["a"])];
    expect(extractFields(doc, { catalog }).fields.b?.value).toBe("甲");
  });
  it("reading a field without declaring it throws, naming both", () => {
    const catalog = [field("a", [said("乙")]), field("b", [(ctx) => (ctx.chosen("a") ? [] : [])])];
    expect(() => extractFields(doc, { catalog })).toThrow("field b reads a without declaring it in its needs");
  });
  it("a need that is no field, and fields that need each other, are refused", () => {
    expect(() => extractionOrder([field("a", [], ["zz"])])).toThrow("field a needs zz, which is no field of the catalog");
    expect(() => extractionOrder([field("x", []), field("a", [], ["b"]), field("b", [], ["a"])])).toThrow(
      "fields that need each other: a, b",
    );
  });
});

describe("tables of another unit, in traditional script", () => {
  const budget = (heading: string) =>
    fieldsOf(
      `某縣文化和旅遊局2023年度部門整體支出績效自評報告\n评价单位：某縣文化和旅遊局\n${heading}\n单位：万元\n项目\t年初预算数\t全年预算数\t全年执行数\n年度资金总额\t100\t120\t110\n`,
    );
  it("a budget table headed with the report's own unit in traditional characters is its own", () => {
    const r = budget("某縣文化和旅遊局2023年度部門整體支出績效自評表");
    expect(r.fields.unit_name?.value).toBe("某縣文化和旅遊局");
    expect(r.fields.budget_initial?.value).toBe(1000000);
    expect(r.fields.expenditure_total?.value).toBe(1100000);
  });
  it("one headed with another unit is not", () => {
    const r = budget("某縣教育局2023年度部門整體支出績效自評表");
    expect(r.fields.unit_name?.value).toBe("某縣文化和旅遊局");
    expect(r.fields.budget_initial).toBeNull();
  });
  it("a 自评表 headed with the report's own unit in traditional characters gives the score", () => {
    const r = fieldsOf(
      "某縣文化和旅遊局2023年度部門整體支出績效自評報告\n某縣文化和旅遊局2023年度績效自評表\n一级指标\t二级指标\t三级指标\t分值\t得分\n产出\t数量\t完成率\t20\t18\n总分\t\t\t100\t88.5\n",
    );
    expect(r.flags.map((f) => f.code)).not.toContain("foreign_table");
    expect(r.fields.self_score?.value).toBe(88.5);
  });
});

describe("the engine, on small catalogs", () => {
  const field = (name: string, rules: FieldDef["rules"], more: Partial<FieldDef> = {}): FieldDef => ({
    name,
    label: name,
    kind: "text",
    column: name,
    rules,
    ...more,
  });
  /** a rule that finds `value` wherever the folded text has it */
  const found =
    (value: string, confidence = 0.9, as: number | string = value, extra: object = {}): FunctionRule =>
    (ctx) =>
      [...ctx.folded.text.matchAll(new RegExp(value, "g"))].map((m) => ({
        value: as,
        unit: "",
        confidence,
        rule: `found.${value}`,
        start: m.index,
        end: m.index + value.length,
        ...extra,
      }));
  const CHROME = "发布机构：某县财政局\n发布时间：2024-03-05\n";

  it("a candidate in the page's chrome is dropped (with its reason under explain), unless the field reads the chrome", () => {
    const doc = docOf(`${CHROME}正文说某县财政局。`);
    const catalog = [field("a", [found("某县财政局")]), field("b", [found("某县财政局", 0.9, "x")], { fromChrome: true })];
    const r = extractFields(doc, { catalog, explain: true });
    expect(r.fields.a?.evidence.text).toContain("正文说");
    expect(r.fields.b?.evidence.text).toContain("发布机构");
    const a = r.explain!.get("a")!;
    expect(a.candidates).toHaveLength(1);
    expect(a.rejected.map((x) => x.guard)).toEqual(["in the page's chrome (publication metadata, banner)"]);
    expect(a.chosen?.start).toBe(r.context.folded.text.indexOf("正文说") + 3);
    expect(r.explain!.get("b")!.rejected).toEqual([]);
    // an empty span is never in the chrome
    const empty = extractFields(docOf(`${CHROME}正文。`), {
      catalog: [field("c", [(_ctx) => [{ value: "v", unit: "", confidence: 1, rule: "r", start: 0, end: 0 }]])],
    });
    expect(empty.fields.c?.value).toBe("v");
  });
  it("no explain: no map, no trace", () => {
    const r = extractFields(docOf("甲乙"), { catalog: [field("a", [found("甲")])] });
    expect(r.explain).toBeUndefined();
    expect(r.context.trace).toBeUndefined();
  });
  it("a money value written in 元 that the text gives in 万元 is corrected, flagged once per field", () => {
    const money = (ctx: Parameters<FunctionRule>[0]) =>
      [...ctx.folded.text.matchAll(/39622\.04元/g)].map((m) => ({
        value: 39622.04,
        exact: "39622.04",
        unit: "元",
        confidence: 0.9,
        rule: "m",
        start: m.index,
        end: m.index + 8,
        numberText: "39622.04",
        writtenUnit: "元",
      }));
    const doc = docOf("预算数39622.04万元。支出39622.04元，又支出39622.04元。");
    const r = extractFields(doc, { catalog: [field("spent", [money], { kind: "money" }), field("said", [money])] });
    expect(r.fields.spent).toMatchObject({ value: 396220400, rule: "m+unit_corrected" });
    expect(r.flags.filter((f) => f.code === "unit_corrected").map((f) => f.fields[0])).toEqual(["spent"]);
    // a text field is not corrected
    expect(r.fields.said).toMatchObject({ value: 39622.04, rule: "m" });
  });
  it("a unit_corrected flag is dropped when another candidate was chosen", () => {
    const money: FunctionRule = (ctx) => {
      const at = ctx.folded.text.indexOf("39622.04元");
      const c = { unit: "元", rule: "m", start: at, end: at + 8, numberText: "39622.04", writtenUnit: "元" };
      return [{ ...c, value: 39622.04, exact: "39622.04", confidence: 0.5 }];
    };
    const doc = docOf("预算数39622.04万元。支出39622.04元。实际支出100元。");
    const r = extractFields(doc, { catalog: [field("spent", [money, found("100元", 0.95, 100)], { kind: "money" })] });
    expect(r.fields.spent?.value).toBe(100);
    expect(r.flags).toEqual([]);
  });
  it("a value read by OCR is less certain", () => {
    const blocks: Block[] = [
      { kind: "paragraph", text: "甲方", page: 1 },
      { kind: "paragraph", text: "乙方", page: 1, ocr: true },
    ];
    const doc: DocModel = { format: "pdf", pages: 1, engine: "test", messages: [], blocks };
    const r = extractFields(doc, { catalog: [field("a", [found("甲方", 0.9)]), field("b", [found("乙方", 0.9)])] });
    expect(r.fields.a).toMatchObject({ confidence: 0.9, rule: "found.甲方" });
    expect(r.fields.b).toMatchObject({ confidence: 0.63, rule: "found.乙方+ocr" });
  });
  it("a notice keeps only the fields a notice can carry; a kind that is only the default keeps all", () => {
    const catalog = [
      field("document_kind", [found("通知", 0.9, "其他")]),
      field("unit_name", [found("某县水利局")]),
      field("publisher", [found("某县水利局")]),
    ];
    const notice = extractFields(docOf("关于开展自评的通知\n某县水利局"), { catalog });
    expect(notice.fields.unit_name).toBeNull();
    expect(notice.fields.publisher?.value).toBe("某县水利局");
    expect(notice.document_kind).toBe("其他");
    const byDefault = [
      field("document_kind", [(_ctx) => [{ value: "其他", unit: "", confidence: 0.5, rule: "document_kind.default", start: 0, end: 0 }]]),
      field("unit_name", [found("某县水利局")]),
    ];
    expect(extractFields(docOf("某县水利局"), { catalog: byDefault }).fields.unit_name?.value).toBe("某县水利局");
    expect(extractFields(docOf("某县水利局"), { catalog: [field("unit_name", [found("某县水利局")])] }).document_kind).toBe("其他");
  });
  it("validation runs on the fields chosen", () => {
    const r = extractFields(docOf("满意度"), {
      catalog: [field("satisfaction", [found("满意度", 0.9, 2, { unit: "ratio" })], { kind: "ratio" })],
    });
    expect(r.flags.map((f) => f.code)).toEqual(["out_of_range"]);
  });
  it("a score table of another unit is flagged foreign", () => {
    const text = "某县水利局\n某县交通局绩效自评表\n一级指标\t二级指标\t三级指标\t分值\t得分\n产出\t数量\t人次\t10\t9\n总分\t\t\t10\t9\n";
    const catalog = [field("unit_name", [found("某县水利局")])];
    const r = extractFields(docOf(text), { catalog });
    expect(r.indicators).toHaveLength(1);
    expect(r.flags).toEqual([
      {
        code: "foreign_table",
        fields: ["self_score"],
        message:
          "score table ignored for the unit's own figures: the table is headed with another unit (某县交通局), the report is by 某县水利局",
      },
    ]);
    expect(extractFields(docOf(text.replace("某县交通局", "某县水利局")), { catalog }).flags).toEqual([]);
  });
  it("the reader's warnings become flags, its notes do not", () => {
    const doc: DocModel = {
      ...docOf("正文"),
      messages: [
        { level: "warning", code: "ocr_failed", message: "page 2 unreadable" },
        { level: "info", code: "engine", message: "mupdf" },
        { level: "error", code: "broken", message: "table lost" },
      ],
    };
    expect(extractDocument(doc).flags.filter((f) => f.code === "reader_warning")).toEqual([
      { code: "reader_warning", fields: [], message: "ocr_failed: page 2 unreadable" },
      { code: "reader_warning", fields: [], message: "broken: table lost" },
    ]);
  });
});

describe("buildContext", () => {
  it("headings styled by the source make sections; lines, body and chrome", () => {
    const blocks: Block[] = [
      { kind: "paragraph", text: "发布机构：某县财政局", page: null },
      { kind: "paragraph", text: "部门概况", page: null, headingLevel: 1 },
      { kind: "paragraph", text: "正文一", page: null },
      { kind: "paragraph", text: "", page: null },
      { kind: "paragraph", text: "结论", page: null, headingLevel: 2 },
      { kind: "paragraph", text: "正文二", page: null },
    ];
    const ctx = buildContext({ format: "html", pages: null, engine: "test", messages: [], blocks });
    const at = (s: string) => ctx.folded.text.indexOf(s);
    expect(ctx.sections.pathAt(at("正文二"))).toEqual(["部门概况", "结论"]);
    expect(ctx.sections.pathAt(at("正文一"))).toEqual(["部门概况"]);
    expect(ctx.body.map((l) => l.text)).toEqual(["部门概况", "正文一", "结论", "正文二"]);
    for (const l of ctx.lines) expect(ctx.folded.text.slice(l.start, l.start + l.text.length)).toBe(l.text);
    expect(ctx.inChrome(0)).toBe(true);
    expect(ctx.inChrome(at("某县财政局"))).toBe(true);
    expect(ctx.inChrome(at("部门概况"))).toBe(false);
    expect(ctx.inChrome(at("正文二") + 1)).toBe(false);
    expect(ctx.inChrome(ctx.folded.text.length)).toBe(false);
    expect(() => ctx.chosen("unit_name")).toThrow("unit_name asked for outside extraction");
  });
  it("a chrome line last in the text", () => {
    const ctx = buildContext(docOf("正文一\n正文二\n发布机构：某县财政局"));
    expect(ctx.inChrome(ctx.folded.text.indexOf("正文二"))).toBe(false);
    expect(ctx.inChrome(ctx.folded.text.indexOf("某县财政局"))).toBe(true);
  });
});
