/**
 * Ingest from URLs: bounded concurrency, a time limit per request, retries with exponential backoff
 * (network errors, 408, 429, 5xx), a size limit checked while streaming, and conditional GET
 * (If-None-Match / If-Modified-Since) on re-runs. Downloads are kept in a content-addressed archive
 * (<archive>/<sha[0:2]>/<sha>.<ext>), so the same bytes are stored once.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import pLimit from "p-limit";
import { oneLine } from "./errors.js";
import { detectFormat } from "./extract/detect.js";
import { writeFileAtomically } from "./files.js";
import { sha256 } from "./hash.js";
import type { DB } from "./store/db.js";
import { knownDownload, recordDownload } from "./store/downloads.js";

export interface UrlEntry {
  url: string;
  /** tab-separated fields after the URL */
  meta: string[];
  line: number;
}

/** Parses a URL list: one URL per line, optional tab-separated metadata, # comments. */
export function parseUrlList(text: string): { entries: UrlEntry[]; errors: string[] } {
  const entries: UrlEntry[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const [url, ...meta] = raw.split("\t").map((s) => s.trim());
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      errors.push(`line ${i + 1}: not a URL: ${JSON.stringify(url.slice(0, 100))}`);
      return;
    }
    if (u.protocol !== "http:" && u.protocol !== "https:") {
      errors.push(`line ${i + 1}: only http and https URLs are fetched: ${u.protocol}`);
      return;
    }
    entries.push({ url: u.href, meta, line: i + 1 });
  });
  return { entries, errors };
}

export interface DownloadOptions {
  archive: string;
  concurrency?: number;
  timeoutMs?: number;
  retries?: number;
  maxBytes?: number;
  /** first backoff delay; doubles each retry */
  backoffMs?: number;
  /** fetch every URL whole, without conditional headers (import --force) */
  force?: boolean;
  /** whether bytes of this hash were imported without failure: a URL whose last import failed is fetched whole again */
  imported?: (sha256: string) => boolean;
}

export type DownloadResult =
  | { url: string; status: "downloaded"; file: string; sha256: string; bytes: number; meta: string[] }
  | { url: string; status: "not_modified"; file: string | null; sha256: string | null; meta: string[] }
  | { url: string; status: "failed"; error: string; meta: string[] };

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const EXT: Record<string, string> = { pdf: "pdf", docx: "docx", doc: "doc", html: "html", txt: "txt" };

async function fetchOnce(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
  maxBytes: number,
): Promise<{ status: number; body: Buffer | null; etag: string | null; lastModified: string | null }> {
  const res = await fetch(url, { headers, redirect: "follow", signal: AbortSignal.timeout(timeoutMs) });
  if (res.status === 304) {
    await res.body?.cancel();
    return { status: 304, body: null, etag: res.headers.get("etag"), lastModified: res.headers.get("last-modified") };
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new HttpError(res.status, `HTTP ${res.status} ${res.statusText}`.trim());
  }
  const declared = Number(res.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw new HttpError(413, `larger than the limit of ${maxBytes} bytes (Content-Length ${declared})`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new HttpError(413, `larger than the limit of ${maxBytes} bytes`);
      }
      chunks.push(Buffer.from(value));
    }
  }
  return { status: res.status, body: Buffer.concat(chunks), etag: res.headers.get("etag"), lastModified: res.headers.get("last-modified") };
}

/** Downloads the URLs into the archive; never throws for one URL's failure. */
export async function downloadAll(
  db: DB,
  entries: UrlEntry[],
  opts: DownloadOptions,
  onResult?: (r: DownloadResult) => void,
): Promise<DownloadResult[]> {
  const limit = pLimit(opts.concurrency ?? 4);
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const retries = opts.retries ?? 3;
  const maxBytes = opts.maxBytes ?? 100 * 1024 * 1024;
  const backoff = opts.backoffMs ?? 500;
  return Promise.all(
    entries.map((e) =>
      limit(async (): Promise<DownloadResult> => {
        const prev = knownDownload(db, e.url);
        const headers: Record<string, string> = { "user-agent": "jixiao (performance-report reader)", accept: "*/*" };
        // a conditional request only when what it last gave was imported: a failed import is fetched and tried again
        const conditional = !opts.force && !!prev?.sha256 && (opts.imported?.(prev.sha256) ?? true);
        if (conditional && prev?.etag) headers["if-none-match"] = prev.etag;
        if (conditional && prev?.last_modified) headers["if-modified-since"] = prev.last_modified;
        let result: DownloadResult | undefined;
        for (let attempt = 0; attempt <= retries && !result; attempt++) {
          if (attempt > 0) await sleep(backoff * 2 ** (attempt - 1));
          try {
            const r = await fetchOnce(e.url, headers, timeoutMs, maxBytes);
            const now = new Date().toISOString();
            if (r.status === 304) {
              recordDownload(db, {
                url: e.url,
                etag: r.etag ?? prev?.etag ?? null,
                last_modified: r.lastModified ?? prev?.last_modified ?? null,
                sha256: null,
                file: null,
                meta: JSON.stringify(e.meta),
                fetched_at: now,
                http_status: 304,
              });
              result = { url: e.url, status: "not_modified", file: prev?.file ?? null, sha256: prev?.sha256 ?? null, meta: e.meta };
              break;
            }
            const body = r.body!;
            const sha = sha256(body);
            let ext = "bin";
            try {
              ext = EXT[detectFormat(body)] ?? "bin";
            } catch {
              // unreadable content is archived too; the import reports why
            }
            const dir = join(opts.archive, sha.slice(0, 2));
            await mkdir(dir, { recursive: true });
            const file = join(dir, `${sha}.${ext}`);
            await writeFileAtomically(file, body);
            recordDownload(db, {
              url: e.url,
              etag: r.etag,
              last_modified: r.lastModified,
              sha256: sha,
              file,
              meta: JSON.stringify(e.meta),
              fetched_at: now,
              http_status: r.status,
            });
            result = { url: e.url, status: "downloaded", file, sha256: sha, bytes: body.length, meta: e.meta };
          } catch (err) {
            const retryable = err instanceof HttpError ? RETRYABLE.has(err.status) : true;
            const msg =
              err instanceof HttpError
                ? err.message
                : (err as Error)?.name === "TimeoutError"
                  ? `timed out after ${timeoutMs / 1000} s`
                  : oneLine((err as Error)?.cause ?? err);
            if (!retryable || attempt === retries)
              result = { url: e.url, status: "failed", error: attempt > 0 ? `${msg} (after ${attempt + 1} tries)` : msg, meta: e.meta };
          }
        }
        onResult?.(result!);
        return result!;
      }),
    ),
  );
}
