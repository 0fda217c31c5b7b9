// Invariance of jixiao's records: the same report must give the same record whatever the format it
// comes in and whatever harmless change a site, a crawler or a converter made to its text.
// Used by test/extract/invariance.test.ts and by scripts/eval.mjs (the figures beside the scores).
//
//   PERTURBATIONS     name → (text, seed) → text: what crawls and mirrors do to a report's text
//   METADATA_BLOCKS   site-metadata blocks in the layouts sites use, with the publisher and date they state
//   recordDiff(a, b)  the fields whose values differ, compared as an analyst would (script, width, spaces)
import * as OpenCC from "opencc-js";

const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });
const toSimplified = OpenCC.Converter({ from: "tw", to: "cn" });

/** A small deterministic generator (mulberry32), seeded per text so every run perturbs alike. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed from a text (FNV-1a). */
export function seedOf(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const lines = (text) => text.replace(/\r\n?/g, "\n").split("\n");

const HALF = "0123456789%:;,()?!";
const FULL = "０１２３４５６７８９％：；，（）？！";
/** Each character of `s` in the other width: ASCII digits and punctuation ↔ their full-width forms. */
function swapWidth(s) {
  let out = "";
  for (const c of s) {
    const h = HALF.indexOf(c);
    const f = FULL.indexOf(c);
    out += h >= 0 ? FULL[h] : f >= 0 ? HALF[f] : c;
  }
  return out;
}

/**
 * Numbers letter-spaced as PDF text layers print them ("2 0 2 4", "9 6 . 5"): every number of three
 * or more characters that no other number stands beside on its line (a row of figures "46 50 108.70%"
 * keeps its spaces: spaced, its numbers could not be told apart, by a reader or by anyone; nor could
 * "4 6" from two numbers).
 */
function spaceNumbers(text) {
  return text.replace(/(?<![\d.,])\d[\d.]+\d(?![\d.,])/g, (m, at, all) => {
    const before = all.slice(Math.max(0, at - 2), at);
    const after = all.slice(at + m.length, at + m.length + 2);
    if (/\d[ \t]?$/.test(before) || /^[ \t]?\d/.test(after)) return m;
    return [...m].join(" ");
  });
}

/** Lines longer than `width` cut into pieces of `width` characters, as a fixed-width dump wraps them. */
function rewrap(text, width) {
  return lines(text)
    .flatMap((l) => {
      const cs = [...l];
      if (cs.length <= width) return [l];
      const out = [];
      for (let i = 0; i < cs.length; i += width) out.push(cs.slice(i, i + width).join(""));
      return out;
    })
    .join("\n");
}

export const PERTURBATIONS = {
  /** blank lines removed */
  "no-blank-lines": (t) =>
    lines(t)
      .filter((l) => l.trim())
      .join("\n"),
  /** a blank line after every line (blank runs doubled) */
  "blank-lines-doubled": (t) => lines(t).join("\n\n"),
  /** lines re-wrapped at 20–40 characters (one width per text) */
  rewrapped: (t, seed) => rewrap(t, 20 + Math.floor(rng(seed)() * 21)),
  /** the whole text on one line, its lines joined by a space (a crawler's dump) */
  "one-line": (t) =>
    lines(t)
      .map((l) => l.trim())
      .filter(Boolean)
      .join(" "),
  /** digits and punctuation in the other width (full ↔ half) */
  "width-swapped": (t) => swapWidth(t),
  /** numbers letter-spaced ("2 0 2 4 年") */
  "spaced-numbers": (t) => spaceNumbers(t),
  /** the text in traditional script (OpenCC cn → tw) */
  traditional: (t) => toTraditional(t),
};

/**
 * Site-metadata blocks as sites lay them out, each with what it states. Prepended to a report, the
 * record must stay the same but for `publisher` and `published_date`, which must be the block's.
 */
export const METADATA_BLOCKS = {
  inline: {
    text: "索引号：11431122MB1C12345X/2025-00123\n发布机构：某县财政局\n发布日期：2021-08-03\n主题分类：财政预算、决算",
    publisher: "某县财政局",
    published: "2021-08-03",
  },
  bulleted: {
    text: "• 索引号\n11431122MB1C12345X/2025-00123\n• 发布机构\n某县财政局\n• 发布日期\n2021-08-03\n• 时效性\n有效",
    publisher: "某县财政局",
    published: "2021-08-03",
  },
  bracketed: {
    text: "[ 索引号 ] 11431122MB1C12345X/2025-00123 [ 主题分类 ] 财政预算、决算\n[ 发布机构 ] 某县财政局 [ 发布日期 ] 2021-08-03\n[ 时效性 ] 有效",
    publisher: "某县财政局",
    published: "2021-08-03",
  },
  "label-lines": {
    text: "发布机构\n某县财政局\n发布日期\n2021-08-03\n时效性\n有效\n文号\n无",
    publisher: "某县财政局",
    published: "2021-08-03",
  },
};

/** Fields that page chrome gives: a metadata block changes them on purpose. */
export const CHROME_FIELDS = new Set(["publisher", "published_date"]);
/** Long text fields (problems, measures): compared by their first characters, where a re-wrap may not cut them alike. */
const LONG_TEXT = new Set(["problems", "measures"]);

/** A value as compared: text in simplified script, half width, without spaces. */
export function comparable(field, v) {
  if (v === null || v === undefined) return null;
  if (typeof v !== "string") return v;
  const s = toSimplified(v.normalize("NFKC")).replace(/\s+/g, "");
  return LONG_TEXT.has(field) ? s.slice(0, 40) : s;
}

/**
 * The fields of two records (`fields` objects) whose values differ, as `{field, a, b}`; `skip` names
 * fields left out. Also counts the values compared (fields where either record has one).
 */
export function recordDiff(a, b, skip = new Set()) {
  const diffs = [];
  let values = 0;
  for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (skip.has(field)) continue;
    const x = comparable(field, a[field]?.value);
    const y = comparable(field, b[field]?.value);
    if (x !== null || y !== null) values++;
    if (x !== y) diffs.push({ field, a: x, b: y });
  }
  return { diffs, values };
}
