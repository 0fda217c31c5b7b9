/**
 * Page chrome: what government web pages, their mirrors and doc-sharing copies put around a report —
 * publication metadata (发布机构, 发布时间, 索引号, 信息分类 …), site banners (XX县人民政府门户网站),
 * breadcrumbs, doc-sharing boilerplate and spam headers. Recognised before extraction: it is never
 * the unit, the report date, the year or the document kind. Its useful part becomes two fields,
 * `publisher` (发布机构, else 来源) and `published_date`.
 */

/** Metadata labels that open a chrome line (and may repeat inside it). */
export const CHROME_LABELS = [
  "发布机构",
  "发布单位",
  "发文机关",
  "发布时间",
  "发布日期",
  "发文日期",
  "成文日期",
  "生效日期",
  "废止日期",
  "失效日期",
  "有效日期",
  "著录日期",
  "归档时间",
  "归档日期",
  "上传时间",
  "更新时间",
  "创建时间",
  "信息来源",
  "来源",
  "索引号",
  "发文字号",
  "文号",
  "信息分类",
  "主题分类",
  "体裁分类",
  "组配分类",
  "服务对象分类",
  "公开目录",
  "公开方式",
  "公开范围",
  "公开时限",
  "公开形式",
  "浏览量",
  "浏览次数",
  "访问量",
  "点击数",
  "点击量",
  "阅读次数",
  "阅读量",
  "作者",
  "字体",
  "字号",
  "责任编辑",
  "分享到",
  "打印本页",
  "关闭窗口",
  "当前位置",
  "您当前的位置",
  "您现在的位置",
  "您当前位置",
  "您的位置",
  "你的位置",
  "所在位置",
  "有效性",
  "时效性",
  "效力状态",
  "主题词",
  "关键词",
  "所属机构",
  "发文机构",
  "公开日期",
  "生成日期",
  "信息类别",
  "内容分类",
  "所属主题",
  "公开属性",
  "公开类别",
  "信息索取号",
  "统一编码",
  "审核人",
  "生效时间",
  "废止时间",
  "来源单位",
];

/** Bullets that sites put before a metadata item ("• 发布机构", "- 文号:"). */
const BULLET = "(?:[-•·●◆■▪*]\\s*)?";

const LABEL_ALT = CHROME_LABELS.slice()
  .sort((a, b) => b.length - a.length)
  .join("|");
/** "[ 主题分类 ]", "【字体:", "发布时间:" at the start of a line */
const LABEL_START = new RegExp(`^${BULLET}[\\[【(]?\\s*(?:${LABEL_ALT})\\s*(?:[\\]】)]|[:：]|\\s|$)`);
/** a label alone on its line ("• 发布机构", "[ 发布日期 ]", "时效性："): its value is on the next line */
const LABEL_ONLY = new RegExp(`^${BULLET}[\\[【(]?\\s*(?:${LABEL_ALT})\\s*[\\]】)]?\\s*[:：]?$`);
/** the longer labels also without a separator ("发布机构开远市教育体育局", "索引号kysjytyj/2025-00167") */
const LONG_LABEL_START = new RegExp(
  `^${BULLET}(?:${CHROME_LABELS.filter((w) => w.length >= 3)
    .sort((a, b) => b.length - a.length)
    .join("|")})`,
);
const LABEL_ANY = new RegExp(`(?:${LABEL_ALT})\\s*[\\]】]?\\s*[:：]`, "g");
/** site banners and furniture lines */
const BANNER =
  /(?:门户网站|政府网|人民政府网|信息公开网|网站)$|^(?:政府信息公开|信息公开|首页|网站地图|无障碍浏览|打开适老化模式|English)(?:\s|$)/;
/** doc-sharing sites' boilerplate */
const SHARING =
  /由会员分享|可在线阅读|请欣赏|希望(?:能够|对你|对您)?(?:帮助|有所帮助)|精选\d+篇|珍藏版|文档下载|免费下载|下载文档|上传时间|页珍藏|原创力文档|淘文阁|文库|您的位置|点击查看|侵权|举报|VIP/i;
/** a spam header: words joined by underscores, no sentence punctuation */
const SPAM = /^[^\s，。,;；:：]{2,}(?:_[^\s，。,;；:：_]{2,}){2,}$/;
/** breadcrumbs: short segments joined by > » › */
const CRUMBS = /^(?:[^>»›]{1,16}\s*[>»›]\s*){2,}[^>»›]{0,20}$/;
/** a short labelled date with a clock time ("日期:2025-09-26 12:24"): reports do not time their dates */
const STAMP = /^[\u4e00-\u9fa5]{0,6}\s*[:：]?\s*(?:19|20)\d{2}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}日?\s+\d{1,2}:\d{2}(?::\d{2})?$/;
/** "source: https://…", a bare address */
const URL_LINE = /^(?:source|url|来源网址|原文地址|网址)\s*[:：]\s*\S+$|^https?:\/\/\S+$/i;

export interface Chrome {
  /** indices (into the lines given) of chrome lines */
  lines: Set<number>;
  publisher: { value: string; start: number; end: number } | null;
  published: { value: string; start: number; end: number } | null;
}

const DATE_TIME = /((?:19|20)\d{2})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})/;
/** a label and its colon that end a line, their value gone to the next line */
const TRAILING_LABEL = new RegExp(`(${LABEL_ALT})\\s*[\\]】]?\\s*[:：]$`);
/** the labels of a publication date */
const DATE_LABEL = /(?:发布时间|发布日期|发文日期|成文日期|著录日期|上传时间|更新时间|公开日期|生成日期)/;
/** a publication date under its label */
const LABELLED_DATE = new RegExp(`${DATE_LABEL.source}\\s*[\\]】]?\\s*[:：]\\s*${DATE_TIME.source}`);
/** where a chrome value ends: the next item (a label and its colon, a bracketed label, a bullet, a wide gap) */
const NEXT_ITEM = new RegExp(
  `(?:${LABEL_ALT})\\s*[\\]】]?\\s*[:：]|[[【]\\s*(?:${LABEL_ALT})|(?:日期|时间)\\s*[:：]|\\s[-•·●◆■▪*](?:\\s|$)|\\s{2,}|\\t|\\|`,
);
const DATE_VALUE = new RegExp(`${DATE_LABEL.source}\\s*[\\]】]?\\s*[:：]?\\s*`);
/** A metadata value standing on its own line: short, no sentence, no title, no heading. */
const isItemValue = (t: string) => {
  const v = t.trim();
  return (
    v.length >= 1 &&
    v.length <= 40 &&
    !/[。；;，,]/.test(v) &&
    !/(?:报告|自评表|决算|预算|说明)$/.test(v) &&
    !/^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）])/.test(v)
  );
};

/** True when one line (folded) is page chrome. */
export function isChromeLine(text: string): boolean {
  const t = text.trim();
  if (!t) return false;
  if (URL_LINE.test(t) || SPAM.test(t) || STAMP.test(t) || (t.length <= 40 && BANNER.test(t)) || (t.length <= 80 && CRUMBS.test(t)))
    return true;
  if (t.length <= 160 && SHARING.test(t)) return true;
  if (t.length <= 160 && LABEL_START.test(t)) return true;
  if (t.length <= 60 && LONG_LABEL_START.test(t)) return true;
  // several metadata labels in one line ("发布时间:… 信息来源:… 作者:")
  if (t.length <= 200 && (t.match(LABEL_ANY)?.length ?? 0) >= 2) return true;
  // a publication date under its label anywhere in a short line ("某县人民政府门户网站 71584.cn 发布时间:2023-06-27 16:08")
  if (t.length <= 100 && LABELLED_DATE.test(t)) return true;
  // items "key: value" side by side, one key a metadata label (a page cut off the others' first
  // characters: "号: /202111-00004 信息分类: 项目绩效评价")
  const keys = [...t.matchAll(KEY)].map((m) => m[1]);
  return t.length <= 200 && keys.length >= 2 && keys.some((k) => LABEL_SET.has(k));
}

/** a key of a "key: value" item: a few Chinese characters before a colon, at the line's start or after other characters */
const KEY = /(?:^|[^\u4e00-\u9fa5])([\u4e00-\u9fa5]{1,6})\s*[:：]/g;
const LABEL_SET = new Set(CHROME_LABELS);

/** The value written after `label:` in a chrome line: up to the next label or the line end. */
function valueAfter(line: string, label: RegExp): { value: string; at: number } | null {
  const m = label.exec(line);
  if (!m) return null;
  const lead = /^[\s|:：\t]*/.exec(line.slice(m.index + m[0].length))![0].length;
  const from = m.index + m[0].length + lead;
  const rest = line.slice(from);
  const next = rest.search(NEXT_ITEM);
  // (a bullet or bracket of the next item left at its end is no part of it)
  const raw = (next < 0 ? rest : rest.slice(0, next)).replace(/[\s\-•·●◆■▪*[【]+$/, "").trim();
  if (!raw) return null;
  return { value: raw, at: from + rest.indexOf(raw) };
}

/**
 * Finds the chrome lines among `lines` (folded, with their folded start offsets) and reads the
 * publisher and the publication date from them.
 */
export function findChrome(lines: Array<{ start: number; text: string }>): Chrome {
  const out: Chrome = { lines: new Set(), publisher: null, published: null };
  let source: Chrome["publisher"] = null;
  const publisher = (value: string, start: number) => {
    if (!out.publisher && /[\u4e00-\u9fff]{3,}/.test(value) && value.length <= 40)
      out.publisher = { value, start, end: start + value.length };
  };
  const sourceOf = (value: string, start: number) => {
    if (!source && /^[\u4e00-\u9fff()（）]{3,40}$/.test(value)) source = { value, start, end: start + value.length };
  };
  const publishedOf = (value: string, start: number) => {
    const m = DATE_TIME.exec(value);
    if (out.published || !m || m.index !== 0) return;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31)
      out.published = { value: `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`, start, end: start + m[0].length };
  };
  lines.forEach((l, i) => {
    // a chrome line that ends with a label whose value a line break moved to the next line
    // ("索引号: 431102009/2023-03149 发文日期:" / "2023-06-20 发布机构: 零陵区财政局")
    const prevLine = lines[i - 1];
    const carried = prevLine && out.lines.has(i - 1) ? TRAILING_LABEL.exec(prevLine.text.trimEnd()) : null;
    if (carried) {
      const lead = l.text.length - l.text.trimStart().length;
      if (DATE_LABEL.test(carried[1])) publishedOf(l.text.trimStart(), l.start + lead);
    }
    if (!isChromeLine(l.text)) {
      // the value of a label standing alone on the line before ("• 发布机构" / "某县财政局")
      const prev = lines[i - 1];
      if (!prev || !out.lines.has(i - 1) || !LABEL_ONLY.test(prev.text.trim()) || !isItemValue(l.text)) return;
      out.lines.add(i);
      const value = l.text.trim();
      const at = l.start + l.text.indexOf(value);
      const label = prev.text;
      if (/发布机构|发布单位|发文机关/.test(label)) publisher(value, at);
      else if (/来源/.test(label)) sourceOf(value, at);
      else if (DATE_LABEL.test(label)) publishedOf(value, at);
      return;
    }
    out.lines.add(i);
    // a bullet before the item ("• 发布机构：…") is no part of it
    const lead = /^\s*[-•·●◆■▪*]\s*/.exec(l.text)?.[0].length ?? 0;
    const text = l.text.slice(lead);
    const base = l.start + lead;
    const pub = valueAfter(
      text,
      // (anywhere in a chrome line: "索引号 0152… 发布机构 昌宁县财政局" folds to one run of text)
      /[[【]?\s*(?:发布机构|发布单位|发文机关)\s*[\]】]?\s*[:：]?\s*/,
    );
    if (pub) publisher(pub.value, base + pub.at);
    const src = valueAfter(text, /(?:信息来源|来源)\s*[\]】]?\s*[:：]\s*/);
    // "来源:新开镇 2022-09-28 20:14": the source, without the date stamped after it
    if (src) sourceOf(src.value.replace(/\s*(?:19|20)\d{2}\s*[-./年].*$/, ""), base + src.at);
    const stamped = /^来源/.test(text.trim()) || STAMP.test(text.trim());
    const date =
      valueAfter(text, DATE_VALUE) ?? (stamped ? { value: text.slice(text.search(DATE_TIME)), at: text.search(DATE_TIME) } : null);
    if (date && date.at >= 0) publishedOf(date.value, base + date.at);
  });
  out.publisher ??= source;
  return out;
}
