/**
 * The standard 预算/决算 tables in the store: `budget_tables` (one row per table), `budget_lines`
 * (one row per line × amount column, long form) and `budget_checks` (each arithmetic check with its
 * figures). `exportLinesCsv` writes the long form a researcher reads with pandas, R or Excel.
 */
import type { BudgetCheck, BudgetLine, BudgetTable, LineCheck } from "../model.js";
import { csvText } from "./csv.js";
import type { DB } from "./db.js";
import { stmt } from "./stmt.js";
import { syncRecords } from "./views.js";

export function writeBudgetTables(db: DB, id: number, tables: readonly BudgetTable[]): void {
  stmt(db, "DELETE FROM budget_lines WHERE document_id = ?").run(id);
  stmt(db, "DELETE FROM budget_checks WHERE document_id = ?").run(id);
  stmt(db, "DELETE FROM budget_tables WHERE document_id = ?").run(id);
  const insTable = stmt(db, "INSERT INTO budget_tables VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const insLine = stmt(db, "INSERT INTO budget_lines VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const insCheck = stmt(db, "INSERT INTO budget_checks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  tables.forEach((t, seq) => {
    const failed = t.checks.filter((c) => !c.ok).length;
    insTable.run(id, seq, t.kind, t.title, t.stage, t.unit, t.page, t.last_page, t.lines.length, t.checks.length, failed);
    t.lines.forEach((l, li) =>
      l.cells.forEach((c, ci) =>
        insLine.run(
          id,
          seq,
          li,
          ci,
          l.page,
          l.start,
          l.end,
          l.code,
          l.name,
          l.level,
          c.column,
          c.raw,
          c.amount,
          c.check,
          c.bbox ? JSON.stringify(c.bbox) : null,
        ),
      ),
    );
    t.checks.forEach((c, ci) => insCheck.run(id, seq, ci, c.rule, c.ok ? 1 : 0, c.line, c.column, c.total, c.sum, c.parts, c.message));
  });
}

interface LineRow {
  table_seq: number;
  line: number;
  page: number | null;
  ev_start: number | null;
  ev_end: number | null;
  code: string | null;
  name: string;
  level: string | null;
  column_path: string;
  raw: string;
  amount_yuan: string | null;
  check_result: LineCheck;
  bbox: string | null;
}

/** A document's tables as extraction gave them, read back from the store. */
export function documentTables(db: DB, id: number): BudgetTable[] {
  const tables = stmt(db, "SELECT * FROM budget_tables WHERE document_id = ? ORDER BY seq").all(id) as Array<{
    seq: number;
    kind: string;
    title: string | null;
    stage: "预算" | "决算" | null;
    unit: string | null;
    page: number | null;
    last_page: number | null;
  }>;
  if (!tables.length) return [];
  const lines = stmt(db, "SELECT * FROM budget_lines WHERE document_id = ? ORDER BY table_seq, line, col").all(id) as LineRow[];
  const checks = stmt(db, "SELECT * FROM budget_checks WHERE document_id = ? ORDER BY table_seq, seq").all(id) as Array<{
    table_seq: number;
    rule: BudgetCheck["rule"];
    ok: number;
    line: number | null;
    column_path: string | null;
    total: string;
    sum: string;
    parts: number;
    message: string;
  }>;
  return tables.map((t) => {
    const out: BudgetLine[] = [];
    for (const r of lines) {
      if (r.table_seq !== t.seq) continue;
      const l = (out[r.line] ??= {
        page: r.page,
        start: r.ev_start ?? 0,
        end: r.ev_end ?? 0,
        code: r.code,
        name: r.name,
        level: r.level,
        cells: [],
      });
      l.cells.push({
        column: r.column_path,
        raw: r.raw,
        amount: r.amount_yuan,
        check: r.check_result,
        ...(r.bbox ? { bbox: JSON.parse(r.bbox) } : {}),
      });
    }
    return {
      kind: t.kind,
      title: t.title,
      stage: t.stage,
      unit: t.unit,
      page: t.page,
      last_page: t.last_page,
      lines: out.filter(Boolean),
      checks: checks
        .filter((c) => c.table_seq === t.seq)
        .map((c) => ({
          rule: c.rule,
          ok: c.ok === 1,
          line: c.line,
          column: c.column_path,
          total: c.total,
          sum: c.sum,
          parts: c.parts,
          message: c.message,
        })),
    };
  });
}

export const LINE_COLUMNS = [
  "file",
  "sha256",
  "unit_name",
  "province",
  "city",
  "county",
  "fiscal_year",
  "document_kind",
  "table",
  "table_kind",
  "table_title",
  "stage",
  "page",
  "line",
  "code",
  "name",
  "level",
  "column",
  "raw",
  "amount_yuan",
  "check",
  "bbox",
] as const;

/**
 * Every line of every stored table in long form: one row per document × table × line × column, the
 * document's unit, region, year and kind as reviewed. `amount_yuan` is the exact decimal (text in the
 * CSV, so no reader rounds it on the way in); `check` is ok, failed or none; `bbox` the figure's box on
 * its PDF page ([x0, y0, x1, y1] in points from the top-left corner), where the reader kept glyphs.
 */
export function exportLinesCsv(db: DB): string {
  const rel = syncRecords(db);
  const rows = db
    .prepare(
      `SELECT d.file_name AS file, d.sha256, r.unit_name, r.province, r.city, r.county, r.fiscal_year, d.document_kind,
         t.seq + 1 AS "table", t.kind AS table_kind, t.title AS table_title, t.stage, l.page, l.line + 1 AS line, l.code, l.name,
         l.level, l.column_path AS "column", l.raw, l.amount_yuan, l.check_result AS "check", l.bbox
       FROM budget_lines l
       JOIN budget_tables t ON t.document_id = l.document_id AND t.seq = l.table_seq
       JOIN documents d ON d.id = l.document_id
       LEFT JOIN ${rel} r ON r.id = d.id
       WHERE d.status = 'ok'
       ORDER BY d.file_name, d.id, l.table_seq, l.line, l.col`,
    )
    .raw()
    .all() as unknown[][];
  return csvText([...LINE_COLUMNS], rows);
}
