// The tests the mutation run (npm run mutate) kills mutants with: those that call src/ directly.
// Tests that run the built CLI (dist/) see no mutant; the OCR and broken-file tests of the readers
// take seconds each, so they join only when asked: JIXIAO_MUTATION_READERS=1 (for src/extract/readers).
import { defineConfig } from "vitest/config";

const readers = process.env.JIXIAO_MUTATION_READERS ? ["test/extract/readers.test.ts"] : [];

export default defineConfig({
  test: {
    include: ["test/normalize/**/*.test.ts", "test/extract/{extract,gold,realtext,sections,region,validate,geometry}.test.ts", ...readers],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    // tests that run the built CLI skip themselves (test/run.ts: describeCli, itCli)
    env: { JIXIAO_MUTATION: "1" },
  },
});
