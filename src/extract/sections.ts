/**
 * The section tree of a report, from its numbered headings:
 *   第一部分 / 一、 / （一） / 1. 1、 / （1） / ①   (half-width, full-width and spaced variants).
 *
 * A numbered line is a heading when it is short, or when it starts with a short title that ends in
 * 。 or ：(an inline heading: "（2）资金下达合规性。我部门…"); a long numbered sentence is a list item.
 * Word's auto-numbering often exports "二、" as "2、": a heading whose number continues an outer
 * heading's numbering (and not its own siblings') is moved up to that level.
 */

export interface Heading {
  /** 0 = 第一部分, 1 = 一、, 2 = （一）, 3 = 1., 4 = （1）, 5 = ① ; after repair, the effective level */
  level: number;
  /** marker style, e.g. "cn、", "(cn)", "num.", "(num)" */
  style: string;
  number: number | null;
  /** marker and title as written in the folded text, e.g. "四、部门整体支出绩效情况" */
  title: string;
  /** offset of the heading line in the text the tree was built from */
  start: number;
  /** heading titles from the outermost down to this one */
  path: string[];
  /** the title folded (half-width, simplified), as rules match it */
  key: string;
  /** the folded titles from the outermost down to this one */
  keyPath: string[];
}

export interface SectionTree {
  headings: Heading[];
  /** heading path of the section containing `offset` */
  pathAt(offset: number): string[];
  /** the same path folded, for rules that test what a section is about */
  keyPathAt(offset: number): string[];
}

const CN_DIGITS = "零一二三四五六七八九";
function cnToInt(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^([一二三四五六七八九]?)十([一二三四五六七八九]?)$/.exec(s);
  if (m) return (m[1] ? CN_DIGITS.indexOf(m[1]) : 1) * 10 + (m[2] ? CN_DIGITS.indexOf(m[2]) : 0);
  if (s.length === 1 && CN_DIGITS.includes(s)) return CN_DIGITS.indexOf(s);
  return null;
}

const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";

interface Marker {
  rank: number;
  style: string;
  number: number | null;
  rest: string;
  marker: string;
}

/** Recognises a heading marker at the start of a (folded) line. */
export function parseMarker(line: string): Marker | null {
  const s = line.replace(/^\s+/, "");
  let m = /^第([一二三四五六七八九十\d]+)(部分|章|篇)\s*/.exec(s);
  if (m) return { rank: 0, style: "part", number: cnToInt(m[1]), rest: s.slice(m[0].length), marker: m[0] };
  m = /^([一二三四五六七八九十]{1,3})\s*([、.,，])\s*/.exec(s);
  if (m) return { rank: 1, style: `cn${m[2] === "、" ? "、" : "."}`, number: cnToInt(m[1]), rest: s.slice(m[0].length), marker: m[0] };
  m = /^[(（]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*[、.]?\s*/.exec(s);
  if (m) return { rank: 2, style: "(cn)", number: cnToInt(m[1]), rest: s.slice(m[0].length), marker: m[0] };
  m = /^(\d{1,2})\s*(、|\.(?!\d)|．(?!\d))\s*/.exec(s);
  if (m) return { rank: 3, style: `num${m[2] === "、" ? "、" : "."}`, number: Number(m[1]), rest: s.slice(m[0].length), marker: m[0] };
  m = /^[(（]\s*(\d{1,2})\s*[)）]\s*[、.]?\s*/.exec(s);
  if (m) return { rank: 4, style: "(num)", number: Number(m[1]), rest: s.slice(m[0].length), marker: m[0] };
  if (s && CIRCLED.includes(s[0]))
    return { rank: 5, style: "circled", number: CIRCLED.indexOf(s[0]) + 1, rest: s.slice(1).trimStart(), marker: s[0] };
  return null;
}

const MAX_TITLE = 40;

/** Arabic numbering that Word exports in place of Chinese numbering: its level when it stands for the twin. */
const TWIN: { [style: string]: number } = { "num、": 1, "num.": 1, "(num)": 2 };

/** The heading title of a numbered line, or null when the line is a list item / sentence. */
export function headingTitle(rest: string): string | null {
  const t = rest.trim();
  if (!t || t.includes("\t")) return null;
  if (/^\d/.test(t) && /^\d+(?:\.\d+)?\s*(?:%|万|元|人|个)/.test(t)) return null; // "3.5%…": a number, not a heading
  if (t.length <= MAX_TITLE && !/[。；;]./.test(t)) return t.replace(/[。:：]$/, "");
  const m = /^([^。；;:：,，]{1,30})[。:：]/.exec(t);
  if (m) return m[1];
  return null;
}

/**
 * @param text folded text (see normalize/text.ts)
 * @param isHeadingLine level of a line the source marked as a heading (Word style, <h2>)
 * @param display the title as it should be shown, from a folded range (e.g. the clean text's)
 */
function findLastIndex<T>(xs: T[], pred: (x: T) => boolean): number {
  for (let i = xs.length - 1; i >= 0; i--) if (pred(xs[i])) return i;
  return -1;
}

export function buildSections(
  text: string,
  isHeadingLine?: (start: number) => number | undefined,
  display: (start: number, end: number) => string = (s, e) => text.slice(s, e),
): SectionTree {
  const headings: Array<Heading & { origStyle: string }> = [];
  /** per marker style, the number of the last numbered line that was a list item, not a heading */
  const listItem = new Map<string, number>();
  const stack: Array<Heading & { origStyle: string }> = [];
  let pos = 0;
  for (const line of text.split("\n")) {
    const start = pos;
    pos += line.length + 1;
    const marker = parseMarker(line);
    const styled = isHeadingLine?.(start);
    if (!marker) {
      if (styled !== undefined && line.trim() && line.trim().length <= MAX_TITLE) {
        // an un-numbered heading in a styled document (Word heading style, <h2>)
        const level = Math.max(1, Math.min(5, styled));
        while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
        const lead = line.length - line.trimStart().length;
        const h = {
          level,
          style: "styled",
          origStyle: "styled",
          number: null,
          title: display(start + lead, start + line.trimEnd().length).trim(),
          key: line.trim(),
          start,
          path: [] as string[],
          keyPath: [] as string[],
        };
        h.path = [...stack.map((x) => x.title), h.title];
        h.keyPath = [...stack.map((x) => x.key), h.key];
        stack.push(h);
        headings.push(h);
      }
      continue;
    }
    const n = marker.number;
    let title = headingTitle(marker.rest);
    // an item that continues a numbered list of sentences is one more list item, even when short
    if (title !== null && n !== null && n > 1 && listItem.get(marker.style) === n - 1) title = null;
    if (title === null) {
      if (n !== null) listItem.set(marker.style, n);
      continue;
    }
    listItem.delete(marker.style);
    let level = marker.rank;
    if (n !== null && n > 1 && !/[,，]/.test(title)) {
      // its own siblings: the last open heading of the same level
      const sibling = [...stack].reverse().find((h) => h.level === level);
      const continuesSibling = sibling && sibling.number === n - 1 && sibling.origStyle === marker.style;
      if (!continuesSibling) {
        // an earlier heading in the same style that was moved up (2、 after 一、), or the Chinese twin
        // of this style (一、 for 2、, （一） for （2）) numbered n - 1
        const twin = TWIN[marker.style];
        // a sibling numbered n - 1 earlier in the same twin-level section (list items may have closed it)
        const sectionStart = twin === undefined ? -1 : findLastIndex(headings, (h) => h.level <= twin);
        const earlierSibling = headings
          .slice(sectionStart + 1)
          .reverse()
          .find((h) => h.origStyle === marker.style && h.number === n - 1);
        const best = earlierSibling
          ? undefined
          : (stack.find((h) => h.level < level && h.number === n - 1 && h.origStyle === marker.style) ??
            stack.find((h) => h.level < level && h.number === n - 1 && twin !== undefined && h.level === twin));
        if (earlierSibling) level = earlierSibling.level;
        else if (best) level = best.level;
      }
    }
    while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
    const lead = line.length - line.trimStart().length;
    const shown = display(start + lead, start + lead + marker.marker.length + marker.rest.indexOf(title) + title.length).replace(
      /\s+/g,
      "",
    );
    const key = (marker.marker + title).replace(/\s+/g, "");
    const h = {
      level,
      style: marker.style,
      origStyle: marker.style,
      number: n,
      title: shown,
      key,
      start,
      path: [] as string[],
      keyPath: [] as string[],
    };
    h.path = [...stack.map((x) => x.title), h.title];
    h.keyPath = [...stack.map((x) => x.key), h.key];
    stack.push(h);
    headings.push(h);
  }
  const at = (offset: number) => {
    let lo = 0;
    let hi = headings.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (headings[mid].start <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 ? headings[found] : null;
  };
  return {
    headings,
    pathAt: (offset) => at(offset)?.path ?? [],
    keyPathAt: (offset) => at(offset)?.keyPath ?? [],
  };
}
