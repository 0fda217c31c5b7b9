import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseUrlList } from "../src/download.js";
import { FIXTURES } from "./helpers.js";
import { CLI } from "./run.js";

const PDF = readFileSync(join(FIXTURES, "reports", "seeds-as", "pdf", "001_7677739c59076178.pdf"));
const HTML = readFileSync(join(FIXTURES, "reports", "seeds-as", "html", "001_7677739c59076178.doc"));
const TXT = readFileSync(join(FIXTURES, "reports", "seeds", "004_70a4941c04d84bdd.txt"));
const BAD = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(2000, 0x41)]);
const etag = (b: Buffer) => `"${createHash("sha256").update(b).digest("hex").slice(0, 16)}"`;

let server: Server;
let base = "";
const seen: Array<{ url: string; inm?: string; ims?: string }> = [];
let flaky = 0;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    seen.push({
      url: req.url!,
      inm: req.headers["if-none-match"] as string | undefined,
      ims: req.headers["if-modified-since"] as string | undefined,
    });
    const send = (body: Buffer, type: string, extra: Record<string, string> = {}) => {
      if (req.headers["if-none-match"] === etag(body)) {
        res.writeHead(304, { etag: etag(body) });
        return res.end();
      }
      res.writeHead(200, {
        "content-type": type,
        "content-length": body.length,
        etag: etag(body),
        "last-modified": "Tue, 01 Jul 2025 08:00:00 GMT",
        ...extra,
      });
      res.end(body);
    };
    switch (req.url) {
      case "/report.pdf":
        return send(PDF, "application/pdf");
      case "/page.doc": // a web page saved under a .doc name
        return send(HTML, "text/html; charset=gb2312");
      case "/flaky.txt":
        if (flaky++ < 2) {
          res.writeHead(503);
          return res.end("busy");
        }
        return send(TXT, "text/plain; charset=utf-8");
      case "/huge.pdf":
        res.writeHead(200, { "content-type": "application/pdf" }); // no length: the limit is checked while streaming
        res.write(Buffer.alloc(1024 * 1024, 32));
        res.write(Buffer.alloc(1024 * 1024, 32));
        return res.end();
      case "/bad.pdf": // bytes no reader can read: its import fails
        return send(BAD, "application/pdf");
      case "/redirect":
        res.writeHead(302, { location: "/report.pdf" });
        return res.end();
      case "/copy.pdf": // the same bytes as /report.pdf under another address
        return send(PDF, "application/pdf");
      case "/slow.pdf":
        setTimeout(() => send(PDF, "application/pdf"), 4000);
        return;
      default:
        res.writeHead(404);
        res.end("not found");
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d));
    p.stderr.on("data", (d: Buffer) => (stderr += d));
    p.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("import --urls against a real HTTP server on 127.0.0.1", () => {
  it("downloads, retries, limits, archives by content, stores the source URL, and uses conditional GET on re-runs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jixiao-dl-"));
    const list = join(dir, "urls.txt");
    writeFileSync(
      list,
      [
        `# nightly list`,
        `${base}/report.pdf\t沅陵县\t2024`,
        `${base}/page.doc`,
        `${base}/flaky.txt`,
        `${base}/missing.pdf`,
        `${base}/slow.pdf`,
        `ftp://example.invalid/x.pdf`,
        "",
      ].join("\n"),
    );
    const db = join(dir, "u.db");
    const r = await run(["import", "--urls", list, "--db", db, "--json", "--timeout", "2", "--max-mb", "1"]);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const by = (u: string) => lines.find((l) => l.url === `${base}${u}`);
    expect(by("/report.pdf").status).toBe("imported");
    expect(by("/page.doc").status).toBe("imported");
    expect(by("/flaky.txt").status).toBe("imported");
    expect(by("/missing.pdf")).toMatchObject({ status: "failed", error: "HTTP 404 Not Found" });
    expect(by("/slow.pdf").status).toBe("failed");
    expect(by("/slow.pdf").error).toMatch(/timed out after 2 s/);
    expect(r.stderr).toContain("line 7: only http and https URLs are fetched: ftp:");
    expect(r.code).toBe(1);
    expect(seen.filter((s) => s.url === "/flaky.txt")).toHaveLength(3);
    // archived by content hash, with the detected format as extension
    const sha = createHash("sha256").update(PDF).digest("hex");
    expect(by("/report.pdf").file).toBe(join(dir, "jixiao-archive", sha.slice(0, 2), `${sha}.pdf`));
    expect(by("/page.doc").file).toMatch(/\.html$/);
    const d = new Database(db, { readonly: true });
    expect(d.prepare("SELECT source_url FROM documents WHERE sha256 = ?").get(sha)).toEqual({ source_url: `${base}/report.pdf` });
    expect(d.prepare("SELECT meta FROM downloads WHERE url = ?").get(`${base}/report.pdf`)).toEqual({
      meta: JSON.stringify(["沅陵县", "2024"]),
    });
    d.close();

    // the second night: unchanged files answer 304 and are not downloaded again
    seen.length = 0;
    const again = await run(["import", "--urls", list, "--db", db, "--json", "--timeout", "2"]);
    const lines2 = again.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines2.find((l) => l.url === `${base}/report.pdf`).status).toBe("unchanged");
    expect(seen.find((s) => s.url === "/report.pdf")?.inm).toBe(etag(PDF));
    const d2 = new Database(db, { readonly: true });
    expect(d2.prepare("SELECT count(*) n FROM documents").get()).toEqual({ n: 3 });
    d2.close();
  });

  it("a URL whose import failed is fetched whole again and retried; --force always refetches", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jixiao-dl-"));
    const list = join(dir, "u.txt");
    writeFileSync(list, `${base}/bad.pdf\n${base}/report.pdf\n`);
    const db = join(dir, "f.db");
    const first = await run(["import", "--urls", list, "--db", db, "--json"]);
    const status = (out: string, u: string) =>
      out
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l))
        .find((l) => l.url === `${base}${u}`)?.status;
    expect(status(first.stdout, "/bad.pdf")).toBe("failed");
    seen.length = 0;
    const second = await run(["import", "--urls", list, "--db", db, "--json"]);
    expect(status(second.stdout, "/bad.pdf")).toBe("failed"); // tried again, not "unchanged"
    expect(seen.find((s) => s.url === "/bad.pdf")).toMatchObject({ inm: undefined, ims: undefined });
    expect(seen.find((s) => s.url === "/report.pdf")?.inm).toBe(etag(PDF)); // what was imported is asked for conditionally
    expect(status(second.stdout, "/report.pdf")).toBe("unchanged");
    seen.length = 0;
    const forced = await run(["import", "--urls", list, "--db", db, "--json", "--force"]);
    expect(seen.filter((s) => s.url === "/report.pdf")).toEqual([{ url: "/report.pdf", inm: undefined, ims: undefined }]);
    expect(status(forced.stdout, "/report.pdf")).toBe("imported");
  });

  it("two URLs with the same bytes (a redirect, a copy): one line each, and the document keeps both", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jixiao-dl-"));
    const list = join(dir, "u.txt");
    writeFileSync(list, `${base}/redirect\n${base}/copy.pdf\n`);
    const db = join(dir, "s.db");
    const r = await run(["import", "--urls", list, "--db", db, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.url).sort()).toEqual([`${base}/copy.pdf`, `${base}/redirect`]);
    expect(lines.every((l) => l.status === "imported")).toBe(true);
    const sha = createHash("sha256").update(PDF).digest("hex");
    const show = await run(["show", `${sha}`.slice(0, 12), "--db", db, "--json"]);
    const doc = JSON.parse(show.stdout);
    expect(doc.source_urls.sort()).toEqual([`${base}/copy.pdf`, `${base}/redirect`]);
    // a third address for the same bytes on a later night is added to the same document
    writeFileSync(list, `${base}/report.pdf\n`);
    const later = await run(["import", "--urls", list, "--db", db, "--json"]);
    expect(JSON.parse(later.stdout.trim()).status).toBe("unchanged");
    const doc2 = JSON.parse((await run(["show", sha.slice(0, 12), "--db", db, "--json"])).stdout);
    expect(doc2.source_urls.sort()).toEqual([`${base}/copy.pdf`, `${base}/redirect`, `${base}/report.pdf`]);
  });

  it("the summary's time includes the downloads", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jixiao-dl-"));
    writeFileSync(join(dir, "u.txt"), `${base}/slow.pdf\n`);
    const r = await run(["import", "--urls", join(dir, "u.txt"), "--db", join(dir, "t.db"), "--timeout", "10", "--no-progress"]);
    expect(r.code, r.stderr).toBe(0);
    const secs = Number(/\(([\d.]+) s\)/.exec(r.stdout)![1]);
    expect(secs).toBeGreaterThanOrEqual(4); // the server waits 4 s before it answers
  });

  it("refuses a download over the size limit while streaming", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jixiao-dl-"));
    writeFileSync(join(dir, "u.txt"), `${base}/huge.pdf\n`);
    const r = await run(["import", "--urls", join(dir, "u.txt"), "--db", join(dir, "h.db"), "--json", "--max-mb", "1"]);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ status: "failed", error: `larger than the limit of ${1024 * 1024} bytes` });
  });

  it("parses URL lists", () => {
    const { entries, errors } = parseUrlList("https://a.example/x.pdf\tmeta1\tmeta2\n\n# c\nnot a url\n");
    expect(entries).toEqual([{ url: "https://a.example/x.pdf", meta: ["meta1", "meta2"], line: 1 }]);
    expect(errors).toEqual(['line 4: not a URL: "not a url"']);
  });
});
