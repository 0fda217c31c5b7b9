import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { readDocument } from "../../src/extract/read.js";
import { capNesting } from "../../src/extract/readers/nesting.js";
import { checkZip, zipEntries } from "../../src/extract/zip.js";
import { FIXTURES } from "../helpers.js";
import { jixiao } from "../run.js";

const BROKEN = join(FIXTURES, "broken");

describe("a folder of broken and odd files", () => {
  it("accounts for every file: readable ones imported, the others failed with a one-line reason; memory bounded", () => {
    const db = join(mkdtempSync(join(tmpdir(), "jixiao-broken-")), "j.db");
    const r = jixiao(["import", BROKEN, "--db", db, "--json"], { env: { JIXIAO_REPORT_RSS: "1" } });
    expect(r.code).toBe(1);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { file: string; status: string; error?: string });
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
    // sector chains that go round in a circle or leave the file (scripts/make-broken-ole.mjs): before the
    // check, the looping ones aborted the whole process (V8 "invalid size", exit 133) before any line was written
    expect(byName["ole-loop.doc"]).toMatchObject({
      status: "failed",
      error: "corrupt .doc (OLE2): the sector chain of the stream 1Table loops",
    });
    expect(byName["ole-tiny-loop.doc"]).toMatchObject({
      status: "failed",
      error: "corrupt .doc (OLE2): the sector chain of the directory loops",
    });
    expect(byName["ole-beyond.doc"].error).toMatch(/^corrupt \.doc \(OLE2\): the FAT points at sector \d+, beyond the file's 58 sectors$/);
    // three odd names with the same content: one document
    const odd = ["报告 (最终版) $HOME;echo x.txt", 'it\'s "quoted" & <tagged>.txt', "-starts-with-dash.txt"]
      .map((n) => byName[n].status)
      .sort();
    expect(odd).toEqual(["imported", "unchanged", "unchanged"]);
    for (const l of lines) if (l.error) expect(l.error).not.toMatch(/\n/);
    const rss = Number(/maxrss_kb=(\d+)/.exec(r.stderr)?.[1]);
    expect(rss).toBeGreaterThan(0);
    expect(rss).toBeLessThan(1024 * 1024);
    const d = new Database(db, { readonly: true });
    expect(d.prepare("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
    // nested 20 000 and 50 000 levels deep (scripts/make-broken-deep.py): read in well under a second, with a warning
    for (const f of ["deep-nesting.html", "deep-nesting.docx", "embedded-image.html"]) expect(byName[f].status, f).toBe("imported");
    // fonts without their ToUnicode maps (scripts/make-garbled-pdf.mjs): garbage in every engine, so read by OCR, and flagged
    for (const f of ["no-tounicode.pdf", "no-tounicode-2.pdf"]) expect(byName[f].status, f).toBe("imported");
    expect(
      d
        .prepare(
          "SELECT count(*) n FROM flags f JOIN documents d ON d.id = f.document_id WHERE d.file_name LIKE 'no-tounicode%' AND f.message LIKE 'text_layer_garbled:%'",
        )
        .get(),
    ).toEqual({ n: 2 });
    // a report with terminal escape sequences in it is a report (what reaches a terminal is escaped: test/terminal.test.ts)
    expect(byName["escape-sequences.txt"].status).toBe("imported");
    expect(d.prepare("SELECT count(*) n FROM documents WHERE status = 'ok'").get()).toEqual({ n: 10 });
    expect(
      d
        .prepare(
          "SELECT count(*) n FROM flags f JOIN documents d ON d.id = f.document_id WHERE d.file_name LIKE 'deep-nesting.%' AND f.message LIKE 'deep_nesting:%'",
        )
        .get(),
    ).toEqual({ n: 2 });
    expect(
      d
        .prepare(
          "SELECT f.value_text FROM field_values f JOIN documents d ON d.id = f.document_id WHERE d.file_name = 'deep-nesting.docx' AND f.field = 'unit_name'",
        )
        .get(),
    ).toEqual({ value_text: "沅陵县明溪口镇人民政府" });
    expect(
      d
        .prepare(
          "SELECT f.value_text FROM field_values f JOIN documents d ON d.id = f.document_id WHERE d.file_name = 'gbk-report.txt' AND f.field = 'unit_name'",
        )
        .get(),
    ).toEqual({ value_text: "南漳县卫生健康局" });
    d.close();
  });
});

describe("markup nested far too deep", () => {
  it("keeps the outer levels and the innermost ones, drops the wrappers in between", () => {
    const src = `<body>${"<div>".repeat(40)}<p><b>text</b></p>${"</div>".repeat(40)}<p>after</p></body>`;
    const { text, dropped } = capNesting(src, true, 16);
    // divs deeper than 8 with more than 8 levels below them (<b> counts, <p> has an implied end and does not): div 8 … div 32
    expect(dropped).toBe(2 * 25);
    expect(text).toContain("<p><b>text</b></p>");
    expect(text.startsWith(`<body>${"<div>".repeat(7)}`)).toBe(true);
    expect(capNesting("<a><b><c/></b></a>", false, 16)).toEqual({ text: "<a><b><c/></b></a>", dropped: 0 });
  });
  it("a page is judged by its text, not by the image embedded in it", async () => {
    const page = readFileSync(join(BROKEN, "embedded-image.html"));
    // a limit the page's bytes exceed (its image is 400 KB), its markup and text do not
    const doc = await readDocument(page, { maxTextChars: 20_000 });
    expect(doc.blocks.length).toBeGreaterThan(10);
    await expect(
      readDocument(Buffer.concat([page, Buffer.from(`<p>${"很长的正文".repeat(60_000)}</p>`)]), { maxTextChars: 20_000 }),
    ).rejects.toThrow(/the limit/);
  });
});

describe("zip directory checks", () => {
  it("lists a .docx without inflating it", () => {
    const names = zipEntries(readFileSync(join(FIXTURES, "reports", "seeds-as", "docx", "001_7677739c59076178.docx"))).map((e) => e.name);
    expect(names).toContain("word/document.xml");
  });
  it("refuses a bomb by its declared sizes", () => {
    expect(() => checkZip(readFileSync(join(BROKEN, "zip-bomb.docx")))).toThrow(/zip bomb/);
    expect(() => checkZip(readFileSync(join(BROKEN, "not-word.docx")), { maxTotal: 10, maxRatio: 200, maxEntries: 10 })).toThrow(
      /more than the limit of 10/,
    );
  });
});

describe("text size limit: a document too big to extract safely is refused, not left to exhaust memory", () => {
  const seed = (kind: string) => {
    const dir = join(FIXTURES, "reports", "seeds-as", kind);
    return readFileSync(join(dir, readdirSync(dir).sort()[0]));
  };

  it("every format stops at maxTextChars with a too_long error", async () => {
    const { readDocument } = await import("../../src/extract/read.js");
    const { ReadError } = await import("../../src/errors.js");
    for (const kind of ["pdf", "pdf-cid", "docx", "html", "doc"]) {
      const buf = seed(kind);
      // the same file reads under the default limit
      expect((await readDocument(buf)).blocks.length, kind).toBeGreaterThan(5);
      const err = await readDocument(buf, { maxTextChars: 100 }).catch((e: unknown) => e);
      expect(err, kind).toBeInstanceOf(ReadError);
      expect((err as InstanceType<typeof ReadError>).code, kind).toBe("too_long");
      expect((err as Error).message, kind).toMatch(/100/);
    }
    // text files: refused unread when even 4 bytes a character would exceed the limit, else counted
    const txt = Buffer.from("某镇人民政府部门整体支出绩效自评报告。\n".repeat(20));
    await expect(readDocument(txt, { maxTextChars: 100 })).rejects.toThrow(/^text file of 0\.0 MB: more than 100 characters, the limit$/);
    await expect(readDocument(txt, { maxTextChars: 300 })).rejects.toThrow(/^380 characters of text, more than the limit of 300$/);
  });
});
