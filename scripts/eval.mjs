#!/usr/bin/env node
// Per-field precision and recall of `jixiao extract` on every labelled set the project has:
// the seeds (../shared/gold/seeds.jsonl) in six formats, the project's own hand-written variants
// (fixtures/gold/variants.jsonl) in six formats, the generated labelled set
// (scripts/make-labelled.mjs → fixtures/gold/labelled.jsonl), the real 决算 PDFs, and the real-dev
// set (../shared/real-dev: report excerpts scored with --coalesce, and 部门预算 PDFs).
//   npm run eval            summary lines
//   npm run eval -- -v      the scorer's full per-field table for each set
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const shared = join(root, "..", "shared");
const verbose = process.argv.includes("-v");
const files = (...p) => {
  const d = join(...p);
  return existsSync(d)
    ? readdirSync(d)
        .filter((f) => !f.startsWith("."))
        .map((f) => join(d, f))
    : [];
};
const sets = [
  ["seeds/txt", join(shared, "gold", "seeds.jsonl"), files(shared, "seeds")],
  ...["docx", "pdf", "pdf-cid", "doc", "html"].map((k) => [
    `seeds/${k}`,
    join(shared, "gold", "seeds.jsonl"),
    files(root, "fixtures", "reports", "seeds-as", k),
  ]),
  ...["txt", "docx", "pdf", "pdf-cid", "doc", "html"].map((k) => [
    `variants/${k}`,
    join(root, "fixtures", "gold", "variants.jsonl"),
    files(root, "fixtures", "reports", "variants", k),
  ]),
  ["labelled/txt", join(root, "fixtures", "gold", "labelled.jsonl"), files(root, "fixtures", "src", "labelled")],
  ...["docx", "pdf", "pdf-cid", "doc", "html"].map((k) => [
    `labelled/${k}`,
    join(root, "fixtures", "gold", "labelled.jsonl"),
    files(root, "fixtures", "labelled-as", k),
  ]),
  ["realpdf", join(shared, "gold", "realpdf.jsonl"), files(shared, "realpdf").filter((f) => f.endsWith(".pdf"))],
  // real reports nobody here wrote: the scores that predict how jixiao does in the field
  ["real-dev", join(shared, "real-dev", "gold.jsonl"), files(shared, "real-dev").filter((f) => /[ab]\d+\.txt$/.test(f)), ["--coalesce"]],
  [
    "real-dev/budget",
    join(shared, "real-dev", "budget", "gold.jsonl"),
    files(shared, "real-dev", "budget").filter((f) => f.endsWith(".pdf")),
  ],
];
const tmp = mkdtempSync(join(tmpdir(), "jixiao-eval-"));
for (const [name, gold, inputs, scoreArgs = []] of sets) {
  if (!existsSync(gold) || inputs.length === 0) {
    console.log(`${name.padEnd(18)} skipped (no gold or no files)`);
    continue;
  }
  const ex = spawnSync(process.execPath, [join(root, "dist", "cli.js"), "extract", "--jsonl", ...inputs], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  const out = join(tmp, `${name.replace(/\//g, "_")}.jsonl`);
  writeFileSync(out, ex.stdout);
  const sc = spawnSync(process.execPath, [join(shared, "eval", "score.mjs"), gold, out, ...scoreArgs], { encoding: "utf8" });
  const last = sc.stdout.trim().split("\n").pop();
  if (verbose) console.log(`\n== ${name} ==\n${sc.stdout}`);
  else console.log(`${name.padEnd(18)} ${last}`);
}
