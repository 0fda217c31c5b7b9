/** Default limits, in a module of their own so that the importer's main thread need not load the readers. */

/** Files larger than this are refused (bytes). */
export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;

/**
 * Documents with more text than this (characters) are refused before extraction. Memory grows
 * with the text (1.9 million characters need ≈ 90 MB of worker heap; a 5-million-character text
 * file took the process to 783 MB RSS), and a worker that outgrows its heap cap by more than Node's
 * 16 MB allowance in one step aborts the whole process instead of failing its file (a 176 MB text
 * file did), so big inputs are stopped by size.
 * Two million characters is about 1 000 pages of dense Chinese, several times the longest report.
 */
export const MAX_TEXT_CHARS = 2_000_000;
/** Bytes a format may take per character of text before it is refused unread (UTF-8: up to 4; markup). */
export const MAX_BYTES_PER_CHAR = { txt: 4, html: 12, docxXml: 40 } as const;

/** A byte count for messages: "176.2 MB". */
export const formatMb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
