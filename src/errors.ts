/**
 * Errors, one shape each. A file that cannot be read is a ReadError: a one-line reason a person
 * can act on ("encrypted PDF, password required") and a code from one list, the same whichever path
 * read the file (extract, the import's workers, the pool around them).
 */

/** Why a file could not be read: every code a ReadError (or an import failure) may carry. */
export const READ_ERROR_CODES = [
  "io", // cannot open, not a regular file
  "too_large", // larger than --max-mb
  "unrecognised", // not a format jixiao reads
  "unsupported", // a format it recognises but does not read
  "not_word_zip", // a zip that is not a Word document
  "zip_bomb", // a zip that would expand past the limits
  "corrupt", // damaged beyond reading
  "encrypted", // needs a password
  "bad_encoding", // text in no encoding it knows
  "too_many_pages",
  "too_long", // more text than the limit
  "empty", // no text at all
  "needs_ocr", // scanned, and OCR is not available
  "timeout", // the read took longer than --timeout
  "oom", // the read ran out of the worker's heap
  "worker", // the worker thread died
  "internal", // a bug of jixiao's: the message says where
] as const;
export type ReadErrorCode = (typeof READ_ERROR_CODES)[number];

/** A per-file failure with a one-line, human-readable reason. */
export class ReadError extends Error {
  constructor(
    message: string,
    readonly code: ReadErrorCode,
  ) {
    super(oneLine(message));
    this.name = "ReadError";
  }
}

/** Any error met while reading a file, as a ReadError (an unexpected one is jixiao's own: "internal error: …"). */
export function asReadError(err: unknown): ReadError {
  return err instanceof ReadError ? err : new ReadError(`internal error: ${oneLine(err)}`, "internal");
}

/** Bad command-line usage: exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The longest message kept of an error (logs, the `error` column). */
const MAX_MESSAGE = 500;

/** One line for any error, for logs and the `error` column: line breaks folded, at most 500 characters. */
export function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/\s*\n\s*/g, " ").slice(0, MAX_MESSAGE);
}
