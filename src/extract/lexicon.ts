/**
 * The field lexicon: how reports name a quantity, as data. Real labels are composed — 编制 appears
 * as 编制数, 人员编制, 核定编制, 在职人员编制数; a headcount as 实有人数, 在职实有, 年末实有在职人员,
 * 在编在岗 — so a label is described as modifiers + a head word + a suffix, and words that change
 * its meaning (行政 编制 is only a part; 退休 人员 are not staff) are listed beside it. `compile`
 * turns an entry into one regular expression, once.
 *
 * To teach jixiao a new way of writing a label, add the word to the right list here.
 */

export interface Lexicon {
  /** the words the label is about; the longest match is tried first */
  heads: string[];
  /** heads that are a label only with a modifier (or a year) before them: 收入 in 本年收入, 2023年收入 */
  bare?: string[];
  /** a year right before a bare head is modifier enough ("2023年支出") */
  afterYear?: boolean;
  /** a bare head that opens a numbered item before a colon is a label ("2、支出：799.12万元") */
  bareAsItem?: boolean;
  /** words that may stand before the head, in any order: 核定, 人员, 年末 */
  before?: string[];
  /** how many of them at most (default 2) */
  beforeTimes?: number;
  /** words that may follow the head, up to `afterTimes` of them (default 1): 数, 人数, 总数 */
  after?: string[];
  afterTimes?: number;
  /** words that must end the label (三公经费 … 预算数): without one it is another quantity */
  end?: string[];
  /** a label right after one of these is another quantity: 行政|编制 is a part of 编制 */
  notAfterWord?: string[];
  /** the clause before the label speaks of something else: 退休, 临聘, 项目 */
  notInClause?: string[];
  /** the label, however composed, holds one of these words (实有 or 在职 … makes a headcount) */
  must?: string[];
  /** … and none of these (编制 makes a headcount the establishment) */
  mustNot?: string[];
}

/** Terms that reports put in quotes in any mix (“三公”经费, "三公"经费): the quotes are optional. */
const QUOTED_TERMS = ["三公"];
const QUOTES = "[\"“”'‘’「」]*";

const escapeRegex = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Words as one alternation, literal, the longest first. */
export const literalAlt = (words: string[]) =>
  words
    .slice()
    .sort((a, b) => b.length - a.length)
    .map(escapeRegex)
    .join("|");
/** A word as a pattern; a quoted term may carry its quotes around it or around the whole word (“三公经费”). */
const word = (w: string) => {
  const quoted = QUOTED_TERMS.filter((t) => w.includes(t));
  const re = quoted.reduce((r, t) => r.split(t).join(`${QUOTES}${t}${QUOTES}`), escapeRegex(w));
  return quoted.length ? `${re}${QUOTES}` : re;
};
const alt = (words: string[]) =>
  words
    .slice()
    .sort((a, b) => b.length - a.length)
    .map(word)
    .join("|");

export interface CompiledLabel {
  /** the label, unanchored (for sentences); no capture groups */
  source: string;
  /** the whole string is the label (for table cells and form lines), `must` and `mustNot` included */
  whole: { test(s: string): boolean };
  notInClause: RegExp | null;
  /** what a label matched by `source` must hold and must not (tested on the matched label), or null */
  holds: ((label: string) => boolean) | null;
}

/** The first characters of words as a character-class body (a quoted term's quotes among them). */
export function firstChars(words: string[]): string {
  const chars = new Set<string>();
  for (const w of words) {
    chars.add(w[0]);
    if (QUOTED_TERMS.some((t) => w.startsWith(t))) for (const q of QUOTES.slice(1, -2)) chars.add(q);
  }
  return [...chars].map((c) => c.replace(/[\]\\^-]/g, "\\$&")).join("");
}

/** One lexicon entry → its matchers. */
export function compile(lex: Lexicon): CompiledLabel {
  const mods = lex.before?.length ? `(?:${alt(lex.before)})` : "";
  const times = lex.beforeTimes ?? 2;
  const before = mods ? `${mods}{0,${times}}` : "";
  const after = lex.after?.length ? `(?:${alt(lex.after)}){0,${lex.afterTimes ?? 1}}` : "";
  const end = lex.end?.length ? `(?:${alt(lex.end)})` : "";
  const forms = [`${before}(?:${alt(lex.heads)})`];
  if (lex.bare?.length && mods) forms.push(`${mods}{1,${times}}(?:${alt(lex.bare)})`);
  if (lex.bare?.length && lex.afterYear) forms.push(`(?<=\\d{4}年度?)${before}(?:${alt(lex.bare)})`);
  if (lex.bare?.length && lex.bareAsItem)
    forms.push(`(?<=(?:^|\\n)[ \\t]*(?:\\d{1,2}[、.]|[(（][一二三四五六七八九十\\d]{1,2}[)）]))(?:${alt(lex.bare)})(?=\\s*[:：])`);
  const core = `(?:${forms.join("|")})${after}${end}`;
  // not after a word that changes the meaning, even with modifiers between (工勤|人员|编制)
  const guard = lex.notAfterWord?.length ? `(?<!(?:${alt(lex.notAfterWord)})${mods ? `${mods}*` : ""})` : "";
  const must = lex.must?.length ? new RegExp(alt(lex.must)) : null;
  const mustNot = lex.mustNot?.length ? new RegExp(alt(lex.mustNot)) : null;
  const holds = must || mustNot ? (label: string) => (!must || must.test(label)) && !mustNot?.test(label) : null;
  const whole = new RegExp(`^${core}$`);
  // the characters a label can start with, asserted first: a position that cannot start one fails at
  // once, before the guard looks behind it
  const first = firstChars([...lex.heads, ...(lex.before ?? []), ...(lex.bare ?? [])]);
  return {
    source: `(?=[${first}])${guard}${core}`,
    whole: holds ? { test: (s: string) => whole.test(s) && holds(s) } : whole,
    notInClause: lex.notInClause?.length ? new RegExp(alt(lex.notInClause)) : null,
    holds,
  };
}

/** Parts of the staff establishment: when a report states only one of them, it is the total. */
export const STAFF_PARTS: Lexicon = {
  heads: [
    "行政编制",
    "事业编制",
    "工勤编制",
    "工勤人员编制",
    "事业人员编制",
    "行政政法专项编制",
    "政法专项编制",
    "参公编制",
    "参照公务员管理事业编制",
    "行政附属编制",
    "事业编",
    "行政编",
  ],
  before: ["机关", "核定", "共有", "现有", "全额拨款", "单位", "局机关"],
  after: ["数", "人数"],
};

/** Kinds of income and spending that are parts of the unit's total, written before 收入/支出 (and 年初/调整,
 * which make it budget_initial / budget_adjusted). */
const INCOME_PARTS = [
  "财政拨款",
  "一般公共预算",
  "一般公共",
  "公共财政",
  "政府性基金",
  "基金",
  "财政专户管理资金",
  "财政专户",
  "专户",
  "其他资金",
  "国有资本经营",
  "资本经营",
  "上年结转",
  "结转",
  "事业",
  "经营",
  "其他",
  "专项",
  "非税",
  "拨款",
  "补助",
  "附属单位",
  "上级",
  "年初",
  "调整",
  "调整后",
];
const SPENDING_PARTS = [
  "项目",
  "基本",
  "人员",
  "公用",
  "一般公共预算",
  "一般公共",
  "公共财政",
  "政府性基金",
  "基金",
  "资本经营",
  "国有资本经营",
  "财政拨款",
  "拨款",
  "三公",
  "经费",
  "其他",
  "机关运行",
  "会议费",
  "培训费",
  "政府采购",
  "采购",
  "功能分类",
  "经济分类",
  "年初",
  "调整",
  "调整后",
];

/** What makes a figure a part of spending rather than the total, in the clause before its label. */
const PART_CLAUSE = ["三公", "经费", "接待", "公务", "项目", "基本支出", "人员", "公用", "工资", "其中", "资本性", "商品和服务", "对个人"];
/** Other people's money: residents', villages', firms'. */
const NOT_THE_UNITS = ["人均", "居民", "农民", "村民", "群众", "集体", "企业", "营业", "脱贫", "村级"];
/** The suffixes of an amount's label: 支出决算数, 总额, 金额. */
const AMOUNT_AFTER = ["支出", "决算", "决算数", "总额", "合计", "金额", "用"];

/** Whose staff: the unit's own words before a count (机关, 全局, 本单位 …). */
const STAFF_WHOSE = ["机关", "单位", "部门", "全局", "局机关", "本单位", "本局", "本部门", "全单位", "机构编制部门", "机构"];
/** A subordinate unit's staff is not the unit's (下属国有林场现有干部职工163人). */
const SUBORDINATE = ["下属", "所属", "二级单位", "下设"];
/** Words that make a count people in post. */
const STAFF_IN_POST = ["实有", "在职", "在编", "在岗", "现有", "实际在职", "实际到位", "实际"];
/** The heads of a count of people. */
const STAFF_HEADS = ["人数", "人员", "干部职工", "职工", "工作人员", "行政人员", "事业人员", "干部", "人员总数"];

export const LEXICON = {
  self_score: {
    heads: [
      "自评得分",
      "自评分数",
      "自评分值",
      "自评评分",
      "自评总分",
      "自评总得分",
      "自评综合得分",
      "自评综合分数",
      "综合自评得分",
      "评价得分",
      "评价总得分",
      "整体评价得分",
      "综合评价得分",
      "总体评价得分",
      "整体评价总得分",
      "综合评价总得分",
      "总体评价总得分",
      "综合得分",
      "总得分",
      "评分结果",
      "自评结果得分",
      "自评结果:得分",
      "综合评分",
      "自评评分结果",
      "整体评分",
      "综合评价评分",
    ],
  },
  grade: {
    heads: ["等级", "自评结果", "评价结果", "自评结论", "评价结论"],
    before: ["评价", "自评", "绩效", "评定", "综合"],
  },
  income_total: {
    heads: ["总收入", "收入总额", "收入总计", "收入合计", "收入决算", "收入决算数"],
    bare: ["收入"],
    afterYear: true,
    bareAsItem: true,
    before: [
      "本部门",
      "本单位",
      "我部门",
      "我单位",
      "全年",
      "本年度",
      "本年",
      "当年",
      "部门",
      "单位",
      "本",
      "我",
      "总",
      "决算",
      "部门决算",
    ],
    after: ["合计", "总额", "总计"],
    notInClause: [...NOT_THE_UNITS, "税"],
  },
  expenditure_total: {
    heads: ["共支出", "总支出", "支出总额", "支出总计", "支出合计", "实际支出", "部门整体支出"],
    bare: ["支出", "支出决算", "支出决算数", "决算"],
    afterYear: true,
    bareAsItem: true,
    before: ["全年", "本年度", "本年", "本部门", "本单位", "部门", "单位", "完成", "实际", "决算", "部门决算"],
    after: ["数", "合计", "总额", "总计"],
    notAfterWord: ["收入"],
    notInClause: [...PART_CLAUSE, ...NOT_THE_UNITS],
  },
  budget_initial: {
    heads: ["年初预算"],
    after: ["数", "金额", "总额", "安排"],
    afterTimes: 2,
  },
  budget_adjusted: {
    heads: ["调整预算", "调整后预算", "全年预算", "预算调整后", "预算调整为", "变动后预算"],
    after: ["数", "金额", "总额"],
    // 年内调整预算 -101251.44万元, 追加调整预算: the change, not the adjusted budget
    notAfterWord: ["年内", "追加", "增加", "减少", "调减", "调增"],
  },
  basic_expenditure: { heads: ["基本支出"], after: ["决算", "决算数", "总额", "合计", "金额", "支出"], afterTimes: 2 },
  project_expenditure: { heads: ["项目支出"], after: ["决算", "决算数", "总额", "合计", "金额"], afterTimes: 2 },
  // the budget of 三公: its label holds a budget word before or after the term (预算安排三公经费,
  // 部门预算三公经费总支出, 三公经费财政拨款支出预算数)
  sangong_budget: {
    heads: ["三公经费"],
    before: ["预算安排", "部门预算", "年初预算", "预算", "安排", "年度", "全年"],
    after: ["财政拨款", "支出", "的", "年初", "全年", "总", "总额", "预算", "预算数", "预算控制数", "控制数", "预算安排", "安排", "数"],
    afterTimes: 4,
    must: ["预算", "控制数", "安排"],
  },
  sangong_actual: {
    heads: ["三公经费"],
    after: ["财政拨款", "全年", "本年", "共", "实际", "支出", "决算", "使用", "开支", "数", "总额", "合计", "金额", "总"],
    afterTimes: 6,
  },
  reception_expense: { heads: ["公务接待费"], after: AMOUNT_AFTER, afterTimes: 3 },
  vehicle_expense: {
    heads: [
      "公务用车购置及运行维护费",
      "公务用车购置和运行维护费",
      "公务用车购置及运行费",
      "公务用车运行维护费",
      "公务用车运行维修费",
      "公务用车运行费",
      "公务用车费",
    ],
    after: AMOUNT_AFTER,
    afterTimes: 3,
  },
  personnel_expense: { heads: ["人员经费"], after: AMOUNT_AFTER, afterTimes: 2 },
  public_expense: { heads: ["公用经费"], after: AMOUNT_AFTER, afterTimes: 2, notAfterWord: ["日常"] },
  daily_public_expense: { heads: ["日常公用经费"], after: AMOUNT_AFTER, afterTimes: 2 },
  overseas_travel_expense: { heads: ["因公出国(境)费"], after: AMOUNT_AFTER, afterTimes: 3 },
  wage_welfare_expense: { heads: ["工资福利支出"] },
  goods_services_expense: { heads: ["商品和服务支出"] },
  household_subsidy_expense: { heads: ["对个人和家庭的补助", "对个人和家庭补助"], after: ["支出"] },
  capital_expense: { heads: ["资本性支出"] },
  general_budget_income: { heads: ["一般公共预算拨款收入", "一般公共预算财政拨款收入"] },
  gov_fund_income: { heads: ["政府性基金预算收入", "政府性基金预算拨款收入", "政府性基金预算财政拨款收入"] },
  gov_fund_expenditure: { heads: ["政府性基金预算支出", "政府性基金预算拨款支出", "政府性基金预算财政拨款支出"] },
  satisfaction: { heads: ["满意度", "满意率"], after: ["均"] },
  carryover_rate: { heads: ["结转结余率", "结余结转率"] },
  execution_rate: { heads: ["预算执行率", "支出预算执行率", "整体支出执行率", "整体支出完成率"], before: ["部门整体", "整体", "部门"] },
  deductions: { heads: ["扣", "扣除", "扣分", "扣除分"], before: ["共", "合计", "累计"] },
  income_budget: {
    heads: ["收入预算", "预算收入"],
    before: ["本年", "本年度", "部门", "本部门", "本单位", "全年", "年度", "单位", "当年"],
    after: ["总计", "合计", "总额", "数"],
    notAfterWord: INCOME_PARTS,
    notInClause: ["人均", "居民", "农民", "村民", "集体", "企业", "税"],
  },
  expenditure_budget: {
    heads: ["支出预算", "预算支出"],
    before: ["本年", "本年度", "部门", "本部门", "本单位", "全年", "年度", "单位", "当年"],
    after: ["总计", "合计", "总额", "数"],
    notAfterWord: SPENDING_PARTS,
    notInClause: ["三公", "经费", "接待", "公务", "项目", "基本支出", "人员", "公用", "工资", "其中", "资本性", "商品和服务", "对个人"],
  },
  // the establishment: 编制 with whatever qualifies it (核定人员编制, 行政事业总编制, 实有人员编制), or a count
  // that 核定 qualifies (核定人数, 核定编制在职人员, 核定在职全额编制数)
  staff_authorized: {
    heads: ["编制", "编制数", "编制人数", "编制总数", "编制总人数", "人数", "人员", "数"],
    before: [...STAFF_WHOSE, "核定", "编制", "人员", "在职人员", "在编人员", "在职", "全额", "总", "行政事业", "财政", "实有", "现有"],
    beforeTimes: 4,
    after: ["数", "人数", "总数", "共计", "合计"],
    must: ["编制", "核定"],
    // 行政编制, 事业编制 … are parts; 超编, 空编 are differences
    notAfterWord: ["行政", "事业", "工勤", "参公", "专项", "附属", "政法", "差额", "超", "空", "缺", "编", "离退休", "退休", "借调"],
    notInClause: ["退休", "借调", "临聘", "项目", ...SUBORDINATE],
  },
  // the headcount: qualifiers in any order and number (年末 实有 在职 在编 …) around a head (人数, 人员,
  // 干部职工, 行政人员 …), or the qualifiers alone (在职26人, 实有50人); one of them says it is people in
  // post, and no 编制 or 核定 makes it the establishment
  staff_actual: {
    heads: [...STAFF_HEADS, ...STAFF_IN_POST],
    before: [...STAFF_WHOSE, ...STAFF_IN_POST, "年末", "年底", "末", "本年", "全年", "现", "全部", "全体", "共有", "共", "总"],
    beforeTimes: 5,
    after: ["数", "总数", "共计", "合计"],
    must: STAFF_IN_POST,
    mustNot: ["编制", "核定", "退休", "离休"],
    notAfterWord: ["退休", "离退休", "离休", "临聘", "借调", "编外", "其中", "劳务派遣", "编制", "核定"],
    notInClause: ["退休", "离休", "临聘", "借调", "劳务派遣", "编外", "车辆", ...SUBORDINATE],
  },
} satisfies { [field: string]: Lexicon };

/**
 * The labels of report templates' cover and form lines. A value written after one of them ends
 * where the next begins (`部门名称:某局 评价单位:某局` → 某局), and no name starts with one.
 */
export const FORM_LABELS = [
  "部门(单位)名称",
  "部门/单位名称",
  "部门名称",
  "单位名称",
  "预算单位名称",
  "项目单位",
  "项目实施单位",
  "委托单位",
  "委托方",
  "评价单位",
  "被评价单位",
  "填报单位",
  "报送单位",
  "编报单位",
  "单位(盖章)",
  "单位(公章)",
  "主管部门",
  "预算编码",
  "预算代码",
  "单位编码",
  "评价方式",
  "评价机构",
  "评价类型",
  "评价年度",
  "所属年度",
  "预算年度",
  "报告日期",
  "报告时间",
  "填报日期",
  "填表日期",
  "报送日期",
  "评价日期",
  "编制日期",
  "制定日期",
  "联系人",
  "联系电话",
  "联络电话",
  "单位负责人",
  "财务负责人",
  "填表人",
  "经办人",
  "人员编制",
  "实有人数",
  "项目名称",
  "统一社会信用代码",
  "单位地址",
];

const FORM_ALT = alt(FORM_LABELS);
/** The first form label in `s` at or after `from`, or -1. */
export function nextFormLabel(s: string, from = 0): number {
  const re = new RegExp(FORM_ALT, "g");
  re.lastIndex = from;
  const m = re.exec(s);
  return m ? m.index : -1;
}
/** `s` with leading form labels (and their (盖章) and colons) removed. */
export function stripFormLabel(s: string): string {
  const re = new RegExp(`^(?:${FORM_ALT})(?:\\((?:盖章|公章)\\))?\\s*[:：]?\\s*`);
  let out = s;
  for (let k = 0; k < 3 && re.test(out); k++) out = out.replace(re, "");
  return out;
}
