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
import { toRecord } from "../../src/extract/extract.js";
import { readDocument } from "../../src/extract/read.js";
import { validate } from "../../src/extract/validate.js";
import type { FieldValue } from "../../src/model.js";
import { FIXTURES } from "../helpers.js";

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
