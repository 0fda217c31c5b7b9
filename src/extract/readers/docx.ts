/**
 * .docx: the WordprocessingML of word/document.xml read directly (zip entry → htmlparser2 in XML
 * mode → blocks), about 20× faster than mammoth, which stays as the fallback when this reader meets
 * something it does not expect. The output follows mammoth's HTML as read by htmlToBlocks (same
 * paragraphs, headings, tables, merged cells), which a test checks on every bundled .docx.
 */

import * as dingbatToUnicode from "dingbat-to-unicode";
import type { ChildNode, Element } from "domhandler";
import { parseDocument } from "htmlparser2";
import { ReadError } from "../../errors.js";
import { MAX_BYTES_PER_CHAR, MAX_TEXT_CHARS, formatMb as mb } from "../../limits.js";
import type { Block, Cell, DocModel, Message } from "../../model.js";
import { checkZip, type ZipEntry, zipEntryData } from "../zip.js";
import { type Numbering, numbering } from "./docx-numbering.js";
import { htmlToBlocks } from "./html.js";
import { capNesting, MAX_NESTING } from "./nesting.js";

export interface DocxOptions {
  /** force one engine (tests, debugging); default: jixiao's own reader, mammoth as fallback */
  docxEngine?: "xml" | "mammoth";
  /** refuse a document body that could hold more text than this (characters) */
  maxTextChars?: number;
}

export async function readDocx(buf: Buffer, opts: DocxOptions = {}): Promise<DocModel> {
  const entries = checkZip(buf);
  // WordprocessingML far larger than the text limit could need is refused before it is parsed
  const limit = opts.maxTextChars ?? MAX_TEXT_CHARS;
  const xml = entries.filter((e) => e.name.endsWith(".xml")).reduce((n, e) => n + e.uncompressed, 0);
  const maxXml = limit * MAX_BYTES_PER_CHAR.docxXml;
  if (xml > maxXml)
    throw new ReadError(
      `Word document with ${mb(xml)} of XML, more than ${mb(maxXml)}, the limit (${MAX_BYTES_PER_CHAR.docxXml} bytes per character of the ${limit}-character text limit)`,
      "too_long",
    );
  if (opts.docxEngine !== "mammoth") {
    try {
      return readDocxXml(buf, entries);
    } catch (err) {
      if (err instanceof ReadError || opts.docxEngine === "xml") throw err;
      const doc = await readDocxMammoth(buf);
      doc.messages.unshift({
        level: "warning",
        code: "docx_fallback",
        message: `own .docx reader failed (${err instanceof Error ? err.message : String(err)}); read with mammoth`,
      });
      return doc;
    }
  }
  return readDocxMammoth(buf);
}

async function readDocxMammoth(buf: Buffer): Promise<DocModel> {
  let result: { value: string; messages: Array<{ type: string; message: string }> };
  try {
    // loaded when needed: mammoth is the fallback, and loading it costs more than most documents
    const { default: mammoth } = await import("mammoth");
    result = await mammoth.convertToHtml({ buffer: buf }, { ignoreEmptyParagraphs: true });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new ReadError(`damaged .docx (${msg})`, "corrupt");
  }
  const messages: Message[] = result.messages
    .filter((m) => m.type !== "info")
    .slice(0, 20)
    .map((m) => ({ level: "warning" as const, code: "mammoth", message: m.message }));
  return { format: "docx", pages: null, blocks: htmlToBlocks(result.value), engine: "mammoth", messages };
}

// ---------------------------------------------------------------------------------------------
// the XML reader

const isEl = (n: ChildNode): n is Element => n.type === "tag";
const children = (e: Element): Element[] => e.children.filter(isEl);
const child = (e: Element | undefined, name: string): Element | undefined =>
  e?.children.find((c): c is Element => isEl(c) && c.name === name);

/** Elements whose content is never text of the document. */
const SKIP = new Set([
  "w:pPr",
  "w:rPr",
  "w:tblPr",
  "w:tblGrid",
  "w:trPr",
  "w:tcPr",
  "w:sectPr",
  "w:sdtPr",
  "w:sdtEndPr",
  "w:del",
  "w:moveFrom",
  "w:delText",
  "w:instrText",
  "w:delInstrText",
  "w:fldChar",
  "w:footnoteReference",
  "w:endnoteReference",
  "w:commentReference",
  "w:annotationRef",
  "w:footnoteRef",
  "w:endnoteRef",
  "w:bookmarkStart",
  "w:bookmarkEnd",
  "w:proofErr",
  "w:lastRenderedPageBreak",
  "mc:Choice",
  "w:commentRangeStart",
  "w:commentRangeEnd",
  "v:shapetype",
  "v:shadow",
  "v:imagedata",
  "w:altChunk",
  "w:rt", // a ruby's phonetic guide (pinyin over the characters): the base text is read, not the guide
]);

function parseXml(data: Buffer, notes?: Message[]): Element[] {
  let xml = data[0] === 0xff && data[1] === 0xfe ? data.subarray(2).toString("utf16le") : data.toString("utf8");
  if (xml.charCodeAt(0) === 0xfeff) xml = xml.slice(1);
  // elements nested deeper than any document needs lose their tags: a walk of 100 000 levels overflows the stack
  const capped = capNesting(xml, false);
  if (capped.dropped)
    notes?.push({
      level: "warning",
      code: "deep_nesting",
      message: `${capped.dropped} tags nested deeper than ${MAX_NESTING} levels were dropped (their text kept)`,
    });
  return children(parseDocument(capped.text, { xmlMode: true, decodeEntities: true }) as unknown as Element);
}

function textOf(e: Element): string {
  let s = "";
  for (const c of e.children) if (c.type === "text") s += (c as unknown as { data: string }).data;
  return s;
}

type Item =
  | { kind: "p"; text: string; heading?: number }
  | { kind: "table"; rows: Array<Array<{ items: Item[]; colspan: number; vmerge: boolean }>> };

interface Ctx {
  styles: Map<string, ParagraphStyle>;
  /** numbering.xml, read when a numbered paragraph first needs it */
  numbering: () => Numbering;
}

/** Paragraphs and tables of a container (body, cell, text box, note), in order. */
function readItems(nodes: ChildNode[], ctx: Ctx, out: Item[] = []): Item[] {
  let pending: ChildNode[] = [];
  for (const n of nodes) {
    if (!isEl(n) || SKIP.has(n.name)) continue;
    switch (n.name) {
      case "w:p": {
        const pPr = child(n, "w:pPr");
        // a deleted paragraph mark joins this paragraph's runs to the next paragraph
        if (child(child(pPr, "w:rPr"), "w:del")) {
          pending = pending.concat(n.children);
          continue;
        }
        const extra: Item[] = [];
        const text = runText(pending.length ? pending.concat(n.children) : n.children, ctx, extra);
        pending = [];
        const styleId = child(pPr, "w:pStyle")?.attribs["w:val"];
        const style = styleId !== undefined ? ctx.styles.get(styleId) : undefined;
        const heading = style?.heading;
        // Word's automatic numbering: from the paragraph, else from its style
        const numPr = child(pPr, "w:numPr");
        const numId = child(numPr, "w:numId")?.attribs["w:val"] ?? style?.numId;
        const ilvl = Number(child(numPr, "w:ilvl")?.attribs["w:val"] ?? style?.ilvl ?? 0);
        let marked = text;
        if (numId !== undefined && numId !== "0") {
          const marker = ctx.numbering().next(numId, ilvl);
          if (marker && text.trim()) marked = marker + (/[、.．)）:：\s]$/.test(marker) ? "" : " ") + text.trimStart();
        }
        out.push(heading ? { kind: "p", text: marked, heading } : { kind: "p", text: marked });
        out.push(...extra);
        break;
      }
      case "w:tbl":
        out.push(readTable(n, ctx));
        break;
      case "w:sdt":
        readItems(child(n, "w:sdtContent")?.children ?? [], ctx, out);
        break;
      case "mc:AlternateContent":
        readItems((child(n, "mc:Fallback") ?? child(n, "mc:Choice"))?.children ?? [], ctx, out);
        break;
      default:
        readItems(n.children, ctx, out);
    }
  }
  return out;
}

const DINGBAT_FONT = /^(?:Wingdings(?: 2| 3)?|Webdings|Symbol)$/i;

/** A symbol font's character as Unicode (☑ for Wingdings F0FE), as mammoth maps w:sym. */
function dingbat(font: string, hex: string): string | undefined {
  const u = dingbatToUnicode.hex(font, hex) ?? (/^F0[0-9A-F]{2}$/i.test(hex) ? dingbatToUnicode.hex(font, hex.slice(2)) : undefined);
  return u?.string;
}

/** The symbol font of a run (w:rPr/w:rFonts), if it has one. */
function runDingbatFont(r: Element): string | undefined {
  const fonts = child(child(r, "w:rPr"), "w:rFonts")?.attribs;
  if (!fonts) return undefined;
  return [fonts["w:ascii"], fonts["w:hAnsi"], fonts["w:eastAsia"], fonts["w:cs"]].find((f) => f && DINGBAT_FONT.test(f));
}

/** A paragraph's text; text boxes inside it go to `extra` (they follow the paragraph). */
function runText(nodes: ChildNode[], ctx: Ctx, extra: Item[], font?: string): string {
  let s = "";
  for (const n of nodes) {
    if (!isEl(n) || SKIP.has(n.name)) continue;
    switch (n.name) {
      case "w:r":
        s += runText(n.children, ctx, extra, runDingbatFont(n));
        break;
      case "w:t": {
        const t = textOf(n);
        // a symbol font's private-use characters (U+F020–F0FF): ☑ □ ● as the font draws them
        s += font ? t.replace(/[\uf020-\uf0ff]/g, (ch) => dingbat(font, ch.charCodeAt(0).toString(16).toUpperCase()) ?? ch) : t;
        break;
      }
      case "w:sym": {
        const ch = dingbat(n.attribs["w:font"] ?? "", n.attribs["w:char"] ?? "");
        if (ch) s += ch;
        break;
      }
      case "w:tab":
      case "w:ptab":
        s += "\t";
        break;
      case "w:br": {
        const type = n.attribs["w:type"];
        if (type === undefined || type === "textWrapping") s += "\n";
        break;
      }
      case "w:cr":
        s += "\n";
        break;
      case "w:noBreakHyphen":
        s += "\u2011";
        break;
      case "w:softHyphen":
        s += "\u00ad";
        break;
      case "w:txbxContent":
        readItems(n.children, ctx, extra);
        break;
      case "w:p":
      case "w:tbl":
        readItems([n], ctx, extra);
        break;
      case "mc:AlternateContent":
        s += runText((child(n, "mc:Fallback") ?? child(n, "mc:Choice"))?.children ?? [], ctx, extra);
        break;
      case "w:sdt":
        s += runText(child(n, "w:sdtContent")?.children ?? [], ctx, extra);
        break;
      default:
        // runs, hyperlinks, insertions, smart tags, fields, drawings, VML shapes …
        s += runText(n.children, ctx, extra);
    }
  }
  return s;
}

function readTable(tbl: Element, ctx: Ctx): Item {
  type C = { items: Item[]; colspan: number; vmerge: boolean };
  const rows: C[][] = [];
  const rowsOf = (nodes: ChildNode[]) => {
    for (const r of nodes) {
      if (!isEl(r)) continue;
      if (r.name === "w:tr") {
        if (child(child(r, "w:trPr"), "w:del")) continue;
        const cells: C[] = [];
        const cellsOf = (ns: ChildNode[]) => {
          for (const c of ns) {
            if (!isEl(c)) continue;
            if (c.name === "w:tc") {
              const pr = child(c, "w:tcPr");
              const span = Number.parseInt(child(pr, "w:gridSpan")?.attribs["w:val"] ?? "1", 10);
              const vm = child(pr, "w:vMerge");
              const v = vm?.attribs["w:val"];
              cells.push({
                items: readItems(c.children, ctx),
                colspan: Number.isFinite(span) && span > 1 ? span : 1,
                vmerge: !!vm && (v === undefined || v === "continue"),
              });
            } else if (c.name === "w:sdt") cellsOf(child(c, "w:sdtContent")?.children ?? []);
            else if (c.name === "w:customXml") cellsOf(c.children);
          }
        };
        cellsOf(r.children);
        rows.push(cells);
      } else if (r.name === "w:sdt") rowsOf(child(r, "w:sdtContent")?.children ?? []);
      else if (r.name === "w:customXml") rowsOf(r.children);
    }
  };
  rowsOf(tbl.children);
  return { kind: "table", rows };
}

/** Plain-text cleanup the HTML route applies (htmlToBlocks' clean). */
const clean = (s: string) =>
  s
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/ *\n */g, "\n")
    .trim();

/** A cell's text: its paragraphs on lines, nested tables' text run together (as the HTML route reads them). */
function cellText(items: Item[]): string {
  const parts: string[] = [];
  for (const it of items) {
    if (it.kind === "p") {
      if (it.text.trim()) parts.push(it.text);
    } else {
      const flat = it.rows.flatMap((r) => r.map((c) => flatText(c.items))).join("");
      if (flat.trim()) parts.push(flat);
    }
  }
  return parts.join("\n");
}

function flatText(items: Item[]): string {
  return items.map((it) => (it.kind === "p" ? it.text : it.rows.flatMap((r) => r.map((c) => flatText(c.items))).join(""))).join("");
}

function toBlocks(items: Item[], blocks: Block[] = []): Block[] {
  for (const it of items) {
    if (it.kind === "p") {
      if (it.heading) {
        const t = clean(it.text).replace(/\n+/g, "");
        if (t) blocks.push({ kind: "paragraph", page: null, text: t, headingLevel: it.heading });
      } else {
        for (const line of clean(it.text).split("\n")) if (line.trim()) blocks.push({ kind: "paragraph", page: null, text: line.trim() });
      }
      continue;
    }
    // vertical merges: a continuing cell adds to the rowspan of the cell that starts its column
    const starts = new Map<number, Cell>();
    const rows: Cell[][] = [];
    for (const r of it.rows) {
      const out: Cell[] = [];
      let col = 0;
      for (const c of r) {
        const above = starts.get(col);
        if (c.vmerge && above) above.rowspan++;
        else {
          const cell: Cell = { text: clean(cellText(c.items)).replace(/\n+/g, " "), colspan: c.colspan, rowspan: 1 };
          starts.set(col, cell);
          out.push(cell);
        }
        col += c.colspan;
      }
      rows.push(out);
    }
    if (rows.some((r) => r.some((c) => c.text))) blocks.push({ kind: "table", page: null, rows });
    // tables inside cells follow as tables of their own
    for (const r of it.rows)
      for (const c of r)
        toBlocks(
          c.items.filter((x) => x.kind === "table"),
          blocks,
        );
  }
  return blocks;
}

interface ParagraphStyle {
  /** 1…6 for styles named "Heading N" / "heading N" */
  heading?: number;
  /** the list a style numbers its paragraphs with */
  numId?: string;
  ilvl?: number;
}

/**
 * Paragraph styles that matter here: headings and styles that carry numbering. styles.xml is often
 * hundreds of KB of latent styles, so it is scanned, not parsed: each heading name or numbering
 * property found is given to the style element that encloses it.
 */
function paragraphStyles(data: Buffer | undefined): Map<string, ParagraphStyle> {
  const map = new Map<string, ParagraphStyle>();
  if (!data) return map;
  const xml = data.toString("utf8");
  const styleAt = (pos: number): ParagraphStyle | undefined => {
    const start = xml.lastIndexOf("<w:style ", pos);
    if (start < 0 || xml.lastIndexOf("</w:style>", pos) > start) return undefined;
    const head = xml.slice(start, xml.indexOf(">", start));
    const type = /\bw:type=["']([^"']*)["']/.exec(head)?.[1] ?? "paragraph";
    const id = /\bw:styleId=["']([^"']*)["']/.exec(head)?.[1];
    if (type !== "paragraph" || id === undefined) return undefined;
    let st = map.get(id);
    if (!st) map.set(id, (st = {}));
    return st;
  };
  const heading = /<w:name\s+w:val=["']([Hh]eading [1-6])["']/g;
  for (let m = heading.exec(xml); m; m = heading.exec(xml)) {
    const st = styleAt(m.index);
    if (st) st.heading = Number(m[1].slice(-1));
  }
  const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/g;
  for (let m = numPr.exec(xml); m; m = numPr.exec(xml)) {
    const st = styleAt(m.index);
    const id = /<w:numId\s+w:val=["'](\d+)["']/.exec(m[1])?.[1];
    if (!st || id === undefined) continue;
    st.numId = id;
    st.ilvl = Number(/<w:ilvl\s+w:val=["'](\d+)["']/.exec(m[1])?.[1] ?? 0);
  }
  return map;
}

/** Targets of a part's relationships by type suffix (e.g. "/officeDocument" → "word/document.xml"). */
function relTargets(entries: Map<string, ZipEntry>, buf: Buffer, relsPath: string, base: string): Map<string, string> {
  const out = new Map<string, string>();
  const e = entries.get(relsPath);
  if (!e) return out;
  const root = parseXml(zipEntryData(buf, e)).find((x) => x.name === "Relationships");
  for (const r of root ? children(root) : []) {
    const type = r.attribs.Type?.split("/").pop();
    const target = r.attribs.Target;
    if (!type || !target || r.attribs.TargetMode === "External") continue;
    const path = target.startsWith("/") ? target.slice(1) : normalise(base + target);
    if (!out.has(type)) out.set(type, path);
  }
  return out;
}

function normalise(path: string): string {
  const parts: string[] = [];
  for (const p of path.split("/")) {
    if (p === "..") parts.pop();
    else if (p && p !== ".") parts.push(p);
  }
  return parts.join("/");
}

function readDocxXml(buf: Buffer, list: ZipEntry[]): DocModel {
  const entries = new Map(list.map((e) => [e.name, e]));
  const main = relTargets(entries, buf, "_rels/.rels", "").get("officeDocument") ?? "word/document.xml";
  const mainEntry = entries.get(main) ?? entries.get("word/document.xml");
  if (!mainEntry) throw new ReadError("zip archive that is not a Word document (no word/document.xml)", "not_word_zip");
  const dir = mainEntry.name.includes("/") ? mainEntry.name.slice(0, mainEntry.name.lastIndexOf("/") + 1) : "";
  const rels = relTargets(entries, buf, `${dir}_rels/${mainEntry.name.slice(dir.length)}.rels`, dir);
  const bytes = (type: string, fallback: string) => {
    const e = entries.get(rels.get(type) ?? fallback);
    return e ? zipEntryData(buf, e) : undefined;
  };
  const part = (type: string, fallback: string) => {
    const b = bytes(type, fallback);
    return b ? parseXml(b) : undefined;
  };
  let lists: Numbering | undefined;
  const ctx: Ctx = {
    styles: paragraphStyles(bytes("styles", `${dir}styles.xml`)),
    numbering: () => (lists ??= numbering(part("numbering", `${dir}numbering.xml`)?.find((e) => e.name === "w:numbering"))),
  };
  const messages: Message[] = [];
  const document = parseXml(zipEntryData(buf, mainEntry), messages).find((e) => e.name === "w:document");
  const body = child(document, "w:body");
  if (!body) throw new Error("no w:body in the main document part");
  const items = readItems(body.children, ctx);
  // footnotes and endnotes the text refers to, at the end (as mammoth places them)
  const refs = new Set<string>();
  const findRefs = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (!isEl(n)) continue;
      if (n.name === "w:footnoteReference" || n.name === "w:endnoteReference")
        refs.add(`${n.name === "w:footnoteReference" ? "f" : "e"}${n.attribs["w:id"]}`);
      else findRefs(n.children);
    }
  };
  findRefs(body.children);
  if (refs.size) {
    for (const [type, el, tag] of [
      ["footnotes", "w:footnotes", "w:footnote"],
      ["endnotes", "w:endnotes", "w:endnote"],
    ] as const) {
      const root = part(type, `${dir}${type}.xml`)?.find((e) => e.name === el);
      for (const note of root ? children(root) : []) {
        if (note.name === tag && refs.has(`${type[0]}${note.attribs["w:id"]}`)) readItems(note.children, ctx, items);
      }
    }
  }
  return { format: "docx", pages: null, blocks: toBlocks(items), engine: "docx-xml", messages };
}
