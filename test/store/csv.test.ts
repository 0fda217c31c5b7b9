/**
 * The CSV jixiao writes is read back as Excel, pandas and R read it: a line break outside quotes
 * ends a row, whatever the record delimiter. Every bundled report and some hostile file names.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES } from "../helpers.js";
import { jixiao } from "../run.js";

/** strict: every record as wide as the header, LF or CRLF ends a record outside quotes */
const strict = (csv: string) => {
  expect(csv.startsWith("\ufeff")).toBe(true);
  return parse(csv.slice(1), { record_delimiter: ["\r\n", "\n", "\r"], relax_column_count: false, relax_quotes: false }) as string[][];
};

let dir = "";
let db = "";
let docs = 0;
const NAMES = ["line\nbreak.txt", 'say "hi".txt', "=cmd|' -C calc'!A0.txt", "+1.txt", "@sum.txt", "-2.txt", "a,b.txt"];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "jixiao-csv-"));
  db = join(dir, "c.db");
  const odd = join(dir, "odd");
  mkdirSync(odd);
  // distinct contents: a hostile name on each of seven different reports
  const sources = readdirSync(join(FIXTURES, "reports", "variants", "txt")).slice(0, NAMES.length);
  // (a line of their own makes them new documents, not copies of the bundled ones)
  NAMES.forEach((n, i) =>
    writeFileSync(
      join(odd, n),
      Buffer.concat([readFileSync(join(FIXTURES, "reports", "variants", "txt", sources[i])), Buffer.from(`\n${"#".repeat(i + 1)}\n`)]),
    ),
  );
  const r = jixiao(["import", join(FIXTURES, "reports"), odd, "--db", db, "--no-progress"]);
  expect(r.code).toBe(0);
  docs = Number(/(\d+) documents in/.exec(jixiao(["list", "--db", db]).stdout)![1]);
});

describe("CSV", () => {
  it("export: one row per document, every row as wide as the header, multi-line cells quoted", () => {
    const out = join(dir, "e.csv");
    expect(jixiao(["export", "--db", db, "--csv", out]).code).toBe(0);
    const text = readFileSync(out, "utf8");
    const rows = strict(text);
    expect(rows.length - 1).toBe(docs);
    expect(docs).toBeGreaterThan(100);
    const header = rows[0];
    const problems = header.indexOf("problems");
    // some problems/measures hold line breaks, and they come back whole
    expect(rows.slice(1).some((r) => /\n/.test(r[problems]))).toBe(true);
    const names = rows.slice(1).map((r) => r[header.indexOf("file")]);
    for (const n of NAMES) expect(names).toContain(/^[=+\-@]/.test(n) ? `'${n}` : n);
  });
  it("query --format csv: the same writer", () => {
    const text = jixiao(["query", "--db", db, "--format", "csv"]).stdout;
    const rows = strict(text);
    expect(rows.length - 1).toBe(docs);
    const names = rows.slice(1).map((r) => r[0]);
    expect(names).toContain("line\nbreak.txt");
    expect(names).toContain("'=cmd|' -C calc'!A0.txt");
  });
});
