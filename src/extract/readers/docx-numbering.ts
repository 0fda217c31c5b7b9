/**
 * Word's automatic numbering (word/numbering.xml): the "一、", "（二）", "3." that Word draws in front
 * of list paragraphs and numbered headings but does not store in the text. Without them a report's
 * section headings lose the markers the section tree is built from, so the .docx reader renders
 * them, counting as Word does: per list (numId) and level, a level restarting when a higher one
 * moves on, `start` and `startOverride` values, and each level's format (decimal, Chinese
 * counting, 甲乙丙, circled …). Bullets are not numbers and are left out.
 */
import type { Element } from "domhandler";

interface Level {
  start: number;
  fmt: string;
  text: string;
  legal: boolean;
}

export interface Numbering {
  /** the rendered marker of the next paragraph of list `numId` at level `ilvl`, or null (bullets, no list) */
  next(numId: string, ilvl: number): string | null;
}

const kids = (e: Element): Element[] => e.children.filter((c): c is Element => c.type === "tag");
const kid = (e: Element | undefined, name: string) => (e ? kids(e).find((c) => c.name === name) : undefined);
const val = (e: Element | undefined) => e?.attribs["w:val"];

function readLevels(elements: Element[]): Map<number, Level> {
  const levels = new Map<number, Level>();
  for (const lvl of elements) {
    if (lvl.name !== "w:lvl") continue;
    const ilvl = Number(lvl.attribs["w:ilvl"] ?? 0);
    levels.set(ilvl, {
      start: Number(val(kid(lvl, "w:start")) ?? 1),
      fmt: val(kid(lvl, "w:numFmt")) ?? "decimal",
      text: val(kid(lvl, "w:lvlText")) ?? "",
      legal: kid(lvl, "w:isLgl") !== undefined,
    });
  }
  return levels;
}

/** Numbering definitions from numbering.xml's root children. */
export function numbering(root: Element | undefined): Numbering {
  const abstracts = new Map<string, Map<number, Level>>();
  const nums = new Map<string, { levels: Map<number, Level>; starts: Map<number, number> }>();
  for (const e of root ? kids(root) : []) if (e.name === "w:abstractNum") abstracts.set(e.attribs["w:abstractNumId"], readLevels(kids(e)));
  for (const e of root ? kids(root) : []) {
    if (e.name !== "w:num") continue;
    const levels = abstracts.get(val(kid(e, "w:abstractNumId")) ?? "");
    if (!levels) continue;
    const starts = new Map<number, number>();
    const merged = new Map(levels);
    for (const o of kids(e)) {
      if (o.name !== "w:lvlOverride") continue;
      const ilvl = Number(o.attribs["w:ilvl"] ?? 0);
      const so = val(kid(o, "w:startOverride"));
      if (so !== undefined) starts.set(ilvl, Number(so));
      for (const [k, v] of readLevels(kids(o))) merged.set(k, v);
    }
    nums.set(e.attribs["w:numId"], { levels: merged, starts });
  }
  const counters = new Map<string, Array<number | undefined>>();
  return {
    next(numId, ilvl) {
      const num = nums.get(numId);
      const level = num?.levels.get(ilvl);
      if (!num || !level) return null;
      const c = counters.get(numId) ?? [];
      counters.set(numId, c);
      const startOf = (k: number) => num.starts.get(k) ?? num.levels.get(k)?.start ?? 1;
      c[ilvl] = c[ilvl] === undefined ? startOf(ilvl) : c[ilvl]! + 1;
      for (let k = ilvl + 1; k < c.length; k++) c[k] = undefined; // deeper levels restart
      if (level.fmt === "bullet" || level.fmt === "none") return null;
      const marker = level.text.replace(/%([1-9])/g, (_, d: string) => {
        const k = Number(d) - 1;
        const l = num.levels.get(k);
        const n = c[k] ?? startOf(k);
        return format(n, level.legal ? "decimal" : (l?.fmt ?? "decimal"));
      });
      return marker.trim() ? marker : null;
    },
  };
}

const CN_DIGITS = "〇一二三四五六七八九";
const CN_LEGAL = "零壹贰叁肆伍陆柒捌玖";

/** 1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (as Word's chineseCounting writes them). */
export function chineseCounting(n: number, digits = CN_DIGITS, units = ["", "十", "百", "千"]): string {
  if (!Number.isInteger(n) || n <= 0 || n >= 10000) return String(n);
  const ds = String(n).split("").map(Number);
  let out = "";
  let zero = false;
  ds.forEach((d, i) => {
    const unit = units[ds.length - 1 - i];
    if (d === 0) zero = out !== "";
    else {
      if (zero) out += digits === CN_DIGITS ? "零" : digits[0];
      zero = false;
      // 十一, not 一十一 (but 壹拾壹 in the legal digits)
      out += (d === 1 && digits === CN_DIGITS && i === 0 && ds.length === 2 ? "" : digits[d]) + unit;
    }
  });
  return out;
}

const letters = (n: number, base: string) => {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = base[(k - 1) % 26] + s;
  return s;
};

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: Array<[number, string]> = [
    [1000, "m"],
    [900, "cm"],
    [500, "d"],
    [400, "cd"],
    [100, "c"],
    [90, "xc"],
    [50, "l"],
    [40, "xl"],
    [10, "x"],
    [9, "ix"],
    [5, "v"],
    [4, "iv"],
    [1, "i"],
  ];
  let s = "";
  let k = n;
  for (const [v, r] of table)
    while (k >= v) {
      s += r;
      k -= v;
    }
  return s;
}

/** One counter in a Word number format (ST_NumberFormat). */
export function format(n: number, fmt: string): string {
  switch (fmt) {
    case "decimal":
      return String(n);
    case "decimalZero":
      return n < 10 ? `0${n}` : String(n);
    case "decimalFullWidth":
    case "decimalFullWidth2":
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case "chineseCounting":
    case "chineseCountingThousand":
    case "japaneseCounting":
    case "taiwaneseCounting":
    case "taiwaneseCountingThousand":
      return chineseCounting(n);
    case "ideographDigital":
    case "japaneseDigitalTenThousand":
      return String(n).replace(/\d/g, (d) => CN_DIGITS[Number(d)]);
    case "chineseLegalSimplified":
      return chineseCounting(n, CN_LEGAL, ["", "拾", "佰", "仟"]);
    case "ideographTraditional":
      return n >= 1 && n <= 10 ? "甲乙丙丁戊己庚辛壬癸"[n - 1] : String(n);
    case "ideographZodiac":
      return n >= 1 && n <= 12 ? "子丑寅卯辰巳午未申酉戌亥"[n - 1] : String(n);
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
    case "ideographEnclosedCircle":
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case "decimalEnclosedParen":
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2474 + n - 1) : `(${n})`;
    case "decimalEnclosedFullstop":
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2488 + n - 1) : `${n}.`;
    case "lowerLetter":
      return letters(n, "abcdefghijklmnopqrstuvwxyz");
    case "upperLetter":
      return letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    case "lowerRoman":
      return roman(n);
    case "upperRoman":
      return roman(n).toUpperCase();
    default:
      return String(n);
  }
}
