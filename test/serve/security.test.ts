/**
 * The review server and review commands tried as an attacker would, over real HTTP on loopback
 * (issue 22): names it answers to (DNS rebinding), secrets compared safely, the Node versions the
 * package admits, bounded output and input, special files written as special files, numbers beyond
 * what the store holds, and the smaller things (per-server cookie, off-site redirects, 405, 400 for a
 * malformed body, headers on refusals, mistyped databases, values a field does not accept).
 */
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES } from "../helpers.js";
import { CLI, jixiao } from "../run.js";
import { startServer, startServerProcess } from "./server.js";

let dir = "";
let db = "";
let base = "";
let port = 0;
let id = "";
let csrf = "";
const SEED = "001_7677739c59076178.txt";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jixiao-security-"));
  db = join(dir, "s.db");
  expect(jixiao(["import", join(FIXTURES, "reports", "seeds"), "--db", db, "--no-progress"]).code).toBe(0);
  base = await startServer(db);
  port = Number(new URL(base).port);
  id = String(JSON.parse(jixiao(["show", SEED, "--db", db, "--json"]).stdout).id);
  csrf = /review\?csrf=([^"&]+)"/.exec(await (await fetch(`${base}doc/${id}`)).text())![1];
}, 60_000);

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}
/** One request as written, any Host header and body (fetch would not let us set Host). */
function raw(
  path: string,
  o: { method?: string; headers?: Record<string, string | number>; body?: string | Buffer; port?: number } = {},
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: o.port ?? port, path, method: o.method ?? "GET", headers: o.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}
const form = (f: Record<string, string>) => new URLSearchParams(f).toString();
/** A review form as the page makes it: made against the document's bytes and the value it shows now. */
const reviewForm = (f: Record<string, string>) => {
  const d = JSON.parse(jixiao(["show", id, "--db", db, "--json"]).stdout);
  const v = d.fields[f.field]?.value;
  return form({ sha: d.sha256, shown: v === null || v === undefined ? "" : String(v), ...f });
};
const formHeaders = (host: string, extra: Record<string, string> = {}) => ({
  host,
  "content-type": "application/x-www-form-urlencoded",
  ...extra,
});
const corrected = () => JSON.parse(jixiao(["show", id, "--db", db, "--json"]).stdout).corrected as Record<string, { action: string }>;

describe("the names the server answers to", () => {
  it("refuses a request for another name (DNS rebinding), pages and reviews alike", async () => {
    const evil = `evil.example:${port}`;
    const page = await raw(`/doc/${id}`, { headers: { host: evil } });
    expect(page.status).toBe(421);
    expect(page.body).not.toContain(csrf);
    const post = await raw(`/doc/${id}/review?csrf=${csrf}`, {
      method: "POST",
      headers: formHeaders(evil, { origin: `http://${evil}` }),
      body: reviewForm({ field: "grade", action: "reject" }),
    });
    expect(post.status).toBe(421);
    expect(corrected().grade).toBeUndefined();
    // its own names, with its port
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) expect((await raw("/", { headers: { host } })).status).toBe(200);
    expect((await raw("/", { headers: { host: "127.0.0.1" } })).status).toBe(421);
    expect((await raw("/", { headers: { host: `127.0.0.1:${port + 1}` } })).status).toBe(421);
  });

  it("takes a review whose Origin is its own origin, under any of its names, and no other", async () => {
    const send = (host: string, origin: string) =>
      raw(`/doc/${id}/review?csrf=${csrf}`, {
        method: "POST",
        headers: formHeaders(host, { origin }),
        body: reviewForm({ field: "expenditure_total", action: "accept" }),
      });
    expect((await send(`localhost:${port}`, `http://evil.example:${port}`)).status).toBe(403);
    expect((await send(`localhost:${port}`, "null")).status).toBe(403);
    expect((await send(`localhost:${port}`, `http://localhost:${port + 1}`)).status).toBe(403);
    expect(corrected().expenditure_total).toBeUndefined();
    expect((await send(`localhost:${port}`, `http://localhost:${port}`)).status).toBe(303);
    expect(corrected().expenditure_total).toMatchObject({ action: "accept" });
    expect(jixiao(["review", id, "expenditure_total", "--undo", "--db", db]).code).toBe(0);
  });
});

describe("secrets", () => {
  it("a wrong token, cookie or CSRF value of any length or characters is a 401 or 403, never a 500", async () => {
    const token = "s3cret-s3cret-token";
    const url = await startServer(db, ["--token", token]);
    const p = Number(new URL(url).port);
    const host = `127.0.0.1:${p}`;
    const name = `jixiao_token_${p}`;
    const refusals: Raw[] = [];
    for (const wrong of ["x", "s3cret-s3cret-toke", "s3cret-s3cret-toké", "s3cret-s3cret-tokenn", "字".repeat(19), ""]) {
      const q = await raw(`/?token=${encodeURIComponent(wrong)}`, { port: p, headers: { host } });
      const c = await raw("/", { port: p, headers: { host, cookie: `${name}=${encodeURIComponent(wrong)}` } });
      expect([q.status, c.status], wrong).toEqual([401, 401]);
      refusals.push(c);
    }
    // the refusals carry the same protective headers as a page
    for (const c of refusals) {
      expect(c.headers["content-security-policy"]).toContain("default-src 'none'");
      expect(c.headers["x-content-type-options"]).toBe("nosniff");
    }
    // the CSRF token: same length with a non-ASCII character, other lengths
    for (const wrong of [`${csrf.slice(0, -1)}é`, `${csrf}x`, csrf.slice(1), "字"]) {
      const r = await raw(`/doc/${id}/review?csrf=${encodeURIComponent(wrong)}`, {
        method: "POST",
        headers: formHeaders(`127.0.0.1:${port}`),
        body: reviewForm({ field: "grade", action: "reject" }),
      });
      expect(r.status, wrong).toBe(403);
    }
    // a token of spaces (or with one) is no token
    for (const bad of [" ".repeat(16), "s3cret s3cret token"]) {
      const r = jixiao(["serve", "--db", db, "--port", "0", "--token", bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("--token must be at least 12 characters, without spaces");
    }
  });

  it("the login cookie is named for the server's port, and its redirect stays on the server", async () => {
    const token = "an0ther-secret-token";
    const url = await startServer(db, ["--token", token]);
    const p = Number(new URL(url).port);
    const login = await raw(`//evil.example/?token=${token}`, { port: p, headers: { host: `127.0.0.1:${p}` } });
    expect(login.status).toBe(303);
    expect(String(login.headers.location)).toBe("/evil.example/");
    expect(String(login.headers["set-cookie"])).toMatch(new RegExp(`^jixiao_token_${p}=`));
    // another server's cookie opens nothing here
    const other = await raw("/", { port: p, headers: { host: `127.0.0.1:${p}`, cookie: `jixiao_token_${port}=${token}` } });
    expect(other.status).toBe(401);
  });
});

describe("the Node versions the package admits", () => {
  it("takes a browser's review on a Node without URL.parse (20.16, 20.17)", async () => {
    const engines = JSON.parse(readFileSync(join(FIXTURES, "..", "package.json"), "utf8")).engines.node;
    expect(engines).toBe(">=20.16");
    const url = await startServer(db, [], ["--import", "data:text/javascript,delete URL.parse;delete URL.canParse;"]);
    const p = Number(new URL(url).port);
    const page = await (await fetch(`${url}doc/${id}`)).text();
    const token = /review\?csrf=([^"&]+)"/.exec(page)![1];
    const r = await raw(`/doc/${id}/review?csrf=${token}`, {
      port: p,
      method: "POST",
      headers: formHeaders(`127.0.0.1:${p}`, { origin: `http://127.0.0.1:${p}` }),
      body: reviewForm({ field: "staff_actual", action: "accept" }),
    });
    expect(r.status).toBe(303);
    expect(jixiao(["review", id, "staff_actual", "--undo", "--db", db]).code).toBe(0);
  });
});

describe("bounded input and output", () => {
  it("refuses a POST without its token before reading the body, and a body over the limit while it streams", async () => {
    // 200 MB announced, a few bytes sent: the refusal comes without the rest
    const refused = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path: `/doc/${id}/review`,
          method: "POST",
          headers: formHeaders(`127.0.0.1:${port}`, { "content-length": String(200 * 1024 * 1024) }),
        },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
          req.destroy();
        },
      );
      req.on("error", reject);
      req.write("field=grade&action=reject&note=");
    });
    expect(refused).toBe(403);
    // with the token, more than a review form holds: 413, nothing stored
    const big = await raw(`/doc/${id}/review?csrf=${csrf}`, {
      method: "POST",
      headers: formHeaders(`127.0.0.1:${port}`),
      body: reviewForm({ field: "grade", action: "reject", note: "x".repeat(200_000) }),
    });
    expect(big.status).toBe(413);
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: "127.0.0.1", port, path: `/doc/${id}/review?csrf=${csrf}`, method: "POST", headers: formHeaders(`127.0.0.1:${port}`) },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
          req.destroy();
        },
      );
      req.on("error", () => {});
      req.write("field=grade&action=reject&note=");
      for (let i = 0; i < 200; i++) req.write("x".repeat(1024));
      req.on("error", reject);
    });
    expect(chunked).toBe(413);
    expect(corrected().grade).toBeUndefined();
  });

  it("a value or note over its length is refused with a reason, on the web and by the CLI", async () => {
    const post = (f: Record<string, string>) =>
      raw(`/doc/${id}/review?csrf=${csrf}`, { method: "POST", headers: formHeaders(`127.0.0.1:${port}`), body: reviewForm(f) });
    const longValue = await post({ field: "unit_name", action: "set", value: "某".repeat(501) });
    expect(longValue.status).toBe(400);
    expect(longValue.body).toContain("at most 500 characters");
    const longNote = await post({ field: "grade", action: "accept", note: "n".repeat(2001) });
    expect(longNote.status).toBe(400);
    expect(longNote.body).toContain("a note is at most 2000 characters");
    const cli = jixiao(["review", id, "unit_name", "--set", "某".repeat(40_000), "--db", db]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain("at most 500 characters");
    expect(corrected()).toEqual({});
  });

  it("prints a table whatever the length of its cells: cut to the column, wide characters counted twice", async () => {
    const { fitCell } = await import("../../src/cli/output.js");
    expect(fitCell("abc", 5)).toBe("abc  ");
    expect(fitCell("某县水利局", 5)).toBe("某县 ");
    expect(fitCell("某县水利局", 6)).toBe("某县水");
    expect(fitCell("𠀀𠀀x", 3)).toBe("𠀀 ");
    // a cell of 2 million characters: cut as fast as a short one (the old printer cut a character at a time)
    const long = "某".repeat(2_000_000);
    expect(fitCell(long, 40)).toBe("某".repeat(20));
  });

  it("lists a document whose reviewed name is 200,000 characters long", () => {
    const copy = join(dir, "long.db");
    expect(jixiao(["import", join(FIXTURES, "reports", "seeds"), "--db", copy, "--no-progress"]).code).toBe(0);
    const sql = spawnSync(
      process.execPath,
      [
        "-e",
        // a review made before values had a length limit
        `const D=require("better-sqlite3");const d=new D(process.argv[1]);const v="长".repeat(200000);d.prepare("INSERT INTO corrections (sha256, field, action, value_text, raw, unit, reviewer, at) SELECT sha256, 'unit_name', 'set', ?, ?, 'text', 't', '2026-01-01' FROM documents").run(v, v);d.close();`,
        copy,
      ],
      { cwd: join(FIXTURES, ".."), encoding: "utf8" },
    );
    expect(sql.status, sql.stderr).toBe(0);
    const r = jixiao(["list", "--db", copy]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("长".repeat(20));
    expect(r.stdout).not.toContain("长".repeat(21));
  }, 20_000);
});

describe("special files", () => {
  it("--export-gold to a FIFO writes into the FIFO (it stays one); to a symlink, the target (the link stays)", async () => {
    expect(jixiao(["review", id, "grade", "--accept", "--db", db]).code).toBe(0);
    const fifo = join(dir, "gold.fifo");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const reader = spawn("cat", [fifo]);
    let got = "";
    reader.stdout.on("data", (b) => {
      got += b;
    });
    const done = new Promise((r) => reader.on("exit", r));
    const w = jixiao(["review", "--export-gold", fifo, "--db", db]);
    expect(w.code, w.stderr).toBe(0);
    await done;
    expect(got).toContain('"grade":');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    const target = join(dir, "real-gold.jsonl");
    writeFileSync(target, "old\n");
    const link = join(dir, "gold-link.jsonl");
    symlinkSync(target, link);
    expect(jixiao(["review", "--export-gold", link, "--db", db]).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect(readFileSync(target, "utf8")).toContain('"grade":');
    // the CSV export takes the same path
    expect(jixiao(["export", "--db", db, "--csv", link]).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, "utf8")).toMatch(/^\uFEFF?file,|^file,|,/);
    expect(jixiao(["review", id, "grade", "--undo", "--db", db]).code).toBe(0);
  });
});

describe("numbers beyond what the store holds", () => {
  it("a typed amount beyond it is refused with the reason; an extracted one is not stored, and flagged", () => {
    const r = jixiao(["review", id, "expenditure_total", "--set", "99999999999999999999999999万元", "--db", db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("beyond what jixiao stores exactly");
    const f = join(dir, "huge.txt");
    writeFileSync(f, "某县水利局2024年度部门整体支出绩效自评报告\n本年度支出总额99999999999999999999999999万元。核定编制12人。\n");
    const x = JSON.parse(jixiao(["extract", "--jsonl", f]).stdout);
    expect(x.fields.expenditure_total).toBeNull();
    expect(
      x.flags.some((fl: { code: string; fields: string[] }) => fl.code === "out_of_range" && fl.fields[0] === "expenditure_total"),
    ).toBe(true);
    expect(x.fields.staff_authorized.value).toBe(12);
  });
});

describe("a review is of what the reviewer saw", () => {
  it("a page made before the file changed and was re-imported: its accept is a 409 with the new value, nothing recorded; the address stays", async () => {
    const work = mkdtempSync(join(tmpdir(), "jixiao-stale-"));
    const file = join(work, "report.txt");
    const text = readFileSync(join(FIXTURES, "reports", "seeds", SEED), "utf8");
    writeFileSync(file, text);
    const sdb = join(work, "s.db");
    expect(jixiao(["import", file, "--db", sdb, "--no-progress"]).code).toBe(0);
    const url = await startServer(sdb);
    const p = Number(new URL(url).port);
    const docId = String(JSON.parse(jixiao(["show", file, "--db", sdb, "--json"]).stdout).id);
    const page = await (await fetch(`${url}doc/${docId}`)).text();
    const token = /review\?csrf=([^"&]+)"/.exec(page)![1];
    const sha = /name="sha" value="([0-9a-f]{64})"/.exec(page)![1];
    expect(page).toMatch(/name="shown" value="96"><input type="hidden" name="field" value="self_score">/);
    const post = (f: Record<string, string>) =>
      raw(`/doc/${docId}/review?csrf=${token}`, { port: p, method: "POST", headers: formHeaders(`127.0.0.1:${p}`), body: form(f) });
    const reviews = () => JSON.parse(jixiao(["show", docId, "--db", sdb, "--json"]).stdout).corrected;
    // a form that does not say what it was made against is refused
    expect((await post({ field: "self_score", action: "accept" })).status).toBe(400);
    // the file changes (96分 → 66分) and is re-imported: same address, new value
    writeFileSync(file, text.replaceAll("96分", "66分"));
    const re = jixiao(["import", file, "--db", sdb, "--no-progress"]);
    expect(re.code).toBe(0);
    expect(re.stdout).not.toContain("no longer appl");
    const after = JSON.parse(jixiao(["show", file, "--db", sdb, "--json"]).stdout);
    expect(String(after.id)).toBe(docId);
    expect(after.fields.self_score.value).toBe(66);
    const stale = await post({ field: "self_score", action: "accept", sha, shown: "96", note: "I saw 96" });
    expect(stale.status).toBe(409);
    expect(stale.body).toContain('<b id="now">66</b>');
    expect(stale.body).toContain("Nothing was recorded");
    expect(reviews()).toEqual({});
    // the same value shown, other bytes: still stale
    expect((await post({ field: "unit_name", action: "accept", sha, shown: after.fields.unit_name.value })).status).toBe(409);
    // the form the 409 page offers is made against the new version, and is taken
    const offered = /name="sha" value="([0-9a-f]{64})"><input type="hidden" name="shown" value="66">/.exec(stale.body)!;
    expect(offered[1]).toBe(after.sha256);
    expect((await post({ field: "self_score", action: "accept", sha: offered[1], shown: "66" })).status).toBe(303);
    expect(reviews().self_score).toMatchObject({ action: "accept" });
    // --force keeps the address too
    expect(jixiao(["import", file, "--db", sdb, "--no-progress", "--force"]).code).toBe(0);
    expect(String(JSON.parse(jixiao(["show", file, "--db", sdb, "--json"]).stdout).id)).toBe(docId);
    // the file changes again: the review of the version it replaced is reported, and listed
    writeFileSync(file, text.replaceAll("96分", "76分"));
    const again = jixiao(["import", file, "--db", sdb, "--no-progress"]);
    expect(again.stdout).toContain("1 review made against replaced versions no longer applies (jixiao review --orphans");
    const orphans = jixiao(["review", "--orphans", "--db", sdb]);
    expect(orphans.code).toBe(0);
    expect(orphans.stdout).toContain(`${after.sha256.slice(0, 12)}  self_score  accept 66`);
    expect(orphans.stdout).toContain("1 review of versions no longer in the database");
  });
});

describe("shutdown", () => {
  it("on SIGTERM a review being received is finished and stored, new connections are refused, then the server exits 0", async () => {
    const { url, proc } = await startServerProcess(db);
    const p = Number(new URL(url).port);
    const page = await (await fetch(`${url}doc/${id}`)).text();
    const token = /review\?csrf=([^"&]+)"/.exec(page)![1];
    const body = reviewForm({ field: "self_score", action: "accept", note: "received across the signal" });
    const exited = new Promise<number | null>((r) => proc.on("exit", (code) => r(code)));
    const answered = new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: p,
          path: `/doc/${id}/review?csrf=${token}`,
          method: "POST",
          headers: formHeaders(`127.0.0.1:${p}`, { "content-length": String(Buffer.byteLength(body)) }),
        },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on("error", reject);
      // half the form, the signal, then the rest
      req.write(body.slice(0, 20));
      setTimeout(() => {
        proc.kill("SIGTERM");
        setTimeout(async () => {
          // the server takes no new connection once told to stop
          await expect(fetch(url)).rejects.toThrow();
          req.end(body.slice(20));
        }, 300);
      }, 300);
    });
    expect(await answered).toBe(303);
    expect(await exited).toBe(0);
    expect(corrected().self_score).toMatchObject({ action: "accept", note: "received across the signal" });
    expect(jixiao(["review", id, "self_score", "--undo", "--db", db]).code).toBe(0);
  });
});

describe("a killed server", () => {
  it("leaves a database that a user without write access to its folder can still read", async () => {
    const work = mkdtempSync(join(tmpdir(), "jixiao-killed-"));
    chmodSync(work, 0o755);
    const kdb = join(work, "k.db");
    expect(jixiao(["import", join(FIXTURES, "reports", "seeds", SEED), "--db", kdb, "--no-progress"]).code).toBe(0);
    const { url, proc } = await startServerProcess(kdb);
    const p = Number(new URL(url).port);
    const page = await (await fetch(`${url}doc/1`)).text();
    const token = /review\?csrf=([^"&]+)"/.exec(page)![1];
    const sha = /name="sha" value="(\w+)"/.exec(page)![1];
    const r = await raw(`/doc/1/review?csrf=${token}`, {
      port: p,
      method: "POST",
      headers: formHeaders(`127.0.0.1:${p}`),
      body: form({
        field: "unit_name",
        action: "accept",
        sha,
        shown: /name="shown" value="([^"]*)"><input type="hidden" name="field" value="unit_name"/.exec(page)![1],
      }),
    });
    expect(r.status).toBe(303);
    const gone = new Promise((res) => proc.on("exit", res));
    proc.kill("SIGKILL");
    await gone;
    // not in WAL mode (the header's read/write versions are 1, the rollback journal), no WAL beside it
    const header = readFileSync(kdb).subarray(18, 20);
    expect([...header]).toEqual([1, 1]);
    expect(existsSync(`${kdb}-wal`) && readFileSync(`${kdb}-wal`).length > 0).toBe(false);
    // as another user, who may read the file but not write in its folder (where the tests run as root;
    // CI runs them as root and says so with JIXIAO_REQUIRE_TOOLS=1)
    if (process.env.JIXIAO_REQUIRE_TOOLS === "1") expect(process.getuid?.()).toBe(0);
    if (process.getuid?.() === 0) {
      chmodSync(kdb, 0o644);
      const list = spawnSync(process.execPath, [CLI, "list", "--db", kdb], { uid: 65534, gid: 65534, encoding: "utf8" });
      expect(list.stderr).toBe("");
      expect(list.status).toBe(0);
      expect(list.stdout).toContain("1 documents");
    }
  });
});

describe("smaller things", () => {
  it("a wrong method is a 405 with Allow; a malformed body a 400", async () => {
    const host = `127.0.0.1:${port}`;
    const put = await raw("/", { method: "PUT", headers: { host } });
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe("GET, HEAD");
    const get = await raw(`/doc/${id}/review`, { headers: { host } });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe("POST");
    expect((await raw("/no/such/page", { headers: { host } })).status).toBe(404);
    const multipart = await raw(`/doc/${id}/review?csrf=${csrf}`, {
      method: "POST",
      headers: { host, "content-type": "multipart/form-data; boundary=XYZ" },
      body: '--XYZ\r\nContent-Disposition: form-data; name="field"\r\n\r\ngrade\r\n--XY',
    });
    expect(multipart.status).toBe(400);
  });

  it("serve and review do not make a new empty database of a mistyped path", () => {
    const typo = join(dir, "typo.db");
    const s = jixiao(["serve", "--db", typo, "--port", "0"]);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain(`${typo}: cannot open database: no such database`);
    const r = jixiao(["review", SEED, "grade", "--accept", "--db", typo]);
    expect(r.code).toBe(2);
    expect(existsSync(typo)).toBe(false);
    mkdirSync(join(dir, "empty"));
    expect(jixiao(["reextract", "--all", "--db", join(dir, "empty", "x.db")]).code).toBe(2);
    expect(existsSync(join(dir, "empty", "x.db"))).toBe(false);
  });

  it("a field with a fixed set of values takes only those, on the web and by the CLI", async () => {
    for (const [field, value, why] of [
      ["document_kind", "anything", "is not one of 自评报告"],
      ["region_code", "abc", "is not a region code of 12 digits"],
      ["satisfaction", "150%", "is not a satisfaction of at most 100%"],
    ]) {
      const cli = jixiao(["review", id, field, "--set", value, "--db", db]);
      expect(cli.code, field).toBe(2);
      expect(cli.stderr).toContain(why);
      const web = await raw(`/doc/${id}/review?csrf=${csrf}`, {
        method: "POST",
        headers: formHeaders(`127.0.0.1:${port}`),
        body: reviewForm({ field, action: "set", value }),
      });
      expect(web.status, field).toBe(400);
      expect(web.body).toContain(why);
    }
    expect(jixiao(["review", id, "satisfaction", "--set", "95%", "--db", db]).code).toBe(0);
    expect(jixiao(["review", id, "document_kind", "--set", "决算", "--db", db]).code).toBe(0);
    expect(corrected()).toMatchObject({ satisfaction: { action: "set" }, document_kind: { action: "set" } });
    for (const f of ["satisfaction", "document_kind"]) expect(jixiao(["review", id, f, "--undo", "--db", db]).code).toBe(0);
  });

  it("an undo is recorded (who, when); review finds a document by any spelling of its path, as show does", () => {
    const work = mkdtempSync(join(tmpdir(), "jixiao-undo-"));
    mkdirSync(join(work, "in"));
    writeFileSync(join(work, "in", "a.txt"), readFileSync(join(FIXTURES, "reports", "seeds", SEED)));
    const wdb = join(work, "w.db");
    expect(jixiao(["import", "in/a.txt", "--db", wdb, "--no-progress"], { cwd: work }).code).toBe(0);
    for (const ref of ["./in/a.txt", "in//a.txt", join(work, "in", "a.txt")]) {
      expect(jixiao(["show", ref, "--db", wdb], { cwd: work }).code, ref).toBe(0);
      expect(jixiao(["review", ref, "grade", "--accept", "--db", wdb, "--reviewer", "alice"], { cwd: work }).code, ref).toBe(0);
    }
    expect(jixiao(["review", "./in/a.txt", "grade", "--undo", "--db", wdb, "--reviewer", "bob"], { cwd: work }).code).toBe(0);
    const d = new Database(wdb, { readonly: true });
    const rows = d.prepare("SELECT reviewer, undone, undone_by, undone_at FROM corrections ORDER BY id").all() as Array<
      Record<string, unknown>
    >;
    d.close();
    expect(rows.length).toBe(3);
    expect(rows[2]).toMatchObject({ reviewer: "alice", undone: 1, undone_by: "bob" });
    expect(String(rows[2].undone_at)).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(rows[0]).toMatchObject({ undone: 0, undone_by: null });
  });
});
