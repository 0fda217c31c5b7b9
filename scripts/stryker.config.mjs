// npm run mutate: Stryker's mutation testing of src/normalize and src/extract with the vitest runner.
// Not in CI (it takes hours in full). Split it:
//   npm run mutate -- --mutate 'src/normalize/**/*.ts'
//   JIXIAO_MUTATION_REPORT=extract-core npm run mutate -- --mutate 'src/extract/*.ts' --ignoreStatic
//   JIXIAO_MUTATION_REPORT=extract-static JIXIAO_MUTATION_QUICK=1 JIXIAO_MUTATE_STATIC_OF=reports/mutation/extract-core.json npm run mutate
//   (JIXIAO_MUTATE_STATIC_OF takes several reports, comma-separated; the code must not have changed since they ran)
//   JIXIAO_MUTATION_REPORT=readers JIXIAO_MUTATION_READERS=1 npm run mutate -- --mutate 'src/extract/readers/html.ts' --ignoreStatic
//   JIXIAO_MUTATION_REPORT=readers-static JIXIAO_MUTATION_READERS_ONLY=1 JIXIAO_MUTATE_STATIC_OF=reports/mutation/readers.json npm run mutate
//   node scripts/mutation-score.mjs reports/mutation/extract-static.json reports/mutation/extract-core.json
// (the static report first: it also re-ran, against the gold check alone, the mutants inside static
// ranges that the core run tested with every test — where two reports tested a mutant the later wins)
// Static mutants (module-level code: the catalog's and lexicon's patterns, built at load) run every
// test for each mutant, which is 80 % of the time: the second step runs only them (found in the first
// step's report) against the gold check alone. Reports: reports/mutation/ (git-ignored); JIXIAO_MUTATION_REPORT=name writes name.json
// and name.html instead of mutation.json and index.html.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// the tests read ../shared beside the repository; from Stryker's sandbox that is elsewhere
process.env.JIXIAO_SHARED ??= resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "shared");

/**
 * The mutants runs with --ignoreStatic left out (reports given comma-separated; a file counts from the
 * last report that has it), as Stryker ranges (lines from 1, columns from 0).
 */
function staticMutants(reportPaths) {
  const byFile = new Map();
  for (const reportPath of reportPaths.split(",")) {
    const report = JSON.parse(readFileSync(reportPath, "utf8"));
    for (const [file, { mutants }] of Object.entries(report.files)) {
      const ranges = [];
      for (const { status, location: l } of mutants)
        if (status === "Ignored") ranges.push(`${file}:${l.start.line}:${l.start.column - 1}-${l.end.line}:${l.end.column - 1}`);
      byFile.set(file, ranges);
    }
  }
  const ranges = [...byFile.values()].flat();
  if (ranges.length === 0) throw new Error(`${reportPaths} ignored no mutant: run them with --ignoreStatic first`);
  return ranges;
}

const report = process.env.JIXIAO_MUTATION_REPORT;

export default {
  testRunner: "vitest",
  vitest: { configFile: "scripts/vitest.mutate.config.ts", related: false },
  mutate: process.env.JIXIAO_MUTATE_STATIC_OF
    ? staticMutants(process.env.JIXIAO_MUTATE_STATIC_OF)
    : ["src/normalize/**/*.ts", "src/extract/**/*.ts"],
  coverageAnalysis: "perTest",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: `reports/mutation/${report ?? "index"}.html` },
  jsonReporter: { fileName: `reports/mutation/${report ?? "mutation"}.json` },
  concurrency: 2,
  timeoutMS: 30_000,
  tempDirName: ".stryker-tmp",
  ignorePatterns: ["/reports", "/docs", "/*.db"],
  cleanTempDir: "always",
  disableTypeChecks: "src/**/*.ts",
};
