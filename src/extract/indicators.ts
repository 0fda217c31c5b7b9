/**
 * The score table (自评表 / 绩效评价指标体系): rows of 一级/二级/三级指标 with target, actual, unit,
 * weight (分值) and score (得分), read from any table block — docx, PDF or text with tab-separated
 * cells. Merged cells (rowspan, or empty cells under a label) carry their label down.
 * Its 总分 row is read as the total (the self_score rule in tables.ts).
 */
import type { Block, Indicator, Table } from "../model.js";
import { firstNumber } from "../normalize/number.js";
import { fold, squash } from "../normalize/text.js";
import { gridOf } from "./grid.js";

const COLUMNS: Array<[keyof Indicator, RegExp]> = [
  ["level1", /^一级指标/],
  ["level2", /^二级指标/],
  ["level3", /^三级指标|^指标名称|^绩效指标$/],
  ["target", /目标值|指标值|年度目标|预期目标|计划值/],
  ["actual", /实际完成值|完成值|实际值|实际完成|完成情况/],
  ["unit", /^(?:计量)?单位$/],
  ["weight", /^分值|^权重|^标准分|^指标分值/],
  ["score", /^得分|^自评得分|^评分|^实际得分/],
  ["reason", /原因|偏差|说明|备注/],
];

/** a cell's figure, whatever width its digits are written in */
const num = (c: string | undefined) => firstNumber(c === undefined ? c : fold(c).text);

export interface ScoreTable {
  table: Table;
  blockIndex: number;
  indicators: Indicator[];
  /** the 总分 / 合计 row's score */
  total: { score: number; raw: string } | null;
  /** unit and year named in the table's title rows or the lines before it */
  headingText: string;
}

/** Finds score tables among the blocks. */
export function scoreTables(blocks: Block[]): ScoreTable[] {
  const out: ScoreTable[] = [];
  // a table that a page break cut in two comes as consecutive table blocks of the same width
  const groups: Array<{ first: number; table: Table; grid: string[][]; partStarts: Set<number> }> = [];
  blocks.forEach((b, bi) => {
    if (b.kind !== "table") return;
    const grid = gridOf(b);
    const last = groups[groups.length - 1];
    const prev = blocks[bi - 1];
    if (last && prev && prev.kind === "table" && last.grid[0]?.length === grid[0]?.length) {
      last.partStarts.add(last.grid.length);
      last.grid.push(...grid);
      last.table = { ...last.table, rows: [...last.table.rows, ...b.rows] };
    } else groups.push({ first: bi, table: b, grid, partStarts: new Set() });
  });
  for (const { first: bi, table: b, grid, partStarts } of groups) {
    const h = grid.findIndex((row) => row.some((c) => /^一级指标/.test(squash(c))) && row.some((c) => /^(?:二|三)级指标/.test(squash(c))));
    if (h < 0) continue;
    const cols = new Map<keyof Indicator, number>();
    grid[h].forEach((cell, i) => {
      const t = squash(cell);
      for (const [name, re] of COLUMNS) if (!cols.has(name) && re.test(t)) cols.set(name, i);
    });
    if (!cols.has("level1") || !cols.has("score")) continue;
    const indicators: Indicator[] = [];
    let total: ScoreTable["total"] = null;
    let last1: string | null = null;
    let last2: string | null = null;
    for (let ri = h + 1; ri < grid.length; ri++) {
      const row = grid[ri];
      const cell = (k: keyof Indicator) => (cols.has(k) ? (row[cols.get(k)!] ?? "").trim() : "");
      // the rest of a row that a page break cut: its words continue the previous row's cells
      const prevRow = indicators[indicators.length - 1];
      if (partStarts.has(ri) && prevRow && !cell("weight") && !cell("score")) {
        for (const k of ["level3", "target", "actual", "unit", "reason"] as const) {
          const more = cell(k);
          if (more && more !== prevRow[k]) prevRow[k] = (prevRow[k] ?? "") + more;
        }
        continue;
      }
      const first = squash(row.find((c) => c.trim()) ?? "");
      if (/^(?:总分|合计|总计|综合得分|自评总分)$/.test(first)) {
        const nums = row
          .slice(1)
          .map((c) => num(c))
          .filter((x): x is number => x !== null);
        const s = num(cell("score")) ?? (nums.length ? nums[nums.length - 1] : null);
        if (s !== null && s >= 0 && s <= 100) total = { score: s, raw: cell("score") || String(s) };
        break;
      }
      if (/^说明|^注[:：]|^备注/.test(first)) break;
      // the header again, at the top of a page the table runs on to
      if (row.every((c, i) => squash(c) === squash(grid[h][i] ?? ""))) continue;
      const l1: string | null = cell("level1") || last1;
      const l2: string | null = cell("level2") || (cell("level1") ? null : last2);
      const l3 = cell("level3") || null;
      // a row of labels alone (产出指标) carries them down to the rows under it
      last1 = l1;
      last2 = l2;
      if (!l3 && !cell("score")) continue;
      indicators.push({
        level1: l1,
        level2: l2,
        level3: l3,
        target: cell("target") || null,
        actual: cell("actual") || null,
        unit: cell("unit") || null,
        weight: num(cell("weight")),
        score: num(cell("score")),
        reason: cell("reason") || null,
      });
    }
    if (indicators.length === 0) continue;
    // title rows of the table (one filled cell) and up to three paragraphs before it
    const titleRows = grid
      .slice(0, h)
      .filter((r) => r.filter((c) => c.trim()).length <= 2)
      .map((r) => r.filter((c) => c.trim()).join(" "));
    const before: string[] = [];
    for (let k = bi - 1; k >= 0 && before.length < 3; k--) {
      const p = blocks[k];
      if (p.kind !== "paragraph") break;
      before.unshift(p.text);
    }
    out.push({ table: b, blockIndex: bi, indicators, total, headingText: [...before, ...titleRows].join("\n") });
  }
  return out;
}
