/**
 * Format invariance of the budget tables: the document model of real 预算/决算 PDFs — paragraphs, and
 * tables with their merged cells — written as a Word author or a web page would have it
 * (scripts/render-model.py: .docx with merged cells, HTML with rowspan/colspan, LibreOffice's PDF of
 * that .docx; cached outside git by the model's and the renderer's hash) must give the same budget tables
 * as the PDF: kinds, stages, units, every line's code, name and level, every amount exact in 元 under its
 * column path, and every check's result. A table that ran over pages is one table in those formats
 * (pages are the PDF's, not the author's): its parts are joined, a header the next page repeats is
 * printed once.
 *
 * Needs Debian's python3-docx, libreoffice-writer-nogui and fonts-wqy-microhei; skipped with a message
 * where they are missing, unless JIXIAO_REQUIRE_TOOLS=1 (.ci/run sets it).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { budgetTables } from "../../src/extract/budget-tables.js";
import { buildContext } from "../../src/extract/extract.js";
import { readDocument } from "../../src/extract/read.js";
import type { Block, DocModel } from "../../src/model.js";
import { ROOT, run, shared } from "../helpers.js";

/**
 * Jiangsu (类/款/项 whole, 三公 in columns, tables over several pages, a row left open at a page's top,
 * lines with blank amounts opening a page), Shanghai 预算 and 决算 (two-sided summaries, cents, the 合计
 * alone on a page). Not here, each for a difference the rendering brings, not the reading: f013's and
 * f029's two-sided 收支总表 whose last part the PDF draws narrower (which side's column a figure is in
 * is in the PDF's geometry, not in its model, so the rendering guesses it) or whose header cells its grid
 * left unmerged; f030's 单位：万 and 元 wrapped over two caption lines, whose gap a web page's and a
 * Word paragraph's whitespace folds; real-dev2/full f012's project 绩效目标 forms, which are no line tables.
 */
const DOCS = [
  ...["f014", "f017", "f018", "f019", "f028"].map((f) => shared("real-dev", "budget", `${f}.pdf`)),
  ...["f001", "f003", "f004", "f007"].map((f) => shared("real-dev2", "full", `${f}.pdf`)),
  ...["putuo-czj-2024-juesuan", "putuo-ghzy-2024-juesuan"].map((f) => shared("realpdf", `${f}.pdf`)),
];
const FORMATS = ["report.docx", "report.html", "report.pdf"];
const CACHE = join(process.env.JIXIAO_FORMAT_CACHE ?? join(homedir(), ".cache", "jixiao", "formats"), "tables");
const RENDERER = join(ROOT, "scripts", "render-model.py");

const squash = (s: string) => s.replace(/\s+/g, "");
const sameRow = (a: Block & { kind: "table" }, b: Block & { kind: "table" }, r: number) =>
  a.rows[r]?.length === b.rows[r]?.length && a.rows[r].every((c, i) => squash(c.text) === squash(b.rows[r][i].text));

/** How many grid columns each row fills: its cells and those spanned down into it from the rows above. */
function widths(rows: { colspan: number; rowspan: number }[][]): number[] {
  const taken = rows.map(() => new Set<number>());
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (taken[r].has(c)) c++;
      for (let dr = 0; dr < cell.rowspan && r + dr < rows.length; dr++) for (let dc = 0; dc < cell.colspan; dc++) taken[r + dr].add(c + dc);
      c += cell.colspan;
    }
  });
  return taken.map((t) => t.size);
}

/**
 * The model as its author wrote it: a table that the PDF's pages split (its next block a table on the
 * next page) is one table, the header rows the next page repeats left out.
 */
function unpaginated(doc: DocModel): { blocks: unknown[] } {
  const out: Array<{ kind: "paragraph"; text: string } | { kind: "table"; rows: { text: string; colspan: number; rowspan: number }[][] }> =
    [];
  let prev: (Block & { kind: "table" }) | null = null;
  for (const b of doc.blocks) {
    if (b.kind === "paragraph") {
      out.push({ kind: "paragraph", text: b.text });
      prev = null;
      continue;
    }
    const rows = b.rows.map((r) => r.map((c) => ({ text: c.text, colspan: c.colspan ?? 1, rowspan: c.rowspan ?? 1 })));
    const last = out[out.length - 1];
    if (prev && last?.kind === "table" && b.page != null && prev.page != null && b.page === prev.page + 1) {
      let repeated = 0;
      while (repeated < b.rows.length && sameRow(b, prev, repeated)) repeated++;
      // a narrower row (a 合计 alone on the last page): its label spans the columns its figures leave
      const part = rows.slice(repeated);
      const w = widths(last.rows)[0];
      widths(part).forEach((n, i) => {
        if (n < w && part[i].length) part[i][0].colspan += w - n;
      });
      last.rows.push(...part);
    } else out.push({ kind: "table", rows });
    prev = b;
  }
  return { blocks: out };
}

/** A document's budget tables as comparable lines: what a researcher reads from them. */
async function tablesOf(buf: Buffer): Promise<string[]> {
  const doc = await readDocument(buf);
  const out: string[] = [];
  for (const t of budgetTables(buildContext(doc))) {
    if (t.kind === "unknown" && !t.lines.length) continue;
    out.push(`## ${t.kind} ${t.stage ?? "-"} ${t.unit ?? "-"} ${squash(t.title ?? "")}`);
    // in the order of the lines' keys: where a two-sided table ran over pages, its sides come in another order
    const lines: string[] = [];
    for (const l of t.lines)
      lines.push(
        `${l.code ?? "-"} ${l.level ?? "-"} ${squash(l.name)} :: ${l.cells.map((c) => `${squash(c.column)}=${c.amount ?? "-"} ${c.check}`).join(" ; ")}`,
      );
    out.push(...lines.sort());
  }
  return out;
}

const models = new Map<string, { json: string; dir: string }>();
const modelOf = async (file: string) => {
  let m = models.get(file);
  if (!m) {
    const json = JSON.stringify(unpaginated(await readDocument(readFileSync(file))));
    // keyed by the model and the renderer: either changed, it is rendered again
    const key = createHash("sha256").update(json).update(readFileSync(RENDERER)).digest("hex").slice(0, 16);
    m = { json, dir: join(CACHE, key) };
    models.set(file, m);
  }
  return m;
};
const tools =
  existsSync("/usr/bin/python3") &&
  spawnSync("/usr/bin/python3", ["-c", "import docx"]).status === 0 &&
  spawnSync("soffice", ["--version"]).status === 0;
const required = process.env.JIXIAO_REQUIRE_TOOLS === "1";
if (!tools && !required)
  console.warn("table format invariance skipped: python3-docx or LibreOffice missing (apt-get install them, see .ci/run)");

describe.skipIf(!tools && !required)("the budget tables of real PDFs in every format", () => {
  beforeAll(async () => {
    if (!tools) throw new Error("python3-docx and LibreOffice are needed to render the models (JIXIAO_REQUIRE_TOOLS=1)");
    const todo: string[] = [];
    for (const file of DOCS) {
      const { json, dir } = await modelOf(file);
      if (FORMATS.every((f) => existsSync(join(dir, f)))) continue;
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "model.json"), json);
      todo.push(join(dir, "model.json"), dir);
    }
    if (todo.length) await run("/usr/bin/python3", [RENDERER, ...todo], 10 * 60_000);
  }, 11 * 60_000);

  it.each(DOCS.map((f) => [f.split("/").slice(-2).join("/"), f]))(
    "%s as .docx, a web page and LibreOffice's PDF: the PDF's tables, lines, amounts and checks",
    async (_name, file) => {
      const base = await tablesOf(readFileSync(file));
      expect(base.filter((l) => l.endsWith(" ok")).length).toBeGreaterThan(50);
      const { dir } = await modelOf(file);
      for (const format of FORMATS) expect(await tablesOf(readFileSync(join(dir, format))), format).toEqual(base);
    },
    120_000,
  );
});
