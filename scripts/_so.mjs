import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
const mupdf = await import("mupdf");
mupdf.setLog({ error: () => {}, warning: (m) => console.log("warn", m.slice(0, 60)) });
const rep = "fixtures/reports";
const files = [...["pdf","pdf-cid"].flatMap((k) => readdirSync(join(rep, "seeds-as", k)).map((f) => join(rep, "seeds-as", k, f))), ...["pdf","pdf-cid"].flatMap((k) => readdirSync(join(rep, "variants", k)).map((f) => join(rep, "variants", k, f)))].map((f) => readFileSync(f));
const opt = process.argv[2];
let chars = 0;
for (let r = 0; r < 4; r++) { let st = 0; for (const b of files) { const d = mupdf.Document.openDocument(b, "application/pdf"); for (let i = 0; i < d.countPages(); i++) { const p = d.loadPage(i); const t = performance.now(); const s = p.toStructuredText(opt); st += performance.now() - t; if (r === 3) s.walk({ onChar() { chars++; } }); s.destroy(); p.destroy(); } d.destroy(); } if (r >= 2) console.log(opt, "stext", (st / files.length).toFixed(2), "ms/file"); }
console.log("chars", chars);
