/** File → DocModel: detect the format by content and hand the bytes to that format's reader. */
import { ReadError } from "../errors.js";
import { DEFAULT_MAX_BYTES } from "../limits.js";
import type { DocModel, Format } from "../model.js";
import { detectFormat } from "./detect.js";
import { readDoc } from "./readers/doc.js";
import { readDocx, type DocxOptions } from "./readers/docx.js";
import { readHtml } from "./readers/html.js";
import { readPdf, type PdfOptions } from "./readers/pdf.js";
import { readText } from "./readers/text.js";

export interface ReadOptions extends PdfOptions, DocxOptions {
  /** refuse larger files (bytes) */
  maxBytes?: number;
}

export { DEFAULT_MAX_BYTES };

export async function readDocument(buf: Buffer, opts: ReadOptions = {}): Promise<DocModel> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (buf.length > max) throw new ReadError(`file is ${buf.length} bytes, larger than the limit of ${max}`, "too_large");
  const format: Format = detectFormat(buf);
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
