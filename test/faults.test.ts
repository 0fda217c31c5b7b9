/**
 * Faults a nightly import meets on its database, reproduced for real: another program holding the
 * write lock longer than the busy timeout, and a full disk (a small tmpfs). The import stops cleanly
 * with one line and exit code 2, keeps every document it committed, and the next run carries on.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { FIXTURES } from "./helpers.js";
import { CLI, jixiao } from "./run.js";

const SEEDS = join(FIXTURES, "reports", "seeds");
const MANY = [join(FIXTURES, "labelled-as"), join(FIXTURES, "reports")];
const count = (db: string) => {
  const d = new Database(db, { readonly: true });
  try {
    expect(d.prepare("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
    return (d.prepare("SELECT count(*) n FROM documents WHERE status = 'ok'").get() as { n: number }).n;
  } finally {
    d.close();
  }
};

/** Runs an import; `onFirst` is called when its first document is reported. */
function importUntilDone(args: string[], onFirst: () => void): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, "import", ...args, "--no-progress"], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let fired = false;
    p.stdout.on("data", (b) => {
      stdout += b;
      if (!fired && /^imported /m.test(stdout)) {
        fired = true;
        onFirst();
      }
    });
    p.stderr.on("data", (b) => (stderr += b));
    p.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe("the database is locked by another program during an import", () => {
  it("stops with 'database is busy', exit 2, keeps what it committed; the next run carries on", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "jixiao-busy-")), "b.db");
    expect(jixiao(["import", SEEDS, "--db", db, "--no-progress"]).code).toBe(0);
    let holder: Database.Database | null = null;
    const r = await importUntilDone([...MANY, "--db", db, "--busy-timeout", "1", "--workers", "1"], () => {
      holder = new Database(db, { timeout: 5000 });
      holder.exec("BEGIN IMMEDIATE");
    });
    (holder as Database.Database | null)?.exec("ROLLBACK");
    (holder as Database.Database | null)?.close();
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim()).toBe(`${db}: database error: database is busy (another program is writing to it); try again later`);
    const kept = count(db);
    expect(kept).toBeGreaterThanOrEqual(5);
    const again = jixiao(["import", ...MANY, "--db", db, "--no-progress"]);
    expect(again.code, again.stderr).toBe(0);
    expect(count(db)).toBeGreaterThan(kept);
  }, 60_000);
});

/** A 3 MB tmpfs, where this machine lets us mount one (root in CI); null elsewhere. */
function smallDisk(): string | null {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-full-"));
  const m = spawnSync("mount", ["-t", "tmpfs", "-o", "size=3m", "tmpfs", dir]);
  return m.status === 0 ? dir : null;
}

describe("the disk fills up during an import", () => {
  const disk = smallDisk();
  it.runIf(disk)(
    "stops with 'database or disk is full', exit 2, keeps what it committed; with room again the next run carries on",
    () => {
      const dir = disk!;
      try {
        mkdirSync(join(dir, "db"));
        const db = join(dir, "db", "f.db");
        const r = jixiao(["import", ...MANY, "--db", db, "--no-progress", "--workers", "1"]);
        expect(r.code, r.stdout.slice(-500)).toBe(2);
        expect(r.stderr.trim()).toBe(`${db}: database error: database or disk is full`);
        expect(r.stderr).not.toMatch(/Unexpected message|Worker/);
        const kept = count(db);
        expect(kept).toBeGreaterThan(0);
        expect(spawnSync("mount", ["-o", "remount,size=256m", dir]).status).toBe(0);
        const again = jixiao(["import", ...MANY, "--db", db, "--no-progress"]);
        expect(again.code, again.stderr).toBe(0);
        expect(count(db)).toBeGreaterThan(kept);
      } finally {
        spawnSync("umount", [dir]);
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
