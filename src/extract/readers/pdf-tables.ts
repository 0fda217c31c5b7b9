/**
 * Ruled tables in PDFs: the grid is rebuilt from the lines the PDF draws (stroked lines or thin
 * filled rectangles), merged cells from the grid lines that are missing, and each glyph goes to the
 * cell it sits in — so a cell whose text wraps over several lines stays one cell.
 * Tables without vertical rules (三线表) are left to the row layout in pdf-layout.ts.
 */
import type { Cell } from "../../model.js";
import { joinPieces, type Segment } from "./pdf-layout.js";

export interface Ruling {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PdfTable {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  rows: Cell[][];
}

const TOL = 2;

/** Splits drawn segments into merged horizontal and vertical rules. */
export function toRules(segs: Ruling[]): { h: Ruling[]; v: Ruling[] } {
  const h: Ruling[] = [];
  const v: Ruling[] = [];
  for (const s of segs) {
    const x0 = Math.min(s.x0, s.x1);
    const x1 = Math.max(s.x0, s.x1);
    const y0 = Math.min(s.y0, s.y1);
    const y1 = Math.max(s.y0, s.y1);
    if (y1 - y0 <= 1.5 && x1 - x0 >= 4) h.push({ x0, x1, y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 });
    else if (x1 - x0 <= 1.5 && y1 - y0 >= 4) v.push({ x0: (x0 + x1) / 2, x1: (x0 + x1) / 2, y0, y1 });
  }
  return { h: mergeCollinear(h, "h"), v: mergeCollinear(v, "v") };
}

/**
 * Joins pieces of one rule: sorted by position and start, a piece within TOL of a rule's line that
 * touches or overlaps the rule (within TOL) extends that rule to its own end. A piece that only
 * meets the rule's start from before it is not drawn on: a box drawn around a table's title, just
 * above the table and sharing its side, does not become part of the table's grid (real 部门预算
 * PDFs draw such boxes, often invisible, and joining them puts the title lines into the table).
 * A piece that runs on into the rule from before its start extends it back (the same line, its
 * pieces 0.3 pt apart); a piece that does not reach the rule at all is a rule of its own (another
 * table's side 0.2 pt to the left must not swallow this table's).
 */
function mergeCollinear(rules: Ruling[], dir: "h" | "v"): Ruling[] {
  const pos = (r: Ruling) => (dir === "h" ? r.y0 : r.x0);
  const lo = (r: Ruling) => (dir === "h" ? r.x0 : r.y0);
  const hi = (r: Ruling) => (dir === "h" ? r.x1 : r.y1);
  const sorted = [...rules].sort((a, b) => pos(a) - pos(b) || lo(a) - lo(b));
  const out: Ruling[] = [];
  for (const r of sorted) {
    const last = out.findLast((o) => Math.abs(pos(o) - pos(r)) <= TOL && lo(r) <= hi(o) + TOL && hi(r) >= lo(o) - TOL);
    if (last) {
      // a piece that runs on into the rule (not one that only meets its start) is the same line drawn from further back
      const back = lo(r) < lo(last) && hi(r) > lo(last) + TOL;
      if (dir === "h") {
        last.x1 = Math.max(last.x1, r.x1);
        if (back) last.x0 = r.x0;
      } else {
        last.y1 = Math.max(last.y1, r.y1);
        if (back) last.y0 = r.y0;
      }
    } else out.push({ ...r });
  }
  return out;
}

function cluster(values: number[]): number[] {
  const s = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of s) if (!out.length || v - out[out.length - 1] > TOL) out.push(v);
  return out;
}

class UnionFind {
  private p: number[];
  constructor(n: number) {
    this.p = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.p[i] !== i) i = this.p[i] = this.p[this.p[i]];
    return i;
  }
  union(a: number, b: number): void {
    this.p[this.find(a)] = this.find(b);
  }
}

/** Groups rules that touch into tables and builds each table's grid and cells. */
export function findTables(segs: Ruling[], chars: Segment[]): { tables: PdfTable[]; rest: Segment[] } {
  const { h, v } = toRules(segs);
  if (h.length < 2 || v.length < 2) return { tables: [], rest: chars };
  const all = [...h, ...v];
  const uf = new UnionFind(all.length);
  for (let i = 0; i < h.length; i++) {
    for (let j = 0; j < v.length; j++) {
      const a = h[i];
      const b = v[j];
      if (b.x0 >= a.x0 - TOL && b.x0 <= a.x1 + TOL && a.y0 >= b.y0 - TOL && a.y0 <= b.y1 + TOL) uf.union(i, h.length + j);
    }
  }
  const groups = new Map<number, { h: Ruling[]; v: Ruling[] }>();
  all.forEach((r, i) => {
    const g = groups.get(uf.find(i)) ?? { h: [], v: [] };
    (i < h.length ? g.h : g.v).push(r);
    groups.set(uf.find(i), g);
  });
  const tables: PdfTable[] = [];
  const used = new Set<Segment>();
  for (const g of groups.values()) {
    if (g.h.length < 2 || g.v.length < 2) continue;
    const t = buildTable(g.h, g.v, chars, used);
    if (t) tables.push(t);
  }
  return { tables: tables.sort((a, b) => a.y0 - b.y0), rest: chars.filter((c) => !used.has(c)) };
}

function buildTable(h: Ruling[], v: Ruling[], chars: Segment[], used: Set<Segment>): PdfTable | null {
  const xs = cluster(v.map((r) => r.x0));
  const ys = cluster(h.map((r) => r.y0));
  const hasV = (x: number, y: number) => v.some((r) => Math.abs(r.x0 - x) <= TOL && y >= r.y0 - TOL && y <= r.y1 + TOL);
  openRows(xs, ys, v, hasV);
  const R = ys.length - 1;
  const C = xs.length - 1;
  if (R < 1 || C < 1 || R * C < 2) return null;
  const hasH = (y: number, x: number) => h.some((r) => Math.abs(r.y0 - y) <= TOL && x >= r.x0 - TOL && x <= r.x1 + TOL);
  const id = (r: number, c: number) => r * C + c;
  const uf = new UnionFind(R * C);
  for (let r = 0; r < R; r++) {
    const ym = (ys[r] + ys[r + 1]) / 2;
    for (let c = 0; c < C; c++) {
      const xm = (xs[c] + xs[c + 1]) / 2;
      if (c + 1 < C && !hasV(xs[c + 1], ym)) uf.union(id(r, c), id(r, c + 1));
      if (r + 1 < R && !hasH(ys[r + 1], xm)) uf.union(id(r, c), id(r + 1, c));
    }
  }
  // glyphs into grid cells
  const x0 = xs[0];
  const x1 = xs[C];
  const y0 = ys[0];
  const y1 = ys[R];
  const index = (edges: number[], p: number) => {
    for (let i = 0; i < edges.length - 1; i++) if (p >= edges[i] && p < edges[i + 1]) return i;
    return -1;
  };
  const content = new Map<number, Segment[]>();
  for (const ch of chars) {
    const cx = (ch.x0 + ch.x1) / 2;
    const cy = ch.base !== undefined ? ch.base - 0.3 * ch.size : (ch.y0 + ch.y1) / 2;
    if (cx < x0 || cx > x1 || cy < y0 || cy > y1) continue;
    const c = index(xs, cx);
    const r = index(ys, cy);
    if (r < 0 || c < 0) continue;
    const root = uf.find(id(r, c));
    const list = content.get(root) ?? [];
    list.push(ch);
    content.set(root, list);
    used.add(ch);
  }
  // cells: the top-left grid cell of each merged group, in reading order
  const extent = new Map<number, { r0: number; r1: number; c0: number; c1: number }>();
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const root = uf.find(id(r, c));
      const e = extent.get(root);
      if (!e) extent.set(root, { r0: r, r1: r, c0: c, c1: c });
      else {
        e.r1 = Math.max(e.r1, r);
        e.c1 = Math.max(e.c1, c);
        e.r0 = Math.min(e.r0, r);
        e.c0 = Math.min(e.c0, c);
      }
    }
  }
  const rows: Cell[][] = Array.from({ length: R }, () => []);
  for (const [root, e] of [...extent.entries()].sort((a, b) => a[1].r0 - b[1].r0 || a[1].c0 - b[1].c0)) {
    rows[e.r0].push({ text: cellText(content.get(root) ?? []), colspan: e.c1 - e.c0 + 1, rowspan: e.r1 - e.r0 + 1 });
  }
  const kept = rows.filter((r) => r.length > 0);
  if (!kept.some((r) => r.some((c) => c.text))) return null;
  return { x0, y0, x1, y1, rows: kept };
}

/** A row is at least this high (pt): vertical rules reaching less far past the last horizontal one overshoot it. */
const MIN_ROW = 6;

/**
 * A row left open at the top or the foot of the table — a table running on from the page before, or
 * onto the next, drawn without the rule on that side — is a row all the same where the column rules
 * reach past the last horizontal rule: every rule that divides the row next to it, and one inside the
 * table at least (two sides alone are a box drawn around a title, not a row). Adds its edge to `ys`.
 */
function openRows(xs: number[], ys: number[], v: Ruling[], hasV: (x: number, y: number) => boolean): void {
  const top = Math.min(...v.map((r) => r.y0));
  const bottom = Math.max(...v.map((r) => r.y1));
  const open = (band: number, next: number) => {
    const dividing = xs.filter((x) => hasV(x, next));
    return dividing.length >= 3 && dividing.every((x) => hasV(x, band));
  };
  if (ys.length >= 2 && ys[0] - top > MIN_ROW && open((top + ys[0]) / 2, (ys[0] + ys[1]) / 2)) ys.unshift(top);
  const n = ys.length;
  if (n >= 2 && bottom - ys[n - 1] > MIN_ROW && open((ys[n - 1] + bottom) / 2, (ys[n - 2] + ys[n - 1]) / 2)) ys.push(bottom);
}

/** A cell's glyphs → its text: lines by baseline, top to bottom, joined without inserting spaces into Chinese. */
function cellText(chars: Segment[]): string {
  const lines: Segment[][] = [];
  for (const ch of [...chars].sort((a, b) => (a.base ?? a.y1) - (b.base ?? b.y1) || a.x0 - b.x0)) {
    const last = lines[lines.length - 1];
    if (last && Math.abs((last[0].base ?? last[0].y1) - (ch.base ?? ch.y1)) <= 0.3 * Math.max(1, ch.size)) last.push(ch);
    else lines.push([ch]);
  }
  let text = "";
  for (const line of lines) {
    line.sort((a, b) => a.x0 - b.x0);
    let s = "";
    let prev: Segment | undefined;
    // a space glyph, or a gap wider than half an em, between two words that are not Chinese is a space
    let spaced = false;
    for (const ch of line) {
      if (!ch.text.trim()) {
        spaced = true;
        continue;
      }
      if (prev && (spaced || ch.x0 - prev.x1 > 0.5 * ch.size) && !/[\u4e00-\u9fff]/.test(ch.text + s.slice(-1))) s += " ";
      s += ch.text;
      prev = ch;
      spaced = false;
    }
    text = joinPieces(text, s.trim());
  }
  return text.trim();
}
