/**
 * unit_name: who the report is about, from every mention of it — template labels (单位名称：…),
 * cover and signature lines, the title, body sentences that start with it (X为…, X(以下简称Y)),
 * 设立X — grouped by alias (a short form inside a long one, an abbreviation: 县医保局 ↔
 * 县医疗保障局, a name cut by a line break), and output as the fullest well-formed name of the
 * best-supported group. Organisation names are recognised by structure: a body and an ending
 * (局 委 办 厅 院 馆 站 所 中心 会 联社 政府 街道办事处 …). Page chrome (the publisher) never
 * counts, and no name starts with a label.
 */
import { CHROME_LABELS } from "./chrome.js";
import { nextFormLabel, stripFormLabel } from "./lexicon.js";
import type { Candidate, Context } from "./rules.js";

const HAN = "\\u4e00-\\u9fa5";
/** Endings of organisation names, longest first where one contains another. */
export const UNIT_SUFFIX =
  "人民政府|街道办事处|办事处|镇政府|乡政府|人民代表大会常务委员会|常务委员会|管理委员会|委员会|管委会|联合会|联合社|总工会|妇联|团委|" +
  "人民法院|人民检察院|检察院|法院|办公厅|办公室|研究室|研究院|红十字会|党校|学校|小学|中学|医院|协会|集团|公司|" +
  "中心|政协|人大|科协|局|委|办|厅|院|所|站|馆|部|社|队|会|联|室|处|署|台|场|园";
const UNIT_BODY = `[${HAN}()（）]{2,30}?`;
export const UNIT_RE = `${UNIT_BODY}(?:${UNIT_SUFFIX})`;
const WHOLE_UNIT = new RegExp(`^(?:${UNIT_RE})(?:\\((?:本级|机关)\\))?$`);
const SUFFIX_AT_END = new RegExp(`(?:${UNIT_SUFFIX})$`);

/** Words that make a string a title or a sentence rather than a bare name. */
const NOT_A_NAME =
  /报告|情况|说明|通知|评价|绩效|自评|[，,。:：;；、]|\d|年度|^第[一二三四五六七八九十]+(?:部分|章|节)|^附件|^关于|[的了]|会议$|大会$|工作会$/;
/** How a sentence starts that is not a name: pronouns, verbs, prepositions. */
const NOT_START =
  /^(?:是|系|即|我|本|该|各|全|经|现将|根据|按照|依据|由|对|在|为|设立|其中|以及|关于|主要|负责|加强|认真|深入|进一步|组织|协助|指导|贯彻|落实|积极|完成|上级|下属|所属|内设|单位|部门|县直|市直|区直|省直|直属|二级|一级)/;
/** What may stand before a name to make a fuller form of it: a region, or 中共 / 中国共产党. */
const REGION_END = /(?:省|市|县|区|州|旗|盟|自治区|自治州|地区|自治县)$/;
const PARTY_PREFIX = /^(?:中共|中国共产党)/;

/** Page-chrome words that no name holds (a title line that kept 文号 浏览量 in front of it). */
const CHROME_WORD = new RegExp(CHROME_LABELS.filter((w) => w.length >= 3 || w === "文号").join("|"));

/** Brackets that close before they open, or stay open: "元)寻甸县…" is the tail of "(单位:万元)", no name. */
function bracketsBalance(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === "(" || c === "（") depth++;
    else if (c === ")" || c === "）") depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}

export function isUnitName(s: string): boolean {
  return (
    s.length >= 4 &&
    bracketsBalance(s) &&
    s.length <= 40 &&
    WHOLE_UNIT.test(s) &&
    !NOT_A_NAME.test(s) &&
    !NOT_START.test(s) &&
    stripFormLabel(s) === s &&
    !CHROME_WORD.test(s)
  );
}

interface Mention {
  name: string;
  confidence: number;
  rule: string;
  start: number;
  end: number;
}

/** The kind of ending, for matching abbreviations: 办 ~ 办公室, 委 ~ 委员会. */
function endType(name: string): string {
  const m = SUFFIX_AT_END.exec(name);
  const e = m ? m[0] : name.slice(-1);
  if (/^(?:办|办公室|办公厅)$/.test(e)) return "办";
  if (/^(?:委|委员会|常务委员会|管理委员会|管委会)$/.test(e)) return "委";
  if (/^(?:院|法院|人民法院|检察院|人民检察院)$/.test(e)) return "院";
  return e.slice(-1); // 研究室 ~ 室, 联合会 ~ 会
}

function isSubsequence(a: string, b: string): boolean {
  let j = 0;
  for (let i = 0; i < b.length && j < a.length; i++) if (b[i] === a[j]) j++;
  return j === a.length;
}

/** `short` names the same unit as `long`. */
export function isAlias(short: string, long: string): boolean {
  if (short === long) return true;
  if (short.length > long.length) return false;
  if (long.endsWith(short)) {
    const prefix = long.slice(0, -short.length);
    // a region or the Party before it, or one or two characters lost at a line break
    return REGION_END.test(prefix) || PARTY_PREFIX.test(prefix) || prefix.length <= 2;
  }
  // 县医保局 ↔ 县医疗保障局, 区人社局 ↔ 区人力资源和社会保障局, 政协开远市委员会 ↔ 中国人民政治协商会议开远市委员会
  return short.length >= 3 && endType(short) === endType(long) && isSubsequence(short, long) && short.length * 4 >= long.length;
}

const cut = (v: string) => {
  const k = nextFormLabel(v);
  return (k > 0 ? v.slice(0, k) : v).trim();
};

function gather(ctx: Context): Mention[] {
  const text = ctx.folded.text;
  const out: Mention[] = [];
  const add = (name: string, confidence: number, rule: string, start: number) => {
    const n = name.replace(/\((?:公章|盖章)\)$/, "");
    if (isUnitName(n) && !ctx.inChrome(start)) out.push({ name: n, confidence, rule, start, end: start + n.length });
  };
  // 1. template labels; the value ends at the next label of the template (部门名称:X 评价单位:Y)
  const label =
    /(?:评价单位|单位名称|部门名称|部门\(单位\)名称|部门\/单位名称|部门\(单位\)(?=\s*[:：(（])|预算单位名称|填报单位|报送单位|编报单位|被评价单位|项目单位|项目实施单位|(?<![\u4e00-\u9fa5])(?:单位|部门)(?=\((?:公章|盖章)\)|\s*[:：]))(?:\((?:公章|盖章)\))?\s*[:：\t]?\s*(?<v>[^\n\t:：,，。;；|]{4,60})/g;
  for (const m of text.matchAll(label)) {
    const v = cut(m.groups!.v);
    add(v, 0.95, "unit_name.label", m.index! + m[0].indexOf(m.groups!.v));
  }
  // …and the project name of a unit's whole spending: "项目名称: 某县科学技术协会整体监控"
  for (const m of text.matchAll(new RegExp(`项目名称\\s*[:：\\t|]?\\s*(?<v>${UNIT_RE})(?:\\(本级\\))?(?:部门|单位)?整体`, "g")))
    add(m.groups!.v, 0.9, "unit_name.project_name", m.index! + m[0].indexOf(m.groups!.v));
  // 2. a line that is only a name, on the cover or at the signature
  const edge = [...ctx.body.slice(0, 12).map((l) => [l, "cover"] as const), ...ctx.body.slice(-10).map((l) => [l, "signature"] as const)];
  for (const [l, where] of edge) {
    const t = l.text.trim();
    add(t, 0.85, `unit_name.${where}_line`, l.start + l.text.indexOf(t));
  }
  // 3. the title, also when it runs over two lines ("保山市信访局2021年" / "部门整体支出绩效自评报告")
  const title = new RegExp(
    `^(?:关于|\\d{1,2}[、.]|《)?(?:(?:19|20)\\d{2}年度?)?(?<v>${UNIT_RE})(?:\\((?:本级|机关)\\))?(?:(?:19|20)\\d{2}年度?|关于|部门|单位|整体|预算|绩效|财政)[^\\n]*?(?:报告|自评|评价|决算|预算|公开)`,
  );
  const head = ctx.body.slice(0, 15);
  head.forEach((l, i) => {
    // two lines joined only where the second is no title by itself ("基层政务公开" is no part of the title under it)
    const next = i + 1 < head.length ? head[i + 1].text : "";
    for (const t of [l.text, next && !title.test(next.trim()) ? l.text + next : ""]) {
      const m = t ? title.exec(t.trim()) : null;
      if (!m) continue;
      add(m.groups!.v, 0.8, "unit_name.title", l.start + l.text.indexOf(m.groups!.v));
      break;
    }
  });
  // 4. body phrases about the evaluated spending: "2024年度<unit>整体支出", "对<unit>2024年度…"
  const body = new RegExp(
    `(?:\\d{4}年度?|现将|对|第[一二三四五六七八九十]部分\\s*)(?<v>${UNIT_RE})(?:部门|单位)?(?:整体支出|部门整体|预算执行|绩效|概况|\\d{4}年度?(?:部门|单位)?(?:决算|预算|整体))`,
    "g",
  );
  for (const m of text.matchAll(body)) add(m.groups!.v, 0.7, "unit_name.body", m.index! + m[0].indexOf(m.groups!.v));
  // 5. a sentence that starts with the unit: "X(以下简称Y)", "X为…", "X成立于…", "2021年,X基本支出…"
  const subject = new RegExp(
    `(?:^|[。;；\\n])\\s*(?:[(（][一二三四五六七八九十\\d]{1,3}[)）]|\\d{1,2}[.、])?\\s*(?:\\d{4}年度?[,，])?(?<v>${UNIT_RE})(?=[(（](?:以下简称|简称)|[,，]?(?:以下简称|简称)|[,，]?作为|[,，]?(?:为|是)(?!我)|在[${HAN}]{1,8}(?:领导|指导)|成立|始建|属于?|位于|内设|下设|核定|共有|现有|组织对|主要职[责能]|较好|于(?:19|20)\\d{2}|基本支出|[,，]?(?:全年|本年))`,
    "gm",
  );
  for (const m of text.matchAll(subject)) add(m.groups!.v, 0.7, "unit_name.subject", m.index! + m[0].lastIndexOf(m.groups!.v));
  // …or a clause that defines it: "…要求,X组织对…", "…通知,X是市政府工作部门,为正处级"
  const clause = new RegExp(
    `[,，](?<v>${UNIT_RE})(?=组织对|(?:是|为)[^,，。;；]{0,20}?(?:工作部门|职能部门|单位|机构|正[处科厅]级|副[处科厅]级)|[(（](?:以下简称|简称))`,
    "g",
  );
  for (const m of text.matchAll(clause)) add(m.groups!.v, 0.65, "unit_name.clause_subject", m.index! + 1);
  // 6. "设立X,为…": the founding act names the unit
  for (const m of text.matchAll(new RegExp(`设立(?<v>${UNIT_RE})[,，]`, "g"))) add(m.groups!.v, 0.65, "unit_name.founded", m.index! + 2);
  return out;
}

/** "织篢镇党委", "吉岷镇人民政府": a township's own name has no 县/区/市, 政府 or conjunctions in it. */
const TOWNSHIP = /((?:(?![县区市政府和与及的、，,])[\u4e00-\u9fa5]){1,5}?(?:镇|乡|街道))(?:人民政府|办事处|党委)/;

export function unitNameRule(ctx: Context): Candidate[] {
  const mentions = gather(ctx);
  // a township named in its title without its government: "桃江县桃花江镇2023年度整体支出绩效自评报告"
  for (const l of ctx.body.slice(0, 15)) {
    const t = l.text.trim();
    const tw = new RegExp(`^(?:关于)?(?<v>[${HAN}]{2,20}?(?:镇|乡|街道))(?:\\d{4}年度?|部门|整体)[^\\n]*(?:报告|自评|评价)`).exec(t);
    if (tw && !NOT_A_NAME.test(tw.groups!.v)) {
      const v = tw.groups!.v;
      const s = l.start + l.text.indexOf(v);
      mentions.push({
        // (a name that already holds its government, "某县人民政府某镇", is taken as written)
        name: /政府/.test(v) ? v : `${v}${v.endsWith("街道") ? "办事处" : "人民政府"}`,
        confidence: 0.75,
        rule: "unit_name.title_township",
        start: s,
        end: s + v.length,
      });
    }
  }
  if (mentions.length === 0) {
    // only a township named in passing ("织篢镇党委、政府下设…"): its government, with the county seen before it
    const text = ctx.folded.text;
    const m = TOWNSHIP.exec(text);
    if (!m || ctx.inChrome(m.index)) return [];
    const town = m[1];
    const county = new RegExp(`([${HAN}]{1,8}?(?:县|市|区|旗))${town}`).exec(text);
    const name = `${county ? county[1] : ""}${town}${town.endsWith("街道") ? "办事处" : "人民政府"}`;
    return [{ value: name, unit: "text", confidence: 0.5, rule: "unit_name.township_mention", start: m.index, end: m.index + town.length }];
  }
  return groupMentions(mentions, ctx.chrome.publisher?.value ?? null);
}

/**
 * Mentions grouped by alias; one candidate a group: its fullest name, its best rule, its support. The
 * page's publisher never makes a group, but where the group's name is the publisher's cut short at its
 * start (at a cell's edge: 陵区林业局 ↔ 零陵区林业局) it gives the whole name.
 */
function groupMentions(mentions: Mention[], publisher: string | null): Candidate[] {
  const groups: Mention[][] = [];
  for (const m of mentions.sort((a, b) => b.name.length - a.name.length)) {
    const g = groups.find((gr) => gr.some((o) => isAlias(m.name, o.name)));
    if (g) g.push(m);
    else groups.push([m]);
  }
  return groups.map((g) => {
    const best = g.reduce((a, b) => (b.confidence > a.confidence ? b : a));
    // the fullest name: the longest, written in a label, title, cover line or sentence
    const full = g.reduce((a, b) =>
      b.name.length > a.name.length || (b.name.length === a.name.length && b.confidence > a.confidence) ? b : a,
    );
    const distinct = new Set(g.map((m) => `${m.rule}@${m.start}`)).size;
    const confidence = Math.min(0.99, best.confidence + 0.03 * Math.min(3, distinct - 1));
    // only a name cut short at its start (one or two characters lost), never a form the report did not use
    // (a name that starts with 市, 县 … is short for "this city's", not cut: 市公安局 ↔ 衡阳市公安局)
    const fuller =
      publisher?.endsWith(full.name) &&
      publisher.length - full.name.length <= 2 &&
      !/^[省市县区州旗盟]/.test(full.name) &&
      isUnitName(publisher)
        ? publisher
        : null;
    return {
      value: fuller ?? full.name,
      unit: "text",
      confidence,
      rule: fuller ? `${best.rule}+publisher_name` : full === best ? best.rule : `${best.rule}+full_name`,
      start: full.start,
      end: full.end,
    };
  });
}
