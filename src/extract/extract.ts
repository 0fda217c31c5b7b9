/** DocModel → DocumentRecord: clean text, folding, sections, field rules, validation. */

import { sha256 } from "../hash.js";
import type { DocModel, DocumentKind, DocumentRecord, FieldValue, Flag, Indicator } from "../model.js";
import { fold, foldedOffset, unfoldRange } from "../normalize/text.js";
import { EXTRACTOR_VERSION } from "../version.js";
import { CATALOG } from "./catalog.js";
import { findChrome } from "./chrome.js";
import { renderText, spanAt, type TextDoc } from "./document.js";
import { locateValues } from "./geometry.js";
import { KIND_FIELDS } from "./identity.js";
import { foreignTo, gridOf, scoreTables } from "./indicators.js";
import { type Candidate, type Context, choose, type Rejection, runPattern, toFieldValue } from "./rules.js";
import { buildSections } from "./sections.js";
import { correctUnits, scoreTableSum, validate } from "./validate.js";

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
  return { doc, folded, clean, sections, lines, body, chrome, inChrome };
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

export function extractFields(doc: DocModel, opts: { explain?: boolean } = {}): ExtractResult {
  const ctx = buildContext(doc);
  const explain = opts.explain ? new Map<string, Explanation>() : undefined;
  let current = "";
  const entry = (name: string) => {
    let e = explain!.get(name);
    if (!e) explain!.set(name, (e = { candidates: [], rejected: [], chosen: null }));
    return e;
  };
  if (explain) ctx.trace = (r) => entry(current).rejected.push(r);
  const fields: { [name: string]: FieldValue | null } = {};
  const flags: Flag[] = [];
  const candidates = new Map<string, Candidate[]>();
  const winners = new Map<string, Candidate>();
  const collect = (def: (typeof CATALOG)[number]) => {
    const cands: Candidate[] = [];
    current = def.name;
    for (const rule of def.rules) {
      const found = typeof rule === "function" ? rule(ctx) : runPattern(ctx, rule, def.kind);
      for (const c of found) {
        // page chrome is never the unit, the year, the date or a figure of the report
        if (!def.fromChrome && c.end > c.start && ctx.inChrome(c.start)) {
          ctx.trace?.({ rule: c.rule, guard: "in the page's chrome (publication metadata, banner)", start: c.start, end: c.end });
          continue;
        }
        if (def.kind === "money") {
          const { candidate, flag } = correctUnits(ctx, def.name, c);
          cands.push(candidate);
          if (flag && !flags.some((f) => f.code === flag.code && f.fields[0] === def.name)) flags.push(flag);
        } else cands.push(c);
      }
    }
    candidates.set(def.name, cands);
  };
  const IDENTITY = ["document_kind", "unit_name", "fiscal_year"];
  for (const def of CATALOG) if (IDENTITY.includes(def.name)) collect(def);
  const choose1 = (name: string) => {
    const { winner, flags: f } = choose(name, candidates.get(name) ?? []);
    flags.push(...f);
    if (explain) Object.assign(entry(name), { candidates: candidates.get(name) ?? [], chosen: winner });
    if (winner) winners.set(name, winner);
    const fv = winner ? toFieldValue(ctx, winner) : null;
    // a value read by OCR is less certain
    if (fv && spanAt(ctx.clean, fv.evidence.start)?.ocr) {
      fv.confidence = Math.round(fv.confidence * 0.7 * 100) / 100;
      fv.rule += "+ocr";
    }
    fields[name] = fv;
  };
  // identity first: tables are checked against the report's own unit and year
  for (const name of IDENTITY) choose1(name);
  // in the folded (simplified) form rules match against, with the span of the mention it was read from
  const unit = winners.get("unit_name");
  ctx.identity = {
    unitName: unit ? String(unit.value) : null,
    unitSpan: unit ? [unit.start, unit.end] : null,
    year: (fields.fiscal_year?.value as number) ?? null,
  };
  for (const def of CATALOG) if (!IDENTITY.includes(def.name)) collect(def);
  const indicators: Indicator[] = [];
  for (const t of scoreTables(doc.blocks)) {
    indicators.push(...t.indicators);
    const sumFlag = scoreTableSum(t, () => otherScores(doc, t.blockIndex));
    if (sumFlag) flags.push(sumFlag);
    const foreign = foreignTo(t, (fields.unit_name?.value as string) ?? null, (fields.fiscal_year?.value as number) ?? null);
    if (foreign) {
      flags.push({ code: "foreign_table", fields: ["self_score"], message: `score table ignored for the unit's own figures: ${foreign}` });
      continue;
    }
    if (t.total) {
      const span = ctx.clean.spans.find((sp) => sp.block === t.blockIndex);
      if (span) {
        const line = ctx.clean.text
          .slice(span.start, span.end)
          .split("\n")
          .findIndex((l) => /^(?:总分|合计|总计|综合得分|自评总分)\t/.test(l.trim()));
        const lines = ctx.clean.text.slice(span.start, span.end).split("\n");
        const off = span.start + lines.slice(0, Math.max(0, line)).reduce((n, l) => n + l.length + 1, 0);
        const fStart = foldedOffset(ctx.folded, off);
        const fEnd = fStart + Math.max(1, (lines[line] ?? "").length);
        const list = candidates.get("self_score") ?? [];
        list.push({
          value: t.total.score,
          exact: String(t.total.score),
          unit: "分",
          confidence: 0.8,
          rule: "self_score.score_table_total",
          start: fStart,
          end: fEnd,
        });
        candidates.set("self_score", list);
      }
    }
  }
  for (const def of CATALOG) if (!(def.name in fields)) choose1(def.name);
  // a notice or a single project's report: no unit-level figures are forced out of it
  // (only when the kind was recognised, not when it is the default for a text that says too little)
  const kindKnown = fields.document_kind && fields.document_kind.rule !== "document_kind.default";
  const allowed = kindKnown ? (KIND_FIELDS[fields.document_kind!.value as string] ?? "all") : "all";
  if (allowed !== "all") for (const name of Object.keys(fields)) if (!allowed.has(name)) fields[name] = null;
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

/** Numbers in the 得分 columns of the other tables near a score table (the budget part of a 自评表). */
function otherScores(doc: DocModel, scoreBlock: number): number[] {
  const out: number[] = [];
  for (let k = Math.max(0, scoreBlock - 4); k < scoreBlock; k++) {
    const b = doc.blocks[k];
    if (b.kind !== "table") continue;
    const grid = gridOf(b);
    const h = grid.findIndex((row) => row.some((c) => /^得分/.test(c.replace(/\s+/g, ""))));
    if (h < 0) continue;
    const col = grid[h].findIndex((c) => /^得分/.test(c.replace(/\s+/g, "")));
    for (const row of grid.slice(h + 1)) {
      const v = Number((row[col] ?? "").trim());
      if (row[col]?.trim() && Number.isFinite(v)) out.push(v);
    }
  }
  return out;
}

/**
 * What extraction makes of a document model: fields (with their boxes on PDF pages, where the reader
 * kept its glyphs), flags (the reader's warnings among them), the score table and the kind. Used for
 * a file read now (toRecord) and for a stored model read again (reextract).
 */
export function extractDocument(
  doc: DocModel,
): Pick<DocumentRecord, "fields" | "flags" | "indicators" | "document_kind"> & { text: string } {
  const r = extractFields(doc);
  locateValues(doc, r.fields, r.context.clean.text);
  const flags: Flag[] = [...r.flags];
  for (const m of doc.messages)
    if (m.level !== "info") flags.push({ code: "reader_warning", fields: [], message: `${m.code}: ${m.message}` });
  return { fields: r.fields, flags, indicators: r.indicators, document_kind: r.document_kind, text: r.context.clean.text };
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
    text: r.text,
  };
}
