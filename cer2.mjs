import { distance } from "fastest-levenshtein";
import { execFileSync } from "node:child_process";
const j = (f) => JSON.parse(execFileSync("node", ["dist/cli.js", "text", "--json", f], { encoding: "utf8", maxBuffer: 1 << 26 }));
const t = (d, maxPage) => d.blocks.filter((b) => (b.page ?? 0) <= maxPage).map((b) => (b.kind === "paragraph" ? b.text : b.rows.map((r) => r.map((c) => c.text).join("")).join(""))).join("").normalize("NFKC").replace(/\s+/g, "");
const src = j(process.argv[2]), scan = j(process.argv[3]);
const a = t(src, 4), b = t(scan, 4);
console.log("chars", a.length, b.length, "CER", (distance(a, b) / a.length).toFixed(4), scan.engine);
console.log(a.slice(-200)); console.log(b.slice(-200));
