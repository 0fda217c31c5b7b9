/** SHA-256 of a file's bytes: a document's identity. */
import { createHash } from "node:crypto";

export function sha256(buf: Buffer): string {
  return createHash("sha256").update(buf).digest("hex");
}
