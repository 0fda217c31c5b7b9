/**
 * Fields read from the lines of the standard tables (budget-tables.ts), as the catalogue's
 * FIELD_LINES says where each one is: the 合计 line of the 收入总表 for income_budget, the 基本支出
 * column of the 支出总表's 合计 line, the “三公” total of the 三公 table … They are candidates below
 * the narrative's and the field rules' own, so a table fills a field the text does not state; where
 * the chosen value is another figure than the table's (beyond the rounding of the figure as written),
 * `tableDisagreement` flags it with both. A cell whose check failed gives nothing.
 */
import type { BudgetLine, BudgetTable, Flag } from "../model.js";
import { Dec } from "../normalize/decimal.js";
import { MONEY_UNITS, type MoneyUnit } from "../normalize/money.js";
import { foldedOffset, foldText, squash } from "../normalize/text.js";
import { budgetTables } from "./budget-tables.js";
import type { Candidate, Context } from "./rules.js";
import { FIELD_LINES, type FieldLine } from "./table-catalog.js";

const RULE = "budget_line";
export const isLineCandidate = (c: Candidate) => c.rule.endsWith(`.${RULE}`);

function candidate(ctx: Context, field: string, t: BudgetTable, line: BudgetLine, column: string): Candidate | null {
  const cell = line.cells.find((c) => c.column === column);
  // a figure whose table does not add up is no evidence (a misprint, or a grid the reader broke)
  if (!cell?.amount || !t.unit || cell.check === "failed") return null;
  const fs = foldedOffset(ctx.folded, line.start);
  const fe = foldedOffset(ctx.folded, line.end);
  const raw = foldText(cell.raw);
  const at = ctx.folded.text.slice(fs, fe + 1).indexOf(raw);
  const start = at < 0 ? fs : fs + at;
  const yuan = Dec.parse(cell.amount);
  return {
    value: yuan.toNumber(),
    exact: yuan.toString(),
    unit: "元",
    confidence: 0.7,
    rule: `${field}.${RULE}`,
    start,
    end: at < 0 ? fe : start + raw.length,
    numberText: cell.raw,
    writtenUnit: t.unit,
  };
}

const stageOfColumn = (column: string | null, t: BudgetTable) =>
  /决算|实际|执行/.test(column ?? "") ? "决算" : /预算/.test(column ?? "") ? "预算" : t.stage;

function find(ctx: Context, spec: FieldLine): Candidate | null {
  for (const t of budgetTables(ctx)) {
    if (!spec.kinds.includes(t.kind) || !t.unit) continue;
    if (!spec.sangong) {
      if (spec.stage && t.stage !== spec.stage) continue;
      const line = t.lines.find((l) => l.level === "合计");
      const cell = line?.cells.find((c) => c.amount !== null && (!spec.column || spec.column.test(c.column)));
      const c = line && cell ? candidate(ctx, spec.field, t, line, cell.column) : null;
      if (c) return c;
      continue;
    }
    // the “三公” table: its checked total (a column or a line), in the column of the field's stage
    const totals = t.checks.filter((k) => k.rule === "sangong" && k.line !== null && k.column !== null);
    const wanted = spec.part
      ? (totals.find((k) => stageOfColumn(k.column, t) === "决算") ?? totals[0])
      : totals.find((k) => stageOfColumn(k.column, t) === spec.stage);
    if (!wanted) continue;
    const line = t.lines[wanted.line!];
    if (!spec.part) {
      const c = candidate(ctx, spec.field, t, line, wanted.column!);
      if (c) return c;
      continue;
    }
    const named = (s: string) =>
      spec.part!.some((w) => squash(s).includes(w)) && !/^其中|购置费$|运行(?:维护)?费$/.test(squash(s).split(">").pop() ?? "");
    // the part as a column beside the total (same line), or as a line (same column)
    const col = line.cells.find((c) => named(c.column.split(" > ").pop() ?? "") || (named(c.column) && /小计$/.test(c.column)));
    if (col) {
      const c = candidate(ctx, spec.field, t, line, col.column);
      if (c) return c;
    }
    const partLine = t.lines.find((l) => named(l.name));
    if (partLine) {
      const c = candidate(ctx, spec.field, t, partLine, wanted.column!);
      if (c) return c;
    }
  }
  return null;
}

/** The rule of a field the standard tables hold (or none). */
export function lineRule(field: string): ((ctx: Context) => Candidate[]) | null {
  const spec = FIELD_LINES.find((f) => f.field === field);
  if (!spec) return null;
  return (ctx) => {
    const c = find(ctx, spec);
    return c ? [c] : [];
  };
}

/** Half a unit of the last written place of a figure, in 元: how far a rounded figure may be from the table's. */
function rounding(c: Candidate): Dec {
  const text = c.numberText?.replace(/,/g, "") ?? "";
  const places = /\.(\d+)/.exec(text)?.[1].length ?? 0;
  const power = c.writtenUnit && c.writtenUnit in MONEY_UNITS ? MONEY_UNITS[c.writtenUnit as MoneyUnit] : 0;
  return Dec.of(5n, places + 1 - power);
}

/** A flag where the chosen value is another figure than the standard table's line, or null. */
export function tableDisagreement(field: string, winner: Candidate | null, cands: Candidate[]): Flag | null {
  const line = cands.find(isLineCandidate);
  if (!winner || !line || isLineCandidate(winner) || winner.exact === undefined || line.exact === undefined) return null;
  const diff = Dec.parse(winner.exact).sub(Dec.parse(line.exact)).abs();
  if (diff.cmp(rounding(winner)) <= 0) return null;
  return {
    code: "table_disagrees",
    fields: [field],
    message: `${field}: ${winner.exact} 元 chosen (${winner.rule}), the table's line says ${line.exact} 元 (${line.numberText ?? ""} ${line.writtenUnit ?? ""})`,
    value: Number(winner.exact),
    table: Number(line.exact),
  };
}
