import { readFileSync, readdirSync } from "node:fs";
import { join, basename, dirname } from "node:path";
const { readDocument } = await import("../dist/extract/read.js");
const { toRecord } = await import("../dist/extract/extract.js");
const rep = "fixtures/reports";
const sources = [
  ...readdirSync(join(rep, "seeds")).map((f) => join(rep, "seeds", f)),
  ...["docx", "pdf", "pdf-cid"].flatMap((k) => readdirSync(join(rep, "seeds-as", k)).map((f) => join(rep, "seeds-as", k, f))),
  ...["txt", "docx", "pdf", "pdf-cid"].flatMap((k) => readdirSync(join(rep, "variants", k)).map((f) => join(rep, "variants", k, f))),
];
const docs = [];
for (const s of sources) { const buf = readFileSync(s); docs.push([s, buf, await readDocument(buf, {})]); }
const R = Number(process.argv[2] ?? 10);
const t0 = performance.now();
for (let r = 0; r < R; r++) for (const [s, buf, d] of docs) toRecord(s, buf, d);
console.log("extract ms/doc", ((performance.now() - t0) / R / docs.length).toFixed(2));
