/** The zip directory reader and its limits, on archives built here: what passes, and each refusal with its reason. */
import { describe, expect, it } from "vitest";
import { checkZip, zipEntries, zipEntryData } from "../../src/extract/zip.js";
import { zipOf } from "./zipfile.js";

const why = (f: () => unknown) => {
  try {
    f();
    return "passed";
  } catch (e) {
    return `${(e as { code: string }).code}: ${(e as Error).message}`;
  }
};
const text = "某县2023年度部门整体支出绩效自评报告。".repeat(20);

describe("zipEntries", () => {
  it("lists names, sizes, methods, flags and where each entry's header is", () => {
    const buf = zipOf([
      { name: "a.xml", data: "<a/>" },
      { name: "word/document.xml", data: text, method: 8, flags: 8 },
    ]);
    const [a, d] = zipEntries(buf);
    expect(a).toEqual({ name: "a.xml", compressed: 4, uncompressed: 4, method: 0, flags: 0, offset: 0 });
    expect(d).toMatchObject({ name: "word/document.xml", uncompressed: Buffer.byteLength(text), method: 8, flags: 8, offset: 30 + 5 + 4 });
    expect(d.compressed).toBeLessThan(d.uncompressed);
  });
  it("finds the directory's end behind a trailing comment, not beyond 64 KiB of it", () => {
    const buf = zipOf([{ name: "a" }]);
    expect(zipEntries(Buffer.concat([buf, Buffer.alloc(1000)]))).toHaveLength(1);
    expect(why(() => zipEntries(Buffer.concat([buf, Buffer.alloc(70_000)])))).toBe(
      "corrupt: damaged zip archive (no central directory; truncated?)",
    );
  });
  it.each([
    ["no directory", Buffer.from("PK\x03\x04 not really"), "corrupt: damaged zip archive (no central directory; truncated?)"],
    [
      "a directory pointing nowhere",
      (() => {
        const b = zipOf([{ name: "a" }]);
        b.writeUInt32LE(b.length, b.length - 6);
        return b;
      })(),
      "corrupt: damaged zip archive (bad central directory)",
    ],
  ])("%s", (_what, buf, reason) => expect(why(() => zipEntries(buf))).toBe(reason));
});

describe("checkZip", () => {
  const limits = { maxTotal: 10_000, maxRatio: 200, maxEntries: 3 };
  it("passes an archive within the limits and returns its entries", () => {
    expect(checkZip(zipOf([{ name: "a", data: text, method: 8 }]), limits).map((e) => e.name)).toEqual(["a"]);
  });
  it.each([
    [
      "too many entries",
      zipOf([{ name: "a" }, { name: "b" }, { name: "c" }, { name: "d" }]),
      "zip_bomb: zip archive has 4 entries, more than 3",
    ],
    ["a ZIP64 size", zipOf([{ name: "big", declared: 0xffffffff }]), "zip_bomb: zip bomb: big declares a size over 4 GiB"],
    [
      "a ZIP64 compressed size",
      zipOf([{ name: "big", declaredCompressed: 0xffffffff }]),
      "zip_bomb: zip bomb: big declares a size over 4 GiB",
    ],
    [
      "more than the total",
      zipOf([
        { name: "a", data: "x".repeat(6000) },
        { name: "b", data: "y".repeat(5000) },
      ]),
      "zip_bomb: zip bomb: 11000 bytes uncompressed, more than the limit of 10000",
    ],
  ])("refuses %s", (_what, buf, reason) => expect(why(() => checkZip(buf, limits))).toBe(reason));
  it("refuses an entry over 1 MiB that inflates more than maxRatio times, not a smaller one", () => {
    const big = { maxTotal: 1e9, maxRatio: 200, maxEntries: 10 };
    expect(why(() => checkZip(zipOf([{ name: "bomb", declared: 2_000_000, declaredCompressed: 1000 }]), big))).toBe(
      "zip_bomb: zip bomb: bomb inflates 2000× (2000000 bytes)",
    );
    expect(why(() => checkZip(zipOf([{ name: "ok", declared: 2_000_000, declaredCompressed: 10_000 }]), big))).toBe("passed");
    expect(why(() => checkZip(zipOf([{ name: "small", declared: 1_000_000, declaredCompressed: 10 }]), big))).toBe("passed");
  });
});

describe("zipEntryData", () => {
  const one = (input: Parameters<typeof zipOf>[0][number]) => {
    const buf = zipOf([input]);
    return { buf, e: zipEntries(buf)[0] };
  };
  it("gives a stored entry as it is and a deflated one inflated", () => {
    const s = one({ name: "s", data: "stored bytes" });
    expect(zipEntryData(s.buf, s.e).toString()).toBe("stored bytes");
    const d = one({ name: "d", data: text, method: 8 });
    expect(zipEntryData(d.buf, d.e).toString()).toBe(text);
  });
  it.each([
    ["an encrypted entry", () => one({ name: "e", data: "x", flags: 1 }), "encrypted: encrypted zip entry e"],
    [
      "a bad local header",
      () => {
        const z = one({ name: "b", data: "x" });
        z.buf.writeUInt32LE(0, 0);
        return z;
      },
      "corrupt: damaged zip archive (bad local header for b)",
    ],
    [
      "an entry cut off",
      () => {
        const z = one({ name: "c", data: "xyz" });
        return { buf: z.buf, e: { ...z.e, compressed: z.buf.length } };
      },
      "corrupt: damaged zip archive (c is cut off; truncated?)",
    ],
    [
      "another compression method",
      () => {
        const z = one({ name: "m", data: "x" });
        return { buf: z.buf, e: { ...z.e, method: 12 } };
      },
      "corrupt: zip entry m uses compression method 12, which is not supported",
    ],
    [
      "an entry that inflates beyond its declared size",
      () => one({ name: "liar", data: text, method: 8, declared: 10 }),
      "zip_bomb: zip bomb: liar inflates beyond its declared 10 bytes",
    ],
    [
      "deflate data that is not",
      () => {
        const z = one({ name: "junk", data: "not deflate data at all" });
        return { buf: z.buf, e: { ...z.e, method: 8, uncompressed: 100 } };
      },
      /^corrupt: damaged zip archive \(junk: .+\)$/,
    ],
  ])("refuses %s", (_what, make, reason) => {
    const { buf, e } = make();
    expect(why(() => zipEntryData(buf, e))).toMatch(reason);
  });
});
