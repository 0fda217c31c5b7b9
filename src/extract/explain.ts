/**
 * `jixiao extract FILE --explain [FIELD]`: every candidate of a field with its source (sentence,
 * cover line, table cell …, from the rule id), its score, which one was chosen, and every match a
 * guard turned down with the guard's reason. What to read when a number looks odd.
 */
import type { DocModel, FieldValue } from "../model.js";
import { unfoldRange } from "../normalize/text.js";
import { CATALOG } from "./catalog.js";
import { extractFields } from "./extract.js";
import type { Context } from "./rules.js";

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

function around(ctx: Context, start: number, end: number, pad = 14): string {
  const [s, e] = unfoldRange(ctx.folded, start, Math.max(end, start));
  const t = ctx.clean.text;
  return `${s > pad ? "…" : ""}${oneLine(t.slice(Math.max(0, s - pad), s))}[${oneLine(t.slice(s, e))}]${oneLine(t.slice(e, e + pad))}${e + pad < t.length ? "…" : ""}`;
}

const show = (v: string | number | null) => (v === null ? "—" : typeof v === "string" ? v : JSON.stringify(v));

/** The explanation as printable lines; `only` limits it to one field. */
export function explainLines(doc: DocModel, only?: string): string[] {
  const r = extractFields(doc, { explain: true });
  const ctx = r.context;
  const lines: string[] = [];
  for (const def of CATALOG) {
    if (only && def.name !== only) continue;
    // extractFields under explain keeps an entry for every field of the catalog
    const e = r.explain!.get(def.name)!;
    const got: FieldValue | null = r.fields[def.name] ?? null;
    const cands = e.candidates;
    if (!only && !got && cands.length === 0 && !e.rejected.length) continue;
    const why = got
      ? `${show(got.value)}  (${got.rule}, ${got.confidence})`
      : cands.length
        ? e.chosen
          ? "— (emptied: the document's kind carries no such field)"
          : "— (no single best candidate; see the flags)"
        : "— (no candidate)";
    lines.push(`${def.name} → ${why}`);
    for (const c of [...cands].sort((a, b) => b.confidence - a.confidence)) {
      const mark = e.chosen === c ? "✓" : " ";
      lines.push(`  ${mark} ${show(c.value).padEnd(14)} ${c.confidence.toFixed(2)}  ${c.rule.padEnd(34)} ${around(ctx, c.start, c.end)}`);
    }
    for (const x of e.rejected) lines.push(`  ✗ ${x.rule.padEnd(34)} ${x.guard}: ${around(ctx, x.start, x.end, 6)}`);
  }
  for (const f of r.flags) if (!only || f.fields.includes(only)) lines.push(`! ${f.code}: ${f.message}`);
  return lines;
}
