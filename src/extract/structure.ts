/**
 * Structure recovered once, for every reader. Whatever format a report came in — text, a web page,
 * .docx, .doc, a PDF's text layer, OCR — its reader gives blocks, and this pass turns what the
 * format flattened back into structure, the same way for all of them:
 *   - control characters (C0 other than tab and newline, DEL) are not text: dropped;
 *   - tables flattened into runs of paragraphs are rebuilt (flat-tables.ts).
 * It runs at the end of reading (read.ts), so `jixiao text`, the stored block model and extraction
 * all see its result, and again on a stored model before it is extracted anew (it is idempotent).
 */
import type { Block, DocModel } from "../model.js";
import { rebuildFlatTables } from "./flat-tables.js";

/** C0 controls other than tab and newline (an ESC sequence, a NUL, a form feed left in a cell), and DEL. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
const CONTROLS = new RegExp(CONTROL.source, "g");

/** `s` without control characters (tab and newline kept). */
export function stripControls(s: string): string {
  return CONTROL.test(s) ? s.replace(CONTROLS, "") : s;
}

function withoutControls(b: Block): Block {
  if (b.kind === "paragraph") {
    const text = stripControls(b.text);
    return text === b.text ? b : { ...b, text };
  }
  let changed = false;
  const rows = b.rows.map((r) =>
    r.map((c) => {
      const text = stripControls(c.text);
      if (text === c.text) return c;
      changed = true;
      return { ...c, text };
    }),
  );
  return changed ? { ...b, rows } : b;
}

/** The document with its structure recovered (a new model; the reader's is not changed). */
export function recoverStructure(doc: DocModel): DocModel {
  const clean = doc.blocks.map(withoutControls).filter((b) => b.kind !== "paragraph" || b.text.trim() !== "");
  return { ...doc, blocks: rebuildFlatTables(clean) };
}
