import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { basename, join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { ocrAvailable } from "../src/extract/ocr.js";
import { checkedRecord } from "../src/importer.js";
import { processFile } from "../src/pipeline.js";
import { FIXTURES } from "./helpers.js";
import { CLI, jixiao } from "./run.js";

/** `import --json` lines by the file's name. */
const byName = (stdout: string) =>
  Object.fromEntries(
    stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l))
      .map((o) => [basename(o.file), o]),
  );

/** A corpus of `n` distinct files made from the fixtures (bytes appended after the content make each unique). */
function corpus(n: number, tag = "a"): string {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-corpus-"));
  const src = ["seeds-as/pdf", "seeds-as/docx", "seeds"].flatMap((d) =>
    readdirSync(join(FIXTURES, "reports", d)).map((f) => join(FIXTURES, "reports", d, f)),
  );
  for (let i = 0; i < n; i++) {
    const s = src[i % src.length];
    const dst = join(dir, `${String(i).padStart(4, "0")}-${basename(s)}`);
    copyFileSync(s, dst);
    appendFileSync(dst, s.endsWith(".txt") ? `\n\n编号 ${tag}-${i}\n` : Buffer.from(`\n% copy ${tag}-${i}\n`));
  }
  return dir;
}

function db(file: string) {
  return new Database(file, { readonly: true });
}

describe("bulk import", () => {
  it("parallel workers: same records as one worker", () => {
    const dir = corpus(24);
    const a = join(mkdtempSync(join(tmpdir(), "j-")), "a.db");
    const b = join(mkdtempSync(join(tmpdir(), "j-")), "b.db");
    expect(jixiao(["import", dir, "--db", a, "--workers", "1"]).code).toBe(0);
    expect(jixiao(["import", dir, "--db", b, "--workers", "2"]).code).toBe(0);
    const q = "SELECT d.sha256, f.field, f.exact, f.value_text FROM field_values f JOIN documents d ON d.id = f.document_id ORDER BY 1, 2";
    const ra = db(a).prepare(q).all();
    expect(ra.length).toBeGreaterThan(24 * 5);
    expect(db(b).prepare(q).all()).toEqual(ra);
  });

  it("the JIT budget the import sets changes speed only: V8's own default gives the same records", () => {
    const dir = corpus(12, "jit");
    const q = "SELECT d.sha256, f.field, f.exact, f.value_text FROM field_values f JOIN documents d ON d.id = f.document_id ORDER BY 1, 2";
    const records = (env: Record<string, string>) => {
      const file = join(mkdtempSync(join(tmpdir(), "j-")), "v.db");
      const r = jixiao(["import", dir, "--db", file, "--workers", "1"], { env });
      expect(r.code, r.stderr).toBe(0);
      // V8 reports a flag value it cannot take on stderr ("illegal value for flag")
      expect(r.stderr).not.toMatch(/flag/i);
      return db(file).prepare(q).all();
    };
    const tuned = records({});
    expect(tuned.length).toBeGreaterThan(12 * 5);
    expect(records({ JIXIAO_V8_BUDGET: "0" })).toEqual(tuned);
    // a value that is not a whole number is ignored, not passed to V8
    expect(records({ JIXIAO_V8_BUDGET: "--expose-gc" })).toEqual(tuned);
  });

  it("SIGKILL in the middle leaves a sound database with whole documents; a re-run finishes with no duplicates", async () => {
    const dir = corpus(60);
    const file = join(mkdtempSync(join(tmpdir(), "j-")), "k.db");
    const child = spawn(process.execPath, [CLI, "import", dir, "--db", file, "--workers", "2", "--json"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let lines = 0;
    await new Promise<void>((resolve) => {
      child.stdout.on("data", (d: Buffer) => {
        lines += d.toString().split("\n").filter(Boolean).length;
        if (lines >= 10 && !child.killed) {
          child.kill("SIGKILL");
          resolve();
        }
      });
      child.on("exit", () => resolve());
    });
    await new Promise((r) => child.on("exit", r));
    expect(child.signalCode).toBe("SIGKILL");
    const d = db(file);
    expect(d.prepare("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
    const partial = d
      .prepare(
        "SELECT count(*) n FROM documents d WHERE status = 'ok' AND NOT EXISTS (SELECT 1 FROM field_values f WHERE f.document_id = d.id)",
      )
      .get() as { n: number };
    expect(partial.n).toBe(0);
    const before = (d.prepare("SELECT count(*) n FROM documents").get() as { n: number }).n;
    d.close();
    expect(before).toBeLessThan(60);
    const rerun = jixiao(["import", dir, "--db", file, "--json"]);
    expect(rerun.code).toBe(0);
    const statuses = rerun.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).status);
    expect(statuses.filter((s) => s === "unchanged").length).toBeGreaterThanOrEqual(before);
    const after = db(file);
    expect(after.prepare("SELECT count(*) n, count(DISTINCT sha256) s FROM documents").get()).toEqual({ n: 60, s: 60 });
    after.close();
  });

  it("two imports into one database at once serialise; nothing is corrupted or lost", async () => {
    const a = corpus(20);
    const b = corpus(20, "b");
    const file = join(mkdtempSync(join(tmpdir(), "j-")), "two.db");
    jixiao(["import", join(FIXTURES, "reports", "seeds"), "--db", file]);
    const run = (dir: string) =>
      new Promise<{ code: number | null; err: string }>((resolve) => {
        const p = spawn(process.execPath, [CLI, "import", dir, "--db", file, "--json"], { stdio: ["ignore", "ignore", "pipe"] });
        let err = "";
        p.stderr.on("data", (d: Buffer) => (err += d.toString()));
        p.on("exit", (code) => resolve({ code, err }));
      });
    const [ra, rb] = await Promise.all([run(a), run(b)]);
    for (const r of [ra, rb]) {
      // either it waited its turn (0) or it said the database was busy (2)
      expect([0, 2]).toContain(r.code);
      if (r.code === 2) expect(r.err).toMatch(/database is busy/);
    }
    const d = db(file);
    expect(d.prepare("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
    const n = (d.prepare("SELECT count(*) n FROM documents").get() as { n: number }).n;
    expect(n).toBe(5 + (ra.code === 0 ? 20 : 0) + (rb.code === 0 ? 20 : 0));
    d.close();
  });

  it("a file that runs past the time limit fails alone; the rest of the batch is imported", () => {
    const dir = mkdtempSync(join(tmpdir(), "j-slow-"));
    mkdirSync(join(dir, "in"));
    copyFileSync(join(FIXTURES, "scanned", "001_7677739c59076178.pdf"), join(dir, "in", "scan.pdf"));
    copyFileSync(join(FIXTURES, "reports", "seeds", "001_7677739c59076178.txt"), join(dir, "in", "report.txt"));
    const r = jixiao(["import", join(dir, "in"), "--db", join(dir, "t.db"), "--json", "--timeout", "1"]);
    const by = byName(r.stdout);
    expect(by["report.txt"].status).toBe("imported");
    expect(by["scan.pdf"].status).toBe("failed");
    // OCR of four pages takes several seconds: the limit stops it; without tesseract the scan fails at once
    expect(by["scan.pdf"].error).toBe(
      ocrAvailable().ok
        ? "timed out after 1 s"
        : "scanned PDF without a text layer: tesseract is not installed (install tesseract-ocr and tesseract-ocr-chi-sim)",
    );
    expect(r.code).toBe(1);
  });

  it("symbolic links inside folders: reported as skipped, or followed with --follow-links (no loops, broken links fail)", () => {
    const base = mkdtempSync(join(tmpdir(), "j-links-"));
    const elsewhere = corpus(3, "links");
    const dir = join(base, "in");
    mkdirSync(join(dir, "sub"), { recursive: true });
    const report = join(FIXTURES, "reports", "seeds", "001_7677739c59076178.txt");
    copyFileSync(report, join(dir, "plain.txt"));
    symlinkSync(report, join(dir, "linked.txt"));
    symlinkSync(elsewhere, join(dir, "more"));
    symlinkSync("..", join(dir, "sub", "up")); // a loop back to the top
    symlinkSync(join(base, "nothing.pdf"), join(dir, "gone.pdf"));
    const rows = (file: string) =>
      (db(file).prepare("SELECT path FROM documents WHERE status = 'ok' ORDER BY path").all() as Array<{ path: string }>).map(
        (r) => r.path,
      );

    const a = join(base, "a.db");
    const plain = jixiao(["import", dir, "--db", a, "--json", "--workers", "1"]);
    expect(plain.code, plain.stderr).toBe(0);
    const lines = plain.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(
      lines
        .filter((l) => l.status === "skipped")
        .map((l) => basename(l.file))
        .sort(),
    ).toEqual(["gone.pdf", "linked.txt", "more", "up"]);
    expect(lines.filter((l) => l.status === "imported").map((l) => basename(l.file))).toEqual(["plain.txt"]);
    expect(plain.stderr).toMatch(/4 symbolic links in folders not followed \(--follow-links reads them\)/);
    expect(rows(a)).toEqual([join(dir, "plain.txt")]);

    const b = join(base, "b.db");
    const follow = jixiao(["import", dir, "--db", b, "--follow-links", "--workers", "1"]);
    // the broken link is the one failure; the loop is walked once; linked.txt has plain.txt's bytes
    expect(follow.code).toBe(1);
    expect(follow.stdout).toMatch(/failed: .*gone\.pdf: broken symbolic link/);
    expect(follow.stdout).toMatch(/unchanged +\S*(linked|plain)\.txt +\(same content as \S*(plain|linked)\.txt\)/);
    // linked.txt comes first by name, so it is the one stored
    expect(rows(b)).toEqual([join(dir, "linked.txt"), ...readdirSync(elsewhere).map((f) => join(dir, "more", f))].sort());
  });

  it("--workers is capped at 4 per core, and says so", () => {
    const dir = mkdtempSync(join(tmpdir(), "j-workers-"));
    const r = jixiao(["import", join(FIXTURES, "reports", "seeds"), "--db", join(dir, "w.db"), "--workers", "1000", "--no-progress"]);
    expect(r.code, r.stderr).toBe(0);
    const cap = 4 * availableParallelism();
    expect(r.stderr).toContain(`--workers 1000 is more than 4 per core (${availableParallelism()} cores): using ${cap}`);
    expect(r.stdout).toContain("5 files: 5 imported");
  });

  it("a file name with a newline stays on one line of the plain log", () => {
    const dir = mkdtempSync(join(tmpdir(), "j-names-"));
    mkdirSync(join(dir, "in"));
    writeFileSync(join(dir, "in", "报告\n第二行.txt"), "某某镇人民政府2024年度部门整体支出绩效自评报告\n自评得分95分。\n");
    const r = jixiao(["import", join(dir, "in"), "--db", join(dir, "n.db"), "--workers", "1"]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^imported +"[^"]*报告\\n第二行\.txt" /);
    expect(lines[1]).toMatch(/^1 files: 1 imported/);
    // and in the tables of list: the name's newline shown as \n, one row per document
    const list = jixiao(["list", "--db", join(dir, "n.db")]);
    const rows = list.stdout.trim().split("\n");
    expect(rows).toHaveLength(4);
    expect(rows[2]).toMatch(/^报告\\n第二行\.txt +某某镇人民政府/);
  });

  it("a file that exhausts its worker's heap, or holds more text than the limit, fails alone; the next files are imported", () => {
    const dir = mkdtempSync(join(tmpdir(), "j-mem-"));
    mkdirSync(join(dir, "in"));
    const line = "某镇人民政府2024年度部门整体支出绩效自评报告。本年度支出1234.56万元，其中基本支出567.89万元。\n";
    // 1.9 million characters: under the text limit, but extraction needs ≈ 90 MB of heap
    writeFileSync(join(dir, "in", "a-long.txt"), line.repeat(Math.floor(1_900_000 / line.length)));
    // 2.1 million characters (6.3 MB): read, counted, refused before extraction
    writeFileSync(join(dir, "in", "b-longer.txt"), line.repeat(Math.floor(2_100_000 / line.length)));
    copyFileSync(join(FIXTURES, "reports", "seeds", "001_7677739c59076178.txt"), join(dir, "in", "c-report.txt"));
    const r = jixiao(["import", join(dir, "in"), "--db", join(dir, "m.db"), "--json", "--workers", "1", "--max-heap-mb", "64"]);
    const by = byName(r.stdout);
    expect(by["a-long.txt"]).toMatchObject({ status: "failed", error: "out of memory while reading (worker heap limit reached)" });
    expect(by["b-longer.txt"].status).toBe("failed");
    expect(by["b-longer.txt"].error).toMatch(/^\d{7} characters of text, more than the limit of 2000000$/);
    expect(by["c-report.txt"].status).toBe("imported");
    expect(r.code).toBe(1);
    const d = db(join(dir, "m.db"));
    expect(d.prepare("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
    // with the default heap the long (but allowed) text is read
    const ok = jixiao(["import", join(dir, "in", "a-long.txt"), "--db", join(dir, "m2.db"), "--workers", "1"]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
  });

  it("re-import of an unchanged corpus skips every file", () => {
    const dir = corpus(12);
    const file = join(mkdtempSync(join(tmpdir(), "j-")), "u.db");
    jixiao(["import", dir, "--db", file]);
    const r = jixiao(["import", dir, "--db", file]);
    expect(r.stdout).toMatch(/12 files: 0 imported, 12 unchanged, 0 failed/);
  });
});

describe("small faults, each said as it is", () => {
  it("a FIFO or a device inside a folder is skipped with a line, never opened (a FIFO would block the import)", () => {
    const dir = mkdtempSync(join(tmpdir(), "j-fifo-"));
    mkdirSync(join(dir, "in"));
    writeFileSync(join(dir, "in", "a.txt"), "某某镇人民政府2024年度部门整体支出绩效自评报告\n自评得分95分。\n");
    expect(spawnSync("mkfifo", [join(dir, "in", "pipe")]).status).toBe(0);
    const r = jixiao(["import", join(dir, "in"), "--db", join(dir, "f.db"), "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toContainEqual({ file: join(dir, "in", "pipe"), status: "skipped", reason: "a FIFO (named pipe), not a file" });
    const plain = jixiao(["import", join(dir, "in"), "--db", join(dir, "g.db")]);
    expect(plain.stdout).toMatch(/1 files: 1 imported, 0 unchanged, 0 failed \([\d.]+ s\); 1 FIFO, device or socket skipped/);
  });

  it("a symbolic-link loop is reported as a loop, not as a missing file", () => {
    const dir = mkdtempSync(join(tmpdir(), "j-loop-"));
    mkdirSync(join(dir, "in"));
    symlinkSync(join(dir, "in", "b"), join(dir, "in", "a"));
    symlinkSync(join(dir, "in", "a"), join(dir, "in", "b"));
    const named = jixiao(["import", join(dir, "in", "a"), "--db", join(dir, "l.db"), "--json"]);
    expect(JSON.parse(named.stdout.trim().split("\n")[0])).toMatchObject({
      status: "failed",
      error: "symbolic link loop (the links point at each other)",
    });
    const walked = jixiao(["import", join(dir, "in"), "--db", join(dir, "m.db"), "--json", "--follow-links"]);
    const errors = walked.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l))
      .map((l) => l.error);
    expect(errors).toEqual(["symbolic link loop (the links point at each other)", "symbolic link loop (the links point at each other)"]);
  });

  it("a read command's database error names the database file", () => {
    const dir = mkdtempSync(join(tmpdir(), "j-dberr-"));
    const file = join(dir, "d.db");
    expect(jixiao(["import", join(FIXTURES, "reports", "seeds"), "--db", file, "--no-progress"]).code).toBe(0);
    const d = new Database(file);
    d.exec("DROP TABLE flags");
    d.close();
    const r = jixiao(["show", "001_7677739c59076178.txt", "--db", file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`${file}: database error: no such table: flags`);
  });

  it("search says how many documents match, not how many it shows", () => {
    const dir = mkdtempSync(join(tmpdir(), "j-count-"));
    const file = join(dir, "s.db");
    expect(
      jixiao(["import", join(FIXTURES, "reports", "seeds"), join(FIXTURES, "reports", "variants", "txt"), "--db", file, "--no-progress"])
        .code,
    ).toBe(0);
    const all = jixiao(["search", "预算", "--db", file, "--json", "--limit", "100"]).stdout.trim().split("\n").length;
    expect(all).toBeGreaterThan(5);
    expect(jixiao(["search", "预算", "--db", file, "--limit", "2"]).stdout.trim().split("\n").pop()).toBe(
      `${all} documents match; the first 2 shown (--limit for more)`,
    );
  });
});

describe("a worker's record is parsed before it is stored", () => {
  const file = join(FIXTURES, "reports", "seeds", "003_cfc37400837c5c83.txt");
  it("a record as the pipeline makes it passes, unchanged", async () => {
    const record = await processFile(file);
    expect(checkedRecord(record)).toEqual({ record });
  });
  it("one that does not match names the first field that does not, in one line", async () => {
    const record = await processFile(file);
    const bad = { ...record, fields: { ...record.fields, self_score: { ...record.fields.self_score!, confidence: "high" } } };
    const r = checkedRecord(bad);
    expect(r).toEqual({
      error: expect.stringMatching(/^internal error: the record does not match its schema \(fields\.self_score\.confidence: .+\)$/),
    });
    expect(checkedRecord({ ...record, sha256: 5 })).toEqual({ error: expect.stringContaining("(sha256: ") });
    expect(checkedRecord(null)).toEqual({ error: expect.stringContaining("internal error") });
  });
});
