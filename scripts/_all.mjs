import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
const { default: run } = await import("../dist/worker.js");
const rep = "fixtures/reports";
const sources = [
  ...readdirSync(join(rep, "seeds")).map((f) => join(rep, "seeds", f)),
  ...["docx", "pdf", "pdf-cid"].flatMap((k) => readdirSync(join(rep, "seeds-as", k)).map((f) => join(rep, "seeds-as", k, f))),
  ...["txt", "docx", "pdf", "pdf-cid"].flatMap((k) => readdirSync(join(rep, "variants", k)).map((f) => join(rep, "variants", k, f))),
];
const R = Number(process.argv[2] ?? 4);
for (let r = 0; r < R; r++) for (const s of sources) { const b = readFileSync(s); await run({ file: s, data: b.buffer.slice(b.byteOffset, b.byteOffset + b.length), opts: {} }); }
