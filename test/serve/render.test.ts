/**
 * Page images under load, for real: `jixiao serve` on loopback with PDFs imported, many page images
 * asked for at once. Pages render in worker threads, so the list is answered while they render; the
 * renderings waiting for a worker are bounded (503 with Retry-After beyond), and the server goes on.
 */
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES } from "../helpers.js";
import { jixiao } from "../run.js";
import { startServer, startServerProcess } from "./server.js";

let base = "";
let db = "";
let ids: string[] = [];
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-render-"));
  db = join(dir, "r.db");
  const pdfs = join(FIXTURES, "reports", "variants", "pdf");
  expect(jixiao(["import", pdfs, "--db", db, "--no-progress"]).code).toBe(0);
  ids = readdirSync(pdfs).map((f) => String(JSON.parse(jixiao(["show", join(pdfs, f), "--db", db, "--json"]).stdout).id));
  base = await startServer(db);
}, 60_000);

describe("page images under load", () => {
  it("the list is answered while twenty page images render", async () => {
    const done: string[] = [];
    const images = ids.slice(0, 10).flatMap((id) =>
      [1, 2].map((n) =>
        fetch(`${base}doc/${id}/page/${n}.png`).then(async (r) => {
          await r.arrayBuffer();
          done.push(`image ${r.status}`);
          return r.status;
        }),
      ),
    );
    // the list asked for once the first image is back: the others are rendering then
    let first: () => void = () => {};
    const firstBack = new Promise<void>((r) => {
      first = r;
    });
    const poll = setInterval(() => done.length > 0 && first(), 5);
    await firstBack;
    clearInterval(poll);
    const list = fetch(base).then(async (r) => {
      expect(await r.text()).toContain("14 documents");
      done.push("list");
      return r.status;
    });
    expect(await list).toBe(200);
    const statuses = await Promise.all(images);
    expect(statuses.every((s) => s === 200 || s === 404)).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(10);
    // (the renderer's thread is not the server's: the list does not wait for the images)
    expect(done.indexOf("list")).toBeLessThan(8);
  });

  it("beyond the renderings that may wait, a page image is a 503 with Retry-After; the server goes on", async () => {
    const asked = ids.flatMap((id) => Array.from({ length: 15 }, (_, k) => `${base}doc/${id}/page/${k + 3}.png`));
    expect(asked.length).toBeGreaterThan(200);
    const answers = await Promise.all(
      asked.map(async (u) => {
        const r = await fetch(u);
        await r.arrayBuffer();
        return { status: r.status, retry: r.headers.get("retry-after") };
      }),
    );
    const busy = answers.filter((a) => a.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.every((a) => a.retry === "1")).toBe(true);
    // the others rendered, or said there is no such page
    expect(answers.every((a) => [200, 404, 503].includes(a.status))).toBe(true);
    // and afterwards everything works
    expect((await fetch(base)).status).toBe(200);
    const again = await fetch(`${base}doc/${ids[0]}/page/1.png`);
    expect(again.status).toBe(200);
    expect(
      Buffer.from(await again.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
  });

  it("a server that has rendered pages still stops on SIGTERM (its idle renderers keep nothing alive)", async () => {
    const { url, proc } = await startServerProcess(db);
    const exited = new Promise<number | null>((r) => proc.on("exit", (code) => r(code)));
    expect((await fetch(`${url}doc/${ids[1]}/page/1.png`)).status).toBe(200);
    proc.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 30_000);
});
