/**
 * Reads a zip's central directory without inflating anything, so a .docx can be checked before it
 * is opened: a zip bomb is refused by its declared sizes, never by running out of memory. Single
 * entries are then inflated with a hard output cap (zipEntryData).
 */
import { inflateRawSync } from "node:zlib";
import { ReadError } from "../errors.js";

export interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
  /** 0 stored, 8 deflate */
  method: number;
  /** general purpose flags (bit 0: encrypted) */
  flags: number;
  /** offset of the local file header */
  offset: number;
}

/** Lists the entries of a zip archive; throws ReadError when the directory is missing or damaged. */
export function zipEntries(buf: Buffer): ZipEntry[] {
  // end of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes
  const min = Math.max(0, buf.length - 65557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ReadError("damaged zip archive (no central directory; truncated?)", "corrupt");
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (offset + 46 > buf.length || buf.readUInt32LE(offset) !== 0x02014b50)
      throw new ReadError("damaged zip archive (bad central directory)", "corrupt");
    const flags = buf.readUInt16LE(offset + 8);
    const method = buf.readUInt16LE(offset + 10);
    const compressed = buf.readUInt32LE(offset + 20);
    const uncompressed = buf.readUInt32LE(offset + 24);
    const nameLen = buf.readUInt16LE(offset + 28);
    const extraLen = buf.readUInt16LE(offset + 30);
    const commentLen = buf.readUInt16LE(offset + 32);
    const local = buf.readUInt32LE(offset + 42);
    const name = buf.subarray(offset + 46, offset + 46 + nameLen).toString("utf8");
    entries.push({ name, compressed, uncompressed, method, flags, offset: local });
    offset += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

export interface ZipLimits {
  /** total uncompressed bytes */
  maxTotal: number;
  /** uncompressed / compressed for one entry */
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotal: 300 * 1024 * 1024, maxRatio: 200, maxEntries: 5000 };

/** Throws a one-line ReadError when the archive would inflate beyond the limits. */
export function checkZip(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const entries = zipEntries(buf);
  if (entries.length > limits.maxEntries)
    throw new ReadError(`zip archive has ${entries.length} entries, more than ${limits.maxEntries}`, "zip_bomb");
  let total = 0;
  for (const e of entries) {
    // ZIP64 markers (0xffffffff) mean sizes beyond 4 GiB: far too large for a report
    if (e.uncompressed === 0xffffffff || e.compressed === 0xffffffff)
      throw new ReadError(`zip bomb: ${e.name} declares a size over 4 GiB`, "zip_bomb");
    total += e.uncompressed;
    if (e.uncompressed > 1024 * 1024 && e.uncompressed / Math.max(1, e.compressed) > limits.maxRatio) {
      throw new ReadError(
        `zip bomb: ${e.name} inflates ${Math.round(e.uncompressed / Math.max(1, e.compressed))}× (${e.uncompressed} bytes)`,
        "zip_bomb",
      );
    }
  }
  if (total > limits.maxTotal)
    throw new ReadError(`zip bomb: ${total} bytes uncompressed, more than the limit of ${limits.maxTotal}`, "zip_bomb");
  return entries;
}

/**
 * The bytes of one entry, inflated. Output is capped at the size the directory declares (which
 * checkZip has vetted), so an entry that lies about its size fails instead of filling memory.
 */
export function zipEntryData(buf: Buffer, e: ZipEntry): Buffer {
  if (e.flags & 1) throw new ReadError(`encrypted zip entry ${e.name}`, "encrypted");
  const at = e.offset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50)
    throw new ReadError(`damaged zip archive (bad local header for ${e.name})`, "corrupt");
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const end = start + e.compressed;
  if (end > buf.length) throw new ReadError(`damaged zip archive (${e.name} is cut off; truncated?)`, "corrupt");
  const raw = buf.subarray(start, end);
  if (e.method === 0) return raw;
  if (e.method !== 8) throw new ReadError(`zip entry ${e.name} uses compression method ${e.method}, which is not supported`, "corrupt");
  try {
    return inflateRawSync(raw, { maxOutputLength: Math.max(1, e.uncompressed) });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ERR_BUFFER_TOO_LARGE")
      throw new ReadError(`zip bomb: ${e.name} inflates beyond its declared ${e.uncompressed} bytes`, "zip_bomb");
    throw new ReadError(`damaged zip archive (${e.name}: ${err instanceof Error ? err.message : String(err)})`, "corrupt");
  }
}
