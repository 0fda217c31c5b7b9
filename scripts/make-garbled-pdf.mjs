#!/usr/bin/env node
// Writes PDFs whose fonts lost their ToUnicode maps, from bundled report PDFs, with MuPDF (CI has no
// qpdf): fixtures/broken/no-tounicode.pdf and no-tounicode-2.pdf (LibreOffice PDFs, Identity-H subset fonts).
// Their text layers decode to garbage in every engine; jixiao must notice and read them by OCR.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as mupdf from "mupdf";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
function strip(src, dst) {
  const doc = mupdf.Document.openDocument(readFileSync(src), "application/pdf").asPDF();
  let removed = 0;
  for (let i = 0; i < doc.countPages(); i++) {
    const fonts = doc.loadPage(i).getObject().get("Resources").get("Font");
    if (!fonts || fonts.isNull()) continue;
    fonts.forEach((font) => {
      const f = font.resolve();
      if (f.get("ToUnicode") && !f.get("ToUnicode").isNull()) {
        f.delete("ToUnicode");
        removed++;
      }
    });
  }
  writeFileSync(dst, doc.saveToBuffer("garbage=compact").asUint8Array());
  console.log(`${dst}: ${removed} ToUnicode maps removed`);
}
strip(
  join(root, "fixtures", "reports", "seeds-as", "pdf", "004_70a4941c04d84bdd.pdf"),
  join(root, "fixtures", "broken", "no-tounicode.pdf"),
);
strip(join(root, "fixtures", "labelled-as", "pdf", "l01.pdf"), join(root, "fixtures", "broken", "no-tounicode-2.pdf"));
