/** The stored form of a reader's block model: gzip'd JSON. Packed in the workers, off the writing thread. */
import { gunzipSync, gzipSync } from "node:zlib";
import type { DocModel } from "../model.js";

export function packModel(model: DocModel): Buffer {
  return gzipSync(JSON.stringify(model));
}

export function unpackModel(blob: Uint8Array): DocModel {
  return JSON.parse(gunzipSync(blob).toString("utf8")) as DocModel;
}
