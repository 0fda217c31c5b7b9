/**
 * Dates to ISO 8601. Accepts 2023年3月15日, 2023 年 3 月 15 日, 2023.03.15, 2023-3-15, 2023/03/15,
 * 二〇二五年六月五日. Incomplete or impossible dates give null, never a guess.
 */
import { parseNumber } from "./number.js";

function valid(y: number, m: number, d: number): boolean {
  if (y < 1949 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

const pad = (n: number) => String(n).padStart(2, "0");

export function parseDate(text: string): string | null {
  const s = text.replace(/\s/g, "");
  let m = /^(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})日?$/.exec(s);
  if (!m) m = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]$/.exec(s);
  let y: number, mo: number, d: number;
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    const c = /^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})[日号]$/.exec(s);
    if (!c) return null;
    const yy = parseNumber(c[1]);
    const mm = parseNumber(c[2]);
    const dd = parseNumber(c[3]);
    if (!yy || !mm || !dd) return null;
    [y, mo, d] = [yy.toNumber(), mm.toNumber(), dd.toNumber()];
  }
  return valid(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : null;
}

/** A four-digit year 2000–2100 from "2024", "二〇二四", "20 24"; null otherwise. */
export function parseYear(text: string): number | null {
  const v = parseNumber(text)?.toNumber() ?? Number.NaN;
  return Number.isInteger(v) && v >= 2000 && v <= 2100 ? v : null;
}
