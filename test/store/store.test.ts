import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { BatchWriter } from "../../src/store/batch.js";
import { safeCell } from "../../src/store/csv.js";
import { FIXTURES, ROOT, shared } from "../helpers.js";
import { jixiao } from "../run.js";

const tmp = () => mkdtempSync(join(tmpdir(), "jixiao-store-"));
const SEEDS = join(FIXTURES, "reports", "seeds");

function rows(db: string, sql: string): unknown[] {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).all();
  } finally {
    d.close();
  }
}

describe("import into SQLite", () => {
  it("imports the seeds once: a second import adds nothing", () => {
    const db = join(tmp(), "j.db");
    const first = jixiao(["import", SEEDS, "--db", db]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("5 files: 5 imported, 0 unchanged, 0 failed");
    const second = jixiao(["import", SEEDS, "--db", db, "--json"]);
    expect(second.code).toBe(0);
    const lines = second.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.status)).toEqual(["unchanged", "unchanged", "unchanged", "unchanged", "unchanged"]);
    expect(rows(db, "SELECT count(*) n FROM documents")).toEqual([{ n: 5 }]);
    expect(rows(db, "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
    // every stored value keeps its evidence
    const ev = rows(db, "SELECT count(*) n FROM field_values WHERE raw IS NULL OR ev_text IS NULL OR ev_start IS NULL") as Array<{
      n: number;
    }>;
    expect(ev[0].n).toBe(0);
    const v = rows(
      db,
      "SELECT f.value_num, f.exact, f.raw, f.ev_section FROM field_values f JOIN documents d ON d.id = f.document_id WHERE d.file_name LIKE '000_%' AND f.field = 'income_budget'",
    );
    expect(v).toEqual([
      { value_num: 19565800, exact: "19565800", raw: "1,956.58万元", ev_section: "一、单位基本情况 > （四）部门整体支出情况" },
    ]);
  });

  it("the same bytes under another name are one document; changed bytes at a path replace the old record", () => {
    const dir = tmp();
    const db = join(dir, "j.db");
    const a = join(dir, "报告 (1) & $x.txt");
    copyFileSync(join(SEEDS, "001_7677739c59076178.txt"), a);
    expect(jixiao(["import", a, "--db", db]).code).toBe(0);
    const b = join(dir, "copy.txt");
    copyFileSync(a, b);
    const r = jixiao(["import", b, "--db", db, "--json"]);
    expect(JSON.parse(r.stdout)).toEqual({ file: b, status: "unchanged" });
    writeFileSync(a, readFileSync(join(SEEDS, "002_ead4207e0aef5641.txt")));
    expect(jixiao(["import", a, "--db", db]).stdout).toContain("imported");
    expect(rows(db, "SELECT path FROM documents ORDER BY id")).toEqual([{ path: a }]);
  });

  it("a batch with bad files imports the good ones and names each failure; nothing stored is touched", () => {
    const dir = tmp();
    const db = join(dir, "j.db");
    expect(jixiao(["import", SEEDS, "--db", db]).code).toBe(0);
    const before = rows(db, "SELECT * FROM field_values ORDER BY document_id, field");
    const bad = join(dir, "in");
    mkdirSync(bad);
    writeFileSync(join(bad, "empty.pdf"), "");
    writeFileSync(join(bad, "random.docx"), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    writeFileSync(
      join(bad, "truncated.pdf"),
      readFileSync(join(FIXTURES, "reports", "seeds-as", "pdf", "001_7677739c59076178.pdf")).subarray(0, 2000),
    );
    copyFileSync(join(FIXTURES, "reports", "variants", "txt", "v04_weijian_cover.txt"), join(bad, "good.txt"));
    const r = jixiao(["import", bad, join(dir, "missing.pdf"), "--db", db, "--json"]);
    expect(r.code).toBe(1);
    const byFile: Record<string, { status: string; error?: string }> = Object.fromEntries(
      r.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l))
        .map((o) => [o.file.split("/").pop(), o]),
    );
    expect(byFile["good.txt"].status).toBe("imported");
    expect(byFile["empty.pdf"]).toMatchObject({ status: "failed", error: "empty file" });
    expect(byFile["random.docx"].status).toBe("failed");
    expect(byFile["truncated.pdf"].status).toBe("failed");
    expect(byFile["missing.pdf"]).toMatchObject({ status: "failed", error: "no such file or directory" });
    for (const f of Object.values(byFile)) if (f.status === "failed") expect(f.error).not.toMatch(/\n/);
    expect(
      rows(
        db,
        "SELECT * FROM field_values WHERE document_id IN (SELECT id FROM documents WHERE file_name NOT LIKE 'good%') ORDER BY document_id, field",
      ),
    ).toEqual(before);
  });
});

describe("CSV export", () => {
  it("5 rows after importing the seeds twice, BOM, unit columns, readable by a CSV parser", () => {
    const dir = tmp();
    const db = join(dir, "j.db");
    jixiao(["import", SEEDS, "--db", db]);
    jixiao(["import", SEEDS, "--db", db]);
    const out = join(dir, "out.csv");
    expect(jixiao(["export", "--db", db, "--csv", out]).code).toBe(0);
    const raw = readFileSync(out);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = parse(raw.toString("utf8").slice(1), { columns: true }) as Array<Record<string, string>>;
    expect(table).toHaveLength(5);
    const header = Object.keys(table[0]);
    // the columns the README's field table documents, in its order, between the file's and the record's
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const documented = readme
      .slice(readme.indexOf("## Field catalog"), readme.indexOf("### How a value is chosen"))
      .split("\n")
      .filter((l) => /^\| `\w+` \|/.test(l))
      .map((l) => [...l.matchAll(/`(\w+)`/g)].pop()![1]);
    expect(header).toEqual([
      "file",
      "path",
      "sha256",
      "format",
      ...documented,
      "flags",
      "corrected_fields",
      "extractor_version",
      "imported_at",
    ]);
    expect(header).toContain("income_budget_yuan");
    expect(header).toContain("satisfaction_ratio");
    const gold = readFileSync(shared("gold", "seeds.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const r000 = table.find((r) => r.file.startsWith("000_"))!;
    expect(r000.unit_name).toBe(gold[0].unit_name);
    expect(r000.income_budget_yuan).toBe("19565800");
    const r003 = table.find((r) => r.file.startsWith("003_"))!;
    expect(r003.expenditure_total_yuan).toBe("10439647.7");
    expect(r003.satisfaction_ratio).toBe("0.98");
  });
  it("neutralises formulas in text cells, not in numbers", () => {
    expect(safeCell('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(safeCell("+1")).toBe("'+1");
    expect(safeCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(safeCell("-cmd")).toBe("'-cmd");
    expect(safeCell(-12.5)).toBe(-12.5);
    expect(safeCell("合水县")).toBe("合水县");
    const dir = tmp();
    const evil = join(dir, "=cmd|' calc'!A0.txt");
    copyFileSync(join(SEEDS, "004_70a4941c04d84bdd.txt"), evil);
    const db = join(dir, "j.db");
    jixiao(["import", evil, "--db", db]);
    const csv = jixiao(["export", "--db", db, "--csv", "-"]).stdout;
    const table = parse(csv.slice(1), { columns: true }) as Array<Record<string, string>>;
    expect(table[0].file.startsWith("'=")).toBe(true);
  });
  it("Chinese headers with --lang zh", () => {
    const dir = tmp();
    const db = join(dir, "j.db");
    jixiao(["import", join(SEEDS, "001_7677739c59076178.txt"), "--db", db]);
    const csv = jixiao(["export", "--db", db, "--csv", "-", "--lang", "zh"]).stdout;
    expect(csv.split("\r\n")[0]).toContain("收入预算（元）");
    const zh = parse(csv.slice(1), { to_line: 1 })[0] as string[];
    const en = parse(jixiao(["export", "--db", db, "--csv", "-"]).stdout.slice(1), { to_line: 1 })[0] as string[];
    expect(zh).toHaveLength(en.length);
    expect(zh.slice(0, 4)).toEqual(["文件", "路径", "SHA-256", "格式"]);
    expect(zh[en.indexOf("satisfaction_ratio")]).toBe("满意度（比率）");
    expect(zh[en.indexOf("staff_actual_persons")]).toBe("实有人数（人）");
    expect(zh.slice(-4)).toEqual(["标记", "人工更正的字段", "提取器版本", "导入时间"]);
  });
});

describe("CLI", () => {
  it("--help on every command, exit 0", () => {
    for (const cmd of [[], ["extract"], ["import"], ["export"], ["text"], ["list"]]) {
      const r = jixiao([...cmd, "--help"]);
      expect(r.code, cmd.join(" ")).toBe(0);
      expect(r.stdout).toContain("Usage:");
    }
  });
  it("bad usage exits 2 with a one-line reason", () => {
    const r = jixiao(["import", SEEDS]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("required option '--db <file>' not specified");
    expect(jixiao(["frobnicate"]).code).toBe(2);
  });
  it("extract exits 1 when a file fails, and still prints the others", () => {
    const r = jixiao(["extract", "--jsonl", join(SEEDS, "001_7677739c59076178.txt"), "/nonexistent/x.pdf"]);
    expect(r.code).toBe(1);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines[0].fields.unit_name.value).toBe("沅陵县明溪口镇人民政府");
    expect(lines[1]).toMatchObject({ file: "/nonexistent/x.pdf", error: "no such file or directory" });
    expect(r.stderr.trim()).toBe("/nonexistent/x.pdf: failed: no such file or directory");
  });
  it("list prints a summary table", () => {
    const db = join(tmp(), "j.db");
    jixiao(["import", SEEDS, "--db", db]);
    const r = jixiao(["list", "--db", db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("雷州市纪家镇人民政府");
    expect(r.stdout).toContain("5 documents in");
  });
});

describe("batched writes", () => {
  const table = () => {
    const db = new Database(":memory:");
    db.exec("CREATE TABLE t (n INTEGER NOT NULL CHECK (n >= 0))");
    return db;
  };
  const count = (db: Database.Database) => (db.prepare("SELECT count(*) c FROM t").get() as { c: number }).c;

  it("commits a full batch at once, and the rest when flushed", async () => {
    const db = table();
    const w = new BatchWriter(db, 3, 60_000);
    const done = [1, 2, 3, 4].map((n) => w.add(() => void db.prepare("INSERT INTO t VALUES (?)").run(n)));
    await Promise.all(done.slice(0, 3)); // the fourth stays queued: no timer has fired
    expect(count(db)).toBe(3);
    w.flush();
    await done[3];
    expect(count(db)).toBe(4);
  });

  it("commits after the delay without a flush", async () => {
    const db = table();
    const w = new BatchWriter(db, 100, 20);
    await w.add(() => void db.prepare("INSERT INTO t VALUES (1)").run());
    expect(count(db)).toBe(1);
  });

  it("fails only the document at fault: the others of its batch are committed", async () => {
    const db = table();
    const w = new BatchWriter(db, 3, 60_000);
    const results = await Promise.allSettled([1, -1, 2].map((n) => w.add(() => void db.prepare("INSERT INTO t VALUES (?)").run(n))));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason.message).toMatch(/CHECK constraint failed/);
    expect(db.prepare("SELECT n FROM t ORDER BY n").all()).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it("writes a document's rows whole or not at all (its own savepoint inside the batch)", async () => {
    const db = table();
    const w = new BatchWriter(db, 2, 60_000);
    const half = () => {
      db.prepare("INSERT INTO t VALUES (5)").run();
      db.prepare("INSERT INTO t VALUES (-5)").run(); // fails after its first row
    };
    const results = await Promise.allSettled([w.add(() => void db.prepare("INSERT INTO t VALUES (7)").run()), w.add(half)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected"]);
    expect(db.prepare("SELECT n FROM t ORDER BY n").all()).toEqual([{ n: 7 }]);
  });
});
