/**
 * The OLE2 (.doc) chain check, on compound files built here byte by byte: a sound one passes, and
 * each way a chain can go wrong (a loop, a sector beyond the file, a FAT that lists too few sectors,
 * a stream longer than its chain) fails with its own reason. The broken fixtures (test/extract/
 * broken.test.ts) show the same through the CLI.
 */
import { describe, expect, it } from "vitest";
import { checkCompoundFile } from "../../src/extract/ole.js";

const SS = 512;
const END = -2;
const FREE = -1;
const FATSECT = -3;

interface Entry {
  name: string;
  type: 2 | 5;
  start: number;
  size: number;
}

/**
 * A compound file of `count` 512-byte sectors after the header. `fat` fills sector 0 (the FAT);
 * `entries` the directory in sector 1; `sectors` writes any other sector's int32 words.
 */
function compound(opts: {
  count?: number;
  fat?: Record<number, number>;
  entries?: Entry[];
  fatCount?: number;
  headerFat?: number[];
  dirStart?: number;
  miniFatStart?: number;
  difatStart?: number;
  shift?: number;
  sectors?: Record<number, Record<number, number>>;
}): Buffer {
  const count = opts.count ?? 12;
  const buf = Buffer.alloc(SS * (count + 1));
  buf.writeUInt16LE(opts.shift ?? 9, 0x1e);
  buf.writeUInt32LE(opts.fatCount ?? 1, 0x2c);
  buf.writeInt32LE(opts.dirStart ?? 1, 0x30);
  buf.writeInt32LE(opts.miniFatStart ?? END, 0x3c);
  buf.writeInt32LE(opts.difatStart ?? END, 0x44);
  const headerFat = opts.headerFat ?? [0];
  for (let i = 0; i < 109; i++) buf.writeInt32LE(i < headerFat.length ? headerFat[i] : FREE, 0x4c + 4 * i);
  const at = (sector: number) => SS * (sector + 1);
  // the FAT: every entry free unless said
  const fat: Record<number, number> = { 0: FATSECT, 1: END, ...opts.fat };
  for (let i = 0; i < SS / 4; i++) buf.writeInt32LE(fat[i] ?? FREE, at(0) + 4 * i);
  (opts.entries ?? []).forEach((e, k) => {
    const base = at(1) + 128 * k;
    const name = Buffer.from(`${e.name}\0`, "utf16le");
    name.copy(buf, base);
    buf.writeUInt16LE(name.length, base + 64);
    buf[base + 66] = e.type;
    buf.writeInt32LE(e.start, base + 116);
    buf.writeUInt32LE(e.size, base + 120);
  });
  for (const [sector, words] of Object.entries(opts.sectors ?? {}))
    for (const [i, w] of Object.entries(words)) buf.writeInt32LE(w, at(Number(sector)) + 4 * Number(i));
  return buf;
}

/** A chain of FAT entries: from → from+1 → … → to, then the end. */
const run = (from: number, to: number): Record<number, number> => {
  const out: Record<number, number> = {};
  for (let s = from; s < to; s++) out[s] = s + 1;
  out[to] = END;
  return out;
};

const root: Entry = { name: "Root Entry", type: 5, start: END, size: 0 };
/** A sound file: a 4096-byte WordDocument stream in sectors 2–9. */
const sound = () => compound({ fat: run(2, 9), entries: [root, { name: "WordDocument", type: 2, start: 2, size: 4096 }] });

const reason = (buf: Buffer) => {
  try {
    checkCompoundFile(buf);
    return null;
  } catch (e) {
    expect((e as { code?: string }).code).toBe("corrupt");
    return (e as Error).message;
  }
};

describe("checkCompoundFile", () => {
  it("a sound file passes, and so does one whose chains start free or empty", () => {
    expect(reason(sound())).toBeNull();
    expect(reason(compound({ entries: [root, { name: "Empty", type: 2, start: FREE, size: 0 }] }))).toBeNull();
    // a small stream in the mini stream: the root's chain (sector 3) holds 8 mini sectors, the mini FAT is sector 2
    const mini = compound({
      fat: { 2: END, 3: END },
      miniFatStart: 2,
      sectors: { 2: { 0: END, 1: FREE } },
      entries: [
        { ...root, start: 3, size: 64 },
        { name: "Small", type: 2, start: 0, size: 64 },
      ],
    });
    expect(reason(mini)).toBeNull();
  });
  it.each([
    ["shorter than its header", () => Buffer.alloc(511), "shorter than its header"],
    ["an odd sector size", () => compound({ shift: 10 }), "sector size 2^10"],
    ["more FAT sectors than the file has", () => compound({ fatCount: 13 }), "13 FAT sectors in a file of 12"],
    ["a FAT sector beyond the file", () => compound({ headerFat: [40] }), "the FAT points at sector 40, beyond the file's 12 sectors"],
    [
      "a FAT sector at -1",
      () => compound({ headerFat: [0, -5], fatCount: 2 }),
      "the FAT points at sector 4294967291, beyond the file's 12 sectors",
    ],
    ["a directory that loops", () => compound({ fat: { 1: 1 } }), "the sector chain of the directory loops"],
    ["a directory beyond the file", () => compound({ dirStart: 50 }), "the directory points at sector 50, beyond the 12 there are"],
    [
      "a stream that loops",
      () => compound({ fat: { 2: 3, 3: 2 }, entries: [root, { name: "WordDocument", type: 2, start: 2, size: 4096 }] }),
      "the sector chain of the stream WordDocument loops",
    ],
    [
      "a stream longer than its chain",
      () => compound({ fat: run(2, 9), entries: [root, { name: "WordDocument", type: 2, start: 2, size: 4097 }] }),
      "the stream WordDocument claims 4097 bytes in 8 sectors",
    ],
    [
      "a small stream beyond the mini stream",
      () =>
        compound({
          fat: { 2: END, 3: END },
          miniFatStart: 2,
          sectors: { 2: { 0: END } },
          entries: [
            { ...root, start: 3, size: 64 },
            { name: "Small", type: 2, start: 20, size: 64 },
          ],
        }),
      "the stream Small points at sector 20, beyond the 8 there are",
    ],
    [
      "a mini FAT that loops",
      () => compound({ fat: { 2: 2 }, miniFatStart: 2, entries: [root] }),
      "the sector chain of the mini FAT loops",
    ],
  ])("%s", (_what, build, why) => expect(reason(build())).toBe(`corrupt .doc (OLE2): ${why}`));

  describe("the DIFAT chain (the FAT sectors after the header's 109)", () => {
    // 300 FAT sectors are more than the header holds: the rest come from the DIFAT chain
    const big = (difatStart: number, next: number) =>
      compound({
        count: 301,
        fatCount: 300,
        headerFat: Array(109).fill(0),
        difatStart,
        // sector 2: 127 more FAT sectors (all sector 0), then the next DIFAT sector
        sectors: { 2: { ...Object.fromEntries(Array.from({ length: 127 }, (_, i) => [i, 0])), 127: next } },
      });
    it("that loops", () => expect(reason(big(2, 2))).toBe("corrupt .doc (OLE2): the DIFAT chain loops"));
    it("that leaves the file", () =>
      expect(reason(big(400, END))).toBe("corrupt .doc (OLE2): the DIFAT chain points at sector 400, beyond the file's 301 sectors"));
    it("that ends before the FAT is complete", () =>
      expect(reason(big(2, END))).toBe("corrupt .doc (OLE2): the FAT lists 236 of its 300 sectors"));
  });
});
