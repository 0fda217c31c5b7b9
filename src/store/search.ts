/**
 * Full-text search over report texts. SQLite's FTS5 trigram tokenizer cannot find two-character
 * words (得分, 三公), so texts are segmented into words with jieba (@node-rs/jieba, prebuilt binary)
 * plus a domain dictionary, and indexed as space-separated words with FTS5's unicode61 tokenizer.
 */
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { DB } from "./db.js";
import { stmt } from "./stmt.js";

const require = createRequire(import.meta.url);

/** Domain words jieba's general dictionary splits or lacks; the frequency makes them win. */
const DOMAIN_WORDS = [
  "自评",
  "自评报告",
  "自评得分",
  "自评表",
  "三公",
  "三公经费",
  "公务接待费",
  "公务用车",
  "运行维护费",
  "绩效目标",
  "绩效指标",
  "部门整体支出",
  "整体支出",
  "基本支出",
  "项目支出",
  "年初预算",
  "调整预算",
  "预算执行率",
  "结转结余",
  "结余结转",
  "满意度",
  "服务对象满意度",
  "一般公共预算",
  "政府性基金",
  "财政拨款",
  "人员经费",
  "公用经费",
  "日常公用经费",
  "编制数",
  "实有人数",
  "存在问题",
  "改进措施",
  "超支",
  "扣分",
  "得分",
  "总分",
  "决算",
  "预决算",
  "乡村振兴",
  "人居环境",
];

interface Segmenter {
  cutForSearch(text: string, hmm?: boolean): string[];
}

/**
 * jieba's dictionary without its rarest words: the 105 000 entries with a frequency of 10 or more
 * (of 349 000). It loads in a quarter of the time and takes 23 MB less in every worker; words it
 * lacks are cut into smaller words the same way in documents and queries. Measured on the seed
 * reports: a search for any word of a report finds it 99.7 % of the time (100.0 % with the whole
 * dictionary).
 */
export const MIN_WORD_FREQUENCY = 10;

/**
 * The filtered dictionary, from the copy `npm run build` writes beside the built module
 * (scripts/jieba-dict.mjs) when it is newer than jieba's own, else filtered here: reading the
 * 5 MB dictionary and filtering it cost ≈ 60 ms in every worker and every `jixiao search`.
 */
function dictionary(): Buffer {
  const source = require.resolve("@node-rs/jieba/dict.txt");
  const built = fileURLToPath(new URL(`./${BUILT_DICTIONARY}`, import.meta.url));
  try {
    if (statSync(built).mtimeMs >= statSync(source).mtimeMs) return readFileSync(built);
  } catch {
    // not built (tests run the sources): filter now
  }
  return filteredDictionary();
}

/** The file name of the filtered dictionary written by the build. */
export const BUILT_DICTIONARY = "jieba-dict.txt";

/** jieba's dictionary without the words rarer than MIN_WORD_FREQUENCY. */
export function filteredDictionary(): Buffer {
  const raw = readFileSync(require.resolve("@node-rs/jieba/dict.txt"), "latin1");
  const keep: string[] = [];
  for (let start = 0; start < raw.length; ) {
    let end = raw.indexOf("\n", start);
    if (end < 0) end = raw.length;
    const sp = raw.indexOf(" ", start);
    const sp2 = raw.indexOf(" ", sp + 1);
    if (sp > start && sp < end && Number(raw.slice(sp + 1, sp2 > sp && sp2 < end ? sp2 : end)) >= MIN_WORD_FREQUENCY)
      keep.push(raw.slice(start, end));
    start = end + 1;
  }
  // latin1 in, latin1 out: the UTF-8 bytes pass through untouched
  return Buffer.from(keep.join("\n"), "latin1");
}

let segmenter: Segmenter | undefined;
function jieba(): Segmenter {
  if (!segmenter) {
    const { Jieba } = require("@node-rs/jieba") as typeof import("@node-rs/jieba");
    const j = Jieba.withDict(dictionary());
    j.loadDict(Buffer.from(DOMAIN_WORDS.map((w) => `${w} 200000 n`).join("\n"), "utf8"));
    segmenter = j;
  }
  return segmenter;
}

/** Words of a text for the index (jieba's search mode, which also emits the parts of long words). */
export function segment(text: string): string[] {
  const out: string[] = [];
  for (const raw of jieba().cutForSearch(text.normalize("NFKC"), true)) {
    // most words are Chinese characters only: nothing to trim, lower-case or check
    if (/^[\u4e00-\u9fff]+$/.test(raw)) out.push(raw);
    else {
      const w = raw.trim().toLowerCase();
      if (w && LETTER_OR_DIGIT.test(w)) out.push(w);
    }
  }
  return out;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

const indexed = new WeakSet<DB>();
export function ensureSearchIndex(db: DB): void {
  if (indexed.has(db)) return;
  // contentless: the index only (snippets come from documents.text), so the words are not stored
  // twice; databases made before keep their table, which works the same way
  db.exec(
    `CREATE VIRTUAL TABLE IF NOT EXISTS doc_fts USING fts5(words, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0')`,
  );
  indexed.add(db);
}

/** (Re)indexes one document's text; call inside the document's transaction. */
export function indexDocument(db: DB, id: number, text: string, words?: string): void {
  ensureSearchIndex(db);
  stmt(db, "DELETE FROM doc_fts WHERE rowid = ?").run(id);
  stmt(db, "INSERT INTO doc_fts(rowid, words) VALUES (?, ?)").run(id, words ?? segment(text).join(" "));
}

export interface SearchHit {
  id: number;
  file: string;
  path: string;
  unit_name: string | null;
  fiscal_year: number | null;
  snippet: string;
}

/** Documents containing every word of the query (words as jieba cuts them), best matches first. */
/** The query's words, and the FTS5 expression that needs all of them (each an FTS5 string literal:
 * no operator in the user's text is ever interpreted). */
function matchOf(query: string): { words: string[]; match: string } {
  const words = [...new Set(query.split(/\s+/).flatMap((part) => segment(part)))];
  return { words, match: words.map((w) => `"${w.replace(/"/g, '""')}"`).join(" AND ") };
}

/** How many documents match the query (all of them, whatever a search's limit). */
export function countMatches(db: DB, query: string): number {
  ensureSearchIndex(db);
  const { words, match } = matchOf(query);
  if (words.length === 0) return 0;
  return (db.prepare("SELECT count(*) AS n FROM doc_fts WHERE doc_fts MATCH ?").get(match) as { n: number }).n;
}

/** The ids of every document matching the query (no ranking, no snippets: for filters). */
export function searchIds(db: DB, query: string): number[] {
  ensureSearchIndex(db);
  const { words, match } = matchOf(query);
  if (words.length === 0) return [];
  return (db.prepare("SELECT rowid AS id FROM doc_fts WHERE doc_fts MATCH ?").all(match) as Array<{ id: number }>).map((r) => r.id);
}

export function search(db: DB, query: string, limit = 20): SearchHit[] {
  ensureSearchIndex(db);
  const { words, match } = matchOf(query);
  if (words.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT d.id, d.file_name AS file, d.path, d.text,
         (SELECT value_text FROM field_values WHERE document_id = d.id AND field = 'unit_name') AS unit_name,
         (SELECT value_num FROM field_values WHERE document_id = d.id AND field = 'fiscal_year') AS fiscal_year
       FROM doc_fts JOIN documents d ON d.id = doc_fts.rowid
       WHERE doc_fts MATCH ? ORDER BY bm25(doc_fts) LIMIT ?`,
    )
    .all(match, limit) as Array<SearchHit & { text: string | null }>;
  return rows.map(({ text, ...r }) => ({ ...r, snippet: snippet(text ?? "", query.split(/\s+/).filter(Boolean), words) }));
}

/** The text around the first place the query occurs, with the hits marked 【】. */
export function snippet(text: string, phrases: string[], words: string[], width = 60): string {
  const flat = text.replace(/\s+/g, " ");
  const terms = [...new Set([...phrases, ...words])].filter((t) => t.length >= 1);
  let at = -1;
  for (const p of terms) {
    at = flat.indexOf(p);
    if (at >= 0) break;
  }
  if (at < 0) return flat.slice(0, width * 2);
  const start = Math.max(0, at - width);
  const end = Math.min(flat.length, at + width);
  const piece = flat.slice(start, end);
  // hit ranges, merged where they overlap
  const ranges: Array<[number, number]> = [];
  for (const t of terms) for (let k = piece.indexOf(t); k >= 0; k = piece.indexOf(t, k + 1)) ranges.push([k, k + t.length]);
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  let out = "";
  let pos = 0;
  for (const [a, b] of merged) {
    out += `${piece.slice(pos, a)}【${piece.slice(a, b)}】`;
    pos = b;
  }
  out += piece.slice(pos);
  return (start > 0 ? "…" : "") + out + (end < flat.length ? "…" : "");
}
