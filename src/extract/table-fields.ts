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
import { isMoneyUnit, toYuan, type MoneyUnit } from "../normalize/money.js";
import { parseNumber } from "../normalize/number.js";
import { squash } from "../normalize/text.js";
import type { Candidate, Context } from "./rules.js";
import { cellCandidate, tableUnit, tablesOf, type TableView } from "./tables.js";

export interface TableSpec {
  /** a cell that is the field's label; the amount is the next filled cell of its row */
  cell?: RegExp;
  /** the column's header path, outermost first: every pattern matches a level, the last one the innermost */
  column?: RegExp[];
  /** the table's title or caption must match (预算 for budgets, 决算 for final accounts) */
  caption?: RegExp;
}

const AMOUNT = /^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^-?\d+(?:\.\d+)?$/;
const isAmount = (s: string) => AMOUNT.test(s.trim());
/** "一、基本支出", "1.一般公共预算", "其中:项目支出:" → the label words */
export const labelOf = (s: string) =>
  squash(s)
    .replace(/^(?:[一二三四五六七八九十]+[、.]|\d{1,2}[、.]|[（(][一二三四五六七八九十\d]+[)）])/, "")
    .replace(/^其中[:：]?/, "")
    .replace(/[:：]$/, "")
    .replace(/[（(](?:万元|元|亿元)[)）]$/, "");
/** Title and caption rows: 部门：X, 单位：万元, 公开表九. */
const TITLE_CELL = /^(?:部门(?:名称)?|单位|金额单位|编制部门|编制单位)[:：]|公开\d*表|^公开表|预算表$|决算表$/;

interface Layout {
  /** first row of figures */
  data: number;
  /** header path of each column */
  paths: string[][];
}

const layouts = new WeakMap<TableView, Layout | null>();

function layoutOf(v: TableView): Layout | null {
  if (layouts.has(v)) return layouts.get(v)!;
  const g = v.grid;
  const data = g.findIndex((row) => {
    const filled = row.filter((c) => c.trim());
    const nums = filled.filter(isAmount).length;
    return nums >= 1 && nums * 2 >= filled.length;
  });
  let out: Layout | null = null;
  if (data > 0) {
    const headerRows = g.slice(0, data).filter((row) => {
      const distinct = [...new Set(row.map((c) => c.trim()).filter(Boolean))];
      return distinct.length > 1 && !distinct.every((c) => TITLE_CELL.test(squash(c)));
    });
    const width = g[0]?.length ?? 0;
    const paths = Array.from({ length: width }, (_, c) => {
      const p: string[] = [];
      for (const row of headerRows) {
        const t = labelOf(row[c] ?? "");
        if (t && p[p.length - 1] !== t) p.push(t);
      }
      return p;
    });
    out = { data, paths };
  }
  layouts.set(v, out);
  return out;
}

function pathMatches(path: string[], want: RegExp[]): boolean {
  if (path.length < want.length) return false;
  let k = 0;
  for (const seg of path) if (k < want.length && want[k].test(seg)) k++;
  return k === want.length && want[want.length - 1].test(path[path.length - 1]);
}

function amountCandidate(ctx: Context, v: TableView, r: number, raw: string, unit: MoneyUnit, field: string, how: string): Candidate | null {
  const n = parseNumber(raw.replace(/,/g, ""));
  if (!n) return null;
  const yuan = toYuan(n, unit);
  return cellCandidate(ctx, v, r, raw, { value: yuan.toNumber(), exact: yuan.toString(), unit: "元", confidence: 0.85, rule: `${field}.${how}`, numberText: raw, writtenUnit: unit });
}

/** The candidates of one money field from every table with a stated unit. */
export function tableMoneyRule(field: string, spec: TableSpec) {
  return (ctx: Context): Candidate[] => {
    const out: Candidate[] = [];
    for (const v of tablesOf(ctx)) {
      const unit = tableUnit(v);
      if (!unit || !isMoneyUnit(unit)) continue;
      if (spec.caption && !spec.caption.test(squash(v.heading))) continue;
      if (spec.cell) {
        v.grid.forEach((row, r) => {
          row.forEach((cell, i) => {
            if (!spec.cell!.test(labelOf(cell))) return;
            const rest = row.slice(i + 1).filter((c) => c.trim() && c !== cell);
            const next = rest[0];
            // label, amount, label, amount …: a second amount in a row means columns (年初预算, 执行数), read by header
            if (!next || !isAmount(next) || (rest[1] !== undefined && isAmount(rest[1]))) return;
            const c = amountCandidate(ctx, v, r, next.trim(), unit, field, "table_cell");
            if (c && !out.some((o) => o.start === c.start)) out.push(c);
          });
        });
      }
      if (spec.column) {
        const lay = layoutOf(v);
        if (!lay) continue;
        const col = lay.paths.findIndex((p) => pathMatches(p, spec.column!));
        if (col < 0) continue;
        // the 合计 row, or the table's only row of figures
        const rows = v.grid.map((row, r) => ({ row, r })).filter(({ r, row }) => r >= lay.data && row.some((c) => isAmount(c)));
        const label = (row: string[]) => labelOf(row.find((c) => c.trim() && !isAmount(c)) ?? "");
        const total = rows.find(({ row }) => /^(?:合计|总计)$/.test(label(row))) ?? (rows.length === 1 && !label(rows[0].row) ? rows[0] : undefined);
        if (!total) continue;
        const raw = (total.row[col] ?? "").trim();
        if (!isAmount(raw)) continue;
        const c = amountCandidate(ctx, v, total.r, raw, unit, field, "table_column");
        if (c) out.push(c);
      }
    }
    return out;
  };
}
