/**
 * The structure pass (structure.ts) that every format goes through at the end of reading: control
 * characters dropped, flattened tables rebuilt — the same for a text, a web page, a .docx and a PDF.
 */
import { describe, expect, it } from "vitest";
import { readDocument } from "../../src/extract/read.js";
import { recoverStructure, stripControls } from "../../src/extract/structure.js";
import type { Block, DocModel } from "../../src/model.js";
import { pdfOf, text } from "./pdffile.js";
import { zipOf } from "./zipfile.js";

const show = (blocks: Block[]) =>
  blocks.map((b) => (b.kind === "paragraph" ? b.text : `[${b.rows.map((r) => r.map((c) => c.text).join("|")).join(" / ")}]`));
const para = (t: string, page: number | null = null): Block => ({ kind: "paragraph", text: t, page });
const model = (format: DocModel["format"], blocks: Block[]): DocModel => ({ format, pages: null, engine: "test", messages: [], blocks });

const FORM = ["某县水利局", "人员编制", "42", "实有人数", "39"];
const FORM_TABLE = ["某县水利局", "[人员编制|42 / 实有人数|39]"];

describe("control characters", () => {
  it("are dropped from paragraphs and cells; tab and newline stay", () => {
    expect(stripControls("a\u001b[31mb\u0000c\u007fd\te\nf\u000c")).toBe("a[31mbcd\te\nf");
    const doc = recoverStructure(
      model("txt", [para("自评\u0007得分96分"), { kind: "table", page: null, rows: [[{ text: "合\u0001计", colspan: 1, rowspan: 1 }]] }]),
    );
    expect(show(doc.blocks)).toEqual(["自评得分96分", "[合计]"]);
  });
  it("a paragraph of nothing but control characters goes", () => {
    expect(show(recoverStructure(model("txt", [para("一"), para("\u0000\u0001"), para("二")])).blocks)).toEqual(["一", "二"]);
  });
  it("leave no trace in what a file reads as", async () => {
    const doc = await readDocument(Buffer.from("报告\u001b[1m\n自评得分\u001b[0m96分\n"));
    expect(show(doc.blocks)).toEqual(["报告[1m", "自评得分[0m96分"]);
  });
});

describe("flattened tables, whatever the format", () => {
  it("is a pure pass: the reader's model is not changed, and a second pass changes nothing", () => {
    const m = model(
      "docx",
      FORM.map((t) => para(t)),
    );
    const once = recoverStructure(m);
    expect(show(m.blocks)).toEqual(FORM);
    expect(show(once.blocks)).toEqual(FORM_TABLE);
    expect(recoverStructure(once)).toEqual(once);
  });
  it("text", async () => {
    expect(show((await readDocument(Buffer.from(FORM.join("\n")))).blocks)).toEqual(FORM_TABLE);
  });
  it("a web page", async () => {
    const html = `<html><body>${FORM.map((t) => `<p>${t}</p>`).join("")}</body></html>`;
    expect(show((await readDocument(Buffer.from(html))).blocks)).toEqual(FORM_TABLE);
  });
  it("a .docx, one paragraph a cell", async () => {
    const body = FORM.map((t) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`).join("");
    const buf = zipOf([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "word/document.xml", data: `<?xml version="1.0"?><w:document><w:body>${body}</w:body></w:document>` },
    ]);
    expect(show((await readDocument(buf)).blocks)).toEqual(FORM_TABLE);
  });
  it("a PDF, one line a cell", async () => {
    // (a last line of only a number would be a page number: a sentence follows the form)
    const buf = pdfOf([{ ops: [...FORM, "以上为基本情况。"].map((t, i) => text(72, 100 + i * 40, t)) }]);
    expect(show((await readDocument(buf)).blocks)).toEqual([...FORM_TABLE, "以上为基本情况。"]);
  });
});
