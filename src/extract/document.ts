/**
 * DocModel → clean text with a page map. The clean text is what `jixiao text` prints and what
 * evidence offsets point into: paragraphs on their own lines, table rows as tab-separated cells.
 */
import type { Block, DocModel } from "../model.js";

export interface Span {
  start: number;
  end: number;
  page: number | null;
  block: number;
  /** the block was read by OCR */
  ocr?: boolean;
}

export interface TextDoc {
  text: string;
  spans: Span[];
}

export function blockLines(b: Block): string[] {
  if (b.kind === "paragraph") return [b.text];
  return b.rows.map((r) => r.map((c) => c.text.replace(/[\t\n\r]+/g, " ")).join("\t"));
}

export function renderText(doc: DocModel): TextDoc {
  let text = "";
  const spans: Span[] = [];
  doc.blocks.forEach((b, i) => {
    const body = blockLines(b).join("\n");
    const start = text.length;
    text += `${body}\n`;
    spans.push({ start, end: start + body.length, page: b.page, block: i, ...(b.ocr ? { ocr: true } : {}) });
  });
  return { text, spans };
}

/** The page of a clean-text offset (binary search over spans). */
export function pageAt(doc: TextDoc, offset: number): number | null {
  return spanAt(doc, offset)?.page ?? null;
}

/** The block span holding a clean-text offset. */
export function spanAt(doc: TextDoc, offset: number): Span | undefined {
  let lo = 0;
  let hi = doc.spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = doc.spans[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset > s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}
