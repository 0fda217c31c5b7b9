/** What the `downloads` table remembers of each URL: its validators (ETag, Last-Modified) and what it last gave. */

import type { DB } from "./db.js";
import { stmt } from "./stmt.js";

export const DOWNLOADS_SCHEMA = `
CREATE TABLE IF NOT EXISTS downloads (
  url TEXT PRIMARY KEY,
  etag TEXT,
  last_modified TEXT,
  sha256 TEXT,
  file TEXT,
  meta TEXT,
  fetched_at TEXT NOT NULL,
  http_status INTEGER
);`;

export interface KnownDownload {
  etag: string | null;
  last_modified: string | null;
  sha256: string | null;
  file: string | null;
}

export function knownDownload(db: DB, url: string): KnownDownload | undefined {
  return stmt(db, "SELECT etag, last_modified, sha256, file FROM downloads WHERE url = ?").get(url) as KnownDownload | undefined;
}

/** Records a fetch; a 304 (no sha256 or file) keeps what the URL gave before. */
export function recordDownload(db: DB, d: KnownDownload & { url: string; meta: string; fetched_at: string; http_status: number }): void {
  stmt(
    db,
    `INSERT INTO downloads (url, etag, last_modified, sha256, file, meta, fetched_at, http_status) VALUES (@url, @etag, @last_modified, @sha256, @file, @meta, @fetched_at, @http_status)
     ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, sha256 = COALESCE(excluded.sha256, sha256), file = COALESCE(excluded.file, file), meta = excluded.meta, fetched_at = excluded.fetched_at, http_status = excluded.http_status`,
  ).run(d);
}
