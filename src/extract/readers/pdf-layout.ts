/**
 * From positioned text lines to paragraphs and tables, for any PDF engine.
 *
 * - segments on one baseline become one row; a wide gap between them is a cell break (tab);
 * - page numbers (- 3 -, 第 3 页, 3 / 11) and headers/footers repeated across pages are removed;
 * - rows are re-joined into paragraphs, across page breaks too, when a row runs to the right
 *   margin and the next one is not indented; nothing is inserted between Chinese characters or
 *   inside numbers (95.\n83% → 95.83%);
 * - runs of rows with cell breaks become table blocks.
 */
import type { Block, Cell } from "../../model.js";
import { isCjk, isRegexSpace } from "../../normalize/text.js";

export interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
  size: number;
  /** baseline y, when the engine gives it: rows are grouped by baseline (glyph boxes of CJK fonts are often taller than the line pitch) */
  base?: number;
}

export interface PageLines {
  width: number;
  height: number;
  segments: Segment[];
  /** ruled tables found on the page (their glyphs are not in `segments`) */
  tables?: Array<{ y0: number; y1: number; rows: Cell[][] }>;
}

interface Row {
  page: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  size: number;
  cells: string[];
  /** true when the row's cells were separated by wide gaps */
  tabular: boolean;
}

const PAGE_NUMBER = [
  /^[-—–－_\s]*\d{1,4}[-—–－_\s]*$/,
  /^第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?$/,
  /^\d{1,4}\s*[/／]\s*\d{1,4}$/,
  /^(?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?$/i,
  /^[-—–－\s]*[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+[-—–－\s]*$/,
];

export function isPageNumber(text: string): boolean {
  const t = text.trim();
  return t.length <= 20 && PAGE_NUMBER.some((re) => re.test(t));
}

/** [0-9.,%(（-] */
const NUMERIC_LEFT = (c: number) =>
  (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2c || c === 0x25 || c === 0x28 || c === 0xff08 || c === 0x2d;
/** [0-9.,%)）] */
const NUMERIC_RIGHT = (c: number) => (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2c || c === 0x25 || c === 0x29 || c === 0xff09;

/** Joins two pieces of one line or paragraph: no space around Chinese, digits or punctuation. */
export function joinPieces(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  const l = a.charCodeAt(a.length - 1);
  const r = b.charCodeAt(0);
  if (isRegexSpace(l) || isRegexSpace(r)) return a + b;
  if (isCjk(a[a.length - 1]) || isCjk(b[0])) return a + b;
  if (NUMERIC_LEFT(l) || NUMERIC_RIGHT(r)) return a + b;
  return `${a} ${b}`;
}

/** s without trailing whitespace (the common case, a single glyph, without a regular expression). */
const trimEnd = (s: string) => (s.length && isRegexSpace(s.charCodeAt(s.length - 1)) ? s.replace(/\s+$/, "") : s);
const trimStart = (s: string) => (s.length && isRegexSpace(s.charCodeAt(0)) ? s.trimStart() : s);

function rowsOfPage(p: PageLines, page: number): Row[] {
  const segs = p.segments.filter((s) => s.text.trim() !== "").sort((a, b) => (a.base ?? a.y0) - (b.base ?? b.y0) || a.x0 - b.x0);
  const rows: Segment[][] = [];
  for (const s of segs) {
    const h = Math.max(1, s.y1 - s.y0);
    let placed = false;
    for (let k = rows.length - 1; k >= Math.max(0, rows.length - 3); k--) {
      const r = rows[k];
      let same: boolean;
      if (s.base !== undefined && r[0].base !== undefined) {
        // same baseline (a quote mark from another font sits on the same baseline as the text around it)
        same = Math.abs(r[0].base - s.base) <= 0.3 * Math.max(1, Math.min(s.size, r[0].size));
      } else {
        // same row when the vertical extents overlap by half the smaller height
        const ry0 = Math.min(...r.map((x) => x.y0));
        const ry1 = Math.max(...r.map((x) => x.y1));
        const overlap = Math.min(ry1, s.y1) - Math.max(ry0, s.y0);
        same = overlap >= 0.5 * Math.min(h, median(r.map((x) => x.y1 - x.y0)));
      }
      if (same) {
        r.push(s);
        placed = true;
        break;
      }
    }
    if (!placed) rows.push([s]);
  }
  return rows.map((r) => {
    r.sort((a, b) => a.x0 - b.x0);
    const size = median(r.map((s) => s.size || s.y1 - s.y0));
    const cells: string[] = [];
    let cur = "";
    let prevX1 = -Infinity;
    let tabular = false;
    for (const s of r) {
      const gap = s.x0 - prevX1;
      const text = trimEnd(s.text);
      if (prevX1 > -Infinity && gap > Math.max(2.2 * size, 18)) {
        cells.push(cur.trim());
        cur = trimStart(text);
        tabular = true;
      } else if (prevX1 > -Infinity && gap > 0.45 * size && !isCjk(cur[cur.length - 1]) && !isCjk(text[0])) {
        cur += ` ${trimStart(text)}`;
      } else if (prevX1 > -Infinity && gap < 0.2 * size) {
        // touching pieces (glyph by glyph, as some engines give them) are one word: nothing between
        cur += trimStart(text);
      } else cur = joinPieces(cur, prevX1 > -Infinity ? trimStart(text) : text.trim());
      prevX1 = Math.max(prevX1, s.x1);
    }
    cells.push(cur.trim());
    return {
      page,
      x0: r[0].x0,
      x1: Math.max(...r.map((s) => s.x1)),
      y0: Math.min(...r.map((s) => s.y0)),
      y1: Math.max(...r.map((s) => s.y1)),
      size,
      cells,
      tabular,
    };
  });
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const rowText = (r: Row) => r.cells.join("\t");
const shape = (t: string) => t.replace(/\s+/g, "").replace(/\d+/g, "#");
/** A running header or footer repeats the same text at the same height: text shape @ 4-pt band. */
const edgeKey = (r: Row) => `${shape(rowText(r))}@${Math.round(r.y0 / 4)}`;
const shiftKey = (key: string, d: number) => key.replace(/@(-?\d+)$/, (_, b) => `@${Number(b) + d}`);

/** Text with something besides figures and punctuation in it. */
const hasWords = (t: string) => /[^\d\s.,%\-—–－_/／()（）]/.test(t);

/** Removes page numbers and running headers/footers (the same text at the top or bottom of many pages). */
function stripRunning(pages: Row[][], heights: number[], widths: number[]): { pages: Row[][]; removed: number } {
  let removed = 0;
  const n = pages.length;
  const edgeShapes = (which: "top" | "bottom") => {
    const counts = new Map<string, number>();
    pages.forEach((rows, i) => {
      const h = heights[i];
      const edge = which === "top" ? rows.filter((r) => r.y1 < h * 0.15).slice(0, 2) : rows.filter((r) => r.y0 > h * 0.85).slice(-2);
      for (const key of new Set(edge.map(edgeKey))) counts.set(key, (counts.get(key) ?? 0) + 1);
    });
    return counts;
  };
  const top = edgeShapes("top");
  const bottom = edgeShapes("bottom");
  const minRepeats = Math.max(2, Math.ceil(n * 0.4));
  const out = pages.map((rows, i) => {
    const h = heights[i];
    return rows.filter((r, k) => {
      // a running header that repeats the title printed just below it (one-page documents too)
      if (k === 0 && rows.length > 1 && r.y1 < h * 0.12 && hasWords(rowText(r)) && shape(rowText(r)) === shape(rowText(rows[1]))) {
        removed++;
        return false;
      }
      const t = rowText(r);
      const key = edgeKey(r);
      const nearTop = r.y1 < h * 0.12 || k === 0;
      const nearBottom = r.y0 > h * 0.88 || k === rows.length - 1;
      const repeated = (m: Map<string, number>) =>
        Math.max(m.get(key) ?? 0, m.get(shiftKey(key, -1)) ?? 0, m.get(shiftKey(key, 1)) ?? 0) >= minRepeats;
      // a bare number is a page number only in the page's top or bottom band, centred or at the right
      // edge, and not 0: the first or last line of a page can be a cell of a table written one a line
      const bare = /^\s*\d{1,4}\s*$/.test(t);
      const w = widths[i];
      const placed = Math.abs((r.x0 + r.x1) / 2 - w / 2) < 0.15 * w || r.x1 > 0.8 * w;
      const pageNumber = bare
        ? Number(t) >= 1 && (r.y1 < h * 0.12 || r.y0 > h * 0.88) && placed
        : (nearTop || nearBottom) && isPageNumber(t);
      // (running text has words: a figure alone at the same height on several pages is a table's cell)
      const words = hasWords(t);
      const drop =
        pageNumber ||
        (n >= 2 && words && nearTop && r.y1 < h * 0.15 && repeated(top)) ||
        (n >= 2 && words && nearBottom && r.y0 > h * 0.85 && repeated(bottom));
      if (drop) removed++;
      return !drop;
    });
  });
  return { pages: out, removed };
}

const SENTENCE_END = /[。！？!?；;：:」』”"）)]$/;
const STARTS_LIKE_HEADING =
  /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]\D|第[一二三四五六七八九十\d]+[部章节]|附件|附表)/;

/** Lays out pages of positioned lines into blocks. */
export function layoutPages(pagesIn: PageLines[]): { blocks: Block[]; removed: number } {
  const rowsPerPage = pagesIn.map((p, i) => rowsOfPage(p, i + 1));
  const { pages, removed } = stripRunning(
    rowsPerPage,
    pagesIn.map((p) => p.height),
    pagesIn.map((p) => p.width),
  );
  const all = pages.flat();
  // text column edges, from body rows
  const body = all.filter((r) => !r.tabular && rowText(r).length >= 8);
  const left = body.length
    ? percentile(
        body.map((r) => r.x0),
        0.1,
      )
    : 0;
  // the right margin from the lines long enough to have been wrapped there (a page of short lines,
  // cells one a line, would put it at the end of a short one and join what is no paragraph)
  const long = all.filter((r) => !r.tabular && rowText(r).length >= 20);
  const right =
    long.length >= 5
      ? percentile(
          long.map((r) => r.x1),
          0.75,
        )
      : body.length
        ? percentile(
            body.map((r) => r.x1),
            0.9,
          )
        : Infinity;
  const bodySize = body.length ? median(body.map((r) => r.size)) : 0;

  const blocks: Block[] = [];
  let para: { text: string; page: number; last: Row } | null = null;
  let table: { rows: string[][]; page: number } | null = null;
  const flushPara = () => {
    if (para?.text.trim()) blocks.push({ kind: "paragraph", page: para.page, text: para.text.trim() });
    para = null;
  };
  const flushTable = () => {
    if (table) {
      if (table.rows.length >= 2)
        blocks.push({ kind: "table", page: table.page, rows: table.rows.map((r) => r.map((c) => ({ text: c, colspan: 1, rowspan: 1 }))) });
      else for (const r of table.rows) blocks.push({ kind: "paragraph", page: table.page, text: r.join("\t") });
    }
    table = null;
  };
  // ruled tables, in page order: each goes in before the first row below its top edge
  const pending = pagesIn.flatMap((p, i) => (p.tables ?? []).map((t) => ({ ...t, page: i + 1 })));
  const emitTablesBefore = (page: number, y: number) => {
    while (pending.length && (pending[0].page < page || (pending[0].page === page && pending[0].y0 <= y))) {
      const t = pending.shift()!;
      flushPara();
      flushTable();
      blocks.push({ kind: "table", page: t.page, rows: t.rows });
    }
  };
  for (const r of all) {
    emitTablesBefore(r.page, r.y0);
    if (r.tabular) {
      flushPara();
      if (!table) table = { rows: [], page: r.page };
      table.rows.push(r.cells);
      continue;
    }
    flushTable();
    const text = r.cells[0];
    if (para) {
      const prev: Row = para.last;
      // a line runs to the margin, or stops short because the next word (a number) did not fit
      // (a Latin word, a number, or a bracketed gloss "(shù)50" that did not fit)
      const leadingWord = /^[(（]?[0-9A-Za-z.,%āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]?[0-9.,%]*/.exec(text)?.[0] ?? "";
      const prevRunsToMargin = prev.x1 >= right - 1.5 * prev.size - leadingWord.length * 0.6 * r.size;
      const indented = r.x0 > left + 1.2 * r.size;
      const samePage = prev.page === r.page;
      const gap = samePage ? r.y0 - prev.y1 : 0;
      const bigGap = samePage && gap > 1.6 * Math.max(prev.size, r.size);
      const continues =
        prevRunsToMargin &&
        !indented &&
        !bigGap &&
        !STARTS_LIKE_HEADING.test(text) &&
        Math.abs(prev.size - r.size) < 1.5 &&
        !(SENTENCE_END.test(para.text) && prev.x1 < right - 0.5 * prev.size);
      // a title set in a large font over several centred lines ("上海市普陀区规划和自然" / "资源局")
      const titleLines =
        samePage &&
        bodySize > 0 &&
        prev.size >= 1.2 * bodySize &&
        Math.abs(prev.size - r.size) < 0.5 &&
        gap < 1.2 * r.size &&
        !STARTS_LIKE_HEADING.test(text) &&
        !SENTENCE_END.test(para.text);
      if (continues || titleLines) {
        para.text = joinPieces(para.text, text);
        para.last = r;
        continue;
      }
      flushPara();
    }
    para = { text, page: r.page, last: r };
  }
  flushPara();
  flushTable();
  emitTablesBefore(Infinity, Infinity);
  return { blocks, removed };
}

function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(q * (s.length - 1))))];
}
