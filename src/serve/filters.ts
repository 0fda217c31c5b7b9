/**
 * The filters of the documents and charts pages, from the query string to SQL over the `records`
 * view (aliased `r`). Every value is a bound parameter; sort columns come from a fixed list.
 */
import type { DB } from "../store/db.js";
import { searchIds } from "../store/search.js";

export interface Filters {
  q?: string;
  year?: string;
  province?: string;
  city?: string;
  county?: string;
  kind?: string;
  grade?: string;
  flag?: string;
  reviewed?: "yes" | "no";
}

export const FILTER_KEYS = ["q", "year", "province", "city", "county", "kind", "grade", "flag", "reviewed"] as const;

/** The filters a query string sets (unknown keys and malformed values are dropped). */
export function parseFilters(q: Record<string, string>): Filters {
  const f: Filters = {};
  for (const k of FILTER_KEYS) {
    const v = q[k]?.trim();
    if (!v) continue;
    if (k === "year" && !/^\d{4}$/.test(v)) continue;
    if (k === "reviewed" && v !== "yes" && v !== "no") continue;
    (f as Record<string, string>)[k] = v;
  }
  return f;
}

/** WHERE clause (possibly empty) and its parameters. */
export function filterSql(db: DB, f: Filters): { where: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.year) {
    where.push("r.fiscal_year = ?");
    params.push(Number(f.year));
  }
  for (const col of ["province", "city", "county"] as const) {
    if (f[col]) {
      where.push(`r.${col} LIKE ? ESCAPE '\\'`);
      params.push(`${f[col]!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
  }
  if (f.kind) {
    where.push("r.document_kind = ?");
    params.push(f.kind);
  }
  if (f.grade) {
    where.push(f.grade === "none" ? "r.grade IS NULL" : "r.grade = ?");
    if (f.grade !== "none") params.push(f.grade);
  }
  if (f.flag) {
    where.push("EXISTS (SELECT 1 FROM flags fl WHERE fl.document_id = r.id AND fl.code = ?)");
    params.push(f.flag);
  }
  if (f.reviewed)
    where.push(`${f.reviewed === "yes" ? "" : "NOT "}EXISTS (SELECT 1 FROM corrections k WHERE k.sha256 = r.sha256 AND k.undone = 0)`);
  if (f.q) {
    const ids = searchIds(db, f.q);
    where.push(ids.length ? `r.id IN (SELECT value FROM json_each(?))` : "0");
    if (ids.length) params.push(JSON.stringify(ids));
  }
  return { where: where.length ? `WHERE ${where.join(" AND ")}` : "", params };
}

/** The query string of `f` with `extra` set (for links that keep the filters). */
export function filterQuery(f: Filters, extra: Record<string, string | undefined> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
}
