/** Old Word (.doc, OLE2) via word-extractor. Tables come back as tab-separated lines. */
import { ReadError } from "../../errors.js";
import type { DocModel } from "../../model.js";
import { checkCompoundFile } from "../ole.js";
import { textToBlocks } from "./text.js";

export async function readDoc(buf: Buffer): Promise<DocModel> {
  // a looping sector chain would make word-extractor abort the whole process: check them all first
  checkCompoundFile(buf);
  let body: string;
  try {
    const { default: WordExtractor } = await import("word-extractor");
    const doc = await new WordExtractor().extract(buf);
    body = doc.getBody({ filterUnicode: false } as never);
  } catch (err) {
    throw new ReadError(`cannot read .doc: ${err instanceof Error ? err.message : String(err)}`, "corrupt");
  }
  // word-extractor turns Word's cell and row end marks (\x07) into tabs: recover the rows
  const { blocks } = textToBlocks(recoverRows(body.replace(/\r/g, "\n")));
  if (blocks.length === 0) throw new ReadError("Word document has no text", "empty");
  return { format: "doc", pages: null, blocks, engine: "word-extractor", messages: [] };
}

/**
 * A Word table comes out of word-extractor as one line of tab-terminated fields where every row is
 * its cells followed by one empty field (the row-end mark). Finds the smallest cell count N for
 * which every (N+1)-th field is empty and puts each row on its own line; lines that fit no N
 * (rows of different widths) are left as they are.
 */
export function recoverRows(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      const tabs = line.split("\t").length - 1;
      if (tabs < 6) return line;
      const fields = line.split("\t");
      if (fields[fields.length - 1] === "") fields.pop();
      for (let n = 2; n <= 40; n++) {
        if (fields.length % (n + 1) !== 0 || fields.length / (n + 1) < 2) continue;
        let ok = true;
        for (let i = n; i < fields.length && ok; i += n + 1) if (fields[i] !== "") ok = false;
        // the first row (usually a header) has at most one empty cell (a corner)
        if (ok && fields.slice(0, n).filter((f) => f.trim() === "").length <= 1) {
          const rows: string[] = [];
          for (let i = 0; i < fields.length; i += n + 1) rows.push(fields.slice(i, i + n).join("\t"));
          return rows.join("\n");
        }
      }
      return line;
    })
    .join("\n");
}
