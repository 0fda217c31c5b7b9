/**
 * Who wrote the report, for which year, on which date: rules that read labels (评价单位：…),
 * cover and signature lines, titles, and the body's own wording.
 */
import { parseDate, parseYear } from "../normalize/date.js";
import { resolveRegion } from "./region.js";
import type { Candidate, Context } from "./rules.js";
import { UNIT_SUFFIX } from "./unit-name.js";

/** A candidate from its parts. */
export function cand(value: string | number, unit: string, confidence: number, rule: string, start: number, end: number): Candidate {
  return { value, unit, confidence, rule, start, end };
}

/** A year, also when PDF extraction put a space inside it (20 23). */
const YEAR = "(?<v>(?:19|20) ?\\d ?\\d|[二][〇零][一二][〇零一二三四五六七八九])";

/** What a title names: a report on performance, a budget, final accounts, their explanation, a 自评表. */
const TITLE_KIND =
  /(?:自评|评价|绩效)[^\n]{0,12}报告|整体支出绩效|(?:部门|单位|区级|市级|县级|本级)(?:预算|决算)|(?:预算|决算)(?:公开|说明|情况说明|报告|编制说明)?$|自评表$|评价表$|自评情况总结$/;
/** A line of the year alone, in brackets or not: "（2021年度）", "( 20 21 年度 )". */
const YEAR_LINE = /^[(（]?\s*(?:19|20) ?\d ?\d\s*年度?\s*[)）]?$/;
/** Not the end of a range of years ("2021-2024年"): no year, dash or 至 right before. */
const NOT_IN_RANGE = "(?<!\\d)(?<![\\-—–~～至到]\\s*)";
/** Not the start of a range of years ("2021年-2024年"). */
const NOT_RANGE_START = "(?!度?\\s*[\\-—–~～至到]\\s*(?:19|20)\\d{2})";
/** Leaders of a table of contents: its entries are no titles. */
const LEADERS = /…{2,}|\.{4,}|·{4,}/;

/** fiscal_year: label, title, body phrases about the evaluated year, then the most-mentioned 年度. */
export function fiscalYearRule(ctx: Context): Candidate[] {
  const out: Candidate[] = [];
  const text = ctx.folded.text;
  const push = (m: RegExpMatchArray, conf: number, rule: string, base = 0) => {
    const y = parseYear(m.groups!.v);
    if (y === null) return;
    const s = base + m.index! + m[0].indexOf(m.groups!.v);
    out.push(cand(y, "year", conf, rule, s, s + m.groups!.v.length));
  };
  for (const m of text.matchAll(new RegExp(`(?:(?:评价年度|预算年度|所属年度|评价期间)\\s*[:：\\t]?|年度\\s*[:：\\t])\\s*${YEAR}`, "g")))
    push(m, 0.95, "fiscal_year.label");
  // the title of any kind of document (自评报告, 评价报告, 自评表, 预算, 决算, 决算说明 …), or a line of
  // the year alone under it ("（2021年度）"); a range of years (2021-2024年) is no fiscal year
  let title = -1;
  ctx.body.slice(0, 40).forEach((l, i) => {
    const t = l.text.trim();
    if (t.length > 60 || /[。;；]/.test(t) || LEADERS.test(t)) return;
    const isTitle = TITLE_KIND.test(t);
    if (isTitle && title < 0) title = i;
    // the year alone counts on the line under the document's title (the first; or at the top when the
    // title was page chrome), not under a table's caption
    if (isTitle || (YEAR_LINE.test(t) && (title >= 0 ? i === title + 1 : i <= 2))) {
      const m = new RegExp(`${NOT_IN_RANGE}${YEAR}\\s*年${NOT_RANGE_START}度?`).exec(l.text);
      if (m) push(m, 0.9, "fiscal_year.title", l.start);
    }
  });
  const body = new RegExp(
    `${YEAR}年度?(?:我镇|我乡|我单位|我部门|本单位|本部门|我局|我委|部门|单位)?(?:部门)?(?:整体支出|整体)?(?:绩效)?(?:自评|绩效评价|绩效目标)`,
    "g",
  );
  for (const m of text.matchAll(body)) push(m, 0.8, "fiscal_year.body");
  for (const m of text.matchAll(new RegExp(`对${YEAR}年度`, "g"))) push(m, 0.75, "fiscal_year.body");
  if (out.length === 0) {
    // most mentioned "YYYY年" that is not part of a date (a year-month is a date too: it does not vote)
    const counts = new Map<number, { n: number; s: number }>();
    for (const m of text.matchAll(new RegExp(`${NOT_IN_RANGE}${YEAR}\\s*年${NOT_RANGE_START}(?!\\s*\\d{1,2}\\s*月)`, "g"))) {
      const y = parseYear(m.groups!.v);
      if (y === null) continue;
      const c = counts.get(y) ?? { n: 0, s: m.index! };
      c.n++;
      counts.set(y, c);
    }
    const ranked = [...counts.entries()].sort((a, b) => b[1].n - a[1].n);
    if (ranked.length && (ranked.length === 1 || ranked[0][1].n >= 2 * ranked[1][1].n)) {
      const [y, c] = ranked[0];
      out.push(cand(y, "year", 0.6, "fiscal_year.most_mentioned", c.s, c.s + 4));
    }
  }
  return out;
}

export const DATE =
  "(?<v>(?:19|20)\\d{2}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*[日号]|(?:19|20)\\d{2}\\s*[.\\-/]\\s*\\d{1,2}\\s*[.\\-/]\\s*\\d{1,2}|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}[日号])";

/** report_date: a labelled date, or a line holding only a date on the cover or at the signature. */
export function reportDateRule(ctx: Context): Candidate[] {
  const out: Candidate[] = [];
  const text = ctx.folded.text;
  for (const m of text.matchAll(
    new RegExp(
      `(?:(?:填报日期|报告日期|报告时间|报告期|报送日期|评价日期|编制日期|成文日期|填表日期)\\s*[:：\\t]?|(?<!发布|更新|生成|打印|访问|发文|公开)日期\\s*[:：\\t])\\s*${DATE}`,
      "g",
    ),
  )) {
    const d = parseDate(m.groups!.v);
    if (!d) continue;
    const s = m.index! + m[0].indexOf(m.groups!.v);
    out.push(cand(d, "date", 0.95, "report_date.label", s, s + m.groups!.v.length));
  }
  const nonEmpty = ctx.body;
  const edge = [...nonEmpty.slice(0, 12), ...nonEmpty.slice(-6)];
  for (const l of edge) {
    const t = l.text.trim();
    const m = new RegExp(`^${DATE}$`).exec(t);
    if (!m) continue;
    const d = parseDate(m.groups!.v);
    if (!d) continue;
    const s = l.start + l.text.indexOf(t);
    out.push(cand(d, "date", 0.85, "report_date.date_line", s, s + t.length));
  }
  return out;
}

/**
 * document_kind: what sort of document this is, from its title lines first, then from which of
 * 自评 / 决算 / 预算 its text talks about most. Value: 自评报告, 决算, 预算 or 其他.
 */
/** The values of document_kind. */
export const DOCUMENT_KINDS = ["自评报告", "项目自评", "决算", "预算", "其他"] as const;

export function documentKindRule(ctx: Context): Candidate[] {
  const KINDS: Array<[string, RegExp]> = [
    ["其他", /通知$|通报$|公告$|意见$|办法$|方案$/],
    ["决算", /决算/],
    // a single project's report, not the unit's whole spending
    ["项目自评", /^(?!.*(?:部门整体|单位整体|整体支出)).*项目(?:支出)?(?:资金)?绩效(?:自评|评价)/],
    ["自评报告", /自评|绩效评价报告|绩效评价|整体支出绩效|绩效[^。]{0,8}评价报告/],
    ["预算", /预算(?:公开|说明|报告)?$|部门预算|单位预算|预算(?:总|明细|汇总)?表$/],
  ];
  const nonEmpty = ctx.body.slice(0, 12);
  for (const l of nonEmpty) {
    const t = l.text.trim();
    if (t.length > 60 || /[。;；]/.test(t) || /^(?:目录|附件\d*)$/.test(t)) continue;
    // a numbered heading inside the report ("(一)年初部门预算安排及支出情况") is not its title
    if (/^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.](?!\d))/.test(t)) continue;
    if (!/报告|决算|预算|自评|评价|通知|通报|公告/.test(t)) continue;
    for (const [kind, re] of KINDS)
      if (re.test(t)) return [cand(kind, "text", 0.9, "document_kind.title", l.start, l.start + l.text.length)];
  }
  const text = ctx.folded.text;
  const count = (re: RegExp) => text.match(re)?.length ?? 0;
  const self = count(/自评|绩效评价|整体支出|绩效目标|绩效指标/g);
  const accounts = count(/(?<!预)决算/g);
  if (self >= 3 && self > accounts) return [cand("自评报告", "text", 0.7, "document_kind.terms", 0, 0)];
  if (accounts >= 5 && accounts > self) return [cand("决算", "text", 0.7, "document_kind.terms", 0, 0)];
  return [cand("其他", "text", 0.5, "document_kind.default", 0, 0)];
}

/** Fields a document of each kind can carry (all, these, or all but these); the rest stay empty rather than be forced. */
export const KIND_FIELDS: { [kind: string]: Set<string> | "all" | { not: Set<string> } } = {
  自评报告: "all",
  决算: "all",
  // a budget is a plan: what it says of scores, grades, satisfaction or execution is a target
  预算: { not: new Set(["self_score", "grade", "satisfaction", "deductions", "execution_rate", "carryover_rate"]) },
  项目自评: new Set([
    "document_kind",
    "unit_name",
    "unit_kind",
    "province",
    "city",
    "county",
    "township",
    "region_code",
    "fiscal_year",
    "report_date",
    "doc_number",
    "publisher",
    "published_date",
  ]),
  其他: new Set(["document_kind", "publisher", "published_date"]),
};

/** unit_kind from the unit's name: township (镇/乡), sub_district (街道), department (局, 委, 中心 …) or other. */
export function unitKindRule(ctx: Context): Candidate[] {
  const unit = ctx.chosen("unit_name");
  if (!unit) return [];
  const name = String(unit.value);
  const kind = /(?:镇|乡)(?:人民政府|党委)?$/.test(name)
    ? "township"
    : /街道(?:办事处)?$|街道党工委$/.test(name)
      ? "sub_district"
      : new RegExp(`(?:${UNIT_SUFFIX})$`).test(name)
        ? "department"
        : "other";
  // the evidence is the unit's name where it was read from
  return [cand(kind, "text", 0.85, "unit_kind.from_name", unit.start, unit.end)];
}

/** doc_number: the report's own document number (吉政函字〔2025〕31号) on a line of its own near the top. */
export function docNumberRule(ctx: Context): Candidate[] {
  const out: Candidate[] = [];
  for (const l of ctx.body.slice(0, 12)) {
    const t = l.text.trim();
    const m = /^([\u4e00-\u9fa5]{1,10}[〔[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*第?\d{1,5}\s*号)$/.exec(t);
    if (m) {
      const s = l.start + l.text.indexOf(t);
      out.push(cand(m[1].replace(/\s+/g, ""), "text", 0.9, "doc_number.line", s, s + t.length));
    }
  }
  return out.slice(0, 1);
}

/** province / city / county / township / region_code, from the unit's name (see region.ts). */
export function regionRule(part: "province" | "city" | "county" | "township" | "code") {
  return (ctx: Context): Candidate[] => {
    const unit = ctx.chosen("unit_name");
    if (!unit) return [];
    const v = resolveRegion(String(unit.value))[part];
    if (!v) return [];
    // the evidence is the unit's name where it was read from, not its first mention (a heading, say)
    return [cand(v, "text", 0.8, `region.${part}`, unit.start, unit.end)];
  };
}

/** publisher: the page's 发布机构 (else its 来源), from the chrome. */
export function publisherRule(ctx: Context): Candidate[] {
  const p = ctx.chrome.publisher;
  return p ? [cand(p.value, "text", 0.9, "publisher.chrome", p.start, p.end)] : [];
}

/** published_date: the page's 发布时间 / 发布日期, from the chrome. */
export function publishedDateRule(ctx: Context): Candidate[] {
  const p = ctx.chrome.published;
  return p ? [cand(p.value, "date", 0.9, "published_date.chrome", p.start, p.end)] : [];
}

/** Whether a document of `kind` carries `field` (KIND_FIELDS). */
export function kindCarries(kind: string, field: string): boolean {
  const k = KIND_FIELDS[kind] ?? "all";
  return k === "all" ? true : k instanceof Set ? k.has(field) : !k.not.has(field);
}
