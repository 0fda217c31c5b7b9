/**
 * Money fields read from tables, the table half of the label–value layer. Two shapes cover the
 * disclosure tables (部门预算/决算公开表) and the forms of 自评表:
 *   label cell → value cell   "收入合计 | 18,330.37 | 支出合计 | 18,330.37", "一、基本支出 | 9,312.90"
 *                             (only where labels and amounts alternate: two amounts in a row are columns)
 *   header path × row         a multi-row header (“三公”经费 > 公务用车购置及运行维护费 > 小计) over a
 *                             合计 row or a table's single row of figures
 * The amount's unit is the table's own (单位：万元 in its caption, (万元) in its header) — never a
 * guess: a table without one gives no money. What each field looks for is data in the catalog
 * (`TableSpec`); this module only walks tables.
 */
import { type MoneyUnit, toYuan } from "../normalize/money.js";
import { cellNumber } from "../normalize/number.js";
import { squash } from "../normalize/text.js";
import type { Candidate, Context } from "./rules.js";
import { cellCandidate, isForeign, type TableView, tablesOf, tableUnit } from "./tables.js";

export interface TableSpec {
  /** a cell that is the field's label; the value is the next filled cell of its row */
  cell?: RegExp;
  /** the column's header path, outermost first: the patterns match levels of it in order, the last one its innermost level */
  column?: RegExp[];
  /** with `column`: the row whose label matches (default: the 合计/总计/小计 row, or a table's only row of figures) */
  row?: RegExp;
  /** with `column`: the header must also have columns matching all of these (what makes it this kind of table) */
  header?: RegExp[];
  /** the table's title or caption must match (预算 for budgets, 决算 for final accounts) … */
  caption?: RegExp;
  /** … and must not match (a 决算 table is no budget, however often it says 一般公共预算) */
  notCaption?: RegExp;
  /** skip a table headed with another unit or year than the report's (a 自评表 of a subordinate unit) */
  ownOnly?: boolean;
  /** with `column`: of the columns that match, the one whose header names the report's year
   * ("2023年决算数" beside "2022年决算数" and "2023年预算数"); the field needs fiscal_year */
  ofYear?: boolean;
}

const AMOUNT = /^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^-?\d+(?:\.\d+)?$/;
export const isAmount = (s: string) => AMOUNT.test(s.trim());
const PERSONS = /^(\d{1,6})\s*(?:人|名)?$/;
/** "一、基本支出", "1.一般公共预算", "其中:项目支出:" → the label words */
export const labelOf = (s: string) =>
  squash(s)
    .replace(/^(?:[一二三四五六七八九十]+[、.]|\d{1,2}[、.]|[（(][一二三四五六七八九十\d]+[)）])/, "")
    .replace(/^其中[:：]?/, "")
    .replace(/[:：]$/, "")
    .replace(/[（(](?:万元|元|亿元)[)）]$/, "");
/** Title and caption rows: 部门：X, 单位：万元, 公开表九. */
export const TITLE_CELL = /^(?:部门(?:名称)?|单位|金额单位|编制部门|编制单位)[:：]|公开\d*表|^公开表|预算表$|决算表$/;

/** a row's filled cells, a spanned cell once (the grid repeats it: a 合计 across the code columns) */
export const filled = (row: string[]) => row.filter((c, i) => c.trim() && c !== row[i - 1]);
/** a cell of a figures row: an amount, a count, a percentage, or a dash for none */
export const isFigure = (c: string) => isAmount(c) || PERSONS.test(c.trim()) || /^-?\d+(?:\.\d+)?\s*[%％]$|^[—–\-/／]+$/.test(c.trim());
/** a row of figures: at least one amount, and figures in at least half its filled cells */
export const isDataRow = (row: string[]) => {
  const f = filled(row);
  return f.some((c) => isAmount(c) || PERSONS.test(c.trim())) && f.filter(isFigure).length * 2 >= f.length;
};
/** a row that starts another part of the table: two or more filled cells, no figures */
export const isNewHeader = (row: string[]) => filled(row).length >= 2 && !row.some((c) => isAmount(c) || PERSONS.test(c.trim()));

interface Block {
  /** header path of each column */
  paths: string[][];
  /** the rows of figures under the header */
  rows: number[];
}

const blockCache = new WeakMap<TableView, Block[]>();

/** The table's header blocks: runs of header rows, each over the run of figure rows below it. */
function blocksOf(v: TableView): Block[] {
  const cached = blockCache.get(v);
  if (cached) return cached;
  const g = v.grid;
  const out: Block[] = [];
  let r = 0;
  while (r < g.length) {
    const head: number[] = [];
    while (r < g.length && !isDataRow(g[r])) head.push(r++);
    const rows: number[] = [];
    while (r < g.length && !isNewHeader(g[r])) {
      if (isDataRow(g[r])) rows.push(r);
      r++;
    }
    if (!head.length || !rows.length) continue;
    const headerRows = head
      .map((i) => g[i])
      .filter((row) => {
        const distinct = [...new Set(filled(row).map((c) => c.trim()))];
        return distinct.length > 1 && !distinct.every((c) => TITLE_CELL.test(squash(c)));
      });
    const width = Math.max(0, ...g.map((row) => row.length));
    const paths = Array.from({ length: width }, (_, c) => {
      const p: string[] = [];
      for (const row of headerRows) {
        const t = labelOf(row[c] ?? "");
        if (t && p[p.length - 1] !== t) p.push(t);
      }
      return p;
    });
    out.push({ paths, rows });
  }
  blockCache.set(v, out);
  return out;
}

function pathMatches(path: string[], want: RegExp[]): boolean {
  if (path.length < want.length) return false;
  let k = 0;
  for (const seg of path) if (k < want.length && want[k].test(seg)) k++;
  // the innermost level must be the last pattern's: 公务接待费 > 预算数 is no 公务接待费 column
  return k === want.length && want[want.length - 1].test(path[path.length - 1]);
}

type Kind = "money" | "persons";

function valueCandidate(v: TableView, r: number, raw: string, kind: Kind, unit: MoneyUnit | null, rule: string): Candidate | null {
  if (kind === "persons") {
    const m = PERSONS.exec(raw);
    return m ? cellCandidate(v, r, raw, { value: Number(m[1]), unit: "人", confidence: 0.85, rule }) : null;
  }
  if (!unit || !isAmount(raw)) return null;
  const n = cellNumber(raw);
  if (!n) return null;
  const yuan = toYuan(n, unit);
  return cellCandidate(v, r, raw, {
    value: yuan.toNumber(),
    exact: yuan.toString(),
    unit: "元",
    confidence: 0.85,
    rule,
    numberText: raw,
    writtenUnit: unit,
  });
}

const TOTAL_ROW = /^(?:合计|总计|小计|全部)/;

/**
 * The candidates of one field from every table. Money needs the table's own unit; a table headed
 * with another unit or year is skipped where the spec says so.
 */
export function tableRule(field: string, kind: Kind, spec: TableSpec) {
  return (ctx: Context): Candidate[] => {
    const out: Candidate[] = [];
    for (const v of tablesOf(ctx)) {
      const unit = tableUnit(v);
      if (kind === "money" && !unit) continue;
      if (spec.caption && !spec.caption.test(squash(v.heading))) continue;
      if (spec.notCaption?.test(squash(v.heading))) continue;
      if (spec.ownOnly && isForeign(ctx, v)) continue;
      if (spec.cell) {
        v.grid.forEach((row, r) => {
          row.forEach((cell, i) => {
            if (!spec.cell!.test(labelOf(cell))) return;
            const rest = row.slice(i + 1).filter((c) => c.trim() && c !== cell);
            const next = rest[0];
            // label, value, label, value …: a second figure in a row means columns (年初预算, 执行数), read by header
            if (!next || (rest[1] !== undefined && isAmount(rest[1]))) return;
            const c = valueCandidate(v, r, next.trim(), kind, unit, `${field}.table_cell`);
            if (c && !out.some((o) => o.start === c.start)) out.push(c);
          });
        });
      }
      if (spec.column) {
        const year = spec.ofYear ? ctx.chosen("fiscal_year")?.value : undefined;
        if (spec.ofYear && year === undefined) continue;
        const named = (p: string[]) => new RegExp(`^${year}年`).test(p[p.length - 1] ?? "");
        for (const b of blocksOf(v)) {
          const col = b.paths.findIndex((p) => pathMatches(p, spec.column!) && (!spec.ofYear || named(p)));
          if (col < 0) continue;
          const cols = (spec.header ?? []).map((re) => b.paths.findIndex((p) => p.length > 0 && re.test(p[p.length - 1])));
          if (cols.some((c) => c < 0)) continue;
          // a flattened row that lost the empty cells of its label columns starts its figures left of the
          // header's first figure column: its columns are read that much further left
          const firstCol = cols.length ? Math.min(...cols) : -1;
          const label = (r: number) => labelOf(v.grid[r].find((c) => c.trim() && !isAmount(c)) ?? "");
          const rows = spec.row
            ? b.rows.filter((r) => spec.row!.test(label(r)))
            : [b.rows.find((r) => TOTAL_ROW.test(label(r))) ?? (b.rows.length === 1 ? b.rows[0] : -1)].filter((r) => r >= 0);
          for (const r of rows) {
            const firstNum = v.grid[r].findIndex((c, i) => i > 0 && isAmount(c));
            const shift = firstCol >= 0 && firstNum > 0 && firstNum < firstCol ? firstNum - firstCol : 0;
            const raw = (v.grid[r][col + shift] ?? "").trim();
            const c = valueCandidate(v, r, raw, kind, unit, `${field}.table_column`);
            if (c) out.push(c);
          }
        }
      }
    }
    return out;
  };
}

/** An amount in a cell's text, where a PDF put figures inside header cells ("小计833.60"). */
const AMOUNT_IN_TEXT = /(?<![\d.,])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d.])|(?<![\d.,])-?\d+(?:\.\d+)?(?![\d.,年月日号%])/g;

/**
 * The 三公 total of a “三公”经费、会议费、培训费 table that a PDF printed without a usable grid: its
 * figures come in reading order, some inside header cells. The table's own arithmetic finds it: a
 * figure S that is the sum of three later ones (出国 + 车 + 接待) and, with two others (会议费, 培训费),
 * adds up to another figure of the table (合计). Both sums must hold.
 */
export function sangongArithmeticRule(field: string, caption: RegExp) {
  return (ctx: Context): Candidate[] => {
    const out: Candidate[] = [];
    for (const v of tablesOf(ctx)) {
      const title = squash(v.heading + v.grid.slice(0, 2).flat().join(""));
      if (!/三公/.test(title) || !caption.test(title)) continue;
      const unit = tableUnit(v);
      if (!unit) continue;
      const figs: Array<{ n: number; raw: string; r: number }> = [];
      v.grid.forEach((row, r) => {
        const seen = new Set<string>();
        for (const cell of row) {
          if (seen.has(cell)) continue; // a spanned cell repeats in the grid
          seen.add(cell);
          for (const m of cell.matchAll(AMOUNT_IN_TEXT)) figs.push({ n: Math.round(Number(m[0].replace(/,/g, "")) * 100), raw: m[0], r });
        }
      });
      const found = solve(figs.map((f) => f.n));
      if (found === null) continue;
      const f = figs[found];
      const n = cellNumber(f.raw);
      if (!n) continue;
      const yuan = toYuan(n, unit);
      const c = cellCandidate(v, f.r, f.raw, {
        value: yuan.toNumber(),
        exact: yuan.toString(),
        unit: "元",
        confidence: 0.75,
        rule: `${field}.table_arithmetic`,
        numberText: f.raw,
        writtenUnit: unit,
      });
      if (c) out.push(c);
    }
    return out;
  };
}

/** The index of S (in hundredths): S = a + b + c of three figures after it, and T = S + m + t for three other figures. */
function solve(n: number[]): number | null {
  for (let i = 0; i < n.length; i++) {
    if (n[i] <= 0) continue;
    const after = n.map((x, k) => ({ x, k })).filter(({ k }) => k > i && k <= i + 7);
    for (let a = 0; a < after.length; a++)
      for (let b = a + 1; b < after.length; b++)
        for (let c = b + 1; c < after.length; c++) {
          if (after[a].x + after[b].x + after[c].x !== n[i]) continue;
          const used = new Set([i, after[a].k, after[b].k, after[c].k]);
          const rest = n.map((x, k) => ({ x, k })).filter(({ k }) => !used.has(k));
          for (const t of rest)
            for (const m of rest)
              for (const u of rest) if (t.k !== m.k && t.k !== u.k && m.k < u.k && t.x > n[i] && n[i] + m.x + u.x === t.x) return i;
        }
  }
  return null;
}
