/**
 * Parallel reading: a piscina pool of worker threads, one file per task, with a per-file timeout
 * and a per-worker heap cap. The main thread keeps the database (one writer).
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import type { Piscina } from "piscina";
import { oneLine } from "./errors.js";
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

/**
 * V8 optimises a function once it has run a fixed amount of bytecode (its interrupt budget,
 * 67 584 by default), tuned for long-lived programs. Every worker is a fresh isolate that JIT-
 * compiles the readers and rules again, and in a batch of a few hundred reports that warm-up costs
 * more than it saves: with a budget of 500 000 the hot code still gets optimised, but fewer
 * functions that are hot only briefly are compiled (and recompiled after deoptimisation).
 * Measured on 2 cores, 2 workers, medians of 3: N = 250 2.81 → 2.48 s (CPU 5.12 → 4.44 s),
 * N = 1000 6.29 → 5.86 s; the same records (test/importer.test.ts).
 * The flag is process-wide and read when a function's budget is set, so it is set before the
 * worker isolates start; `JIXIAO_V8_BUDGET=0` keeps V8's default.
 */
export const JIT_INTERRUPT_BUDGET = 500_000;
let jitTuned = false;
function tuneJit(): void {
  if (jitTuned) return;
  jitTuned = true;
  const env = process.env.JIXIAO_V8_BUDGET;
  const budget = env === undefined || env === "" ? JIT_INTERRUPT_BUDGET : Number(env);
  if (Number.isInteger(budget) && budget > 0) setFlagsFromString(`--interrupt-budget=${budget}`);
}

export class ReadPool {
  private pool: Piscina<WorkerTask, WorkerResult> | undefined;
  private started: Promise<Piscina<WorkerTask, WorkerResult>> | undefined;
  private readonly timeoutMs: number;
  private readonly readOpts: ReadOptions;
  private readonly heapMb: number;
  /** the number of worker threads */
  readonly size: number;
  /** reads still running: the pool is not destroyed under them (a worker's late answer would crash the process) */
  private readonly running = new Set<Promise<WorkerResult>>();

  constructor(opts: PoolOptions = {}) {
    this.size = Math.max(1, opts.workers ?? availableParallelism());
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.readOpts = opts.read ?? {};
    this.heapMb = opts.maxHeapMb ?? DEFAULT_HEAP_MB;
  }

  /**
   * The threads start with the first file to read (a run where every file is unchanged starts none),
   * each warmed up before any file's time limit starts counting (worker.ts: warm).
   */
  private threads(): Promise<Piscina<WorkerTask, WorkerResult>> {
    this.started ??= this.start();
    return this.started;
  }

  private async start(): Promise<Piscina<WorkerTask, WorkerResult>> {
    const { Piscina } = await import("piscina");
    tuneJit();
    const pool = new Piscina<WorkerTask, WorkerResult>({
      filename: fileURLToPath(new URL("./worker.js", import.meta.url)),
      minThreads: this.size,
      maxThreads: this.size,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: 16 },
    });
    this.pool = pool;
    // one warm-up per thread (each takes one task at a time); a failure here shows again on a real file
    await Promise.allSettled(Array.from({ length: this.size }, () => pool.run(null as unknown as WorkerTask, { name: "warm" })));
    return pool;
  }

  /** Reads one file's bytes in a worker; never rejects: failures come back as { ok: false }. */
  async read(file: string, data: Buffer): Promise<WorkerResult> {
    const ac = new AbortController();
    // hand the bytes over without copying when they own their whole buffer
    const ab =
      data.byteOffset === 0 && data.byteLength === data.buffer.byteLength
        ? (data.buffer as ArrayBuffer)
        : (data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
    let timer: NodeJS.Timeout | undefined;
    let task: Promise<WorkerResult> | undefined;
    try {
      const pool = await this.threads();
      // the limit counts from here: the threads' start and warm-up are not the file's
      timer = setTimeout(() => ac.abort(), this.timeoutMs);
      task = pool.run({ file, data: ab, opts: this.readOpts }, { signal: ac.signal, transferList: [ab] });
      this.running.add(task);
      return await task;
    } catch (err) {
      if (ac.signal.aborted) return { ok: false, error: `timed out after ${Math.round(this.timeoutMs / 1000)} s`, code: "timeout" };
      const e = err as NodeJS.ErrnoException;
      if (e?.code === "ERR_WORKER_OUT_OF_MEMORY")
        return { ok: false, error: "out of memory while reading (worker heap limit reached)", code: "oom" };
      return { ok: false, error: `worker failed: ${oneLine(e)}`, code: "worker" };
    } finally {
      clearTimeout(timer);
      if (task) this.running.delete(task);
    }
  }

  /** Waits for the reads still running (an import stopped by a database error), then ends the threads. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.running]);
    await this.pool?.destroy();
  }
}
