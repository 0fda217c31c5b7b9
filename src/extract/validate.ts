/**
 * Cross-checks on the chosen values: units that contradict the document's own arithmetic,
 * parts that do not add up to their total, a score that contradicts its grade.
 */

import type { Block, FieldValue, Flag } from "../model.js";
import { Dec } from "../normalize/decimal.js";
import { gradeForScore } from "../normalize/grade.js";
import { gridOf } from "./grid.js";
import type { ScoreTable } from "./indicators.js";
import type { Candidate, Context } from "./rules.js";

type Fields = Record<string, FieldValue | null>;

/**
 * A money value written in 元 whose digits appear elsewhere in the same document in 万元
 * ("全年完成实际支出39622.04元" beside "调整预算数39622.04万元") is a 万元 figure with a typo: shift it.
 */
export function correctUnits(ctx: Context, field: string, c: Candidate): { candidate: Candidate; flag?: Flag } {
  if (c.unit !== "元" || c.writtenUnit !== "元" || !c.numberText) return { candidate: c };
  const digits = c.numberText.replace(/,/g, "");
  const esc = digits.replace(/\./g, "\\.");
  const re = new RegExp(`(?<![\\d.])${esc}\\s*万元`);
  if (!re.test(ctx.folded.text.replace(/(\d),(?=\d{3})/g, "$1"))) return { candidate: c };
  const yuan = Dec.parse(digits).shift(4);
  return {
    candidate: { ...c, value: yuan.toNumber(), exact: yuan.toString(), rule: `${c.rule}+unit_corrected`, confidence: c.confidence * 0.9 },
    flag: {
      code: "unit_corrected",
      fields: [field],
      message: `${field}: "${digits}元" read as 万元: the same figure is given in 万元 elsewhere in the report`,
      from: `${digits}元`,
      to: `${digits}万元`,
    },
  };
}

const num = (f: FieldValue | null | undefined): Dec | null =>
  f && f.exact !== undefined ? Dec.parse(f.exact) : f && typeof f.value === "number" ? Dec.parse(String(f.value)) : null;

function checkSum(fields: Fields, total: string, parts: string[], flags: Flag[]): void {
  const t = num(fields[total]);
  const ps = parts.map((p) => num(fields[p]));
  if (!t || ps.some((p) => p === null)) return;
  const sum = ps.reduce((a, b) => a!.add(b!), Dec.ZERO)!;
  const diff = sum.sub(t).abs();
  // tolerance: 1% of the total or 100 元 (rounding to 0.01万元 in each part)
  const tol = Dec.parse(String(Math.max(100, t.abs().toNumber() * 0.01)));
  if (diff.cmp(tol) > 0) {
    flags.push({
      code: "parts_do_not_add_up",
      fields: [total, ...parts],
      message: `${parts.join(" + ")} = ${sum.toString()} 元, but ${total} = ${t.toString()} 元`,
      total: t.toNumber(),
      sum: sum.toNumber(),
    });
  }
}

export function validate(fields: Fields): Flag[] {
  const flags: Flag[] = [];
  checkSum(fields, "expenditure_total", ["basic_expenditure", "project_expenditure"], flags);
  const sangong = num(fields.sangong_actual);
  const parts = ["reception_expense", "vehicle_expense"].map((p) => num(fields[p])).filter((x): x is Dec => x !== null);
  if (sangong && parts.length) {
    const sum = parts.reduce((a, b) => a.add(b), Dec.ZERO);
    if (sum.sub(sangong).cmp(Dec.parse("100")) > 0) {
      flags.push({
        code: "parts_do_not_add_up",
        fields: ["sangong_actual", "reception_expense", "vehicle_expense"],
        message: `三公 parts (${sum.toString()} 元) exceed the 三公 total (${sangong.toString()} 元)`,
        total: sangong.toNumber(),
        sum: sum.toNumber(),
      });
    }
  }
  const score = fields.self_score?.value;
  const grade = fields.grade?.value;
  if (typeof score === "number" && typeof grade === "string" && gradeForScore(score) !== grade) {
    flags.push({
      code: "score_grade_mismatch",
      fields: ["self_score", "grade"],
      message: `score ${score} falls in band ${gradeForScore(score)}, but the report gives grade ${grade}`,
    });
  }
  for (const [name, f] of Object.entries(fields)) {
    // changes are signed and may exceed 100 %; shares and rates may not
    if (f && f.unit === "ratio" && typeof f.value === "number" && !name.endsWith("_change_rate") && (f.value < 0 || f.value > 1.5)) {
      flags.push({ code: "out_of_range", fields: [name], message: `${name} = ${f.value} is not a plausible ratio` });
    }
  }
  return flags;
}

/**
 * A score table whose rows do not add up to its 总分 row (by more than 0.5), unless a 得分 of the
 * 自评表's budget part (`otherScores`, asked only when needed) makes up the difference exactly.
 */
export function scoreTableSum(t: ScoreTable, otherScores: () => number[]): Flag | null {
  if (!t.total || !t.indicators.every((i) => i.score !== null)) return null;
  const sum = t.indicators.reduce((a, i) => a + (i.score ?? 0), 0);
  if (Math.abs(sum - t.total.score) <= 0.5) return null;
  if (otherScores().some((x) => Math.abs(sum + x - t.total!.score) <= 0.5)) return null;
  const rounded = Math.round(sum * 100) / 100;
  return {
    code: "parts_do_not_add_up",
    fields: ["score_table", "self_score"],
    message: `the score table's rows add up to ${rounded}, its 总分 row says ${t.total.score}`,
    total: t.total.score,
    sum: rounded,
  };
}

/** Numbers in the 得分 columns of the other tables near a score table (the budget part of a 自评表). */
export function otherScores(blocks: Block[], scoreBlock: number): number[] {
  const out: number[] = [];
  for (let k = Math.max(0, scoreBlock - 4); k < scoreBlock; k++) {
    const b = blocks[k];
    if (b.kind !== "table") continue;
    const grid = gridOf(b);
    const h = grid.findIndex((row) => row.some((c) => /^得分/.test(c.replace(/\s+/g, ""))));
    if (h < 0) continue;
    const col = grid[h].findIndex((c) => /^得分/.test(c.replace(/\s+/g, "")));
    for (const row of grid.slice(h + 1)) {
      const v = Number((row[col] ?? "").trim());
      if (row[col]?.trim() && Number.isFinite(v)) out.push(v);
    }
  }
  return out;
}
