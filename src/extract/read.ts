/** File → DocModel: detect the format by content and hand the bytes to that format's reader. */
import { ReadError } from "../errors.js";
import { DEFAULT_MAX_BYTES, MAX_BYTES_PER_CHAR, MAX_TEXT_CHARS, formatMb as mb } from "../limits.js";
import type { DocModel, Format } from "../model.js";
import { detectFormat } from "./detect.js";
import { attachGlyphs, glyphsOf } from "./geometry.js";
import { readDoc } from "./readers/doc.js";
import { type DocxOptions, readDocx } from "./readers/docx.js";
import { embeddedDataBytes, readHtml } from "./readers/html.js";
import { type PdfOptions, readPdf } from "./readers/pdf.js";
import { readText } from "./readers/text.js";
import { recoverStructure } from "./structure.js";

export interface ReadOptions extends PdfOptions, DocxOptions {
  /** refuse larger files (bytes) */
  maxBytes?: number;
  /** refuse documents with more text (characters; default MAX_TEXT_CHARS) */
  maxTextChars?: number;
}

export { DEFAULT_MAX_BYTES };

export async function readDocument(buf: Buffer, opts: ReadOptions = {}): Promise<DocModel> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (buf.length > max) throw new ReadError(`file is ${buf.length} bytes, larger than the limit of ${max}`, "too_large");
  const format: Format = detectFormat(buf);
  const limit = opts.maxTextChars ?? MAX_TEXT_CHARS;
  // text and HTML are refused unread when even the most compact encoding would exceed the limit
  if (format === "txt" && buf.length > limit * MAX_BYTES_PER_CHAR.txt) {
    // no encoding takes more than 4 bytes a character: this is more text than the limit
    throw new ReadError(`text file of ${mb(buf.length)}: more than ${limit} characters, the limit`, "too_long");
  }
  // a page is judged by its markup and text, not by the images embedded in it as data: URIs
  const htmlBytes = format === "html" ? buf.length - embeddedDataBytes(buf) : 0;
  if (format === "html" && htmlBytes > limit * MAX_BYTES_PER_CHAR.html) {
    throw new ReadError(
      `HTML page of ${mb(htmlBytes)} without its embedded data, larger than ${mb(limit * MAX_BYTES_PER_CHAR.html)}, the limit for a page (${MAX_BYTES_PER_CHAR.html} bytes per character of the ${limit}-character text limit)`,
      "too_long",
    );
  }
  const read = await readAs(format, buf, { ...opts, maxTextChars: limit });
  const chars = textChars(read);
  if (chars > limit) throw new ReadError(`${chars} characters of text, more than the limit of ${limit}`, "too_long");
  // structure that the format flattened, recovered the same way for every reader
  const doc = recoverStructure(read);
  const glyphs = glyphsOf(read);
  if (glyphs) attachGlyphs(doc, glyphs);
  return doc;
}

function readAs(format: Format, buf: Buffer, opts: ReadOptions): Promise<DocModel> | DocModel {
  switch (format) {
    case "pdf":
      return readPdf(buf, opts);
    case "docx":
      return readDocx(buf, opts);
    case "doc":
      return readDoc(buf);
    case "html":
      return readHtml(buf);
    case "txt":
      return readText(buf);
  }
}

/** Characters of text in a document's paragraphs and table cells. */
export function textChars(doc: DocModel): number {
  let n = 0;
  for (const b of doc.blocks) {
    if (b.kind === "table") for (const row of b.rows) for (const c of row) n += c.text.length;
    else n += b.text.length;
  }
  return n;
}
