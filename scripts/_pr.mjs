import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
const { readDocument } = await import("../dist/extract/read.js");
const rep = "fixtures/reports";
const files = [...["pdf","pdf-cid"].flatMap((k) => readdirSync(join(rep, "seeds-as", k)).map((f) => join(rep, "seeds-as", k, f))), ...["pdf","pdf-cid"].flatMap((k) => readdirSync(join(rep, "variants", k)).map((f) => join(rep, "variants", k, f)))].map((f) => readFileSync(f));
for (let r = 0; r < 6; r++) { const a = performance.now(); for (const b of files) await readDocument(b, { ocr: false }); console.log("round", r, ((performance.now() - a) / files.length).toFixed(2), "ms/file"); }
