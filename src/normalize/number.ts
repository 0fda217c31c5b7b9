/**
 * Numbers as Chinese reports write them: Arabic (half- or full-width, thousands commas, "．" points),
 * Chinese numerals (一百零一万一千, 两千四百五, 壹佰伍拾, 四万万, 九十二万四), and mixes (7万5千4百, 2.3万).
 * Results are exact decimals (Dec); nothing goes through floating point.
 */
import { Dec } from "./decimal.js";
import { foldChar } from "./text.js";

const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  洞: 0,
  一: 1,
  壹: 1,
  幺: 1,
  二: 2,
  贰: 2,
  貳: 2,
  两: 2,
  兩: 2,
  俩: 2,
  倆: 2,
  三: 3,
  叁: 3,
  參: 3,
  叄: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  陸: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const SMALL_UNIT: Record<string, number> = { 十: 1, 拾: 1, 百: 2, 佰: 2, 千: 3, 仟: 3 };
const BIG_UNIT: Record<string, number> = { 万: 4, 萬: 4, 亿: 8, 億: 8 };

/** Characters that can be part of a Chinese-numeral number (for regexes). */
export const CN_NUMERAL_CHARS = "零〇一壹二贰貳两兩俩倆三叁參叄四肆五伍六陆陸七柒八捌九玖十拾百佰千仟万萬亿億点點";

/** Folds full-width characters and removes whitespace; "．" becomes ".", "，" becomes ",". */
function prepare(input: string): string {
  let s = "";
  for (const ch of input) s += foldChar(ch);
  return s.replace(/\s+/g, "");
}

/**
 * Parses an Arabic number: "1,050,000,000", "10,000.233", ".5", "-.5", "４，５６５", "２．２".
 * Commas must group thousands. Returns null when the text is not such a number.
 */
export function parseArabic(input: string): Dec | null {
  const s = prepare(input);
  const m = /^([-+]?)(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d+))?$/.exec(s);
  if (!m || (m[2] === "" && m[3] === undefined)) return null;
  const text = `${m[1]}${m[2].replace(/,/g, "") || "0"}${m[3] !== undefined ? `.${m[3]}` : ""}`;
  return Dec.parse(text);
}

type Token = { kind: "num"; value: Dec; zero: boolean } | { kind: "small"; pow: number } | { kind: "big"; pow: number };

function tokenize(s: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (/[0-9.]/.test(ch)) {
      const m = /^(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?/.exec(s.slice(i));
      if (!m || m[0] === "" || m[0] === ".") return null;
      tokens.push({ kind: "num", value: Dec.parse(m[0].replace(/,/g, "")), zero: false });
      i += m[0].length;
      continue;
    }
    if (ch in DIGIT) {
      tokens.push({ kind: "num", value: Dec.fromInt(DIGIT[ch]), zero: DIGIT[ch] === 0 });
      i++;
      continue;
    }
    if (ch in SMALL_UNIT) {
      tokens.push({ kind: "small", pow: SMALL_UNIT[ch] });
      i++;
      continue;
    }
    if (ch in BIG_UNIT) {
      tokens.push({ kind: "big", pow: BIG_UNIT[ch] });
      i++;
      continue;
    }
    return null;
  }
  return tokens;
}

/** Integer part of a Chinese numeral (may contain Arabic pieces): see the module comment. */
function parseIntegerPart(s: string): Dec | null {
  if (s === "") return Dec.ZERO;
  const tokens = tokenize(s);
  if (!tokens || tokens.length === 0) return null;
  // a big unit alone (万, 亿) is a word, not a number
  if (!tokens.some((t) => t.kind !== "big")) return null;
  // digits only, no units: read as a digit string (二〇二三 → 2023)
  if (tokens.every((t) => t.kind === "num")) {
    if (tokens.length === 1) return (tokens[0] as { value: Dec }).value;
    let str = "";
    for (const t of tokens) {
      const v = (t as { value: Dec }).value;
      if (v.scale !== 0 || v.mantissa > 9n || v.mantissa < 0n) return null;
      str += v.toString();
    }
    return Dec.parse(str);
  }
  let total = Dec.ZERO; // everything already multiplied by 亿
  let mid = Dec.ZERO; // pending value multiplied by 万
  let section = Dec.ZERO; // below 万
  let current: Dec | null = null;
  let lastPow = 0; // the last unit's power, for abbreviations like 两千四百五 / 一万三
  let prevWasUnit = false;
  let afterZero = false;
  for (const t of tokens) {
    if (t.kind === "num") {
      if (current !== null && !t.zero) {
        // 两个 digits in a row without a unit, e.g. "一二" inside a number: not a numeral
        if (!current.isZero()) return null;
      }
      if (t.zero) {
        afterZero = true;
        prevWasUnit = false;
        current = null;
        continue;
      }
      current = t.value;
      prevWasUnit = false;
      continue;
    }
    if (t.kind === "small") {
      section = section.add((current ?? Dec.fromInt(1)).shift(t.pow));
      current = null;
      lastPow = t.pow;
      prevWasUnit = true;
      afterZero = false;
      continue;
    }
    // big unit
    const s2 = section.add(current ?? Dec.ZERO);
    if (t.pow === 4) {
      if (s2.isZero() && !mid.isZero())
        mid = mid.shift(4); // 万万
      else mid = mid.add(s2).shift(4);
    } else {
      const s3 = s2.add(mid);
      if (s3.isZero() && !total.isZero()) total = total.shift(8);
      else total = total.add(s3).shift(8);
      mid = Dec.ZERO;
    }
    section = Dec.ZERO;
    current = null;
    lastPow = t.pow;
    prevWasUnit = true;
    afterZero = false;
  }
  if (current !== null) {
    // trailing digit right after a unit (no 零 between): 两千四百五 → 2450, 一万三 → 13000, 百三 → 130
    if (!afterZero && lastPow > 0 && !prevWasUnit && current.scale === 0 && current.mantissa < 10n) {
      section = section.add(current.shift(lastPow - 1));
    } else {
      section = section.add(current);
    }
  }
  return total.add(mid).add(section);
}

/** Digits after a Chinese decimal point: 二三三 → "233", 五五四四 → "5544". */
function parseFractionDigits(s: string): string | null {
  let out = "";
  for (const ch of s) {
    if (/[0-9]/.test(ch)) out += ch;
    else if (ch in DIGIT) out += String(DIGIT[ch]);
    else return null;
  }
  return out;
}

/**
 * Parses any number: Arabic, Chinese or mixed, with an optional leading minus (负, -, －).
 * Trailing 万/亿 multiply: "2.3万" → 23000. Returns null when the text is not a number.
 */
export function parseNumber(input: string): Dec | null {
  let s = prepare(input);
  if (s === "") return null;
  let neg = false;
  if (/^[-负負]/.test(s)) {
    neg = true;
    s = s.slice(1);
  } else if (s.startsWith("+")) s = s.slice(1);
  if (s === "") return null;
  const arabic = parseArabic(s);
  if (arabic) return neg ? arabic.neg() : arabic;
  // Chinese decimal point 点/點 (an Arabic "." inside a numeral like 十.5 is rare; handled by tokenize)
  const p = s.search(/[点點]/);
  let value: Dec | null;
  if (p >= 0) {
    const intPart = s.slice(0, p);
    let rest = s.slice(p + 1);
    // a big unit after the fraction applies to the whole: 两千万点五五四四 has none; "一点五亿" does
    let pow = 0;
    const unit = /([万萬亿億]+)$/.exec(rest);
    if (unit) {
      for (const u of unit[1]) pow += BIG_UNIT[u];
      rest = rest.slice(0, -unit[1].length);
    }
    const ip = parseIntegerPart(intPart);
    const fd = parseFractionDigits(rest);
    if (!ip || fd === null || fd === "") return null;
    value = ip.add(Dec.parse(`0.${fd}`)).shift(pow);
  } else {
    value = parseIntegerPart(s);
  }
  if (!value) return null;
  return neg ? value.neg() : value;
}

/**
 * Parses a percentage: "25%", "－1２２％", "百分之２．４", "百分之一百二十点五".
 * Returns the number of percent (95% → 95), or null.
 */
export function parsePercent(input: string): Dec | null {
  const s = prepare(input);
  let m = /^(.+)%$/.exec(s);
  if (m) return parseNumber(m[1]);
  m = /^([-负]?)百分之(.+)$/.exec(s);
  if (m) {
    const body = m[2] === "百" ? "一百" : m[2];
    const v = parseNumber(body);
    return v && m[1] ? v.neg() : v;
  }
  return null;
}

/** A number as a table cell or a report writes it with separators anywhere ("1,23,456.7"): commas dropped, then parsed. */
export function cellNumber(cell: string): Dec | null {
  return parseNumber(cell.replace(/,/g, ""));
}

/** The first figure in a cell of words ("≥95%" → 95, "20分" → 20, "-3.5" → -3.5), else the cell as a number ("二十分" → 20). */
export function firstNumber(cell: string | undefined): number | null {
  if (!cell) return null;
  const m = /-?\d+(?:\.\d+)?/.exec(cell.replace(/[,，]/g, ""));
  if (m) return Number(m[0]);
  return parseNumber(cell.replace(/分$/, ""))?.toNumber() ?? null;
}
