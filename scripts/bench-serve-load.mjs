#!/usr/bin/env node
// npm run bench (after bench-serve.mjs), or alone: node scripts/bench-serve-load.mjs [--images 200] [--concurrency 20]
// The review server under page-image load, over real HTTP on loopback: the fixtures' PDFs (copies
// with distinct bytes, so that every page is a rendering, not a cache hit) are imported, `jixiao serve`
// is started on a free loopback port, and `--images` page images are asked for, `--concurrency` at a
// time, while the documents page is asked for one request after another. Prints list-page and image
// p50/p95 and the server's peak RSS; stops the server and removes its files by itself.
// Targets (issue 22): list p95 < 100 ms while images render; server RSS < 400 MB.
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

const root = join(fileURLToPath(import.meta.url), "..", "..");
const cli = join(root, "dist", "cli.js");
const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const IMAGES = arg("--images", 200);
const CONCURRENCY = arg("--concurrency", 20);

const dir = mkdtempSync(join(tmpdir(), "jixiao-bench-load-"));
const files = join(dir, "files");
mkdirSync(files);
const rep = join(root, "fixtures", "reports");
const pdfs = [join(rep, "variants", "pdf"), join(rep, "variants", "pdf-cid"), join(rep, "seeds-as", "pdf")].flatMap((d) =>
  readdirSync(d).map((f) => join(d, f)),
);
// enough distinct documents for IMAGES distinct pages (most have two pages or more)
const copies = Math.ceil(IMAGES * 0.7);
for (let i = 0; i < copies; i++) {
  const dst = join(files, `${String(i).padStart(4, "0")}.pdf`);
  copyFileSync(pdfs[i % pdfs.length], dst);
  appendFileSync(dst, Buffer.from(`\n% ${i}\n`));
}
const db = join(dir, "load.db");
const imp = spawnSync(process.execPath, [cli, "import", files, "--db", db, "--no-progress"], { encoding: "utf8", maxBuffer: 1 << 28 });
if (imp.status !== 0) throw new Error(`import failed: ${imp.stderr.slice(-400)}`);
const handle = new Database(db, { readonly: true });
const docs = handle.prepare("SELECT id, pages FROM documents WHERE status = 'ok' AND format = 'pdf' AND pages >= 1 ORDER BY id").all();
handle.close();

const server = spawn(process.execPath, [cli, "serve", "--db", db, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
const base = await new Promise((resolve, reject) => {
  let out = "";
  server.stdout.on("data", (b) => {
    out += b;
    const m = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
    if (m) resolve(m[1]);
  });
  server.on("exit", (c) => reject(new Error(`serve exited ${c}`)));
});
const pages = docs.flatMap((d) => Array.from({ length: Math.min(d.pages, 4) }, (_, k) => `${base}doc/${d.id}/page/${k + 1}.png`));
const asked = pages.slice(0, IMAGES);

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const timed = async (url) => {
  const t0 = performance.now();
  const r = await fetch(url);
  await r.arrayBuffer();
  return { ms: performance.now() - t0, status: r.status };
};
// the list before any image (idle)
const idle = [];
for (let i = 0; i < 20; i++) idle.push((await timed(base)).ms);

const imageTimes = [];
const statuses = new Map();
let next = 0;
let rendering = true;
const worker = async () => {
  while (next < asked.length) {
    const t = await timed(asked[next++]);
    imageTimes.push(t.ms);
    statuses.set(t.status, (statuses.get(t.status) ?? 0) + 1);
  }
};
const listTimes = [];
const lister = async () => {
  while (rendering) listTimes.push((await timed(base)).ms);
};
const t0 = performance.now();
const listing = lister();
await Promise.all(Array.from({ length: CONCURRENCY }, worker));
rendering = false;
await listing;
const secs = (performance.now() - t0) / 1000;

const status = readFileSync(`/proc/${server.pid}/status`, "utf8");
const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
server.kill("SIGTERM");
await new Promise((r) => server.on("exit", r));
rmSync(dir, { recursive: true, force: true });

console.log(
  `jixiao serve under load — ${asked.length} page images (${docs.length} PDFs), ${CONCURRENCY} at a time, in ${secs.toFixed(1)} s; the list asked for meanwhile`,
);
console.log("                          p50 ms    p95 ms   requests   target");
console.log(
  `list, idle             ${pct(idle, 50).toFixed(1).padStart(9)} ${pct(idle, 95).toFixed(1).padStart(9)} ${String(idle.length).padStart(10)}`,
);
const p95 = pct(listTimes, 95);
console.log(
  `list, while rendering  ${pct(listTimes, 50).toFixed(1).padStart(9)} ${p95.toFixed(1).padStart(9)} ${String(listTimes.length).padStart(10)}   p95 < 100 ms ${p95 < 100 ? "ok" : "MISSED"}`,
);
console.log(
  `page image             ${pct(imageTimes, 50).toFixed(1).padStart(9)} ${pct(imageTimes, 95).toFixed(1).padStart(9)} ${String(imageTimes.length).padStart(10)}   (${[...statuses].map(([s, n]) => `${n}× ${s}`).join(", ")})`,
);
console.log(`server peak RSS        ${hwm.toFixed(0).padStart(9)} MB${" ".repeat(24)}< 400 MB ${hwm < 400 ? "ok" : "MISSED"}`);
