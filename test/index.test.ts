/**
 * The package as a crawl script sees it: imported by its name ("jixiao", through package.json's
 * `exports`), in a separate Node process, its API run on a bundled report.
 */

import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, ROOT } from "./helpers.js";

const script = (code: string) => {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
};

describe('import … from "jixiao"', () => {
  it("reads and extracts a file, imports it into a database and queries it", () => {
    const file = join(FIXTURES, "reports", "seeds", "001_7677739c59076178.txt");
    const db = join(mkdtempSync(join(tmpdir(), "jixiao-api-")), "api.db");
    const got = script(`
      import { processFile, DocumentRecord, openDb, importFiles, queryDocuments, closeDb, parseMoney } from "jixiao";
      const rec = await processFile(${JSON.stringify(file)});
      DocumentRecord.parse(rec);
      const db = openDb(${JSON.stringify(db)});
      const summary = await importFiles(db, [${JSON.stringify(file)}]);
      const rows = queryDocuments(db, { year: 2024 });
      closeDb(db);
      console.log(JSON.stringify({ unit: rec.fields.unit_name.value, score: rec.fields.self_score.value, imported: summary.imported, rows: rows.length, money: String(parseMoney("1,956.58万元").yuan) }));
    `);
    expect(got).toMatchObject({ unit: "沅陵县明溪口镇人民政府", score: 96, imported: 1, rows: 1 });
    expect(got.money).toBe("19565800");
  });

  it("exports the library API and nothing internal", () => {
    const names: string[] = script(`import * as j from "jixiao"; console.log(JSON.stringify(Object.keys(j).sort()));`);
    for (const n of [
      "processFile",
      "readDocument",
      "toRecord",
      "openDb",
      "closeDb",
      "importFiles",
      "queryDocuments",
      "search",
      "CATALOG",
      "DocumentRecord",
      "FieldValue",
      "Evidence",
      "Flag",
      "ReadError",
      "EXTRACTOR_VERSION",
      "PACKAGE_VERSION",
      "parseMoney",
    ])
      expect(names).toContain(n);
    for (const n of ["fold", "buildSections", "segment", "scoreTables", "saveRecord", "createApp", "stmt", "Dec", "resolveRegion"])
      expect(names).not.toContain(n);
  });
});
