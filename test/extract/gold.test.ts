/**
 * The labelled sets, extracted in this process (not through the CLI, so a change anywhere in
 * src/extract shows here — the mutation run counts on it): every gold value of the real-dev and
 * real-dev2 excerpts and real-dev2's complete documents (reports nobody here wrote), the seeds, our
 * variants and the generated labelled set. No value may be wrong or invented but the ones listed as
 * disputed, and the only values allowed missing are the ones listed; each with its reason.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractFields } from "../../src/extract/extract.js";
import { readDocument } from "../../src/extract/read.js";
import { FIXTURES, shared } from "../helpers.js";

interface GoldSet {
  gold: string;
  dir: string;
  /** income_total / expenditure_total stand for the unit's total, budget or actual (real-dev's convention) */
  coalesce?: boolean;
  /** "file: field" of gold values not found today, and why */
  missing?: Record<string, string>;
  /** "file: field" where the value differs from the gold's (or the gold has none), and why the value stands */
  disputed?: Record<string, string>;
}

const SETS: Record<string, GoldSet> = {
  "real-dev excerpts": {
    gold: shared("real-dev", "gold.jsonl"),
    dir: shared("real-dev"),
    coalesce: true,
    missing: {
      // "100.00 | 94.04 | 优 |": a flattened result table whose rows lost their labels (总分, 得分 …)
      "b018: self_score": "the total row of a flattened result table that lost its labels",
      "b018: grade": "in the same row, under a header 绩效等级 that lost its columns",
    },
    disputed: {
      "b008: income_total":
        "'决算收入38953.21万元' is the year's income (real-dev2's c059 labels the same phrase so); this gold leaves it empty when a budget income is also given",
    },
  },
  "real-dev excerpts, second set": {
    gold: shared("real-dev2", "gold.jsonl"),
    dir: shared("real-dev2"),
    coalesce: true,
    missing: {
      "c039: income_total":
        "a flattened 年度收入情况 table whose two-level header lost its spans (the sub-row starts at the first column) inside a larger | table",
      "c062: expenditure_total":
        "'部门整体支出总额 | 864.2 | 100% | 20': a row of a flattened 自评表 whose header (全年执行数 …) the flattening lost",
      "c063: income_total": "'2021年收到财政资金1755.06万元': money received is no label of income that a grammar of labels should hold",
      "c066: fiscal_year": "the copy replaced every 年 by '-' ('20 16 -度'): no year is written",
      "c066: income_total": "the 收入合计 of a flattened two-level header (as c039) in a | table",
      "c070: unit_name":
        "a whole page run together without separators ('名称永州市零陵区疾病预防控制中心年度预算申请'): no boundary ends the name",
      "c070: expenditure_total":
        "'年度资金总额2456.182456.182456.1810100%10': six cells run together, with no header near enough to split them by",
      "c092: staff_authorized":
        "the header cells are scrambled by the mirror ('2021年實際在職人 / 編制數控制率'), so the run-together '877383.91%' has no header to split it by",
      "c092: staff_actual": "as staff_authorized",
    },
    disputed: {
      "c057: fiscal_year":
        "the gold leaves it empty for the conflict between the file name (2022) and the content (2023年度部门整体绩效自评表); the content's year is read",
      "c065: expenditure_total":
        "jixiao reads '预算支出为1250万元' as expenditure_budget, which the scorer's --coalesce stands in for expenditure_total; the gold, by its notes, wants none",
    },
  },
  "real-dev2 complete documents": {
    gold: shared("real-dev2", "full", "gold.jsonl"),
    dir: shared("real-dev2", "full"),
    missing: {
      "f010: vehicle_expense": "the 三公 table gives no 公务用车 figure at all (no cars): a zero the table does not print",
      "f011: expenditure_budget":
        "the 单位预算 states no 支出预算 total in a sentence, and its 支出预算总表 合计 is read for 基本/项目支出 only",
      "f032: vehicle_expense": "the page's tables are images; the 公务用车 sentence gives the 购置 and 运行 parts, not their sum",
    },
    disputed: {
      "f002: basic_expenditure":
        "the PDF prints '22,118,861' in the 支出预算总表's 合计 row (its cell cut short; pdftotext reads the same); the gold has the 22,118,861.34 of another table",
    },
  },
  seeds: { gold: shared("gold", "seeds.jsonl"), dir: join(FIXTURES, "reports", "seeds") },
  variants: { gold: join(FIXTURES, "gold", "variants.jsonl"), dir: join(FIXTURES, "src", "variants") },
  labelled: { gold: join(FIXTURES, "gold", "labelled.jsonl"), dir: join(FIXTURES, "src", "labelled") },
};

const key = (file: string) => basename(file, extname(file));
const FALLBACK: Record<string, string> = { income_total: "income_budget", expenditure_total: "expenditure_budget" };

/** Gold and output agree: numbers to a cent (or a relative 1e-9), strings after NFKC without spaces. */
function same(got: unknown, want: unknown): boolean {
  if (want === null) return got === null;
  if (got === null) return false;
  if (typeof want === "number") return typeof got === "number" && Math.abs(got - want) <= Math.max(0.01, Math.abs(want) * 1e-9);
  const norm = (v: unknown) => String(v).normalize("NFKC").replace(/\s/g, "");
  return norm(got) === norm(want);
}

describe.each(Object.entries(SETS))("%s, in process", (_name, set) => {
  it("every gold value found and right, none invented", async () => {
    const gold = readFileSync(set.gold, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const files = new Map(
      readdirSync(set.dir)
        .filter((f) => !/\.(?:jsonl|md)$/.test(f) || /^f\d+\.md$/.test(f))
        .map((f) => [key(f), join(set.dir, f)]),
    );
    const problems: string[] = [];
    const missing: string[] = [];
    const disputed: string[] = [];
    let checked = 0;
    for (const g of gold) {
      const path = files.get(key(String(g.file)));
      expect(path, `${g.file} is in ${set.dir}`).toBeDefined();
      const { fields } = extractFields(await readDocument(readFileSync(path!)));
      const output = (field: string) => {
        const v = fields[field]?.value ?? null;
        return v === null && set.coalesce && FALLBACK[field] ? (fields[FALLBACK[field]]?.value ?? null) : v;
      };
      for (const [field, want] of Object.entries(g)) {
        if (field === "file" || field === "notes") continue;
        checked++;
        const got = output(field);
        const options = want && typeof want === "object" && "any_of" in want ? (want.any_of as unknown[]) : [want];
        if (options.some((o) => same(got, o))) continue;
        const at = `${key(String(g.file))}: ${field}`;
        if (got === null) missing.push(at);
        else if (set.disputed?.[at]) disputed.push(at);
        else problems.push(`${at} is ${JSON.stringify(got)}, gold ${JSON.stringify(want)}`);
      }
    }
    expect(checked).toBeGreaterThan(gold.length);
    expect(problems).toEqual([]);
    expect(missing.sort()).toEqual(Object.keys(set.missing ?? {}).sort());
    expect(disputed.sort()).toEqual(Object.keys(set.disputed ?? {}).sort());
  }, 60_000);
});
