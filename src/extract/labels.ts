/**
 * The label–value layer: candidates for a field from its lexicon entry, wherever a report writes
 * the label —
 *   sentence     label, connecting words, value: "经县编委核定的编制人数为65人"
 *   form cell    a table cell that is only the label, the value in the next cell: "人员编制 | 23"
 *   form line    label and bare value on a cover line, ended by the next template label:
 *                "人员编制 18 实有人数 18"
 * Each candidate carries its rule id (`<field>.<source>`), so `extract --explain` shows where it came from.
 */
import { squash } from "../normalize/text.js";
import { type CompiledLabel, compile, FORM_LABELS, type Lexicon, STAFF_PARTS } from "./lexicon.js";
import { type Candidate, CONN, type Context, type PatternRule, type Rule, runPattern, VALUE, type ValueKind } from "./rules.js";
import { cellCandidate, tablesOf } from "./tables.js";

/** Words between a staff label and its number: 为, 共计, 调整为, 核定为 … */
const STAFF_CONN = String.raw`\n?(?:(?:为|是|共计|共|计|合计|总计|达|调整为|核定为|有|:)\s*){0,2}`;

/** 编制 counts slots: "核定编制45个" as well as "45人", "45名". */
const SLOTS = VALUE.persons.replace("(?:人|名)", "(?:人|名|个)");

/** A bare count as a form cell or a cover line writes it: 23, 23人, 23名. */
const BARE_PERSONS = /^(\d{1,6})\s*(?:人|名)?$/;

const formLabelAlt = FORM_LABELS.slice()
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/[()]/g, "\\$&"))
  .join("|");

/** Table cells that hold only the label; the value is the next non-empty cell of the row. */
function formCells(ctx: Context, field: string, whole: CompiledLabel["whole"], confidence: number): Candidate[] {
  const out: Candidate[] = [];
  for (const v of tablesOf(ctx)) {
    v.grid.forEach((row, r) => {
      row.forEach((cell, i) => {
        const label = squash(cell)
          .replace(/[:：]$/, "")
          .replace(/\((?:人|名)\)$/, "");
        if (!label || !whole.test(label)) return;
        const next = row.slice(i + 1).find((c) => c.trim() && c !== cell);
        const m = next ? BARE_PERSONS.exec(next.trim()) : null;
        if (!m) return;
        const c = cellCandidate(v, r, next!.trim(), { value: Number(m[1]), unit: "人", confidence, rule: `${field}.form_cell` });
        if (c) out.push(c);
      });
    });
  }
  return out;
}

/**
 * Cover lines: label, optional colon, a bare number, then the line's end or the next template label.
 * The space after the number is left to the next pair ("人员编制\t18\t实有人数\t16": two values).
 */
function formLines(field: string, c: CompiledLabel, confidence: number): Rule {
  const re = new RegExp(
    `(?:^|[\\s|]|(?<=\\d))(?<label>${c.source})\\s*[:：]?\\s*(?<v>\\d{1,6})(?:\\s*(?:人|名))?(?=\\s*$|[\\s|]|(?:${formLabelAlt}))`,
    "g",
  );
  return (ctx) => {
    const out: Candidate[] = [];
    for (const l of ctx.body) {
      if (!/\d/.test(l.text)) continue;
      for (const m of l.text.matchAll(re)) {
        if (c.holds && !c.holds(m.groups!.label)) continue;
        const s = l.start + m.index! + m[0].lastIndexOf(m.groups!.v);
        out.push({ value: Number(m.groups!.v), unit: "人", confidence, rule: `${field}.form_line`, start: s, end: s + m.groups!.v.length });
      }
    }
    return out;
  };
}

/** The rules of a persons field described by a lexicon entry: sentences, form cells, cover lines. */
export function personsRules(field: string, lex: Lexicon): Rule[] {
  const c = compile(lex);
  const sentence: PatternRule = {
    id: `${field}.sentence`,
    re: new RegExp(`(?<label>${c.source})${STAFF_CONN}${field === "staff_authorized" ? SLOTS : VALUE.persons}`, "g"),
    confidence: 0.85,
    notInClause: c.notInClause ?? undefined,
    notInBreakdown: true,
    // "机关现有干部职工128人(编制169人)": the establishment beside the headcount, not a part of it
    asideInParens: true,
    ...(c.holds ? { labelHolds: c.holds } : {}),
  };
  return [sentence, (ctx) => formCells(ctx, field, c.whole, 0.9), formLines(field, c, 0.85)];
}

/** Words between a money label and its amount. */
const MONEY_CONN = String.raw`\n?(?:(?:为|是|达到|达|共计|共|计|约|合计|总计|:)\s*){0,2}`;

/** Options of a sentence rule: its confidence, the words allowed between label and value, its guards. */
export type SentenceOptions = Partial<Omit<PatternRule, "id" | "re">> & { conn?: string };

/**
 * The sentence rule of a field described by a lexicon entry: its label, connecting words (为, 共计,
 * 达到 …), then a value of the field's kind. The lexicon's meaning-changing words and the catalog's
 * guards both apply.
 */
export function sentenceRule(field: string, kind: keyof typeof VALUE, lex: Lexicon, opts: SentenceOptions = {}): PatternRule {
  const c = compile(lex);
  // an amount of money a report states for a field is never below zero (a change is another field)
  const { conn = kind === "money" ? MONEY_CONN : CONN, confidence = 0.85, notInClause, nonNegative = kind === "money", ...guards } = opts;
  const clause = [c.notInClause?.source, notInClause?.source].filter(Boolean).join("|");
  return {
    id: `${field}.sentence`,
    re: new RegExp(`(?<label>${c.source})${conn}${VALUE[kind]}`, "g"),
    confidence,
    nonNegative,
    ...(c.holds ? { labelHolds: c.holds } : {}),
    ...(clause ? { notInClause: new RegExp(clause) } : {}),
    ...guards,
  };
}

/**
 * 编制 stated only as its parts. One part alone (机关行政编制35名, 共有事业编制10名) is the whole
 * establishment; several parts and no total are left to the reader (a sum is not what was written).
 */
export function staffPartsRule(ctx: Context): Candidate[] {
  const c = compile(STAFF_PARTS);
  const rule: PatternRule = {
    id: "staff_authorized.only_part",
    re: new RegExp(`(?<label>${c.source})${STAFF_CONN}${VALUE.persons}`, "g"),
    confidence: 0.6,
    notInBreakdown: true,
  };
  const found = runPattern(ctx, rule, "persons");
  const labels = new Set<string>();
  for (const m of ctx.folded.text.matchAll(new RegExp(c.source, "g")))
    labels.add(m[0].replace(/^(?:机关|核定|共有|现有|全额拨款|单位|局机关)+/, "").replace(/(?:人数|数)$/, ""));
  return labels.size === 1 ? found : [];
}

export type { ValueKind };
