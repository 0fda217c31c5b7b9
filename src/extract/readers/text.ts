/** Plain text: UTF-8, UTF-16 with a BOM, or GBK/GB18030 (detected with chardet, decoded with iconv-lite). */

import chardet from "chardet";
import iconv from "iconv-lite";
import { ReadError } from "../../errors.js";
import type { Block, DocModel, Message } from "../../model.js";

export interface Decoded {
  text: string;
  encoding: string;
}

/** Decodes bytes of unknown encoding; Chinese legacy encodings are read as GB18030 (a superset of GBK/GB2312). */
export function decodeText(buf: Buffer, declared?: string): Decoded {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString("utf8"), encoding: "UTF-8" };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), "utf16le"), encoding: "UTF-16LE" };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), "utf16be"), encoding: "UTF-16BE" };
  if (declared && iconv.encodingExists(declared) && !/^utf-?8$/i.test(declared)) {
    const enc = /^(gb2312|gbk|x-gbk|gb_2312-80)$/i.test(declared) ? "gb18030" : declared;
    return { text: iconv.decode(buf, enc), encoding: enc.toUpperCase() };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(buf), encoding: "UTF-8" };
  } catch {
    // not UTF-8
  }
  const guess = chardet.detect(buf) ?? "GB18030";
  const enc = /^(GB|Big5|EUC-TW)/i.test(guess) && !/big5/i.test(guess) ? "gb18030" : iconv.encodingExists(guess) ? guess : "gb18030";
  // chardet sometimes names a single-byte code page for short Chinese texts: prefer GB18030 when it decodes cleanly
  const gb = iconv.decode(buf, "gb18030");
  if (enc !== "gb18030" && cjkShare(gb) > 0.3) return { text: gb, encoding: "GB18030" };
  return { text: iconv.decode(buf, enc), encoding: enc.toUpperCase() };
}

function cjkShare(s: string): number {
  const sample = s.slice(0, 4000);
  const cjk = sample.match(/[\u4e00-\u9fff]/g)?.length ?? 0;
  const visible = sample.replace(/\s/g, "").length || 1;
  return cjk / visible;
}

/** Strips markup that some exports leave in text ([bookmark: _Toc123]). */
export function stripExportArtifacts(line: string): string {
  return line.replace(/\[bookmark: [^\]]*\]/g, "");
}

/** Lines of text → paragraphs; form feeds start a new page; tab-separated runs become tables (other
 * flattened tables are rebuilt for every format alike, by extract/structure.ts). */
export function textToBlocks(text: string): { blocks: Block[]; pages: number | null } {
  const pagesText = text.split("\f");
  const blocks: Block[] = [];
  const paged = pagesText.length > 1;
  pagesText.forEach((pageText, p) => {
    const page = paged ? p + 1 : null;
    const lines = pageText.replace(/\r\n?/g, "\n").split("\n").map(stripExportArtifacts);
    let i = 0;
    while (i < lines.length) {
      if (lines[i].includes("\t") && lines[i].split("\t").filter((c) => c.trim()).length >= 2) {
        const rows: string[][] = [];
        while (i < lines.length && lines[i].includes("\t")) rows.push(lines[i++].replace(/\t+$/, "").split("\t"));
        blocks.push({ kind: "table", page, rows: rows.map((r) => r.map((c) => ({ text: c.trim(), colspan: 1, rowspan: 1 }))) });
        continue;
      }
      const line = lines[i++];
      if (line.trim() === "") continue;
      blocks.push({ kind: "paragraph", page, text: line.trim() });
    }
  });
  return { blocks, pages: paged ? pagesText.length : null };
}

export function readText(buf: Buffer): DocModel {
  const { text, encoding } = decodeText(buf);
  const messages: Message[] = [];
  const bad = (text.match(/\ufffd/g) ?? []).length;
  if (bad > 20 && bad / text.length > 0.01)
    throw new ReadError(`text could not be decoded (${encoding}: ${bad} undecodable characters)`, "bad_encoding");
  if (encoding !== "UTF-8") messages.push({ level: "info", code: "encoding", message: `decoded as ${encoding}` });
  const { blocks, pages } = textToBlocks(text);
  return { format: "txt", pages, blocks, engine: `text/${encoding}`, messages };
}
