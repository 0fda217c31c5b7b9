/** Default limits, in a module of their own so that the importer's main thread need not load the readers. */

/** Files larger than this are refused (bytes). */
export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;
