/// <reference lib="dom" />
/**
 * The review pages in a real browser: Debian's chromium driven by playwright-core, against
 * `jixiao serve` on loopback with the bundled reports. `.ci/run` installs chromium; where it is not
 * installed these tests are skipped with a message saying so. The run takes the README's
 * screenshots (docs/screenshots/).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, ROOT } from "../helpers.js";
import { jixiao } from "../run.js";
import { serverErrors, startServer } from "./server.js";

const CHROMIUM = process.env.JIXIAO_CHROMIUM ?? "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`browser tests skipped: no chromium at ${CHROMIUM} (apt-get install chromium, or set JIXIAO_CHROMIUM)`);
// where CI installed the tools (JIXIAO_REQUIRE_TOOLS=1), a missing chromium is a failure, not a skip
describe.runIf(!haveChromium && process.env.JIXIAO_REQUIRE_TOOLS === "1")("the review pages' browser", () => {
  it("is installed", () => {
    throw new Error(`no chromium at ${CHROMIUM}, and JIXIAO_REQUIRE_TOOLS=1 says it must be there`);
  });
});
const SHOTS = join(ROOT, "docs", "screenshots");
/** Polls wait this long: a page rendered by MuPDF on a loaded machine can take seconds (the default is one). */
const SLOW = { timeout: 15_000 };

const EVIL_NAME = `<img src=x onerror=alert(1)>" onmouseover="alert(2).txt`;
const EVIL_TEXT =
  '某县<script>alert(3)</script>水利局2024年度部门整体支出绩效自评报告\n" onmouseover="alert(4)" 核定编制12人，实有在职人员11人。\n';

let db = "";
let base = "";
let dir = "";
let browser: Browser;
let page: Page;
const dialogs: string[] = [];

describe.skipIf(!haveChromium)("the review pages in chromium", () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "jixiao-browser-"));
    mkdirSync(join(dir, "in"));
    writeFileSync(join(dir, "in", EVIL_NAME), EVIL_TEXT);
    // (other bytes than the seed's: a copy of the same bytes would be the same document)
    writeFileSync(
      join(dir, "in", "changing.txt"),
      `${readFileSync(join(FIXTURES, "reports", "seeds", "001_7677739c59076178.txt"), "utf8")}\n`,
    );
    db = join(dir, "b.db");
    expect(jixiao(["import", join(FIXTURES, "reports"), join(dir, "in"), "--db", db, "--no-progress"]).code).toBe(0);
    base = await startServer(db);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    // no request failed inside the server
    expect(serverErrors).toEqual([]);
  });

  const idOf = (file: string) => String(JSON.parse(jixiao(["show", file, "--db", db, "--json"]).stdout).id);
  const count = async () => Number(/^(\d+) documents/.exec((await page.locator("#count").textContent()) ?? "")![1]);
  const csvRow = (file: string) => {
    const rows = parse(jixiao(["export", "--db", db, "--csv", "-"]).stdout, { columns: true, bom: true }) as Array<Record<string, string>>;
    return rows.find((r) => r.file === file)!;
  };

  it("lists the bundled reports, and a filter narrows the list", async () => {
    await page.goto(base);
    expect(await count()).toBe(116); // the 114 bundled reports and the two written here
    expect(await page.locator("#documents tbody tr").count()).toBe(50);
    await page.screenshot({ path: join(SHOTS, "list.png") });
    await page.fill('input[name="year"]', "2023");
    await page.click("form.filters button");
    const n = await count();
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(116);
    expect(page.url()).toContain("year=2023");
    const years = await page.locator("#documents tbody tr td:nth-child(5)").allTextContents();
    expect(new Set(years)).toEqual(new Set(["2023"]));
  });

  it("a click on a field highlights its evidence in the text and boxes it on the PDF page", async () => {
    await page.goto(`${base}doc/${idOf(join(FIXTURES, "reports", "variants", "pdf-cid", "v06_nongjing_table_budget.pdf"))}`);
    const link = page.locator('a[data-field="expenditure_total"]');
    const raw = await page.locator("#ev-expenditure_total").textContent();
    await link.click();
    const mark = page.locator("#ev-expenditure_total");
    await expect.poll(() => mark.getAttribute("class"), SLOW).toBe("active");
    expect(await mark.evaluate((m) => getComputedStyle(m).backgroundColor)).toBe("rgb(255, 176, 32)");
    expect(await mark.isVisible()).toBe(true);
    const img = page.locator("#page-view img");
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => (i.complete ? i.naturalWidth : 0)), SLOW).toBeGreaterThan(0);
    const box = page.locator("#page-view .box");
    await expect.poll(() => box.isVisible(), SLOW).toBe(true);
    const ib = (await img.boundingBox())!;
    const bb = (await box.boundingBox())!;
    // exactly where evidence.bbox puts it: points × (shown width / page width); the image has 2 pixels a point
    const bbox = (await link.getAttribute("data-bbox"))!.split(",").map(Number);
    const k = ib.width / ((await img.evaluate((i: HTMLImageElement) => i.naturalWidth)) / 2);
    // (the box's outline is drawn outside it)
    expect(Math.abs(bb.x - (ib.x + bbox[0] * k))).toBeLessThan(1.5);
    expect(Math.abs(bb.y - (ib.y + bbox[1] * k))).toBeLessThan(1.5);
    expect(Math.abs(bb.x + bb.width - (ib.x + bbox[2] * k))).toBeLessThan(1.5);
    expect(Math.abs(bb.y + bb.height - (ib.y + bbox[3] * k))).toBeLessThan(1.5);
    // the box lies on the page image, around a value (wider than tall, a few lines at most)
    expect(bb.x).toBeGreaterThanOrEqual(ib.x);
    expect(bb.y).toBeGreaterThanOrEqual(ib.y);
    expect(bb.x + bb.width).toBeLessThanOrEqual(ib.x + ib.width + 1);
    expect(bb.y + bb.height).toBeLessThanOrEqual(ib.y + ib.height + 1);
    expect(bb.width).toBeGreaterThan(bb.height);
    expect(bb.height).toBeLessThan(ib.height / 10);
    expect(raw).toMatch(/\d/);
    await page.screenshot({ path: join(SHOTS, "document.png") });
  });

  it("a correction made in the page shows in export --csv, survives reextract --all and import --force; undo restores the extracted value", async () => {
    const file = "001_7677739c59076178.txt";
    const extracted = csvRow(file).income_total_yuan;
    await page.goto(`${base}doc/${idOf(file)}`);
    const row = page.locator("#f-income_total");
    await row.locator('input[name="value"]').fill("1,956.58万元");
    await row.locator('input[name="note"]').fill("table 1");
    await row.locator('button[value="set"]').click();
    await page.waitForURL(/#f-income_total$/);
    await expect.poll(() => page.locator('#f-income_total a[data-field="income_total"]').textContent()).toBe("19565800");
    const check = () => {
      const r = csvRow(file);
      expect(r.income_total_yuan).toBe("19565800");
      expect(r.corrected_fields).toContain("income_total");
    };
    check();
    expect(jixiao(["reextract", "--all", "--db", db]).code).toBe(0);
    check();
    expect(jixiao(["import", join(FIXTURES, "reports", "seeds"), "--db", db, "--force", "--no-progress"]).code).toBe(0);
    check();
    // (a forced re-import gives the document a new id)
    await page.goto(`${base}doc/${idOf(file)}`);
    expect(await page.locator('#f-income_total a[data-field="income_total"]').textContent()).toBe("19565800");
    await page.locator('#f-income_total button[value="undo"]').click();
    await page.waitForURL(/#f-income_total$/);
    expect(csvRow(file).income_total_yuan).toBe(extracted);
    expect(csvRow(file).corrected_fields).toBe("");
  });

  it("a report with script in its text and its name shows both as text", async () => {
    await page.goto(`${base}?q=${encodeURIComponent("水利局")}`);
    const link = page.locator("#documents a", { hasText: "onerror" });
    expect(await link.textContent()).toBe(EVIL_NAME);
    await link.click();
    await page.waitForURL(/\/doc\/\d+/);
    expect(await page.locator("#text").textContent()).toContain("<script>alert(3)</script>");
    expect(await page.locator("#text").textContent()).toContain('" onmouseover="alert(4)"');
    expect(await page.locator("#text script, [onmouseover], img[onerror]").count()).toBe(0);
    await page.locator("#text").hover();
    expect(dialogs).toEqual([]);
  });

  it("a POST without the CSRF token is refused, from the page's own origin too", async () => {
    await page.goto(`${base}doc/${idOf("002_ead4207e0aef5641.txt")}`);
    // (the page itself may not fetch: its CSP has no connect-src)
    const r = await page.request.post(`${page.url()}/review`, {
      form: { field: "grade", action: "reject" },
      headers: { origin: base.replace(/\/$/, "") },
    });
    expect(r.status()).toBe(403);
    // the page's own form with its token removed
    await page
      .locator("#f-grade form.review")
      .evaluate((f) => f.setAttribute("action", f.getAttribute("action")!.replace(/\?csrf=.*/, "")));
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.locator('#f-grade button[value="reject"]').click(),
    ]);
    expect(resp.status()).toBe(403);
    expect(JSON.parse(jixiao(["show", "002_ead4207e0aef5641.txt", "--db", db, "--json"]).stdout).corrected).toEqual({});
  });

  it("a page made before its file changed: accept gives the 409 message, nothing is stored, and the page offers the new value", async () => {
    const file = join(dir, "in", "changing.txt");
    await page.goto(`${base}doc/${JSON.parse(jixiao(["show", file, "--db", db, "--json"]).stdout).id}`);
    await expect.poll(() => page.locator("#f-self_score a.value").textContent(), SLOW).toBe("96");
    // the file changes and is re-imported while the page is open
    writeFileSync(file, readFileSync(file, "utf8").replaceAll("96分", "66分"));
    expect(jixiao(["import", file, "--db", db, "--no-progress"]).code).toBe(0);
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.locator('#f-self_score button[value="accept"]').click(),
    ]);
    expect(resp.status()).toBe(409);
    await expect.poll(() => page.locator("#stale").textContent(), SLOW).toContain("Nothing was recorded");
    expect(await page.locator("#now").textContent()).toBe("66");
    expect(JSON.parse(jixiao(["show", file, "--db", db, "--json"]).stdout).corrected).toEqual({});
    // the page offers the new value: accepting it is stored
    await Promise.all([page.waitForURL(/#f-self_score$/, SLOW), page.getByRole("button", { name: "accept 66" }).click()]);
    expect(JSON.parse(jixiao(["show", file, "--db", db, "--json"]).stdout).corrected.self_score).toMatchObject({ action: "accept" });
  });

  it("draws the charts from the same filters", async () => {
    await page.goto(`${base}charts`);
    await page.waitForSelector("body[data-charts-ready]");
    for (const id of ["chart-scores", "chart-grades", "chart-sangong", "chart-economic"])
      expect(await page.locator(`#${id} svg`).count()).toBe(1);
    // the bars of the score distribution add up to the documents with a score
    const data = JSON.parse((await page.locator("#chart-data").textContent())!);
    const withScore = jixiao(["query", "--db", db, "--min-score", "0", "--format", "jsonl"]).stdout.split("\n").filter(Boolean).length;
    expect(withScore).toBeGreaterThan(50);
    expect(data.scores.counts.reduce((a: number, b: number) => a + b, 0)).toBe(withScore);
    await page.screenshot({ path: join(SHOTS, "charts.png"), fullPage: true });
    await page.goto(`${base}charts?year=2023`);
    await page.waitForSelector("body[data-charts-ready]");
    const narrowed = JSON.parse((await page.locator("#chart-data").textContent())!);
    expect(narrowed.documents).toBeLessThan(data.documents);
  });
});
