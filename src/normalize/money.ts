/**
 * Money to 元, exactly: the number is parsed as a decimal and its point shifted by the unit's
 * power of ten (万元 → 4, 亿元 → 8, 千元 → 3, 元 → 0). `1,956.58万元` → 19565800.
 */
import type { Dec } from "./decimal.js";
import { parseNumber } from "./number.js";

export const MONEY_UNITS = {
  元: 0,
  千元: 3,
  万元: 4,
  万: 4,
  百万元: 6,
  亿元: 8,
  亿: 8,
} as const;
export type MoneyUnit = keyof typeof MONEY_UNITS;

/**
 * The units that end in 元, as a regular-expression alternation, longest first (百万元 before 万元,
 * 万元 before 元): the one list the readers of tables, sentences and typed values match units with.
 */
export const YUAN_UNITS = (Object.keys(MONEY_UNITS) as MoneyUnit[])
  .filter((u) => u.endsWith("元"))
  .sort((a, b) => b.length - a.length)
  .join("|");

export function isMoneyUnit(u: string): u is MoneyUnit {
  return Object.hasOwn(MONEY_UNITS, u);
}

/** Converts a number written in `unit` to 元. */
export function toYuan(amount: Dec, unit: MoneyUnit): Dec {
  return amount.shift(MONEY_UNITS[unit]);
}

const AMOUNT = new RegExp(`^(.*?)(${YUAN_UNITS}|万|亿)$`);

/** Parses "1,956.58万元", "0.9亿元", "39622.04元", "两千万元", "一亿零五百万元" into 元; null when not money. */
export function parseMoney(text: string): { yuan: Dec; unit: MoneyUnit; amount: Dec } | null {
  const s = text.replace(/\s/g, "");
  // the unit as written (for display); the number keeps its own 万/亿 ("一亿零五百万" + "元")
  const m = AMOUNT.exec(s);
  if (!m) return null;
  const unit = m[2] as MoneyUnit;
  if (/^[\d.,，．\-０-９]+$/.test(m[1])) {
    const amount = parseNumber(m[1]);
    return amount ? { yuan: toYuan(amount, unit), unit, amount } : null;
  }
  // Chinese numerals: the whole text before 元 is one number
  const body = s.endsWith("元") ? s.slice(0, -1) : s;
  const yuan = parseNumber(body);
  return yuan ? { yuan, unit: "元", amount: yuan } : null;
}
