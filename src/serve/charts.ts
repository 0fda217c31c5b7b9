/**
 * The data of the charts page, across the documents the filters select (from the `records` view,
 * so reviewed values count as reviewed). Drawn in the browser by Apache ECharts, served locally.
 */
import type { DB } from "../store/db.js";
import type { Filters } from "./filters.js";
import { filterSql } from "./filters.js";

export interface ChartData {
  documents: number;
  /** self scores in bins: label → documents */
  scores: { bins: string[]; counts: number[] };
  /** documents by year and grade */
  grades: { years: string[]; grades: string[]; counts: number[][] };
  /** 三公 budget and actual per unit (万元), the units with the largest budget or actual first */
  sangong: { units: string[]; budget: Array<number | null>; actual: Array<number | null> };
  /** spending by economic class (万元), summed over the selected documents, by year */
  economic: { years: string[]; classes: string[]; sums: number[][] };
}

const SCORE_BINS: Array<[string, number, number]> = [
  ["< 60", -Infinity, 60],
  ["60–70", 60, 70],
  ["70–80", 70, 80],
  ["80–90", 80, 90],
  ["90–95", 90, 95],
  ["95–100", 95, Infinity],
];
const GRADE_ORDER = ["优", "良", "中", "差"];
const ECONOMIC: Array<[string, string]> = [
  ["wage_welfare_expense_yuan", "工资福利支出"],
  ["goods_services_expense_yuan", "商品和服务支出"],
  ["household_subsidy_expense_yuan", "对个人和家庭的补助"],
  ["capital_expense_yuan", "资本性支出"],
];
const wan = (yuan: number) => Math.round(yuan / 100) / 100;

/** `from`: the relation records are read from (records_cache when it is up to date). */
export function chartData(db: DB, f: Filters, from: "records" | "records_cache" = "records", maxUnits = 20): ChartData {
  const { where, params } = filterSql(db, f);
  const and = where ? `${where} AND` : "WHERE";
  const documents = (db.prepare(`SELECT count(*) AS n FROM ${from} r ${where}`).get(...params) as { n: number }).n;

  const scores = db
    .prepare(`SELECT r.self_score_points AS s FROM ${from} r ${and} r.self_score_points IS NOT NULL`)
    .all(...params) as Array<{ s: number }>;
  const counts = SCORE_BINS.map(([, lo, hi]) => scores.filter(({ s }) => s >= lo && s < hi).length);

  const g = db
    .prepare(`SELECT r.fiscal_year AS y, r.grade AS g, count(*) AS n FROM ${from} r ${and} r.grade IS NOT NULL GROUP BY 1, 2`)
    .all(...params) as Array<{ y: number | null; g: string; n: number }>;
  const years = [...new Set(g.map((x) => (x.y === null ? "?" : String(x.y))))].sort();
  const grades = [...new Set(g.map((x) => x.g))].sort(
    (a, b) => ((GRADE_ORDER.indexOf(a) + 99) % 99) - ((GRADE_ORDER.indexOf(b) + 99) % 99) || a.localeCompare(b),
  );
  const byGrade = grades.map((gr) =>
    years.map((y) => g.filter((x) => x.g === gr && (x.y === null ? "?" : String(x.y)) === y).reduce((a, x) => a + x.n, 0)),
  );

  const sg = db
    .prepare(
      // one bar pair per unit and year (the same report imported in several forms counts once)
      `SELECT coalesce(r.unit_name, r.file) AS unit, r.fiscal_year AS y, max(r.sangong_budget_yuan) AS b, max(r.sangong_actual_yuan) AS a FROM ${from} r
       ${and} (r.sangong_budget_yuan IS NOT NULL OR r.sangong_actual_yuan IS NOT NULL)
       GROUP BY 1, 2 ORDER BY max(coalesce(b, 0), coalesce(a, 0)) DESC LIMIT ?`,
    )
    .all(...params, maxUnits) as Array<{ unit: string; y: number | null; b: number | null; a: number | null }>;

  const econ = db
    .prepare(
      `SELECT r.fiscal_year AS y, ${ECONOMIC.map(([c], i) => `sum(r.${c}) AS c${i}`).join(", ")} FROM ${from} r ${where} GROUP BY 1 ORDER BY 1`,
    )
    .all(...params) as Array<Record<string, number | null>>;
  const econRows = econ.filter((row) => ECONOMIC.some((_, i) => row[`c${i}`] !== null));

  return {
    documents,
    scores: { bins: SCORE_BINS.map(([l]) => l), counts },
    grades: { years, grades, counts: byGrade },
    sangong: {
      units: sg.map((x) => (x.y ? `${x.unit} ${x.y}` : x.unit)),
      budget: sg.map((x) => (x.b === null ? null : wan(x.b))),
      actual: sg.map((x) => (x.a === null ? null : wan(x.a))),
    },
    economic: {
      years: econRows.map((row) => (row.y === null ? "?" : String(row.y))),
      classes: ECONOMIC.map(([, l]) => l),
      sums: ECONOMIC.map((_, i) => econRows.map((row) => wan(row[`c${i}`] ?? 0))),
    },
  };
}
