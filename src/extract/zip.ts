/**
 * Reads a zip's central directory without inflating anything, so a .docx can be checked before
 * mammoth opens it: a zip bomb is refused by its declared sizes, never by running out of memory.
 */
import { ReadError } from "../errors.js";

export interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
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
    if (offset + 46 > buf.length || buf.readUInt32LE(offset) !== 0x02014b50) throw new ReadError("damaged zip archive (bad central directory)", "corrupt");
    const compressed = buf.readUInt32LE(offset + 20);
    const uncompressed = buf.readUInt32LE(offset + 24);
    const nameLen = buf.readUInt16LE(offset + 28);
    const extraLen = buf.readUInt16LE(offset + 30);
    const commentLen = buf.readUInt16LE(offset + 32);
    const name = buf.subarray(offset + 46, offset + 46 + nameLen).toString("utf8");
    entries.push({ name, compressed, uncompressed });
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
  if (entries.length > limits.maxEntries) throw new ReadError(`zip archive has ${entries.length} entries, more than ${limits.maxEntries}`, "zip_bomb");
  let total = 0;
  for (const e of entries) {
    // ZIP64 markers (0xffffffff) mean sizes beyond 4 GiB: far too large for a report
    if (e.uncompressed === 0xffffffff || e.compressed === 0xffffffff) throw new ReadError(`zip bomb: ${e.name} declares a size over 4 GiB`, "zip_bomb");
    total += e.uncompressed;
    if (e.uncompressed > 1024 * 1024 && e.uncompressed / Math.max(1, e.compressed) > limits.maxRatio) {
      throw new ReadError(`zip bomb: ${e.name} inflates ${Math.round(e.uncompressed / Math.max(1, e.compressed))}× (${e.uncompressed} bytes)`, "zip_bomb");
    }
  }
  if (total > limits.maxTotal) throw new ReadError(`zip bomb: ${total} bytes uncompressed, more than the limit of ${limits.maxTotal}`, "zip_bomb");
  return entries;
}
