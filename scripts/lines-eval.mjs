#!/usr/bin/env node
/**
 * The budget tables of the real 预算/决算 PDFs (../shared/real-dev/budget, real-dev2/full, realpdf):
 * per set, the tables found by kind, the lines whose arithmetic checks hold, every failed check, and
 * the tables' totals against the gold fields (income/expenditure budget or total, basic/project
 * spending, 三公). Run after `npm run build`:
 *
 *   node scripts/lines-eval.mjs [--failures] [--tables]
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { budgetTables } from "../dist/extract/budget-tables.js";
import { buildContext } from "../dist/extract/extract.js";
import { readDocument } from "../dist/extract/read.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SHARED = process.env.JIXIAO_SHARED ?? resolve(ROOT, "..", "shared");
const SETS = [
  ["real-dev/budget", join(SHARED, "real-dev", "budget"), join(SHARED, "real-dev", "budget", "gold.jsonl")],
  ["real-dev2/full", join(SHARED, "real-dev2", "full"), join(SHARED, "real-dev2", "full", "gold.jsonl")],
  ["realpdf", join(SHARED, "realpdf"), join(SHARED, "gold", "realpdf.jsonl")],
];
const showFailures = process.argv.includes("--failures");
const showTables = process.argv.includes("--tables");

const gold = (file) =>
  new Map(
    readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l))
      .map((g) => [g.file, g]),
  );
const accepts = (g, yuan) => {
  if (g == null) return null;
  const opts = typeof g === "object" && "any_of" in g ? g.any_of : [g];
  return opts.some((o) => o !== null && Number(o) === Number(yuan));
};

/** What a table says of a gold field: the 元 amount (string) or null. */
function fromTables(tables, field, stage) {
  const of = (kind) => tables.filter((t) => t.kind === kind && t.stage === stage && t.lines.length);
  const total = (t) => t.lines.find((l) => l.level === "合计");
  // as the field rule reads them: a figure whose check failed is no value
  const cell = (l, re) => l?.cells.find((c) => re.test(c.column) && c.amount !== null && c.check !== "failed")?.amount ?? null;
  switch (field) {
    case "income_budget":
    case "income_total": {
      for (const t of of("income")) {
        const v = cell(total(t), /合计|总计|金额|^本年收入|收入预算/);
        if (v) return v;
      }
      return null;
    }
    case "expenditure_budget":
    case "expenditure_total": {
      for (const t of of("expenditure")) {
        const v = cell(total(t), /合计|总计|金额/);
        if (v) return v;
      }
      return null;
    }
    case "basic_expenditure":
    case "project_expenditure": {
      const re = field === "basic_expenditure" ? /基本支出$/ : /项目支出$/;
      for (const t of of("expenditure")) {
        const v = cell(total(t), re);
        if (v) return v;
      }
      return null;
    }
    case "sangong_budget":
    case "sangong_actual": {
      const want = field === "sangong_budget" ? "预算" : "决算";
      for (const t of tables.filter((x) => x.kind === "sangong" && x.lines.length)) {
        const stageOf = (c) => (/决算|实际|执行/.test(c.column ?? "") ? "决算" : /预算/.test(c.column ?? "") ? "预算" : t.stage);
        const c = t.checks.find((k) => k.rule === "sangong" && k.ok && stageOf(k) === want);
        if (c) return c.total;
      }
      return null;
    }
  }
  return null;
}
const FIELDS = [
  "income_budget",
  "expenditure_budget",
  "income_total",
  "expenditure_total",
  "basic_expenditure",
  "project_expenditure",
  "sangong_budget",
  "sangong_actual",
];

let allOk = 0;
let allFailed = 0;
for (const [name, dir, goldFile] of SETS) {
  const g = gold(goldFile);
  const kinds = {};
  let ok = 0;
  let failed = 0;
  let none = 0;
  const failures = [];
  const agree = { agree: 0, disagree: [], missing: [] };
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".pdf"))
    .sort();
  for (const f of files) {
    const doc = await readDocument(readFileSync(join(dir, f)));
    const tables = budgetTables(buildContext(doc));
    const seen = {};
    for (const t of tables) {
      kinds[t.kind] = (kinds[t.kind] ?? 0) + 1;
      seen[t.kind] = (seen[t.kind] ?? 0) + 1;
      for (const l of t.lines) {
        const c = l.cells.map((x) => x.check);
        if (c.includes("failed")) failed++;
        else if (c.includes("ok")) ok++;
        else none++;
      }
      for (const c of t.checks) if (!c.ok) failures.push(`${f} p${t.page} ${t.kind}: ${c.rule} ${c.message}`);
    }
    if (showTables)
      console.log(
        `  ${f}: ${Object.entries(seen)
          .map(([k, n]) => (n > 1 ? `${k}×${n}` : k))
          .join(", ")}`,
      );
    const gg = g.get(f);
    if (!gg) continue;
    const stage = gg.document_kind === "决算" || /juesuan/.test(f) ? "决算" : "预算";
    for (const field of FIELDS) {
      if (gg[field] == null) continue;
      const v = fromTables(tables, field, stage);
      if (v === null) agree.missing.push(`${f} ${field}`);
      else if (accepts(gg[field], v)) agree.agree++;
      else agree.disagree.push(`${f} ${field}: table ${v}, gold ${JSON.stringify(gg[field])}`);
    }
  }
  allOk += ok;
  allFailed += failed;
  console.log(`\n${name}: ${files.length} documents`);
  console.log(
    `  tables by kind: ${Object.entries(kinds)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(", ")}`,
  );
  console.log(
    `  lines: ${ok + failed + none} (${ok + failed} checked): checks hold on ${ok} = ${((100 * ok) / Math.max(1, ok + failed)).toFixed(1)} %, fail on ${failed}; ${failures.length} failed checks`,
  );
  console.log(`  totals vs gold fields: ${agree.agree} agree, ${agree.disagree.length} disagree, ${agree.missing.length} not in a table`);
  for (const d of agree.disagree) console.log(`    ≠ ${d}`);
  if (process.argv.includes("--missing")) for (const d of agree.missing) console.log(`    ? ${d}`);
  if (showFailures) for (const x of failures) console.log(`    ✗ ${x}`);
}
console.log(
  `\nall: checks hold on ${allOk} of ${allOk + allFailed} checked lines (${((100 * allOk) / Math.max(1, allOk + allFailed)).toFixed(1)} %)`,
);
