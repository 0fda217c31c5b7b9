/**
 * Tables rebuilt from flattened text. Pages saved as text, doc-sharing copies and old HTML pages
 * carry a table as
 *   - rows of cells separated by `|` ("人员编制 | 16 | 实有人数 | 14 |"), or one cell per line
 *     ending in `|` with a line of bars between rows;
 *   - one cell per line, labels and values alternating ("人员编制" / "42" / "实有人数" / "39");
 *   - a header line and a line of numbers ("编制数 实际在职人数 控制率" / "31 30 96.8%").
 * The text and HTML readers turn these runs of paragraphs into real table blocks, so the table path
 * reads them like a .docx table.
 */
import type { Block, Cell } from "../model.js";
import { fold } from "../normalize/text.js";

const cell = (text: string): Cell => ({ text, colspan: 1, rowspan: 1 });

const onlyBars = (s: string) => /^[|\s]+$/.test(s) && s.includes("|");
const cellsOf = (s: string) =>
  s
    .split("|")
    .map((c) => c.trim())
    .filter(Boolean);

/** A number as a table cell holds it: 42, 1,268.72, 96.8%, 23人, 4992万元. */
const NUMERIC = /^[-+]?\d[\d,，]*(?:\.\d+)?\s*(?:%|％|人|名|个|万元|元|分)?$/;
/** A short label line: Chinese words, no sentence punctuation, no list marker. */
function isLabel(s: string): boolean {
  const t = fold(s).text.replace(/\s+/g, "");
  if (t.length < 2 || t.length > 14) return false;
  if (/[，,。；;：:！？!?、]/.test(t) || /\d/.test(t)) return false;
  if (/^(?:[一二三四五六七八九十]+[、.]|[（(][一二三四五六七八九十\d]+[）)])/.test(t)) return false;
  return /^[\u3400-\u9fff（）()、/]+$/.test(t);
}
/** A value line in a label/value run: a number, a date, a phone number or a short name. */
function isValue(s: string): boolean {
  const t = s.trim();
  if (t.length === 0 || t.length > 30 || /[。；;]/.test(t)) return false;
  if (/^(?:[一二三四五六七八九十]+[、.]|[（(][一二三四五六七八九十]+[）)])/.test(t)) return false;
  return true;
}
const isNumeric = (s: string) => NUMERIC.test(s.trim());

/** Rows of a run of `|` lines starting at `i`; `end` is the first line after the run. */
function pipeRun(texts: string[], i: number): { rows: string[][]; end: number } | null {
  const rows: string[][] = [];
  let pending: string[] = [];
  let j = i;
  const flush = () => {
    if (pending.length) rows.push(pending);
    pending = [];
  };
  for (; j < texts.length && texts[j].includes("|"); j++) {
    const t = texts[j].trim();
    if (onlyBars(t)) {
      flush();
      continue;
    }
    const cells = cellsOf(t);
    if (cells.length >= 2) {
      flush();
      rows.push(cells);
    } else if (cells.length === 1) pending.push(cells[0]);
  }
  flush();
  if (!rows.some((r) => r.length >= 2)) return null;
  return { rows, end: j };
}

/** Label/value pairs from `i`: at least two pairs, at least two of them numeric. */
function pairRun(texts: string[], i: number): { rows: string[][]; end: number } | null {
  const rows: string[][] = [];
  let j = i;
  while (j + 1 < texts.length && isLabel(texts[j]) && isValue(texts[j + 1])) {
    rows.push([texts[j].trim(), texts[j + 1].trim()]);
    j += 2;
  }
  if (rows.length < 2 || rows.filter((r) => isNumeric(r[1])).length < 2) return null;
  return { rows, end: j };
}

const amount = (s: string) => Number(s.replace(/[,，%％人名个分]|万元|元/g, ""));

/**
 * A rebuilt row against its own arithmetic, where its header gives one: a 率 column is one count
 * over another (控制率 = 实际在职人数 / 编制数), a 合计 column the sum of the others. A row that
 * fails was not split where the table's cells are: it is not rebuilt.
 */
export function arithmeticHolds(header: string[], values: string[]): boolean {
  const nums = values.map(amount);
  const rate = header.findIndex((h) => /率$/.test(h));
  if (rate >= 0 && /[%％]$/.test(values[rate])) {
    const others = nums.filter((_, k) => k !== rate);
    const ok = others.some((a, x) => others.some((b, y) => x !== y && b !== 0 && Math.abs((a / b) * 100 - nums[rate]) <= 0.15));
    if (!ok) return false;
  }
  const total = header.findIndex((h) => /^(?:合计|总计)/.test(h));
  if (total >= 0 && header.length >= 3) {
    const rest = nums.filter((_, k) => k !== total && k !== rate);
    if (Math.abs(rest.reduce((a, b) => a + b, 0) - nums[total]) > 0.011 * rest.length) return false;
  }
  return true;
}

/** A header line of labels and a line of as many numbers (checked by their arithmetic). */
function headerRun(texts: string[], i: number): { rows: string[][]; end: number } | null {
  if (i + 1 >= texts.length) return null;
  const head = texts[i].trim().split(/\s+/);
  if (head.length < 2 || !head.every(isLabel)) return null;
  const rows = [head];
  let j = i + 1;
  while (j < texts.length) {
    const vals = texts[j].trim().split(/\s+/);
    if (
      vals.length !== head.length ||
      !vals.every(isNumeric) ||
      !arithmeticHolds(
        head.map((h) => fold(h).text),
        vals,
      )
    )
      break;
    rows.push(vals);
    j++;
  }
  return rows.length >= 2 ? { rows, end: j } : null;
}

/**
 * Rebuilds flattened tables inside runs of paragraphs (same page). Other blocks pass unchanged;
 * a rebuilt table keeps the page of its first paragraph.
 */
export function rebuildFlatTables(blocks: Block[]): Block[] {
  const out: Block[] = [];
  let i = 0;
  while (i < blocks.length) {
    const b = blocks[i];
    if (b.kind !== "paragraph") {
      out.push(b);
      i++;
      continue;
    }
    // the run of paragraphs on this page from here
    let k = i;
    const plain = (x: Block) => x.kind === "paragraph" && x.page === b.page && !x.headingLevel;
    if (!plain(b)) {
      out.push(b);
      i++;
      continue;
    }
    while (k < blocks.length && plain(blocks[k])) k++;
    const paras = blocks.slice(i, k) as Array<Extract<Block, { kind: "paragraph" }>>;
    const texts = paras.map((p) => p.text);
    let j = 0;
    while (j < texts.length) {
      const found = texts[j].includes("|") ? pipeRun(texts, j) : (pairRun(texts, j) ?? headerRun(texts, j));
      if (found) {
        out.push({
          kind: "table",
          page: paras[j].page,
          rows: found.rows.map((r) => r.map(cell)),
          ...(paras[j].ocr ? { ocr: true as const } : {}),
        });
        j = found.end;
      } else {
        out.push(paras[j]);
        j++;
      }
    }
    i = k;
  }
  return out;
}
