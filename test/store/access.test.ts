/**
 * Whose database it is, and who may only read it: read commands work on a file the user cannot
 * write (another user's, as on a read-only mount), and jixiao refuses — before writing anything —
 * another application's SQLite file or a newer jixiao's.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { FIXTURES } from "../helpers.js";
import { CLI, jixiao } from "../run.js";

const SEEDS = join(FIXTURES, "reports", "seeds");
const asRoot = process.getuid?.() === 0;

/** Runs the CLI without the right to write the file: as `nobody` when we are root (root ignores file permissions). */
function asNobody(args: string[]) {
  if (!asRoot) return jixiao(args);
  const r = spawnSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, CLI, ...args], {
    encoding: "utf8",
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe("a database the user may only read", () => {
  it("list, query, show, search and export work on a file and folder without write permission", () => {
    const dir = mkdtempSync(join(tmpdir(), "jixiao-ro-"));
    chmodSync(dir, 0o755);
    const db = join(dir, "r.db");
    expect(jixiao(["import", SEEDS, "--db", db, "--no-progress"]).code).toBe(0);
    chmodSync(db, 0o444);
    chmodSync(dir, 0o555);
    try {
      expect(asNobody(["list", "--db", db]).stdout).toContain("5 documents in");
      expect(asNobody(["query", "--db", db, "--format", "jsonl"]).stdout.trim().split("\n")).toHaveLength(5);
      expect(asNobody(["show", "001_7677739c59076178.txt", "--db", db]).code).toBe(0);
      expect(asNobody(["search", "三公", "--db", db]).code).toBe(0);
      const e = asNobody(["export", "--db", db, "--csv", "-"]);
      expect(e.code, e.stderr).toBe(0);
      expect(e.stdout.split("\r\n").filter(Boolean)).toHaveLength(6);
      // writing is refused with the reason, not half done
      const w = asNobody(["import", SEEDS, "--db", db, "--no-progress"]);
      expect(w.code).toBe(2);
      expect(w.stderr).toMatch(/readonly|read-only|permission/i);
    } finally {
      chmodSync(dir, 0o755);
    }
  });
});

describe("a database that is not jixiao's", () => {
  it("another application's SQLite file is refused, byte for byte untouched", () => {
    const dir = mkdtempSync(join(tmpdir(), "jixiao-foreign-"));
    const file = join(dir, "app.db");
    const other = new Database(file);
    other.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users(name) VALUES ('a');");
    other.close();
    const before = readFileSync(file);
    for (const args of [
      ["import", SEEDS, "--db", file, "--no-progress"],
      ["reextract", "--db", file],
      ["list", "--db", file],
    ]) {
      const r = jixiao(args);
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr).toContain("not a jixiao database (it holds other tables: users); nothing was changed");
    }
    expect(readFileSync(file).equals(before)).toBe(true);
  });
  it("a file with another application_id is refused", () => {
    const dir = mkdtempSync(join(tmpdir(), "jixiao-foreign-"));
    const file = join(dir, "app.db");
    const other = new Database(file);
    other.pragma("application_id = 1234");
    other.close();
    const r = jixiao(["import", SEEDS, "--db", file, "--no-progress"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("application_id 1234");
  });
  it("a newer jixiao's database is not downgraded", () => {
    const dir = mkdtempSync(join(tmpdir(), "jixiao-newer-"));
    const file = join(dir, "j.db");
    expect(jixiao(["import", SEEDS, "--db", file, "--no-progress"]).code).toBe(0);
    const d = new Database(file);
    d.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
    d.close();
    const copy = join(dir, "copy.db");
    copyFileSync(file, copy);
    const r = jixiao(["import", join(FIXTURES, "reports", "variants", "txt"), "--db", file, "--no-progress"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("made by a newer jixiao (schema 99; this version knows schema 2); nothing was changed");
    expect(readFileSync(file).equals(readFileSync(copy))).toBe(true);
  });
});
