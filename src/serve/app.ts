/**
 * `jixiao serve`: a local review application (Hono, server-rendered pages, a little script, no CDN).
 *   GET  /                      the documents, with filters (year, region, kind, grade, flag, reviewed,
 *                               full-text search), sorting and paging, over the `records` view
 *   GET  /charts                charts across the documents the same filters select (ECharts)
 *   GET  /doc/:id               one document: every field (value, unit, raw text, confidence, rule,
 *                               flags, review) beside the document's text, evidence marked; for a PDF
 *                               the evidence page as an image with the value's box; the score table
 *   GET  /doc/:id/page/:n.png   a PDF page rendered with MuPDF (only from the imported, unchanged file)
 *   POST /doc/:id/review        accept, correct (normalised like an extracted value), reject or undo
 *   GET  /assets/*              the pages' scripts and ECharts
 * Safe by default: report text and file names escaped everywhere; a strict CSP (scripts from the
 * server only); reviews are POSTs carrying this server's CSRF token, from its own origin; `--read-only`
 * serves no forms and refuses reviews; with an access token (required off loopback), every request
 * needs it (once as ?token=…, then a cookie).
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie, setCookie } from "hono/cookie";
import { oneLine } from "../errors.js";
import type { FieldDef } from "../extract/catalog.js";
import { DOCUMENT_KINDS } from "../extract/identity.js";
import type { BudgetTable } from "../model.js";
import { checkNote, normalizeTyped, TypedValueError } from "../normalize/typed.js";
import { addCorrection, currentCorrections, undoCorrection } from "../store/corrections.js";
import { type DB, documentFields, documentFlags } from "../store/db.js";
import { documentTables } from "../store/lines.js";
import { findDocument } from "../store/query.js";
import { syncRecords } from "../store/views.js";
import { CHARTS_JS, echartsFile, REVIEW_JS } from "./assets.js";
import { chartData } from "./charts.js";
import { type Filters, filterQuery, filterSql, parseFilters } from "./filters.js";
import { html, page, type Raw, raw } from "./html.js";
import { PAGE_SCALE, PageImageError, RenderBusyError, renderPage } from "./render.js";

export interface ServeOptions {
  readOnly?: boolean;
  /** the reviewer's name recorded with each review */
  user: string;
  catalog: FieldDef[];
  /** when set, every request must carry it (?token= once, then the cookie) */
  accessToken?: string;
  /** the CSRF token put in every form (random per server when not given) */
  csrfToken?: string;
  /** the database's folder: relative document paths are also looked for from there */
  dbDir?: string;
  /**
   * The names the server answers to (127.0.0.1, localhost, [::1] on loopback, or the --host given) and
   * its port, known once it listens: a request for another Host is refused (DNS rebinding), and a
   * review's Origin must be one of these origins.
   */
  names: string[];
  port: () => number;
}

/** The largest review form: a value and a note well within it (MAX_VALUE_CHARS, MAX_NOTE_CHARS). */
export const MAX_FORM_BYTES = 64 * 1024;

export const PAGE_SIZE = 50;
/** The list's columns: [records column, heading, numeric]. Sorting is by these only. */
const LIST_COLUMNS: Array<[string, string, boolean]> = [
  ["unit_name", "单位", false],
  ["province", "省", false],
  ["county", "县（区）", false],
  ["fiscal_year", "年度", true],
  ["document_kind", "类型", false],
  ["self_score_points", "自评得分", true],
  ["grade", "等级", false],
  ["expenditure_total_yuan", "支出（元）", true],
  ["sangong_actual_yuan", "三公（元）", true],
];
const SORTS = new Set(["file", "flags", ...LIST_COLUMNS.map(([c]) => c)]);
/** Fields shown on a document page even when missing: a missing one is news. */
const ALWAYS_SHOWN = [
  "unit_name",
  "fiscal_year",
  "document_kind",
  "self_score",
  "grade",
  "expenditure_total",
  "income_total",
  "staff_authorized",
  "staff_actual",
];
const KINDS = DOCUMENT_KINDS;
const GRADES = ["优", "良", "中", "差"];
/** Below this confidence a value is shown as uncertain. */
const UNCERTAIN = 0.7;

/** Secrets compared by their digests: any two strings, of any length or characters, in constant time. */
const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

/** Headers every response carries, refusals included. */
const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy":
    "default-src 'none'; script-src 'self'; img-src 'self'; style-src 'self' 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "X-Content-Type-Options": "nosniff",
  // same-origin: a form's POST carries its Origin (with no-referrer, browsers send "null")
  "Referrer-Policy": "same-origin",
};

/** The routes and their methods: another method on one of these paths is a 405, not a 404. */
const ROUTES: Array<[RegExp, string]> = [
  [/^\/doc\/[^/]+\/review$/, "POST"],
  [/^\/(?:|charts|doc\/[^/]+|doc\/[^/]+\/page\/[0-9]+\.png|assets\/[^/]+)$/, "GET, HEAD"],
];

export function createApp(db: DB, opts: ServeOptions): Hono {
  const app = new Hono();
  const fields = new Map(opts.catalog.map((d) => [d.name, d]));
  const csrf = opts.csrfToken ?? randomBytes(24).toString("base64url");
  const flagCodes = () => (db.prepare("SELECT DISTINCT code FROM flags ORDER BY code").all() as Array<{ code: string }>).map((r) => r.code);

  app.onError((e, c) => {
    process.stderr.write(`jixiao serve: ${c.req.method} ${c.req.path}: ${oneLine(e)}\n`);
    return c.text("internal error (see the server's output)", 500);
  });

  /** host:port of each name the server answers to (known once it listens) */
  const ownHosts = () => opts.names.map((n) => `${n}:${opts.port()}`);
  const hostOk = (host: string | undefined) => !!host && ownHosts().includes(host.toLowerCase());
  // the Host header (always sent over HTTP/1.1); an in-process request without one, by its URL's host
  const hostOf = (c: Context) => c.req.header("host") ?? new URL(c.req.url).host;
  const cookieName = () => `jixiao_token_${opts.port()}`;

  app.use("*", async (c, next) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.header(k, v);
    // only the names this server was started for: a page whose name was rebound to 127.0.0.1 is refused
    if (!hostOk(hostOf(c))) return c.text(`this server answers only to ${ownHosts().join(", ")}`, 421);
    if (opts.accessToken) {
      const given = c.req.query("token");
      if (given !== undefined && sameSecret(given, opts.accessToken)) {
        setCookie(c, cookieName(), opts.accessToken, { httpOnly: true, sameSite: "Strict", path: "/" });
        const url = new URL(c.req.url);
        url.searchParams.delete("token");
        // "//evil.example/" is another site to a browser: one leading slash only
        return c.redirect(`/${url.pathname.replace(/^\/+/, "")}${url.search}`, 303);
      }
      const cookie = getCookie(c, cookieName());
      if (cookie === undefined || !sameSecret(cookie, opts.accessToken))
        return c.text("access token required: open the URL jixiao serve printed (…?token=…)", 401);
    }
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.header(k, v);
  });

  app.notFound((c) => {
    const route = ROUTES.find(([re]) => re.test(c.req.path));
    if (route) return c.text(`${c.req.method} is not allowed here (${route[1]})`, 405, { Allow: route[1] });
    return c.text("not found", 404);
  });

  const asset = (body: string | Buffer, type: string) => (c: Context) =>
    c.body(typeof body === "string" ? body : new Uint8Array(body), 200, { "Content-Type": type, "Cache-Control": "max-age=3600" });
  app.get("/assets/review.js", asset(REVIEW_JS, "text/javascript; charset=utf-8"));
  app.get("/assets/charts.js", asset(CHARTS_JS, "text/javascript; charset=utf-8"));
  let echarts: Buffer | undefined;
  app.get("/assets/echarts.min.js", (c) => asset((echarts ??= readFileSync(echartsFile())), "text/javascript; charset=utf-8")(c));

  /** The filter form, shared by the documents and charts pages. */
  const filterForm = (f: Filters, action: string) => html`
      <form class="filters" method="get" action="${action}">
        <input name="q" placeholder="全文搜索" value="${f.q ?? ""}"><input name="year" placeholder="年度" size="5" value="${f.year ?? ""}">
        <input name="province" placeholder="省" size="6" value="${f.province ?? ""}"><input name="city" placeholder="市" size="6" value="${f.city ?? ""}"><input name="county" placeholder="县（区）" size="7" value="${f.county ?? ""}">
        <select name="kind"><option value="">类型</option>${KINDS.map((k) => html`<option${raw(f.kind === k ? " selected" : "")}>${k}</option>`)}</select>
        <select name="grade"><option value="">等级</option>${[...GRADES, "none"].map((g) => html`<option value="${g}"${raw(f.grade === g ? " selected" : "")}>${g === "none" ? "无等级" : g}</option>`)}</select>
        <select name="flag"><option value="">flag</option>${flagCodes().map((k) => html`<option${raw(f.flag === k ? " selected" : "")}>${k}</option>`)}</select>
        <select name="reviewed"><option value="">reviewed?</option><option value="yes"${raw(f.reviewed === "yes" ? " selected" : "")}>reviewed</option><option value="no"${raw(f.reviewed === "no" ? " selected" : "")}>not reviewed</option></select>
        <button>filter</button>
      </form>`;

  app.get("/", (c) => {
    const q = c.req.query();
    const f = parseFilters(q);
    const { where, params } = filterSql(db, f);
    const from = syncRecords(db);
    const sort = SORTS.has(q.sort ?? "") ? q.sort! : "file";
    const desc = q.dir === "desc";
    const total = (db.prepare(`SELECT count(*) AS n FROM ${from} r ${where}`).get(...params) as { n: number }).n;
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const pageNo = Math.min(pages, Math.max(1, Math.floor(Number(q.page)) || 1));
    const flagCount = "(SELECT count(*) FROM flags fl WHERE fl.document_id = r.id)";
    const order = sort === "flags" ? flagCount : `r.${sort}`;
    // missing values last whichever the direction
    const rows = db
      .prepare(
        `SELECT r.id, r.file, ${LIST_COLUMNS.map(([col]) => `r.${col}`).join(", ")}, r.corrected_fields, ${flagCount} AS flags
         FROM ${from} r ${where} ORDER BY ${order} IS NULL, ${order} ${desc ? "DESC" : "ASC"}, r.file, r.id LIMIT ? OFFSET ?`,
      )
      .all(...params, PAGE_SIZE, (pageNo - 1) * PAGE_SIZE) as Array<Record<string, unknown>>;
    const base = { ...f, sort: sort === "file" ? undefined : sort, dir: desc ? "desc" : undefined };
    const sortLink = (col: string, label: string) => {
      const next = sort === col && !desc ? "desc" : undefined;
      return html`<a href="/${raw(filterQuery(f, { sort: col, dir: next }))}">${label}${sort === col ? (desc ? " ▼" : " ▲") : ""}</a>`;
    };
    const body = html`${filterForm(f, "/")}
      <p id="count">${total} documents${pages > 1 ? html` — page ${pageNo} of ${pages}` : ""} · <a href="/charts${raw(filterQuery(f))}">charts of these</a></p>
      <table id="documents"><thead><tr><th>${sortLink("file", "file")}</th>${LIST_COLUMNS.map(([col, label]) => html`<th>${sortLink(col, label)}</th>`)}<th>${sortLink("flags", "flags")}</th><th>corrected</th></tr></thead><tbody>
      ${rows.map(
        (r) =>
          html`<tr><td><a href="/doc/${r.id}">${r.file}</a></td>${LIST_COLUMNS.map(([col, , num]) => html`<td class="${num ? "num" : ""}">${shown(col, r[col])}</td>`)}<td class="flag num">${r.flags || ""}</td><td>${r.corrected_fields ?? ""}</td></tr>`,
      )}</tbody></table>
      <p>${pageNo > 1 ? html`<a rel="prev" href="/${raw(filterQuery(base, { page: String(pageNo - 1) }))}">← previous</a> ` : ""}${pageNo < pages ? html`<a rel="next" href="/${raw(filterQuery(base, { page: String(pageNo + 1) }))}">next →</a>` : ""}</p>`;
    return c.html(page("documents", body));
  });

  app.get("/charts", (c) => {
    const f = parseFilters(c.req.query());
    const data = chartData(db, f, syncRecords(db));
    // JSON inside a script element: "<" escaped so that report text cannot close the element
    const json = JSON.stringify(data).replace(/</g, "\\u003c");
    const body = html`${filterForm(f, "/charts")}
      <p>${data.documents} documents · <a href="/${raw(filterQuery(f))}">list them</a></p>
      <div class="charts"><div class="chart" id="chart-scores"></div><div class="chart" id="chart-grades"></div>
      <div class="chart" id="chart-sangong"></div><div class="chart" id="chart-economic"></div></div>
      <script type="application/json" id="chart-data">${raw(json)}</script>`;
    return c.html(page("charts", body, ["/assets/echarts.min.js", "/assets/charts.js"]));
  });

  app.get("/doc/:id/page/:n{[0-9]+\\.png}", async (c) => {
    const found = findDocument(db, c.req.param("id"));
    if ("error" in found) return c.text(found.error, 404);
    const d = db.prepare("SELECT path, sha256, format FROM documents WHERE id = ?").get(found.id) as {
      path: string;
      sha256: string;
      format: string;
    };
    if (d.format !== "pdf") return c.text("not a PDF", 404);
    try {
      const png = await renderPage(d.path, d.sha256, Number.parseInt(c.req.param("n"), 10), opts.dbDir);
      return c.body(new Uint8Array(png), 200, { "Content-Type": "image/png", "Cache-Control": "private, max-age=600" });
    } catch (e) {
      if (e instanceof PageImageError) return c.text(e.message, 404);
      if (e instanceof RenderBusyError) return c.text(e.message, 503, { "Retry-After": "1" });
      throw e;
    }
  });

  app.get("/doc/:id", (c) => {
    const found = findDocument(db, c.req.param("id"));
    if ("error" in found) return c.html(page("not found", html`<p>${found.error}</p>`), 404);
    const d = db
      .prepare("SELECT id, file_name, path, sha256, format, pages, document_kind, text FROM documents WHERE id = ?")
      .get(found.id) as Record<string, string | number | null>;
    const values = documentFields(db, found.id);
    const reviews = currentCorrections(db, String(d.sha256));
    const flags = documentFlags(db, found.id);
    const text = String(d.text ?? "");
    const isPdf = d.format === "pdf";
    // evidence ranges, marked in the text; overlapping ones keep the first
    const marks = [...values.entries()]
      .filter(([, v]) => v.ev_end > v.ev_start && v.ev_end <= text.length)
      .map(([f, v]) => ({ f, s: v.ev_start, e: v.ev_end }))
      .sort((a, b) => a.s - b.s);
    let at = 0;
    const parts: Raw[] = [];
    for (const m of marks) {
      if (m.s < at) continue;
      parts.push(html`${text.slice(at, m.s)}<mark id="ev-${m.f}" title="${m.f}">${text.slice(m.s, m.e)}</mark>`);
      at = m.e;
    }
    parts.push(html`${text.slice(at)}`);
    const rowsHtml = opts.catalog.map((def) => {
      const v = values.get(def.name);
      const r = reviews.get(def.name);
      const fl = flags.filter((f) => f.fields.includes(def.name));
      if (!v && !r && !fl.length && !ALWAYS_SHOWN.includes(def.name)) return html``;
      const where =
        v && isPdf && v.ev_page !== null
          ? html` data-page="${v.ev_page}" data-bbox="${v.ev_bbox ? (JSON.parse(v.ev_bbox) as number[]).join(",") : ""}"`
          : html``;
      const value = v
        ? html`<a class="value" href="#ev-${def.name}" data-field="${def.name}"${where}>${v.value}</a> ${v.unit === "元" || v.unit === "text" ? "" : v.unit}`
        : html`<span class="missing">${r?.action === "reject" ? "— rejected" : "— not found"}</span>`;
      const uncertain = v && !v.review && v.confidence < UNCERTAIN;
      const form = opts.readOnly
        ? html``
        : html`<form class="review" method="post" action="/doc/${d.id}/review?csrf=${csrf}">${madeAgainst(String(d.sha256), v?.value)}<input type="hidden" name="field" value="${def.name}">
            <input name="value" size="12" placeholder="correct value" aria-label="correct value of ${def.name}"><input name="note" size="14" placeholder="note" aria-label="note">
            <button name="action" value="set">set</button><button name="action" value="accept">accept</button><button name="action" value="reject">reject</button>${r ? html`<button name="action" value="undo">undo</button>` : ""}</form>`;
      return html`<tr id="f-${def.name}" class="${r && r.action !== "accept" ? "corrected" : ""}"><td>${def.name}<br><small>${def.label}</small></td><td>${value}<br><small>${v?.raw ?? ""}</small>${v?.ev_page != null ? html`<br><small>page ${v.ev_page}${v.ev_section ? ` · ${v.ev_section}` : ""}</small>` : v?.ev_section ? html`<br><small>${v.ev_section}</small>` : ""}</td>
        <td><small class="${uncertain ? "uncertain" : ""}">${v ? `confidence ${v.confidence}${uncertain ? " — uncertain" : ""}` : ""}</small>${v?.rule ? html`<br><small>rule ${v.rule}</small>` : ""}${r ? html`<br><small>${r.action === "set" ? "corrected" : r.action === "accept" ? "accepted" : "rejected"} by ${r.reviewer ?? "?"}${r.note ? `: ${r.note}` : ""}</small>` : ""}${fl.map((f) => html`<br><small class="flag">${f.code}: ${f.message}</small>`)}</td><td>${form}</td></tr>`;
    });
    const indicators = db
      .prepare(
        "SELECT level1, level2, level3, target, actual, unit, weight, score, reason FROM indicators WHERE document_id = ? ORDER BY seq",
      )
      .all(found.id) as Array<Record<string, string | number | null>>;
    const scoreTable = indicators.length
      ? html`<h3>自评表 (score table, ${indicators.length} rows)</h3><table class="score" id="score-table"><thead><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>目标值</th><th>实际值</th><th>权重</th><th>得分</th><th>说明</th></tr></thead><tbody>
        ${indicators.map((i) => html`<tr><td>${i.level1 ?? ""}</td><td>${i.level2 ?? ""}</td><td>${i.level3 ?? ""}</td><td>${i.target ?? ""}</td><td>${i.actual ?? ""}${i.unit ? ` ${i.unit}` : ""}</td><td class="num">${i.weight ?? ""}</td><td class="num">${i.score ?? ""}</td><td>${i.reason ?? ""}</td></tr>`)}
        <tr><th colspan="5">合计</th><th class="num">${sum(indicators.map((i) => i.weight))}</th><th class="num">${sum(indicators.map((i) => i.score))}</th><th></th></tr></tbody></table>`
      : html``;
    const budget = budgetTablesHtml(documentTables(db, found.id), isPdf);
    const pageView = isPdf
      ? html`<figure id="page-view" hidden data-scale="${PAGE_SCALE}" data-src="/doc/${d.id}/page/PAGE.png"><figcaption></figcaption><div class="sheet"><img alt="the evidence page"><div class="box" hidden></div></div></figure>`
      : html``;
    const docFlags = flags.filter((f) => !f.fields.length);
    const body = html`<p>${d.path} · ${d.format} · ${d.pages ?? "—"} pages · ${d.document_kind} · <code>${String(d.sha256).slice(0, 12)}</code></p>
      ${docFlags.length ? html`<ul class="flag">${docFlags.map((f) => html`<li>${f.code}: ${f.message}</li>`)}</ul>` : ""}
      <div class="doc"><div><table id="fields"><thead><tr><th>field</th><th>value · raw · where</th><th>confidence, rule, review, flags</th><th>${opts.readOnly ? "" : "review"}</th></tr></thead><tbody>${rowsHtml}</tbody></table>${scoreTable}${budget}</div>
      <div>${pageView}<div class="text" id="text">${parts}</div></div></div>`;
    return c.html(page(String(d.file_name), body, ["/assets/review.js"]));
  });

  // before the body is read: the CSRF token (in the form's address) and the origin; then a bounded body
  const reviewGuard = async (c: Context, next: () => Promise<void>) => {
    if (opts.readOnly) return c.text("read-only: reviews are not accepted", 403);
    // a form of this page only: a cross-site post carries another origin, and no page of ours
    const origin = c.req.header("origin");
    if (origin !== undefined && !ownHosts().some((h) => `http://${h}` === origin.toLowerCase()))
      return c.text("cross-site request refused", 403);
    const token = c.req.query("csrf");
    if (token === undefined || !sameSecret(token, csrf)) return c.text("missing or wrong CSRF token: reload the page and try again", 403);
    await next();
  };
  const limit = bodyLimit({
    maxSize: MAX_FORM_BYTES,
    onError: (c) => c.text(`a review form is at most ${MAX_FORM_BYTES} bytes`, 413),
  });

  app.post("/doc/:id/review", reviewGuard, limit, async (c) => {
    let form: Record<string, string | File | (string | File)[]>;
    try {
      form = await c.req.parseBody();
    } catch (e) {
      return c.text(`malformed form: ${oneLine(e)}`, 400);
    }
    const found = findDocument(db, c.req.param("id"));
    if ("error" in found) return c.text(found.error, 404);
    const field = String(form.field ?? "");
    const action = String(form.action ?? "");
    const def = fields.get(field);
    if (!def) return c.text(`no field named ${field}`, 400);
    const sha = (db.prepare("SELECT sha256 FROM documents WHERE id = ?").get(found.id) as { sha256: string }).sha256;
    const old = documentFields(db, found.id).get(field)?.value ?? null;
    // a review is of what the reviewer saw: the form says which bytes and which value
    if (typeof form.sha !== "string" || typeof form.shown !== "string")
      return c.text("the form does not say what it was made against (the document's SHA-256 and the value shown): reload the page", 400);
    const now = old === null ? "" : String(old);
    if (form.sha !== sha || form.shown !== now) {
      const body = html`<p id="stale">${field}: ${form.sha !== sha ? "the document was re-imported with other bytes" : "the value changed"} since the page was shown. The page showed <b>${form.shown || "no value"}</b>; it is now <b id="now">${now || "no value"}</b>. Nothing was recorded.</p>
        ${opts.readOnly ? "" : html`<form class="review" method="post" action="/doc/${found.id}/review?csrf=${csrf}">${madeAgainst(sha, old)}<input type="hidden" name="field" value="${field}"><button name="action" value="accept">accept ${now || "no value"}</button></form>`}
        <p><a href="/doc/${found.id}#f-${field}">the document as it is now</a></p>`;
      return c.html(page("changed since shown", body), 409);
    }
    try {
      const note = checkNote(String(form.note ?? ""));
      if (action === "undo") undoCorrection(db, sha, field, opts.user);
      else if (action === "set")
        addCorrection(db, {
          sha256: sha,
          field,
          action,
          old,
          value: normalizeTyped(def.kind, String(form.value ?? ""), def.accepts),
          note,
          reviewer: opts.user,
        });
      else if (action === "accept" || action === "reject")
        addCorrection(db, { sha256: sha, field, action, old, note, reviewer: opts.user });
      else return c.text(`unknown action ${action}`, 400);
    } catch (e) {
      if (e instanceof TypedValueError)
        return c.html(page("not a value", html`<p>${field}: ${e.message}</p><p><a href="/doc/${found.id}#f-${field}">back</a></p>`), 400);
      throw e;
    }
    return c.redirect(`/doc/${found.id}#f-${field}`, 303);
  });

  return app;
}

/** What a review form was made against: the document's bytes and the value the page showed (409 when either changed). */
const madeAgainst = (sha: string, shown: unknown) =>
  html`<input type="hidden" name="sha" value="${sha}"><input type="hidden" name="shown" value="${shown === null || shown === undefined ? "" : String(shown)}">`;

/** A list cell: amounts in 元 with thousands separators, a missing value as a dash. */
function shown(col: string, v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (col.endsWith("_yuan") && typeof v === "number") return v.toLocaleString("en-US", { maximumFractionDigits: 2 });
  return String(v);
}

/** Sum of a column's numbers as a decimal string (two places at most), "" when there are none. */
function sum(xs: Array<string | number | null>): string {
  const ns = xs.filter((x): x is number => typeof x === "number");
  if (!ns.length) return "";
  return String(Math.round(ns.reduce((a, b) => a + b, 0) * 100) / 100);
}

/**
 * The document's 预算/决算 tables under its fields: each table folded, opened where a check failed;
 * a failed cell marked, its check's figures in its title; the failed checks listed above the lines.
 */
function budgetTablesHtml(tables: BudgetTable[], pdf: boolean): Raw {
  const withLines = tables.filter((t) => t.lines.length);
  if (!withLines.length) return html``;
  const items = withLines.map((t) => {
    const failed = t.checks.filter((c) => !c.ok);
    const columns = [...new Set(t.lines.flatMap((l) => l.cells.map((c) => c.column)))];
    const pages = t.page === t.last_page ? `p. ${t.page ?? "?"}` : `pp. ${t.page ?? "?"}–${t.last_page ?? "?"}`;
    // the cell is the total of a failed check, or one of its parts
    const why = (line: number, column: string) =>
      failed
        .filter((c) => c.line === line && (c.column === column || c.rule === "children" || c.rule === "total"))
        .map((c) => c.message)
        .join("; ") || "a part of a check that failed (listed above the table)";
    return html`<details class="budget" data-kind="${t.kind}"${failed.length ? html` open` : ""}><summary>${t.title ?? "(untitled table)"} · ${t.kind} · ${pages} · unit ${t.unit ?? "?"} · ${t.lines.length} lines · ${t.checks.length} checks${failed.length ? html`, <span class="flag">${failed.length} failed</span>` : ""}</summary>
      ${failed.length ? html`<ul class="flag">${failed.map((c) => html`<li>${c.rule}: ${c.message}</li>`)}</ul>` : ""}
      <table class="lines"><thead><tr><th>code</th><th>name</th><th>level</th>${columns.map((c) => html`<th class="num">${c}</th>`)}</tr></thead><tbody>
      ${t.lines.map(
        (l, i) =>
          html`<tr><td>${l.code ?? ""}</td><td>${l.name}</td><td>${l.level ?? ""}</td>${columns.map((col) => {
            const cell = l.cells.find((c) => c.column === col);
            if (!cell) return html`<td></td>`;
            // a PDF's figure links to its place on the page
            const figure =
              pdf && l.page !== null
                ? html`<a href="#budget-tables" data-page="${l.page}" data-bbox="${cell.bbox ? cell.bbox.join(",") : ""}">${cell.raw}</a>`
                : html`${cell.raw}`;
            return cell.check === "failed"
              ? html`<td class="num failed" title="${why(i, col)}">${figure}</td>`
              : html`<td class="num${cell.check === "ok" ? " checked" : ""}">${figure}</td>`;
          })}</tr>`,
      )}</tbody></table></details>`;
  });
  return html`<h3 id="budget-tables">预算/决算 tables (${withLines.length})</h3>${items}`;
}
