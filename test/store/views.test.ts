/**
 * The records view and its stored copy for the review pages (records_cache): the copy equals the
 * view after every kind of write — jixiao's own, and a researcher's with plain SQL — and the view
 * reads each document by index lookups whatever the statistics say.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { syncRecords } from "../../src/store/views.js";
import { FIXTURES } from "../helpers.js";
import { jixiao } from "../run.js";

let db = "";
const SEEDS = join(FIXTURES, "reports", "seeds");
beforeAll(() => {
  db = join(mkdtempSync(join(tmpdir(), "jixiao-views-")), "v.db");
  expect(jixiao(["import", SEEDS, "--db", db, "--no-progress"]).code).toBe(0);
});

const rows = (d: Database.Database, rel: string) => d.prepare(`SELECT * FROM ${rel} ORDER BY id`).all();
const pending = (d: Database.Database) => (d.prepare("SELECT count(*) AS n FROM records_dirty").get() as { n: number }).n;

describe("records_cache", () => {
  it("equals the records view after jixiao's writes and after plain SQL", () => {
    const d = new Database(db);
    try {
      expect(syncRecords(d)).toBe("records_cache");
      expect(rows(d, "records_cache")).toEqual(rows(d, "records"));
      const first = d.prepare("SELECT id, sha256, file FROM records ORDER BY id LIMIT 1").get() as {
        id: number;
        sha256: string;
        file: string;
      };
      // a researcher's correction, written with SQL
      d.prepare(
        "INSERT INTO corrections (sha256, field, action, value_text, raw, at) VALUES (?, 'grade', 'set', '差', '差', '2026-01-01')",
      ).run(first.sha256);
      expect(pending(d)).toBe(1);
      expect(syncRecords(d)).toBe("records_cache");
      expect(pending(d)).toBe(0);
      expect(d.prepare("SELECT grade, corrected_fields FROM records_cache WHERE id = ?").get(first.id)).toEqual({
        grade: "差",
        corrected_fields: "grade",
      });
      expect(rows(d, "records_cache")).toEqual(rows(d, "records"));
      // the review undone, a value changed in place, a document deleted
      d.prepare("UPDATE corrections SET undone = 1").run();
      d.prepare("UPDATE field_values SET value_num = 12 WHERE field = 'staff_actual'").run();
      const last = d.prepare("SELECT max(id) AS id FROM documents").get() as { id: number };
      d.prepare("DELETE FROM documents WHERE id = ?").run(last.id);
      syncRecords(d);
      expect(rows(d, "records_cache")).toEqual(rows(d, "records"));
      expect(d.prepare("SELECT count(*) AS n FROM records_cache WHERE id = ?").get(last.id)).toEqual({ n: 0 });
    } finally {
      d.close();
    }
    // jixiao's own writes: a forced re-import, a re-extraction, a review
    expect(jixiao(["import", SEEDS, "--db", db, "--force", "--no-progress"]).code).toBe(0);
    expect(jixiao(["reextract", "--all", "--db", db]).code).toBe(0);
    expect(jixiao(["review", "002_ead4207e0aef5641.txt", "self_score", "--set", "88分", "--db", db]).code).toBe(0);
    const e = new Database(db);
    try {
      expect(pending(e)).toBeGreaterThan(0);
      syncRecords(e);
      expect(rows(e, "records_cache")).toEqual(rows(e, "records"));
      expect(e.prepare("SELECT self_score_points FROM records_cache WHERE file = '002_ead4207e0aef5641.txt'").get()).toEqual({
        self_score_points: 88,
      });
    } finally {
      e.close();
    }
  });

  it("a connection that cannot write reads the view while changes are pending", () => {
    const w = new Database(db);
    w.prepare(
      "UPDATE field_values SET value_num = 2020 WHERE field = 'fiscal_year' AND document_id = (SELECT min(id) FROM documents)",
    ).run();
    w.close();
    const r = new Database(db, { readonly: true });
    try {
      expect(syncRecords(r)).toBe("records");
      expect(pending(r)).toBe(1);
    } finally {
      r.close();
    }
  });

  it("the records view reads one document by index lookups, also after ANALYZE with few corrections", () => {
    const d = new Database(db);
    try {
      d.exec("ANALYZE");
      const plan = (d.prepare("EXPLAIN QUERY PLAN SELECT * FROM records WHERE id = 1").all() as Array<{ detail: string }>)
        .map((p) => p.detail)
        .join("\n");
      expect(plan).not.toMatch(/SCAN (v|cv|field_values|corrections|c)\b/);
      expect(plan).not.toContain("CO-ROUTINE current_values");
    } finally {
      d.close();
    }
  });
});
