/**
 * What a report says beyond its identity, read from its narrative: the change of income and spending
 * on the previous year (yoyRule), and the text of its problems and measures sections (sectionTextRule).
 */
import { type MoneyUnit, toYuan, YUAN_UNITS } from "../normalize/money.js";
import { cellNumber, parseNumber } from "../normalize/number.js";
import { percentToRatio } from "../normalize/ratio.js";
import { unfoldRange } from "../normalize/text.js";
import { cand, DATE } from "./identity.js";
import type { Candidate, Context } from "./rules.js";
import { isUnitName } from "./unit-name.js";

const squashed = (s: string) => s.replace(/\s+/g, "");

/**
 * problems / measures: the text of the section headed 存在(的)问题 / 改进措施 (or a paragraph that
 * starts "存在问题："), null when it says 无.
 */
export function sectionTextRule(which: "problems" | "measures") {
  const head = which === "problems" ? /存在(?:的)?(?:主要)?问题|问题及原因/ : /改进措施|下一步(?:工作|改进|打算)|整改措施|改进建议/;
  const marker = "(?:[（(][一二三四五六七八九十\\d]{1,3}[）)]|\\d{1,2}[.、])?\\s*";
  const inline = new RegExp(
    `^${marker}${which === "problems" ? "存在(?:的)?(?:主要)?问题" : "(?:改进措施|下一步改进措施|整改措施|改进建议)"}[:：]`,
  );
  /** the section's words as written (clean text), without a trailing signature; null for 无 */
  const take = (ctx: Context, fs: number, fe: number, rule: string, conf: number): Candidate[] => {
    const [cs, ce] = unfoldRange(ctx.folded, fs, fe);
    const lines = ctx.clean.text
      .slice(cs, ce)
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    while (
      lines.length > 1 &&
      (isUnitName(squashed(lines[lines.length - 1])) || new RegExp(`^${DATE}$`).test(squashed(lines[lines.length - 1])))
    )
      lines.pop();
    const body = lines.join("\n").slice(0, 500);
    if (!body || /^(?:无|没有|暂无)[。.]?$/.test(body)) return [];
    return [cand(body, "text", conf, rule, fs, fe)];
  };
  return (ctx: Context): Candidate[] => {
    const text = ctx.folded.text;
    // an inline label: "存在问题：项目管理…"
    for (const l of ctx.lines) {
      const t = l.text.trim();
      const m = inline.exec(t);
      if (!m) continue;
      const s = l.start + l.text.indexOf(t) + m[0].length;
      return take(ctx, s, l.start + l.text.length, `${which}.inline`, 0.8);
    }
    const hs = ctx.sections.headings;
    for (let i = 0; i < hs.length; i++) {
      const h = hs[i];
      if (!head.test(h.key)) continue;
      // combined headings ("存在的问题及改进措施") are read by the inline labels or not at all
      if (which === "problems" && /措施|建议/.test(h.key)) continue;
      const lineEnd = text.indexOf("\n", h.start);
      const start = lineEnd < 0 ? text.length : lineEnd + 1;
      const next = hs.slice(i + 1).find((x) => x.level <= h.level);
      const end = next ? next.start : Math.min(text.length, start + 2000);
      if (end <= start) continue;
      return take(ctx, start, end, `${which}.section`, 0.75);
    }
    return [];
  };
}

/**
 * Year-on-year change of income or spending, signed: "支出…比上年减少129.31万元，下降6.2%" gives
 * −1293100 元 and −0.062. Only a change stated right after the figure it belongs to is read.
 */
export function yoyRule(what: "income" | "expenditure", part: "amount" | "rate") {
  const subject = what === "income" ? "收入" : "支出";
  const re = new RegExp(
    `${subject}(?:预算|总额|合计|总计)?(?:[^。;；,，]|(?<=\\d),(?=\\d)){0,24}?[,，]?\\s*(?:比|较)(?:上年|去年|上一年度?|(?:19|20)\\d{2}年度?)(?:同期)?(?<dir>增加|增长|减少|下降|减少了|增加了)(?<amt>\\d[\\d,]*(?:\\.\\d+)?)(?<u>${YUAN_UNITS})(?:[,，]\\s*(?<dir2>增长|下降|增加|减少)(?<pct>\\d+(?:\\.\\d+)?)%)?`,
    "g",
  );
  return (ctx: Context): Candidate[] => {
    const out: Candidate[] = [];
    for (const m of ctx.folded.text.matchAll(re)) {
      const g = m.groups!;
      // a 三公 or project sentence is not the unit's income or spending
      const before = ctx.folded.text.slice(Math.max(0, m.index! - 30), m.index!);
      if (/三公|经费|项目|接待|公务/.test(before.split(/[。;；\n]/).pop() ?? "")) continue;
      const neg = /减少|下降/.test(part === "rate" ? (g.dir2 ?? "") : g.dir);
      if (part === "amount") {
        const n = cellNumber(g.amt);
        if (!n) continue;
        const yuan = toYuan(n, g.u as MoneyUnit);
        const v = neg ? yuan.neg() : yuan;
        const s = m.index! + m[0].indexOf(g.dir);
        out.push({
          value: v.toNumber(),
          exact: v.toString(),
          unit: "元",
          confidence: 0.75,
          rule: `${what}_change.keyword`,
          start: s,
          end: s + g.dir.length + g.amt.length + g.u.length,
        });
      } else if (g.pct) {
        const r = percentToRatio(parseNumber(g.pct)!);
        const v = neg ? r.neg() : r;
        const s = m.index! + m[0].lastIndexOf(g.dir2!);
        out.push({
          value: v.toNumber(),
          exact: v.toString(),
          unit: "ratio",
          confidence: 0.75,
          rule: `${what}_change_rate.keyword`,
          start: s,
          end: s + g.dir2!.length + g.pct.length + 1,
        });
      }
    }
    return out;
  };
}
