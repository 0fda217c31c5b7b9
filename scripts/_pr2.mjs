import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
const mupdf = await import("mupdf");
const rep = "fixtures/reports";
const files = [...["pdf","pdf-cid"].flatMap((k) => readdirSync(join(rep, "seeds-as", k)).map((f) => join(rep, "seeds-as", k, f))), ...["pdf","pdf-cid"].flatMap((k) => readdirSync(join(rep, "variants", k)).map((f) => join(rep, "variants", k, f)))].map((f) => readFileSync(f));
for (let r = 0; r < 4; r++) { let st = 0; const a = performance.now(); for (const b of files) { const d = mupdf.Document.openDocument(b, "application/pdf"); for (let i = 0; i < d.countPages(); i++) { const p = d.loadPage(i); const t = performance.now(); const s = p.toStructuredText("preserve-whitespace,preserve-images,vectors"); st += performance.now() - t; s.destroy(); p.destroy(); } d.destroy(); } console.log("round", r, "all", ((performance.now() - a) / files.length).toFixed(2), "stext", (st / files.length).toFixed(2)); }
