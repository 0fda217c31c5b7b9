/**
 * The standard tables of 部门预算 and 部门决算 disclosures, as data: what their titles say, and the
 * words their headers and rows use. A newcomer adds a table kind or a title word here, not in the
 * engine (budget-tables.ts).
 *
 * A title is read as a small grammar, not matched whole:
 *
 *   title  = [numbering] [公开NN表[:：]] [year 年(度)] [unit | 部门 | 单位 | 预算单位] body [stage] 表 [(科目)] [公开NN表]
 *   body   = [fund] subject [classification]      fund: 一般公共预算 | 政府性基金 | 国有资本经营 | 财政拨款
 *
 * so that `2026年部门支出预算总表`, `公开03表:支出预算总表`, `支出决算表` and
 * `四、2018年度江苏省高级人民法院财政拨款收支预算总表` are each one kind. A kind is the first entry
 * whose words all occur in the title (each `has` item: any of its alternatives) and none of whose
 * `not` words do — the entries run from the most specific to the most general.
 */

export interface TableKind {
  /** the stable id stored and exported (`table_kind`) */
  id: string;
  /** what the table is called, for people */
  name: string;
  /** every item must occur in the title: one of its alternatives */
  has: string[][];
  /** none of these may occur in the title */
  not?: string[];
  /** a form (labels beside values, narrative targets), not lines under a header: kept, read for no lines */
  form?: true;
}

export const TABLE_KINDS: readonly TableKind[] = [
  { id: "sangong", name: "“三公”经费表", has: [["三公"]] },
  { id: "operating", name: "机关运行经费表", has: [["机关运行经费"]] },
  { id: "procurement", name: "政府采购表", has: [["政府采购"]] },
  { id: "performance", name: "绩效目标表", has: [["绩效目标", "绩效自评", "绩效评价"]], form: true },
  { id: "fiscal_summary", name: "财政拨款收支总表", has: [["财政拨款"], ["收支", "收入支出"], ["总表"]] },
  { id: "summary", name: "收支总表", has: [["收支", "收入支出"], ["总表"]] },
  { id: "fund", name: "政府性基金预算支出表", has: [["政府性基金"]] },
  { id: "capital", name: "国有资本经营预算支出表", has: [["国有资本经营"]] },
  { id: "basic_economic", name: "基本支出表（经济分类）", has: [["基本支出"]] },
  { id: "project", name: "项目支出表", has: [["项目支出"]] },
  { id: "general_function", name: "一般公共预算支出表（功能分类）", has: [["一般公共预算"], ["支出"]] },
  { id: "fiscal_function", name: "财政拨款支出表（功能分类）", has: [["财政拨款"], ["支出"]] },
  { id: "income", name: "收入总表", has: [["收入"]], not: ["支出"] },
  { id: "expenditure", name: "支出总表", has: [["支出"]], not: ["收入"] },
];

/** What a title must say to be a table's title at all (before its kind is known). */
export const TITLE_WORDS = ["预算", "决算", "收支", "收入", "支出", "经费", "三公"];

/** Lines that mention a table without being its title (notes under or above it). */
export const NOT_TITLE_START = ["注", "说明", "此表", "本表", "备注", "附件", "附注"];

/** The stage a title names: 决算 wins where both occur (一般公共预算支出决算表). */
export const STAGES = [
  { stage: "决算", words: ["决算"] },
  { stage: "预算", words: ["预算"] },
] as const;

/** Header words of the columns that hold a line's classification code, whole or in parts. */
export const CODE_HEADERS = [
  "科目编码",
  "科目代码",
  "功能科目编码",
  "功能科目代码",
  "经济科目编码",
  "经济科目代码",
  "功能分类科目编码",
  "编码",
  "代码",
];
/** The code's parts in their own columns: 类 (3 digits), 款 (2), 项 (2). */
export const CODE_PART_HEADERS = ["类", "款", "项"] as const;

/** A row or column that is a total of the lines or columns beside it. */
export const TOTAL_WORDS = ["合计", "总计", "小计"];
/** A total of the whole table (the others are 小计, totals of a group). */
export const GRAND_TOTAL_WORDS = ["合计", "总计"];

/** The “三公” total and its parts: total = 因公出国（境）费 + 公务用车购置及运行（维护）费 + 公务接待费. */
export const SANGONG = {
  total: ["三公经费", "“三公”经费", "三公"],
  parts: [["因公出国", "出国(境)", "出国（境）"], ["公务用车购置及运行", "公务用车购置和运行", "公务用车"], ["公务接待"]],
  /** of the car part: purchase + running */
  car: { total: ["公务用车购置及运行", "公务用车购置和运行"], parts: [["购置"], ["运行"]] },
} as const;

/**
 * Fields a standard table holds, read from its lines where no better source gives them (and checked
 * against them where one does): the table kinds to look in, the stage of the table (or of the
 * column, 预算数 / 决算数), and which line and column hold the figure.
 *   line "合计"     the table's total line; `column` the column (default: the first amount column)
 *   sangong         the “三公” total (of a sangong check), `part` one of its parts by name
 */
export interface FieldLine {
  field: string;
  kinds: string[];
  stage?: "预算" | "决算";
  line?: "合计";
  column?: RegExp;
  sangong?: true;
  part?: string[];
}

export const FIELD_LINES: readonly FieldLine[] = [
  { field: "income_budget", kinds: ["income"], stage: "预算", line: "合计" },
  { field: "expenditure_budget", kinds: ["expenditure"], stage: "预算", line: "合计" },
  { field: "income_total", kinds: ["income"], stage: "决算", line: "合计" },
  { field: "expenditure_total", kinds: ["expenditure"], stage: "决算", line: "合计" },
  { field: "basic_expenditure", kinds: ["expenditure"], line: "合计", column: /基本支出$/ },
  { field: "project_expenditure", kinds: ["expenditure"], line: "合计", column: /项目支出$/ },
  { field: "sangong_budget", kinds: ["sangong"], stage: "预算", sangong: true },
  { field: "sangong_actual", kinds: ["sangong"], stage: "决算", sangong: true },
  { field: "reception_expense", kinds: ["sangong"], sangong: true, part: ["公务接待"] },
  { field: "vehicle_expense", kinds: ["sangong"], sangong: true, part: ["公务用车购置及运行", "公务用车购置和运行"] },
];

/**
 * The names of the 类 of the government classifications (支出功能分类 2xx, 部门预算支出经济分类 3xx), as
 * the yearly 政府收支分类科目 give them (older names beside newer ones). Used only to cut apart the
 * names of rows a PDF ran together (医疗费商品和服务支出办公费 = 医疗费 | 商品和服务支出 | 办公费) where
 * the document itself does not name the code elsewhere.
 */
export const CLASS_NAMES: Readonly<Record<string, readonly string[]>> = {
  "201": ["一般公共服务支出"],
  "202": ["外交支出"],
  "203": ["国防支出"],
  "204": ["公共安全支出"],
  "205": ["教育支出"],
  "206": ["科学技术支出"],
  "207": ["文化旅游体育与传媒支出", "文化体育与传媒支出"],
  "208": ["社会保障和就业支出"],
  "210": ["卫生健康支出", "医疗卫生与计划生育支出", "医疗卫生支出"],
  "211": ["节能环保支出"],
  "212": ["城乡社区支出"],
  "213": ["农林水支出"],
  "214": ["交通运输支出"],
  "215": ["资源勘探工业信息等支出", "资源勘探信息等支出"],
  "216": ["商业服务业等支出"],
  "217": ["金融支出"],
  "219": ["援助其他地区支出"],
  "220": ["自然资源海洋气象等支出", "国土海洋气象等支出"],
  "221": ["住房保障支出"],
  "222": ["粮油物资储备支出"],
  "224": ["灾害防治及应急管理支出"],
  "227": ["预备费"],
  "229": ["其他支出"],
  "230": ["转移性支出"],
  "231": ["债务还本支出"],
  "232": ["债务付息支出"],
  "233": ["债务发行费用支出"],
  "301": ["工资福利支出"],
  "302": ["商品和服务支出"],
  "303": ["对个人和家庭的补助"],
  "307": ["债务利息及费用支出"],
  "309": ["资本性支出（基本建设）", "资本性支出(基本建设)"],
  "310": ["资本性支出"],
  "311": ["对企业补助（基本建设）", "对企业补助(基本建设)"],
  "312": ["对企业补助"],
  "313": ["对社会保障基金补助"],
  "399": ["其他支出"],
};
