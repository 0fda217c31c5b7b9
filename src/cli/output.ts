/** What the commands print: to a terminal with unsafe characters escaped, one line a value. */

/** What a terminal must not be sent as is: C0 and C1 controls (but line feed and tab), DEL, and the
 * bidirectional overrides and isolates that reorder what follows them (U+202E …). */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
/** Text for a terminal: unsafe characters shown as \uXXXX escapes, so a document cannot drive the terminal. */
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, escapeChar);
}
export const write = (stream: NodeJS.WriteStream, s: string) => stream.write(stream.isTTY ? terminalSafe(s) : s);
export const out = (s: string) => write(process.stdout, `${s}\n`);
export const err = (s: string) => write(process.stderr, `${s}\n`);

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text for one line or table cell: control characters and bidi overrides shown as escapes (\n, \t, \u001b, \u202e). */
export function visible(s: string): string {
  return s.replace(CONTROL, (c) => (c.charCodeAt(0) < 0x80 ? JSON.stringify(c).slice(1, -1) : escapeChar(c)));
}

/** A path as one line of a log: a name with control characters (a newline, U+202E …) is printed quoted, escaped. */
export function shownPath(p: string): string {
  CONTROL.lastIndex = 0;
  return CONTROL.test(p) ? `"${visible(p.replace(/["\\]/g, "\\$&"))}"` : p;
}

/** A value in a table cell: a dash for none. */
export function fmtValue(v: unknown): string {
  return v === null || v === undefined ? "—" : String(v);
}

/** Columns a character takes in a terminal: 2 for CJK and other wide forms. */
const charWidth = (ch: string) => (/[\u1100-\uffff]/.test(ch) ? 2 : 1);

/** `s` cut to at most `w` columns and padded to `w`: one pass over at most `w` characters, whatever the length of `s`. */
export function fitCell(s: string, w: number): string {
  let used = 0;
  let end = 0;
  for (const ch of s) {
    const cw = charWidth(ch);
    if (used + cw > w) break;
    used += cw;
    end += ch.length;
  }
  return s.slice(0, end) + " ".repeat(w - used);
}

/** Columns `s` takes, counted up to `max` (a longer string is cut anyway). */
function widthUpTo(s: string, max: number): number {
  let w = 0;
  for (const ch of s) {
    w += charWidth(ch);
    if (w >= max) return max;
  }
  return w;
}

export function printTable(cols: string[], rows: string[][]): void {
  const MAX = 40;
  const widths = cols.map((c, i) =>
    Math.min(MAX, Math.max(widthUpTo(c, MAX), ...rows.map((r) => widthUpTo(visible((r[i] ?? "").slice(0, 4 * MAX)), MAX)))),
  );
  out(cols.map((c, i) => fitCell(c, widths[i])).join("  "));
  out(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) out(r.map((c, i) => fitCell(visible((c ?? "").slice(0, 4 * MAX)), widths[i])).join("  "));
}

/** What a field printer needs of a value (a DocumentRecord's or a stored one's). */
interface PrintedValue {
  value: unknown;
  raw: string;
  evidence: { page: number | null; section: string; text: string };
}

/** One field as `extract` and `show` print it: name, value, "raw", page and section; with `sentence`, the sentence under it. */
export function fieldLines(name: string, f: PrintedValue | null, opts: { sentence?: boolean } = {}): string[] {
  if (!f) return [`  ${name.padEnd(20)} —`];
  const where = `${f.evidence.page ? ` p.${f.evidence.page}` : ""}${f.evidence.section ? ` [${visible(f.evidence.section)}]` : ""}`;
  const lines = [`  ${name.padEnd(20)} ${visible(fmtValue(f.value))}    ${JSON.stringify(f.raw)}${where}`];
  if (opts.sentence) lines.push(`  ${" ".repeat(20)} “${visible(f.evidence.text.replace(/\s+/g, " ").slice(0, 160))}”`);
  return lines;
}
