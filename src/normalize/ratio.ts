/** Percentages to ratios by shifting the point two places: "98%" → 0.98, "2.4%" → 0.024. */
import type { Dec } from "./decimal.js";
import { parsePercent } from "./number.js";

export function percentToRatio(percent: Dec): Dec {
  return percent.shift(-2);
}

/** "98%", "百分之九十八", "89.15 %" → the ratio; null when not a percentage. */
export function parseRatio(text: string): Dec | null {
  const p = parsePercent(text);
  return p ? percentToRatio(p) : null;
}
