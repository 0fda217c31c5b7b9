/** jixiao import: files, folders and URL lists into the database, a line per file, a summary. */

import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { collectFiles } from "../discover.js";
import { oneLine, UsageError } from "../errors.js";
import type { ImportEvent } from "../importer.js";
import { dbReason, ensureViews, intOption, openDb } from "./common.js";
import { err, out, shownPath } from "./output.js";

export interface ImportOpts {
  db: string;
  urls?: string;
  archive?: string;
  json?: boolean;
  force?: boolean;
  workers?: string;
  busyTimeout?: string;
  timeout?: string;
  maxMb?: string;
  progress?: boolean;
  followLinks?: boolean;
  maxHeapMb?: string;
}

/** At most this many reader threads per core: beyond it threads only add memory (each a V8 heap and MuPDF). */
export const WORKERS_PER_CORE = 4;

export async function cmdImport(paths: string[], opts: ImportOpts): Promise<number> {
  let workers = intOption(opts.workers, "--workers", 1);
  const cap = WORKERS_PER_CORE * availableParallelism();
  if (workers !== undefined && workers > cap) {
    err(`--workers ${workers} is more than ${WORKERS_PER_CORE} per core (${availableParallelism()} cores): using ${cap}`);
    workers = cap;
  }
  const timeout = intOption(opts.timeout, "--timeout", 1);
  const busy = intOption(opts.busyTimeout, "--busy-timeout", 0);
  const maxMb = intOption(opts.maxMb, "--max-mb", 1);
  // below 64 MB a worker can outgrow its cap faster than Node can stop it, which aborts the process
  const maxHeapMb = intOption(opts.maxHeapMb, "--max-heap-mb", 64);
  const maxBytes = maxMb ? maxMb * 1024 * 1024 : undefined;
  if (paths.length === 0 && !opts.urls) throw new UsageError("give files or folders to import, or --urls LIST");
  const { importFiles } = await import("../importer.js");
  const download = opts.urls ? await import("../download.js") : undefined;
  let urlList: ReturnType<NonNullable<typeof download>["parseUrlList"]> | undefined;
  if (opts.urls && download) {
    try {
      urlList = download.parseUrlList(await readFile(opts.urls, "utf8"));
    } catch (e) {
      throw new UsageError(`${opts.urls}: cannot read the URL list: ${oneLine(e)}`);
    }
  }
  // the run's time counts from here: downloads included
  const started = Date.now();
  const { files, missing, broken, links, special } = await collectFiles(paths, { followLinks: opts.followLinks });
  let db;
  try {
    db = await openDb(opts.db, { busyTimeoutMs: busy === undefined ? undefined : busy * 1000 });
  } catch (e) {
    err(`${opts.db}: cannot open database: ${dbReason(e)}`);
    return 2;
  }
  /** the URLs each downloaded file came from: two URLs with the same bytes share one file */
  const sourceUrls = new Map<string, string[]>();
  const urlFailures: Array<{ file: string; error: string }> = [];
  let urlUnchanged = 0;
  if (urlList && download) {
    const archive = opts.archive ?? join(dirname(resolve(opts.db)), "jixiao-archive");
    for (const e of urlList.errors) {
      urlFailures.push({ file: opts.urls!, error: e });
      err(`${opts.urls}: ${e}`);
    }
    const { isImported } = await import("../store/db.js");
    const results = await download.downloadAll(db, urlList.entries, {
      archive,
      timeoutMs: timeout ? timeout * 1000 : undefined,
      maxBytes,
      backoffMs: 200,
      force: opts.force,
      imported: (sha) => isImported(db!, sha),
    });
    for (const r of results) {
      if (r.status === "failed") urlFailures.push({ file: r.url, error: r.error });
      else if (r.status === "not_modified") urlUnchanged++;
      else {
        const urls = sourceUrls.get(r.file);
        if (urls) urls.push(r.url);
        else {
          sourceUrls.set(r.file, [r.url]);
          files.push(r.file);
        }
      }
      if (r.status !== "downloaded") {
        const st = r.status === "failed" ? "failed" : "unchanged";
        if (opts.json) out(JSON.stringify({ file: r.url, url: r.url, status: st, ...(r.status === "failed" ? { error: r.error } : {}) }));
        else out(`${st.padEnd(9)} ${r.url}${r.status === "failed" ? `: ${r.error}` : "  (not modified)"}`);
      }
    }
  }
  // a progress bar on a terminal; plain or JSON lines otherwise
  const showBar = opts.progress !== false && !opts.json && process.stderr.isTTY === true;
  const cliProgress = showBar ? (await import("cli-progress")).default : undefined;
  const bar = cliProgress
    ? new cliProgress.SingleBar(
        {
          format: "{bar} {value}/{total} files | {rate} files/s | ETA {eta_formatted} | {failed} failed",
          stream: process.stderr,
          hideCursor: true,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let failed = 0;
  bar?.start(files.length + missing.length + broken.length, 0, { rate: "0.0", failed: 0 });
  const line = (e: ImportEvent) => {
    if (e.status === "failed") failed++;
    if (bar) {
      const secs = (Date.now() - started) / 1000;
      bar.increment({ failed, rate: ((bar.getProgress() * bar.getTotal()) / Math.max(0.001, secs)).toFixed(1) });
      return;
    }
    // a downloaded file: one line for every URL it came from
    for (const url of sourceUrls.get(e.file) ?? [undefined]) {
      if (opts.json)
        out(JSON.stringify({ file: e.file, ...(url ? { url } : {}), status: e.status, ...(e.error ? { error: e.error } : {}) }));
      else out(`${e.status.padEnd(9)} ${shownPath(url ?? e.file)}${e.error ? `: ${e.error}` : e.detail ? `  ${e.detail}` : ""}`);
    }
  };
  for (const m of [...missing, ...broken]) line({ file: m.file, status: "failed", error: m.error });
  // FIFOs, devices and sockets are never opened (a FIFO would block the import): said once each, and in the summary
  for (const x of special) {
    if (opts.json) out(JSON.stringify({ file: x.file, status: "skipped", reason: `${x.kind}, not a file` }));
    else if (!bar) out(`${"skipped".padEnd(9)} ${shownPath(x.file)}: ${x.kind}, not a file`);
  }
  // a link not followed is neither imported nor a failure: said once per link, and in the summary
  for (const l of links) {
    if (opts.json) out(JSON.stringify({ file: l, status: "skipped", reason: "symbolic link (not followed without --follow-links)" }));
    else if (!bar) out(`${"skipped".padEnd(9)} ${shownPath(l)}: symbolic link (not followed without --follow-links)`);
  }
  let summary;
  let orphaned = 0;
  try {
    const { countOrphans } = await import("../store/corrections.js");
    const orphansBefore = countOrphans(db);
    summary = await importFiles(db, files, {
      workers,
      timeoutMs: timeout ? timeout * 1000 : undefined,
      maxHeapMb,
      force: opts.force,
      onEvent: line,
      sourceUrls,
      maxBytes,
    });
    await ensureViews(db);
    orphaned = countOrphans(db) - orphansBefore;
  } catch (e) {
    bar?.stop();
    err(`${opts.db}: database error: ${dbReason(e)}`);
    return 2;
  } finally {
    (await import("../store/db.js")).closeDb(db);
  }
  bar?.stop();
  const secs = (Date.now() - started) / 1000;
  const counts = {
    imported: summary.imported,
    unchanged: summary.unchanged + urlUnchanged,
    failed: summary.failed + missing.length + broken.length + urlFailures.length,
  };
  const total = counts.imported + counts.unchanged + counts.failed;
  const skipped =
    (links.length
      ? `; ${links.length} symbolic link${links.length > 1 ? "s" : ""} in folders not followed (--follow-links reads them)`
      : "") +
    (special.length
      ? `; ${special.length} FIFO${special.length > 1 ? "s" : ""}, device${special.length > 1 ? "s" : ""} or socket${special.length > 1 ? "s" : ""} skipped`
      : "");
  const text = `${total} files: ${counts.imported} imported, ${counts.unchanged} unchanged, ${counts.failed} failed (${secs.toFixed(1)} s)${skipped}`;
  const failures = [
    ...[...missing, ...broken].map((m) => `${shownPath(m.file)}: ${m.error}`),
    ...urlFailures.map((f) => `${shownPath(f.file)}: ${f.error}`),
    ...summary.failures.map((f) => `${shownPath(f.file)}: ${f.error}`),
  ];
  // reviews of the versions this import replaced no longer apply: said, not silently dropped
  const orphanLine =
    orphaned > 0
      ? `${orphaned} review${orphaned === 1 ? "" : "s"} made against replaced versions no longer appl${orphaned === 1 ? "ies" : "y"} (jixiao review --orphans --db ${opts.db} lists them)`
      : "";
  if (opts.json) {
    err(text);
    if (orphanLine) err(orphanLine);
  } else {
    out(text);
    if (orphanLine) out(orphanLine);
    for (const f of failures) out(`  failed: ${f}`);
  }
  return counts.failed ? 1 : 0;
}
