/** jixiao review and jixiao serve: checking values, by command and in a browser. */
import { hostname, networkInterfaces, userInfo } from "node:os";
import { dirname, resolve } from "node:path";
import { oneLine, UsageError } from "../errors.js";
import type { DB } from "../store/db.js";
import { EXTRACTOR_VERSION } from "../version.js";
import { dbReason, ensureViews, intOption, withDb, writeAtomically } from "./common.js";
import { err, fmtValue, out, shownPath, visible } from "./output.js";

/** How long requests in flight may take to finish once the server is told to stop. */
const SHUTDOWN_GRACE_MS = 10_000;

/** jixiao serve: the review pages on http://HOST:PORT until interrupted. */
export async function cmdServe(o: {
  db: string;
  port: string;
  host: string;
  readOnly?: boolean;
  user?: string;
  token?: string;
}): Promise<number> {
  const port = intOption(o.port, "--port", 0) ?? 8080;
  if (port > 65535) throw new UsageError("--port must be at most 65535");
  const loopback = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i.test(o.host);
  if (!loopback && !o.token)
    throw new UsageError(`--host ${o.host} lets other machines in: give --token SECRET too (every request must then carry it)`);
  if (o.token !== undefined && (o.token.length < 12 || /[\s\u0000-\u001f\u007f]/.test(o.token)))
    throw new UsageError("--token must be at least 12 characters, without spaces or control characters");
  const [{ CATALOG }, { createApp }, { serve }, store] = await Promise.all([
    import("../extract/catalog.js"),
    import("../serve/app.js"),
    import("@hono/node-server"),
    import("../store/db.js"),
  ]);
  let db: DB;
  try {
    db = store.openDb(o.db, { readonly: !!o.readOnly, mustExist: true, rollbackJournal: true });
  } catch (e) {
    err(`${o.db}: cannot open database: ${dbReason(e)}`);
    return 2;
  }
  const { viewsCurrent, syncRecords } = await import("../store/views.js");
  if (!o.readOnly) await ensureViews(db);
  else if (!viewsCurrent(db, EXTRACTOR_VERSION)) {
    err(
      `${o.db}: made by another jixiao version; open it once for writing (jixiao serve without --read-only, or jixiao reextract) to make its views`,
    );
    db.close();
    return 2;
  }
  // the list's stored rows brought up to date now rather than on the first page (≈ 2 s for 10,000 new documents)
  if (!o.readOnly) syncRecords(db);
  const app = createApp(db, {
    readOnly: o.readOnly,
    user: o.user ?? process.env.USER ?? userInfo().username,
    catalog: CATALOG,
    accessToken: o.token,
    dbDir: dirname(resolve(o.db)),
    names: serverNames(o.host),
    port: () => listening,
  });
  let listening = 0;
  return new Promise<number>((resolveExit) => {
    const server = serve({ fetch: app.fetch, port, hostname: o.host }, (info) => {
      listening = info.port;
      out(
        `jixiao serves ${o.db} on http://${o.host.includes(":") ? `[${o.host}]` : o.host}:${info.port}/${o.token ? `?token=${encodeURIComponent(o.token)}` : ""}${o.readOnly ? " (read-only)" : ""}`,
      );
    });
    server.on("error", (e: NodeJS.ErrnoException) => {
      err(`${o.host}:${port}: cannot listen: ${e.code === "EADDRINUSE" ? "the port is in use" : oneLine(e)}`);
      db.close();
      resolveExit(2);
    });
    // on SIGTERM/SIGINT: no new connections; the requests in flight finish (a review being received is
    // stored and answered), for SHUTDOWN_GRACE_MS at most; then the database is closed
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      const force = setTimeout(() => (server as import("node:http").Server).closeAllConnections?.(), SHUTDOWN_GRACE_MS);
      server.close(() => {
        clearTimeout(force);
        if (o.readOnly) db.close();
        else store.closeDb(db);
        resolveExit(0);
      });
      (server as import("node:http").Server).closeIdleConnections?.();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

/**
 * The host names a server on `host` answers to (as a Host header writes them, without the port): the
 * loopback names for a loopback address, the address itself otherwise, and for a wildcard address
 * (0.0.0.0, ::) also this machine's name and addresses. Any other name is refused (DNS rebinding).
 */
export function serverNames(host: string): string[] {
  const bracket = (a: string) => (a.includes(":") ? `[${a}]` : a);
  const names = new Set<string>([bracket(host.toLowerCase())]);
  const loopback = ["127.0.0.1", "localhost", "[::1]"];
  if (/^(127\.\d+\.\d+\.\d+|::1|localhost)$/i.test(host)) for (const n of loopback) names.add(n);
  if (host === "0.0.0.0" || host === "::") {
    for (const n of loopback) names.add(n);
    names.add(hostname().toLowerCase());
    for (const addrs of Object.values(networkInterfaces())) for (const a of addrs ?? []) names.add(bracket(a.address.toLowerCase()));
  }
  return [...names];
}

export interface ReviewOpts {
  db: string;
  set?: string;
  accept?: boolean;
  reject?: boolean;
  undo?: boolean;
  note?: string;
  reviewer?: string;
  exportGold?: string;
  orphans?: boolean;
}

/**
 * jixiao review DOC FIELD --set VALUE | --accept | --reject | --undo [--note TEXT]: a reviewer's
 * verdict on one value, kept apart from extraction (never overwritten by import --force,
 * reextract or a new extractor); jixiao review --export-gold FILE: every reviewed value as gold JSONL.
 */
export async function cmdReview(doc: string | undefined, field: string | undefined, o: ReviewOpts): Promise<number> {
  const [{ CATALOG }, corrections, query, store] = await Promise.all([
    import("../extract/catalog.js"),
    import("../store/corrections.js"),
    import("../store/query.js"),
    import("../store/db.js"),
  ]);
  if (o.orphans) {
    if (doc || field || o.set !== undefined || o.accept || o.reject || o.undo || o.exportGold)
      throw new UsageError("--orphans takes no document, field or verdict");
    return withDb(o.db, "read", (db) => {
      const rows = corrections.orphanCorrections(db);
      for (const c of rows) {
        const value = c.action === "set" ? (c.value_text ?? c.value_num) : c.old_value === null ? null : JSON.parse(c.old_value);
        out(
          `${c.sha256.slice(0, 12)}  ${c.field}  ${c.action} ${visible(fmtValue(value))}  by ${visible(c.reviewer ?? "?")} ${c.at}${c.note ? `  “${visible(c.note)}”` : ""}`,
        );
      }
      out(`${rows.length} review${rows.length === 1 ? "" : "s"} of versions no longer in the database`);
      return 0;
    });
  }
  if (o.exportGold) {
    if (doc || field || o.set !== undefined || o.accept || o.reject || o.undo)
      throw new UsageError("--export-gold takes no document, field or verdict");
    const gold = o.exportGold;
    return withDb(o.db, "read", async (db) => {
      const bySha = new Map<string, Record<string, unknown>>();
      for (const c of corrections.allCurrentCorrections(db)) {
        const d = db.prepare("SELECT id, file_name FROM documents WHERE sha256 = ?").get(c.sha256) as
          | { id: number; file_name: string }
          | undefined;
        if (!d) continue;
        const line = bySha.get(c.sha256) ?? { file: d.file_name };
        const v = store.documentFields(db, d.id).get(c.field);
        line[c.field] = v ? (v.exact !== null && v.exact !== undefined ? Number(v.exact) : v.value) : null;
        bySha.set(c.sha256, line);
      }
      await writeAtomically(gold, [...bySha.values()].map((l) => `${JSON.stringify(l)}\n`).join(""));
      if (gold !== "-") err(`wrote ${bySha.size} documents' reviewed values to ${resolve(gold)}`);
      return 0;
    });
  }
  if (!doc || !field)
    throw new UsageError("give a document and a field: jixiao review DOC FIELD --set VALUE | --accept | --reject | --undo");
  const def = CATALOG.find((d) => d.name === field);
  if (!def) throw new UsageError(`no field named ${JSON.stringify(field)} (see the README's field table)`);
  const verdicts = [o.set !== undefined, !!o.accept, !!o.reject, !!o.undo].filter(Boolean).length;
  if (verdicts !== 1) throw new UsageError("give exactly one of --set VALUE, --accept, --reject, --undo");
  let value: import("../normalize/typed.js").TypedValue | undefined;
  let note: string | undefined;
  const { checkNote, normalizeTyped, TypedValueError } = await import("../normalize/typed.js");
  try {
    if (o.set !== undefined) value = normalizeTyped(def.kind, o.set, def.accepts);
    note = checkNote(o.note);
  } catch (e) {
    if (e instanceof TypedValueError) throw new UsageError(`${field}: ${e.message}`);
    throw e;
  }
  const reviewer = o.reviewer ?? process.env.USER ?? userInfo().username;
  return withDb(o.db, "write", async (db) => {
    const found = query.findDocument(db, doc);
    if ("error" in found) {
      err(`${o.db}: ${found.error}`);
      return 1;
    }
    const { sha256: sha, file_name: name } = db.prepare("SELECT sha256, file_name FROM documents WHERE id = ?").get(found.id) as {
      sha256: string;
      file_name: string;
    };
    const before = store.documentFields(db, found.id).get(field);
    const old = before ? before.value : null;
    if (o.undo) {
      if (!corrections.undoCorrection(db, sha, field, reviewer)) {
        err(`${shownPath(name)}: ${field} has no review to undo`);
        return 1;
      }
    } else {
      const action = o.set !== undefined ? "set" : o.accept ? "accept" : "reject";
      corrections.addCorrection(db, { sha256: sha, field, action, old, value, note, reviewer });
    }
    const after = store.documentFields(db, found.id).get(field);
    const verdict = o.undo ? "undone" : o.set !== undefined ? "corrected" : o.accept ? "accepted" : "rejected";
    out(`${verdict.padEnd(9)} ${shownPath(name)} ${field}: ${visible(fmtValue(old))} → ${visible(fmtValue(after ? after.value : null))}`);
    await ensureViews(db);
    return 0;
  });
}
