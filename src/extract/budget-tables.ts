/**
 * The standard tables of 预算/决算 disclosures as data: every line of every table, with its code,
 * name, level and amounts exact in 元. Works on the table views every reader's document gives
 * (tables.ts: folded cells, parts over page breaks joined), so it is format-blind.
 *
 *   table view → parts (a title row inside a grid starts a new table) → title (title rows, or the
 *   lines before the table) → kind (table-catalog.ts) → header paths and column roles (code, name,
 *   amount; two-sided tables as groups) → lines → checks (budget-checks.ts)
 *
 * An untitled part right after a table, on the next page, made only of lines, continues that table.
 * A table whose title is not in the catalogue is kept as "unknown".
 */
import type { BudgetLine, BudgetTable } from "../model.js";
import type { Dec } from "../normalize/decimal.js";
import { type MoneyUnit, toYuan } from "../normalize/money.js";
import { cellNumber } from "../normalize/number.js";
import { foldText, squash } from "../normalize/text.js";
import { checkTables } from "./budget-checks.js";
import { pageAt } from "./document.js";
import type { Context } from "./rules.js";
import {
  CLASS_NAMES,
  CODE_HEADERS,
  CODE_PART_HEADERS,
  GRAND_TOTAL_WORDS,
  NOT_TITLE_START,
  STAGES,
  TABLE_KINDS,
  TITLE_WORDS,
  TOTAL_WORDS,
} from "./table-catalog.js";
import { filled, isAmount, isDataRow, isNewHeader, labelOf, TITLE_CELL } from "./table-fields.js";
import { statedUnit, type TableView, tablesOf, tableUnit } from "./tables.js";

/** An amount as the checks use it: in 元, as written, and the decimal places it is printed to ("2.50": 2). */
export interface Figure {
  yuan: Dec;
  written: Dec;
  places: number;
}
const placesOf = (raw: string) => /\.(\d+)\s*$/.exec(raw)?.[1].length ?? 0;

/** A table's lines before their checks, with what the checks need to know of them. */
export interface RawTable extends Omit<BudgetTable, "checks"> {
  /** per line, the amounts as decimals in the written unit (for tolerance) and in 元, by column */
  values: Array<Map<string, Figure>>;
  /** the amount columns, in order, with their header paths */
  columns: string[][];
}

const cache = new WeakMap<Context, BudgetTable[]>();

/** The document's standard tables, line by line, checked. */
export function budgetTables(ctx: Context): BudgetTable[] {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const raw = readTables(ctx);
  const out = checkTables(raw);
  cache.set(ctx, out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// titles

/** 公开03表, 公开表六, 附表2, 表十: a table's number, in figures or in words */
const NUMBERED = "(?:附表[一二三四五六七八九十\\d]*|公开\\d*表[一二三四五六七八九十\\d]*|表[一二三四五六七八九十\\d]+)";
const TITLE_PREFIX = new RegExp(
  `^(?:[一二三四五六七八九十]+[、.]|\\d{1,2}[、.]|[(（][一二三四五六七八九十\\d]+[)）]|${NUMBERED}[:：]?|第[一二三四五六七八九十\\d]+部分)+`,
);
const TITLE_SUFFIX = new RegExp(`(?:[(（][^()（）]{1,8}[)）]|${NUMBERED})+$`);
/** the caption glued after a title in one cell ("…预算表部门:X单位:万元") */
const GLUED_CAPTION = /(?:编制)?(?:部门|单位|金额单位)(?:名称)?[:：].*$/;

/** The title a line or cell states, or null: ends in 表, names money, is no note. */
export function titleIn(text: string): string | null {
  let t = squash(text).replace(GLUED_CAPTION, "");
  if (!t || t.length > 70) return null;
  if (NOT_TITLE_START.some((w) => t.startsWith(w))) return null;
  if (/[，。；,;]/.test(t)) return null;
  const core = t.replace(TITLE_PREFIX, "").replace(TITLE_SUFFIX, "");
  if (!core.endsWith("表") || core.length < 4) return null;
  if (!TITLE_WORDS.some((w) => core.includes(w))) return null;
  t = t.replace(/^(?:[一二三四五六七八九十]+[、.]|\d{1,2}[、.])/, "");
  return t;
}

/** The kind of a title (table-catalog.ts), or "unknown". */
export function kindOf(title: string | null): string {
  if (!title) return "unknown";
  const t = title.replace(/[“”"]/g, "");
  for (const k of TABLE_KINDS) {
    const words = (w: string) => t.includes(w.replace(/[“”"]/g, ""));
    if (k.has.every((alts) => alts.some(words)) && !(k.not ?? []).some(words)) return k.id;
  }
  return "unknown";
}

export function stageOf(title: string | null): "预算" | "决算" | null {
  if (!title) return null;
  return STAGES.find((s) => s.words.some((w) => title.includes(w)))?.stage ?? null;
}

/** A title or caption cell (a PDF may span one over a table's left columns): never a line's label. */
const isCaption = (cell: string) => {
  if (cell.length <= 6 || !/[表:：]/.test(cell)) return false;
  // a spanned title repeats in every cell it covers: decided once per text
  let hit = captions.get(cell);
  if (hit === undefined) {
    if (captions.size > 10_000) captions.clear();
    captions.set(cell, (hit = titleIn(cell) !== null || GLUED_CAPTION.test(squash(cell))));
  }
  return hit;
};
const captions = new Map<string, boolean>();

/** A row that is a title or a caption (部门：X, 单位：万元), not a header: its title if it has one. */
function titleRow(row: string[]): { title: string | null } | null {
  const cells = [...new Set(filled(row).map((c) => c.trim()))];
  if (!cells.length || cells.length > 3 || cells.some((c) => isAmount(c))) return null;
  const title = cells.map(titleIn).find((t) => t) ?? null;
  if (title) return { title };
  // 部门：X | 单位：万元, or 部门: | X | 单位：万元 (the value in a cell of its own)
  const captions = cells.filter((c) => TITLE_CELL.test(squash(c)) || GLUED_CAPTION.test(squash(c))).length;
  if (captions === cells.length || (captions >= 1 && cells.length >= 2 && captions + 1 >= cells.length && /[:：]$/.test(squash(cells[0]))))
    return { title: null };
  return null;
}

// ---------------------------------------------------------------------------------------------
// parts of views

interface Part {
  view: TableView;
  /** rows [from, to) of the view's grid */
  from: number;
  to: number;
  title: string | null;
  /** title and caption rows at the part's top */
  top: number;
  unit: MoneyUnit | null;
}

function partsOf(ctx: Context, v: TableView, tableStarts: number[]): Part[] {
  const parts: Part[] = [];
  let cur: Part = { view: v, from: 0, to: v.grid.length, title: null, top: 0, unit: null };
  for (let r = 0; r < v.grid.length; r++) {
    const t = titleRow(v.grid[r]);
    if (!t) continue;
    if (t.title && cur.title === null && r === cur.top) {
      // the part's own title row (above or among its caption rows)
      cur.title = t.title;
      cur.top = r + 1;
    } else if (t.title && r > cur.from && t.title !== cur.title) {
      cur.to = r;
      parts.push(cur);
      cur = { view: v, from: r, to: v.grid.length, title: t.title, top: r + 1, unit: null };
    } else if (r === cur.top) cur.top = r + 1;
  }
  parts.push(cur);
  const first = parts[0];
  if (first.title === null) first.title = titleBefore(ctx, v, tableStarts);
  for (const p of parts) {
    const caption = v.grid
      .slice(p.from, Math.min(p.to, p.top + 4))
      .flat()
      .join("\n");
    p.unit = statedUnit(p === first ? `${v.heading}\n${caption}` : caption) ?? (p === first || !p.title ? tableUnit(v) : null);
  }
  return parts;
}

/** The title among the lines before a table (up to 8 lines back, not into another table): the nearest. */
function titleBefore(ctx: Context, v: TableView, tableStarts: number[]): string | null {
  const at = v.rowStart[0];
  // the first line of the table
  let lo = 0;
  let hi = ctx.lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.lines[mid].start <= at) lo = mid;
    else hi = mid - 1;
  }
  const prevTableEnd = Math.max(-1, ...tableStarts.filter((s) => s < at));
  let seen = 0;
  for (let i = lo - 1; i >= 0 && seen < 8; i--) {
    const l = ctx.lines[i];
    if (l.start <= prevTableEnd) break;
    if (!l.text.trim()) continue;
    seen++;
    const t = titleIn(l.text);
    if (t) return t;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// columns and lines

type Role = "code" | "part" | "name" | "amount" | "none";

interface Layout {
  paths: string[][];
  roles: Role[];
  /** headed amount columns → the unheaded columns that repeat them (read where the headed one is empty) */
  alias: Map<number, number[]>;
  /** the table prints its figures with decimals (万元 to the cent) */
  cents: boolean;
  /** column groups: each a run of label columns and the amount columns after it */
  groups: Array<{ labels: number[]; amounts: number[] }>;
}

const CODE_CELL = /^\d{3}(?:\d{2}){0,2}$/;
const CODE_HEAD = new RegExp(`(?:${CODE_HEADERS.join("|")})$`);
const DASH = /^[—–\-/／]+$/;

function layoutOf(grid: string[][], header: number[], data: number[]): Layout {
  const width = Math.max(0, ...grid.map((r) => r.length));
  const headerRows = header.map((i) => grid[i]);
  const paths = Array.from({ length: width }, (_, c) => {
    const p: string[] = [];
    for (const row of headerRows) {
      // a figure is never a header (a PDF may put the 合计 row's figures on the header's last line)
      const t = isAmount(row[c] ?? "") ? "" : labelOf(row[c] ?? "");
      if (t && p[p.length - 1] !== t) p.push(t);
    }
    return p;
  });
  const roles: Role[] = paths.map((p, c) => {
    const last = p[p.length - 1] ?? "";
    const cells = data.map((r) => (grid[r][c] ?? "").trim()).filter((x) => x);
    const amounts = cells.filter((x) => isAmount(x) || DASH.test(x)).length;
    const codes = cells.filter((x) => CODE_CELL.test(x) || gluedCodes(x)).length;
    const texts = cells.length - amounts;
    if ((CODE_PART_HEADERS as readonly string[]).includes(last)) return "part";
    if (CODE_HEAD.test(last)) return "code";
    // a headed column left empty in every line (三公 parts of none): an amount column with no figures
    if (!cells.length) return last && !/名称|项目|科目/.test(last) ? "amount" : "none";
    // a column of 3/5/7-digit integers with no header that says what it holds, left of a name column
    if (codes === cells.length && !last) return "code";
    if (amounts > 0 && amounts >= texts) return "amount";
    return "name";
  });
  // a column without a header of its own whose cells repeat a headed neighbour's (a spanned cell the reader
  // split over columns): the neighbour's role; amounts are read from the neighbour, falling back on it
  const alias = new Map<number, number[]>();
  const cellOf = (r: number, c: number) => (grid[r][c] ?? "").trim();
  const agrees = (c: number, d: number) => {
    let same = 0;
    for (const r of data) {
      const a = cellOf(r, c);
      const b = cellOf(r, d);
      if (a && b) {
        if (a !== b) return false;
        same++;
      }
    }
    return same > 0;
  };
  for (let c = 0; c < width; c++) {
    if (paths[c].length || roles[c] === "none") continue;
    // a headed neighbour, or (no header at all) the nearest unheaded amount column left of it whose figures it repeats
    const left = roles.slice(0, c).lastIndexOf("amount");
    const d =
      [c + 1, c - 1, c + 2, c - 2].find((x) => x >= 0 && x < width && paths[x].length && roles[x] !== "none" && agrees(c, x)) ??
      (roles[c] === "amount" &&
      left >= 0 &&
      !paths[left].length &&
      // not across a label column (the other side of a two-sided table)
      roles.slice(left + 1, c).every((r) => r === "none") &&
      agrees(c, left)
        ? left
        : undefined);
    if (d === undefined) continue;
    if (roles[d] === "amount") {
      roles[c] = "none";
      alias.set(d, [...(alias.get(d) ?? []), c]);
    } else roles[c] = roles[d];
  }
  // a column of 3/5/7-digit integers without a header is a code column only left of names (else 3-digit amounts)
  for (let c = 0; c < width; c++) {
    if (roles[c] !== "code" || paths[c].length) continue;
    const right = roles.slice(c + 1).find((r) => r !== "none" && r !== "code");
    if (right !== "name") roles[c] = "amount";
  }
  const groups: Layout["groups"] = [];
  let cur: { labels: number[]; amounts: number[] } | null = null;
  for (let c = 0; c < width; c++) {
    const r = roles[c];
    if (r === "none") continue;
    if (r === "amount") {
      if (!cur) groups.push((cur = { labels: [], amounts: [] }));
      cur.amounts.push(c);
    } else {
      if (!cur || cur.amounts.length) groups.push((cur = { labels: [], amounts: [] }));
      cur.labels.push(c);
    }
  }
  // a table that prints its figures to the cent: a bare 3/5/7-digit integer in its amount columns is a code a
  // reader shifted there, not a figure
  const printed = groups.flatMap((g) => g.amounts).flatMap((c) => data.map((r) => cellOf(r, c)).filter((x) => isAmount(x)));
  const cents = printed.length >= 4 && printed.filter((x) => x.includes(".")).length >= printed.length * 0.8;
  return { paths, roles, alias, cents, groups: groups.filter((g) => g.amounts.length) };
}

/**
 * "20120101", "3011430230201": the codes of rows a PDF ran together in one spanned cell (201 + 20101;
 * 30114 + 302 + 30201), as a sequence that keeps the hierarchy: a 款 under the 类 before it, a 项
 * under its 款, or a new 类. Null for a cell that is not such a sequence.
 */
export function gluedCodes(cell: string): string[] | null {
  if (!/^\d{8,21}$/.test(cell)) return null;
  const walk = (rest: string, cls: string | null, kuan: string | null): string[] | null => {
    if (!rest) return [];
    for (const n of [3, 5, 7]) {
      const c = rest.slice(0, n);
      if (c.length < n) continue;
      // a new 类 of the same classification (2xx functions, 3xx economic classes), or a code under the last
      const fits =
        n === 3
          ? c !== cls && (cls === null || c[0] === cls[0])
          : n === 5
            ? cls === null || c.startsWith(cls)
            : kuan === null
              ? cls === null || c.startsWith(cls)
              : c.startsWith(kuan);
      if (!fits) continue;
      const tail = walk(rest.slice(n), n === 3 ? c : c.slice(0, 3), n === 5 ? c : n === 7 ? c.slice(0, 5) : null);
      if (tail) return [c, ...tail];
    }
    return null;
  };
  const codes = walk(cell, null, null);
  return codes && codes.length >= 2 ? codes : null;
}

interface Glued {
  codes: string[];
  index: number;
}

/**
 * The names of lines whose codes were run together (their names too: 医疗费商品和服务支出办公费): cut
 * at the names the document gives these codes elsewhere or the classification's 类 names; the text
 * before a known name belongs to the code before it, what is left to the last code not yet named.
 */
function splitGluedNames(tables: RawTable[], glued: Map<BudgetLine, Glued>): void {
  if (!glued.size) return;
  const names = new Map<string, string[]>();
  for (const t of tables)
    for (const l of t.lines) if (l.code && !glued.has(l) && l.name && !names.has(l.code)) names.set(l.code, [squash(l.name)]);
  const known = (code: string) => names.get(code) ?? CLASS_NAMES[code] ?? [];
  for (const [l, g] of glued) {
    const text = squash(l.name);
    const parts: Array<string | null> = g.codes.map(() => null);
    let rest = text;
    let lastOpen = -1;
    g.codes.forEach((code, i) => {
      const hit = known(code)
        .map((n) => ({ n, at: rest.indexOf(squash(n)) }))
        .filter((h) => h.at >= 0)
        .sort((a, b) => a.at - b.at)[0];
      if (!hit) {
        lastOpen = i;
        return;
      }
      if (hit.at > 0 && lastOpen >= 0 && parts[lastOpen] === null) parts[lastOpen] = rest.slice(0, hit.at);
      parts[i] = squash(hit.n);
      rest = rest.slice(hit.at + squash(hit.n).length);
    });
    if (rest) {
      const open = parts.lastIndexOf(null);
      if (open >= 0) parts[open] = rest;
    }
    const mine = parts[g.index];
    if (mine) l.name = mine;
    l.level = levelOf(l.code, l.name);
  }
}

/** "201 一般公共服务支出", "[2010301]行政运行": a code written before the name in one cell. */
const CODE_NAME = /^[[【]?(\d{3}(?:\d{2}){0,2})[\]】]?\s*([^\d\s].*)$/;

export function levelOf(code: string | null, name: string): string | null {
  if (code) return ["类", "款", "项"][(code.length - 3) / 2] ?? null;
  const n = squash(name).replace(/[:：]$/, "");
  if (TOTAL_WORDS.filter((w) => !GRAND_TOTAL_WORDS.includes(w)).some((w) => n.endsWith(w))) return "小计";
  if (n.length <= 12 && GRAND_TOTAL_WORDS.some((w) => n.endsWith(w))) return "合计";
  return null;
}

function lineOf(
  ctx: Context,
  v: TableView,
  grid: string[][],
  r: number,
  layout: Layout,
  g: Layout["groups"][number],
  unit: MoneyUnit | null,
  lastClass: { code: string | null; glued: Map<string, number>; single: boolean },
  names: string[],
): { line: BudgetLine; values: Map<string, Figure>; glued: Glued | null } | null {
  const row = grid[r];
  let code: string | null = null;
  const nameCells: string[] = [];
  const parts: string[] = [];
  let gluedCell: { cell: string; codes: string[]; index: number } | null = null;
  for (const c of g.labels) {
    const cell = (row[c] ?? "").trim();
    const role = layout.roles[c];
    // a header word repeated in the row (类 | 款 | 项 over the codes, on the 合计 row's line) is no label
    const headerWord = cell === layout.paths[c][layout.paths[c].length - 1] && !TOTAL_WORDS.includes(squash(cell));
    if (!cell || isCaption(cell) || headerWord) {
      if (role === "part") parts.push("");
      continue;
    }
    if (role === "part") parts.push(cell);
    else if (role === "code" && CODE_CELL.test(cell)) code = cell;
    else if (!code && gluedCodes(cell)) {
      // rows' codes run together in one spanned cell: the k-th row with it has the k-th code
      const codes = gluedCodes(cell)!;
      const k = lastClass.glued.get(cell) ?? 0;
      code = codes[Math.min(k, codes.length - 1)];
      gluedCell = { cell, codes, index: Math.min(k, codes.length - 1) };
    } else if (nameCells[nameCells.length - 1] !== cell) nameCells.push(cell);
  }
  if (parts.length) {
    // 款 and 项 of two digits, where a spreadsheet dropped the leading zero ("2" for 02)
    const two = (x: string | undefined) => (x && /^\d{1,2}$/.test(x) ? x.padStart(2, "0") : x);
    const [cls, kuan, xiang] = [parts[0], two(parts[1]), two(parts[2])];
    if (/^\d{3}$/.test(cls ?? "")) {
      code = cls;
      lastClass.code = cls;
    } else if (cls) nameCells.unshift(cls);
    if (/^\d{2}$/.test(kuan ?? "")) code = (code ?? lastClass.code) ? `${code ?? lastClass.code?.slice(0, 3)}${kuan}` : null;
    if (code && code.length === 5 && /^\d{2}$/.test(xiang ?? "")) code += xiang;
    if (code && code.length === 5) lastClass.code = code;
    else if (code && code.length === 7) lastClass.code = code.slice(0, 5);
    // a 项 under the last 款 (类 and 款 cells left empty)
    if (!code && /^\d{2}$/.test(xiang ?? "") && lastClass.code?.length === 5) code = lastClass.code + xiang;
  }
  // labels that are spanned cells repeated (合计 across code and name columns) once
  let name = [...new Set(nameCells.filter((c) => !CODE_CELL.test(c)))].map((c) => labelOf(c) || c).join(" > ");
  if (!code) {
    const m = CODE_NAME.exec(squash(nameCells[0] ?? ""));
    if (m) {
      code = m[1];
      name = [m[2], ...nameCells.slice(1)].join(" > ");
    }
  }
  if (!code && !name && nameCells.length) name = nameCells.join(" ");
  const values = new Map<string, Figure>();
  const cells: BudgetLine["cells"] = [];
  for (const c of g.amounts) {
    const raw = [c, ...(layout.alias.get(c) ?? [])].map((x) => (row[x] ?? "").trim()).find((x) => x) ?? "";
    if (!raw) continue;
    if (layout.cents && (CODE_CELL.test(raw) || gluedCodes(raw)) && raw.length >= 5) {
      code ??= CODE_CELL.test(raw) ? raw : null;
      continue;
    }
    const column = names[c];
    let amount: string | null = null;
    if (unit && isAmount(raw)) {
      const n = cellNumber(raw);
      if (n) {
        const yuan = toYuan(n, unit);
        amount = yuan.toString();
        values.set(column, { yuan, written: n, places: placesOf(raw) });
      }
    }
    cells.push({ column, raw, amount, check: "none" });
  }
  if (!cells.some((c) => isAmount(c.raw) || DASH.test(c.raw))) return null;
  // a label-less row is a line only in a table without label columns (合计 | 基本支出 | 项目支出 over one row of figures)
  if (!name && !code && g.labels.some((c) => (row[c] ?? "").trim() && !isCaption(row[c]))) return null;
  if (gluedCell !== null) lastClass.glued.set(gluedCell.cell, gluedCell.index + 1);
  const start = ctx.folded.map[v.rowStart[r]] ?? 0;
  const len = v.rowText[r]?.length ?? 0;
  const end = ctx.folded.map[Math.min(v.rowStart[r] + len, ctx.folded.map.length - 1)] ?? start;
  // the one row of figures of a table without label columns (合计 | 基本支出 | 项目支出 over it) is its total
  const level = !g.labels.length && !name && !code && lastClass.single ? "合计" : levelOf(code, name);
  return {
    line: { page: pageAt(ctx.clean, start), start, end, code, name, level, cells },
    values,
    glued: gluedCell ? { codes: gluedCell.codes, index: gluedCell.index } : null,
  };
}

/** Column names: the header path, made unique per group side where two sides share words (金额 | 金额). */
function columnNames(layout: Layout): string[] {
  const names = layout.paths.map((p) => p.join(" > "));
  const seen = new Map<string, number>();
  layout.groups.forEach((g, gi) => {
    for (const c of g.amounts) {
      const n = names[c] || `column ${c + 1}`;
      const side = gi > 0 && (seen.get(n) ?? -1) !== -1 && seen.get(n) !== gi ? `${gi + 1}: ` : "";
      if (!seen.has(n)) seen.set(n, gi);
      names[c] = side + n;
    }
  });
  return names;
}

const key = (row: string[]) => row.map(squash).join("|");

/**
 * Whether `next` follows `prev` with nothing between but page furniture (page numbers, blank lines) and
 * lines of the table a reader left as paragraphs ("30108\t机关事业单位基本养老保险缴费\t1,326.81"), a page
 * on at most: those paragraphs (block indices), or null when `next` does not follow.
 */
function adjacent(ctx: Context, prev: TableView, next: TableView, prevPage: number | null): number[] | null {
  const page = next.table.page;
  if (page == null || prevPage == null || (page !== prevPage && page !== prevPage + 1)) return null;
  const rows: number[] = [];
  for (let b = prev.lastBlock + 1; b < next.block; b++) {
    const block = ctx.doc.blocks[b];
    if (block.kind === "table") return null;
    if (inlineLines(block.text)) {
      rows.push(b);
      continue;
    }
    const t = squash(block.text);
    if (t.length > 12 && /[\u4e00-\u9fa5]/.test(t)) return null;
  }
  return rows;
}

/**
 * "204公共安全支出26,200.88", "30108\t机关事业单位基本养老保险缴费\t1,326.81", "302商品和服务支出30201办公费350.00":
 * lines a reader left in one cell or paragraph — code, name and amount, one line after another (a line
 * without its amount where the reader lost it). Null unless the whole text is such lines, one with an amount.
 */
/** A line read from one cell or paragraph: a code (none for the 合计 run in before the lines), its name and amount. */
export interface InlineLine {
  code: string | null;
  name: string;
  raw: string | null;
}
const SEGMENT =
  /(\d{3}(?:\d{2}){0,2})\s*([^\d\t]*[\u4e00-\u9fa5][^\d\t]*?)\s*(-?\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|-?\d+\.\d{1,2})?\s*(?=\d{3}|$)/y;
/** the table's total run in before the lines ("合计18,330.37201一般公共服务支出") */
const TOTAL_SEGMENT = /^(合计|总计)\s*(-?\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|-?\d+\.\d{1,2})\s*(?=\d{3})/;
export function inlineLines(text: string): InlineLine[] | null {
  // (most cells are figures or names alone: a line needs a code or 合计 first and a name)
  if (!/^\s*(?:[\d０-９]{3}|合计|总计|合計|總計)/.test(text) || !/[\u4e00-\u9fa5]/.test(text)) return null;
  let t = foldText(text.replace(/\t/g, " ")).trim();
  const out: InlineLine[] = [];
  const total = TOTAL_SEGMENT.exec(t);
  if (total) {
    out.push({ code: null, name: total[1], raw: total[2] });
    t = t.slice(total[0].length);
  }
  if (!/^\d{3}/.test(t) || t.length > 400) return null;
  SEGMENT.lastIndex = 0;
  while (SEGMENT.lastIndex < t.length) {
    const at = SEGMENT.lastIndex;
    const m = SEGMENT.exec(t);
    if (!m || m[0].length === 0 || SEGMENT.lastIndex === at) return null;
    out.push({ code: m[1], name: m[2].trim(), raw: m[3] ?? null });
  }
  return out.some((l) => l.raw !== null) ? out : null;
}
/**
 * A row with a cell that holds several lines run together ("204公共安全支出20405法院23,513.11" beside the
 * row's own cells): the reader merged rows into it; its lines are the row's (the last one, without an
 * amount of its own, takes the row's one amount).
 */
function mergedRow(row: string[], layout: Layout): InlineLine[] | null {
  for (const cell of new Set(row)) {
    const lines = cell.trim() ? inlineLines(cell) : null;
    if (!lines || lines.length < 2) continue;
    const last = lines[lines.length - 1];
    const amounts = [...new Set(layout.groups.flatMap((g) => g.amounts).map((c) => (row[c] ?? "").trim()))].filter((x) => isAmount(x));
    if (last.raw === null && amounts.length === 1) last.raw = amounts[0];
    return lines;
  }
  return null;
}

/** A line whose name ends with the next line, a code under its own, its name and amount. */
function carriedLine(l: BudgetLine): { before: string; code: string; name: string; raw: string } | null {
  if (!l.code) return null;
  const m = /^(.+?)(\d{5}|\d{7})([^\d\s].*?)(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+\.\d+)$/.exec(l.name);
  if (!m?.[2].startsWith(l.code.slice(0, 3)) || m[2].length <= l.code.length - 2) return null;
  return { before: m[1], code: m[2], name: m[3], raw: m[4] };
}
/** A row whose cells (each spanned over columns) are whole lines. */
const inlineRow = (row: string[]) => {
  const cells = [...new Set(filled(row).map((c) => c.trim()))];
  if (!cells.length) return null;
  // a code in its cell, the name and amount run together in the next ("30103 | 奖金180.14")
  if (cells.length === 2 && CODE_CELL.test(cells[0]) && !isAmount(cells[1])) {
    const joined = inlineLines(cells[0] + cells[1]);
    if (joined?.length === 1) return joined;
  }
  // two rows run together: their codes in one cell, the first's name and amount and the second's name in
  // the next ("2010199208 | 其他人大事务支出628.30社会保障和就业支出"), the second's amount in its own cell
  const pair = gluedCodes(cells[0]);
  if (pair?.length === 2 && (cells.length === 2 || (cells.length === 3 && isAmount(cells[2])))) {
    const m = /^([^\d]*[\u4e00-\u9fa5][^\d]*?)(-?\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|-?\d+\.\d{1,2})([^\d]*[\u4e00-\u9fa5][^\d]*)$/.exec(
      squash(cells[1]),
    );
    if (m)
      return [
        { code: pair[0], name: m[1], raw: m[2] },
        { code: pair[1], name: m[3], raw: cells[2] ?? null },
      ];
  }
  const lines = cells.map(inlineLines);
  return lines.every((l) => l) ? lines.flatMap((l) => l!) : null;
};

/** The column an inline line's amount goes in: the table's only amount column, or the header's 金额/合计 column. */
function inlineColumn(layout: Layout, names: string[]): string {
  const amounts = layout.groups.flatMap((g) => g.amounts);
  if (amounts.length === 1) return names[amounts[0]];
  const c = layout.paths.findIndex((p) => /金额|合计|预算数|决算数/.test(p[p.length - 1] ?? ""));
  return c >= 0 ? names[c] || layout.paths[c].join(" > ") : "金额";
}

function inlineLineOf(
  at: { start: number; end: number; page: number | null },
  parsed: InlineLine,
  column: string,
  unit: MoneyUnit | null,
): { line: BudgetLine; values: Map<string, Figure> } {
  const values = new Map<string, Figure>();
  let amount: string | null = null;
  const n = unit && parsed.raw ? cellNumber(parsed.raw) : null;
  if (unit && n) {
    const yuan = toYuan(n, unit);
    amount = yuan.toString();
    values.set(column, { yuan, written: n, places: placesOf(parsed.raw!) });
  }
  return {
    line: {
      page: at.page,
      start: at.start,
      end: at.end,
      code: parsed.code,
      name: parsed.name,
      level: levelOf(parsed.code, parsed.name),
      cells: parsed.raw === null ? [] : [{ column, raw: parsed.raw, amount, check: "none" }],
    },
    values,
  };
}

function readTables(ctx: Context): RawTable[] {
  const views = tablesOf(ctx);
  const starts = views.map((v) => v.rowStart[v.rowStart.length - 1] ?? 0);
  const out: RawTable[] = [];
  const glued = new Map<BudgetLine, Glued>();
  let prev: { table: RawTable; layout: Layout; view: TableView; unit: MoneyUnit | null; headerKeys: string[] } | null = null;
  for (const v of views) {
    // title and caption cells spanned over a table's columns are no header and no label
    const grid = v.grid.map((r) => r.map((c) => (isCaption(c) ? "" : c)));
    for (const p of partsOf(ctx, v, starts)) {
      const rows = Array.from({ length: p.to - p.top }, (_, i) => p.top + i);
      const first = rows.findIndex((r) => isDataRow(grid[r]) || inlineRow(grid[r]));
      // a row that says only 合计 (the upper part of a spanned 合计 line) is no header either
      const header = (first < 0 ? rows : rows.slice(0, first)).filter(
        (r) => !titleRow(v.grid[r]) && filled(grid[r]).length > 0 && !filled(grid[r]).every((c) => GRAND_TOTAL_WORDS.includes(squash(c))),
      );
      // a header line that carries figures (the 合计 row run into it) is also the first line
      const mixed = header.filter((r) => grid[r].some((c) => isAmount(c.trim())));
      const data = [...mixed, ...(first < 0 ? [] : rows.slice(first))];
      const page = v.table.page;
      // an untitled part right after a table (the next page at most, nothing but page furniture between): its continuation
      const between =
        prev !== null && !p.title && data.length > 0 && p.from === 0 ? adjacent(ctx, prev.view, v, prev.table.last_page) : null;
      const continues = between !== null;
      let layout: Layout;
      let table: RawTable;
      let unit: MoneyUnit | null;
      let renamed: Map<number, string> | null = null;
      if (continues && prev) {
        table = prev.table;
        unit = prev.unit;
        const w = Math.max(...prev.view.grid.map((r) => r.length));
        const mine = Math.max(...grid.map((r) => r.length));
        const repeated = header.length > 0 && header.every((r) => prev!.headerKeys.includes(key(grid[r])));
        layout =
          mine === w && (header.length === 0 || repeated)
            ? prev.layout
            : layoutOf(
                grid,
                header,
                data.filter((r) => !inlineRow(grid[r])),
              );
        // a part laid out otherwise (another width): its amount columns are the table's, in order
        if (layout !== prev.layout) {
          const own = layout.groups.flatMap((g) => g.amounts);
          const theirs = table.columns.map((c) => c.join(" > "));
          if (own.length === theirs.length) renamed = new Map(own.map((c, i) => [c, theirs[i]]));
        }
      } else {
        const title = p.title;
        unit = p.unit;
        layout = layoutOf(
          grid,
          header,
          data.filter((r) => !inlineRow(grid[r])),
        );
        table = {
          kind: kindOf(title),
          title,
          stage: stageOf(title),
          unit,
          page: page ?? null,
          last_page: page ?? null,
          lines: [],
          values: [],
          columns: [],
        };
        out.push(table);
      }
      const names = columnNames(layout);
      for (const [c, n] of renamed ?? []) names[c] = n;
      for (const g of layout.groups)
        for (const c of g.amounts) {
          const path = layout.paths[c].length ? layout.paths[c] : [names[c]];
          if (!table.columns.some((x) => x.join(" > ") === names[c]))
            table.columns.push(names[c] === path.join(" > ") ? path : names[c].split(" > "));
        }
      const headerKey = header.filter((r) => !mixed.includes(r)).map((r) => key(grid[r]));
      // (a table of one row of figures under its header: that row is its total)
      const lastClass = { code: null as string | null, glued: new Map<string, number>(), single: data.length === 1 };
      const add = (l: { line: BudgetLine; values: Map<string, Figure>; glued?: Glued | null }) => {
        // a row the reader repeated (a line's cells spanned over two grid rows): once
        const prevLine = table.lines[table.lines.length - 1];
        const cells = (x: BudgetLine) => x.cells.map((c) => `${c.column}=${c.raw}`).join("|");
        if (prevLine && l.line.code && prevLine.code === l.line.code && prevLine.name === l.line.name && cells(prevLine) === cells(l.line))
          return;
        table.lines.push(l.line);
        if (l.glued) glued.set(l.line, l.glued);
        table.values.push(l.values);
        if (l.line.page != null) table.last_page = Math.max(table.last_page ?? l.line.page, l.line.page);
      };
      const column = inlineColumn(layout, names);
      // lines a reader left as paragraphs between the parts of the table
      for (const b of between ?? []) {
        const span = ctx.clean.spans.find((sp) => sp.block === b);
        const parsed = inlineLines((ctx.doc.blocks[b] as { text: string }).text);
        if (span && parsed)
          for (const x of parsed) add(inlineLineOf({ start: span.start, end: span.end, page: span.page }, x, column, unit));
      }
      const groups = layout.groups.length ? layout.groups : [null];
      // the header again (a page's repeated header inside the grid), and rows of a new header, are no lines
      const skip = data.map((r) => headerKey.includes(key(grid[r])) || isNewHeader(grid[r]));
      const inlines = data.map((r, i) => (skip[i] ? null : (inlineRow(grid[r]) ?? mergedRow(grid[r], layout))));
      groups.forEach((g, gi) => {
        lastClass.code = null;
        let lastRow = new Map<string, number>();
        for (const [i, r] of data.entries()) {
          if (skip[i]) continue;
          const inline = inlines[i];
          if (!inline) lastRow = new Map();
          if (inline) {
            if (gi > 0) continue;
            const start = ctx.folded.map[v.rowStart[r]] ?? 0;
            const end = ctx.folded.map[Math.min(v.rowStart[r] + (v.rowText[r]?.length ?? 0), ctx.folded.map.length - 1)] ?? start;
            // a cell spanned over rows repeats its lines in each: once, with the figure one of them has
            const mine = new Map<string, number>();
            for (const x of inline) {
              const k = `${x.code}|${x.name}`;
              const l = inlineLineOf({ start, end, page: pageAt(ctx.clean, start) }, x, column, unit);
              const before = lastRow.get(k);
              if (before !== undefined) {
                if (!table.values[before].size && l.values.size) {
                  table.lines[before].cells = l.line.cells;
                  table.values[before] = l.values;
                }
                mine.set(k, before);
                continue;
              }
              add(l);
              mine.set(k, table.lines.length - 1);
            }
            lastRow = mine;
            continue;
          }
          const l = g ? lineOf(ctx, v, grid, r, layout, g, unit, lastClass, names) : null;
          if (!l) continue;
          add(l);
          // a name cell carrying the next line whole ("商品和服务支出30201办公费350.00"): two lines
          const next = carriedLine(l.line);
          if (next && l.line.cells[0]) {
            l.line.name = next.before;
            add(inlineLineOf(l.line, next, l.line.cells[0].column, unit));
          }
        }
      });
      // two-sided tables: lines in reading order (left side, then right side) — sort each group's lines by row is not needed
      if (!continues) prev = { table, layout, view: v, unit, headerKeys: headerKey };
      else if (prev) prev.view = v;
    }
  }
  // a form's cells are no lines: its header paths would be its narrative
  const forms = new Set(TABLE_KINDS.filter((k) => k.form).map((k) => k.id));
  for (const t of out)
    if (forms.has(t.kind)) {
      t.lines = [];
      t.values = [];
      t.columns = [];
    }
  splitGluedNames(out, glued);
  return out;
}

/** Whether a document has any standard table with lines (a budget or final-account disclosure). */
export const hasLines = (tables: BudgetTable[]) => tables.some((t) => t.lines.length > 0);
