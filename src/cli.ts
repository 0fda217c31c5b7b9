#!/usr/bin/env node
/**
 * jixiao command line. Exit codes: 0 all good, 1 some files failed, 2 bad usage or database error.
 */
import { availableParallelism, userInfo } from "node:os";
import { Command, CommanderError, Option } from "commander";
import { readdir, readFile, stat } from "node:fs/promises";
import { realpathSync } from "node:fs";
import { realpath } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { oneLine, UsageError } from "./errors.js";
import { writeFileAtomically } from "./files.js";
import type { ImportEvent } from "./importer.js";
import type { DB } from "./store/db.js";
import { EXTRACTOR_VERSION, PACKAGE_VERSION } from "./version.js";

// Command modules load when their command runs: `jixiao import` starts its workers without first
// loading the readers, zod and mammoth on the main thread, and `--help` stays instant.
const openDb = async (file: string, opts?: { readonly?: boolean; busyTimeoutMs?: number }) => (await import("./store/db.js")).openDb(file, opts);

/** What a terminal must not be sent as is: C0 and C1 controls (but line feed and tab), DEL, and the
 * bidirectional overrides and isolates that reorder what follows them (U+202E …). */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
/** Text for a terminal: unsafe characters shown as \uXXXX escapes, so a document cannot drive the terminal. */
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, escapeChar);
}
const write = (stream: NodeJS.WriteStream, s: string) => stream.write(stream.isTTY ? terminalSafe(s) : s);
const out = (s: string) => write(process.stdout, s + "\n");
const err = (s: string) => write(process.stderr, s + "\n");

/** What `collectFiles` found. */
export interface Collected {
  files: string[];
  /** paths given on the command line that cannot be read, and why (no such file, a link loop) */
  missing: Array<{ file: string; error: string }>;
  /** followed links that point nowhere, or round in a loop, and why */
  broken: Array<{ file: string; error: string }>;
  /** symbolic links met inside folders and not followed (without followLinks) */
  links: string[];
  /** FIFOs, devices and sockets met inside folders: never read (a FIFO would block the import) */
  special: Array<{ file: string; kind: string }>;
}

/** Why a path cannot be read, from its stat error. */
function statError(e: unknown, link: boolean): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === "ELOOP") return "symbolic link loop (the links point at each other)";
  if (code === "ENOENT") return link ? "broken symbolic link (what it points to does not exist)" : "no such file or directory";
  if (code === "EACCES") return "permission denied";
  return oneLine(e);
}

/** What a directory entry that is neither file, folder nor link is. */
const specialKind = (e: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }) =>
  e.isFIFO() ? "a FIFO (named pipe)" : e.isCharacterDevice() ? "a character device" : e.isBlockDevice() ? "a block device" : e.isSocket() ? "a socket" : null;

/**
 * The files under the given paths, in name order. Paths given by name are always read, links or
 * not; inside folders, symbolic links are followed only with `followLinks` (like `grep -R`), each
 * real folder once, so a link back up the tree cannot loop. Hidden entries (.name) are left out.
 */
export async function collectFiles(paths: string[], opts: { followLinks?: boolean } = {}): Promise<Collected> {
  const found: Collected = { files: [], missing: [], broken: [], links: [], special: [] };
  const seenDirs = new Set<string>();
  const walk = async (dir: string) => {
    const real = await realpath(dir);
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const full = join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) found.files.push(full);
      else if (e.isSymbolicLink()) {
        if (!opts.followLinks) {
          found.links.push(full);
          continue;
        }
        let st;
        try {
          st = await stat(full);
        } catch (err) {
          found.broken.push({ file: full, error: statError(err, true) });
          continue;
        }
        if (st.isDirectory()) await walk(full);
        else if (st.isFile()) found.files.push(full);
        else {
          const kind = specialKind(st);
          if (kind) found.special.push({ file: full, kind });
        }
      } else {
        const kind = specialKind(e);
        if (kind) found.special.push({ file: full, kind });
      }
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch (err) {
      found.missing.push({ file: p, error: statError(err, false) });
      continue;
    }
    if (st.isDirectory()) await walk(p);
    else found.files.push(p);
  }
  return found;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text for one line or table cell: control characters and bidi overrides shown as escapes (\n, \t, \u001b, \u202e). */
export function visible(s: string): string {
  return s.replace(CONTROL, (c) => (c.charCodeAt(0) < 0x80 ? JSON.stringify(c).slice(1, -1) : escapeChar(c)));
}

/** A path as one line of a log: a name with control characters (a newline, U+202E …) is printed quoted, escaped. */
export function shownPath(p: string): string {
  CONTROL.lastIndex = 0;
  return CONTROL.test(p) ? `"${visible(p.replace(/["\\]/g, "\\$&"))}"` : p;
}

function fmtValue(v: unknown): string {
  if (v === null || v === undefined) return "—";
  return typeof v === "number" ? String(v) : String(v);
}

async function cmdExtract(files: string[], opts: { jsonl?: boolean; explain?: string | boolean }): Promise<number> {
  const [{ readFileChecked, readBuffer, recordOf }, { CATALOG }, { DocumentRecord }] = await Promise.all([import("./pipeline.js"), import("./extract/catalog.js"), import("./model.js")]);
  let failed = 0;
  for (const file of files) {
    try {
      const buf = await readFileChecked(file);
      if (opts.explain) {
        const doc = await readBuffer(buf);
        const { explainLines } = await import("./extract/explain.js");
        const field = typeof opts.explain === "string" ? opts.explain : undefined;
        if (field && !CATALOG.some((d) => d.name === field)) throw new Error(`no field named ${JSON.stringify(field)} (see the README's field table)`);
        out(`== ${shownPath(file)} (${doc.format}, ${doc.engine}) ==`);
        for (const l of explainLines(doc, field)) out(visible(l));
        continue;
      }
      const { record: rec } = await recordOf(file, buf);
      const { text: _text, ...printable } = rec;
      // the record as defined once (model.ts), checked on the way out
      if (opts.jsonl) out(JSON.stringify(DocumentRecord.parse(printable)));
      else {
        out(`== ${shownPath(file)} (${rec.format}, ${rec.engine}, ${rec.document_kind}) ==`);
        for (const def of CATALOG) {
          const f = rec.fields[def.name];
          if (!f) continue;
          const where = [f.evidence.page ? `p.${f.evidence.page}` : "", f.evidence.section].filter(Boolean).join(" ");
          out(`  ${def.name.padEnd(20)} ${visible(fmtValue(f.value)).padEnd(14)} ${visible(f.raw)}${where ? `  [${visible(where)}]` : ""}`);
        }
        for (const fl of rec.flags) out(`  ! ${fl.code}: ${fl.message}`);
      }
    } catch (e) {
      failed++;
      if (opts.jsonl) out(JSON.stringify({ file, error: oneLine(e), fields: {} }));
      err(`${file}: failed: ${oneLine(e)}`);
    }
  }
  return failed ? 1 : 0;
}

async function cmdText(file: string, opts: { json?: boolean }): Promise<number> {
  const [{ readFileChecked, readBuffer }, { renderText }, { sha256 }] = await Promise.all([import("./pipeline.js"), import("./extract/document.js"), import("./hash.js")]);
  try {
    const buf = await readFileChecked(file);
    const doc = await readBuffer(buf);
    if (opts.json) out(JSON.stringify({ file, sha256: sha256(buf), ...doc }, null, 2));
    else write(process.stdout, renderText(doc).text);
    for (const m of doc.messages) if (m.level !== "info") err(`${file}: ${m.level}: ${m.message}`);
    return 0;
  } catch (e) {
    err(`${file}: failed: ${oneLine(e)}`);
    return 1;
  }
}

interface ImportOpts {
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

function intOption(v: string | undefined, name: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} must be a whole number ≥ ${min}, got ${JSON.stringify(v)}`);
  return n;
}

/** At most this many reader threads per core: beyond it threads only add memory (each a V8 heap and MuPDF). */
export const WORKERS_PER_CORE = 4;

async function cmdImport(paths: string[], opts: ImportOpts): Promise<number> {
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
  const { importFiles } = await import("./importer.js");
  const download = opts.urls ? await import("./download.js") : undefined;
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
    const { isImported } = await import("./store/db.js");
    const results = await download.downloadAll(db, urlList.entries, { archive, timeoutMs: timeout ? timeout * 1000 : undefined, maxBytes, backoffMs: 200, force: opts.force, imported: (sha) => isImported(db!, sha) });
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
        { format: "{bar} {value}/{total} files | {rate} files/s | ETA {eta_formatted} | {failed} failed", stream: process.stderr, hideCursor: true, etaBuffer: 50 },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let failed = 0;
  bar?.start(files.length + missing.length + broken.length, 0, { rate: "0.0", failed: 0 });
  const line = (e: ImportEvent) => {
    if (e.status === "failed") failed++;
    if (bar) {
      const secs = (Date.now() - started) / 1000;
      bar.increment({ failed, rate: (bar.getProgress() * bar.getTotal() / Math.max(0.001, secs)).toFixed(1) });
      return;
    }
    // a downloaded file: one line for every URL it came from
    for (const url of sourceUrls.get(e.file) ?? [undefined]) {
      if (opts.json) out(JSON.stringify({ file: e.file, ...(url ? { url } : {}), status: e.status, ...(e.error ? { error: e.error } : {}) }));
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
  try {
    summary = await importFiles(db, files, { workers, timeoutMs: timeout ? timeout * 1000 : undefined, maxHeapMb, force: opts.force, onEvent: line, sourceUrls, maxBytes });
    await ensureViews(db);
  } catch (e) {
    bar?.stop();
    err(`${opts.db}: database error: ${dbReason(e)}`);
    return 2;
  } finally {
    (await import("./store/db.js")).closeDb(db);
  }
  bar?.stop();
  const secs = (Date.now() - started) / 1000;
  const counts = { imported: summary.imported, unchanged: summary.unchanged + urlUnchanged, failed: summary.failed + missing.length + broken.length + urlFailures.length };
  const total = counts.imported + counts.unchanged + counts.failed;
  const skipped =
    (links.length ? `; ${links.length} symbolic link${links.length > 1 ? "s" : ""} in folders not followed (--follow-links reads them)` : "") +
    (special.length ? `; ${special.length} FIFO${special.length > 1 ? "s" : ""}, device${special.length > 1 ? "s" : ""} or socket${special.length > 1 ? "s" : ""} skipped` : "");
  const text = `${total} files: ${counts.imported} imported, ${counts.unchanged} unchanged, ${counts.failed} failed (${secs.toFixed(1)} s)${skipped}`;
  const failures = [...[...missing, ...broken].map((m) => `${shownPath(m.file)}: ${m.error}`), ...urlFailures.map((f) => `${shownPath(f.file)}: ${f.error}`), ...summary.failures.map((f) => `${shownPath(f.file)}: ${f.error}`)];
  if (opts.json) err(text);
  else {
    out(text);
    for (const f of failures) out(`  failed: ${f}`);
  }
  return counts.failed ? 1 : 0;
}

async function writeAtomically(file: string, data: string): Promise<void> {
  if (file === "-") {
    process.stdout.write(data);
    return;
  }
  await writeFileAtomically(file, data);
}

/** jixiao serve: the review pages on http://HOST:PORT until interrupted. */
async function cmdServe(o: { db: string; port: string; host: string; readOnly?: boolean; user?: string; token?: string }): Promise<number> {
  const port = intOption(o.port, "--port", 0) ?? 8080;
  if (port > 65535) throw new UsageError("--port must be at most 65535");
  const loopback = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i.test(o.host);
  if (!loopback && !o.token) throw new UsageError(`--host ${o.host} lets other machines in: give --token SECRET too (every request must then carry it)`);
  if (o.token !== undefined && o.token.length < 12) throw new UsageError("--token must be at least 12 characters");
  const [{ CATALOG }, { createApp }, { serve }, store] = await Promise.all([import("./extract/catalog.js"), import("./serve/app.js"), import("@hono/node-server"), import("./store/db.js")]);
  let db: DB;
  try {
    db = store.openDb(o.db, { readonly: !!o.readOnly });
  } catch (e) {
    err(`${o.db}: cannot open database: ${dbReason(e)}`);
    return 2;
  }
  const { viewsCurrent, syncRecords } = await import("./store/views.js");
  if (!o.readOnly) await ensureViews(db);
  else if (!viewsCurrent(db, EXTRACTOR_VERSION)) {
    err(`${o.db}: made by another jixiao version; open it once for writing (jixiao serve without --read-only, or jixiao reextract) to make its views`);
    db.close();
    return 2;
  }
  // the list's stored rows brought up to date now rather than on the first page (≈ 2 s for 10,000 new documents)
  if (!o.readOnly) syncRecords(db);
  const app = createApp(db, { readOnly: o.readOnly, user: o.user ?? process.env.USER ?? userInfo().username, catalog: CATALOG, accessToken: o.token, dbDir: dirname(resolve(o.db)) });
  return new Promise<number>((resolveExit) => {
    const server = serve({ fetch: app.fetch, port, hostname: o.host }, (info) =>
      out(`jixiao serves ${o.db} on http://${o.host.includes(":") ? `[${o.host}]` : o.host}:${info.port}/${o.token ? `?token=${encodeURIComponent(o.token)}` : ""}${o.readOnly ? " (read-only)" : ""}`),
    );
    server.on("error", (e: NodeJS.ErrnoException) => {
      err(`${o.host}:${port}: cannot listen: ${e.code === "EADDRINUSE" ? "the port is in use" : oneLine(e)}`);
      db.close();
      resolveExit(2);
    });
    const stop = () => {
      server.close();
      if (o.readOnly) db.close();
      else store.closeDb(db);
      resolveExit(0);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

interface ReviewOpts {
  db: string;
  set?: string;
  accept?: boolean;
  reject?: boolean;
  undo?: boolean;
  note?: string;
  reviewer?: string;
  exportGold?: string;
}

/**
 * jixiao review DOC FIELD --set VALUE | --accept | --reject | --undo [--note TEXT]: a reviewer's
 * verdict on one value, kept apart from extraction (never overwritten by import --force,
 * reextract or a new extractor); jixiao review --export-gold FILE: every reviewed value as gold JSONL.
 */
async function cmdReview(doc: string | undefined, field: string | undefined, o: ReviewOpts): Promise<number> {
  const [{ CATALOG }, corrections, query, store] = await Promise.all([import("./extract/catalog.js"), import("./store/corrections.js"), import("./store/query.js"), import("./store/db.js")]);
  if (o.exportGold) {
    if (doc || field || o.set !== undefined || o.accept || o.reject || o.undo) throw new UsageError("--export-gold takes no document, field or verdict");
    const gold = o.exportGold;
    return withDb(o.db, "read", async (db) => {
      const bySha = new Map<string, Record<string, unknown>>();
      for (const c of corrections.allCurrentCorrections(db)) {
        const d = db.prepare("SELECT id, file_name FROM documents WHERE sha256 = ?").get(c.sha256) as { id: number; file_name: string } | undefined;
        if (!d) continue;
        const line = bySha.get(c.sha256) ?? { file: d.file_name };
        const v = store.documentFields(db, d.id).get(c.field);
        line[c.field] = v ? (v.exact !== null && v.exact !== undefined ? Number(v.exact) : v.value) : null;
        bySha.set(c.sha256, line);
      }
      await writeAtomically(gold, [...bySha.values()].map((l) => JSON.stringify(l) + "\n").join(""));
      if (gold !== "-") err(`wrote ${bySha.size} documents' reviewed values to ${resolve(gold)}`);
      return 0;
    });
  }
  if (!doc || !field) throw new UsageError("give a document and a field: jixiao review DOC FIELD --set VALUE | --accept | --reject | --undo");
  const def = CATALOG.find((d) => d.name === field);
  if (!def) throw new UsageError(`no field named ${JSON.stringify(field)} (see the README's field table)`);
  const verdicts = [o.set !== undefined, !!o.accept, !!o.reject, !!o.undo].filter(Boolean).length;
  if (verdicts !== 1) throw new UsageError("give exactly one of --set VALUE, --accept, --reject, --undo");
  let value: import("./normalize/typed.js").TypedValue | undefined;
  if (o.set !== undefined) {
    const { normalizeTyped, TypedValueError } = await import("./normalize/typed.js");
    try {
      value = normalizeTyped(def.kind, o.set);
    } catch (e) {
      if (e instanceof TypedValueError) throw new UsageError(`${field}: ${e.message}`);
      throw e;
    }
  }
  return withDb(o.db, "write", async (db) => {
    const found = query.findDocument(db, doc);
    if ("error" in found) {
      err(`${o.db}: ${found.error}`);
      return 1;
    }
    const { sha256: sha, file_name: name } = db.prepare("SELECT sha256, file_name FROM documents WHERE id = ?").get(found.id) as { sha256: string; file_name: string };
    const before = store.documentFields(db, found.id).get(field);
    const old = before ? before.value : null;
    if (o.undo) {
      if (!corrections.undoCorrection(db, sha, field)) {
        err(`${shownPath(name)}: ${field} has no review to undo`);
        return 1;
      }
    } else {
      const action = o.set !== undefined ? "set" : o.accept ? "accept" : "reject";
      const reviewer = o.reviewer ?? process.env.USER ?? userInfo().username;
      corrections.addCorrection(db, { sha256: sha, field, action, old, value, note: o.note, reviewer });
    }
    const after = store.documentFields(db, found.id).get(field);
    const verdict = o.undo ? "undone" : o.set !== undefined ? "corrected" : o.accept ? "accepted" : "rejected";
    out(`${verdict.padEnd(9)} ${shownPath(name)} ${field}: ${visible(fmtValue(old))} → ${visible(fmtValue(after ? after.value : null))}`);
    await ensureViews(db);
    return 0;
  });
}

async function cmdExport(opts: { db: string; csv?: string; jsonl?: string; indicators?: string; lang: "en" | "zh" }): Promise<number> {
  if (!opts.csv && !opts.jsonl && !opts.indicators) throw new UsageError("give at least one of --csv, --jsonl, --indicators");
  const [{ exportCsv, exportIndicatorsCsv }, { documentJson }, { listDocuments }, { CATALOG, FIELD_NAMES }] = await Promise.all([
    import("./store/csv.js"),
    import("./store/query.js"),
    import("./store/db.js"),
    import("./extract/catalog.js"),
  ]);
  return withDb(opts.db, "read", async (db) => {
    const n = listDocuments(db).length;
    if (opts.csv) {
      await writeAtomically(opts.csv, exportCsv(db, CATALOG, { lang: opts.lang }));
      if (opts.csv !== "-") err(`wrote ${n} rows to ${resolve(opts.csv)}`);
    }
    if (opts.jsonl) {
      const lines = listDocuments(db).map((d) => JSON.stringify(documentJson(db, d.id, FIELD_NAMES)));
      await writeAtomically(opts.jsonl, lines.join("\n") + (lines.length ? "\n" : ""));
      if (opts.jsonl !== "-") err(`wrote ${lines.length} documents to ${resolve(opts.jsonl)}`);
    }
    if (opts.indicators) {
      const csv = exportIndicatorsCsv(db, { lang: opts.lang });
      await writeAtomically(opts.indicators, csv);
      if (opts.indicators !== "-") err(`wrote score-table rows to ${resolve(opts.indicators)}`);
    }
    return 0;
  });
}

/**
 * The `records`, `score_rows` and `current_values` views, made from the catalog when this version has
 * not made them yet (the catalog is loaded only then: an unchanged re-import does not pay for it).
 */
async function ensureViews(db: DB): Promise<void> {
  const { createViews, viewsCurrent } = await import("./store/views.js");
  if (viewsCurrent(db, EXTRACTOR_VERSION)) return;
  const { CATALOG } = await import("./extract/catalog.js");
  createViews(db, CATALOG, EXTRACTOR_VERSION);
}

/**
 * Opens the database (read-only, or for writing), runs `fn`, closes it (a writer leaves the file
 * readable without write access); an open failure or a database error is one line naming the file,
 * exit code 2. Usage errors go on up.
 */
async function withDb(file: string, mode: "read" | "write", fn: (db: DB) => Promise<number> | number): Promise<number> {
  const store = await import("./store/db.js");
  let db: DB;
  try {
    db = store.openDb(file, { readonly: mode === "read" });
  } catch (e) {
    err(`${file}: cannot open database: ${dbReason(e)}`);
    return 2;
  }
  try {
    return await fn(db);
  } catch (e) {
    return databaseError(file, e);
  } finally {
    if (mode === "write") store.closeDb(db);
    else db.close();
  }
}

/** What went wrong with a database, in one line: a lock held past the busy timeout said in words. */
const dbReason = (e: unknown) => (/SQLITE_BUSY|database is locked/i.test(String(e)) ? "database is busy (another program is writing to it); try again later" : oneLine(e));

/** A database error in a read command: one line naming the database file, exit code 2 (usage errors go on up). */
function databaseError(file: string, e: unknown): number {
  if (e instanceof UsageError || (e as Error)?.name !== "SqliteError") throw e;
  err(`${file}: database error: ${dbReason(e)}`);
  return 2;
}


function printTable(cols: string[], rows: string[][]): void {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = cols.map((c, i) => Math.min(40, Math.max(width(c), ...rows.map((r) => width(visible(r[i] ?? ""))))));
  const pad = (s: string, w: number) => {
    let t = s;
    while (width(t) > w) t = t.slice(0, -1);
    return t + " ".repeat(w - width(t));
  };
  out(cols.map((c, i) => pad(c, widths[i])).join("  "));
  out(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) out(r.map((c, i) => pad(visible(c ?? ""), widths[i])).join("  "));
}

interface QueryOpts {
  db: string;
  year?: string;
  province?: string;
  unitLike?: string;
  grade?: string;
  minScore?: string;
  maxScore?: string;
  flag?: string;
  kind?: string;
  format: "table" | "csv" | "jsonl";
}

function numOption(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`${name} must be a number, got ${JSON.stringify(v)}`);
  return n;
}

async function cmdQuery(o: QueryOpts): Promise<number> {
  const filters = {
    year: intOption(o.year, "--year", 1900),
    province: o.province,
    unitLike: o.unitLike,
    grade: o.grade,
    minScore: numOption(o.minScore, "--min-score"),
    maxScore: numOption(o.maxScore, "--max-score"),
    flag: o.flag,
    kind: o.kind,
  };
  const [{ documentJson, queryDocuments }, { CATALOG, FIELD_NAMES }, { csvText }] = await Promise.all([import("./store/query.js"), import("./extract/catalog.js"), import("./store/csv.js")]);
  return withDb(o.db, "read", async (db) => {
    const rows = queryDocuments(db, filters);
    if (o.format === "jsonl") for (const r of rows) out(JSON.stringify(documentJson(db, r.id, FIELD_NAMES)));
    else if (o.format === "csv") {
      const cols = ["file", "path", "sha256", ...CATALOG.map((f) => f.name)];
      process.stdout.write(csvText(cols, rows.map((r) => cols.map((c) => r[c]))));
    } else {
      const cols = ["id", "file", "unit_name", "fiscal_year", "self_score", "grade", "expenditure_total"];
      printTable(cols, rows.map((r) => cols.map((c) => fmtValue(r[c] ?? null))));
      out(`${rows.length} documents`);
    }
    return 0;
  });
}

async function cmdShow(ref: string, o: { db: string; json?: boolean }): Promise<number> {
  const [{ documentJson, findDocument }, { CATALOG, FIELD_NAMES }] = await Promise.all([import("./store/query.js"), import("./extract/catalog.js")]);
  return withDb(o.db, "read", async (db) => {
    const found = findDocument(db, ref);
    if ("error" in found) {
      err(`jixiao show: ${found.error}`);
      return 1;
    }
    const d = documentJson(db, found.id, FIELD_NAMES);
    if (o.json) {
      out(JSON.stringify(d, null, 2));
      return 0;
    }
    out(`${shownPath(d.path)}  (${d.format}, ${d.pages ?? "?"} pages, ${d.document_kind}, sha256 ${d.sha256.slice(0, 12)}…)`);
    for (const u of d.source_urls.length ? d.source_urls : d.source_url ? [d.source_url] : []) out(`source: ${u}`);
    for (const def of CATALOG) {
      const f = d.fields[def.name] as { value: unknown; raw: string; evidence: { page: number | null; section: string; text: string } } | null;
      if (!f) {
        out(`  ${def.name.padEnd(20)} —`);
        continue;
      }
      out(`  ${def.name.padEnd(20)} ${fmtValue(f.value)}    ${JSON.stringify(f.raw)}${f.evidence.page ? ` p.${f.evidence.page}` : ""}${f.evidence.section ? ` [${f.evidence.section}]` : ""}`);
      out(`  ${" ".repeat(20)} “${f.evidence.text.replace(/\s+/g, " ").slice(0, 160)}”`);
    }
    for (const fl of d.flags) out(`  ! ${fl.code}: ${fl.message}`);
    if (d.indicators.length) out(`  score table: ${d.indicators.length} rows (jixiao export --indicators)`);
    return 0;
  });
}

async function cmdSearch(query: string, o: { db: string; limit: string; json?: boolean }): Promise<number> {
  const { countMatches, search } = await import("./store/search.js");
  return withDb(o.db, "read", async (db) => {
    const hits = search(db, query, intOption(o.limit, "--limit", 1) ?? 20);
    for (const h of hits) {
      if (o.json) out(JSON.stringify(h));
      else out(`${h.id}\t${shownPath(h.file)}\t${visible(h.unit_name ?? "?")} ${h.fiscal_year ?? ""}\n    ${visible(h.snippet)}`);
    }
    if (!o.json) {
      const total = countMatches(db, query);
      out(total > hits.length ? `${total} documents match; the first ${hits.length} shown (--limit for more)` : `${total} documents`);
    }
    return 0;
  });
}

async function cmdReextract(o: { db: string; all?: boolean }): Promise<number> {
  const { reextract } = await import("./reextract.js");
  return withDb(o.db, "write", async (db) => {
    const r = reextract(db, { all: o.all, onDoc: (file, status, why) => out(`${status.padEnd(11)} ${shownPath(file)}${why ? `: ${why}` : ""}`) });
    await ensureViews(db);
    out(`${r.reextracted} re-extracted, ${r.skipped} skipped (extractor ${EXTRACTOR_VERSION})`);
    return r.skipped ? 1 : 0;
  });
}

async function cmdList(opts: { db: string }): Promise<number> {
  const { documentFields, listDocuments } = await import("./store/db.js");
  return withDb(opts.db, "read", async (db) => {
    const docs = listDocuments(db, { includeFailed: true });
    // a file name that occurs twice is shown with its folder
    const seen = new Map<string, number>();
    for (const d of docs) seen.set(d.file_name, (seen.get(d.file_name) ?? 0) + 1);
    const label = (d: (typeof docs)[number]) => (seen.get(d.file_name)! > 1 ? d.path.split(/[\\/]/).slice(-2).join("/") : d.file_name);
    const rows = docs.map((d) => {
      if (d.status !== "ok") return [label(d), `failed: ${d.error ?? ""}`, "", "", "", ""];
      const f = documentFields(db, d.id);
      const v = (n: string) => fmtValue(f.get(n)?.value ?? null);
      return [label(d), v("unit_name"), v("fiscal_year"), v("self_score"), v("grade"), v("expenditure_total")];
    });
    printTable(["file", "unit_name", "fiscal_year", "self_score", "grade", "expenditure_total"], rows);
    out(`${docs.length} documents in ${opts.db}`);
    return 0;
  });
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name("jixiao")
    .description("Read Chinese government performance self-evaluation reports (绩效自评报告) into structured records with evidence.")
    .version(`${PACKAGE_VERSION} (extractor ${EXTRACTOR_VERSION})`)
    .showHelpAfterError()
    .exitOverride();
  program
    .command("extract")
    .description("extract fields from report files and print one record per document")
    .argument("<files...>", "report files (.txt .docx .pdf .doc .html), detected by content")
    .option("--jsonl", "one JSON object per line: {file, sha256, format, fields, flags, indicators}")
    .option("--explain [field]", "list every candidate of every field (or one field): its source, rule and score, the one chosen, and the matches guards rejected")
    .action(async (files: string[], o) => setExit(await cmdExtract(files, o)));
  program
    .command("text")
    .description("print the clean text of a report as jixiao reads it (evidence offsets point into it)")
    .argument("<file>", "report file")
    .option("--json", "print the block model (paragraphs, tables, pages) as JSON")
    .action(async (file: string, o) => setExit(await cmdText(file, o)));
  program
    .command("import")
    .description("read files or folders (recursively), or downloads, into a SQLite database; unchanged files are skipped")
    .argument("[paths...]", "files or folders")
    .requiredOption("--db <file>", "SQLite database file (created if missing)")
    .option("--urls <list>", "also download the URLs in this file (one per line, optional tab-separated metadata)")
    .option("--archive <dir>", "where downloads are kept, by content hash (default: jixiao-archive beside the database)")
    .option("--json", "one JSON object per file: {file, status, error?}")
    .option("--force", "re-read files even when their content is already stored")
    .option("--workers <n>", "parallel reader threads (default: the number of cores; at most 4 per core)")
    .option("--timeout <seconds>", "give up on a file (or a download) after this long (default 120; downloads 30)")
    .option("--max-mb <n>", "refuse files and downloads larger than this (default 200 MB for files, 100 MB for downloads)")
    .option("--busy-timeout <seconds>", "how long a write waits for another program's lock on the database before the import stops (default 10)")
    .option("--max-heap-mb <n>", "memory limit of each reader thread's heap (default 1024); a file that needs more fails alone")
    .option("--follow-links", "inside folders, also read what symbolic links point to (each folder once)")
    .option("--no-progress", "no progress bar even on a terminal")
    .action(async (paths: string[], o: ImportOpts) => setExit(await cmdImport(paths, o)));
  program
    .command("export")
    .description("write the documents as CSV (one row each, UTF-8 with BOM, for Excel), JSONL with evidence, or the score-table rows as CSV")
    .requiredOption("--db <file>", "SQLite database file")
    .option("--csv <file>", "one row per document; - for standard output")
    .option("--jsonl <file>", "one JSON object per document with every value's evidence")
    .option("--indicators <file>", "the score-table (自评表) rows as CSV")
    .addOption(new Option("--lang <lang>", "column headers").choices(["en", "zh"]).default("en"))
    .action(async (o) => setExit(await cmdExport(o)));
  program
    .command("query")
    .description("documents matching filters")
    .requiredOption("--db <file>", "SQLite database file")
    .option("--year <year>", "fiscal year")
    .option("--province <name>", "province (or municipality), e.g. 广东 or 上海市")
    .option("--unit-like <text>", "unit name contains")
    .option("--grade <grade>", "优, 良, 中 or 差")
    .option("--min-score <n>", "self-evaluation score at least")
    .option("--max-score <n>", "self-evaluation score at most")
    .option("--flag <code>", "has a flag with this code, e.g. unit_corrected")
    .option("--kind <kind>", "document kind: 自评报告, 决算, 预算, 其他")
    .addOption(new Option("--format <format>", "output").choices(["table", "csv", "jsonl"]).default("table"))
    .action(async (o: QueryOpts) => setExit(await cmdQuery(o)));
  program
    .command("show")
    .description("one document's fields with their evidence")
    .argument("<doc>", "id, SHA-256 (prefix of 8+), path or file name")
    .requiredOption("--db <file>", "SQLite database file")
    .option("--json", "as JSON")
    .action(async (ref: string, o) => setExit(await cmdShow(ref, o)));
  program
    .command("search")
    .description("full-text search of the report texts (Chinese words, two characters and up)")
    .argument("<query>", "words, e.g. \"三公经费 超支\"")
    .requiredOption("--db <file>", "SQLite database file")
    .option("--limit <n>", "at most this many documents", "20")
    .option("--json", "one JSON object per hit")
    .action(async (q: string, o) => setExit(await cmdSearch(q, o)));
  program
    .command("reextract")
    .description("re-run extraction on stored documents read by another extractor version (no files needed)")
    .requiredOption("--db <file>", "SQLite database file")
    .option("--all", "every document, whatever its extractor version")
    .action(async (o) => setExit(await cmdReextract(o)));
  program
    .command("serve")
    .description("the review pages in a browser: documents with filters, each value beside its evidence, accept/correct/reject")
    .requiredOption("--db <file>", "SQLite database file")
    .option("--port <n>", "TCP port (0: any free one)", "8080")
    .option("--host <address>", "address to listen on (only this machine by default)", "127.0.0.1")
    .option("--read-only", "show, but take no reviews (the database is opened read-only)")
    .option("--user <name>", "the reviewer's name recorded with each review (default: the user's name)")
    .option("--token <secret>", "an access token every request must carry (required with a --host other than this machine's loopback)")
    .action(async (o) => setExit(await cmdServe(o)));
  program
    .command("review")
    .description("accept, correct or reject one extracted value (kept apart from extraction, never overwritten), or export every reviewed value as gold JSONL")
    .argument("[doc]", "document: id, SHA-256 prefix, path or file name")
    .argument("[field]", "field name (see the field table)")
    .requiredOption("--db <file>", "SQLite database file")
    .option("--set <value>", "the right value, as written in a report (1,956.58万元, 96.8%, 2024年3月1日, 优秀): normalised like an extracted one")
    .option("--accept", "the extracted value is right")
    .option("--reject", "there is no such value in the report: no value")
    .option("--undo", "take back the latest review of the field")
    .option("--note <text>", "why")
    .option("--reviewer <name>", "who (default: the user's name)")
    .option("--export-gold <file>", "write every reviewed value as gold JSONL for ../shared/eval/score.mjs (- for standard output)")
    .action(async (doc: string | undefined, field: string | undefined, o: ReviewOpts) => setExit(await cmdReview(doc, field, o)));
  program
    .command("list")
    .description("print a summary table of the documents in a database")
    .requiredOption("--db <file>", "SQLite database file")
    .action(async (o) => setExit(await cmdList(o)));
  return program;
}

export async function main(argv: string[]): Promise<number> {
  // `jixiao … | head`: a closed pipe ends the output quietly
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
  let code = 0;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return 0;
      return 2;
    }
    if (e instanceof UsageError) {
      err(`jixiao: ${e.message}`);
      return 2;
    }
    err(`jixiao: ${oneLine(e)}`);
    return 2;
  }
  return code;
}

// run when executed directly (also through the npm bin symlink), not when imported by tests
function isMain(): boolean {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}
if (isMain()) {
  main(process.argv).then((code) => {
    process.exitCode = code;
    // for tests and benchmarks
    if (process.env.JIXIAO_REPORT_RSS) {
      // peak resident memory and CPU time of the whole process (all threads)
      const u = process.resourceUsage();
      process.stderr.write(`maxrss_kb=${u.maxRSS} cpu_ms=${Math.round((u.userCPUTime + u.systemCPUTime) / 1000)}\n`);
    }
  });
}
