/**
 * The one normalisation layer for Chinese report text.
 *
 * `fold()` turns clean document text into the form the field rules match against:
 * full-width ASCII (０-９, ＡＢ, （）：，．％) becomes half-width, ideographic and other odd spaces
 * become plain spaces, spaces next to Chinese characters (PDF extraction noise: "1043.96 万元",
 * "2024 年") disappear, zero-width characters go, and line ends become "\n".
 * Every folded character keeps the offset of the source character it came from, so a match in
 * the folded text maps back to exact evidence offsets in the clean text.
 */

export interface Folded {
  /** the folded text */
  text: string;
  /** map[i] = offset in the source of folded character i; map[text.length] = source length */
  map: number[];
  /** the source text */
  src: string;
}

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/;
const SPACE = /[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/;

/** Chinese characters, CJK punctuation and full-width forms: spaces next to them are noise. */
export function isCjk(ch: string | undefined): boolean {
  if (!ch) return false;
  const c = ch.codePointAt(0)!;
  return (
    (c >= 0x3000 && c <= 0x303f) || // CJK punctuation 、。〔〕「」
    (c >= 0x3400 && c <= 0x9fff) || // CJK ideographs (+ ext A)
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xffef) ||
    (c >= 0x2e80 && c <= 0x2fdf) || // radicals
    (c >= 0x20000 && c <= 0x2fa1f) ||
    c === 0x201c ||
    c === 0x201d || // “ ”
    c === 0x2018 ||
    c === 0x2019 ||
    c === 0x2014 ||
    c === 0x2026 // — …
  );
}

/** Half-width form of one character (full-width ASCII, ideographic space, a few look-alikes). */
export function foldChar(ch: string): string {
  const c = ch.codePointAt(0)!;
  if (c >= 0xff01 && c <= 0xff5e) return String.fromCodePoint(c - 0xfee0);
  switch (ch) {
    case "\u3000":
      return " ";
    case "﹪":
      return "%";
    case "\u2212": // minus sign
    case "\u2013": // en dash used as minus/range
      return "-";
    case "\u00b7":
      return "·";
    case "\r":
      return "\n";
    default:
      return ch;
  }
}

/** Folds `src` for matching; see the module comment. */
export function fold(src: string): Folded {
  const out: string[] = [];
  const map: number[] = [];
  const n = src.length;
  let i = 0;
  while (i < n) {
    const cp = src.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const width = ch.length;
    if (ZERO_WIDTH.test(ch)) {
      i += width;
      continue;
    }
    if (ch === "\r") {
      // \r\n → \n ; lone \r → \n
      if (src[i + 1] === "\n") {
        i++;
        continue;
      }
    }
    if (SPACE.test(ch)) {
      // a run of spaces: keep one only between two non-CJK characters
      let j = i;
      while (j < n && (SPACE.test(src[j]) || ZERO_WIDTH.test(src[j]))) j++;
      const prev = out.length ? out[out.length - 1] : undefined;
      const next = j < n ? foldChar(src[j]) : undefined;
      const atLineEdge = prev === undefined || prev === "\n" || prev === "\t" || next === undefined || next === "\n" || next === "\t";
      if (!atLineEdge && !isCjk(prev) && !isCjk(next) && !isUnitAfterNumber(prev, next)) {
        out.push(" ");
        map.push(i);
      }
      i = j;
      continue;
    }
    const f = foldChar(ch);
    for (const piece of f) {
      out.push(piece);
      map.push(i);
    }
    i += width;
  }
  map.push(n);
  return { text: out.join(""), map, src };
}

/** "98 %" or "12 .5": a space between a number and its unit or decimal point is noise too. */
function isUnitAfterNumber(prev: string | undefined, next: string | undefined): boolean {
  if (!prev || !next) return false;
  return /[0-9.]/.test(prev) && /[%.]/.test(next);
}

/** Maps a [start, end) range in folded text back to the source. */
export function unfoldRange(f: Folded, start: number, end: number): [number, number] {
  const s = f.map[start];
  if (end <= start) return [s, s];
  const last = f.map[end - 1];
  const width = f.src.codePointAt(last)! > 0xffff ? 2 : 1;
  return [s, last + width];
}

/** Collapses all whitespace: for comparing names and short labels. */
export function squash(s: string): string {
  return fold(s).text.replace(/\s+/g, "");
}
