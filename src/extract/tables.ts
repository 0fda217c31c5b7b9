/**
 * Field rules that read tables: the budget table of a 自评表 (年初预算数 / 全年预算数 / 全年执行数 with
 * rows 年度资金总额, 基本支出, 项目支出), the staff table (编制数 / 实际在职人数, row 合计), and the
 * satisfaction row of a score table. Amounts take their unit from the table (单位：万元) — never a
 * guess: without a stated unit a table gives no money values. Tables headed with another unit or
 * year than the report's are skipped.
 */
import type { Table } from "../model.js";
import { YUAN_UNITS } from "../normalize/money.js";
import { parseNumber } from "../normalize/number.js";
import { percentToRatio } from "../normalize/ratio.js";
import { foldedOffset, squash } from "../normalize/text.js";
import { foreignTo, gridOf, type ScoreTable } from "./indicators.js";
import type { Candidate, Context } from "./rules.js";

export interface TableView {
  table: Table;
  block: number;
  grid: string[][];
  /** clean-text start of each rendered row */
  rowStart: number[];
  rowText: string[];
  /** title rows and the lines just before the table */
  heading: string;
}

const views = new WeakMap<Context, TableView[]>();

export function tablesOf(ctx: Context): TableView[] {
  const cached = views.get(ctx);
  if (cached) return cached;
  const out: TableView[] = [];
  for (const span of ctx.clean.spans) {
    const table = ctx.doc.blocks[span.block];
    if (table?.kind !== "table") continue;
    const rowText = ctx.clean.text.slice(span.start, span.end).split("\n");
    const rowStart: number[] = [];
    let pos = span.start;
    for (const r of rowText) {
      rowStart.push(pos);
      pos += r.length + 1;
    }
    const grid = gridOf(table);
    const before = ctx.clean.text
      .slice(Math.max(0, span.start - 200), span.start)
      .split("\n")
      .slice(-4)
      .join("\n");
    const titleRows = grid
      .slice(0, 4)
      .filter((r) => r.filter((c) => c.trim()).length <= 2)
      .map((r) => r.filter((c) => c.trim()).join(" "));
    out.push({ table, block: span.block, grid, rowStart, rowText, heading: `${before}\n${titleRows.join("\n")}` });
  }
  views.set(ctx, out);
  return out;
}

const foldedAt = (ctx: Context, clean: number) => foldedOffset(ctx.folded, clean);

/** A candidate whose evidence is `value` as it stands in row `r` of the table. */
export function cellCandidate(ctx: Context, v: TableView, r: number, value: string, c: Omit<Candidate, "start" | "end">): Candidate | null {
  const at = v.rowText[r]?.indexOf(value);
  if (at === undefined || at < 0) return null;
  const s = v.rowStart[r] + at;
  return { ...c, start: foldedAt(ctx, s), end: foldedAt(ctx, s + value.length) };
}

export function isForeign(ctx: Context, v: TableView): boolean {
  const asScore = { headingText: v.heading } as ScoreTable;
  return foreignTo(asScore, (ctx.identity?.unitName as string) ?? null, (ctx.identity?.year as number) ?? null) !== null;
}

const STATED_UNIT = new RegExp(`(?:金额)?单位[:：]\\s*(${YUAN_UNITS})`);
const HEADER_UNIT = new RegExp(`[（(](${YUAN_UNITS})[）)]`);
const JOINED_UNIT = new RegExp(`(?:金额)?单位:(${YUAN_UNITS})`);

/** The money unit a table states (单位：万元, 金额单位：元, a header "（万元）"), or null. */
export function tableUnit(v: TableView): string | null {
  const m = STATED_UNIT.exec(`${v.heading}\n${v.grid.flat().join("\n")}`.normalize("NFKC"));
  if (m) return m[1];
  const head = v.grid.slice(0, 6).flat().join(" ");
  const h = HEADER_UNIT.exec(head);
  if (h) return h[1];
  // "单位：万" and "元" in two cells of the title rows (a PDF that split the words): read them run together
  const joined = v.table.rows
    .slice(0, 3)
    .map((row) => row.map((c) => c.text).join(""))
    .join("")
    .replace(/\s+/g, "")
    .normalize("NFKC");
  const j = JOINED_UNIT.exec(joined);
  return j ? j[1] : null;
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
      const c = cellCandidate(ctx, v, r, raw, {
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
