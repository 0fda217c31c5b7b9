/**
 * Reviews: accept, correct or reject a value, with a note; kept apart from extraction, so no import
 * --force, reextract or new extractor brings the wrong value back; every reader of values (show,
 * JSON, CSV, query, the records view) gives the reviewed value and says so; reviews export as gold.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { normalizeTyped } from "../../src/normalize/typed.js";
import { FIXTURES, shared } from "../helpers.js";
import { jixiao } from "../run.js";

const SEEDS = join(FIXTURES, "reports", "seeds");
const A = "000_02982db791a3379a.txt"; // income_budget 1,956.58万元, grade 优
const B = "001_7677739c59076178.txt"; // fiscal_year 2024, self_score 96

describe("a reviewer's value, normalised like an extracted one", () => {
  it.each([
    ["money", "1,956.58万元", 19565800, "19565800"],
    ["money", "１９５６.５８ 万元", 19565800, "19565800"],
    ["money", "10439647.7", 10439647.7, "10439647.7"],
    ["ratio", "96.8%", 0.968, "0.968"],
    ["score", "95.5分", 95.5, "95.5"],
    ["persons", "23人", 23, undefined],
    ["year", "2023年度", 2023, undefined],
    ["date", "2024年3月1日", "2024-03-01", undefined],
    ["grade", "优秀", "优", undefined],
  ] as const)("%s %j → %j", (kind, input, value, exact) => {
    const v = normalizeTyped(kind, input);
    expect(v.value).toBe(value);
    expect(v.exact).toBe(exact);
    expect(v.raw).toBe(input.trim());
  });
  it.each([
    ["money", "about a million"],
    ["score", "120"],
    ["date", "2024年3月"],
    ["grade", "fine"],
    ["persons", "2.5"],
  ] as const)("%s %j is refused", (kind, input) => expect(() => normalizeTyped(kind, input)).toThrow(/is not/));
});

describe("jixiao review", () => {
  it("corrects, rejects, accepts and undoes; every reader gives the reviewed value; nothing brings the old one back", () => {
    const dir = mkdtempSync(join(tmpdir(), "jixiao-review-"));
    const db = join(dir, "r.db");
    expect(jixiao(["import", SEEDS, "--db", db, "--no-progress"]).code).toBe(0);
    const set = jixiao([
      "review",
      A,
      "income_budget",
      "--set",
      "1,956.59万元",
      "--note",
      "the table says .59",
      "--reviewer",
      "analyst",
      "--db",
      db,
    ]);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout.trim()).toBe(`corrected ${A} income_budget: 19565800 → 19565900`);
    expect(jixiao(["review", A, "grade", "--reject", "--db", db]).stdout.trim()).toBe(`rejected  ${A} grade: 优 → —`);
    expect(jixiao(["review", B, "self_score", "--accept", "--db", db]).code).toBe(0);
    expect(jixiao(["review", B, "fiscal_year", "--set", "2023", "--db", db]).code).toBe(0);
    expect(jixiao(["review", B, "fiscal_year", "--undo", "--db", db]).stdout.trim()).toBe(`undone    ${B} fiscal_year: 2023 → 2024`);
    // a bad value or verdict is a usage error, nothing written
    const bad = jixiao(["review", A, "income_budget", "--set", "about a million", "--db", db]);
    expect([bad.code, bad.stderr.trim()]).toEqual([
      2,
      'jixiao: income_budget: "about a million" is not an amount (1,956.58万元, 19565800元)',
    ]);
    expect(jixiao(["review", A, "income_budget", "--accept", "--reject", "--db", db]).code).toBe(2);

    const check = () => {
      const doc = JSON.parse(jixiao(["show", A, "--db", db, "--json"]).stdout);
      expect(doc.fields.income_budget).toMatchObject({ value: 19565900, exact: "19565900", raw: "1,956.59万元" });
      expect(doc.fields.grade).toBeNull();
      expect(doc.corrected.income_budget).toMatchObject({ action: "set", old: 19565800, note: "the table says .59", reviewer: "analyst" });
      expect(doc.corrected.grade).toMatchObject({ action: "reject", old: "优" });
      const b = JSON.parse(jixiao(["show", B, "--db", db, "--json"]).stdout);
      expect(b.fields.fiscal_year.value).toBe(2024);
      expect(b.corrected).toEqual({ self_score: expect.objectContaining({ action: "accept", old: 96 }) });
      // CSV: the reviewed values, and which fields a reviewer set or rejected
      const rows = parse(jixiao(["export", "--db", db, "--csv", "-"]).stdout.slice(1), { columns: true }) as Array<Record<string, string>>;
      const ra = rows.find((r) => r.file === A)!;
      expect([ra.income_budget_yuan, ra.grade, ra.corrected_fields]).toEqual(["19565900", "", "grade;income_budget"]);
      expect(rows.find((r) => r.file === B)!.corrected_fields).toBe("");
      // query filters see the reviewed value
      expect(jixiao(["query", "--db", db, "--grade", "优", "--format", "jsonl"]).stdout).not.toContain(A);
      // the records view: one row per document, integers as integers, corrections applied
      const d = new Database(db, { readonly: true });
      const rec = d
        .prepare(
          "SELECT fiscal_year, typeof(fiscal_year) AS ty, income_budget_yuan, typeof(income_budget_yuan) AS tm, grade, corrected_fields FROM records WHERE file = ?",
        )
        .get(A);
      expect(rec).toEqual({
        fiscal_year: 2024,
        ty: "integer",
        income_budget_yuan: 19565900,
        tm: "integer",
        grade: null,
        corrected_fields: "grade;income_budget",
      });
      expect((d.prepare("SELECT count(*) AS n FROM records").get() as { n: number }).n).toBe(5);
      // every column once, named as in the CSV (no "document_kind:1" twin)
      const cols = (d.prepare("PRAGMA table_info(records)").all() as Array<{ name: string }>).map((c) => c.name);
      expect(cols.filter((c) => c.includes(":"))).toEqual([]);
      expect(cols.slice(0, 7)).toEqual(["id", "file", "path", "sha256", "format", "document_kind", "unit_name"]);
      expect(
        d.prepare("SELECT unit_name, fiscal_year, level1 FROM score_rows WHERE file = '003_cfc37400837c5c83.txt' LIMIT 1").get(),
      ).toEqual({ unit_name: "合水县吉岷镇人民政府", fiscal_year: 2024, level1: "部门管理" });
      d.close();
    };
    check();
    // neither a forced re-import nor a re-extraction brings the extracted value back
    expect(jixiao(["import", SEEDS, "--db", db, "--force", "--no-progress"]).code).toBe(0);
    check();
    expect(jixiao(["reextract", "--db", db, "--all"]).code).toBe(0);
    check();

    // reviews as gold for the shared scorer: the extraction disagrees with the reviewer on income_budget and grade
    const gold = join(dir, "gold.jsonl");
    expect(jixiao(["review", "--export-gold", gold, "--db", db]).code).toBe(0);
    expect(
      readFileSync(gold, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l)),
    ).toEqual(
      expect.arrayContaining([
        { file: A, grade: null, income_budget: 19565900 },
        { file: B, self_score: 96 },
      ]),
    );
    const out = join(dir, "out.jsonl");
    writeFileSync(out, jixiao(["extract", "--jsonl", join(SEEDS, A), join(SEEDS, B)]).stdout);
    const s = spawnSync(process.execPath, [shared("eval", "score.mjs"), gold, out], { encoding: "utf8" });
    expect(s.stdout.trim().split("\n").pop()).toBe(
      "documents=2 unmatched=0 correct=1 wrong=1 missing=0 spurious=1 precision=0.333 recall=0.500 f1=0.400",
    );
  });
});
