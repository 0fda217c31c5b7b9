/** Old Word (.doc, OLE2) via word-extractor. Tables come back as tab-separated lines. */
import WordExtractor from "word-extractor";
import { ReadError } from "../../errors.js";
import type { DocModel } from "../../model.js";
import { textToBlocks } from "./text.js";

export async function readDoc(buf: Buffer): Promise<DocModel> {
  let body: string;
  try {
    const doc = await new WordExtractor().extract(buf);
    body = doc.getBody({ filterUnicode: false } as never);
  } catch (err) {
    throw new ReadError(`cannot read .doc: ${err instanceof Error ? err.message : String(err)}`, "corrupt");
  }
  // word-extractor ends table cells with \t and rows with \n; \r are paragraph marks
  const { blocks } = textToBlocks(body.replace(/\r/g, "\n"));
  if (blocks.length === 0) throw new ReadError("Word document has no text", "empty");
  return { format: "doc", pages: null, blocks, engine: "word-extractor", messages: [] };
}
