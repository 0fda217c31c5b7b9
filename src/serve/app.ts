/**
 * `jixiao serve`: a local review application (Hono, server-rendered pages, no script, no CDN).
 *   GET  /              the documents, with filters (year, kind, flag, reviewed, full-text search) and paging
 *   GET  /doc/:id       one document: every field (value, unit, raw text, confidence, rule, review) beside
 *                       the document's text, each value's evidence marked and linked (#ev-FIELD)
 *   POST /doc/:id/review   accept, correct (normalised like an extracted value), reject or undo, with a note
 * Reviews go to the corrections table (see store/corrections.ts); `--read-only` serves no forms and refuses POST.
 */
import { Hono } from "hono";
import type { FieldDef } from "../extract/catalog.js";
import { normalizeTyped, TypedValueError } from "../normalize/typed.js";
import { addCorrection, currentCorrections, undoCorrection } from "../store/corrections.js";
import { documentFields, documentFlags, type DB } from "../store/db.js";
import { findDocument } from "../store/query.js";
import { search } from "../store/search.js";
import { esc, html, page, raw, type Raw } from "./html.js";

export interface ServeOptions {
  readOnly?: boolean;
  /** the reviewer's name recorded with each review */
  user: string;
  catalog: FieldDef[];
}

const PAGE_SIZE = 50;
const LIST_COLUMNS: Array<[string, string, boolean]> = [
  ["unit_name", "单位", false],
  ["province", "省", false],
  ["county", "县（区）", false],
  ["fiscal_year", "年度", true],
  ["self_score_points", "自评得分", true],
  ["grade", "等级", false],
  ["expenditure_total_yuan", "支出（元）", true],
];

export function createApp(db: DB, opts: ServeOptions): Hono {
  const app = new Hono();
  const fields = new Map(opts.catalog.map((d) => [d.name, d]));

  app.use("*", async (c, next) => {
    await next();
    c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
    c.header("X-Content-Type-Options", "nosniff");
  });

  app.get("/", (c) => {
    const q = c.req.query();
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.year && /^\d{4}$/.test(q.year)) {
      where.push("r.fiscal_year = ?");
      params.push(Number(q.year));
    }
    if (q.kind) {
      where.push("r.document_kind = ?");
      params.push(q.kind);
    }
    if (q.province) {
      where.push("r.province LIKE ?");
      params.push(`${q.province}%`);
    }
    if (q.flag) {
      where.push("EXISTS (SELECT 1 FROM flags f WHERE f.document_id = r.id AND f.code = ?)");
      params.push(q.flag);
    }
    if (q.reviewed === "yes" || q.reviewed === "no") where.push(`${q.reviewed === "yes" ? "" : "NOT "}EXISTS (SELECT 1 FROM corrections k WHERE k.sha256 = r.sha256 AND k.undone = 0)`);
    if (q.q?.trim()) {
      const ids = search(db, q.q, 100_000).map((h) => h.id);
      where.push(`r.id IN (${ids.map(() => "?").join(",") || "NULL"})`);
      params.push(...ids);
    }
    const sql = `FROM records r ${where.length ? `WHERE ${where.join(" AND ")}` : ""}`;
    const total = (db.prepare(`SELECT count(*) AS n ${sql}`).get(...params) as { n: number }).n;
    const pageNo = Math.max(1, Number(q.page) || 1);
    const rows = db
      .prepare(
        `SELECT r.id, r.file, r.document_kind, ${LIST_COLUMNS.map(([col]) => `r.${col}`).join(", ")}, r.corrected_fields,
           (SELECT count(*) FROM flags f WHERE f.document_id = r.id) AS flags ${sql} ORDER BY r.file, r.id LIMIT ? OFFSET ?`,
      )
      .all(...params, PAGE_SIZE, (pageNo - 1) * PAGE_SIZE) as Array<Record<string, unknown>>;
    const keep = (extra: Record<string, string>) => "?" + new URLSearchParams({ ...q, ...extra }).toString();
    const body = html`
      <form class="filters" method="get" action="/">
        <input name="q" placeholder="全文搜索" value="${q.q ?? ""}"><input name="year" placeholder="年度" size="5" value="${q.year ?? ""}">
        <input name="province" placeholder="省" size="6" value="${q.province ?? ""}">
        <select name="kind"><option value="">类型</option>${["自评报告", "项目自评", "决算", "预算", "其他"].map((k) => html`<option${raw(q.kind === k ? " selected" : "")}>${k}</option>`)}</select>
        <input name="flag" placeholder="flag" size="12" value="${q.flag ?? ""}">
        <select name="reviewed"><option value="">reviewed?</option><option value="yes"${raw(q.reviewed === "yes" ? " selected" : "")}>yes</option><option value="no"${raw(q.reviewed === "no" ? " selected" : "")}>no</option></select>
        <button>filter</button>
      </form>
      <p>${total} documents${total > PAGE_SIZE ? html` — page ${pageNo} of ${Math.ceil(total / PAGE_SIZE)}` : ""}</p>
      <table><thead><tr><th>file</th><th>类型</th>${LIST_COLUMNS.map(([, label]) => html`<th>${label}</th>`)}<th>flags</th><th>corrected</th></tr></thead><tbody>
      ${rows.map(
        (r) => html`<tr><td><a href="/doc/${r.id}">${r.file}</a></td><td>${r.document_kind}</td>${LIST_COLUMNS.map(([col, , num]) => html`<td class="${num ? "num" : ""}">${r[col] ?? "—"}</td>`)}<td class="flag">${r.flags || ""}</td><td>${r.corrected_fields ?? ""}</td></tr>`,
      )}</tbody></table>
      <p>${pageNo > 1 ? html`<a href="${keep({ page: String(pageNo - 1) })}">← previous</a> ` : ""}${pageNo * PAGE_SIZE < total ? html`<a href="${keep({ page: String(pageNo + 1) })}">next →</a>` : ""}</p>`;
    return c.html(page("documents", body));
  });

  app.get("/doc/:id", (c) => {
    const found = findDocument(db, c.req.param("id"));
    if ("error" in found) return c.html(page("not found", html`<p>${found.error}</p>`), 404);
    const d = db.prepare("SELECT id, file_name, path, sha256, format, pages, document_kind, text FROM documents WHERE id = ?").get(found.id) as Record<string, string | number | null>;
    const values = documentFields(db, found.id);
    const reviews = currentCorrections(db, String(d.sha256));
    const flags = documentFlags(db, found.id);
    const text = String(d.text ?? "");
    // evidence ranges, marked in the text; overlapping ones keep the first
    const marks = [...values.entries()].filter(([, v]) => v.ev_end > v.ev_start && v.ev_end <= text.length).map(([f, v]) => ({ f, s: v.ev_start, e: v.ev_end })).sort((a, b) => a.s - b.s);
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
      if (!v && !r && !fl.length && !["unit_name", "fiscal_year", "self_score", "grade", "expenditure_total", "income_total", "staff_authorized", "staff_actual"].includes(def.name)) return html``;
      const value = v ? html`<a href="#ev-${def.name}">${v.value}</a> ${v.unit === "元" || v.unit === "text" ? "" : v.unit}` : html`<span class="missing">— not found</span>`;
      const form = opts.readOnly
        ? html``
        : html`<form class="review" method="post" action="/doc/${d.id}/review"><input type="hidden" name="field" value="${def.name}">
            <input name="value" size="12" placeholder="correct value"><input name="note" size="14" placeholder="note">
            <button name="action" value="set">set</button><button name="action" value="accept">accept</button><button name="action" value="reject">reject</button>${r ? html`<button name="action" value="undo">undo</button>` : ""}</form>`;
      return html`<tr id="f-${def.name}" class="${r && r.action !== "accept" ? "corrected" : ""}"><td>${def.name}<br><small>${def.label}</small></td><td>${value}<br><small>${v?.raw ?? ""}</small></td>
        <td><small>${v ? `${v.confidence} ${v.review ? "review" : ""}` : ""}</small>${r ? html`<br><small>${r.action} by ${r.reviewer ?? "?"}${r.note ? `: ${r.note}` : ""}</small>` : ""}${fl.map((f) => html`<br><small class="flag">${f.code}: ${f.message}</small>`)}</td><td>${form}</td></tr>`;
    });
    const body = html`<p>${d.path} · ${d.format} · ${d.pages ?? "—"} pages · ${d.document_kind} · <code>${String(d.sha256).slice(0, 12)}</code></p>
      <div class="doc"><div><table><thead><tr><th>field</th><th>value</th><th>confidence, review, flags</th><th>${opts.readOnly ? "" : "review"}</th></tr></thead><tbody>${rowsHtml}</tbody></table></div>
      <div class="text">${parts}</div></div>`;
    return c.html(page(String(d.file_name), body));
  });

  app.post("/doc/:id/review", async (c) => {
    if (opts.readOnly) return c.text("read-only: reviews are not accepted", 403);
    // a form of this page only: a cross-site post carries another origin
    const origin = c.req.header("origin");
    if (origin && new URL(origin).host !== c.req.header("host")) return c.text("cross-site request refused", 403);
    const found = findDocument(db, c.req.param("id"));
    if ("error" in found) return c.text(found.error, 404);
    const form = await c.req.parseBody();
    const field = String(form.field ?? "");
    const action = String(form.action ?? "");
    const def = fields.get(field);
    if (!def) return c.text(`no field named ${field}`, 400);
    const sha = (db.prepare("SELECT sha256 FROM documents WHERE id = ?").get(found.id) as { sha256: string }).sha256;
    const old = documentFields(db, found.id).get(field)?.value ?? null;
    const note = String(form.note ?? "").trim() || undefined;
    try {
      if (action === "undo") undoCorrection(db, sha, field);
      else if (action === "set") addCorrection(db, { sha256: sha, field, action, old, value: normalizeTyped(def.kind, String(form.value ?? "")), note, reviewer: opts.user });
      else if (action === "accept" || action === "reject") addCorrection(db, { sha256: sha, field, action, old, note, reviewer: opts.user });
      else return c.text(`unknown action ${action}`, 400);
    } catch (e) {
      if (e instanceof TypedValueError) return c.html(page("not a value", html`<p>${field}: ${e.message}</p><p><a href="/doc/${found.id}#f-${field}">back</a></p>`), 400);
      throw e;
    }
    return c.redirect(`/doc/${found.id}#f-${field}`, 303);
  });

  return app;
}

export { esc };
