/** What every command needs: options parsed, the database opened and closed, files written whole. */
import { oneLine, UsageError } from "../errors.js";
import { writeFileAtomically } from "../files.js";
import type { DB } from "../store/db.js";
import { EXTRACTOR_VERSION } from "../version.js";
import { err } from "./output.js";

/** The store, loaded when a command first opens a database. */
export const openDb = async (file: string, opts?: { readonly?: boolean; busyTimeoutMs?: number }): Promise<DB> =>
  (await import("../store/db.js")).openDb(file, opts);

export function intOption(v: string | undefined, name: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} must be a whole number ≥ ${min}, got ${JSON.stringify(v)}`);
  return n;
}

export function numOption(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`${name} must be a number, got ${JSON.stringify(v)}`);
  return n;
}

export async function writeAtomically(file: string, data: string): Promise<void> {
  if (file === "-") {
    process.stdout.write(data);
    return;
  }
  await writeFileAtomically(file, data);
}

/**
 * The `records`, `score_rows` and `current_values` views, made from the catalog when this version has
 * not made them yet (the catalog is loaded only then: an unchanged re-import does not pay for it).
 */
export async function ensureViews(db: DB): Promise<void> {
  const { createViews, viewsCurrent } = await import("../store/views.js");
  if (viewsCurrent(db, EXTRACTOR_VERSION)) return;
  const { CATALOG } = await import("../extract/catalog.js");
  createViews(db, CATALOG, EXTRACTOR_VERSION);
}

/**
 * Opens the database (read-only, or for writing), runs `fn`, closes it (a writer leaves the file
 * readable without write access); an open failure or a database error is one line naming the file,
 * exit code 2. Usage errors go on up.
 */
export async function withDb(file: string, mode: "read" | "write", fn: (db: DB) => Promise<number> | number): Promise<number> {
  const store = await import("../store/db.js");
  let db: DB;
  try {
    db = store.openDb(file, { readonly: mode === "read", mustExist: true });
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
export const dbReason = (e: unknown) =>
  /SQLITE_BUSY|database is locked/i.test(String(e)) ? "database is busy (another program is writing to it); try again later" : oneLine(e);

/** A database error in a read command: one line naming the database file, exit code 2 (usage errors go on up). */
export function databaseError(file: string, e: unknown): number {
  if (e instanceof UsageError || (e as Error)?.name !== "SqliteError") throw e;
  err(`${file}: database error: ${dbReason(e)}`);
  return 2;
}
