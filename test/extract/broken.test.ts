import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { checkZip, zipEntries } from "../../src/extract/zip.js";
import { readFileSync, readdirSync } from "node:fs";
import { FIXTURES } from "../helpers.js";
import { jixiao } from "../run.js";

const BROKEN = join(FIXTURES, "broken");

describe("a folder of broken and odd files", () => {
  it("accounts for every file: readable ones imported, the others failed with a one-line reason; memory bounded", () => {
    const db = join(mkdtempSync(join(tmpdir(), "jixiao-broken-")), "j.db");
    const r = jixiao(["import", BROKEN, "--db", db, "--json"], { env: { JIXIAO_REPORT_RSS: "1" } });
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { file: string; status: string; error?: string });
    const byName = Object.fromEntries(lines.map((l) => [l.file.split("/").pop()!, l]));
    expect(Object.keys(byName).sort()).toEqual(readdirSync(BROKEN).sort());
    expect(byName["empty.pdf"]).toMatchObject({ status: "failed", error: "empty file" });
    expect(byName["encrypted.pdf"]).toMatchObject({ status: "failed", error: "encrypted PDF, password required" });
    expect(byName["zip-bomb.docx"].error).toMatch(/^zip bomb: word\/document\.xml inflates \d+×/);
    expect(byName["not-word.docx"].error).toBe("zip archive that is not a Word document (no word/document.xml)");
    expect(byName["random-bytes.docx"].error).toBe("unrecognised binary file (not PDF, Word, HTML or text)");
    expect(byName["truncated.docx"].error).toMatch(/damaged zip archive/);
    expect(byName["truncated.pdf"].status).toBe("failed");
    expect(byName["really-a-pdf.docx"].status).toBe("imported");
    expect(byName["really-html.doc"].status).toBe("imported");
    expect(byName["gbk-report.txt"].status).toBe("imported");
    // three odd names with the same content: one document
    const odd = ["报告 (最终版) $HOME;echo x.txt", "it's \"quoted\" & <tagged>.txt", "-starts-with-dash.txt"].map((n) => byName[n].status).sort();
    expect(odd).toEqual(["imported", "unchanged", "unchanged"]);
    for (const l of lines) if (l.error) expect(l.error).not.toMatch(/\n/);
    const rss = Number(/maxrss_kb=(\d+)/.exec(r.stderr)?.[1]);
    expect(rss).toBeGreaterThan(0);
    expect(rss).toBeLessThan(1024 * 1024);
    const d = new Database(db, { readonly: true });
    expect(d.prepare("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
    expect(d.prepare("SELECT count(*) n FROM documents WHERE status = 'ok'").get()).toEqual({ n: 4 });
    expect(d.prepare("SELECT f.value_text FROM field_values f JOIN documents d ON d.id = f.document_id WHERE d.file_name = 'gbk-report.txt' AND f.field = 'unit_name'").get()).toEqual({ value_text: "南漳县卫生健康局" });
    d.close();
  });
});

describe("zip directory checks", () => {
  it("lists a .docx without inflating it", () => {
    const names = zipEntries(readFileSync(join(FIXTURES, "reports", "seeds-as", "docx", "001_7677739c59076178.docx"))).map((e) => e.name);
    expect(names).toContain("word/document.xml");
  });
  it("refuses a bomb by its declared sizes", () => {
    expect(() => checkZip(readFileSync(join(BROKEN, "zip-bomb.docx")))).toThrow(/zip bomb/);
    expect(() => checkZip(readFileSync(join(BROKEN, "not-word.docx")), { maxTotal: 10, maxRatio: 200, maxEntries: 10 })).toThrow(/more than the limit of 10/);
  });
});
