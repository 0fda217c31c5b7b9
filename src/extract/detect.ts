/** File format by content, never by name: a PDF named .docx is read as a PDF. */
import iconv from "iconv-lite";
import { ReadError } from "../errors.js";
import type { Format } from "../model.js";
import { zipEntries } from "./zip.js";

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export function detectFormat(buf: Buffer): Format {
  if (buf.length === 0) throw new ReadError("empty file", "empty");
  const head = buf.subarray(0, 1024);
  if (head.includes("%PDF-")) return "pdf";
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && (buf[2] === 0x03 || buf[2] === 0x05)) {
    // OOXML word documents have word/document.xml in the zip directory
    const names = zipEntries(buf).map((e) => e.name);
    if (names.some((n) => /^word\/document\d*\.xml$/.test(n))) return "docx";
    if (names.includes("content.xml") && names.includes("mimetype"))
      throw new ReadError("OpenDocument (.odt) files are not supported", "unsupported");
    if (names.some((n) => n.startsWith("xl/"))) throw new ReadError("Excel workbook (.xlsx), not a Word document", "not_word_zip");
    throw new ReadError("zip archive that is not a Word document (no word/document.xml)", "not_word_zip");
  }
  if (buf.subarray(0, 8).equals(OLE2)) return "doc";
  if (looksLikeHtml(head)) return "html";
  if (looksLikeText(buf)) return "txt";
  throw new ReadError("unrecognised binary file (not PDF, Word, HTML or text)", "unrecognised");
}

function looksLikeHtml(head: Buffer): boolean {
  let s = head.toString("latin1");
  if (s.startsWith("\xef\xbb\xbf")) s = s.slice(3);
  // UTF-16 with a BOM, decoded as the text reader decodes it
  if (s.startsWith("\xff\xfe")) s = iconv.decode(head.subarray(2), "utf16le");
  else if (s.startsWith("\xfe\xff")) s = iconv.decode(head.subarray(2), "utf16be");
  // comments, an XML declaration and server-page directives (<%@ page … %>, saved from JSP/ASP) may come first
  return /^\s*(?:(?:<!--[\s\S]*?-->|<\?xml[\s\S]*?\?>|<%[\s\S]*?%>)\s*)*<(?:!doctype\s+html|html|head|meta|body|title)\b/i.test(s);
}

/** Text: no NUL bytes (unless UTF-16 with a BOM) and few control characters in the first 64 KiB. */
function looksLikeText(buf: Buffer): boolean {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) return true;
  const n = Math.min(buf.length, 65536);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) bad++;
  }
  return bad / n < 0.01;
}
