/**
 * Field rules that read tables: the budget table of a 自评表 (年初预算数 / 全年预算数 / 全年执行数 with
 * rows 年度资金总额, 基本支出, 项目支出), the staff table (编制数 / 实际在职人数, row 合计), and the
 * satisfaction row of a score table. Amounts take their unit from the table (单位：万元) — never a
 * guess: without a stated unit a table gives no money values. Tables headed with another unit or
 * year than the report's are skipped.
 */
import type { Table } from "../model.js";
import { type MoneyUnit, YUAN_UNITS } from "../normalize/money.js";
import { parseNumber } from "../normalize/number.js";
import { percentToRatio } from "../normalize/ratio.js";
import { foldChar, foldedOffset, foldText, squash } from "../normalize/text.js";
import { gridOf } from "./grid.js";
import { type ScoreTable, scoreTables } from "./indicators.js";
import type { Candidate, Context } from "./rules.js";

/**
 * A table as the field rules read it: in the folded form the rest of extraction matches (half-width,
 * simplified, spaces next to Chinese dropped), so a table reads alike whatever width or script its
 * cells were written in. Offsets are folded offsets, as candidates carry them.
 */
export interface TableView {
  table: Table;
  block: number;
  /** the last block of the table: a table that runs over pages is one view of its blocks */
  lastBlock: number;
  /** the cells folded (spanned cells repeated) */
  grid: string[][];
  /** folded start of each rendered row */
  rowStart: number[];
  /** each rendered row, folded (cells separated by tabs) */
  rowText: string[];
  /** title rows and the lines just before the table (folded) */
  heading: string;
}

const views = new WeakMap<Context, TableView[]>();

/** A cell's text as the folded rendering has it. */
export const foldCell = (c: string) => foldText(c.replace(/[\t\n\r]+/g, " ")).trim();

export function tablesOf(ctx: Context): TableView[] {
  const cached = views.get(ctx);
  if (cached) return cached;
  const out: TableView[] = [];
  const tableRanges: Array<[number, number]> = [];
  for (const span of ctx.clean.spans) {
    const table = ctx.doc.blocks[span.block];
    if (table?.kind !== "table") continue;
    const fs = foldedAt(ctx, span.start);
    const rowText = ctx.folded.text.slice(fs, foldedAt(ctx, span.end)).split("\n");
    const rowStart: number[] = [];
    let pos = fs;
    for (const r of rowText) {
      rowStart.push(pos);
      pos += r.length + 1;
    }
    const grid = gridOf(table).map((row) => row.map(foldCell));
    // the lines just before the table (200 characters at most): not rows of a table before it, not page
    // chrome (a publisher named in the metadata above is no unit the table is headed with)
    const from = Math.max(0, fs - 200);
    const pieces: string[] = [];
    for (let at = from; at <= fs; ) {
      const nl = ctx.folded.text.indexOf("\n", at);
      const end = nl < 0 || nl > fs ? fs : nl;
      const inTable = tableRanges.some(([ts, te]) => at >= ts && at < te);
      if (!inTable && !(end > at && ctx.inChrome(at))) pieces.push(ctx.folded.text.slice(at, end));
      at = end + 1;
    }
    const before = pieces.slice(-4).join("\n");
    tableRanges.push([fs, foldedAt(ctx, span.end) + 1]);
    const titleRows = grid
      .slice(0, 4)
      .filter((r) => r.filter((c) => c.trim()).length <= 2)
      .map((r) => r.filter((c) => c.trim()).join(" "));
    const view = {
      table,
      block: span.block,
      lastBlock: span.block,
      grid,
      rowStart,
      rowText,
      heading: `${before}\n${titleRows.join("\n")}`,
    };
    const last = out[out.length - 1];
    const rest = last ? continuation(ctx, last, view) : null;
    if (last && rest !== null) {
      // the part on the next page continues the table: one view, the caption, unit and header the first part's
      const w = Math.max(0, ...last.grid.map((r) => r.length));
      // a narrower last part (a 合计 row alone on its page): its label spans the first columns
      const aligned = view.grid.slice(rest).map((r) => (r.length < w ? [...Array(w - r.length).fill(r[0]), ...r] : r));
      last.grid = [...last.grid, ...aligned];
      last.rowStart = [...last.rowStart, ...view.rowStart.slice(rest)];
      last.rowText = [...last.rowText, ...view.rowText.slice(rest)];
      last.lastBlock = view.block;
    } else out.push(view);
  }
  views.set(ctx, out);
  return out;
}

/**
 * Whether `next` continues `prev` over a page break, and from which of its rows: the next block, on the
 * next page, as wide (or a 合计 row alone, narrower); it opens with rows of figures (no caption, no
 * header of its own: no words where the figures stand) or with the header rows of `prev` again
 * (those are skipped). Null when it is a table of its own.
 */
export function continuation(ctx: Context, prev: TableView, next: TableView): number | null {
  const pa = ctx.doc.blocks[prev.lastBlock]?.page;
  const pb = next.table.page;
  if (pa == null || pb == null || pb !== pa + 1 || next.block !== prev.lastBlock + 1) return null;
  const width = (g: string[][]) => Math.max(0, ...g.map((r) => r.length));
  if (next.grid.length === 0) return null;
  // as wide, or a total row alone whose label spans the columns the figures do not fill
  const total = next.grid.length === 1 && /^(?:合计|总计)/.test(squash(next.grid[0][0] ?? "")) && width(next.grid) < width(prev.grid);
  if (width(prev.grid) !== width(next.grid) && !total) return null;
  // the header again: as many of its first rows as equal prev's first rows
  let repeated = 0;
  while (repeated < next.grid.length && repeated < prev.grid.length && same(next.grid[repeated], prev.grid[repeated])) repeated++;
  if (repeated >= next.grid.length) return null;
  // lines from the first row on: a header has words where the figures stand, a line has figures or
  // nothing there (lines with nothing to report, or with more labels than figures, may come first).
  // Where the figures stand: in its first row of figures, or in the last line of `prev` that has any
  const f = next.grid.findIndex((row, i) => i >= repeated && isFigureRow(row));
  const last = prev.grid.findLast((row) => row.some(isFigure));
  return (f >= 0 && linesUpTo(next.grid, repeated, f, figureColumns(next.grid[f]))) ||
    (last && linesUpTo(next.grid, repeated, next.grid.length - 1, figureColumns(last)))
    ? repeated
    : null;
}

/** Rows `from` to the first with a figure in `cols` (at most `to`) hold figures or nothing in `cols`; there is such a row. */
function linesUpTo(grid: string[][], from: number, to: number, cols: number[]): boolean {
  for (let r = from; r <= to; r++) {
    if (cols.some((i) => !FIGURE.test(grid[r][i]?.trim() || "0"))) return false;
    if (cols.some((i) => isFigure(grid[r][i] ?? ""))) return true;
  }
  return false;
}
const isFigure = (c: string) => FIGURE.test(c.trim()) && /\d/.test(c);
const figureColumns = (row: string[]) => row.flatMap((c, i) => (isFigure(c) ? [i] : []));

const FIGURE = /^-?[\d,]+(?:\.\d+)?%?$/;
const same = (a: string[], b: string[]) => a.length === b.length && a.every((c, i) => squash(c) === squash(b[i]));
/** A row of figures: an amount in it, and no more label cells than figure cells (codes and names are labels). */
function isFigureRow(row: string[]): boolean {
  const cells = row.filter((c) => c.trim());
  const figures = cells.filter((c) => FIGURE.test(c.trim()));
  return figures.some((c) => /\d/.test(c)) && figures.length * 2 >= cells.length;
}

const foldedAt = (ctx: Context, clean: number) => foldedOffset(ctx.folded, clean);

/** A candidate whose evidence is `value` (folded, as the grid has it) where it stands in row `r` of the table. */
export function cellCandidate(v: TableView, r: number, value: string, c: Omit<Candidate, "start" | "end">): Candidate | null {
  const at = v.rowText[r]?.indexOf(value);
  if (at === undefined || at < 0) return null;
  const s = v.rowStart[r] + at;
  return { ...c, start: s, end: s + value.length };
}

/** A score table that names another unit or year than the report's own: the reason, or null. */
export function foreignTo(heading: string, unitName: string | null, year: number | null): string | null {
  // in the form the unit's name is matched in: half-width, simplified (績效 → 绩效)
  const text = [...heading.normalize("NFKC")].map(foldChar).join("");
  const y = /((?:19|20)\d{2})\s*年度?/.exec(text);
  if (y && year !== null && Number(y[1]) !== year) return `the table is headed with year ${y[1]}, the report is for ${year}`;
  if (unitName) {
    const core = (n: string) => n.replace(/(?:人民政府|办事处)$/, "");
    const ours = core(unitName);
    for (const m of text.matchAll(/[\u4e00-\u9fa5]{2,20}?(?:人民政府|办事处|局|委员会)(?!制|印发)/g)) {
      const theirs = core(m[0]);
      if (!ours.includes(theirs) && !theirs.includes(ours))
        return `the table is headed with another unit (${m[0]}), the report is by ${unitName}`;
    }
  }
  return null;
}

/** Why a table headed with another unit or year than the report's is not the report's own, or null. */
export function foreignHeading(ctx: Context, heading: string): string | null {
  return foreignToChosen(heading, ctx.chosen("unit_name"), ctx.chosen("fiscal_year"));
}

/** foreignTo with the candidates chosen for unit_name and fiscal_year (or null where none was). */
export function foreignToChosen(heading: string, unit: Candidate | null, year: Candidate | null): string | null {
  return foreignTo(heading, unit ? String(unit.value) : null, year ? Number(year.value) : null);
}

export function isForeign(ctx: Context, v: TableView): boolean {
  return foreignHeading(ctx, v.heading) !== null;
}

const scoreTableCache = new WeakMap<Context, ScoreTable[]>();

/** The document's score tables (indicators.ts), read once per document. */
export function scoreTablesOf(ctx: Context): ScoreTable[] {
  let t = scoreTableCache.get(ctx);
  if (!t) scoreTableCache.set(ctx, (t = scoreTables(ctx.doc.blocks)));
  return t;
}

/** self_score from the 总分 row of a score table that is the report's own. */
export function scoreTableTotalRule(ctx: Context): Candidate[] {
  const out: Candidate[] = [];
  for (const t of scoreTablesOf(ctx)) {
    if (!t.total || foreignHeading(ctx, t.headingText)) continue;
    const span = ctx.clean.spans.find((sp) => sp.block === t.blockIndex);
    if (!span) continue;
    const lines = ctx.clean.text.slice(span.start, span.end).split("\n");
    const line = lines.findIndex((l) => /^(?:总分|合计|总计|综合得分|自评总分)\t/.test(l.trim()));
    const off = span.start + lines.slice(0, Math.max(0, line)).reduce((n, l) => n + l.length + 1, 0);
    const start = foldedAt(ctx, off);
    out.push({
      value: t.total.score,
      exact: String(t.total.score),
      unit: "分",
      confidence: 0.8,
      rule: "self_score.score_table_total",
      start,
      end: start + Math.max(1, (lines[line] ?? "").length),
    });
  }
  return out;
}

const STATED_UNIT = new RegExp(`(?:金额)?单位[:：]\\s*(${YUAN_UNITS})`);
/** "（万元）" in a header cell, also left open at the cell's end ("经费控制情况(万元") */
const HEADER_UNIT = new RegExp(`[（(](${YUAN_UNITS})(?:[）)]|$)`, "m");
const JOINED_UNIT = new RegExp(`(?:金额)?单位:(${YUAN_UNITS})`);
/** "单位：万" ending a line, its "元" the last word of the next: the unit wrapped in a narrow caption box
 * (the next line may start with other caption text, 部门名称：…, laid out beside it) */
const WRAPPED_UNIT = new RegExp(
  `(?:金额)?单位[:：]\\s*(${YUAN_UNITS.split("|")
    .map((u) => u.slice(0, -1))
    .filter(Boolean)
    .join("|")})[ \\t]*\\n(?:[^\\n]*[ \\t])?元[ \\t]*(?:\\n|$)`,
);

/** The money unit a table states (单位：万元, 金额单位：元, a header "（万元）"), or null. The patterns match
 * only the units of YUAN_UNITS: what they capture is a MoneyUnit. */
export function tableUnit(v: TableView): MoneyUnit | null {
  let u = units.get(v);
  if (u === undefined) {
    u = unitOf(v);
    units.set(v, u);
  }
  return u;
}
const units = new WeakMap<TableView, MoneyUnit | null>();

/** The unit a caption states in `text` (单位：万元, 金额单位：元), or null. */
export function statedUnit(text: string): MoneyUnit | null {
  return unitWritten(text) ?? unitWrapped(text);
}
function unitWritten(text: string): MoneyUnit | null {
  const m = STATED_UNIT.exec(text.normalize("NFKC"));
  return m ? (m[1] as MoneyUnit) : null;
}
/** The unit wrapped over two caption lines (WRAPPED_UNIT): read in captions only, not across a grid's cells. */
function unitWrapped(text: string): MoneyUnit | null {
  const m = WRAPPED_UNIT.exec(text.normalize("NFKC"));
  return m ? (`${m[1]}元` as MoneyUnit) : null;
}

function unitOf(v: TableView): MoneyUnit | null {
  const m = unitWritten(`${v.heading}\n${v.grid.flat().join("\n")}`) ?? unitWrapped(v.heading);
  if (m) return m;
  const head = v.grid.slice(0, 6).flat().join("\n");
  const h = HEADER_UNIT.exec(head);
  if (h) return h[1] as MoneyUnit;
  // "单位：万" and "元" in two cells of the title rows (a PDF that split the words): read them run together
  const joined = v.table.rows
    .slice(0, 3)
    .map((row) => row.map((c) => c.text).join(""))
    .join("")
    .replace(/\s+/g, "")
    .normalize("NFKC");
  const j = JOINED_UNIT.exec(joined);
  return j ? (j[1] as MoneyUnit) : null;
}

/** Satisfaction from a score table's 满意度 row: its actual value (实际完成值) as a ratio. */
export function satisfactionTableRule(ctx: Context): Candidate[] {
  const out: Candidate[] = [];
  for (const v of tablesOf(ctx)) {
    const h = v.grid.findIndex(
      (row) => row.some((c) => /^一级指标/.test(squash(c))) && row.some((c) => /实际完成值|完成值|实际值/.test(squash(c))),
    );
    if (h < 0 || isForeign(ctx, v)) continue;
    const actual = v.grid[h].map(squash).findIndex((c) => /实际完成值|完成值|实际值/.test(c));
    for (let r = h + 1; r < v.grid.length; r++) {
      const row = v.grid[r];
      if (!row.slice(0, actual).some((c) => /满意度/.test(c))) continue;
      const raw = (row[actual] ?? "").trim();
      const m = /^(\d+(?:\.\d+)?)\s*[%％]$/.exec(raw.normalize("NFKC"));
      if (!m) continue;
      const ratio = percentToRatio(parseNumber(m[1])!);
      if (ratio.toNumber() > 1) continue;
      const c = cellCandidate(v, r, raw, {
        value: ratio.toNumber(),
        exact: ratio.toString(),
        unit: "ratio",
        confidence: 0.8,
        rule: "satisfaction.score_table",
      });
      if (c) out.push(c);
    }
  }
  return out;
}
