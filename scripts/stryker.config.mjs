// npm run mutate: Stryker's mutation testing of src/normalize and src/extract with the vitest runner.
// Not in CI (it takes long); narrow it with `npm run mutate -- --mutate 'src/normalize/**/*.ts'`.
// Reports: reports/mutation/ (HTML and JSON, git-ignored); JIXIAO_MUTATION_REPORT=name writes name.json / name.html
// instead of mutation.json / index.html (one report per part when the run is split).
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// the tests read ../shared beside the repository; from Stryker's sandbox that is elsewhere
process.env.JIXIAO_SHARED ??= resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "shared");

export default {
  testRunner: "vitest",
  vitest: { configFile: "scripts/vitest.mutate.config.ts", related: false },
  mutate: ["src/normalize/**/*.ts", "src/extract/**/*.ts"],
  coverageAnalysis: "perTest",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: `reports/mutation/${process.env.JIXIAO_MUTATION_REPORT ?? "index"}.html` },
  jsonReporter: { fileName: `reports/mutation/${process.env.JIXIAO_MUTATION_REPORT ?? "mutation"}.json` },
  concurrency: 2,
  timeoutMS: 30_000,
  tempDirName: ".stryker-tmp",
  ignorePatterns: ["/reports", "/docs", "/*.db"],
  cleanTempDir: "always",
  disableTypeChecks: "src/**/*.ts",
};
