/**
 * A value typed by a reviewer, normalised like an extracted one: `1,956.58万元` → 19565800 元
 * (exact, by shifting the decimal point), `96.8%` → 0.968, `2024年3月1日` → 2024-03-01, `优秀` → 优.
 * The text as typed is kept as the raw value.
 */
import { parseDate, parseYear } from "./date.js";
import { normalizeGrade } from "./grade.js";
import { isMoneyUnit, toYuan, YUAN_UNITS } from "./money.js";
import { parseNumber } from "./number.js";
import { percentToRatio } from "./ratio.js";
import { fold } from "./text.js";

const TYPED_AMOUNT = new RegExp(`^(.+?)(${YUAN_UNITS}|万)?$`);

export type ValueKindName = "money" | "ratio" | "score" | "persons" | "count" | "year" | "date" | "grade" | "text";

export interface TypedValue {
  value: number | string;
  /** the exact decimal for money and ratios */
  exact?: string;
  unit: string;
  raw: string;
}

export class TypedValueError extends Error {}

/** The longest value and note a reviewer may type (the web form and the CLI alike). */
export const MAX_VALUE_CHARS = 500;
export const MAX_NOTE_CHARS = 2000;
/** The largest amount (元), count or score jixiao stores exactly: beyond it a number is not one value everywhere. */
export const MAX_EXACT = Number.MAX_SAFE_INTEGER;

/** What a field accepts beyond its kind: one of fixed values, a pattern, a ceiling (a ratio of 1). */
export interface Accepts {
  oneOf?: readonly string[];
  pattern?: RegExp;
  max?: number;
  /** the accepted values in words, for the refusal */
  what: string;
}

/** A reviewer's note, checked: at most MAX_NOTE_CHARS characters; blank is none. */
export function checkNote(note: string | undefined): string | undefined {
  const n = note?.trim();
  if (!n) return undefined;
  if (n.length > MAX_NOTE_CHARS) throw new TypedValueError(`a note is at most ${MAX_NOTE_CHARS} characters (this one has ${n.length})`);
  return n;
}

/** True when a number is within what the store holds exactly. */
export const storable = (v: number) => Number.isFinite(v) && Math.abs(v) <= MAX_EXACT;

/**
 * Normalises `input` as a value of `kind` that the field accepts (at most MAX_VALUE_CHARS characters,
 * a number the store holds exactly, `accepts`); throws TypedValueError with the reason when it is not one.
 */
export function normalizeTyped(kind: ValueKindName, input: string, accepts?: Accepts): TypedValue {
  if (input.length > MAX_VALUE_CHARS)
    throw new TypedValueError(`a value is at most ${MAX_VALUE_CHARS} characters (this one has ${input.length})`);
  const v = parseTyped(kind, input);
  if (typeof v.value === "number" && !storable(v.value))
    throw new TypedValueError(`${JSON.stringify(v.raw)} is beyond what jixiao stores exactly (at most ${MAX_EXACT} ${v.unit})`);
  if (!accepts) return v;
  const ok =
    (!accepts.oneOf || accepts.oneOf.includes(String(v.value))) &&
    (!accepts.pattern || accepts.pattern.test(String(v.value))) &&
    (accepts.max === undefined || (typeof v.value === "number" && v.value <= accepts.max));
  if (!ok) throw new TypedValueError(`${JSON.stringify(v.raw)} is not ${accepts.what}`);
  return v;
}

/** `input` as a value of `kind`; throws TypedValueError with the reason when it is not one. */
function parseTyped(kind: ValueKindName, input: string): TypedValue {
  const raw = input.trim();
  const t = fold(raw).text.replace(/\s/g, "");
  const fail = (what: string) => new TypedValueError(`${JSON.stringify(raw)} is not ${what}`);
  switch (kind) {
    case "money": {
      const m = TYPED_AMOUNT.exec(t);
      const n = m ? parseNumber(m[1]) : null;
      const unit = m?.[2] ?? "元";
      if (!n || !isMoneyUnit(unit)) throw fail("an amount (1,956.58万元, 19565800元)");
      const yuan = toYuan(n, unit);
      return { value: yuan.toNumber(), exact: yuan.toString(), unit: "元", raw };
    }
    case "ratio": {
      const m = /^(.+?)(%)?$/.exec(t);
      const n = m ? parseNumber(m[1]) : null;
      if (!n) throw fail("a percentage (96.8%) or a ratio (0.968)");
      const r = m![2] ? percentToRatio(n) : n;
      return { value: r.toNumber(), exact: r.toString(), unit: "ratio", raw };
    }
    case "score": {
      const n = parseNumber(t.replace(/分$/, ""));
      if (!n || n.toNumber() < 0 || n.toNumber() > 100) throw fail("a score from 0 to 100");
      return { value: n.toNumber(), exact: n.toString(), unit: "分", raw };
    }
    case "persons":
    case "count": {
      const n = parseNumber(t.replace(/[人名个]$/, ""));
      if (n?.scale !== 0 || n.toNumber() < 0) throw fail("a whole number");
      return { value: n.toNumber(), unit: kind === "persons" ? "人" : "个", raw };
    }
    case "year": {
      const y = parseYear(t.replace(/年度?$/, ""));
      if (y === null) throw fail("a year (2024)");
      return { value: y, unit: "year", raw };
    }
    case "date": {
      const d = parseDate(t);
      if (!d) throw fail("a full date (2024-03-01, 2024年3月1日)");
      return { value: d, unit: "date", raw };
    }
    case "grade": {
      const g = normalizeGrade(t);
      if (!g) throw fail("a grade (优, 良, 中, 差)");
      return { value: g, unit: "grade", raw };
    }
    default:
      if (!raw) throw fail("a text");
      return { value: raw, unit: "text", raw };
  }
}
