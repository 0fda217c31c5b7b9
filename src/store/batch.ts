/**
 * Batched writes for the one writer: documents are queued and committed together (up to `maxItems`
 * or after `maxDelayMs`), each with its own savepoint inside the batch's transaction, so a batch
 * holds whole documents only. When a batch fails, its documents are retried one by one so that
 * only the document at fault fails.
 */
import type { DB } from "./db.js";

interface Pending {
  write: () => void;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class BatchWriter {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: DB,
    private readonly maxItems = 64,
    private readonly maxDelayMs = 250,
  ) {}

  /** Queues one document's writes; settles when they are committed. */
  add(write: () => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ write, resolve, reject });
      if (this.queue.length >= this.maxItems) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxDelayMs);
    });
  }

  /** Commits everything queued now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const items = this.queue;
    this.queue = [];
    if (items.length === 0) return;
    try {
      this.db
        .transaction(() => {
          for (const it of items) it.write();
        })
        .immediate();
      for (const it of items) it.resolve();
    } catch {
      for (const it of items) {
        try {
          this.db.transaction(() => it.write()).immediate();
          it.resolve();
        } catch (err) {
          it.reject(err);
        }
      }
    }
  }
}
