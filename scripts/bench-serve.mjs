#!/usr/bin/env node
// npm run bench (after bench.mjs), or alone: node scripts/bench-serve.mjs [--docs 10000] [--db FILE]
// The review pages' server time at 10,000 documents: a corpus of distinct files made from the
// fixtures is imported for real (2 workers), then the documents page (plain, filtered, sorted,
// searched, deep page), the charts page and document pages are asked of the app in-process
// (app.fetch, no network) and timed; the median and the slowest of 15 runs each are printed.
// Targets (issue 12): list < 300 ms, document < 100 ms.
import { spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : def;
};
const n = Number(arg("--docs", "10000"));
const RUNS = 15;
const rep = join(root, "fixtures", "reports");
const sources = [
  ...readdirSync(join(rep, "seeds")).map((f) => join(rep, "seeds", f)),
  ...["docx", "pdf", "pdf-cid", "html"].flatMap((k) => readdirSync(join(rep, "seeds-as", k)).map((f) => join(rep, "seeds-as", k, f))),
  ...["txt", "docx", "pdf", "pdf-cid", "html"].flatMap((k) =>
    readdirSync(join(rep, "variants", k)).map((f) => join(rep, "variants", k, f)),
  ),
];

let db = arg("--db");
let dir;
if (!db || !existsSync(db)) {
  dir = mkdtempSync(join(tmpdir(), `jixiao-bench-serve-`));
  const files = join(dir, "files");
  spawnSync("mkdir", [files]);
  for (let i = 0; i < n; i++) {
    const s = sources[i % sources.length];
    const dst = join(files, `${String(i).padStart(5, "0")}-${basename(dirname(s))}-${basename(s)}`);
    copyFileSync(s, dst);
    appendFileSync(dst, s.endsWith(".txt") ? `\n编号 ${i}\n` : s.endsWith(".html") ? `\n<!-- ${i} -->\n` : Buffer.from(`\n% ${i}\n`));
  }
  db ??= join(dir, "bench.db");
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [join(root, "dist", "cli.js"), "import", files, "--db", db, "--no-progress", "--workers", "2"], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`import failed: ${r.stderr.slice(-500)}`);
  console.log(`imported ${n} documents in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const { openDb, closeDb } = await import(join(root, "dist", "store", "db.js"));
const { createViews, viewsCurrent } = await import(join(root, "dist", "store", "views.js"));
const { CATALOG } = await import(join(root, "dist", "extract", "catalog.js"));
const { EXTRACTOR_VERSION } = await import(join(root, "dist", "version.js"));
const { createApp } = await import(join(root, "dist", "serve", "app.js"));
const handle = openDb(db);
if (!viewsCurrent(handle, EXTRACTOR_VERSION)) createViews(handle, CATALOG, EXTRACTOR_VERSION);
// the app answers only to its own names: in-process requests name 127.0.0.1:8080
const app = createApp(handle, { user: "bench", catalog: CATALOG, names: ["127.0.0.1"], port: () => 8080 });
const total = handle.prepare("SELECT count(*) AS n FROM documents WHERE status = 'ok'").get().n;

async function time(path) {
  const ms = [];
  let status = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = await app.fetch(new Request(`http://127.0.0.1:8080${path}`));
    await r.arrayBuffer();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    status = r.status;
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)], max: ms[ms.length - 1], status };
}

const pdfDoc = handle.prepare("SELECT id FROM documents WHERE format = 'pdf' AND status = 'ok' ORDER BY id DESC LIMIT 1").get().id;
const txtDoc = handle.prepare("SELECT id FROM documents WHERE format = 'txt' AND status = 'ok' ORDER BY id DESC LIMIT 1").get().id;
const bigDoc = handle.prepare("SELECT id FROM documents WHERE status = 'ok' ORDER BY length(text) DESC LIMIT 1").get().id;
const cases = [
  ["list", "/"],
  ["list, year filter", "/?year=2023"],
  ["list, province + grade", `/?province=${encodeURIComponent("湖南")}&grade=${encodeURIComponent("优")}`],
  ["list, sorted by score", "/?sort=self_score_points&dir=desc"],
  ["list, sorted by flags", "/?sort=flags&dir=desc"],
  ["list, full-text search", `/?q=${encodeURIComponent("乡村振兴")}`],
  ["list, page 150", "/?page=150"],
  ["list, not reviewed", "/?reviewed=no"],
  ["charts", "/charts"],
  ["document (PDF)", `/doc/${pdfDoc}`],
  ["document (text)", `/doc/${txtDoc}`],
  ["document (longest)", `/doc/${bigDoc}`],
];
console.log(`jixiao serve — server time at ${total} documents (in-process, median and slowest of ${RUNS})`);
console.log("page                         median ms   max ms   status   target");
for (const [name, path] of cases) {
  const t = await time(path);
  const target = name.startsWith("document") ? 100 : 300;
  console.log(
    `${name.padEnd(28)} ${t.median.toFixed(1).padStart(9)} ${t.max.toFixed(1).padStart(8)}   ${t.status}      < ${target} ms ${t.median < target ? "ok" : "MISSED"}`,
  );
}
// the cache brought up to date: every document changed (a fresh import), then one (a review)
async function once(path) {
  const t0 = process.hrtime.bigint();
  const r = await app.fetch(new Request(`http://127.0.0.1:8080${path}`));
  await r.arrayBuffer();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}
handle.exec("INSERT OR IGNORE INTO records_dirty SELECT id FROM documents");
console.log(
  `${"list, all rows changed".padEnd(28)} ${(await once("/")).toFixed(1).padStart(9)}            (first page after an import of ${total}: the cache recomputed)`,
);
handle
  .prepare(
    "INSERT INTO corrections (sha256, field, action, value_text, raw, note, reviewer, at, undone) SELECT sha256, 'grade', 'set', '良', '良', 'bench', 'bench', datetime('now'), 0 FROM documents LIMIT 1",
  )
  .run();
console.log(`${"list, one review since".padEnd(28)} ${(await once("/")).toFixed(1).padStart(9)}`);
handle.exec("DELETE FROM corrections WHERE reviewer = 'bench'");
closeDb(handle);
if (dir && !arg("--db")) rmSync(dir, { recursive: true, force: true });
