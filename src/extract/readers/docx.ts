/** .docx via mammoth: convertToHtml keeps tables with merged cells; the HTML becomes blocks. */
import mammoth from "mammoth";
import { ReadError } from "../../errors.js";
import type { DocModel, Message } from "../../model.js";
import { checkZip } from "../zip.js";
import { htmlToBlocks } from "./html.js";

export async function readDocx(buf: Buffer): Promise<DocModel> {
  checkZip(buf);
  let result: { value: string; messages: Array<{ type: string; message: string }> };
  try {
    result = await mammoth.convertToHtml({ buffer: buf }, { ignoreEmptyParagraphs: true });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (/end of central directory|corrupt|invalid|zip/i.test(msg)) throw new ReadError(`damaged .docx (${msg})`, "corrupt");
    throw new ReadError(`cannot read .docx: ${msg}`, "corrupt");
  }
  const messages: Message[] = result.messages
    .filter((m) => m.type !== "info")
    .slice(0, 20)
    .map((m) => ({ level: "warning" as const, code: "mammoth", message: m.message }));
  const blocks = htmlToBlocks(result.value);
  return { format: "docx", pages: null, blocks, engine: "mammoth", messages };
}
