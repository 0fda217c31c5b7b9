/**
 * Fields read from the standard tables' lines (line-fields.ts): a field the text does not state is the
 * table's, with the line as evidence; a figure the text states otherwise is flagged (beyond the
 * rounding of the figure as written); a table whose checks fail gives nothing.
 */
import { describe, expect, it } from "vitest";
import { extractFields } from "../../src/extract/extract.js";
import type { Block } from "../../src/model.js";
import { docOf, para, table } from "./build.js";

const income = (total: string, parts: [string, string], unit = "万元"): Block[] => [
  para("2026年部门收入预算总表"),
  para(`编制部门：某县某局　　单位：${unit}`),
  table([
    ["项目", "合计", "一般公共预算拨款", "事业收入"],
    ["合计", total, ...parts],
  ]),
];
const title = para("某县某局2026年部门预算");

describe("fields from the standard tables' lines", () => {
  it("a field only a table holds is read from its line, with the line as evidence", () => {
    const r = extractFields(docOf(title, ...income("500.00", ["450.00", "50.00"])));
    const f = r.fields.income_budget!;
    expect(f).toMatchObject({ value: 5000000, exact: "5000000", rule: "income_budget.budget_line" });
    expect(r.context.clean.text.slice(f.evidence.start, f.evidence.end)).toBe("500.00");
    expect(r.flags.filter((x) => x.code === "table_disagrees")).toEqual([]);
  });
  it("a table whose figures do not add up gives no value", () => {
    const r = extractFields(docOf(title, ...income("500.00", ["400.00", "50.00"])));
    expect(r.fields.income_budget).toBeNull();
  });
  it("the text's figure differing from the table's is flagged with both; one rounded to what it writes is not", () => {
    const say = (s: string) => extractFields(docOf(title, para(s), ...income("500.00", ["450.00", "50.00"])));
    const off = say("2026年收入预算520.00万元，其中一般公共预算拨款470.00万元。");
    expect(off.fields.income_budget?.value).toBe(5200000);
    const flag = off.flags.find((x) => x.code === "table_disagrees");
    expect(flag).toMatchObject({ fields: ["income_budget"], value: 5200000, table: 5000000 });
    // 500.01万元 is 5,000,123.45 元 to the cent the text writes (within 50 元); 500.02万元 is not
    const inYuan = (s: string) => extractFields(docOf(title, para(s), ...income("5,000,123.45", ["4,500,000.00", "500,123.45"], "元")));
    const rounded = inYuan("2026年收入预算500.01万元，其中一般公共预算拨款450万元。");
    expect(rounded.fields.income_budget?.value).toBe(5000100);
    expect(rounded.flags.find((x) => x.code === "table_disagrees")).toBeUndefined();
    const beyond = inYuan("2026年收入预算500.02万元，其中一般公共预算拨款450万元。");
    expect(beyond.flags.find((x) => x.code === "table_disagrees")).toMatchObject({ value: 5000200, table: 5000123.45 });
  });
});
