/**
 * Checks that have to fail when their behaviour goes: the score table's sum (and the budget part of
 * a 自评表 that explains a difference), tables of another year kept out of the unit's figures, no
 * unit guessed for a table that states none, ratios out of range. On the bundled v06 web page (a
 * 自评表 with a budget part scored 9.78 and indicator rows adding up to 86 under a total of 95.78),
 * edited one fact at a time.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildContext, toRecord } from "../../src/extract/extract.js";
import type { ScoreTable } from "../../src/extract/indicators.js";
import { readDocument } from "../../src/extract/read.js";
import type { Candidate } from "../../src/extract/rules.js";
import { correctUnits, otherScores, scoreTableSum, validate } from "../../src/extract/validate.js";
import type { Block, FieldValue, Indicator } from "../../src/model.js";
import { FIXTURES } from "../helpers.js";
import { textDoc } from "./build.js";

const V06 = readFileSync(join(FIXTURES, "reports", "variants", "html", "v06_nongjing_table_budget.html"), "utf8");
const recordOf = async (html: string) => {
  const buf = Buffer.from(html, "utf8");
  return toRecord("v06.html", buf, await readDocument(buf));
};
/** the page with one edit, which must apply */
const edited = (from: string | RegExp, to: string) => {
  const out = V06.replace(from, to);
  expect(out).not.toBe(V06);
  return out;
};
const sumFlag = (r: Awaited<ReturnType<typeof recordOf>>) =>
  r.flags.find((f) => f.code === "parts_do_not_add_up" && f.fields[0] === "score_table");

describe("the score table's sum", () => {
  it("rows short of the total by exactly the budget part's 得分: no flag", async () => {
    const r = await recordOf(V06);
    expect(r.indicators.reduce((a, i) => a + (i.score ?? 0), 0)).toBe(86);
    expect(r.fields.self_score?.value).toBe(95.78);
    expect(sumFlag(r)).toBeUndefined();
  });
  it("without the budget part's 得分 the same difference is flagged", async () => {
    const r = await recordOf(edited(/<td>9\.78<\/td>/, "<td>—</td>"));
    expect(sumFlag(r)).toMatchObject({ total: 95.78, sum: 86 });
  });
  it("a budget 得分 that does not make up the difference does not explain it", async () => {
    const r = await recordOf(edited(/<td>9\.78<\/td>/, "<td>5.00</td>"));
    expect(sumFlag(r)).toMatchObject({ total: 95.78, sum: 86 });
  });
});

describe("tables of another year or unit", () => {
  it("a budget table headed with another year gives none of the unit's budget figures", async () => {
    const own = await recordOf(V06);
    expect(own.fields.budget_initial?.value).toBe(32184000);
    expect(own.fields.expenditure_total?.value).toBe(40113600);
    const r = await recordOf(edited("（2023年度）", "（2021年度）"));
    expect(r.fields.fiscal_year?.value).toBe(2023);
    for (const f of ["budget_initial", "budget_adjusted", "expenditure_total"]) expect(r.fields[f] ?? null, f).toBeNull();
  });
});

describe("a table's money unit", () => {
  it("is the one it states; a table that states none gives no amounts (no 万元 guessed)", async () => {
    const r = await recordOf(edited('<p style="text-indent:2em">金额单位：万元</p>', ""));
    for (const f of ["budget_initial", "budget_adjusted", "expenditure_total"]) expect(r.fields[f] ?? null, f).toBeNull();
    const yuan = await recordOf(edited("金额单位：万元", "金额单位：元"));
    expect(yuan.fields.budget_initial?.value).toBe(3218.4);
    // every unit of the one list (normalize/money.ts), 百万元 too
    const millions = await recordOf(edited("金额单位：万元", "金额单位：百万元"));
    expect(millions.fields.budget_initial).toMatchObject({ value: 3218400000, exact: "3218400000" });
  });
});

describe("ratios out of range", () => {
  const ratio = (value: number): FieldValue => ({
    value,
    exact: String(value),
    raw: `${value * 100}%`,
    unit: "ratio",
    confidence: 0.8,
    rule: "test",
    evidence: { start: 0, end: 1, page: null, section: "", text: "" },
  });
  it("a share or rate below 0 or above 150 % is flagged; a signed change is not", () => {
    const codes = (fields: Record<string, FieldValue>) =>
      validate(fields)
        .filter((f) => f.code === "out_of_range")
        .map((f) => f.fields[0]);
    expect(codes({ satisfaction: ratio(1.6), execution_rate: ratio(-0.1), carryover_rate: ratio(0.4) })).toEqual([
      "satisfaction",
      "execution_rate",
    ]);
    expect(codes({ satisfaction: ratio(1.5), execution_rate: ratio(0) })).toEqual([]);
    expect(codes({ expenditure_change_rate: ratio(2.4), income_change_rate: ratio(-0.6) })).toEqual([]);
  });
});

const fv = (value: number | string, unit = "元", exact?: string): FieldValue => ({
  value,
  ...(exact !== undefined ? { exact } : {}),
  raw: String(value),
  unit,
  confidence: 0.8,
  rule: "test",
  evidence: { start: 0, end: 1, page: null, section: "", text: "" },
});

describe("parts and totals", () => {
  const sumFlags = (fields: Record<string, FieldValue>) => validate(fields).filter((f) => f.code === "parts_do_not_add_up");
  it("basic + project must make the total within 1 % or 100 元", () => {
    const spend = (total: number, basic: number, project: number) =>
      sumFlags({ expenditure_total: fv(total), basic_expenditure: fv(basic), project_expenditure: fv(project) });
    expect(spend(1000000, 600000, 400000)).toEqual([]);
    expect(spend(1000000, 600000, 410000)).toEqual([]); // 1 %
    expect(spend(1000000, 600000, 410001)).toEqual([
      {
        code: "parts_do_not_add_up",
        fields: ["expenditure_total", "basic_expenditure", "project_expenditure"],
        message: "basic_expenditure + project_expenditure = 1010001 元, but expenditure_total = 1000000 元",
        total: 1000000,
        sum: 1010001,
      },
    ]);
    expect(spend(1000, 600, 500)).toEqual([]); // 100 元
    expect(spend(1000, 600, 501)).toHaveLength(1);
    expect(spend(1000, 400, 499)).toHaveLength(1); // short of the total as well as over it
  });
  it("exact values are added exactly; a part missing: no check", () => {
    const fields = {
      expenditure_total: fv(0.3, "元", "0.3"),
      basic_expenditure: fv(0.1, "元", "0.1"),
      project_expenditure: fv(0.2, "元", "0.2"),
    };
    expect(sumFlags(fields)).toEqual([]);
    expect(sumFlags({ expenditure_total: fv(1000000), basic_expenditure: fv(5) })).toEqual([]);
    expect(sumFlags({ basic_expenditure: fv(5), project_expenditure: fv(5) })).toEqual([]);
    // a value that is no number is no part
    expect(sumFlags({ expenditure_total: fv(1000000), basic_expenditure: fv("五"), project_expenditure: fv(5) })).toEqual([]);
  });
  it("三公 parts may not exceed the 三公 total by more than 100 元", () => {
    expect(sumFlags({ sangong_actual: fv(10000), reception_expense: fv(4000), vehicle_expense: fv(6100) })).toEqual([]);
    expect(sumFlags({ sangong_actual: fv(10000), reception_expense: fv(4000), vehicle_expense: fv(6101) })).toEqual([
      {
        code: "parts_do_not_add_up",
        fields: ["sangong_actual", "reception_expense", "vehicle_expense"],
        message: "三公 parts (10101 元) exceed the 三公 total (10000 元)",
        total: 10000,
        sum: 10101,
      },
    ]);
    expect(sumFlags({ sangong_actual: fv(10000), reception_expense: fv(10101) })).toHaveLength(1);
    expect(sumFlags({ sangong_actual: fv(10000), vehicle_expense: fv(10101) })).toHaveLength(1);
    // short of it is fine (出国 is the third part)
    expect(sumFlags({ sangong_actual: fv(10000), reception_expense: fv(10) })).toEqual([]);
    expect(sumFlags({ reception_expense: fv(4000), vehicle_expense: fv(6101) })).toEqual([]);
  });
});

describe("score and grade", () => {
  const mismatch = (score: number | string, grade: string) =>
    validate({ self_score: fv(score, "分"), grade: fv(grade, "grade") }).filter((f) => f.code === "score_grade_mismatch");
  it("a grade outside the score's band is flagged", () => {
    expect(mismatch(95, "优")).toEqual([]);
    expect(mismatch(85, "良")).toEqual([]);
    expect(mismatch(85, "优")).toEqual([
      {
        code: "score_grade_mismatch",
        fields: ["self_score", "grade"],
        message: "score 85 falls in band 良, but the report gives grade 优",
      },
    ]);
    expect(mismatch("85", "优")).toEqual([]);
    expect(validate({ self_score: fv(85, "分") })).toEqual([]);
    expect(validate({ grade: fv("优", "grade") })).toEqual([]);
  });
  it("an out-of-range ratio is named in its message", () => {
    expect(validate({ satisfaction: fv(2, "ratio") })).toEqual([
      { code: "out_of_range", fields: ["satisfaction"], message: "satisfaction = 2 is not a plausible ratio" },
    ]);
    // only ratios
    expect(validate({ expenditure_total: fv(-5) })).toEqual([]);
    expect(validate({ satisfaction: fv("很高", "ratio") })).toEqual([]);
  });
});

describe("a 元 figure that the report gives in 万元 elsewhere", () => {
  const cand = (numberText: string, writtenUnit = "元", unit = "元"): Candidate => ({
    value: Number(numberText.replace(/,/g, "")),
    exact: numberText.replace(/,/g, ""),
    unit,
    confidence: 0.8,
    rule: "r",
    start: 0,
    end: 1,
    numberText,
    writtenUnit,
  });
  const ctx = (text: string) => buildContext(textDoc(text));
  it("is shifted to 万元, flagged, its confidence lowered", () => {
    const r = correctUnits(ctx("调整预算数39,622.04万元，全年完成实际支出39622.04元。"), "expenditure_total", cand("39622.04"));
    expect(r.candidate).toMatchObject({ value: 396220400, exact: "396220400", rule: "r+unit_corrected" });
    expect(r.candidate.confidence).toBeCloseTo(0.72, 9);
    expect(r.flag).toEqual({
      code: "unit_corrected",
      fields: ["expenditure_total"],
      message: 'expenditure_total: "39622.04元" read as 万元: the same figure is given in 万元 elsewhere in the report',
      from: "39622.04元",
      to: "39622.04万元",
    });
    // its own digits with a thousands comma
    expect(correctUnits(ctx("预算数39622.04万元，支出39,622.04元。"), "f", cand("39,622.04")).flag).toMatchObject({ from: "39622.04元" });
  });
  it("not when the digits are part of another number, or given in 元 only", () => {
    expect(correctUnits(ctx("预算数139622.04万元，支出39622.04元。"), "f", cand("39622.04")).flag).toBeUndefined();
    expect(correctUnits(ctx("预算数3.39622.04万元，支出39622.04元。"), "f", cand("39622.04")).flag).toBeUndefined();
    expect(correctUnits(ctx("预算数39622504万元，支出39622.04元。"), "f", cand("39622.04")).flag).toBeUndefined();
    expect(correctUnits(ctx("支出39622.04元，合计39622.04元。"), "f", cand("39622.04")).flag).toBeUndefined();
  });
  it("only a figure written in 元", () => {
    const text = "预算数39622.04万元，支出39622.04万元。";
    expect(correctUnits(ctx(text), "f", cand("39622.04", "万元")).candidate.rule).toBe("r");
    expect(correctUnits(ctx(text), "f", cand("39622.04", "元", "ratio")).candidate.rule).toBe("r");
    expect(correctUnits(ctx(text), "f", { ...cand("39622.04"), numberText: undefined }).candidate.rule).toBe("r");
  });
});

describe("scoreTableSum and the budget part's 得分", () => {
  const ind = (score: number | null): Indicator => ({
    level1: "a",
    level2: null,
    level3: "b",
    target: null,
    actual: null,
    unit: null,
    weight: null,
    score,
    reason: null,
  });
  const st = (scores: Array<number | null>, total: number | null): ScoreTable => ({
    table: { kind: "table", rows: [], page: null },
    blockIndex: 0,
    indicators: scores.map(ind),
    total: total === null ? null : { score: total, raw: String(total) },
    headingText: "",
  });
  const never = () => {
    throw new Error("asked for the other scores when not needed");
  };
  it("rows within 0.5 of the total: no flag, the other tables not read", () => {
    expect(scoreTableSum(st([40, 50.5], 91), never)).toBeNull();
    expect(scoreTableSum(st([40, 50.5], 90), never)).toBeNull();
  });
  it("no total or a row without a score: no check", () => {
    expect(scoreTableSum(st([40, 50], null), never)).toBeNull();
    expect(scoreTableSum(st([40, null], 95), never)).toBeNull();
  });
  it("more than 0.5 apart: flagged with the rounded sum, unless another 得分 makes it up", () => {
    expect(scoreTableSum(st([40, 50.333], 91), () => [])).toEqual({
      code: "parts_do_not_add_up",
      fields: ["score_table", "self_score"],
      message: "the score table's rows add up to 90.33, its 总分 row says 91",
      total: 91,
      sum: 90.33,
    });
    expect(scoreTableSum(st([40, 50], 100), () => [3, 10])).toBeNull();
    expect(scoreTableSum(st([40, 50], 100), () => [9.5])).toBeNull();
    expect(scoreTableSum(st([40, 50], 100), () => [9.4])).not.toBeNull();
    expect(scoreTableSum(st([40, 50], 80), () => [10])).not.toBeNull();
  });
  it("otherScores: the 得分 column of up to four tables before the score table", () => {
    const t = (rows: string[][]): Block => ({
      kind: "table",
      page: null,
      rows: rows.map((r) => r.map((text) => ({ text, colspan: 1, rowspan: 1 }))),
    });
    const p: Block = { kind: "paragraph", text: "x", page: null };
    const budget = t([
      ["项目", "分值", "得 分"],
      ["预算执行率", "10", "9.78"],
      ["合计", "", ""],
      ["说明", "", "无"],
    ]);
    expect(otherScores([budget, p, p, p, p], 4)).toEqual([9.78]);
    expect(otherScores([budget, p, p, p, p, p], 5)).toEqual([]);
    expect(otherScores([budget], 1)).toEqual([9.78]);
    expect(
      otherScores(
        [
          t([
            ["项目", "分值"],
            ["a", "10"],
          ]),
          p,
        ],
        1,
      ),
    ).toEqual([]);
    expect(
      otherScores(
        [
          t([
            ["说明", "得分", "得分率"],
            ["x", "0", "1"],
          ]),
          p,
        ],
        1,
      ),
    ).toEqual([0]);
  });
});
