/** jixiao extract, jixiao text: one file at a time, nothing stored. */
import { oneLine } from "../errors.js";
import { err, fieldLines, out, shownPath, visible, write } from "./output.js";

export async function cmdExtract(files: string[], opts: { jsonl?: boolean; explain?: string | boolean }): Promise<number> {
  const [{ readFileChecked, readBuffer, recordOf }, { CATALOG }, { DocumentRecord }] = await Promise.all([
    import("../pipeline.js"),
    import("../extract/catalog.js"),
    import("../model.js"),
  ]);
  let failed = 0;
  for (const file of files) {
    try {
      const buf = await readFileChecked(file);
      if (opts.explain) {
        const doc = await readBuffer(buf);
        const { explainLines } = await import("../extract/explain.js");
        const field = typeof opts.explain === "string" ? opts.explain : undefined;
        if (field && !CATALOG.some((d) => d.name === field))
          throw new Error(`no field named ${JSON.stringify(field)} (see the README's field table)`);
        out(`== ${shownPath(file)} (${doc.format}, ${doc.engine}) ==`);
        for (const l of explainLines(doc, field)) out(visible(l));
        continue;
      }
      const { record: rec } = await recordOf(file, buf);
      const { text: _text, ...printable } = rec;
      // the record as defined once (model.ts), checked on the way out
      if (opts.jsonl) out(JSON.stringify(DocumentRecord.parse(printable)));
      else {
        out(`== ${shownPath(file)} (${rec.format}, ${rec.engine}, ${rec.document_kind}) ==`);
        for (const def of CATALOG) {
          const f = rec.fields[def.name];
          if (f) for (const l of fieldLines(def.name, f)) out(l);
        }
        for (const fl of rec.flags) out(`  ! ${fl.code}: ${fl.message}`);
      }
    } catch (e) {
      failed++;
      if (opts.jsonl) out(JSON.stringify({ file, error: oneLine(e), fields: {} }));
      err(`${file}: failed: ${oneLine(e)}`);
    }
  }
  return failed ? 1 : 0;
}

export async function cmdText(file: string, opts: { json?: boolean }): Promise<number> {
  const [{ readFileChecked, readBuffer }, { renderText }, { sha256 }] = await Promise.all([
    import("../pipeline.js"),
    import("../extract/document.js"),
    import("../hash.js"),
  ]);
  try {
    const buf = await readFileChecked(file);
    const doc = await readBuffer(buf);
    if (opts.json) out(JSON.stringify({ file, sha256: sha256(buf), ...doc }, null, 2));
    else write(process.stdout, renderText(doc).text);
    for (const m of doc.messages) if (m.level !== "info") err(`${file}: ${m.level}: ${m.message}`);
    return 0;
  } catch (e) {
    err(`${file}: failed: ${oneLine(e)}`);
    return 1;
  }
}
