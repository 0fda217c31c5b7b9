/** A worker thread of the page renderer (render.ts): renders the pages it is sent, one at a time. */
import { parentPort } from "node:worker_threads";
import { PageImageError, renderPng } from "./render-page.js";

export interface RenderJob {
  id: number;
  path: string;
  sha: string;
  page: number;
  base?: string;
}
export type RenderReply = { id: number; png: Uint8Array } | { id: number; error: string; pageError: boolean };

parentPort?.on("message", async (job: RenderJob) => {
  let reply: RenderReply;
  try {
    reply = { id: job.id, png: await renderPng(job.path, job.sha, job.page, job.base) };
  } catch (e) {
    reply = { id: job.id, error: e instanceof Error ? e.message : String(e), pageError: e instanceof PageImageError };
  }
  parentPort!.postMessage(reply, "png" in reply ? [reply.png.buffer as ArrayBuffer] : []);
});
