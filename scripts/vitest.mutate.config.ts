// The tests the mutation run (npm run mutate) kills mutants with: those that call src/ directly.
// Tests that run the built CLI (dist/) see no mutant and skip themselves (test/run.ts: describeCli).
// JIXIAO_MUTATION_READERS=1 adds the readers' tests (for src/extract/readers; their OCR cases take
// seconds each). JIXIAO_MUTATION_QUICK=1 keeps only the in-process gold check of the labelled sets:
// for static mutants, each of which runs every test (the counts are then a lower bound).
// JIXIAO_MUTATION_READERS_ONLY=1 keeps only the readers' in-process tests (test/extract/readers/), which
// read documents built in the tests in milliseconds: for the readers' static mutants.
import { defineConfig } from "vitest/config";

const quick = Boolean(process.env.JIXIAO_MUTATION_QUICK);
const readersOnly = Boolean(process.env.JIXIAO_MUTATION_READERS_ONLY);
const readers = process.env.JIXIAO_MUTATION_READERS ? ["test/extract/readers.test.ts"] : [];

export default defineConfig({
  test: {
    include: quick
      ? ["test/extract/gold.test.ts"]
      : readersOnly
        ? ["test/extract/readers/*.test.ts"]
        : [
            "test/normalize/**/*.test.ts",
            "test/extract/readers/*.test.ts",
            "test/extract/{chrome,detect,extract,gold,identity,ole,realtext,sections,region,validate,geometry,zip,table-fields,rules,indicators,tables,unit-name,narrative,read,ocr,lexicon,labels,document}.test.ts",
            ...readers,
          ],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    env: { JIXIAO_MUTATION: "1" },
  },
});
