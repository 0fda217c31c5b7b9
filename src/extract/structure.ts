/**
 * Structure recovered once, for every reader. Whatever format a report came in — text, a web page,
 * .docx, .doc, a PDF's text layer, OCR — its reader gives blocks, and this pass turns what the
 * format, a converter or a crawler flattened back into structure, the same way for all of them:
 *   - control characters (C0 other than tab and newline, DEL) are not text: dropped;
 *   - a page dumped on one line (a crawler's text, its lines joined by spaces) is cut into lines
 *     again where lines begin: before labels, headings and titles, after sentences, between cells;
 *   - lines hard-wrapped at a fixed width (a dump's 30-character lines) are joined into paragraphs;
 *   - a line break inside a quoted term (“三 / 公”经费) is joined;
 *   - tables flattened into runs of paragraphs are rebuilt (flat-tables.ts).
 * It runs at the end of reading (read.ts), so `jixiao text`, the stored block model and extraction
 * all see its result, and again on a stored model before it is extracted anew (it is idempotent).
 */
import type { Block, DocModel, Paragraph } from "../model.js";
import { fold, splitWords } from "../normalize/text.js";
import { CHROME_LABELS } from "./chrome.js";
import { rebuildFlatTables } from "./flat-tables.js";
import { FORM_LABELS, literalAlt } from "./lexicon.js";

/** C0 controls other than tab and newline (an ESC sequence, a NUL, a form feed left in a cell), and DEL. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
const CONTROLS = new RegExp(CONTROL.source, "g");

/** `s` without control characters (tab and newline kept). */
export function stripControls(s: string): string {
  return CONTROL.test(s) ? s.replace(CONTROLS, "") : s;
}

function withoutControls(b: Block): Block {
  if (b.kind === "paragraph") {
    const text = stripControls(b.text);
    return text === b.text ? b : { ...b, text };
  }
  let changed = false;
  const rows = b.rows.map((r) =>
    r.map((c) => {
      const text = stripControls(c.text);
      if (text === c.text) return c;
      changed = true;
      return { ...c, text };
    }),
  );
  return changed ? { ...b, rows } : b;
}

const CJK = "\\u3400-\\u9fff\\uf900-\\ufaff";
/** Numbered headings: 一、 （一） (1) 1. 1、 第一部分. */
const HEADING =
  /^(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十]+[部章节])/;
/** Where a line of a dumped page begins: a label of the page chrome or of a report's cover form. */
const LABEL_START = new RegExp(`^[\\[【•·]?\\s*(?:${literalAlt([...CHROME_LABELS, ...FORM_LABELS, "评价单位(公章)", "单位(盖章)"])})`);
/** What ends a line: a sentence, a lead-in ended by a colon (a label's colon is no end: "发布机构:"), a title, an address. */
const LINE_END = /[。！？；!?;]$|^[^\s]{8,}[：:]$|(?:报告|自评表|决算|预算|说明|公开|目录)$|^https?:\/\/\S+$/i;
/** A cell of a flattened table: a short run without sentence punctuation. */
const isCellToken = (t: string) => t.length <= 16 && !/[，,。；;：:！？]/.test(t.slice(0, -1));
/** A number's unit or a year's 年 that a space parted from it (PDF text layers): not a new line (人 of 人员编制 is no unit). */
const UNIT_AFTER = /^(?:年|月|日|万元|亿元|元|%|％|亿)|^(?:人|名|个|分)(?![\u4e00-\u9fff])/;

/**
 * A paragraph that is a whole page on one line: long, most of the document's text, and holding spaces
 * next to Chinese characters (Chinese text puts no spaces between words: these were line breaks).
 */
function isDump(p: Paragraph, share: number): boolean {
  if (p.text.length < 200 || share < 0.5) return false;
  const spaces = p.text.match(new RegExp(`[${CJK}，。：；、）》”][ \\u3000]+|[ \\u3000]+[${CJK}（《“]`, "g"))?.length ?? 0;
  return spaces >= 3;
}

/** A title standing alone: words that end as titles end, no sentence punctuation. */
const TITLE = /^[^，,。；;：:]{6,60}(?:报告|自评表|评价表|决算|预算|说明)$/;
/** A numbered heading, whole: its marker and a few words, no sentence punctuation. */
const isHeadingLine = (s: string) =>
  HEADING.test(s) && s.length <= 30 && !/[，,。；;！？]/.test(s) && (s.replace(HEADING, "").match(/[\u3400-\u9fff]/g)?.length ?? 0) >= 2;

/** A bare figure, as a table cell holds it. */
const FIGURE = /^[-+]?\d[\d,，]*(?:\.\d+)?\s*(?:%|％|人|名|个|万元|元|分)?$/;

/** A dumped page cut into lines at the spaces where lines begin or end (see the module comment). */
export function relineDump(text: string): string[] {
  // the words between spaces; a unit or a year's 年 stays with its number ("7.04 万元", "2020 年度");
  // decisions are taken on the words folded (full width, traditional script), the lines keep them as written
  const words: string[] = [];
  const keys: string[] = [];
  for (const w of splitWords(text)) {
    const k = fold(w).text;
    const prev = keys[keys.length - 1];
    if (prev !== undefined && /\d$/.test(prev) && UNIT_AFTER.test(k)) {
      words[words.length - 1] += ` ${w}`;
      keys[keys.length - 1] = prev + k;
    } else {
      words.push(w);
      keys.push(k);
    }
  }
  // a run of three or more cells with two or more bare figures among them is a flattened table:
  // each cell its own line (prose that a PDF spaced has its figures joined to their units)
  const cell = keys.map(isCellToken);
  const inTable = new Array<boolean>(keys.length).fill(false);
  for (let i = 0; i < keys.length; ) {
    let j = i;
    while (j < keys.length && cell[j]) j++;
    if (j - i >= 3 && keys.slice(i, j).filter((w) => FIGURE.test(w)).length >= 2) inTable.fill(true, i, j);
    i = j + 1;
  }
  const lines: string[][] = [];
  let cur: number[] = [];
  // a bullet or an opening bracket standing alone goes with the label after it ("- 文号:", "[ 发布机构 ]")
  const opens = (i: number) => /^[-•·●◆■▪*[【]$/.test(keys[i]) && i + 1 < keys.length && LABEL_START.test(keys[i + 1]);
  // a labelled item is whole when its value follows the colon in the same word ("信息来源:某局"), or
  // in the word after a bare "label:" — what follows it is the next line
  const item = (i: number) => LABEL_START.test(keys[i]) && /[:：]./.test(keys[i]) && !/[:：]$/.test(keys[i]) && !/[，,。；;]/.test(keys[i]);
  const itemEnds = (i: number) =>
    i >= 0 && (item(i) || (i > 0 && /^[^:：]{2,12}[:：]$/.test(keys[i - 1]) && LABEL_START.test(keys[i - 1])));
  keys.forEach((k, i) => {
    const prev = cur.length ? keys[cur[cur.length - 1]] : undefined;
    const labelled = LABEL_START.test(k) && !(i > 0 && opens(i - 1));
    const breakHere =
      prev !== undefined &&
      (opens(i) ||
        labelled ||
        HEADING.test(k) ||
        TITLE.test(k) ||
        (LINE_END.test(prev) && !(/[：:]$/.test(prev) && LABEL_START.test(prev))) ||
        (itemEnds(cur[cur.length - 1]) && !UNIT_AFTER.test(k) && !/^(?:\d{1,2}:\d{2}|(?:19|20)\d{2}\s*[-./年])/.test(k)) ||
        isHeadingLine(cur.map((x) => keys[x]).join(" ")) ||
        (inTable[i] && inTable[i - 1]));
    if (breakHere) {
      lines.push(cur.map((x) => words[x]));
      cur = [];
    }
    cur.push(i);
  });
  if (cur.length) lines.push(cur.map((x) => words[x]));
  return lines.map((l) => l.join(" "));
}

/**
 * The width a text was hard-wrapped at: the one line length (in characters, 16 or more) that four or
 * more lines and at least a third of the long lines share, and that few lines exceed (one for every
 * ten at the width); else null.
 */
export function wrapWidth(lengths: number[]): number | null {
  const long = lengths.filter((n) => n >= 16);
  const counts = new Map<number, number>();
  for (const n of long) counts.set(n, (counts.get(n) ?? 0) + 1);
  let best: [number, number] | null = null;
  for (const e of counts) if (!best || e[1] > best[1]) best = e;
  if (!best || best[1] < 4 || best[1] * 3 < long.length) return null;
  // wrapped text has next to no line longer than its width (a page of long paragraphs and a few
  // equal metadata lines is no wrapped text)
  const longer = long.filter((n) => n > best[0]).length;
  return longer * 10 <= best[1] ? best[0] : null;
}

const charCount = (s: string) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};
/** A line that leaders end (a table of contents: "一、部门职能……………3"): not wrapped text. */
const LEADERS = /(?:…{2,}|\.{4,}|·{4,})\s*\d*$/;

/** A line that starts a line of its own: a heading, a labelled item, a bullet. */
const startsLine = (t: string) => HEADING.test(t) || LABEL_START.test(t) || /^[-•·●◆■▪*]\s/.test(t);

/** Paragraphs of a run (same page, plain) whose lines wrapped at `width` are joined; each keeps the first line's page. */
function unwrap(paras: Paragraph[], width: number | null): Paragraph[] {
  if (width === null) return paras;
  const out: Paragraph[] = [];
  let full = false;
  for (const p of paras) {
    const t = p.text.trim();
    if (full && !startsLine(t)) out[out.length - 1] = { ...out[out.length - 1], text: out[out.length - 1].text + t };
    else out.push(p);
    // a line as long as the wrap width goes on in the next one; so does one a few characters short
    // that ends mid-sentence (its indent was trimmed: the first line of a paragraph), unless it is
    // a title or an item of its own
    const n = charCount(t);
    // (a line of Latin, an address's piece, or a breadcrumb has no trimmed indent)
    const short =
      n >= width - 4 &&
      n < width &&
      /[\u3400-\u9fff]/.test(t) &&
      !/[>»›]|:\/\//.test(t) &&
      !/[。：:；;！？!?]$/.test(t) &&
      !TITLE.test(t) &&
      !isHeadingLine(t) &&
      !LABEL_START.test(t) &&
      !/^[-•·●◆■▪*]\s/.test(t);
    full = (n === width || short) && !LEADERS.test(t);
  }
  return out;
}

/** “三 / 公”经费: a quote opened at a line's end and closed at the next line's start, with a term between. */
const OPEN_TERM = /[“"‘「][\u3400-\u9fff]{1,3}$/;
const CLOSE_TERM = /^[\u3400-\u9fff]{1,3}[”"’」]/;

function joinSplitTerms(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    const last = out[out.length - 1];
    if (
      last?.kind === "paragraph" &&
      b.kind === "paragraph" &&
      !b.headingLevel &&
      OPEN_TERM.test(last.text.trimEnd()) &&
      CLOSE_TERM.test(b.text.trimStart())
    ) {
      out[out.length - 1] = { ...last, text: last.text.trimEnd() + b.text.trimStart() };
    } else out.push(b);
  }
  return out;
}

/** Dumped pages cut into lines, then hard-wrapped runs joined. */
function relines(blocks: Block[]): Block[] {
  const total = blocks.reduce((n, b) => n + (b.kind === "paragraph" ? b.text.length : 0), 0) || 1;
  const cut: Block[] = blocks.flatMap((b) =>
    b.kind === "paragraph" && !b.headingLevel && isDump(b, b.text.length / total)
      ? relineDump(b.text).map((text): Block => ({ ...b, text }))
      : [b],
  );
  // the width the document was wrapped at, judged on all its plain lines (a short run of equal lines,
  // a block of metadata, is no wrapped text)
  const width = wrapWidth(cut.flatMap((b) => (b.kind === "paragraph" && !b.headingLevel ? [charCount(b.text.trim())] : [])));
  const out: Block[] = [];
  let run: Paragraph[] = [];
  const flush = () => {
    out.push(...unwrap(run, width));
    run = [];
  };
  for (const b of cut) {
    if (b.kind === "paragraph" && !b.headingLevel && (run.length === 0 || run[0].page === b.page)) run.push(b);
    else {
      flush();
      if (b.kind === "paragraph" && !b.headingLevel) run.push(b);
      else out.push(b);
    }
  }
  flush();
  return out;
}

/** The document with its structure recovered (a new model; the reader's is not changed). */
export function recoverStructure(doc: DocModel): DocModel {
  const clean = doc.blocks.map(withoutControls).filter((b) => b.kind !== "paragraph" || b.text.trim() !== "");
  return { ...doc, blocks: rebuildFlatTables(joinSplitTerms(relines(clean))) };
}
