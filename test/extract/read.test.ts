/**
 * readDocument's limits (read.ts) in process, on small inputs with small limits: the file size, text
 * refused unread when its bytes alone exceed the character limit, an HTML page judged without its
 * embedded data, and the characters of the document read.
 */
import { describe, expect, it } from "vitest";
import { ReadError } from "../../src/errors.js";
import { readDocument, textChars } from "../../src/extract/read.js";
import type { DocModel } from "../../src/model.js";

const failure = (p: Promise<unknown>) =>
  p.then(
    () => "read",
    (e: unknown) => (e instanceof ReadError ? `${e.code}: ${e.message}` : `other: ${String(e)}`),
  );

describe("readDocument's limits", () => {
  it("a file over maxBytes is refused before it is read", async () => {
    const buf = Buffer.from("正文一句。".repeat(2));
    expect(await failure(readDocument(buf, { maxBytes: buf.length - 1 }))).toBe(
      `too_large: file is ${buf.length} bytes, larger than the limit of ${buf.length - 1}`,
    );
    expect(await failure(readDocument(buf, { maxBytes: buf.length }))).toBe("read");
  });
  it("text of more bytes than four a character of the limit is refused unread; else it is read and counted", async () => {
    const ascii = (n: number) => Buffer.from(`${"a".repeat(n - 1)}\n`);
    expect(await failure(readDocument(ascii(21), { maxTextChars: 5 }))).toBe(
      "too_long: text file of 0.0 MB: more than 5 characters, the limit",
    );
    expect(await failure(readDocument(ascii(20), { maxTextChars: 5 }))).toBe("too_long: 19 characters of text, more than the limit of 5");
    expect(await failure(readDocument(ascii(20), { maxTextChars: 19 }))).toBe("read");
  });
  it("an HTML page of more than twelve bytes a character of the limit is refused, its data: URIs not counted", async () => {
    const page = (body: string) => Buffer.from(`<!DOCTYPE html><html><body><p>${body}</p></body></html>`);
    const small = page("甲乙丙");
    const limit = Math.ceil(small.length / 12);
    expect(await failure(readDocument(small, { maxTextChars: limit }))).toBe("read");
    const big = page(`甲乙丙${"<b></b>".repeat(limit * 2)}`);
    expect(await failure(readDocument(big, { maxTextChars: limit }))).toMatch(
      new RegExp(
        `^too_long: HTML page of 0\\.0 MB without its embedded data, larger than 0\\.0 MB, the limit for a page \\(12 bytes per character of the ${limit}-character text limit\\)$`,
      ),
    );
    const image = `<img src="data:image/png;base64,${"A".repeat(5000)}">`;
    const withImage = Buffer.from(`<!DOCTYPE html><html><body><p>甲乙丙</p>${image}</body></html>`);
    expect(await failure(readDocument(withImage, { maxTextChars: limit + 6 }))).toBe("read");
  });
  it("the limit applies to the text read, not to the bytes, for other formats (and html under its byte limit)", async () => {
    const html = Buffer.from(`<!DOCTYPE html><html><body><p>${"甲".repeat(40)}</p></body></html>`);
    expect(await failure(readDocument(html, { maxTextChars: 39 }))).toBe("too_long: 40 characters of text, more than the limit of 39");
    expect(await failure(readDocument(html, { maxTextChars: 40 }))).toBe("read");
  });
});

describe("textChars", () => {
  it("the characters of paragraphs and of every table cell", () => {
    const doc: DocModel = {
      format: "html",
      pages: null,
      engine: "test",
      messages: [],
      blocks: [
        { kind: "paragraph", text: "甲乙丙", page: null },
        { kind: "table", page: null, rows: [[{ text: "ab", colspan: 1, rowspan: 1 }], [{ text: "cde", colspan: 2, rowspan: 1 }]] },
        { kind: "paragraph", text: "", page: null },
      ],
    };
    expect(textChars(doc)).toBe(8);
  });
});

describe("a page saved in UTF-16BE", () => {
  it("is read as HTML, its text decoded", async () => {
    const html = "<!DOCTYPE html><html><body><p>某县水利局2023年度部门整体支出绩效自评报告</p></body></html>";
    const buf = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(html, "utf16le").swap16()]);
    const doc = await readDocument(buf);
    expect(doc.format).toBe("html");
    expect(doc.blocks.map((b) => (b.kind === "paragraph" ? b.text : ""))).toContain("某县水利局2023年度部门整体支出绩效自评报告");
  });
});
