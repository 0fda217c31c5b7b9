/**
 * Parallel reading: a piscina pool of worker threads, one file per task, with a per-file timeout
 * and a per-worker heap cap. The main thread keeps the database (one writer).
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import type { Piscina } from "piscina";
import type { ReadOptions } from "./extract/read.js";
import type { WorkerResult, WorkerTask } from "./worker.js";

export interface PoolOptions {
  workers?: number;
  /** per-file time limit in ms */
  timeoutMs?: number;
  /** heap limit of each worker in MB */
  maxHeapMb?: number;
  read?: ReadOptions;
}

export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_HEAP_MB = 1024;

export class ReadPool {
  private pool: Piscina<WorkerTask, WorkerResult> | undefined;
  private readonly timeoutMs: number;
  private readonly readOpts: ReadOptions;
  private readonly heapMb: number;
  /** the number of worker threads */
  readonly size: number;

  constructor(opts: PoolOptions = {}) {
    this.size = Math.max(1, opts.workers ?? availableParallelism());
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.readOpts = opts.read ?? {};
    this.heapMb = opts.maxHeapMb ?? DEFAULT_HEAP_MB;
  }

  /** The threads start with the first file to read: a run where every file is unchanged starts none. */
  private async threads(): Promise<Piscina<WorkerTask, WorkerResult>> {
    if (this.pool) return this.pool;
    const { Piscina } = await import("piscina");
    this.pool ??= new Piscina<WorkerTask, WorkerResult>({
      filename: fileURLToPath(new URL("./worker.js", import.meta.url)),
      minThreads: this.size,
      maxThreads: this.size,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: 16 },
    });
    return this.pool;
  }

  /** Reads one file's bytes in a worker; never rejects: failures come back as { ok: false }. */
  async read(file: string, data: Buffer): Promise<WorkerResult> {
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), this.timeoutMs);
    // hand the bytes over without copying when they own their whole buffer
    const ab = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? (data.buffer as ArrayBuffer) : data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
    try {
      return await (await this.threads()).run({ file, data: ab, opts: this.readOpts }, { signal: ac.signal, transferList: [ab] });
    } catch (err) {
      if (ac.signal.aborted) return { ok: false, error: `timed out after ${Math.round(this.timeoutMs / 1000)} s`, code: "timeout" };
      const e = err as NodeJS.ErrnoException;
      if (e?.code === "ERR_WORKER_OUT_OF_MEMORY") return { ok: false, error: "out of memory while reading (worker heap limit reached)", code: "oom" };
      return { ok: false, error: `worker failed: ${String(e?.message ?? e).split("\n")[0]}`, code: "worker" };
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}
