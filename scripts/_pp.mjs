import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
const { readDocument } = await import("../dist/extract/read.js");
const { toRecord } = await import("../dist/extract/extract.js");
const { segment } = await import("../dist/store/search.js");
const rep = "fixtures/reports";
const kinds = (process.argv[3] ?? "pdf,pdf-cid").split(",");
const files = [...kinds.flatMap((k) => readdirSync(join(rep, "seeds-as", k)).map((f) => join(rep, "seeds-as", k, f))), ...kinds.flatMap((k) => readdirSync(join(rep, "variants", k)).map((f) => join(rep, "variants", k, f)))].map((f) => [f, readFileSync(f)]);
const R = Number(process.argv[2] ?? 5);
const t = { read: 0, extract: 0, segment: 0 };
for (let r = 0; r < R; r++) for (const [f, b] of files) {
  let a = performance.now(); const d = await readDocument(b, { ocr: false }); let c = performance.now(); if (r) t.read += c - a;
  const rec = toRecord(f, b, d); a = performance.now(); if (r) t.extract += a - c;
  segment(rec.text); c = performance.now(); if (r) t.segment += c - a;
}
const n = files.length * (R - 1);
console.log(Object.entries(t).map(([k, v]) => `${k} ${(v / n).toFixed(2)}`).join("  "), "ms/file over", files.length, "files");
