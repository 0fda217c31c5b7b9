/**
 * Traditional → simplified, one character for one character (OpenCC's TSCharacters table), so that
 * folding keeps every offset: mirrors serve 績效自評報告, rules match 绩效自评报告, evidence still
 * points at the text as written. Only BMP characters with a single BMP simplified form are mapped
 * (a character OpenCC maps to several simplified ones takes the first, its usual reading).
 */
import TS from "opencc-js/dict/TSCharacters";

let table: Uint16Array | null = null;

/**
 * The table of an OpenCC dictionary ("們 们|乾 干 乾|…"): code unit → simplified code unit, 0 where the
 * character is not traditional. Only one-unit traditional characters with a one-unit first simplified form.
 */
export function tableFrom(dict: string): Uint16Array {
  const t = new Uint16Array(0x10000);
  for (const pair of dict.split("|")) {
    if (pair[1] !== " ") continue; // the traditional side is one BMP unit
    const simp = pair.charCodeAt(2);
    if (simp >= 0xd800 && simp <= 0xdfff) continue; // an astral simplified form would change the length
    t[pair.charCodeAt(0)] = simp;
  }
  return t;
}

/** OpenCC's TSCharacters as a table (built once). */
function simplifiedTable(): Uint16Array {
  table ??= tableFrom(TS as string);
  return table;
}

/** The simplified form of one code unit, or the unit itself. */
export function toSimplifiedUnit(c: number): number {
  const s = simplifiedTable()[c];
  return s === 0 ? c : s;
}
