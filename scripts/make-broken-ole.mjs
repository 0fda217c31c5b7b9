#!/usr/bin/env node
// Writes the broken OLE2 (.doc) fixtures from a bundled .doc, by editing its sector tables:
//   fixtures/broken/ole-loop.doc      the 1Table stream's sector chain goes round in a circle of two sectors
//   fixtures/broken/ole-beyond.doc    a FAT sector number far beyond the end of the file
//   fixtures/broken/ole-tiny-loop.doc a loop in the directory's chain, in a 2 KB file
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const src = readFileSync(join(root, "fixtures", "reports", "seeds-as", "doc", "001_7677739c59076178.doc"));
const sectorSize = 1 << src.readUInt16LE(0x1e);
const at = (sector) => 512 + sector * sectorSize;
const fatSectors = Array.from({ length: src.readUInt32LE(0x2c) }, (_, i) => src.readUInt32LE(0x4c + 4 * i));
const fatEntry = (_buf, n) => at(fatSectors[Math.floor((n * 4) / sectorSize)]) + ((n * 4) % sectorSize);
const dirStart = src.readUInt32LE(0x30);

/** The start sector of a directory entry, by name (the directory's first sector holds the first four). */
function streamStart(name) {
  for (let i = 0; i < 4; i++) {
    const e = at(dirStart) + i * 128;
    const len = src.readUInt16LE(e + 64);
    if (src.toString("utf16le", e, e + Math.max(0, len - 2)) === name) return src.readUInt32LE(e + 116);
  }
  throw new Error(`no ${name} entry`);
}
const loop = Buffer.from(src);
const first = streamStart("1Table");
const second = src.readUInt32LE(fatEntry(src, first));
loop.writeUInt32LE(first, fatEntry(loop, second)); // the 1Table stream's chain: first → second → first …
writeFileSync(join(root, "fixtures", "broken", "ole-loop.doc"), loop);

const beyond = Buffer.from(src);
beyond.writeUInt32LE(0x7fffff00, 0x4c); // the first FAT sector is at 4 TB
writeFileSync(join(root, "fixtures", "broken", "ole-beyond.doc"), beyond);

// 2 KB: header + FAT sector 0 + directory sectors 1 and 2 whose chain goes 1 → 2 → 1 …
const tiny = Buffer.alloc(512 + 3 * 512);
src.copy(tiny, 0, 0, 0x4c); // signature, version, byte order, sector shifts
tiny.writeUInt16LE(9, 0x1e);
tiny.writeUInt32LE(1, 0x2c); // one FAT sector
tiny.writeUInt32LE(1, 0x30); // directory at sector 1
tiny.writeUInt32LE(0xfffffffe, 0x3c); // no mini FAT
tiny.writeUInt32LE(0, 0x40);
tiny.writeUInt32LE(0xfffffffe, 0x44); // no DIFAT sectors
tiny.writeUInt32LE(0, 0x48);
for (let i = 0; i < 109; i++) tiny.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 0x4c + 4 * i);
const fat = at(0);
tiny.fill(0xff, fat, fat + 512);
tiny.writeUInt32LE(0xfffffffd, fat); // sector 0: a FAT sector
tiny.writeUInt32LE(2, fat + 4); // sector 1 → sector 2
tiny.writeUInt32LE(1, fat + 8); // sector 2 → sector 1: the loop
src.copy(tiny, at(1), at(dirStart), at(dirStart) + 512); // a real directory (Root Entry, 1Table …)
src.copy(tiny, at(2), at(dirStart), at(dirStart) + 512);
writeFileSync(join(root, "fixtures", "broken", "ole-tiny-loop.doc"), tiny);
console.log("wrote ole-loop.doc, ole-beyond.doc, ole-tiny-loop.doc");
