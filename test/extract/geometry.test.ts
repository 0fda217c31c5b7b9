/**
 * evidence.bbox: where a value sits on its PDF page. Checked against MuPDF's own text search
 * (Page.search, which knows nothing of our glyph lists) on the bundled PDFs and the real ones.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toRecord } from "../../src/extract/extract.js";
import { attachGlyphs, type Box, GlyphCollector, glyphsOf, locate, locateValues } from "../../src/extract/geometry.js";
import { readDocument } from "../../src/extract/read.js";
import { loadMupdf } from "../../src/extract/readers/pdf.js";
import type { DocModel, FieldValue } from "../../src/model.js";
import { FIXTURES, shared } from "../helpers.js";

/** one glyph per character, 10 pt wide, one line per string, 20 pt apart */
function page(lines: string[], pageNo = 1) {
  const g = new GlyphCollector();
  lines.forEach((l, y) => [...l].forEach((c, x) => g.add(c, 10 * x, 20 * y, 10 * x + 10, 20 * y + 12)));
  return g.done(pageNo, 600, 800);
}

describe("locate: a value's box among a page's glyphs", () => {
  it("finds the characters as written and boxes them", () => {
    const p = page(["一、基本情况", "年度预算支出为1,956.58万元。"]);
    expect(locate([p], [1], "1,956.58万元", "年度预算支出为", "。")).toEqual({ page: 1, bbox: [70, 20, 170, 32] });
  });
  it("tells two occurrences apart by the text around the value", () => {
    const p = page(["收入合计100.00万元", "支出合计100.00万元"]);
    expect(locate([p], [1], "100.00万元", "支出合计", "")!.bbox[1]).toBe(20);
    expect(locate([p], [1], "100.00万元", "收入合计", "")!.bbox[1]).toBe(0);
  });
  it("compares folded characters without spaces: full-width, traditional, letter-spaced", () => {
    const p = page(["編制人數 ３ ２ 人"]);
    const hit = locate([p], [1], "32人", "编制人数", "");
    // ３ is the 6th glyph (after a space), 人 the 10th
    expect(hit?.bbox).toEqual([50, 0, 100, 12]);
  });
  it("spans lines when the value breaks over two", () => {
    const p = page(["支出总额为1,2", "34.56万元"]);
    expect(locate([p], [1], "1,234.56万元", "支出总额为", "")!.bbox).toEqual([0, 0, 80, 32]);
  });
  it("tries the next page (a paragraph running over a page break), and gives nothing when the value is on neither", () => {
    const pages = [page(["第一页"], 1), page(["得分95.5分"], 2), page(["得分88分"], 3)];
    expect(locate(pages, [1, 2], "95.5分", "得分", "")?.page).toBe(2);
    expect(locate(pages, [1, 2], "88分", "得分", "")).toBeNull();
  });
});

describe("locate: more of its rules", () => {
  it("a run of text in one box shares the width out evenly; boxes are rounded to 0.1 pt", () => {
    const g = new GlyphCollector();
    g.addRun("甲乙丙", 0, 0, 10, 12);
    g.addRun("", 50, 0, 60, 12);
    g.addRun("丁", 20, 0, 30, 12);
    const p = g.done(1, 600, 800);
    expect(p.chars).toEqual(["甲", "乙", "丙", "丁"]);
    expect(locate([p], [1], "乙", "甲", "丙")?.bbox).toEqual([3.3, 0, 6.7, 12]);
    expect(locate([p], [1], "丁", "", "")?.bbox).toEqual([20, 0, 30, 12]);
  });
  it("a value of spaces only has no box", () => {
    expect(locate([page(["a b"])], [1], "  ", "a", "b")).toBeNull();
  });
  it("the text after the value counts as the text before it does", () => {
    const p = page(["100元收入", "100元支出"]);
    expect(locate([p], [1], "100元", "", "支出")!.bbox[1]).toBe(20);
    expect(locate([p], [1], "100元", "", "收入")!.bbox[1]).toBe(0);
    // equally good: the first
    expect(locate([p], [1], "100元", "", "")!.bbox[1]).toBe(0);
  });
  it("only the 24 characters next to the value are compared", () => {
    const same = "乙".repeat(24);
    const p = page([`甲${same}100元${same}甲`, `丙${same}100元${same}丙`]);
    expect(locate([p], [1], "100元", `丙${same}`, "")!.bbox[1]).toBe(0);
    expect(locate([p], [1], "100元", "", `${same}丙`)!.bbox[1]).toBe(0);
    expect(locate([p], [1], "100元", `丙${"乙".repeat(23)}`, "")!.bbox[1]).toBe(0);
  });
  it("a page number with no glyphs is passed over", () => {
    expect(locate([page(["得分95分"], 2)], [1, 2], "95分", "得分", "")?.page).toBe(2);
  });
  it("a value at the very start or end of a page", () => {
    const p = page(["95分"]);
    expect(locate([p], [1], "95分", "得分", "。")?.bbox).toEqual([0, 0, 30, 12]);
  });
});

describe("locateValues", () => {
  const fv = (raw: string, start: number, page: number | null): FieldValue => ({
    value: raw,
    raw,
    unit: "text",
    confidence: 1,
    rule: "t",
    evidence: { start, end: start + raw.length, page, section: "", text: raw },
  });
  const doc = (): DocModel => ({ format: "pdf", pages: 2, engine: "test", messages: [], blocks: [] });
  it("boxes each value on its page or the next, and corrects the page", () => {
    const d = doc();
    attachGlyphs(d, [page(["收入合计100万元"], 1), page(["支出合计100万元"], 2)]);
    expect(glyphsOf(d)).toHaveLength(2);
    const clean = "收入合计100万元\n支出合计100万元";
    const fields = { a: fv("100万元", 4, 1), b: fv("支出合计", 10, 1), c: fv("200万元", 4, 1), d: fv("100万元", 4, null), e: null };
    locateValues(d, fields, clean);
    expect(fields.a.evidence).toMatchObject({ page: 1, bbox: [40, 0, 90, 12] });
    expect(fields.b.evidence).toMatchObject({ page: 2, bbox: [0, 0, 40, 12] });
    expect(fields.c.evidence.bbox).toBeUndefined();
    expect(fields.d.evidence.bbox).toBeUndefined();
  });
  it("a label further away than the 24 characters compared does not tell two occurrences apart: the first is taken", () => {
    const d = doc();
    const far = "乙".repeat(30);
    attachGlyphs(d, [page([`收入合计${far}100万元`, `支出合计${far}100万元`], 1)]);
    const clean = `收入合计${far}100万元\n支出合计${far}100万元`;
    const at = clean.lastIndexOf("100万元");
    const fields = { a: fv("100万元", at, 1) };
    locateValues(d, fields, clean);
    expect(fields.a.evidence.bbox?.[1]).toBe(0);
    // nearer, it does
    const near = doc();
    attachGlyphs(near, [page(["收入合计100万元", "支出合计100万元"], 1)]);
    const b = { a: fv("100万元", 14, 1) };
    locateValues(near, b, "收入合计100万元\n支出合计100万元");
    expect(b.a.evidence.bbox?.[1]).toBe(20);
  });
  it("a document without glyphs (a model read back from the store) is left alone", () => {
    const fields = { a: fv("100万元", 0, 1) };
    locateValues(doc(), fields, "100万元");
    expect(fields.a.evidence.bbox).toBeUndefined();
    const empty = doc();
    attachGlyphs(empty, []);
    locateValues(empty, fields, "100万元");
    expect(fields.a.evidence.bbox).toBeUndefined();
  });
  it("a value without raw text is not looked for", () => {
    const d = doc();
    attachGlyphs(d, [page(["x"], 1)]);
    const fields = { a: { ...fv("x", 0, 1), raw: "" } };
    locateValues(d, fields, "x");
    expect(fields.a.evidence.bbox).toBeUndefined();
  });
});

const overlap = (a: Box, b: Box) =>
  Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0])) * Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
const area = (a: Box) => (a[2] - a[0]) * (a[3] - a[1]);

async function checkAgainstMupdf(file: string): Promise<{ values: number; boxed: number; checked: number }> {
  const buf = readFileSync(file);
  const doc = await readDocument(buf, { ocr: false });
  const rec = toRecord(file, buf, doc);
  const mupdf = await loadMupdf();
  const pdf = mupdf.Document.openDocument(buf, "application/pdf");
  let values = 0;
  let boxed = 0;
  let checked = 0;
  try {
    for (const [field, v] of Object.entries(rec.fields)) {
      if (!v || v.evidence.page === null) continue;
      values++;
      const bbox = v.evidence.bbox;
      if (!bbox) continue;
      boxed++;
      const pg = pdf.loadPage(v.evidence.page - 1);
      try {
        const [ox, oy] = pg.getBounds();
        // MuPDF's search for the figure of a one-line value must have a hit inside our box
        const needle = /^\s*([\d,.]*\d)\s*[%万元亿千人名分个]*$/.exec(v.raw)?.[1];
        if (bbox[3] - bbox[1] > 30 || !needle) continue;
        checked++;
        const hits = pg.search(needle, "").map((quads) => {
          const xs = quads.flatMap((q) => [q[0], q[2], q[4], q[6]]);
          const ys = quads.flatMap((q) => [q[1], q[3], q[5], q[7]]);
          return [Math.min(...xs) - ox, Math.min(...ys) - oy, Math.max(...xs) - ox, Math.max(...ys) - oy] as Box;
        });
        const best = Math.max(0, ...hits.map((h) => overlap(h, bbox) / Math.min(area(h), area(bbox))));
        expect(best, `${file} ${field} ${v.raw} ${JSON.stringify(bbox)} vs ${JSON.stringify(hits)}`).toBeGreaterThan(0.6);
      } finally {
        pg.destroy();
      }
    }
  } finally {
    pdf.destroy();
  }
  return { values, boxed, checked };
}

describe("evidence.bbox on real and bundled PDFs", () => {
  it("boxes the values of the bundled PDFs where MuPDF's own search finds them", async () => {
    const dir = join(FIXTURES, "reports", "variants", "pdf-cid");
    let values = 0;
    let boxed = 0;
    let checked = 0;
    for (const f of readdirSync(dir).filter((f) => f.endsWith(".pdf"))) {
      const r = await checkAgainstMupdf(join(dir, f));
      values += r.values;
      boxed += r.boxed;
      checked += r.checked;
    }
    expect(values).toBeGreaterThan(100);
    expect(boxed / values).toBeGreaterThan(0.95);
    expect(checked).toBeGreaterThan(30);
  });
  it("boxes the values of real 部门预算 and 决算 PDFs", async () => {
    const files = [
      ...readdirSync(shared("real-dev", "budget"))
        .filter((f) => f.endsWith(".pdf"))
        .slice(0, 6)
        .map((f) => shared("real-dev", "budget", f)),
      shared("realpdf", "putuo-czj-2024-juesuan.pdf"),
    ];
    let values = 0;
    let boxed = 0;
    let checked = 0;
    for (const f of files) {
      const r = await checkAgainstMupdf(f);
      values += r.values;
      boxed += r.boxed;
      checked += r.checked;
    }
    expect(boxed / values).toBeGreaterThan(0.85);
    expect(checked).toBeGreaterThan(30);
  }, 60_000);
});
