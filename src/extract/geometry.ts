/**
 * Where a value sits on a PDF page: the box (`evidence.bbox`) around the characters it was read from.
 *
 * The PDF reader keeps every glyph's character and box per page (`PageGlyphs`) beside the document
 * model — not in it: they are not stored, only the boxes of the chosen values are. After the fields
 * are chosen, `locateValues` finds each value's raw text among the glyphs of its evidence page (and
 * the next, for a paragraph running over a page break): characters are compared folded (full-width,
 * traditional) and without spaces; several hits are told apart by the text before and after the
 * value in the document. A value not found as written (a table total whose raw text was assembled)
 * gets no box rather than a guessed one.
 */
import type { BudgetTable, DocModel, FieldValue } from "../model.js";
import { foldChar, isRegexSpace } from "../normalize/text.js";

/** Page coordinates in points, origin at the page's top-left corner: [x0, y0, x1, y1]. */
export type Box = [number, number, number, number];

export interface PageGlyphs {
  /** 1-based */
  page: number;
  width: number;
  height: number;
  /** one character per glyph */
  chars: string[];
  /** 4 numbers per glyph: x0, y0, x1, y1 */
  boxes: Float32Array;
}

/** Builds a page's glyph list one character at a time. */
export class GlyphCollector {
  private chars: string[] = [];
  private boxes: number[] = [];
  add(c: string, x0: number, y0: number, x1: number, y1: number): void {
    this.chars.push(c);
    this.boxes.push(x0, y0, x1, y1);
  }
  /** a run of text in one box (engines that give strings, not glyphs): the width shared out evenly */
  addRun(text: string, x0: number, y0: number, x1: number, y1: number): void {
    const cs = [...text];
    const w = (x1 - x0) / Math.max(1, cs.length);
    cs.forEach((c, i) => this.add(c, x0 + i * w, y0, x0 + (i + 1) * w, y1));
  }
  done(page: number, width: number, height: number): PageGlyphs {
    return { page, width, height, chars: this.chars, boxes: Float32Array.from(this.boxes) };
  }
}

const glyphsByDoc = new WeakMap<DocModel, PageGlyphs[]>();

/** Keeps a document's glyphs beside it (for locateValues); a model read back from the store has none. */
export function attachGlyphs(doc: DocModel, pages: PageGlyphs[]): void {
  glyphsByDoc.set(doc, pages);
}

export function glyphsOf(doc: DocModel): PageGlyphs[] | undefined {
  return glyphsByDoc.get(doc);
}

/** The key a character is compared by: folded; spaces have none. */
function key(c: string): string {
  if (c.length === 1 && isRegexSpace(c.charCodeAt(0))) return "";
  return foldChar(c);
}

function keys(s: string): string[] {
  const out: string[] = [];
  for (const c of s) {
    const k = key(c);
    if (k) out.push(k);
  }
  return out;
}

/** Characters of context compared on each side of a hit. */
const CONTEXT = 24;

interface Indexed {
  keys: string[];
  /** glyph index of each key */
  at: number[];
  /** where each pair of keys starts (made when first asked): a needle's candidates without scanning the page */
  pairs?: Map<string, number[]>;
}

/** The key positions where a needle of these keys may start: those of its first pair (or first key). */
function starts(ix: Indexed, needle: string[]): Iterable<number> {
  if (needle.length < 2) return ix.keys.keys();
  if (!ix.pairs) {
    ix.pairs = new Map();
    for (let i = 0; i + 1 < ix.keys.length; i++) {
      const k = ix.keys[i] + ix.keys[i + 1];
      const list = ix.pairs.get(k);
      if (list) list.push(i);
      else ix.pairs.set(k, [i]);
    }
  }
  return ix.pairs.get(needle[0] + needle[1]) ?? [];
}

function indexPage(p: PageGlyphs): Indexed {
  const ks: string[] = [];
  const at: number[] = [];
  p.chars.forEach((c, i) => {
    const k = key(c);
    if (k) {
      ks.push(k);
      at.push(i);
    }
  });
  return { keys: ks, at };
}

/**
 * The box of `raw` on one of `pages` (page numbers tried in order), told apart from other
 * occurrences by `before`/`after` (document text around it); null when it is not on them.
 */
export function locate(
  glyphs: PageGlyphs[],
  pages: number[],
  raw: string,
  before: string,
  after: string,
  cache = new Map<number, Indexed>(),
): { page: number; bbox: Box } | null {
  const needle = keys(raw);
  if (!needle.length) return null;
  const pre = keys(before).slice(-CONTEXT);
  const post = keys(after).slice(0, CONTEXT);
  for (const pageNo of pages) {
    const p = glyphs.find((g) => g.page === pageNo);
    if (!p) continue;
    let ix = cache.get(pageNo);
    if (!ix) cache.set(pageNo, (ix = indexPage(p)));
    let best = -1;
    let bestScore = -1;
    for (const i of starts(ix, needle)) {
      if (i + needle.length > ix.keys.length) continue;
      let j = 0;
      while (j < needle.length && ix.keys[i + j] === needle[j]) j++;
      if (j < needle.length) continue;
      let s = 0;
      while (s < pre.length && i - 1 - s >= 0 && ix.keys[i - 1 - s] === pre[pre.length - 1 - s]) s++;
      let t = 0;
      while (t < post.length && i + needle.length + t < ix.keys.length && ix.keys[i + needle.length + t] === post[t]) t++;
      if (s + t > bestScore) {
        bestScore = s + t;
        best = i;
      }
    }
    if (best < 0) continue;
    const b = p.boxes;
    const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
    for (let j = best; j < best + needle.length; j++) {
      const g = ix.at[j] * 4;
      box[0] = Math.min(box[0], b[g]);
      box[1] = Math.min(box[1], b[g + 1]);
      box[2] = Math.max(box[2], b[g + 2]);
      box[3] = Math.max(box[3], b[g + 3]);
    }
    return { page: pageNo, bbox: box.map((v) => Math.round(v * 10) / 10) as Box };
  }
  return null;
}

/** Sets `evidence.bbox` (and corrects `evidence.page`) of every value found on the document's pages. */
export function locateValues(doc: DocModel, fields: { [field: string]: FieldValue | null }, cleanText: string): void {
  const glyphs = glyphsOf(doc);
  if (!glyphs?.length) return;
  const cache = new Map<number, Indexed>();
  for (const v of Object.values(fields)) {
    if (!v || v.evidence.page === null || !v.raw) continue;
    const { start, end, page } = v.evidence;
    const before = cleanText.slice(Math.max(0, start - 2 * CONTEXT), start);
    const after = cleanText.slice(end, end + 2 * CONTEXT);
    const hit = locate(glyphs, [page, page + 1], v.raw, before, after, cache);
    if (hit) v.evidence = { ...v.evidence, page: hit.page, bbox: hit.bbox };
  }
}

/** Sets the box of every amount of the budget tables' lines found on its line's page (from the reader's glyphs). */
export function locateLines(doc: DocModel, tables: BudgetTable[], cleanText: string): void {
  const glyphs = glyphsOf(doc);
  if (!glyphs?.length) return;
  const cache = new Map<number, Indexed>();
  for (const t of tables)
    for (const l of t.lines) {
      if (l.page === null) continue;
      const row = cleanText.slice(l.start, l.end);
      let from = 0;
      for (const c of l.cells) {
        const at = row.indexOf(c.raw, from);
        if (at < 0) continue;
        from = at + c.raw.length;
        const start = l.start + at;
        // (a figure repeats across rows — 0.00, a 款 equal to its 类 — the row around it tells them apart: the
        // context is a value's, not shorter; 12 characters put figures on the wrong row, the tests show)
        const before = cleanText.slice(Math.max(0, start - 2 * CONTEXT), start);
        const after = cleanText.slice(start + c.raw.length, start + c.raw.length + 2 * CONTEXT);
        const hit = locate(glyphs, [l.page], c.raw, before, after, cache);
        if (hit) c.bbox = hit.bbox;
      }
    }
}
