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

/** Folds full-width characters and removes whitespace; "．" becomes ".", "，" becomes ",". */
function prepare(input: string): string {
  let s = "";
  for (const ch of input) s += foldChar(ch);
  return s.replace(/\s/g, "");
}

type Token = { kind: "num"; value: Dec; zero: boolean } | { kind: "small"; pow: number } | { kind: "big"; pow: number };

/** An Arabic figure at the start: "1,050,000", "10,000.233", "12", ".5" (commas must group thousands). */
const ARABIC = /^(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?/;

function tokenize(s: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (/[0-9.]/.test(ch)) {
      const m = ARABIC.exec(s.slice(i))!;
      if (m[0] === "") return null; // a point without digits after it
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
  if (s === "") return Dec.ZERO; // "点五"
  const tokens = tokenize(s);
  if (!tokens) return null;
  // a big unit alone (万, 亿) is a word, not a number
  if (tokens.every((t) => t.kind === "big")) return null;
  // figures only, no units: one Arabic figure, or digits read one by one (二〇二三 → 2023)
  if (tokens.every((t) => t.kind === "num")) {
    if (tokens.length === 1) return tokens[0].value;
    let str = "";
    for (const { value } of tokens) {
      if (value.scale !== 0 || value.mantissa > 9n) return null;
      str += value.toString();
    }
    return Dec.parse(str);
  }
  let total = Dec.ZERO; // everything already multiplied by 亿
  let mid = Dec.ZERO; // pending value multiplied by 万 (四万万: 万 again multiplies it)
  let section = Dec.ZERO; // below 万
  let current: Dec | null = null;
  let lastPow = 0; // the last unit's power, for abbreviations like 两千四百五 / 一万三
  let afterZero = false;
  for (const t of tokens) {
    if (t.kind === "num") {
      // two digits in a row without a unit between them ("一二十"): not a numeral
      if (current !== null && !t.zero) return null;
      if (t.zero) {
        afterZero = true;
        current = null;
      } else current = t.value;
      continue;
    }
    if (t.kind === "small") {
      section = section.add((current ?? Dec.fromInt(1)).shift(t.pow));
    } else if (t.pow === 4) {
      mid = mid
        .add(section)
        .add(current ?? Dec.ZERO)
        .shift(4);
    } else {
      total = total
        .add(mid)
        .add(section)
        .add(current ?? Dec.ZERO)
        .shift(8);
      mid = Dec.ZERO;
    }
    if (t.kind === "big") section = Dec.ZERO;
    current = null;
    lastPow = t.pow;
    afterZero = false;
  }
  if (current !== null) {
    // a single digit right after a unit (no 零 between) counts in the next unit down:
    // 两千四百五 → 2450, 一万三 → 13000, 百三 → 130
    const abbreviated = !afterZero && current.scale === 0 && current.mantissa < 10n;
    section = section.add(abbreviated ? current.shift(lastPow - 1) : current);
  }
  return total.add(mid).add(section);
}

/** Digits after a Chinese decimal point: 二三三 → "233", 五五四四 → "5544". */
function parseFractionDigits(s: string): string | null {
  let out = "";
  for (const ch of s) {
    if (ch >= "0" && ch <= "9") out += ch;
    else if (ch in DIGIT) out += String(DIGIT[ch]);
    else return null;
  }
  return out;
}

/**
 * Parses any number: Arabic ("1,050,000,000", "10,000.233", ".5", "４，５６５", "２．２"; commas must
 * group thousands), Chinese or mixed, with an optional leading sign (负, -, －, +).
 * Trailing 万/亿 multiply: "2.3万" → 23000. Returns null when the text is not a number.
 */
export function parseNumber(input: string): Dec | null {
  let s = prepare(input);
  const neg = /^[-负負]/.test(s);
  if (neg || s.startsWith("+")) s = s.slice(1);
  if (s === "") return null;
  // Chinese decimal point 点/點 (an Arabic "." inside a numeral like 十.5 is rare; handled by tokenize)
  const p = s.search(/[点點]/);
  let value: Dec | null;
  if (p >= 0) {
    // a big unit after the fraction applies to the whole: "一点五亿"
    let rest = s.slice(p + 1);
    let pow = 0;
    while (rest !== "" && rest[rest.length - 1] in BIG_UNIT) {
      pow += BIG_UNIT[rest[rest.length - 1]];
      rest = rest.slice(0, -1);
    }
    const ip = parseIntegerPart(s.slice(0, p));
    const fd = parseFractionDigits(rest);
    if (!ip || !fd) return null;
    value = ip.add(Dec.parse(`0.${fd}`)).shift(pow);
  } else {
    value = parseIntegerPart(s);
  }
  if (!value) return null;
  return neg ? value.neg() : value;
}

export function parsePercent(input: string): Dec | null {
  const s = prepare(input);
  if (s.endsWith("%")) return parseNumber(s.slice(0, -1));
  const m = /^([-负]?)百分之(.+)/.exec(s);
  if (!m) return null;
  const v = parseNumber(m[2]);
  return v && m[1] ? v.neg() : v;
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
