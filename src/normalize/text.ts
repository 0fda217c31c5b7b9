/**
 * The one normalisation layer for Chinese report text.
 *
 * `fold()` turns clean document text into the form the field rules match against:
 * full-width ASCII (０-９, ＡＢ, （）：，．％) becomes half-width, ideographic and other odd spaces
 * become plain spaces, spaces next to Chinese characters (PDF extraction noise: "1043.96 万元",
 * "2024 年") disappear, zero-width characters go, and line ends become "\n". Traditional characters
 * become simplified (績效 → 绩效, one for one), and pinyin that mirror sites inject after a character
 * (編(biān)制) is dropped.
 * Every folded character keeps the offset of the source character it came from, so a match in
 * the folded text maps back to exact evidence offsets in the clean text.
 */

import { toSimplifiedUnit } from "./traditional.js";

export interface Folded {
  /** the folded text */
  text: string;
  /** map[i] = offset in the source of folded character i; map[text.length] = source length */
  map: number[];
  /** the source text */
  src: string;
}

/** Chinese characters, CJK punctuation and full-width forms: spaces next to them are noise. */
export function isCjk(ch: string | undefined): boolean {
  // an astral character is judged by its high surrogate (isCjkUnit knows those of U+20000–U+2FA1F)
  return !!ch && isCjkUnit(ch.charCodeAt(0));
}

/** Half-width form of one character (full-width ASCII, ideographic space, a few look-alikes), simplified when traditional. */
export function foldChar(ch: string): string {
  return ch.length === 1 ? String.fromCharCode(foldUnit(ch.charCodeAt(0))) : ch;
}

/** Whitespace as the regular expression \s defines it, on one UTF-16 code unit. */
export function isRegexSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const isZeroWidth = (c: number) => (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff || c === 0xad;
const isSpace = (c: number) =>
  c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000;

/** foldChar on one UTF-16 code unit (folding never changes a character's length). */
function foldUnit(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  switch (c) {
    case 0x3000:
      return 0x20;
    case 0xfe6a: // ﹪
      return 0x25;
    case 0x2212:
    case 0x2013:
      return 0x2d;
    case 0x0d:
      return 0x0a;
    default:
      return toSimplifiedUnit(c);
  }
}

const isIdeographUnit = (c: number) => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);

/** isCjk on a code unit; a surrogate stands for an astral ideograph (extensions B–F). */
function isCjkUnit(c: number): boolean {
  return (
    (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0x3400 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xffef) ||
    (c >= 0x2e80 && c <= 0x2fdf) ||
    (c >= 0xd840 && c <= 0xd87e) || // high surrogates of U+20000–U+2FA1F
    c === 0x201c ||
    c === 0x201d ||
    c === 0x2018 ||
    c === 0x2019 ||
    c === 0x2014 ||
    c === 0x2026
  );
}

const decoder = new TextDecoder("utf-16le");

/** Letter-spaced figures ("9 5 . 5", "2 0 2 4"): single digits and points one space apart, three or more. */
const LETTER_SPACED = /(?<![\dA-Za-z.])[\d.](?: [\d.]){2,}(?![\dA-Za-z.])/g;

/** Offsets of the spaces inside letter-spaced figures (not between the numbers of a row: "31 30 96.8"). */
function letterSpacedSpaces(src: string): Set<number> | null {
  if (!/[\d.] [\d.]/.test(src)) return null;
  let out: Set<number> | null = null;
  for (const m of src.matchAll(LETTER_SPACED)) {
    if ((m[0].match(/\d/g)?.length ?? 0) < 2) continue;
    out ??= new Set();
    for (let k = 1; k < m[0].length; k += 2) out.add(m.index! + k);
  }
  return out;
}

/**
 * The words of `s` between its spaces, a letter-spaced figure ("2 0 2 1-06-24", "9 5 . 5") kept as one
 * word with its spaces: the words a reader of the text sees.
 */
export function splitWords(s: string): string[] {
  const keep = letterSpacedSpaces(s);
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isRegexSpace(c) && !keep?.has(i)) {
      if (cur) out.push(cur);
      cur = "";
    } else cur += s[i];
  }
  if (cur) out.push(cur);
  return out;
}

/** A pinyin gloss right after a character: "(biān)", "（shù）", "(xiāng cūn)": at least one tone mark. */
const PINYIN =
  /[(（](?=[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]{1,20}[)）])(?=[^)）]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}(?: [a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}){0,3}[)）]/y;

/** Length of an injected pinyin gloss starting at `i` (0 when there is none). */
export function pinyinGlossAt(src: string, i: number): number {
  PINYIN.lastIndex = i;
  const m = PINYIN.exec(src);
  return m ? m[0].length : 0;
}

/** Folds `src` for matching; see the module comment. One pass over UTF-16 code units. */
export function fold(src: string): Folded {
  const n = src.length;
  const out = new Uint16Array(n);
  const map: number[] = [];
  const spaced = letterSpacedSpaces(src);
  let k = 0;
  let i = 0;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (isZeroWidth(c)) {
      i++;
      continue;
    }
    // \r\n → \n ; a lone \r → \n (foldUnit)
    if (c === 0x0d && src.charCodeAt(i + 1) === 0x0a) {
      i++;
      continue;
    }
    if (isSpace(c)) {
      // a run of spaces: keep one only between two non-CJK characters
      let j = i;
      while (j < n && (isSpace(src.charCodeAt(j)) || isZeroWidth(src.charCodeAt(j)))) j++;
      const prev = k > 0 ? out[k - 1] : -1;
      const next = j < n ? foldUnit(src.charCodeAt(j)) : -1;
      const atLineEdge = prev === -1 || prev === 0x0a || prev === 0x09 || next === -1 || next === 0x0a || next === 0x09;
      const unitAfterNumber = ((prev >= 0x30 && prev <= 0x39) || prev === 0x2e) && (next === 0x25 || next === 0x2e); // "98 %", "12 .5"
      // letter-spaced figures ("9 5 . 5 分"): single digits and points, one space apart
      const spacedDigits = spaced?.has(i);
      // an astral character before the run is judged by its high surrogate
      const prevCjk = prev >= 0xdc00 && prev <= 0xdfff && k > 1 ? isCjkUnit(out[k - 2]) : isCjkUnit(prev);
      if (!atLineEdge && !prevCjk && !isCjkUnit(next) && !unitAfterNumber && !spacedDigits) {
        out[k++] = 0x20;
        map.push(i);
      }
      i = j;
      continue;
    }
    if ((c === 0x28 || c === 0xff08) && k > 0 && isIdeographUnit(out[k - 1])) {
      const g = pinyinGlossAt(src, i);
      if (g) {
        i += g;
        continue;
      }
    }
    out[k++] = foldUnit(c);
    map.push(i);
    i++;
  }
  map.push(n);
  return { text: decoder.decode(out.subarray(0, k)), map, src };
}

/** Folded offset of a source offset: the first folded character at or after it (binary search). */
export function foldedOffset(f: Folded, srcOffset: number): number {
  const map = f.map;
  let lo = 0;
  let hi = map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (map[mid] < srcOffset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Maps a [start, end) range in folded text back to the source. */
export function unfoldRange(f: Folded, start: number, end: number): [number, number] {
  const s = f.map[start];
  if (end <= start) return [s, s];
  const last = f.map[end - 1];
  const width = f.src.codePointAt(last)! > 0xffff ? 2 : 1;
  return [s, last + width];
}

/** short strings folded lately: table cells, labels and words repeat across a document and a batch */
const foldedTexts = new Map<string, string>();

/** `fold(src).text`, remembered for short strings (no offset map: for decisions, not evidence). */
export function foldText(src: string): string {
  if (src.length > 64) return fold(src).text;
  let f = foldedTexts.get(src);
  if (f === undefined) {
    f = fold(src).text;
    if (foldedTexts.size >= 50_000) foldedTexts.clear();
    foldedTexts.set(src, f);
  }
  return f;
}

/** Collapses all whitespace: for comparing names and short labels. */
export function squash(s: string): string {
  return foldText(s).replace(/\s/g, "");
}

/**
 * The folded range [start, end) as written: characters the fold only simplified come back in their
 * traditional form, dropped characters (spaces, pinyin glosses) stay dropped. For text values
 * (unit names) that must be output as the report writes them.
 */
export function asWritten(f: Folded, start: number, end: number): string {
  let s = "";
  for (let i = start; i < end; i++) {
    const folded = f.text.charCodeAt(i);
    const orig = f.src.charCodeAt(f.map[i]);
    s += orig !== folded && toSimplifiedUnit(orig) === folded ? String.fromCharCode(orig) : f.text[i];
  }
  return s;
}
