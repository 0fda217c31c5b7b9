import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import v8 from "node:v8";
globalThis.$libmupdf_wasm_Module = {};
const mb = (x) => (x / 1048576).toFixed(0);
const rep = "fixtures/reports";
const sources = [
  ...readdirSync(join(rep, "seeds")).map((f) => join(rep, "seeds", f)),
  ...["docx", "pdf", "pdf-cid"].flatMap((k) => readdirSync(join(rep, "seeds-as", k)).map((f) => join(rep, "seeds-as", k, f))),
  ...["txt", "docx", "pdf", "pdf-cid"].flatMap((k) => readdirSync(join(rep, "variants", k)).map((f) => join(rep, "variants", k, f))),
];
const snap = (label) => { globalThis.gc?.(); const m = process.memoryUsage(); const h = v8.getHeapStatistics(); const lib = globalThis.$libmupdf_wasm_Module; console.log(label.padEnd(14), "rss", mb(m.rss), "heap", mb(h.total_heap_size), "used", mb(h.used_heap_size), "external", mb(m.external), "arrayBuffers", mb(m.arrayBuffers), "wasm", lib.HEAPU8 ? mb(lib.HEAPU8.length) : "-"); };
snap("start");
const { default: run } = await import("../dist/worker.js");
snap("modules");
const { segment } = await import("../dist/store/search.js"); segment("测试"); snap("jieba");
const { resolveRegion } = await import("../dist/extract/region.js"); resolveRegion("广州市从化区吕田镇人民政府"); snap("region");
for (let r = 0; r < 8; r++) { for (const s of sources) { const b = readFileSync(s); await run({ file: s, data: b.buffer.slice(b.byteOffset, b.byteOffset + b.length), opts: {} }); } snap("round " + r); }
