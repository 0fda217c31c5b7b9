/**
 * jixiao serve, for real: the CLI on a loopback port, pages fetched over HTTP, reviews posted as the
 * page's forms post them. Report text and file names are escaped; a read-only server takes no reviews.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES } from "../helpers.js";
import { CLI, jixiao } from "../run.js";

const servers: ChildProcess[] = [];
/** Starts `jixiao serve` on a free port and returns its base URL. */
function start(db: string, extra: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [CLI, "serve", "--db", db, "--port", "0", "--user", "tester", ...extra], { stdio: ["ignore", "pipe", "pipe"] });
    servers.push(p);
    let out = "";
    p.stdout.on("data", (b) => {
      out += b;
      const m = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve(m[1]);
    });
    p.on("exit", (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}
afterAll(() => servers.forEach((p) => p.kill("SIGTERM")));

let db = "";
let base = "";
const EVIL = "某县<script>alert(1)</script>水利局2024年度部门整体支出绩效自评报告\n核定编制12人,实有在职人员11人。<img src=x onerror=alert(2)>\n";
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-serve-"));
  mkdirSync(join(dir, "in"));
  writeFileSync(join(dir, "in", "<b>evil<i>.txt"), EVIL);
  db = join(dir, "s.db");
  expect(jixiao(["import", join(FIXTURES, "reports", "seeds"), join(dir, "in"), "--db", db, "--no-progress"]).code).toBe(0);
  base = await start(db);
}, 30_000);

const get = async (path: string) => {
  const r = await fetch(base + path.replace(/^\//, ""));
  return { status: r.status, body: await r.text(), csp: r.headers.get("content-security-policy") };
};
const idOf = (file: string) => String(JSON.parse(jixiao(["show", file, "--db", db, "--json"]).stdout).id);

describe("jixiao serve", () => {
  it("lists the documents with filters and full-text search", async () => {
    const all = await get("/");
    expect(all.status).toBe(200);
    expect(all.body).toContain("6 documents");
    expect(all.body).toContain("沅陵县明溪口镇人民政府");
    expect(all.csp).toContain("default-src 'none'");
    expect((await get("/?year=2023")).body).toContain("2 documents");
    expect((await get(`/?q=${encodeURIComponent("吕田镇")}`)).body).toContain("1 documents");
  });

  it("shows a document's fields beside its text, evidence marked; report text and names escaped", async () => {
    const id = idOf("<b>evil<i>.txt");
    const p = await get(`/doc/${id}`);
    expect(p.status).toBe(200);
    expect(p.body).not.toMatch(/<script>|<img src=x|<b>evil/);
    expect(p.body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(p.body).toContain("&lt;b&gt;evil&lt;i&gt;.txt");
    const seed = await get(`/doc/${idOf("001_7677739c59076178.txt")}`);
    expect(seed.body).toMatch(/<mark id="ev-self_score" title="self_score">96分<\/mark>/);
    expect(seed.body).toContain('<a href="#ev-self_score">96</a>');
  });

  it("takes a review from the page's form: the value is normalised, stored, and shown", async () => {
    const id = idOf("001_7677739c59076178.txt");
    const post = (form: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${base}doc/${id}/review`, { method: "POST", body: new URLSearchParams(form), redirect: "manual", headers });
    const r = await post({ field: "income_budget", action: "set", value: "1,234.5万元", note: "from the table" });
    expect(r.status).toBe(303);
    expect(r.headers.get("location")).toBe(`/doc/${id}#f-income_budget`);
    const doc = JSON.parse(jixiao(["show", id, "--db", db, "--json"]).stdout);
    expect(doc.fields.income_budget).toMatchObject({ value: 12345000, raw: "1,234.5万元" });
    expect(doc.corrected.income_budget).toMatchObject({ action: "set", note: "from the table", reviewer: "tester" });
    expect((await get(`/doc/${id}`)).body).toContain('<a href="#ev-income_budget">12345000</a>');
    expect((await post({ field: "income_budget", action: "set", value: "a lot" })).status).toBe(400);
    expect((await post({ field: "income_budget", action: "accept" }, { origin: "http://evil.example" })).status).toBe(403);
    expect((await get("/?reviewed=yes")).body).toContain("1 documents");
  });

  it("read-only: no forms, no reviews taken", async () => {
    const ro = await start(db, ["--read-only"]);
    const id = idOf("002_ead4207e0aef5641.txt");
    const p = await (await fetch(`${ro}doc/${id}`)).text();
    expect(p).not.toContain("<form class=\"review\"");
    const r = await fetch(`${ro}doc/${id}/review`, { method: "POST", body: new URLSearchParams({ field: "grade", action: "reject" }) });
    expect(r.status).toBe(403);
  });
});
