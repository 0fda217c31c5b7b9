/**
 * HTML → blocks: paragraphs, headings and tables (rows, cells, colspan, rowspan).
 * Used for .docx (mammoth's HTML keeps merged cells) and for saved web pages.
 */
import { parseDocument } from "htmlparser2";
import type { ChildNode, Element } from "domhandler";
import { ReadError } from "../../errors.js";
import type { Block, Cell, DocModel } from "../../model.js";
import { decodeText } from "./text.js";

const BLOCK_TAGS = new Set(["p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "section", "article", "dd", "dt", "caption", "center"]);
const SKIP_TAGS = new Set(["script", "style", "noscript", "nav", "header", "footer", "iframe", "button", "form", "select", "svg", "head", "template"]);

function isElement(n: ChildNode): n is Element {
  return n.type === "tag" || n.type === "script" || n.type === "style";
}

/** Text of an inline subtree; <br> becomes a newline. */
function inlineText(nodes: ChildNode[]): string {
  let s = "";
  for (const n of nodes) {
    if (n.type === "text") s += (n as unknown as { data: string }).data;
    else if (isElement(n)) {
      if (SKIP_TAGS.has(n.name)) continue;
      if (n.name === "br") s += "\n";
      else s += inlineText(n.children);
    }
  }
  return s;
}

const clean = (s: string) => s.replace(/[ \t\u00a0]+/g, " ").replace(/ *\n */g, "\n").trim();

function tableRows(table: Element): Cell[][] {
  const rows: Cell[][] = [];
  const visit = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (!isElement(n)) continue;
      if (n.name === "table") continue; // nested tables are read separately
      if (n.name === "tr") {
        const cells: Cell[] = [];
        for (const c of n.children) {
          if (isElement(c) && (c.name === "td" || c.name === "th")) {
            cells.push({
              text: clean(cellText(c)).replace(/\n+/g, " "),
              colspan: Math.max(1, Number(c.attribs.colspan) || 1),
              rowspan: Math.max(1, Number(c.attribs.rowspan) || 1),
            });
          }
        }
        rows.push(cells);
      } else visit(n.children);
    }
  };
  visit(table.children);
  return rows;
}

/** A cell's text: its paragraphs joined by newlines. */
function cellText(cell: Element): string {
  const parts: string[] = [];
  let inline: ChildNode[] = [];
  const flush = () => {
    const t = inlineText(inline);
    if (t.trim()) parts.push(t);
    inline = [];
  };
  for (const c of cell.children) {
    if (isElement(c) && BLOCK_TAGS.has(c.name)) {
      flush();
      parts.push(cellText(c));
    } else inline.push(c);
  }
  flush();
  return parts.join("\n");
}

/** Walks the DOM and emits blocks in document order. */
export function htmlToBlocks(html: string): Block[] {
  const dom = parseDocument(html, { decodeEntities: true });
  const blocks: Block[] = [];
  let inline: ChildNode[] = [];
  const flush = () => {
    const t = clean(inlineText(inline));
    inline = [];
    for (const line of t.split("\n")) if (line.trim()) blocks.push({ kind: "paragraph", page: null, text: line.trim() });
  };
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (!isElement(n)) {
        inline.push(n);
        continue;
      }
      if (SKIP_TAGS.has(n.name)) continue;
      if (n.name === "table") {
        flush();
        const rows = tableRows(n);
        if (rows.some((r) => r.some((c) => c.text))) blocks.push({ kind: "table", page: null, rows });
        // nested tables after
        const nested: Element[] = [];
        const find = (ns: ChildNode[]) => ns.forEach((x) => isElement(x) && (x.name === "table" ? nested.push(x) : find(x.children)));
        n.children.forEach((x) => isElement(x) && find(x.children));
        for (const t of nested) walk([t]);
        continue;
      }
      const h = /^h([1-6])$/.exec(n.name);
      if (h) {
        flush();
        const t = clean(inlineText(n.children)).replace(/\n+/g, "");
        if (t) blocks.push({ kind: "paragraph", page: null, text: t, headingLevel: Number(h[1]) });
        continue;
      }
      if (BLOCK_TAGS.has(n.name) || n.name === "body" || n.name === "html" || n.name === "ul" || n.name === "ol" || n.name === "main") {
        flush();
        walk(n.children);
        flush();
        continue;
      }
      inline.push(n);
    }
  };
  walk(dom.children);
  flush();
  return blocks;
}

/** The charset a page declares in <meta charset> or http-equiv content-type. */
export function declaredCharset(head: Buffer): string | undefined {
  const s = head.subarray(0, 4096).toString("latin1");
  const m = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(s);
  return m?.[1];
}

export function readHtml(buf: Buffer): DocModel {
  const { text, encoding } = decodeText(buf, declaredCharset(buf));
  const blocks = htmlToBlocks(text);
  if (blocks.length === 0) throw new ReadError("HTML page has no text", "empty");
  return { format: "html", pages: null, blocks, engine: `htmlparser2/${encoding}`, messages: [] };
}
