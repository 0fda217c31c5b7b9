// Mutation score over one or more Stryker JSON reports (reports/mutation/*.json), for a run split in
// parts: a mutant ignored in one report (a static mutant under --ignoreStatic) takes its status from
// a later report that tested it. A file counts from the last report that tested it, and from the
// others only where they ran on the same source. Prints per-file and total scores, and the survivors with --survivors.
//   node scripts/mutation-score.mjs reports/mutation/extract-core.json reports/mutation/extract-static.json [--survivors]
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const listSurvivors = args.includes("--survivors");
const reports = args.filter((a) => !a.startsWith("--"));
if (reports.length === 0) {
  console.error("usage: mutation-score.mjs REPORT.json… [--survivors]");
  process.exit(2);
}

/** file → "line:column:mutator:replacement" → { status, line, text } */
const mutants = new Map();
/** file → its source in the report that counts for it: the last one that tested any of its mutants */
const sources = new Map();
const loaded = reports.map((path) => JSON.parse(readFileSync(path, "utf8")));
const lastSeen = new Map();
for (const report of loaded)
  for (const [file, { mutants: list, source }] of Object.entries(report.files)) {
    lastSeen.set(file, source);
    if (list.some((m) => m.status !== "Ignored")) sources.set(file, source);
  }
// a file no report tested (all its mutants static): as the last report has it
for (const [file, source] of lastSeen) if (!sources.has(file)) sources.set(file, source);
for (const report of loaded) {
  for (const [file, { mutants: list, source }] of Object.entries(report.files)) {
    // a report of another version of the file (the code changed between the runs) does not count
    if (sources.has(file) && sources.get(file) !== source) continue;
    const lines = source.split("\n");
    const byKey = mutants.get(file) ?? new Map();
    mutants.set(file, byKey);
    for (const m of list) {
      const { start, end } = m.location;
      const key = `${start.line}:${start.column}-${end.line}:${end.column}:${m.mutatorName}:${m.replacement}`;
      const known = byKey.get(key);
      if (known && m.status === "Ignored") continue;
      byKey.set(key, {
        status: m.status,
        line: m.location.start.line,
        mutator: m.mutatorName,
        text: lines[m.location.start.line - 1]?.trim(),
      });
    }
  }
}

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);
const pct = (a, b) => (b ? ((100 * a) / b).toFixed(2) : "-");
let detected = 0;
let undetected = 0;
let ignored = 0;
let other = 0;
console.log("file                                     score  detected undetected ignored");
for (const [file, byKey] of [...mutants].sort()) {
  const all = [...byKey.values()];
  const d = all.filter((m) => DETECTED.has(m.status)).length;
  const u = all.filter((m) => UNDETECTED.has(m.status)).length;
  const i = all.filter((m) => m.status === "Ignored").length;
  detected += d;
  undetected += u;
  ignored += i;
  other += all.length - d - u - i;
  console.log(
    `${file.padEnd(40)} ${pct(d, d + u).padStart(6)} ${String(d).padStart(9)} ${String(u).padStart(10)} ${String(i).padStart(7)}`,
  );
}
console.log(
  `total: ${pct(detected, detected + undetected)} % (${detected} killed or timed out, ${undetected} survived or not covered, ${ignored} ignored, ${other} errors)`,
);
if (listSurvivors)
  for (const [file, byKey] of [...mutants].sort())
    for (const m of byKey.values())
      if (UNDETECTED.has(m.status)) console.log(`${file}:${m.line} ${m.status} ${m.mutator} | ${m.text?.slice(0, 100)}`);
