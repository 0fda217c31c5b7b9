/**
 * Tables rebuilt from flattened text. Pages saved as text, doc-sharing copies, old HTML pages — and
 * the same tables printed to PDF or pasted into Word one cell a paragraph — carry a table as
 *   - rows of cells separated by `|` ("人员编制 | 16 | 实有人数 | 14 |", with or without spaces), or
 *     one cell per line with `|` lines between cells and lines of bars between rows;
 *   - one cell per line, labels and values alternating ("人员编制" / "42" / "实有人数" / "39");
 *   - column headers one a line, then the values one a line ("编制数" / "实际在职人数" / "控制率" /
 *     "31" / "30" / "96.8%"), or then rows of a label and as many values as there are value columns;
 *   - a header line and lines of as many numbers ("编制数 实际在职人数 控制率" / "31 30 96.8%"), or of a
 *     label and the numbers ("三公经费 29.08 63.46 44.29"), also on the header's own line;
 *   - numbers run together where a header says what they are ("877383.91%" under 编制数 / 实际在职人数 /
 *     控制率): split where exactly one split satisfies the header's arithmetic.
 * A rebuilt table is kept only where its structure or arithmetic holds. Decisions are taken on the
 * folded text (full-width digits, traditional script, spaces inside words), the cells keep the text
 * as written. structure.ts runs this for every format.
 */
import type { Block, Cell } from "../model.js";
import { foldText, splitWords } from "../normalize/text.js";

const cell = (text: string): Cell => ({ text, colspan: 1, rowspan: 1 });
const folded = (s: string) => foldText(s).trim();

const barCount = (s: string) => (s.match(/\|/g) ?? []).length;
const onlyBars = (s: string) => /^[|\s]+$/.test(s) && s.includes("|");
const cellsOf = (s: string) =>
  s
    .split("|")
    .map((c) => c.trim())
    .filter(Boolean);

/** A number as a table cell holds it: 42, 1,268.72, 96.8%, 23人, 4992万元 (folded). */
const NUMERIC = /^[-+]?\d[\d,，]*(?:\.\d+)?\s*(?:%|人|名|个|万元|元|分)?$/;
const isNumeric = (f: string) => NUMERIC.test(f);
const LIST_MARKER = /^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）])/;

/** A short label line: Chinese words, no sentence punctuation, no list marker (folded). */
function isLabel(f: string): boolean {
  const t = f.replace(/\s+/g, "");
  if (t.length < 2 || t.length > 14) return false;
  if (/[，,。；;：:！？!?、]/.test(t) || /\d/.test(t)) return false;
  if (LIST_MARKER.test(t)) return false;
  return /^[\u3400-\u9fff（）()、/]+$/.test(t);
}
/**
 * A column header: a label, also with the year it is for in front ("2023 年实际在职人数") and a unit
 * in an opened bracket ("经费控制情况(万元").
 */
function isHeaderLabel(f: string): boolean {
  const t = f
    .replace(/\s+/g, "")
    .replace(/^(?:19|20)\d{2}年(?:度|末|初)?/, "")
    .replace(/[(（](?:万元|元|人|个)[)）]?$/, "");
  return isLabel(t);
}
/** A row's label under a header: short words, perhaps numbered or ended by a colon; not a number, not a sentence. */
function isRowLabel(f: string): boolean {
  const t = f.replace(/\s+/g, "");
  if (t.length < 2 || t.length > 24 || /[。；;！？!?]/.test(t) || isNumeric(t)) return false;
  return /[\u3400-\u9fff]/.test(t) && !/\d{3,}/.test(t.replace(LIST_MARKER, ""));
}
/** A value line in a label/value run: a number, a date, a phone number or a short name (folded). */
function isValue(f: string): boolean {
  if (f.length === 0 || f.length > 30 || /[。；;]/.test(f)) return false;
  return !/^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十]+[)）])/.test(f);
}

interface Run {
  rows: string[][];
  /** the first line after the run */
  end: number;
  /** lines at the run's start that stay paragraphs (a caption before column headers) */
  lead?: number;
  /** words of the run's first line before the table, and of its line after the table's last row there */
  prefix?: string;
  suffix?: string;
}

/**
 * Rows of a run of `|` lines from `i`. "人员编制 |" is a cell and a line of bars ends the row; where
 * the cells stand on lines of their own ("人员编制" / "|" / "19" / "|"), a line of one bar ends a
 * cell (two bars in a row: an empty cell) and a line of two or more bars ends the row.
 */
function pipeRun(texts: string[], i: number): Run | null {
  const rows: string[][] = [];
  let row: string[] = [];
  let pending: string[] = [];
  let closedOnItsLine = false;
  const endRow = () => {
    if (pending.length) row.push(pending.join(" "));
    pending = [];
    if (row.some((c) => c)) rows.push(row);
    row = [];
  };
  let j = i;
  for (; j < texts.length; j++) {
    const t = texts[j].trim();
    if (!t.includes("|")) {
      // a cell on lines of its own: the next line with a bar is a bar line
      const next = texts.slice(j + 1, j + 8).find((x) => x.includes("|"));
      if (!next || !onlyBars(next.trim())) break;
      pending.push(t);
      closedOnItsLine = false;
      continue;
    }
    if (onlyBars(t)) {
      if (barCount(t) === 1 && !closedOnItsLine) {
        if (pending.length || row.length) row.push(pending.join(" "));
        pending = [];
      } else endRow();
      closedOnItsLine = false;
      continue;
    }
    const cells = cellsOf(t);
    if (cells.length >= 2) {
      endRow();
      rows.push(cells);
      closedOnItsLine = false;
    } else if (cells.length === 1) {
      // "人员编制 |": a cell of the row being built, closed on its own line
      row.push([...pending, cells[0]].join(" "));
      pending = [];
      closedOnItsLine = true;
    }
  }
  endRow();
  if (!rows.some((r) => r.filter(Boolean).length >= 2)) return null;
  return { rows, end: j };
}

/** Label/value pairs from `i`: at least two pairs, at least two of them numeric. */
function pairRun(f: string[], texts: string[], i: number): Run | null {
  const rows: string[][] = [];
  let j = i;
  while (j + 1 < f.length && isLabel(f[j]) && isValue(f[j + 1])) {
    rows.push([texts[j].trim(), texts[j + 1].trim()]);
    j += 2;
  }
  if (rows.length < 2 || rows.filter((r) => isNumeric(folded(r[1]))).length < 2) return null;
  return { rows, end: j };
}

const amount = (s: string) => Number(folded(s).replace(/[,，%人名个分]|万元|元/g, ""));
const isPercent = (s: string) => /%$/.test(folded(s));

/**
 * A rebuilt row against its own arithmetic, where its header gives one: a 率 column is one count
 * over another (控制率 = 实际在职人数 / 编制数), a 合计 column the sum of the others. A row that
 * fails was not split where the table's cells are: it is not rebuilt.
 */
export function arithmeticHolds(header: string[], values: string[]): boolean {
  const nums = values.map(amount);
  const rate = header.findIndex((h) => /率$/.test(h));
  if (rate >= 0 && isPercent(values[rate])) {
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

/** A column of counts (编制数, 实际在职人数, 个数): whole numbers. */
const COUNT_HEADER = /(?:人数|编制数|个数|户数|人)$/;

/** The header names a check (a 率 column in %, a 合计 of three or more columns) that a row must pass. */
const checkable = (header: string[]) =>
  header.some((h) => /率$/.test(h)) || (header.length >= 3 && header.some((h) => /^(?:合计|总计)/.test(h)));

/**
 * `token` (numbers run together, folded) split into `n` numbers that satisfy the header's arithmetic,
 * when exactly one split does; else null. Numbers have no leading zeros and at most two decimals; a
 * percent sign ends the last one only.
 */
export function splitRunTogether(token: string, header: string[]): string[] | null {
  const n = header.length;
  if (!checkable(header) || !/^[\d.]+%?$/.test(token) || token.length > 24) return null;
  const pct = token.endsWith("%");
  const body = pct ? token.slice(0, -1) : token;
  const piece = /^(?:0|[1-9]\d*)(?:\.\d{1,2})?$/;
  // a count of people or things is a whole number
  const fits = (col: number, p: string) => !COUNT_HEADER.test(header[col]) || /^\d+$/.test(p);
  const found: string[][] = [];
  const walk = (from: number, parts: string[]) => {
    if (found.length > 1) return;
    if (parts.length === n - 1) {
      const last = body.slice(from);
      if (!piece.test(last)) return;
      const values = [...parts, pct ? `${last}%` : last];
      if (fits(n - 1, last) && arithmeticHolds(header, values)) found.push(values);
      return;
    }
    for (let end = from + 1; end < body.length; end++) {
      const p = body.slice(from, end);
      if (piece.test(p) && fits(parts.length, p)) walk(end, [...parts, p]);
    }
  };
  walk(0, []);
  return found.length === 1 ? found[0] : null;
}

/** A cell of a line: folded for the decisions, as written for the table. */
interface Token {
  f: string;
  raw: string;
}

/**
 * The space-separated cells of a line: a year stays with its words ("2018 年决算数") and a unit with
 * its number ("96.8 %", "594.95 万元").
 */
function tokensOf(text: string): Token[] {
  const out: Token[] = [];
  for (const w of splitWords(text)) {
    const t = folded(w);
    const prev = out[out.length - 1];
    if (prev && ((/^(?:19|20)\d{2}$/.test(prev.f) && /^年/.test(t)) || (/\d$/.test(prev.f) && /^(?:%|万元|元|人|名|个|分)$/.test(t))))
      out[out.length - 1] = { f: prev.f + t, raw: `${prev.raw} ${w}` };
    else out.push({ f: t, raw: w });
  }
  return out;
}

/**
 * A header line of labels, then lines of as many numbers (checked by their arithmetic) or of a label
 * and one number fewer ("三公经费 29.08 63.46 44.29" under "经费控制情况 2017年决算数 2018年预算数
 * 2018年决算数"); rows may also follow the header on its own line, and numbers run together under a
 * header with arithmetic are split by it.
 */
function headerRun(texts: string[], i: number): Run | null {
  const tokens = tokensOf(texts[i]);
  for (let s = 0; s + 1 < tokens.length; s++) {
    if (!isHeaderLabel(tokens[s].f) || !isHeaderLabel(tokens[s + 1].f)) continue;
    let most = s;
    while (most < tokens.length && isHeaderLabel(tokens[most].f)) most++;
    // the longest header whose rows fit (the first row's label may look like one more header)
    for (let k = most - s; k >= 2; k--) {
      const run = headerFrom(texts, i, tokens, s, k);
      if (run) return run;
    }
    s = most - 1;
  }
  return null;
}

/**
 * The table of `k` header labels at token `s` of line `i`: its rows on the same line and on the lines
 * after. A header that does not open its line needs a row on its line; the words before it and after
 * its last row on the line stay paragraphs.
 */
function headerFrom(texts: string[], i: number, tokens: Token[], s: number, k: number): Run | null {
  const head = tokens.slice(s, s + k);
  const names = head.map((t) => t.f);
  const rowOf = (toks: Token[]): string[] | null => {
    const fs = toks.map((t) => t.f);
    if (toks.length !== k) return toks.length === 1 ? splitRunTogether(fs[0], names) : null;
    if (fs.every(isNumeric) && arithmeticHolds(names, fs)) return toks.map((t) => t.raw);
    if (isRowLabel(fs[0]) && fs.slice(1).every(isNumeric)) return toks.map((t) => t.raw);
    return null;
  };
  const rows: string[][] = [head.map((t) => t.raw)];
  // rows on the header's own line: label and values, row after row (figures alone only under a header
  // with arithmetic to check them: "发布日期 2 0 2 1-06-24" is no row)
  let rest = tokens.slice(s + k);
  while (rest.length >= k) {
    const r = rowOf(rest.slice(0, k));
    if (!r || (!checkable(names) && rest.slice(0, k).every((t) => isNumeric(t.f)))) break;
    rows.push(r);
    rest = rest.slice(k);
  }
  const sameLine = rows.length - 1;
  if (s > 0 && sameLine === 0) return null;
  let j = i + 1;
  if (rest.length === 0)
    for (; j < texts.length; j++) {
      const r = rowOf(tokensOf(texts[j]));
      if (!r) break;
      rows.push(r);
    }
  if (rows.length < 2 || (rest.length > 0 && sameLine === 0)) return null;
  const words = (ts: Token[]) => ts.map((t) => t.raw).join(" ");
  return {
    rows,
    end: j,
    ...(s > 0 ? { prefix: words(tokens.slice(0, s)) } : {}),
    ...(rest.length ? { suffix: words(rest) } : {}),
  };
}

/**
 * Column headers one a line from `i`, then either the values one a line (one row, or several rows
 * of as many values as there are headers: checked by arithmetic where the header gives some), or
 * rows of a label and one value fewer than there are headers. Label lines before the headers that
 * the values do not need stay paragraphs (a caption: "财政供养人员情况(人").
 */
function columnRun(f: string[], texts: string[], i: number): Run | null {
  let labels = 0;
  while (i + labels < f.length && isHeaderLabel(f[i + labels])) labels++;
  if (labels < 2) return null;
  const after = i + labels;
  let values = 0;
  while (after + values < f.length && isNumeric(f[after + values])) values++;
  const raw = (from: number, n: number) => texts.slice(from, from + n).map((t) => t.trim());
  // rows of a label and (headers - 1) values, the row label not a header label (三公经费:) …
  const labelled = (headers: number, from: number): string[][] => {
    const out: string[][] = [];
    let j = from;
    while (j + headers <= f.length && isRowLabel(f[j]) && f.slice(j + 1, j + headers).every(isNumeric)) {
      out.push(raw(j, headers));
      j += headers;
    }
    return out;
  };
  if (values === 0) {
    const rows = labelled(labels, after);
    if (rows.length === 0) return null;
    return { rows: [raw(i, labels), ...rows], end: after + rows.length * labels };
  }
  // … or the last label line is the first row's label (三公经费, written like a header)
  if (values === labels - 2) {
    const rows = labelled(labels - 1, after - 1);
    if (rows.length >= 2) return { rows: [raw(i, labels - 1), ...rows], end: after - 1 + rows.length * (labels - 1) };
  }
  if (values < 2) return null;
  // values one a line: as many headers as values (a caption may stand before them), row after row
  const width = Math.min(labels, values);
  const header = f.slice(after - width, after);
  const rows: string[][] = [];
  for (let r = 0; (r + 1) * width <= values; r++) {
    const vals = f.slice(after + r * width, after + (r + 1) * width);
    // a 率 column holds a percentage here: a run of values one a line has no other sign of its columns
    if (!arithmeticHolds(header, vals) || header.some((h, x) => /率$/.test(h) && !isPercent(vals[x]))) break;
    rows.push(raw(after + r * width, width));
  }
  if (rows.length === 0) return null;
  return { rows: [raw(after - width, width), ...rows], end: after + rows.length * width, lead: labels - width };
}

/**
 * Rebuilds flattened tables inside runs of paragraphs (on one page or running on to the next). Other
 * blocks pass unchanged; a rebuilt table keeps the page of its first paragraph.
 */
export function rebuildFlatTables(blocks: Block[]): Block[] {
  const out: Block[] = [];
  let i = 0;
  while (i < blocks.length) {
    const b = blocks[i];
    // the run of plain paragraphs from here, over page breaks (a table flattened one cell a line runs
    // on to the next page as a ruled one does)
    const plain = (x: Block) => x.kind === "paragraph" && !x.headingLevel;
    if (!plain(b)) {
      out.push(b);
      i++;
      continue;
    }
    let k = i + 1;
    while (
      k < blocks.length &&
      plain(blocks[k]) &&
      (blocks[k].page === blocks[k - 1].page || blocks[k].page === (blocks[k - 1].page ?? -2) + 1)
    )
      k++;
    const paras = blocks.slice(i, k) as Array<Extract<Block, { kind: "paragraph" }>>;
    const texts = paras.map((p) => p.text);
    const f = texts.map(folded);
    let j = 0;
    while (j < texts.length) {
      const bars = f[j].includes("|") || (j + 1 < f.length && onlyBars(f[j + 1]));
      const found = bars ? pipeRun(texts, j) : (pairRun(f, texts, j) ?? columnRun(f, texts, j) ?? headerRun(texts, j));
      if (found) {
        const lead = found.lead ?? 0;
        const part = (text: string): Block => ({ ...paras[j], text });
        out.push(...paras.slice(j, j + lead));
        if (found.prefix) out.push(part(found.prefix));
        out.push({
          kind: "table",
          page: paras[j].page,
          rows: found.rows.map((r) => r.map(cell)),
          ...(paras[j].ocr ? { ocr: true as const } : {}),
        });
        if (found.suffix) out.push(part(found.suffix));
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
