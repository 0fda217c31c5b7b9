#!/usr/bin/env node
// npm run bench [-- --sizes 250,1000] [--repeat 3]
// Builds corpora of distinct files from the fixtures (txt, docx, text PDF, CID-font PDF), imports
// each with 1 and 2 workers into a fresh database, re-imports it unchanged, and prints documents/s,
// pages/s, MB/s and peak RSS; then the same PDFs through pdftotext (when installed) as a baseline.
// Every run is repeated (--repeat, default 3) and the median time is reported (peak RSS: the
// largest): single runs on a shared 2-core machine vary by 15–20 %.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const cli = join(root, "dist", "cli.js");
const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : def;
};
const sizes = arg("--sizes", "250,1000").split(",").map(Number);
const repeat = Math.max(1, Number(arg("--repeat", "3")));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
/** runs `once` `repeat` times: the median time, the largest RSS, all failures */
function repeated(once) {
  const runs = Array.from({ length: repeat }, once);
  return {
    ...runs[0],
    secs: median(runs.map((r) => r.secs)),
    cpu: median(runs.map((r) => r.cpu)),
    rss: Math.max(...runs.map((r) => r.rss)),
    failed: Math.max(...runs.map((r) => r.failed)),
    all: runs.map((r) => r.secs),
  };
}
const rep = join(root, "fixtures", "reports");
const sources = [
  ...readdirSync(join(rep, "seeds")).map((f) => join(rep, "seeds", f)),
  ...["docx", "pdf", "pdf-cid"].flatMap((k) => readdirSync(join(rep, "seeds-as", k)).map((f) => join(rep, "seeds-as", k, f))),
  ...["txt", "docx", "pdf", "pdf-cid"].flatMap((k) => readdirSync(join(rep, "variants", k)).map((f) => join(rep, "variants", k, f))),
];

function corpus(n) {
  const dir = mkdtempSync(join(tmpdir(), `jixiao-bench-${n}-`));
  for (let i = 0; i < n; i++) {
    const s = sources[i % sources.length];
    const kind = basename(dirname(s));
    const dst = join(dir, `${String(i).padStart(5, "0")}-${kind}-${basename(s)}`);
    copyFileSync(s, dst);
    // distinct bytes, same content: text gets a line, binaries trailing bytes their readers ignore
    appendFileSync(dst, s.endsWith(".txt") ? `\n编号 ${i}\n` : Buffer.from(`\n% ${i}\n`));
  }
  return dir;
}

function dirBytes(dir, filter = () => true) {
  return readdirSync(dir)
    .filter(filter)
    .reduce((a, f) => a + statSync(join(dir, f)).size, 0);
}

function importRun(dir, db, workers, extra = []) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    [cli, "import", dir, "--db", db, "--json", "--no-progress", "--workers", String(workers), ...extra],
    {
      encoding: "utf8",
      env: { ...process.env, JIXIAO_REPORT_RSS: "1" },
      maxBuffer: 1 << 28,
    },
  );
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const rss = Number(/maxrss_kb=(\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
  const cpu = Number(/cpu_ms=(\d+)/.exec(r.stderr)?.[1] ?? 0) / 1000;
  const lines = r.stdout
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const failed = lines.filter((l) => l.status === "failed").length;
  return { secs, rss, cpu, files: lines.length, failed };
}

/** Two separate jixiao processes (1 worker each), each importing its half of the corpus into its own
 * database, at the same time. Nothing is shared between them — no pool, no database, no main thread
 * — so their speed-up over one 1-worker process shows what two cores give this work on this machine
 * (V8's compiler and GC threads, memory, start-up), whatever a pool does. Each pays its own Node
 * start-up, so on a small corpus one pool with two workers can do better. */
async function separateProcesses(halves) {
  const t0 = process.hrtime.bigint();
  await Promise.all(
    halves.map(
      (dir) =>
        new Promise((resolve, reject) => {
          const db = join(mkdtempSync(join(tmpdir(), "jixiao-bench-db-")), "h.db");
          const p = spawn(process.execPath, [cli, "import", dir, "--db", db, "--json", "--no-progress", "--workers", "1"], {
            stdio: "ignore",
          });
          p.on("error", reject);
          p.on("exit", (code) => {
            rmSync(dirname(db), { recursive: true, force: true });
            if (code === 0) resolve();
            else reject(new Error(`import of ${dir} exited with ${code}`));
          });
        }),
    ),
  );
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function pagesIn(db) {
  const d = new Database(db, { readonly: true });
  const { p } = d.prepare("SELECT coalesce(sum(pages), 0) p FROM documents WHERE status = 'ok'").get();
  d.close();
  return p;
}

const fmt = (x, d = 1) => x.toFixed(d);
console.log(
  `jixiao bench — ${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? "?"} × ${availableParallelism()}, Node ${process.version}, median of ${repeat} runs`,
);
console.log("N      workers  run        docs   secs    docs/s  pages/s  MB/s   peak RSS MB  CPU s  cores  failed");
const results = {};
for (const n of sizes) {
  const dir = corpus(n);
  const mb = dirBytes(dir) / 1024 / 1024;
  for (const w of [1, 2]) {
    let db = "";
    const first = repeated(() => {
      db = join(mkdtempSync(join(tmpdir(), "jixiao-bench-db-")), "b.db");
      return importRun(dir, db, w);
    });
    const pages = pagesIn(db);
    const line = (run, r) =>
      console.log(
        `${String(n).padEnd(6)} ${String(w).padEnd(8)} ${run.padEnd(10)} ${String(r.files).padEnd(6)} ${fmt(r.secs, 2).padEnd(7)} ${fmt(r.files / r.secs).padEnd(7)} ${fmt(pages / r.secs).padEnd(8)} ${fmt(mb / r.secs, 2).padEnd(6)} ${fmt(r.rss, 0).padEnd(12)} ${fmt(r.cpu).padEnd(6)} ${fmt(r.cpu / r.secs, 2).padEnd(6)} ${r.failed}`,
      );
    line("import", first);
    results[`${n}/${w}`] = first;
    if (w === 2) {
      const again = repeated(() => importRun(dir, db, w));
      line("unchanged", again);
      results[`${n}/unchanged`] = again;
    }
  }
  // the ceiling: the corpus split in two, imported by two separate 1-worker processes at once
  const halves = [0, 1].map((h) => {
    const d = mkdtempSync(join(tmpdir(), `jixiao-bench-half${h}-`));
    readdirSync(dir).forEach((f, i) => i % 2 === h && copyFileSync(join(dir, f), join(d, f)));
    return d;
  });
  const sep = [];
  for (let i = 0; i < repeat; i++) sep.push(await separateProcesses(halves));
  results[`${n}/separate`] = median(sep);
  console.log(
    `${String(n).padEnd(6)} 2 × 1    separate   ${String(n).padEnd(6)} ${fmt(median(sep), 2).padEnd(7)} ${fmt(n / median(sep))}   (two separate 1-worker processes, half the files each, at once)`,
  );
  for (const d of halves) rmSync(d, { recursive: true, force: true });
  // PDFs alone: jixiao (2 workers) vs pdftotext (2 processes)
  const pdfDir = mkdtempSync(join(tmpdir(), "jixiao-bench-pdf-"));
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".pdf"))) copyFileSync(join(dir, f), join(pdfDir, f));
  const nPdf = readdirSync(pdfDir).length;
  const j = repeated(() => importRun(pdfDir, join(mkdtempSync(join(tmpdir(), "jixiao-bench-db-")), "p.db"), 2));
  const hasPdftotext = spawnSync("pdftotext", ["-v"]).status === 0;
  if (hasPdftotext) {
    const secs = median(
      Array.from({ length: repeat }, () => {
        const t0 = process.hrtime.bigint();
        execFileSync("bash", ["-c", `ls "${pdfDir}"/*.pdf | xargs -P 2 -I{} pdftotext -q {} /dev/null`]);
        return Number(process.hrtime.bigint() - t0) / 1e9;
      }),
    );
    console.log(
      `${String(n).padEnd(6)} PDFs only: ${nPdf} files — jixiao import ${fmt(j.secs, 2)} s (2 workers), pdftotext ${fmt(secs, 2)} s (2 processes): jixiao at ${fmt(secs / j.secs, 2)}× pdftotext's speed`,
    );
  } else
    console.log(
      `${String(n).padEnd(6)} PDFs only: ${nPdf} files — jixiao ${fmt(j.secs, 2)} s; pdftotext not installed (Debian: poppler-utils), no baseline`,
    );
  rmSync(pdfDir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
}
const speedup = (n) => (results[`${n}/1`] && results[`${n}/2`] ? results[`${n}/1`].secs / results[`${n}/2`].secs : NaN);
for (const n of sizes) {
  const ceiling = results[`${n}/1`].secs / results[`${n}/separate`];
  console.log(
    `N=${n}: 2 workers ${fmt(speedup(n), 2)}× as fast as 1 (two separate 1-worker processes on half the files each: ${fmt(ceiling, 2)}×); unchanged re-import ${fmt((100 * results[`${n}/unchanged`].secs) / results[`${n}/2`].secs, 1)}% of the first import`,
  );
}
if (sizes.length >= 2) {
  const [a, b] = [sizes[0], sizes[sizes.length - 1]];
  const ra = results[`${a}/2`].rss;
  const rb = results[`${b}/2`].rss;
  console.log(`peak RSS (2 workers) N=${a}: ${fmt(ra, 0)} MB, N=${b}: ${fmt(rb, 0)} MB (${fmt((100 * (rb - ra)) / ra, 1)}% growth)`);
}
