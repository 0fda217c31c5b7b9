/** Reading the database: export, query, show, search, list; and reextract. */
import { resolve } from "node:path";
import { UsageError } from "../errors.js";
import { EXTRACTOR_VERSION } from "../version.js";
import { ensureViews, intOption, numOption, withDb, writeAtomically } from "./common.js";
import { err, fieldLines, fmtValue, out, printTable, shownPath, visible } from "./output.js";

export async function cmdExport(opts: {
  db: string;
  csv?: string;
  jsonl?: string;
  indicators?: string;
  lines?: string;
  lang: "en" | "zh";
}): Promise<number> {
  if (!opts.csv && !opts.jsonl && !opts.indicators && !opts.lines)
    throw new UsageError("give at least one of --csv, --jsonl, --indicators, --lines");
  const [{ exportCsv, exportIndicatorsCsv }, { documentJson }, { listDocuments }, { CATALOG, FIELD_NAMES }] = await Promise.all([
    import("../store/csv.js"),
    import("../store/query.js"),
    import("../store/db.js"),
    import("../extract/catalog.js"),
  ]);
  return withDb(opts.db, "read", async (db) => {
    const n = listDocuments(db).length;
    if (opts.csv) {
      await writeAtomically(opts.csv, exportCsv(db, CATALOG, { lang: opts.lang }));
      if (opts.csv !== "-") err(`wrote ${n} rows to ${resolve(opts.csv)}`);
    }
    if (opts.jsonl) {
      const lines = listDocuments(db).map((d) => JSON.stringify(documentJson(db, d.id, FIELD_NAMES)));
      await writeAtomically(opts.jsonl, lines.join("\n") + (lines.length ? "\n" : ""));
      if (opts.jsonl !== "-") err(`wrote ${lines.length} documents to ${resolve(opts.jsonl)}`);
    }
    if (opts.indicators) {
      const csv = exportIndicatorsCsv(db, { lang: opts.lang });
      await writeAtomically(opts.indicators, csv);
      if (opts.indicators !== "-") err(`wrote score-table rows to ${resolve(opts.indicators)}`);
    }
    if (opts.lines) {
      const { exportLinesCsv } = await import("../store/lines.js");
      await writeAtomically(opts.lines, exportLinesCsv(db));
      if (opts.lines !== "-") err(`wrote the budget tables' lines to ${resolve(opts.lines)}`);
    }
    return 0;
  });
}

export interface QueryOpts {
  db: string;
  year?: string;
  province?: string;
  unitLike?: string;
  grade?: string;
  minScore?: string;
  maxScore?: string;
  flag?: string;
  kind?: string;
  format: "table" | "csv" | "jsonl";
}

export async function cmdQuery(o: QueryOpts): Promise<number> {
  const filters = {
    year: intOption(o.year, "--year", 1900),
    province: o.province,
    unitLike: o.unitLike,
    grade: o.grade,
    minScore: numOption(o.minScore, "--min-score"),
    maxScore: numOption(o.maxScore, "--max-score"),
    flag: o.flag,
    kind: o.kind,
  };
  const [{ documentJson, queryDocuments }, { CATALOG, FIELD_NAMES }, { csvText }] = await Promise.all([
    import("../store/query.js"),
    import("../extract/catalog.js"),
    import("../store/csv.js"),
  ]);
  return withDb(o.db, "read", async (db) => {
    const rows = queryDocuments(db, filters);
    if (o.format === "jsonl") for (const r of rows) out(JSON.stringify(documentJson(db, r.id, FIELD_NAMES)));
    else if (o.format === "csv") {
      const cols = ["file", "path", "sha256", ...CATALOG.map((f) => f.name)];
      process.stdout.write(
        csvText(
          cols,
          rows.map((r) => cols.map((c) => r[c])),
        ),
      );
    } else {
      const cols = ["id", "file", "unit_name", "fiscal_year", "self_score", "grade", "expenditure_total"];
      printTable(
        cols,
        rows.map((r) => cols.map((c) => fmtValue(r[c] ?? null))),
      );
      out(`${rows.length} documents`);
    }
    return 0;
  });
}

export async function cmdShow(ref: string, o: { db: string; json?: boolean }): Promise<number> {
  const [{ documentJson, findDocument }, { CATALOG, FIELD_NAMES }] = await Promise.all([
    import("../store/query.js"),
    import("../extract/catalog.js"),
  ]);
  return withDb(o.db, "read", async (db) => {
    const found = findDocument(db, ref);
    if ("error" in found) {
      err(`jixiao show: ${found.error}`);
      return 1;
    }
    const d = documentJson(db, found.id, FIELD_NAMES);
    if (o.json) {
      out(JSON.stringify(d, null, 2));
      return 0;
    }
    out(`${shownPath(d.path)}  (${d.format}, ${d.pages ?? "?"} pages, ${d.document_kind}, sha256 ${d.sha256.slice(0, 12)}…)`);
    for (const u of d.source_urls.length ? d.source_urls : d.source_url ? [d.source_url] : []) out(`source: ${u}`);
    for (const def of CATALOG) for (const l of fieldLines(def.name, d.fields[def.name] ?? null, { sentence: true })) out(l);
    for (const fl of d.flags) out(`  ! ${fl.code}: ${fl.message}`);
    if (d.indicators.length) out(`  score table: ${d.indicators.length} rows (jixiao export --indicators)`);
    return 0;
  });
}

/** A document's standard 预算/决算 tables, line by line, the cells whose check failed marked ✗. */
export async function cmdLines(ref: string, o: { db: string; json?: boolean; failed?: boolean }): Promise<number> {
  const [{ findDocument }, { documentTables }] = await Promise.all([import("../store/query.js"), import("../store/lines.js")]);
  return withDb(o.db, "read", async (db) => {
    const found = findDocument(db, ref);
    if ("error" in found) {
      err(`jixiao lines: ${found.error}`);
      return 1;
    }
    const tables = documentTables(db, found.id);
    if (o.json) {
      out(JSON.stringify(tables, null, 2));
      return 0;
    }
    if (!tables.length) {
      err("jixiao lines: no tables were read from this document");
      return 0;
    }
    tables.forEach((t, i) => {
      const failed = t.checks.filter((c) => !c.ok);
      const pages = t.page === t.last_page ? `p${t.page ?? "?"}` : `p${t.page ?? "?"}-${t.last_page ?? "?"}`;
      out(
        `\n#${i + 1} ${t.kind}  ${t.title ?? "(no title)"}  ${pages}  unit ${t.unit ?? "?"}  ${t.lines.length} lines, ${t.checks.length} checks, ${failed.length} failed`,
      );
      for (const c of failed) out(`  ✗ ${c.rule}: ${c.message}`);
      if (o.failed || !t.lines.length) return;
      const columns = [...new Set(t.lines.flatMap((l) => l.cells.map((c) => c.column)))];
      printTable(
        ["code", "name", "level", ...columns],
        t.lines.map((l) => [
          l.code ?? "",
          l.name,
          l.level ?? "",
          ...columns.map((col) => {
            const c = l.cells.find((x) => x.column === col);
            return c ? `${c.raw}${c.check === "failed" ? " ✗" : ""}` : "";
          }),
        ]),
      );
    });
    return 0;
  });
}

export async function cmdSearch(query: string, o: { db: string; limit: string; json?: boolean }): Promise<number> {
  const { countMatches, search } = await import("../store/search.js");
  return withDb(o.db, "read", async (db) => {
    const hits = search(db, query, intOption(o.limit, "--limit", 1) ?? 20);
    for (const h of hits) {
      if (o.json) out(JSON.stringify(h));
      else out(`${h.id}\t${shownPath(h.file)}\t${visible(h.unit_name ?? "?")} ${h.fiscal_year ?? ""}\n    ${visible(h.snippet)}`);
    }
    if (!o.json) {
      const total = countMatches(db, query);
      out(total > hits.length ? `${total} documents match; the first ${hits.length} shown (--limit for more)` : `${total} documents`);
    }
    return 0;
  });
}

export async function cmdReextract(o: { db: string; all?: boolean }): Promise<number> {
  const { reextract } = await import("../reextract.js");
  return withDb(o.db, "write", async (db) => {
    const r = reextract(db, {
      all: o.all,
      onDoc: (file, status, why) => out(`${status.padEnd(11)} ${shownPath(file)}${why ? `: ${why}` : ""}`),
    });
    await ensureViews(db);
    out(`${r.reextracted} re-extracted, ${r.skipped} skipped (extractor ${EXTRACTOR_VERSION})`);
    return r.skipped ? 1 : 0;
  });
}

export async function cmdList(opts: { db: string }): Promise<number> {
  const { documentFields, listDocuments } = await import("../store/db.js");
  return withDb(opts.db, "read", async (db) => {
    const docs = listDocuments(db, { includeFailed: true });
    // a file name that occurs twice is shown with its folder
    const seen = new Map<string, number>();
    for (const d of docs) seen.set(d.file_name, (seen.get(d.file_name) ?? 0) + 1);
    const label = (d: (typeof docs)[number]) => (seen.get(d.file_name)! > 1 ? d.path.split(/[\\/]/).slice(-2).join("/") : d.file_name);
    const rows = docs.map((d) => {
      if (d.status !== "ok") return [label(d), `failed: ${d.error ?? ""}`, "", "", "", ""];
      const f = documentFields(db, d.id);
      const v = (n: string) => fmtValue(f.get(n)?.value ?? null);
      return [label(d), v("unit_name"), v("fiscal_year"), v("self_score"), v("grade"), v("expenditure_total")];
    });
    printTable(["file", "unit_name", "fiscal_year", "self_score", "grade", "expenditure_total"], rows);
    out(`${docs.length} documents in ${opts.db}`);
    return 0;
  });
}
