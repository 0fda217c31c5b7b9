/** A per-file failure with a one-line, human-readable reason ("encrypted PDF, password required"). */
export class ReadError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message.replace(/\s*\n\s*/g, " "));
    this.name = "ReadError";
  }
}

/** Bad command-line usage: exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** One line for any error, for logs and the `error` column. */
export function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/\s*\n\s*/g, " ").slice(0, 500);
}
