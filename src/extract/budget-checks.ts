/**
 * A standard table checked by its own arithmetic (budget-tables.ts reads the lines):
 *
 *   children  a 类 line is the sum of its 款 lines, a 款 of its 项 lines (codes 201 ⊃ 20101 ⊃ 2010101)
 *   total     the 合计 line is the sum of the 类 lines
 *   columns   a 合计/小计 column is the sum of its sibling columns (合计 = 基本支出 + 项目支出)
 *   sangong   “三公” = 因公出国（境）+ 公务用车购置及运行 + 公务接待, and the car part = 购置 + 运行
 *   cross     the 收支总表's income and expenditure totals are the 收入总表's and 支出总表's
 *
 * Figures printed to two decimals in 万元 are rounded: a sum of n parts may differ from its total
 * by n half-units of the last printed place; within that a check holds (the difference is kept).
 * Every check is returned with its figures; a cell is `failed` when any check covering it fails,
 * `ok` when all hold, `none` when none covers it.
 */
import type { BudgetCheck, BudgetTable, LineCheck } from "../model.js";
import { Dec } from "../normalize/decimal.js";
import { squash } from "../normalize/text.js";
import type { Figure, RawTable } from "./budget-tables.js";
import { SANGONG, TOTAL_WORDS } from "./table-catalog.js";

type Value = Figure;

interface Sum {
  total: Value;
  parts: Value[];
}

/** total = Σ parts within the rounding of the printed figures: the check's verdict and figures. */
export function compare(s: Sum): { ok: boolean; total: Dec; sum: Dec } {
  const sum = s.parts.reduce((a, p) => a.add(p.yuan), Dec.ZERO);
  const sumWritten = s.parts.reduce((a, p) => a.add(p.written), Dec.ZERO);
  // the places printed ("2.50" is to the cent, whatever its value's trailing zero)
  const places = Math.max(s.total.places, ...s.parts.map((p) => p.places));
  // n parts, each rounded by at most half a unit of the last place
  const tol = Dec.of(BigInt(Math.max(1, s.parts.length)) * 5n, places + 1);
  const ok = s.total.written.sub(sumWritten).abs().cmp(tol) <= 0;
  return { ok, total: s.total.yuan, sum };
}

const has = (words: readonly string[], text: string) => words.some((w) => text.includes(w.replace(/[“”]/g, "")));
const plain = (s: string) => squash(s).replace(/[“”"]/g, "");

export function checkTables(raw: RawTable[]): BudgetTable[] {
  const tables = raw.map(checkTable);
  crossCheck(raw, tables);
  return tables;
}

function checkTable(t: RawTable): BudgetTable {
  const checks: BudgetCheck[] = [];
  const status: Array<Map<string, LineCheck>> = t.lines.map(() => new Map());
  const mark = (line: number, column: string, ok: boolean) => {
    const m = status[line];
    if (m.get(column) !== "failed") m.set(column, ok ? "ok" : "failed");
  };
  const record: Recorder = (rule, line, column, total, parts, what) => {
    const r = compare({ total, parts: parts.map((p) => p.v) });
    checks.push({
      rule,
      ok: r.ok,
      line,
      column,
      total: r.total.toString(),
      sum: r.sum.toString(),
      parts: parts.length,
      message: r.ok
        ? `${what}: ${r.total} = ${r.sum}${r.total.cmp(r.sum) === 0 ? "" : " (rounding)"}`
        : `${what}: ${r.total} ≠ ${r.sum} (difference ${r.total.sub(r.sum)})`,
    });
    mark(line, column, r.ok);
    for (const p of parts) mark(p.line, p.column, r.ok);
  };
  const zero = { yuan: Dec.ZERO, written: Dec.ZERO, places: 0 };
  /** a line's value in a column, or zero where a part line leaves the cell empty or dashed */
  const part = (i: number, column: string) => ({ line: i, column, v: t.values[i].get(column) ?? zero });
  /** a line with no figure at all (the reader lost its amounts): a sum over it cannot be checked */
  const lost = (i: number) => t.values[i].size === 0;
  const label = (i: number) => t.lines[i].code ?? t.lines[i].name;
  /** a line is the sum of other lines, in every column it has a figure in */
  const sumOfLines: SumOfLines = (rule, line, parts, what) => {
    for (const [column, total] of t.values[line])
      record(
        rule,
        line,
        column,
        total,
        parts.map((k) => part(k, column)),
        what,
      );
  };

  // children: a line with a code is the sum of the lines of the next level under it, wherever they stand (a
  // two-sided table continued over a page has them after the other side's); a code listed twice counts once
  const firstOf = new Map<string, number>();
  t.lines.forEach((l, i) => {
    if (l.code && !firstOf.has(l.code)) firstOf.set(l.code, i);
  });
  t.lines.forEach((l, i) => {
    if (!l.code || l.code.length >= 7 || firstOf.get(l.code) !== i) return;
    const kids = [...firstOf].filter(([c]) => c.length === l.code!.length + 2 && c.startsWith(l.code!)).map(([, k]) => k);
    if (!kids.length || kids.some(lost)) return;
    sumOfLines("children", i, kids, `${label(i)} ${l.name} = Σ ${kids.length} lines under it`);
  });

  // total: the 合计 line is the sum of the 类 lines (of a table whose lines carry codes)
  const classes = [...firstOf].filter(([c]) => c.length === 3).map(([, i]) => i);
  const totalLine = t.lines.findIndex((l) => l.level === "合计" && !l.code);
  if (classes.length && totalLine >= 0 && !classes.some(lost))
    sumOfLines("total", totalLine, classes, `${t.lines[totalLine].name} = Σ ${classes.length} 类 lines`);

  if (t.kind === "sangong") sangongChecks(t, record, part, sumOfLines);
  else columnChecks(t, record, part);

  const lines = t.lines.map((l, i) => ({
    ...l,
    cells: l.cells.map((c) => ({ ...c, check: status[i].get(c.column) ?? ("none" as const) })),
  }));
  const { values: _v, columns: _c, ...rest } = t;
  return { ...rest, lines, checks };
}

type Recorder = (
  rule: BudgetCheck["rule"],
  line: number,
  column: string,
  total: Value,
  parts: Array<{ line: number; column: string; v: Value }>,
  what: string,
) => void;
type PartOf = (i: number, column: string) => { line: number; column: string; v: Value };
type SumOfLines = (rule: BudgetCheck["rule"], line: number, parts: number[], what: string) => void;

/** A 合计/小计 column is the sum of its siblings (same path above it); a sibling group with a 小计 counts by that. */
function columnChecks(t: RawTable, record: Recorder, part: PartOf): void {
  const key = (p: string[]) => p.join(" > ");
  for (const tc of t.columns) {
    const last = tc[tc.length - 1] ?? "";
    if (!TOTAL_WORDS.includes(last)) continue;
    const prefix = tc.slice(0, -1);
    const under = t.columns.filter((c) => c !== tc && c.length > prefix.length && prefix.every((s, i) => c[i] === s));
    // the members: each next segment once — the column itself, its group's 小计/合计, or the group's columns
    const members: string[] = [];
    for (const seg of [...new Set(under.map((c) => c[prefix.length]))]) {
      if (TOTAL_WORDS.includes(seg)) continue;
      const group = under.filter((c) => c[prefix.length] === seg);
      const own = group.find((c) => c.length === prefix.length + 1);
      const sub = group.find((c) => c.length === prefix.length + 2 && TOTAL_WORDS.includes(c[prefix.length + 1]));
      if (own) members.push(key(own));
      else if (sub) members.push(key(sub));
      else members.push(...group.map(key));
    }
    if (members.length < 2) continue;
    const total = key(tc);
    t.values.forEach((vals, i) => {
      const v = vals.get(total);
      if (!v || !members.some((m) => vals.has(m))) return;
      record(
        "columns",
        i,
        total,
        v,
        members.map((m) => part(i, m)),
        `${t.lines[i].name} ${total} = Σ ${members.join(", ")}`,
      );
    });
  }
}

/** “三公” = 出国 + 车 + 接待 and 车 = 购置 + 运行, where the table has them as columns or as lines. */
function sangongChecks(t: RawTable, record: Recorder, part: PartOf, sumOfLines: SumOfLines): void {
  const key = (p: string[]) => p.join(" > ");
  // a header that ends in the figure's stage (合计 > 预算数 | 合计 > 决算数): the columns of each stage apart
  const STAGE = /^(?:预算|决算|执行|实际)数?$/;
  const all = t.columns.map((c) => {
    const stage = c.length > 1 && STAGE.test(plain(c[c.length - 1])) ? plain(c[c.length - 1]) : "";
    const stem = stage ? c.slice(0, -1) : c;
    return { key: key(c), stage, text: plain(key(stem)), last: plain(stem[stem.length - 1] ?? "") };
  });
  for (const stage of new Set(all.map((c) => c.stage))) {
    const cols = all.filter((c) => c.stage === stage);
    const find = (words: readonly string[], pool = cols) =>
      pool.find(
        (c) =>
          // the car part itself, not its 购置 or 运行 alone
          (has(words, c.last) && c.last.includes("购置") === c.last.includes("运行")) ||
          (has(words, c.text) && TOTAL_WORDS.includes(c.last)),
      );
    // the 三公 total is a column named 三公…, its 小计/合计 under a 三公 header, or the 合计 of a 三公 table's header
    const total =
      cols.find((c) => has(SANGONG.total, c.text) && (TOTAL_WORDS.includes(c.last) || has(SANGONG.total, c.last))) ??
      cols.find((c) => c.text === "合计" || (TOTAL_WORDS.includes(c.last) && c.text.split(">").length === 1));
    const parts = SANGONG.parts.map((w) =>
      find(
        w,
        cols.filter((c) => c !== total && !has(SANGONG.total, c.last)),
      ),
    );
    if (total && parts.every((p) => p)) {
      t.values.forEach((vals, i) => {
        const v = vals.get(total.key);
        if (v)
          record(
            "sangong",
            i,
            total.key,
            v,
            parts.map((p) => part(i, p!.key)),
            `“三公” ${total.key} = 出国 + 车辆 + 接待`,
          );
      });
    }
    const car = parts[1];
    if (!car) continue;
    const stem = car.text.replace(/>[^>]*$/, "");
    const under = cols.filter((c) => c !== car && c.text.startsWith(stem) && c.text.length > 0);
    const buy = under.find((c) => c.last.includes("购置") && !c.last.includes("运行"));
    const run = under.find((c) => c.last.includes("运行") && !c.last.includes("购置"));
    if (buy && run)
      t.values.forEach((vals, i) => {
        const v = vals.get(car.key);
        if (v) record("sangong_car", i, car.key, v, [part(i, buy.key), part(i, run.key)], `公务用车 ${car.key} = 购置 + 运行`);
      });
  }
  // lines: a 三公 total line and lines for its parts, for every column
  const names = t.lines.map((l) => plain(l.name));
  const totalLine = names.findIndex((n) => has(SANGONG.total, n) || /^(合计|总计)/.test(n));
  const partLines = SANGONG.parts.map((w) =>
    names.findIndex((n, i) => i !== totalLine && has(w, n) && !/其中/.test(n) && !(n.includes("购置费") && !n.includes("运行"))),
  );
  if (totalLine >= 0 && partLines.every((p) => p >= 0))
    sumOfLines("sangong", totalLine, partLines, `“三公” ${t.lines[totalLine].name} = 出国 + 车辆 + 接待`);
}

/** The 收支总表's 收入/支出 totals against the 收入总表's and 支出总表's 合计 (first column). */
function crossCheck(raw: RawTable[], tables: BudgetTable[]): void {
  const summary = raw.findIndex((t) => t.kind === "summary");
  if (summary < 0) return;
  const s = raw[summary];
  const totals = s.lines.map((l, i) => ({ l, i })).filter(({ l }) => l.level === "合计");
  for (const [kind, word] of [
    ["income", "收入"],
    ["expenditure", "支出"],
  ] as const) {
    const ti = raw.findIndex((t) => t.kind === kind && t.stage === s.stage);
    if (ti < 0) continue;
    const t = raw[ti];
    const line = t.lines.findIndex((l) => l.level === "合计");
    if (line < 0) continue;
    const first = t.lines[line].cells.find((c) => c.amount !== null);
    if (!first) continue;
    const theirs = totals.filter(({ l }) => plain(l.name).includes(word));
    const amounts = theirs.flatMap(({ l }) => l.cells.filter((c) => c.amount !== null).map((c) => c.amount!));
    if (!amounts.length) continue;
    const ok = amounts.includes(first.amount!);
    tables[ti].checks.push({
      rule: "cross",
      ok,
      line,
      column: first.column,
      total: first.amount!,
      sum: amounts.join(" / "),
      parts: amounts.length,
      message: ok
        ? `${t.title ?? kind} 合计 ${first.amount} is a ${word} total of ${s.title ?? "the 收支总表"}`
        : `${t.title ?? kind} 合计 ${first.amount} is none of the ${word} totals of ${s.title ?? "the 收支总表"} (${amounts.join(", ")})`,
    });
    const cell = tables[ti].lines[line].cells.find((c) => c.column === first.column);
    if (cell && cell.check !== "failed") cell.check = ok ? "ok" : "failed";
  }
}
