/**
 * The rule engine: finds candidates for a field in the folded text, checks their context
 * (clause, sentence, section), converts their values, and picks one — or none, with a flag,
 * when equally good candidates disagree.
 */
import type { DocModel, Evidence, FieldValue, Flag } from "../model.js";
import { Dec } from "../normalize/decimal.js";
import { normalizeGrade } from "../normalize/grade.js";
import { isMoneyUnit, toYuan, YUAN_UNITS } from "../normalize/money.js";
import { parseNumber } from "../normalize/number.js";
import { percentToRatio } from "../normalize/ratio.js";
import { asWritten, type Folded, unfoldRange } from "../normalize/text.js";
import type { Chrome } from "./chrome.js";
import { pageAt, type TextDoc } from "./document.js";
import type { SectionTree } from "./sections.js";

/** What a field's value is measured in; decides how a matched value is converted. */
export type ValueKind = "money" | "ratio" | "score" | "persons" | "count" | "year" | "date" | "grade" | "text";

/** Everything a rule can look at. */
export interface Context {
  doc: DocModel;
  /**
   * The candidate chosen for another field (its value as rules match it, folded, and its span), or null
   * when none was: only for a field the current one lists in its `needs` (catalog.ts), which the engine
   * chooses first. Asking for any other field throws.
   */
  chosen: (field: string) => Candidate | null;
  folded: Folded;
  clean: TextDoc;
  sections: SectionTree;
  /** folded lines with their folded start offsets */
  lines: Array<{ start: number; text: string }>;
  /** the non-empty lines that are not page chrome: where "the first lines of the report" are counted */
  body: Array<{ start: number; text: string }>;
  /** page chrome (publication metadata, banners, boilerplate): its lines and what it says */
  chrome: Chrome;
  /** `extract --explain`: told of every match a guard rejected */
  trace?: (r: Rejection) => void;
  /** true when a folded offset lies in a chrome line */
  inChrome: (offset: number) => boolean;
}

/** A match that a guard turned down, for `extract --explain`. */
export interface Rejection {
  rule: string;
  guard: string;
  /** folded offsets of the whole match */
  start: number;
  end: number;
}

export interface Candidate {
  value: number | string;
  exact?: string;
  unit: string;
  qualifier?: string;
  confidence: number;
  rule: string;
  /** folded offsets of the value as written */
  start: number;
  end: number;
  /** number text and unit as matched (folded), for unit checks */
  numberText?: string;
  writtenUnit?: string;
}

/** A keyword pattern: `re` (global) must capture the value in group `v` (and `u` for a money unit, `q` for a qualifier). */
export interface PatternRule {
  id: string;
  re: RegExp;
  confidence: number;
  /** reject when the clause before the keyword (since the last , ; 。 or line end) matches */
  notInClause?: RegExp;
  /** reject when the sentence before the keyword (since the last 。 ; or line end) matches */
  notInSentence?: RegExp;
  /** reject when the text right after the value matches */
  notAfter?: RegExp;
  /** reject when the heading path matches */
  notInSection?: RegExp;
  /** confidence multiplier when a qualifier (以上, 左右) follows the value */
  qualifiedFactor?: number;
  /** reject when the sentence so far talks about a budget (预算, 控制数) that no actual figure (实际, 决算, 支出) has followed */
  notInBudgetContext?: boolean;
  /** reject a value below zero (an amount a report states for a total or a part is never negative) */
  nonNegative?: boolean;
  /** reject when the label stands in the breakdown of a total: after 其中 or inside an open parenthesis of its sentence */
  notInBreakdown?: boolean;
  /** with notInBreakdown: a label that opens a parenthesis itself is an aside, not a breakdown */
  asideInParens?: boolean;
  /** the phrase itself states a zero amount ("无“三公”经费支出"): the value is 0, the evidence the phrase */
  zero?: boolean;
  /** what the matched label (group `label`) must hold: a lexicon entry's `must` and `mustNot` */
  labelHolds?: (label: string) => boolean;
}

export type FunctionRule = (ctx: Context) => Candidate[];
export type Rule = PatternRule | FunctionRule;

// ---------------------------------------------------------------- value patterns

const NUM = String.raw`-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?`;
const CN_NUM = "[零〇一二两三四五六七八九十百千万亿点壹贰叁肆伍陆柒捌玖拾佰仟]+";
/** Quotes people put around 三公 and similar terms, in any mix. */
export const Q = "[\"“”'‘’「」]*";
/** Words between a keyword and its value: 为, 是, 达到, 共计, ：… (a line break too: "自评得分\n90 分" wrapped) */
export const CONN = String.raw`\n?(?:(?:为|是|达到|达|共计|共|计|约|合计|总计|仅|:)\s*){0,2}`;

export const VALUE: Record<Exclude<ValueKind, "year" | "date" | "text" | "count">, string> = {
  money: String.raw`(?<v>${NUM}|${CN_NUM})\s*(?<u>${YUAN_UNITS}|万(?![\u4e00-\u9fa5]))`,
  ratio: String.raw`(?<v>${NUM})\s*%(?<q>或以上|及以上|以上|以下|左右)?`,
  // "96分", "九十六分", and a bare number right after a label ("自评得分：95。", a form's cell "自评总分:\t99.68")
  // ("80分以上的12个" is a threshold, not a score)
  score: String.raw`(?<v>\d{1,3}(?:\.\d+)?|[一二三四五六七八九十百点]+)\s*(?:分(?![之钟])(?!\s*(?:以上|以下|及以上|或以上|以内|至))|(?=[,，。;；)）\t\n]|\s*$))`,
  persons: String.raw`(?<v>\d{1,6}|[一二两三四五六七八九十百千]+)\s*(?:人|名)(?![民次])`,
  grade: String.raw`${Q}(?<v>不合格|优秀|良好|合格|中等|较差|优|良|中|差)${Q}(?=等|级|档|[^\u4e00-\u9fa5]|$)`,
};

/** Builds a global pattern: one of the keywords, connecting words, then a value of `kind`. */
export function kw(keywords: string, kind: keyof typeof VALUE, conn = CONN): RegExp {
  return new RegExp(`(?:${keywords})${conn}${VALUE[kind]}`, "g");
}

// ---------------------------------------------------------------- context

/** Placeholders of blank templates (XX局, ××年): the whole sentence is a template, not a statement. */
const PLACEHOLDER = /XX|xx|××|□□/;
// Masked text (11******500643044XR, 2**人) is no placeholder: it hides only the value it masks,
// which then matches no value pattern; the sentence around it is still read.
const CLAUSE_BREAK = /[,，。;；\n\t!?！？]/;
const SENTENCE_BREAK = /[。;；\n!?！？]/;

function backTo(text: string, pos: number, re: RegExp): number {
  let i = pos - 1;
  while (i >= 0 && !re.test(text[i])) i--;
  return i + 1;
}
function forwardTo(text: string, pos: number, re: RegExp): number {
  let i = pos;
  while (i < text.length && !re.test(text[i])) i++;
  return i;
}

/**
 * True when `prefix` (the sentence up to a label) has opened the breakdown of a total stated before
 * it: a clause opened by 其中/含/包括 (or a 其中 of its own earlier in the sentence), or an unclosed
 * parenthesis (with `asideInParens`, not one the label opens itself: a count of another kind beside
 * the figure before it, 编制 beside 干部职工).
 */
export function inBreakdown(prefix: string, asideInParens = false): boolean {
  const clause = prefix.slice(Math.max(prefix.lastIndexOf(","), prefix.lastIndexOf("，")) + 1);
  if (/^\s*(?:其中|含|包括|包含)/.test(clause)) return true;
  // "其中，法院执行年初预算数…": a clause of the sentence opened the breakdown before this one
  if (/(?:^|[,，:：])\s*其中\s*[,，:：]/.test(prefix)) return true;
  // where asked: a label that opens a parenthesis of its own ("干部职工128人(编制169人)") is an aside
  const own = asideInParens && /[(（]\s*$/.test(prefix) ? 1 : 0;
  const open = (prefix.match(/[(（]/g) ?? []).length - own;
  const close = (prefix.match(/[)）]/g) ?? []).length;
  return open > close;
}

/** True when the last budget word in `prefix` comes after the last word for an actual amount. */
export function inBudgetContext(prefix: string): boolean {
  const lastOf = (re: RegExp) => {
    let last = -1;
    for (const m of prefix.matchAll(re)) last = m.index! + m[0].length;
    return last;
  };
  const budget = lastOf(/预算|控制数|计划数|安排/g);
  const actual = lastOf(/实际|决算|(?<!预算)支出|总额|使用|开支/g);
  return budget > actual;
}

/** The heading path at a folded offset, folded: what notInSection guards test. */
export function sectionPath(ctx: Context, foldedOffset: number): string[] {
  return ctx.sections.keyPathAt(foldedOffset);
}

/** Evidence for a candidate: clean-text offsets, page, heading path, sentence. */
export function evidenceFor(ctx: Context, c: Candidate): Evidence & { raw: string } {
  const [start, end] = unfoldRange(ctx.folded, c.start, c.end);
  const ft = ctx.folded.text;
  const fs = backTo(ft, c.start, SENTENCE_BREAK);
  let fe = forwardTo(ft, c.end, SENTENCE_BREAK);
  if (ft[fe] === "。" || ft[fe] === ";" || ft[fe] === "；") fe++;
  const [ss, se] = unfoldRange(ctx.folded, fs, Math.max(fe, fs));
  let sentence = ctx.clean.text.slice(ss, se).trim();
  if (sentence.length > 300) {
    const rel = start - ss;
    const from = Math.max(0, rel - 150);
    sentence = sentence.slice(from, from + 300);
  }
  return {
    start,
    end,
    page: pageAt(ctx.clean, start),
    section: ctx.sections.pathAt(c.start).join(" > "),
    text: sentence,
    raw: ctx.clean.text.slice(start, end),
  };
}

// ---------------------------------------------------------------- conversion

export function convert(kind: ValueKind, v: string, u?: string): { value: number | string; exact?: string; unit: string } | null {
  switch (kind) {
    case "money": {
      const n = parseNumber(v);
      if (!n || !u || !isMoneyUnit(u)) return null;
      const yuan = toYuan(n, u);
      return { value: yuan.toNumber(), exact: yuan.toString(), unit: "元" };
    }
    case "ratio": {
      const n = parseNumber(v);
      if (!n) return null;
      const r = percentToRatio(n);
      return { value: r.toNumber(), exact: r.toString(), unit: "ratio" };
    }
    case "score": {
      const n = parseNumber(v);
      if (!n || n.cmp(Dec.fromInt(0)) < 0 || n.cmp(Dec.fromInt(100)) > 0) return null;
      return { value: n.toNumber(), exact: n.toString(), unit: "分" };
    }
    case "persons": {
      const n = parseNumber(v);
      if (n?.scale !== 0) return null;
      return { value: n.toNumber(), unit: "人" };
    }
    case "count": {
      const n = parseNumber(v);
      if (n?.scale !== 0) return null;
      return { value: n.toNumber(), unit: "个" };
    }
    case "grade": {
      const g = normalizeGrade(v);
      return g ? { value: g, unit: "grade" } : null;
    }
    default:
      return { value: v, unit: kind };
  }
}

/** Runs one pattern rule over the folded text. */
export function runPattern(ctx: Context, rule: PatternRule, kind: ValueKind): Candidate[] {
  const out: Candidate[] = [];
  const text = ctx.folded.text;
  rule.re.lastIndex = 0;
  for (const m of text.matchAll(rule.re)) {
    const g = m.groups ?? {};
    const matchStart = m.index!;
    // template text ("上海市XX局2024年度无…") is not a statement about a real unit
    const sentenceStart = backTo(text, matchStart, SENTENCE_BREAK);
    const reject = (guard: string) => ctx.trace?.({ rule: rule.id, guard, start: matchStart, end: matchStart + m[0].length });
    if (PLACEHOLDER.test(text.slice(sentenceStart, forwardTo(text, matchStart + m[0].length, SENTENCE_BREAK)))) {
      reject("template placeholder (XX) in the sentence");
      continue;
    }
    if (rule.notAfter?.test(text.slice(matchStart + m[0].length, matchStart + m[0].length + 12))) {
      reject(`notAfter ${rule.notAfter.source}`);
      continue;
    }
    if (rule.zero) {
      if (rule.notInSection?.test(sectionPath(ctx, matchStart).join(" > "))) {
        reject(`notInSection ${rule.notInSection.source}`);
        continue;
      }
      out.push({
        value: 0,
        exact: "0",
        unit: kind === "money" ? "元" : kind,
        confidence: rule.confidence,
        rule: rule.id,
        start: matchStart,
        end: matchStart + m[0].length,
      });
      continue;
    }
    if (g.v === undefined) continue;
    if (rule.labelHolds && g.label !== undefined && !rule.labelHolds(g.label)) {
      reject("the label does not hold the words its entry requires (must / mustNot)");
      continue;
    }
    const vStart = matchStart + m[0].lastIndexOf(g.v, m[0].length - (g.u?.length ?? 0) - (g.q?.length ?? 0));
    const valueEnd = matchStart + m[0].length - (g.q?.length ?? 0);
    const guards: Array<[boolean | undefined, () => boolean, string]> = [
      [
        !!rule.notInClause,
        () => rule.notInClause!.test(text.slice(backTo(text, matchStart, CLAUSE_BREAK), matchStart)),
        `notInClause ${rule.notInClause?.source}`,
      ],
      [
        !!rule.notInSentence,
        () => rule.notInSentence!.test(text.slice(sentenceStart, matchStart)),
        `notInSentence ${rule.notInSentence?.source}`,
      ],
      [
        !!rule.notInSection,
        () => rule.notInSection!.test(sectionPath(ctx, matchStart).join(" > ")),
        `notInSection ${rule.notInSection?.source}`,
      ],
      [
        rule.notInBudgetContext,
        () => inBudgetContext(text.slice(sentenceStart, matchStart)),
        "a budget figure (预算/控制数 since the last actual word)",
      ],
      [
        rule.notInBreakdown,
        () => inBreakdown(text.slice(sentenceStart, matchStart), rule.asideInParens),
        "in the breakdown of a total (其中, 含, an open parenthesis)",
      ],
    ];
    const failed = guards.find(([on, test]) => on && test());
    if (failed) {
      reject(failed[2]);
      continue;
    }
    const conv = convert(kind, g.v, g.u);
    if (!conv) {
      reject(`value ${JSON.stringify(g.v + (g.u ?? ""))} does not convert to ${kind}`);
      continue;
    }
    if (rule.nonNegative && typeof conv.value === "number" && conv.value < 0) {
      reject("a negative amount (a change, not this figure)");
      continue;
    }
    let confidence = rule.confidence;
    if (g.q) confidence *= rule.qualifiedFactor ?? 0.5;
    out.push({
      ...conv,
      qualifier: g.q || undefined,
      confidence,
      rule: rule.id,
      start: vStart,
      end: valueEnd,
      numberText: g.v,
      writtenUnit: g.u,
    });
  }
  return out;
}

// ---------------------------------------------------------------- selection

export interface Choice {
  winner: Candidate | null;
  flags: Flag[];
}

/**
 * Picks the best candidate. Candidates with the same value support each other. When the best two
 * values are equally supported, the field is left empty and flagged: a wrong number is worse than none.
 */
export function choose(field: string, cands: Candidate[]): Choice {
  if (cands.length === 0) return { winner: null, flags: [] };
  const groups = new Map<string, Candidate[]>();
  for (const c of cands) {
    const k = String(c.exact ?? c.value);
    const g = groups.get(k) ?? [];
    g.push(c);
    groups.set(k, g);
  }
  const ranked = [...groups.values()]
    .map((g) => ({ g, best: Math.max(...g.map((c) => c.confidence)), n: g.length }))
    .sort((a, b) => b.best - a.best || b.n - a.n || a.g[0].start - b.g[0].start);
  const top = ranked[0];
  const winner = top.g.reduce((a, b) => (b.confidence > a.confidence ? b : a));
  if (ranked.length > 1 && Math.abs(ranked[1].best - top.best) < 1e-9 && ranked[1].n === top.n) {
    return {
      winner: null,
      flags: [
        {
          code: "conflicting_candidates",
          fields: [field],
          message: `${field}: ${ranked.length} equally supported values (${ranked
            .slice(0, 4)
            .map((r) => JSON.stringify(r.g[0].value))
            .join(", ")}${ranked.length > 4 ? ", …" : ""}); left empty`,
          values: ranked.map((r) => r.g[0].value),
        },
      ],
    };
  }
  return { winner, flags: [] };
}

export function toFieldValue(ctx: Context, c: Candidate): FieldValue {
  const { raw, ...evidence } = evidenceFor(ctx, c);
  // a name read from the text is output in the script it is written in (績效, not 绩效)
  const value =
    typeof c.value === "string" && ctx.folded.text.slice(c.start, c.end) === c.value ? asWritten(ctx.folded, c.start, c.end) : c.value;
  return {
    value,
    ...(c.exact !== undefined ? { exact: c.exact } : {}),
    raw,
    unit: c.unit,
    ...(c.qualifier ? { qualifier: c.qualifier } : {}),
    confidence: Math.round(c.confidence * 100) / 100,
    rule: c.rule,
    evidence,
  };
}
