/**
 * The budget tables of the real 预算/决算 PDFs, imported for real: every standard table found with
 * its kind, the arithmetic checks holding on the lines (ratcheted per set, each failure a source
 * misprint or a reader's broken grid — scripts/lines-eval.mjs --failures lists them), stored in
 * budget_tables / budget_lines / budget_checks, the view, `export --lines` read back as strict CSV
 * and summed to its 合计, `jixiao lines`, and `reextract` filling the tables of an older database.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { parse } from "csv-parse/sync";
import { beforeAll, expect } from "vitest";
import { Dec } from "../../src/normalize/decimal.js";
import { LINE_COLUMNS } from "../../src/store/lines.js";
import { ROOT, shared } from "../helpers.js";
import { describeCli, itCli, jixiao } from "../run.js";
import { startServer } from "../serve/server.js";

let dir = "";
let db = "";
const SETS = {
  budget: shared("real-dev", "budget"),
  full: shared("real-dev2", "full"),
  realpdf: shared("realpdf"),
};

/** the kinds every complete Shanghai 预算/决算 disclosure has */
const SHANGHAI = ["summary", "income", "expenditure", "fiscal_summary", "general_function", "fund", "capital", "basic_economic", "sangong"];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "jixiao-lines-"));
  db = join(dir, "l.db");
  const r = jixiao(["import", SETS.budget, SETS.full, SETS.realpdf, "--db", db, "--no-progress"]);
  expect(r.code, r.stderr).toBe(0);
});

const sql = <T>(q: string, ...args: unknown[]): T[] => {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(q).all(...args) as T[];
  } finally {
    d.close();
  }
};
const inSet = (set: string) => `d.path LIKE '${set.replace(/'/g, "''")}%' AND d.file_name LIKE '%.pdf'`;

/** per document of a set: its table kinds */
const kindsBy = (set: string) => {
  const rows = sql<{ file: string; kind: string }>(
    `SELECT d.file_name AS file, t.kind FROM budget_tables t JOIN documents d ON d.id = t.document_id WHERE ${inSet(set)}`,
  );
  const m = new Map<string, Set<string>>();
  for (const r of rows) m.set(r.file, (m.get(r.file) ?? new Set()).add(r.kind));
  return m;
};

/** lines with a check: how many hold (no failed cell) */
const holding = (set: string) => {
  const rows = sql<{ ok: number; failed: number }>(
    `SELECT sum(f = 0 AND o > 0) AS ok, sum(f > 0) AS failed FROM (
       SELECT sum(l.check_result = 'failed') AS f, sum(l.check_result = 'ok') AS o
       FROM budget_lines l JOIN documents d ON d.id = l.document_id WHERE ${inSet(set)} GROUP BY l.document_id, l.table_seq, l.line)`,
  )[0];
  return { ...rows, rate: rows.ok / (rows.ok + rows.failed) };
};

describeCli("the budget tables of real 预算/决算 PDFs", () => {
  itCli("real-dev2/full: every document has the nine standard Shanghai tables; checks hold on at least 98 % of the checked lines", () => {
    const kinds = kindsBy(SETS.full);
    expect(kinds.size).toBe(12);
    for (const [file, k] of kinds) expect([...k].sort(), file).toEqual(expect.arrayContaining([...SHANGHAI].sort()));
    const h = holding(SETS.full);
    expect(h.ok + h.failed).toBeGreaterThan(1500);
    expect(h.rate).toBeGreaterThanOrEqual(0.98);
    // the lines that fail are f002's, whose PDF prints misprints (行政运行's 项目支出 64,840,547.00 where 0.00 adds up)
    const failing = sql<{ file: string }>(
      `SELECT DISTINCT d.file_name AS file FROM budget_lines l JOIN documents d ON d.id = l.document_id WHERE ${inSet(SETS.full)} AND l.check_result = 'failed'`,
    );
    expect(failing.map((f) => f.file)).toEqual(["f002.pdf"]);
  });
  itCli("realpdf (决算): the same tables as 决算, every checked line holds (ratchet)", () => {
    const kinds = kindsBy(SETS.realpdf);
    expect(kinds.size).toBe(4);
    for (const [file, k] of kinds) expect([...k], file).toEqual(expect.arrayContaining(SHANGHAI));
    const stages = sql<{ stage: string | null }>(
      `SELECT DISTINCT t.stage FROM budget_tables t JOIN documents d ON d.id = t.document_id WHERE ${inSet(SETS.realpdf)} AND t.kind <> 'unknown'`,
    );
    expect(stages.map((s) => s.stage)).toEqual(["决算"]);
    const h = holding(SETS.realpdf);
    expect(h.ok).toBeGreaterThanOrEqual(371);
    expect(h.failed).toBe(0);
  });
  itCli("real-dev/budget (Jiangsu): every document with tables has all twelve; every checked line holds (ratchet)", () => {
    const kinds = kindsBy(SETS.budget);
    // 11 of the 18 files carry the tables (the others are the narrative half of a disclosure)
    const withTables = [...kinds].filter(([, k]) => k.has("summary"));
    expect(withTables.length).toBe(11);
    // the twelve tables of a Jiangsu 部门预算 (基本支出 twice: 财政拨款 and 一般公共预算), in every one of them
    const JIANGSU = ["summary", "income", "expenditure", "fiscal_summary", "fiscal_function", "basic_economic", "general_function"];
    for (const [file, k] of withTables)
      expect([...k], file).toEqual(expect.arrayContaining([...JIANGSU, "fund", "operating", "sangong", "procurement"]));
    // these PDFs paint every cell white inside its rules; read as rules, the backgrounds' sides broke the grids
    const h = holding(SETS.budget);
    expect(h.ok).toBeGreaterThanOrEqual(1204);
    expect(h.failed).toBe(0);
  });
  itCli("every check is stored with its figures; a failed check's cells are failed", () => {
    const failed = sql<{ message: string; total: string; sum: string }>("SELECT message, total, sum FROM budget_checks WHERE ok = 0");
    expect(failed.length).toBeGreaterThan(0);
    for (const f of failed) expect(f.message).toContain(`${f.total} ≠ ${f.sum}`);
    const orphan = sql<{ n: number }>(
      `SELECT count(*) AS n FROM budget_checks c WHERE c.ok = 0 AND c.line IS NOT NULL AND NOT EXISTS
         (SELECT 1 FROM budget_lines l WHERE l.document_id = c.document_id AND l.table_seq = c.table_seq AND l.line = c.line AND l.check_result = 'failed')`,
    )[0];
    expect(orphan.n).toBe(0);
  });
});

describeCli("export --lines", () => {
  itCli("strict CSV, one row per line × column, exact decimal amounts; a table sums to its 合计", () => {
    const out = join(dir, "lines.csv");
    const r = jixiao(["export", "--db", db, "--lines", out]);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text.startsWith("\ufeff")).toBe(true);
    const [header, ...rows] = parse(text.slice(1), {
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: false,
      relax_quotes: false,
    }) as string[][];
    expect(header).toEqual([...LINE_COLUMNS]);
    expect(rows.length).toBe(sql<{ n: number }>("SELECT count(*) AS n FROM budget_lines")[0].n);
    const col = (name: (typeof LINE_COLUMNS)[number]) => header.indexOf(name);
    for (const row of rows) {
      expect(row[col("amount_yuan")]).toMatch(/^$|^-?\d+(?:\.\d+)?$/);
      expect(["ok", "failed", "none"]).toContain(row[col("check")]);
    }
    // f001's function-class table: the 类 lines of its first column add up to its 合计 line, exactly
    const table = rows.filter((x) => x[col("file")] === "f001.pdf" && x[col("table_kind")] === "general_function");
    expect(table[0][col("unit_name")]).toBe("上海市普陀区司法局");
    expect(table[0][col("fiscal_year")]).toBe("2026");
    const first = table[0][col("column")];
    const inCol = table.filter((x) => x[col("column")] === first);
    const total = inCol.find((x) => x[col("level")] === "合计")!;
    const classes = inCol.filter((x) => x[col("level")] === "类");
    expect(classes.length).toBeGreaterThan(1);
    const sum = classes.reduce((a, x) => a.add(Dec.parse(x[col("amount_yuan")])), Dec.ZERO);
    expect(sum.toString()).toBe(Dec.parse(total[col("amount_yuan")]).toString());
    expect(total[col("amount_yuan")]).toBe("96282213.44");
  });
  itCli("the view joins each line with its document's unit, region, year and kind", () => {
    const rows = sql<{ unit_name: string; province: string; fiscal_year: number; document_kind: string; amount: number }>(
      "SELECT unit_name, province, fiscal_year, document_kind, amount FROM budget_lines_view WHERE file = 'f001.pdf' AND table_kind = 'general_function' AND level = '合计' LIMIT 1",
    );
    expect(rows[0]).toMatchObject({ unit_name: "上海市普陀区司法局", province: "上海市", fiscal_year: 2026, document_kind: "预算" });
    expect(rows[0].amount).toBeCloseTo(96282213.44, 2);
  });
});

describeCli("where each figure is on its page", () => {
  itCli("a PDF's figures have boxes: a line's figures on one baseline, left to right as its columns", () => {
    const rows = sql<{ line: number; col: number; bbox: string | null; page: number }>(
      `SELECT l.line, l.col, l.bbox, l.page FROM budget_lines l JOIN documents d ON d.id = l.document_id JOIN budget_tables t ON t.document_id = l.document_id AND t.seq = l.table_seq
       WHERE d.file_name = 'f001.pdf' AND t.kind = 'expenditure' ORDER BY l.line, l.col`,
    );
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.filter((r) => r.bbox).length / rows.length).toBeGreaterThan(0.95);
    const byLine = new Map<number, number[][]>();
    for (const r of rows) if (r.bbox) byLine.set(r.line, [...(byLine.get(r.line) ?? []), JSON.parse(r.bbox)]);
    for (const boxes of byLine.values()) {
      for (const b of boxes) expect(b[2] > b[0] && b[3] > b[1]).toBe(true);
      for (let i = 1; i < boxes.length; i++) {
        expect(boxes[i][0]).toBeGreaterThan(boxes[i - 1][2]);
        expect(Math.abs(boxes[i][3] - boxes[0][3])).toBeLessThan(3);
      }
    }
    // lines go down the page
    const tops = [...byLine.values()].map((b) => b[0][1]);
    expect(tops[1]).toBeGreaterThan(tops[0]);
  });
});

describeCli("jixiao lines", () => {
  itCli("prints a document's tables with their checks; --json is the stored tables; an unknown document is an error", () => {
    const r = jixiao(["lines", "f001.pdf", "--db", db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("general_function  2026年部门一般公共预算支出功能分类预算表");
    expect(r.stdout).toMatch(/2040601\s+行政运行\s+项\s+16,?726,?725\.44/);
    const j = JSON.parse(jixiao(["lines", "f001.pdf", "--db", db, "--json"]).stdout);
    expect(j.find((t: { kind: string }) => t.kind === "sangong").lines).toHaveLength(1);
    const failed = jixiao(["lines", "f002.pdf", "--db", db, "--failed"]);
    expect(failed.stdout).toContain("✗ children");
    expect(failed.stdout).not.toMatch(/^code\s+name/m);
    expect(r.stdout).toMatch(/^code\s+name/m);
    const none = jixiao(["lines", "nosuch.pdf", "--db", db]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("jixiao lines:");
  });
  itCli("reextract fills the tables of a database whose documents were read by an older extractor", () => {
    const copy = join(dir, "old.db");
    const d = new Database(db);
    d.exec(`VACUUM INTO '${copy.replace(/'/g, "''")}'`);
    d.close();
    const o = new Database(copy);
    o.exec(
      "DELETE FROM budget_lines; DELETE FROM budget_checks; DELETE FROM budget_tables; UPDATE documents SET extractor_version = '0.9.0'",
    );
    o.close();
    expect(jixiao(["reextract", "--db", copy]).code).toBe(0);
    const o2 = new Database(copy, { readonly: true });
    const n = (o2.prepare("SELECT count(*) AS n FROM budget_lines").get() as { n: number }).n;
    o2.close();
    expect(n).toBe(sql<{ n: number }>("SELECT count(*) AS n FROM budget_lines")[0].n);
  });
});

describeCli("the review page", () => {
  itCli("shows a document's tables under its fields, a table with failed checks open and its failed cells marked", async () => {
    const base = await startServer(db);
    const id = sql<{ id: number }>("SELECT id FROM documents WHERE file_name = 'f002.pdf'")[0].id;
    const page = await (await fetch(`${base}doc/${id}`)).text();
    expect(page).toContain('<h3 id="budget-tables">');
    expect(page).toContain("2026年预算单位一般公共预算支出功能分类预算表");
    const expenditure = /<details class="budget" data-kind="expenditure" open>[\s\S]*?<\/details>/.exec(page)?.[0] ?? "";
    expect(expenditure).toContain('class="num failed" title="');
    expect(expenditure).toContain("≠");
    // each figure of a PDF links to its place on its page
    expect(page).toMatch(/<a href="#budget-tables" data-page="\d+" data-bbox="[\d.]+,[\d.]+,[\d.]+,[\d.]+">[\d,.]+<\/a>/);
    // a table whose checks all hold is folded
    expect(page).toMatch(/<details class="budget" data-kind="income"><summary>/);
  });
});

describeCli("the README's SQL", () => {
  itCli("its two researcher's questions run on the view and give the figures it shows", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const query = (title: string) => {
      const m = new RegExp(`\`\`\`sql\\n-- ${title}\\n([\\s\\S]*?)\`\`\``).exec(readme);
      expect(m, title).not.toBeNull();
      return m![1];
    };
    const spending = sql<{ unit_name: string; fiscal_year: number; code: string; amount_yuan: string }>(
      query("function-class spending by unit and year"),
    );
    const wanli = spending.filter((r) => r.unit_name === "上海市普陀区人民政府万里街道办事处");
    expect(new Set(wanli.map((r) => r.fiscal_year))).toEqual(new Set([2023, 2024, 2025]));
    expect(wanli.find((r) => r.fiscal_year === 2023 && r.code === "201")?.amount_yuan).toBe("2976800");
    const share = sql<{ unit_name: string; fiscal_year: number; sangong_pct: number }>(query("the 三公 share of 基本支出"));
    expect(share.find((r) => r.unit_name === "上海市财政局")?.sangong_pct).toBe(2.71);
    expect(share.length).toBeGreaterThanOrEqual(12);
  });
});
