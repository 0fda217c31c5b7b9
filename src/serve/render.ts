/**
 * Page images for the review pages, off the server's thread: PDF pages are rendered by a small pool
 * of worker threads (render-worker.ts, MuPDF in each), so list and document pages stay fast while
 * images render. Rendered pages are cached (by the document's SHA-256 and page, up to CACHE_BYTES);
 * a page asked for while it renders waits for that rendering; at most MAX_WAITING renderings wait for
 * a worker — beyond that a request is refused with RenderBusyError (the server answers 503).
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { PageImageError } from "./render-page.js";
import type { RenderJob, RenderReply } from "./render-worker.js";

export { PAGE_SCALE, PageImageError } from "./render-page.js";

/** Too many page images asked for at once: try again shortly. */
export class RenderBusyError extends Error {}

/** Worker threads: two at most, one on a single core (each holds a MuPDF of ~40 MB; the server thread mostly waits). */
const POOL_SIZE = Math.max(1, Math.min(2, availableParallelism()));
/** Renderings that may wait for a worker. */
export const MAX_WAITING = 32;
/** Bytes of rendered pages kept (least recently used first out). */
const CACHE_BYTES = 64 * 1024 * 1024;

interface Pending {
  job: RenderJob;
  resolve: (png: Uint8Array) => void;
  reject: (e: Error) => void;
}
interface Slot {
  worker: Worker;
  busy: Pending | null;
}

const cache = new Map<string, Uint8Array>();
let cached = 0;
const inFlight = new Map<string, Promise<Uint8Array>>();
const waiting: Pending[] = [];
const slots: Slot[] = [];
let nextId = 1;

function remember(key: string, png: Uint8Array): void {
  if (png.byteLength > CACHE_BYTES / 4) return;
  cache.set(key, png);
  cached += png.byteLength;
  for (const [k, v] of cache) {
    if (cached <= CACHE_BYTES) break;
    cache.delete(k);
    cached -= v.byteLength;
  }
}

function spawnSlot(): Slot {
  const slot: Slot = { worker: new Worker(new URL("./render-worker.js", import.meta.url)), busy: null };
  slot.worker.on("message", (r: RenderReply) => {
    const p = slot.busy;
    slot.busy = null;
    slot.worker.unref();
    if (p && p.job.id === r.id) {
      if ("png" in r) p.resolve(r.png);
      else p.reject(r.pageError ? new PageImageError(r.error) : new Error(r.error));
    }
    dispatch();
  });
  // a worker that dies (out of memory on a hostile page …) fails its page only and is replaced
  slot.worker.on("error", (e) => {
    const p = slot.busy;
    slot.busy = null;
    p?.reject(new Error(`the page renderer failed: ${e.message}`));
  });
  slot.worker.on("exit", () => {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    slot.busy?.reject(new Error("the page renderer stopped"));
    slot.busy = null;
    dispatch();
  });
  // an idle worker does not keep the process alive (unref after the listeners: adding a message
  // listener refs the worker's port again); a busy one does, until its page is back
  slot.worker.unref();
  slots.push(slot);
  return slot;
}

function dispatch(): void {
  while (waiting.length) {
    const slot = slots.find((s) => !s.busy) ?? (slots.length < POOL_SIZE ? spawnSlot() : null);
    if (!slot) return;
    const p = waiting.shift()!;
    slot.busy = p;
    slot.worker.ref();
    slot.worker.postMessage(p.job);
  }
}

/**
 * The PNG of page `page` (1-based) of the PDF at `path`, which must still have the SHA-256 `sha`
 * (PageImageError when it does not, or has no such page); RenderBusyError when too many renderings
 * are waiting.
 */
export function renderPage(path: string, sha: string, page: number, base?: string): Promise<Uint8Array> {
  const key = `${sha}:${page}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return Promise.resolve(hit);
  }
  const running = inFlight.get(key);
  if (running) return running;
  if (waiting.length >= MAX_WAITING)
    return Promise.reject(new RenderBusyError(`${waiting.length} page images are waiting to be rendered; try again shortly`));
  const promise = new Promise<Uint8Array>((resolve, reject) => {
    waiting.push({ job: { id: nextId++, path, sha, page, base }, resolve, reject });
    dispatch();
  })
    .then((png) => {
      remember(key, png);
      return png;
    })
    .finally(() => inFlight.delete(key));
  inFlight.set(key, promise);
  return promise;
}
