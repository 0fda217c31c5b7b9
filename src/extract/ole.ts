/**
 * A check of an OLE2 compound file (.doc) before word-extractor reads it. A sector chain that goes
 * round in a circle makes that library grow an array until V8 aborts the whole process — a fatal
 * error no worker can contain — so every chain is walked here first: the FAT's own sectors (header
 * and DIFAT chain), the directory, the mini FAT, and every stream. A loop, a sector beyond the end
 * of the file or a chain longer than the file fails the file alone with a one-line reason.
 */
import { ReadError } from "../errors.js";

const END_OF_CHAIN = -2;
const FREE = -1;
const MINI_CUTOFF = 4096;

const corrupt = (why: string) => new ReadError(`corrupt .doc (OLE2): ${why}`, "corrupt");

export function checkCompoundFile(buf: Buffer): void {
  if (buf.length < 512) throw corrupt("shorter than its header");
  const shift = buf.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) throw corrupt(`sector size 2^${shift}`);
  const ss = 1 << shift;
  const sectors = Math.floor((buf.length - ss + ss - 1) / ss);
  const offset = (s: number) => (s + 1) * ss;
  const inFile = (s: number, what: string) => {
    if (s < 0 || s >= sectors) throw corrupt(`${what} points at sector ${s >>> 0}, beyond the file's ${sectors} sectors`);
  };

  // the FAT's sectors: 109 in the header, the rest in the DIFAT chain
  const fatCount = buf.readUInt32LE(0x2c);
  if (fatCount > sectors) throw corrupt(`${fatCount} FAT sectors in a file of ${sectors}`);
  const fatSectors: number[] = [];
  for (let i = 0; i < Math.min(109, fatCount); i++) fatSectors.push(buf.readInt32LE(0x4c + 4 * i));
  let difat = buf.readInt32LE(0x44);
  const seenDifat = new Set<number>();
  while (fatSectors.length < fatCount && difat !== END_OF_CHAIN && difat !== FREE) {
    inFile(difat, "the DIFAT chain");
    if (seenDifat.has(difat)) throw corrupt("the DIFAT chain loops");
    seenDifat.add(difat);
    const base = offset(difat);
    for (let i = 0; i < ss / 4 - 1 && fatSectors.length < fatCount; i++) fatSectors.push(buf.readInt32LE(base + 4 * i));
    difat = buf.readInt32LE(base + ss - 4);
  }
  if (fatSectors.length < fatCount) throw corrupt(`the FAT lists ${fatSectors.length} of its ${fatCount} sectors`);
  const fat = new Int32Array(fatCount * (ss / 4));
  fatSectors.forEach((s, k) => {
    inFile(s, "the FAT");
    for (let i = 0; i < ss / 4; i++) fat[k * (ss / 4) + i] = buf.readInt32LE(offset(s) + 4 * i);
  });

  /** the sectors of a chain in `table`, checked: no loop, every sector in range */
  const chain = (table: Int32Array, start: number, limit: number, what: string): number[] => {
    const out: number[] = [];
    const seen = new Set<number>();
    for (let s = start; s !== END_OF_CHAIN; s = table[s]) {
      if (s === FREE && out.length === 0) break;
      if (s < 0 || s >= limit || s >= table.length)
        throw corrupt(`${what} points at sector ${s >>> 0}, beyond the ${Math.min(limit, table.length)} there are`);
      if (seen.has(s)) throw corrupt(`the sector chain of ${what} loops`);
      seen.add(s);
      out.push(s);
    }
    return out;
  };

  const dir = chain(fat, buf.readInt32LE(0x30), sectors, "the directory");
  const miniFatSectors = chain(fat, buf.readInt32LE(0x3c), sectors, "the mini FAT");
  const miniFat = new Int32Array(miniFatSectors.length * (ss / 4));
  miniFatSectors.forEach((s, k) => {
    for (let i = 0; i < ss / 4; i++) miniFat[k * (ss / 4) + i] = buf.readInt32LE(offset(s) + 4 * i);
  });
  let miniSectors = 0;
  for (const d of dir) {
    for (let e = 0; e < ss / 128; e++) {
      const at = offset(d) + e * 128;
      const type = buf[at + 66];
      if (type !== 2 && type !== 5) continue; // streams and the root (the mini stream's container)
      const nameLen = Math.min(64, buf.readUInt16LE(at + 64));
      const name = buf.toString("utf16le", at, at + Math.max(0, nameLen - 2)) || "a stream";
      const start = buf.readInt32LE(at + 116);
      const size = buf.readUInt32LE(at + 120);
      if (type === 5) {
        miniSectors = chain(fat, start, sectors, `the ${name}`).length * (ss / 64);
      } else if (size < MINI_CUTOFF) {
        if (size > 0) chain(miniFat, start, miniSectors, `the stream ${name}`);
      } else {
        const n = chain(fat, start, sectors, `the stream ${name}`).length;
        if (n * ss < size) throw corrupt(`the stream ${name} claims ${size} bytes in ${n} sectors`);
      }
    }
  }
}
