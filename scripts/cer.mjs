#!/usr/bin/env node
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
// Character error rate of `jixiao text` against the source text, for every bundled fixture format.
//   node scripts/cer.mjs        (after npm run build)
import { distance } from "fastest-levenshtein";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const norm = (s) =>
  s
    .replace(/\[bookmark: [^\]]*\]/g, "")
    .normalize("NFKC")
    .replace(/\s+/g, "");
const sets = [
  ["seeds", join(root, "fixtures", "reports", "seeds"), join(root, "fixtures", "reports", "seeds-as")],
  ["variants", join(root, "fixtures", "src", "variants"), join(root, "fixtures", "reports", "variants")],
];
const rows = [];
for (const [name, srcDir, outDir] of sets) {
  for (const kind of readdirSync(outDir)) {
    for (const f of readdirSync(join(outDir, kind))) {
      const stem = f.replace(/\.[^.]+$/, "");
      const src = join(srcDir, `${stem}.txt`);
      if (!existsSync(src)) continue;
      const got = execFileSync(process.execPath, [join(root, "dist", "cli.js"), "text", join(outDir, kind, f)], {
        encoding: "utf8",
        maxBuffer: 1 << 26,
      });
      const a = norm(readFileSync(src, "utf8"));
      rows.push({ set: name, kind, file: f, cer: distance(a, norm(got)) / a.length });
    }
  }
}
const byKind = new Map();
for (const r of rows) byKind.set(`${r.set}/${r.kind}`, [...(byKind.get(`${r.set}/${r.kind}`) ?? []), r.cer]);
for (const [k, v] of byKind)
  console.log(
    `${k.padEnd(20)} files=${v.length} max CER=${(100 * Math.max(...v)).toFixed(2)}%  mean=${((100 * v.reduce((a, b) => a + b, 0)) / v.length).toFixed(2)}%`,
  );
const ok = rows.filter((r) => r.cer <= 0.02).length;
console.log(`${ok}/${rows.length} files (${((100 * ok) / rows.length).toFixed(1)}%) at CER ≤ 2%`);
