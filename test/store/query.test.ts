import { mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILT_DICTIONARY, segment, snippet } from "../../src/store/search.js";
import { FIXTURES, ROOT, shared } from "../helpers.js";
import { jixiao } from "../run.js";

const require = createRequire(import.meta.url);

let db = "";
type Gold = { file: string; fiscal_year: number | null; grade: string | null; unit_name: string | { any_of: string[] } | null };
const gold = (set: "seeds" | "variants"): Gold[] =>
  readFileSync(set === "seeds" ? shared("gold", "seeds.jsonl") : join(FIXTURES, "..", "fixtures", "gold", "variants.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
/** seeds as txt and pdf, variants as txt */
const TOTAL = () => 2 * gold("seeds").length + gold("variants").length;
beforeAll(() => {
  db = join(mkdtempSync(join(tmpdir(), "jixiao-q-")), "q.db");
  const r = jixiao([
    "import",
    join(FIXTURES, "reports", "seeds"),
    join(FIXTURES, "reports", "variants", "txt"),
    join(FIXTURES, "reports", "seeds-as", "pdf"),
    "--db",
    db,
    "--no-progress",
  ]);
  expect(r.code).toBe(0);
});

describe("query", () => {
  it("filters by year, score, grade, unit and flag with bound parameters", () => {
    const j = (args: string[]) =>
      jixiao(["query", "--db", db, "--format", "jsonl", ...args])
        .stdout.trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l));
    const y2023 = j(["--year", "2023"]);
    // seeds (txt and pdf) and variants (txt) with fiscal year 2023 in the gold files
    expect(y2023.length).toBe(
      2 * gold("seeds").filter((g) => g.fiscal_year === 2023).length + gold("variants").filter((g) => g.fiscal_year === 2023).length,
    );
    expect(y2023.every((d) => d.fields.fiscal_year.value === 2023)).toBe(true);
    const good = j(["--min-score", "95"]);
    expect(good.map((d) => d.fields.self_score.value).every((s: number) => s >= 95)).toBe(true);
    expect(
      j(["--grade", "良"])
        .map((d) => d.fields.unit_name.value)
        .sort(),
    ).toEqual(
      gold("variants")
        .filter((g) => g.grade === "良")
        .map((g) => g.unit_name)
        .sort(),
    );
    expect(j(["--unit-like", "吕田镇"]).length).toBe(2);
    expect(
      j(["--flag", "unit_corrected"])
        .map((d) => d.file)
        .sort(),
    ).toEqual(["002_ead4207e0aef5641.pdf", "002_ead4207e0aef5641.txt"]);
    // the province comes from the unit's name (雷州市, 阳西县, 广州市, 深圳市 are all in 广东)
    const gd = j(["--province", "广东"]);
    expect(gd.length).toBe(2 * 3 + 1);
    expect(gd.every((d) => d.fields.province.value === "广东省")).toBe(true);
    expect(j(["--province", "广东省"]).length).toBe(gd.length);
    // SQL in a filter is data, not SQL
    expect(j(["--unit-like", "%' OR 1=1 --"]).length).toBe(0);
    expect(jixiao(["query", "--db", db, "--year", "abc"]).code).toBe(2);
  });
  it("prints a table and CSV", () => {
    // --max-score and --min-score split the scored documents in two, with no overlap
    const ids = (args: string[]) =>
      jixiao(["query", "--db", db, "--format", "jsonl", ...args])
        .stdout.trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l));
    const low = ids(["--max-score", "95"]);
    const high = ids(["--min-score", "95.001"]);
    const scored = ids([]).filter((d) => d.fields.self_score);
    expect(low.length).toBeGreaterThan(0);
    expect(high.length).toBeGreaterThan(0);
    expect(low.every((d) => d.fields.self_score.value <= 95)).toBe(true);
    expect(low.length + high.length).toBe(scored.length);
    expect(jixiao(["query", "--db", db, "--max-score", "90"]).stdout).toMatch(/^\d+ documents$/m);
    const csv = jixiao(["query", "--db", db, "--format", "csv"]).stdout;
    const rows = parse(csv.slice(1), { columns: true }) as Array<Record<string, string>>;
    expect(rows.length).toBe(TOTAL());
  });
});

describe("show", () => {
  it("prints every field with its evidence", () => {
    const r = jixiao(["show", "002_ead4207e0aef5641.pdf", "--db", db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('expenditure_total    396220400    "39622.04元" p.3 [一、部门基本情况 > （三）部门整体支出情况]');
    expect(r.stdout).toContain("! unit_corrected");
    expect(jixiao(["show", "nope.pdf", "--db", db]).stderr).toContain('no document matches "nope.pdf"');
  });
});

describe("search", () => {
  it("the build's jieba dictionary is jieba's own, less the words rarer than 10 in its frequencies", () => {
    // read here line by line, independently of the build's filter
    const source = readFileSync(require.resolve("@node-rs/jieba/dict.txt"), "utf8").split("\n").filter(Boolean);
    const expected = source.filter((l) => Number(l.split(" ")[1]) >= 10);
    const built = readFileSync(join(ROOT, "dist", "store", BUILT_DICTIONARY), "utf8").split("\n");
    expect(built.length).toBe(expected.length);
    expect(built.length).toBeLessThan(source.length);
    expect(new Set(built)).toEqual(new Set(expected));
    expect(built).toContain(source.find((l) => l.startsWith("工作 "))!);
    expect(built.some((l) => l.startsWith("1号店 "))).toBe(false);
  });

  it("finds two-character words and phrases, with snippets", () => {
    const hits = (q: string) =>
      jixiao(["search", q, "--db", db, "--json", "--limit", "50"])
        .stdout.trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l));
    const sangong = hits("三公");
    expect(sangong.length).toBeGreaterThanOrEqual(6);
    expect(sangong[0].snippet).toContain("【三公】");
    const defen = hits("得分");
    expect(defen.length).toBeGreaterThanOrEqual(8);
    expect(hits("超支").map((h) => h.file)).toContain("003_cfc37400837c5c83.txt");
    expect(hits("存在问题 管理").length).toBeGreaterThan(0);
    expect(hits("不存在的词语组合xyz").length).toBe(0);
    // FTS syntax in the query is data
    expect(jixiao(["search", 'a" OR NEAR(', "--db", db]).code).toBe(0);
  });
  it("segments with the domain dictionary", () => {
    expect(segment("部门整体支出绩效自评得分为96分")).toEqual(expect.arrayContaining(["自评", "得分"]));
    expect(snippet("本年度三公经费没有超支。", ["三公经费"], ["三公", "经费"])).toBe("本年度【三公经费】没有超支。");
  });
});

describe("export and re-extraction", () => {
  it("JSONL with evidence and the score-table CSV", () => {
    const dir = mkdtempSync(join(tmpdir(), "jixiao-x-"));
    expect(jixiao(["export", "--db", db, "--jsonl", join(dir, "d.jsonl"), "--indicators", join(dir, "i.csv")]).code).toBe(0);
    const docs = readFileSync(join(dir, "d.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(docs).toHaveLength(TOTAL());
    const d003 = docs.find((d) => d.file === "003_cfc37400837c5c83.txt");
    expect(d003.fields.expenditure_total).toMatchObject({ value: 10439647.7, exact: "10439647.7", raw: "1043.96477 万元" });
    expect(d003.indicators).toHaveLength(20);
    const rows = parse(readFileSync(join(dir, "i.csv"), "utf8").slice(1), { columns: true }) as Array<Record<string, string>>;
    expect(rows.filter((r) => r.file === "003_cfc37400837c5c83.txt")).toHaveLength(20);
    expect(rows.find((r) => r.file === "003_cfc37400837c5c83.txt" && r.level3 === "群众满意度")).toMatchObject({
      level1: "履职效果",
      level2: "服务对象满意度",
      weight: "10",
      score: "10",
    });
    expect(jixiao(["export", "--db", db]).code).toBe(2);
  });
  it("re-extracts documents stored by another extractor version from their stored blocks", () => {
    const copy = join(mkdtempSync(join(tmpdir(), "jixiao-r-")), "r.db");
    jixiao(["import", join(FIXTURES, "reports", "seeds"), "--db", copy]);
    const d = new Database(copy);
    const before = d.prepare("SELECT field, exact, value_text, ev_start FROM field_values ORDER BY document_id, field").all();
    d.prepare("UPDATE documents SET extractor_version = '0.0.1'").run();
    d.prepare("DELETE FROM field_values").run();
    d.close();
    const r = jixiao(["reextract", "--db", copy]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("5 re-extracted, 0 skipped");
    const e = new Database(copy, { readonly: true });
    expect(e.prepare("SELECT field, exact, value_text, ev_start FROM field_values ORDER BY document_id, field").all()).toEqual(before);
    expect(e.prepare("SELECT DISTINCT extractor_version v FROM documents").all()).toEqual([
      { v: /\(extractor (\S+)\)/.exec(jixiao(["--version"]).stdout)![1] },
    ]);
    e.close();
    expect(jixiao(["import", join(FIXTURES, "reports", "seeds"), "--db", copy]).stdout).toContain("0 imported, 5 unchanged");
  });
});
