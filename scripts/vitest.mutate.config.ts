// The tests the mutation run (npm run mutate) kills mutants with: those that call src/ directly.
// Tests that run the built CLI (dist/) would see no mutant; the OCR and browser tests are slow.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/normalize/**/*.test.ts", "test/extract/{extract,gold,readers,realtext,sections,region,validate,geometry}.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
