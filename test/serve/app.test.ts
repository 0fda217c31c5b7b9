/**
 * jixiao serve, for real: the CLI on a loopback port, pages fetched over HTTP, reviews posted as the
 * page's forms post them. Report text and file names are escaped; a read-only server takes no reviews.
 */
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES } from "../helpers.js";
import { jixiao } from "../run.js";
import { startServer } from "./server.js";

const start = startServer;

let db = "";
let base = "";
const EVIL =
  "某县<script>alert(1)</script>水利局2024年度部门整体支出绩效自评报告\n核定编制12人,实有在职人员11人。<img src=x onerror=alert(2)>\n";
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
    expect(seed.body).toContain('<a class="value" href="#ev-self_score" data-field="self_score">96</a>');
    // the score table as a table, with its sums
    const scored = (await get(`/doc/${idOf("003_cfc37400837c5c83.txt")}`)).body;
    expect(scored).toMatch(/<table class="score" id="score-table">/);
    expect(scored).toContain("<td>部门管理</td>");
    expect(seed.body).not.toContain("score-table");
  });

  it("sorts and filters the list by region, grade and flag; the charts page carries the same selection", async () => {
    const byScore = (await get("/?sort=self_score_points&dir=desc")).body;
    const scores = [
      ...byScore.matchAll(/<tr><td><a href="\/doc\/\d+">[^<]*<\/a><\/td>(?:<td[^>]*>[^<]*<\/td>){5}<td class="num">([^<]*)<\/td>/g),
    ].map((m) => m[1]);
    expect(scores.length).toBe(6);
    const nums = scores.filter((x) => x !== "—").map(Number);
    expect(nums).toEqual([...nums].sort((a, b) => b - a));
    expect(scores.indexOf("—") === -1 || scores.slice(scores.indexOf("—")).every((x) => x === "—")).toBe(true);
    expect((await get(`/?province=${encodeURIComponent("湖南")}`)).body).toMatch(/<p id="count">\d documents/);
    const hunan = Number(/<p id="count">(\d+) documents/.exec((await get(`/?province=${encodeURIComponent("湖南")}`)).body)![1]);
    expect(hunan).toBeGreaterThan(0);
    expect(hunan).toBeLessThan(6);
    // LIKE wildcards in a filter are literal
    expect((await get("/?province=%25")).body).toContain("0 documents");
    expect((await get(`/?grade=${encodeURIComponent("优")}`)).body).not.toContain("0 documents");
    const charts = await get(`/charts?province=${encodeURIComponent("湖南")}`);
    expect(charts.status).toBe(200);
    expect(charts.csp).toContain("script-src 'self'");
    const data = JSON.parse(/<script type="application\/json" id="chart-data">([^<]*)<\/script>/.exec(charts.body)![1]);
    expect(data.documents).toBe(hunan);
    expect(data.scores.counts.reduce((a: number, b: number) => a + b, 0)).toBeLessThanOrEqual(hunan);
    const js = await fetch(`${base}assets/echarts.min.js`);
    expect(js.status).toBe(200);
    expect((await js.text()).length).toBeGreaterThan(500_000);
  });

  it("report text inside the charts' JSON cannot close its script element", async () => {
    const body = (await get("/charts")).body;
    const json = /<script type="application\/json" id="chart-data">([\s\S]*?)<\/script>/.exec(body)![1];
    expect(json).not.toContain("<");
    expect(JSON.stringify(JSON.parse(json))).toContain("");
  });

  it("takes a review from the page's form: the value is normalised, stored, and shown", async () => {
    const id = idOf("001_7677739c59076178.txt");
    const csrf = /review\?csrf=([^"&]+)"/.exec((await get(`/doc/${id}`)).body)![1];
    // the token in the form's address (checked before the body is read), the rest in the body, with
    // what the form was made against (the document's bytes, the value shown) as the page has them now
    const against = async (field: string) => {
      const body = (await get(`/doc/${id}`)).body;
      const m = new RegExp(
        `name="sha" value="(\\w+)"><input type="hidden" name="shown" value="([^"]*)"><input type="hidden" name="field" value="${field}"`,
      ).exec(body);
      // a field the page does not list (no value, no review): made against no value
      return m ? { sha: m[1], shown: m[2] } : { sha: /name="sha" value="(\w+)"/.exec(body)![1], shown: "" };
    };
    const post = async ({ csrf: token, ...form }: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${base}doc/${id}/review${token === undefined ? "" : `?csrf=${encodeURIComponent(token)}`}`, {
        method: "POST",
        body: new URLSearchParams({ ...(await against(form.field)), ...form }),
        redirect: "manual",
        headers,
      });
    // without this server's CSRF token, or with another, nothing is stored
    expect((await post({ field: "income_budget", action: "reject" })).status).toBe(403);
    expect((await post({ field: "income_budget", action: "reject", csrf: `${csrf.slice(1)}x` })).status).toBe(403);
    expect(JSON.parse(jixiao(["show", id, "--db", db, "--json"]).stdout).corrected).toEqual({});
    const r = await post({ field: "income_budget", action: "set", value: "1,234.5万元", note: "from the table", csrf });
    expect(r.status).toBe(303);
    expect(r.headers.get("location")).toBe(`/doc/${id}#f-income_budget`);
    const doc = JSON.parse(jixiao(["show", id, "--db", db, "--json"]).stdout);
    expect(doc.fields.income_budget).toMatchObject({ value: 12345000, raw: "1,234.5万元" });
    expect(doc.corrected.income_budget).toMatchObject({ action: "set", note: "from the table", reviewer: "tester" });
    expect((await get(`/doc/${id}`)).body).toMatch(/data-field="income_budget"[^>]*>12345000<\/a>/);
    expect((await post({ field: "income_budget", action: "set", value: "a lot", csrf })).status).toBe(400);
    expect((await post({ field: "income_budget", action: "accept", csrf }, { origin: "http://evil.example" })).status).toBe(403);
    expect((await get("/?reviewed=yes")).body).toContain("1 documents");
  });

  it("read-only: no forms, no reviews taken", async () => {
    const ro = await start(db, ["--read-only"]);
    const id = idOf("002_ead4207e0aef5641.txt");
    const p = await (await fetch(`${ro}doc/${id}`)).text();
    expect(p).not.toContain('<form class="review"');
    const r = await fetch(`${ro}doc/${id}/review`, { method: "POST", body: new URLSearchParams({ field: "grade", action: "reject" }) });
    expect(r.status).toBe(403);
  });

  it("off loopback only with an access token; with one, every request needs it", async () => {
    const refused = jixiao(["serve", "--db", db, "--host", "0.0.0.0", "--port", "0"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--host 0.0.0.0 lets other machines in: give --token SECRET too");
    const url = await start(db, ["--token", "s3cret-s3cret-token"]);
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(`${url}?token=wrong-wrong-wrong-1`)).status).toBe(401);
    const login = await fetch(`${url}?token=s3cret-s3cret-token`, { redirect: "manual" });
    expect(login.status).toBe(303);
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    expect(login.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    const list = await fetch(url, { headers: { cookie } });
    expect(list.status).toBe(200);
    expect(await list.text()).toContain("6 documents");
  });

  it("renders a PDF's page from the imported file, unchanged, and nothing else", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jixiao-serve-pdf-"));
    const pdf = join(dir, "v06.pdf");
    copyFileSync(join(FIXTURES, "reports", "variants", "pdf-cid", "v06_nongjing_table_budget.pdf"), pdf);
    const pdb = join(dir, "p.db");
    expect(jixiao(["import", pdf, "--db", pdb, "--no-progress"]).code).toBe(0);
    const url = await start(pdb);
    const doc = JSON.parse(jixiao(["show", pdf, "--db", pdb, "--json"]).stdout);
    // evidence.bbox: from the reader to the store and back out, the same in extract --jsonl and export --jsonl, kept by reextract
    const boxes = (fields: Record<string, { evidence: { bbox?: number[] } } | null>) =>
      Object.fromEntries(
        Object.entries(fields)
          .filter(([, v]) => v?.evidence.bbox)
          .map(([k, v]) => [k, v!.evidence.bbox]),
      );
    const extracted = boxes(JSON.parse(jixiao(["extract", "--jsonl", pdf]).stdout).fields);
    expect(Object.keys(extracted).length).toBeGreaterThan(10);
    expect(boxes(doc.fields)).toEqual(extracted);
    expect(jixiao(["reextract", "--all", "--db", pdb]).code).toBe(0);
    expect(boxes(JSON.parse(jixiao(["export", "--db", pdb, "--jsonl", "-"]).stdout.split("\n")[0]).fields)).toEqual(extracted);
    const page = await (await fetch(`${url}doc/${doc.id}`)).text();
    // every value of the PDF carries its page and box to the page's script
    const links = [...page.matchAll(/data-field="(\w+)" data-page="(\d+)" data-bbox="([\d.,]*)"/g)];
    expect(links.length).toBeGreaterThan(10);
    expect(links.filter((m) => m[3]).length).toBe(links.length);
    expect(page).toContain(`data-src="/doc/${doc.id}/page/PAGE.png"`);
    const png = await fetch(`${url}doc/${doc.id}/page/1.png`);
    expect(png.status).toBe(200);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    expect((await fetch(`${url}doc/${doc.id}/page/99.png`)).status).toBe(404);
    expect((await fetch(`${url}doc/${doc.id}/page/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    // the file changed since the import: no rendering of other bytes
    appendFileSync(pdf, "%% changed\n");
    const changed = await fetch(`${url}doc/${doc.id}/page/2.png`);
    expect(changed.status).toBe(404);
    expect(await changed.text()).toContain("has changed since it was imported");
  });
});
