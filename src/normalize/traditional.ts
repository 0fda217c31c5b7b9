/**
 * Traditional → simplified, one character for one character (OpenCC's TSCharacters table), so that
 * folding keeps every offset: mirrors serve 績效自評報告, rules match 绩效自评报告, evidence still
 * points at the text as written. Only BMP characters with a single BMP simplified form are mapped
 * (a character OpenCC maps to several simplified ones takes the first, its usual reading).
 */
import TS from "opencc-js/dict/TSCharacters";

let table: Uint16Array | null = null;

/** code unit → simplified code unit (0 where the character is not traditional) */
export function simplifiedTable(): Uint16Array {
  if (table) return table;
  const t = new Uint16Array(0x10000);
  for (const pair of (TS as string).split("|")) {
    const sp = pair.indexOf(" ");
    if (sp !== 1) continue; // the traditional side is one BMP unit
    const simp = pair.charCodeAt(sp + 1);
    if (simp >= 0xd800 && simp <= 0xdfff) continue; // an astral simplified form would change the length
    t[pair.charCodeAt(0)] = simp;
  }
  // characters OpenCC leaves alone that reports use in both scripts with one meaning
  table = t;
  return t;
}

/** The simplified form of one code unit, or the unit itself. */
export function toSimplifiedUnit(c: number): number {
  const s = simplifiedTable()[c];
  return s === 0 ? c : s;
}
