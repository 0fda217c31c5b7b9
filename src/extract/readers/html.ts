/**
 * HTML → blocks: paragraphs, headings and tables (rows, cells, colspan, rowspan).
 * Used for .docx (mammoth's HTML keeps merged cells) and for saved web pages.
 */

import type { ChildNode, Element } from "domhandler";
import { parseDocument } from "htmlparser2";
import { ReadError } from "../../errors.js";
import type { Block, Cell, DocModel, Message } from "../../model.js";
import { capNesting, MAX_NESTING } from "./nesting.js";
import { decodeText } from "./text.js";

const BLOCK_TAGS = new Set([
  "p",
  "div",
  "li",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "pre",
  "blockquote",
  "section",
  "article",
  "dd",
  "dt",
  "caption",
  "center",
]);
const SKIP_TAGS = new Set([
  "script",
  "style",
  "noscript",
  "nav",
  "header",
  "footer",
  "iframe",
  "button",
  "form",
  "select",
  "svg",
  "head",
  "template",
]);

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

const clean = (s: string) =>
  s
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/ *\n */g, "\n")
    .trim();

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

/** class/id words of page furniture: navigation, breadcrumbs, share and print buttons, footers. */
const NOISE =
  /(?:^|[\s_-])(?:nav|navbar|menu|header|head|top|footer|foot|bottom|share|bdshare|breadcrumb|crumbs?|position|location|dqwz|sidebar|side|left|right|banner|copyright|toolbar|print|close|related|xgxx|comment|login|search|logo|qrcode|ewm|fx)(?:[\s_-]|\d|$)/i;

function isNoise(el: Element): boolean {
  if (SKIP_TAGS.has(el.name)) return true;
  const words = `${el.attribs.class ?? ""} ${el.attribs.id ?? ""}`;
  return NOISE.test(words);
}

const cjkCount = (s: string) => s.match(/[\u4e00-\u9fff]/g)?.length ?? 0;

/** Chinese characters in a subtree, links not counted (menus are mostly links). */
function textWeight(node: ChildNode, memo: Map<ChildNode, number>): number {
  const m = memo.get(node);
  if (m !== undefined) return m;
  let w = 0;
  if (node.type === "text") w = cjkCount((node as unknown as { data: string }).data);
  else if (isElement(node) && !isNoise(node) && node.name !== "a") for (const c of node.children) w += textWeight(c, memo);
  memo.set(node, w);
  return w;
}

/**
 * The article of a web page: from <body>, descend into the child holding most of the text while it
 * holds at least 70% of it. The page's title heading (h1/h2, class "title") before it is kept.
 */
function articleRoot(dom: ReturnType<typeof parseDocument>): { root: ChildNode[]; title: string | null } {
  const memo = new Map<ChildNode, number>();
  const find = (nodes: ChildNode[], name: string): Element | undefined => {
    for (const n of nodes) {
      if (!isElement(n)) continue;
      if (n.name === name) return n;
      const f = find(n.children, name);
      if (f) return f;
    }
    return undefined;
  };
  const body = find(dom.children, "body");
  if (!body) return { root: dom.children, title: null };
  let cur: Element = body;
  for (;;) {
    const total = textWeight(cur, memo);
    if (total === 0) break;
    const best = cur.children
      .filter(isElement)
      .reduce<Element | undefined>((a, c) => (!a || textWeight(c, memo) > textWeight(a, memo) ? c : a), undefined);
    if (!best || textWeight(best, memo) < 0.7 * total || best.name === "table" || best.name === "p") break;
    cur = best;
  }
  if (cur === body) return { root: body.children, title: null };
  // a title heading before the article, outside it
  let title: string | null = null;
  const visit = (nodes: ChildNode[]): boolean => {
    for (const n of nodes) {
      if (n === cur) return true;
      if (!isElement(n) || isNoise(n)) continue;
      if (/^h[1-3]$/.test(n.name) || /(?:^|\s)(?:title|bt|tit)(?:\s|$)/i.test(n.attribs.class ?? "")) {
        const t = clean(inlineText(n.children)).replace(/\n+/g, "");
        if (cjkCount(t) >= 4) title = t;
      } else if (visit(n.children)) return true;
    }
    return false;
  };
  visit(body.children);
  return { root: [cur], title };
}

/**
 * Walks the DOM and emits blocks in document order. With `article`, only the page's article is
 * read (see articleRoot); otherwise the whole document (docx HTML).
 */
export function htmlToBlocks(html: string, opts: { article?: boolean } = {}): Block[] {
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
      if (SKIP_TAGS.has(n.name) || (opts.article && isNoise(n))) continue;
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
  if (opts.article) {
    const { root, title } = articleRoot(dom);
    walk(root);
    flush();
    // the page's title heading, unless the article starts with the same words
    const first = blocks.find((b) => b.kind === "paragraph");
    const same = (a: string, b: string) => a.replace(/\s+/g, "") === b.replace(/\s+/g, "");
    if (title && !(first && first.kind === "paragraph" && same(first.text, title)))
      blocks.unshift({ kind: "paragraph", page: null, text: title, headingLevel: 1 });
  } else walk(dom.children);
  flush();
  return blocks;
}

/** The charset a page declares in <meta charset> or http-equiv content-type. */
export function declaredCharset(head: Buffer): string | undefined {
  const s = head.subarray(0, 4096).toString("latin1");
  const m = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(s);
  return m?.[1];
}

/**
 * The data: URIs in a page (embedded images, fonts): `data:<type>[;base64],<payload>` with a
 * payload of 256 characters or more, as [start, end) ranges. Scanned by hand: a regular expression
 * over a 20 MB payload overflows the regex engine's backtracking stack.
 */
function dataUris(s: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let i = s.indexOf("data:");
  while (i >= 0) {
    const comma = s.indexOf(",", i + 5);
    if (comma < 0 || comma - i > 160) {
      i = s.indexOf("data:", i + 5);
      continue;
    }
    let j = comma + 1;
    for (;;) {
      const c = s.charCodeAt(j);
      // base64 and percent-encoded payloads, with the white space pages wrap them in
      const ok =
        (c >= 0x30 && c <= 0x39) ||
        (c >= 0x41 && c <= 0x5a) ||
        (c >= 0x61 && c <= 0x7a) ||
        c === 0x2b ||
        c === 0x2f ||
        c === 0x3d ||
        c === 0x25 ||
        c === 0x20 ||
        c === 0x0a ||
        c === 0x0d ||
        c === 0x09;
      if (!ok) break;
      j++;
    }
    if (j - comma > 256) out.push([comma + 1, j]);
    i = s.indexOf("data:", j);
  }
  return out;
}

/** Bytes of a page taken by embedded data: URI payloads (ASCII, so a byte a character). */
export function embeddedDataBytes(buf: Buffer): number {
  return dataUris(buf.toString("latin1")).reduce((n, [a, b]) => n + (b - a), 0);
}

/** The page without its data: URI payloads. */
function withoutData(s: string): string {
  const ranges = dataUris(s);
  if (ranges.length === 0) return s;
  let out = "";
  let at = 0;
  for (const [a, b] of ranges) {
    out += s.slice(at, a);
    at = b;
  }
  return out + s.slice(at);
}

export function readHtml(buf: Buffer): DocModel {
  const { text, encoding } = decodeText(buf, declaredCharset(buf));
  // embedded images are not text: their payloads are dropped before parsing; so are the tags of
  // elements nested deeper than any page needs (their walk is quadratic and overflows the stack)
  const capped = capNesting(withoutData(text), true);
  const messages: Message[] = capped.dropped
    ? [
        {
          level: "warning",
          code: "deep_nesting",
          message: `${capped.dropped} tags nested deeper than ${MAX_NESTING} levels were dropped (their text kept)`,
        },
      ]
    : [];
  const blocks = htmlToBlocks(capped.text, { article: true });
  if (blocks.length === 0) throw new ReadError("HTML page has no text", "empty");
  return { format: "html", pages: null, blocks, engine: `htmlparser2/${encoding}`, messages };
}
