/** DocModel → DocumentRecord: clean text, folding, sections, field rules, validation. */

import { sha256 } from "../hash.js";
import type { DocModel, DocumentKind, DocumentRecord, FieldValue, Flag, Indicator } from "../model.js";
import { fold, foldedOffset, unfoldRange } from "../normalize/text.js";
import { storable } from "../normalize/typed.js";
import { EXTRACTOR_VERSION } from "../version.js";
import { budgetTables } from "./budget-tables.js";
import { CATALOG, type FieldDef } from "./catalog.js";
import { findChrome } from "./chrome.js";
import { renderText, spanAt, type TextDoc } from "./document.js";
import { locateLines, locateValues } from "./geometry.js";
import { kindCarries } from "./identity.js";
import { tableDisagreement } from "./line-fields.js";
import { type Candidate, type Context, choose, type Rejection, runPattern, toFieldValue } from "./rules.js";
import { buildSections } from "./sections.js";
import { foreignToChosen, scoreTablesOf } from "./tables.js";
import { correctUnits, otherScores, scoreTableSum, validate } from "./validate.js";

export function buildContext(doc: DocModel): Context {
  const clean: TextDoc = renderText(doc);
  const folded = fold(clean.text);
  const lines: Context["lines"] = [];
  let pos = 0;
  for (const text of folded.text.split("\n")) {
    lines.push({ start: pos, text });
    pos += text.length + 1;
  }
  // headings marked as such by the source (Word heading styles, <h2>): folded line start → level
  const styled = new Map<number, number>();
  for (const span of clean.spans) {
    const b = doc.blocks[span.block];
    if (b.kind === "paragraph" && b.headingLevel) {
      styled.set(foldedOffset(folded, span.start), b.headingLevel);
    }
  }
  const sections = buildSections(
    folded.text,
    (s) => styled.get(s),
    (s, e) => {
      const [cs, ce] = unfoldRange(folded, s, e);
      return clean.text.slice(cs, ce);
    },
  );
  const chrome = findChrome(lines);
  const body = lines.filter((l, i) => l.text.trim() && !chrome.lines.has(i));
  const starts = lines.map((l) => l.start);
  const inChrome = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return chrome.lines.has(lo);
  };
  const chosen = (field: string): never => {
    throw new Error(`${field} asked for outside extraction: no field has been chosen`);
  };
  return { doc, folded, clean, sections, lines, body, chrome, inChrome, chosen };
}

/** Per field, for `extract --explain`: every candidate, the one chosen, and the matches guards turned down. */
export interface Explanation {
  candidates: Candidate[];
  rejected: Rejection[];
  chosen: Candidate | null;
}

export interface ExtractResult {
  /** filled when extraction was asked to explain itself */
  explain?: Map<string, Explanation>;
  fields: { [name: string]: FieldValue | null };
  flags: Flag[];
  indicators: Indicator[];
  context: Context;
  document_kind: DocumentKind;
}

/**
 * The order fields are extracted in: the catalog's, except that a field comes after the fields it
 * `needs` (whose chosen values its rules read). Throws on a need that is no field or on a cycle.
 */
export function extractionOrder(catalog: readonly FieldDef[]): FieldDef[] {
  const names = new Set(catalog.map((d) => d.name));
  for (const d of catalog)
    for (const n of d.needs ?? []) if (!names.has(n)) throw new Error(`field ${d.name} needs ${n}, which is no field of the catalog`);
  const order: FieldDef[] = [];
  const placed = new Set<string>();
  while (order.length < catalog.length) {
    const next = catalog.find((d) => !placed.has(d.name) && (d.needs ?? []).every((n) => placed.has(n)));
    if (!next) {
      const left = catalog.filter((d) => !placed.has(d.name)).map((d) => d.name);
      throw new Error(`fields that need each other: ${left.join(", ")}`);
    }
    order.push(next);
    placed.add(next.name);
  }
  return order;
}

const ORDER = extractionOrder(CATALOG);

export function extractFields(doc: DocModel, opts: { explain?: boolean; catalog?: readonly FieldDef[] } = {}): ExtractResult {
  const catalog = opts.catalog ?? CATALOG;
  const order = catalog === CATALOG ? ORDER : extractionOrder(catalog);
  const ctx = buildContext(doc);
  const explain = opts.explain ? new Map<string, Explanation>() : undefined;
  let current: FieldDef | null = null;
  const entry = (name: string) => {
    let e = explain!.get(name);
    if (!e) explain!.set(name, (e = { candidates: [], rejected: [], chosen: null }));
    return e;
  };
  if (explain) ctx.trace = (r) => entry(current!.name).rejected.push(r);
  const chosen: { [name: string]: FieldValue | null } = {};
  const flags: Flag[] = [];
  const winners = new Map<string, Candidate>();
  ctx.chosen = (name) => {
    if (!current?.needs?.includes(name))
      throw new Error(`field ${current?.name} reads ${name} without declaring it in its needs (catalog.ts)`);
    return winners.get(name) ?? null;
  };
  for (const def of order) {
    current = def;
    const cands: Candidate[] = [];
    for (const rule of def.rules) {
      const found = typeof rule === "function" ? rule(ctx) : runPattern(ctx, rule, def.kind);
      for (const c of found) {
        // page chrome is never the unit, the year, the date or a figure of the report
        if (!def.fromChrome && c.end > c.start && ctx.inChrome(c.start)) {
          ctx.trace?.({ rule: c.rule, guard: "in the page's chrome (publication metadata, banner)", start: c.start, end: c.end });
          continue;
        }
        // a number beyond what the store holds exactly would not be one value everywhere (1e+30 here, 2^63-1 there)
        if (typeof c.value === "number" && !storable(c.value)) {
          ctx.trace?.({ rule: c.rule, guard: `${c.value} is beyond what jixiao stores exactly`, start: c.start, end: c.end });
          if (!flags.some((f) => f.code === "out_of_range" && f.fields[0] === def.name))
            flags.push({
              code: "out_of_range",
              fields: [def.name],
              message: `${def.name}: ${c.value} is beyond what jixiao stores exactly; not stored`,
            });
          continue;
        }
        if (def.kind === "money") {
          const { candidate, flag } = correctUnits(ctx, def.name, c);
          cands.push(candidate);
          if (flag && !flags.some((f) => f.code === flag.code && f.fields[0] === def.name)) flags.push(flag);
        } else cands.push(c);
      }
    }
    const { winner, flags: f } = choose(def.name, cands);
    flags.push(...f);
    const disagreement = tableDisagreement(def.name, winner, cands);
    if (disagreement) flags.push(disagreement);
    if (explain) Object.assign(entry(def.name), { candidates: cands, chosen: winner });
    if (winner) winners.set(def.name, winner);
    const fv = winner ? toFieldValue(ctx, winner) : null;
    // a value read by OCR is less certain
    if (fv && spanAt(ctx.clean, fv.evidence.start)?.ocr) {
      fv.confidence = Math.round(fv.confidence * 0.7 * 100) / 100;
      fv.rule += "+ocr";
    }
    chosen[def.name] = fv;
  }
  current = null;
  // the output in the catalog's order
  const fields: { [name: string]: FieldValue | null } = {};
  for (const def of catalog) fields[def.name] = chosen[def.name];
  const indicators: Indicator[] = [];
  const unit = winners.get("unit_name");
  const year = winners.get("fiscal_year");
  for (const t of scoreTablesOf(ctx)) {
    indicators.push(...t.indicators);
    const sumFlag = scoreTableSum(t, () => otherScores(doc.blocks, t.blockIndex));
    if (sumFlag) flags.push(sumFlag);
    const foreign = foreignToChosen(t.headingText, unit ?? null, year ?? null);
    if (foreign)
      flags.push({ code: "foreign_table", fields: ["self_score"], message: `score table ignored for the unit's own figures: ${foreign}` });
  }
  // a notice or a single project's report: no unit-level figures are forced out of it
  // (only when the kind was recognised, not when it is the default for a text that says too little)
  const kindKnown = fields.document_kind && fields.document_kind.rule !== "document_kind.default";
  if (kindKnown) for (const name of Object.keys(fields)) if (!kindCarries(fields.document_kind!.value as string, name)) fields[name] = null;
  // a unit_corrected flag only matters when the corrected candidate was chosen
  const kept = flags.filter((f) => f.code !== "unit_corrected" || fields[f.fields[0]]?.rule.endsWith("+unit_corrected"));
  kept.push(...validate(fields));
  return {
    explain,
    fields,
    flags: kept,
    indicators,
    context: ctx,
    document_kind: (fields.document_kind?.value as DocumentKind | undefined) ?? "其他",
  };
}

/**
 * What extraction makes of a document model: fields (with their boxes on PDF pages, where the reader
 * kept its glyphs), flags (the reader's warnings among them), the score table and the kind. Used for
 * a file read now (toRecord) and for a stored model read again (reextract).
 */
export function extractDocument(
  doc: DocModel,
): Pick<DocumentRecord, "fields" | "flags" | "indicators" | "document_kind" | "tables"> & { text: string } {
  const r = extractFields(doc);
  const tables = budgetTables(r.context);
  locateValues(doc, r.fields, r.context.clean.text);
  locateLines(doc, tables, r.context.clean.text);
  const flags: Flag[] = [...r.flags];
  for (const m of doc.messages)
    if (m.level !== "info") flags.push({ code: "reader_warning", fields: [], message: `${m.code}: ${m.message}` });
  return { fields: r.fields, flags, indicators: r.indicators, document_kind: r.document_kind, tables, text: r.context.clean.text };
}

/** One document's record, as `extract --jsonl` prints it and the store keeps it. */
export function toRecord(file: string, buf: Buffer, doc: DocModel): DocumentRecord & { text: string } {
  const r = extractDocument(doc);
  return {
    file,
    sha256: sha256(buf),
    format: doc.format,
    size: buf.length,
    pages: doc.pages,
    engine: doc.engine,
    document_kind: r.document_kind,
    extractor_version: EXTRACTOR_VERSION,
    fields: r.fields,
    flags: r.flags,
    indicators: r.indicators,
    messages: doc.messages,
    tables: r.tables,
    text: r.text,
  };
}
