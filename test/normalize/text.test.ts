import { describe, expect, it } from "vitest";
import { parseDate, parseYear } from "../../src/normalize/date.js";
import { gradeForScore, normalizeGrade } from "../../src/normalize/grade.js";
import { asWritten, fold, foldChar, foldedOffset, foldText, isCjk, isRegexSpace, squash, unfoldRange } from "../../src/normalize/text.js";

/** The first, character-by-character fold (regexes, code points): the reference the fast one must match. */
function referenceFold(src: string): { text: string; map: number[] } {
  const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/;
  const SPACE = /[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/;
  const out: string[] = [];
  const map: number[] = [];
  // letter-spaced figures: spaces inside "9 5 . 5" go
  const spaced = new Set<number>();
  for (const m of src.matchAll(/(?<![\dA-Za-z.])[\d.](?: [\d.]){2,}(?![\dA-Za-z.])/g))
    if (m[0].replace(/[^\d]/g, "").length >= 2) for (let k = 1; k < m[0].length; k += 2) spaced.add(m.index! + k);
  let i = 0;
  while (i < src.length) {
    const ch = String.fromCodePoint(src.codePointAt(i)!);
    if (ZERO_WIDTH.test(ch)) {
      i += ch.length;
      continue;
    }
    if (ch === "\r" && src[i + 1] === "\n") {
      i++;
      continue;
    }
    if (SPACE.test(ch)) {
      let j = i;
      while (j < src.length && (SPACE.test(src[j]) || ZERO_WIDTH.test(src[j]))) j++;
      // the last whole character (an astral one is two units)
      const last = out.length ? out[out.length - 1] : undefined;
      const prev = last && /[\udc00-\udfff]/.test(last) && out.length > 1 ? out[out.length - 2] + last : last;
      const next = j < src.length ? foldChar(String.fromCodePoint(src.codePointAt(j)!)) : undefined;
      const edge = prev === undefined || prev === "\n" || prev === "\t" || next === undefined || next === "\n" || next === "\t";
      const unitAfterNumber = !!prev && !!next && /[0-9.]/.test(prev) && /[%.]/.test(next);
      if (!edge && !isCjk(prev) && !isCjk(next) && !unitAfterNumber && !spaced.has(i)) {
        out.push(" ");
        map.push(i);
      }
      i = j;
      continue;
    }
    const f = foldChar(ch);
    // every UTF-16 unit keeps its own source offset
    for (let u = 0; u < f.length; u++) {
      out.push(f[u]);
      map.push(i + u);
    }
    i += ch.length;
  }
  map.push(src.length);
  return { text: out.join(""), map };
}

describe("fold: one normalisation layer for matching", () => {
  it.each([
    ["２０２４年度", "2024年度"],
    ["自评得分：９２．５分", "自评得分:92.5分"],
    ["收入 1043.96 万元", "收入1043.96万元"],
    ["2024 年本部门", "2024年本部门"],
    ["满意度达 98 %", "满意度达98%"],
    ["（一）部门概况", "(一)部门概况"],
    ["吉政函字〔2025〕31号", "吉政函字〔2025〕31号"],
    ["优\u3000秀", "优秀"],
    ["a\u200bb", "ab"],
    ["line1\r\nline2", "line1\nline2"],
    ["PDF text layer", "PDF text layer"],
    ["支出\u00a0\u00a0 39622.04元", "支出39622.04元"],
  ])("%j → %j", (input, want) => expect(fold(input).text).toBe(want));

  it("maps every folded character back to its source offset", () => {
    const src = "全年支出 １,０４３.９６ 万元。";
    const f = fold(src);
    const i = f.text.indexOf("1,043.96万元");
    const [s, e] = unfoldRange(f, i, i + "1,043.96万元".length);
    expect(src.slice(s, e)).toBe("１,０４３.９６ 万元");
  });

  it("handles characters outside the BMP", () => {
    const src = "𠀋镇 100元";
    const f = fold(src);
    const i = f.text.indexOf("100元");
    const [s, e] = unfoldRange(f, 0, i + 4);
    expect(src.slice(s, e)).toBe(src);
  });

  it("squash removes all whitespace", () => expect(squash(" 优 秀\n")).toBe("优秀"));

  it("agrees with the character-by-character reference on 3000 random strings", () => {
    const alphabet = [
      ..."0123456789.%,aZ    　\u00a0\u2009\u200b\u00ad\ufeff\r\n\t年度万元支出（）：，．％０９ＡＢ﹪−–·“”—…",
      "𠀋",
      "𪚥",
      "\u3000",
    ];
    let seed = 42;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let k = 0; k < 3000; k++) {
      let s = "";
      const len = rand(24);
      for (let i = 0; i < len; i++) s += alphabet[rand(alphabet.length)];
      const got = fold(s);
      const want = referenceFold(s);
      expect({ s, text: got.text, map: got.map }).toEqual({ s, text: want.text, map: want.map });
    }
  });

  it("finds the folded offset of a clean-text offset", () => {
    const f = fold("收入 1043.96 万元");
    expect(f.text).toBe("收入1043.96万元");
    expect(foldedOffset(f, 0)).toBe(0);
    expect(foldedOffset(f, 2)).toBe(2); // the dropped space: the next folded character
    expect(foldedOffset(f, 3)).toBe(2);
    expect(foldedOffset(f, 11)).toBe(9);
    expect(foldedOffset(f, 100)).toBe(f.text.length);
  });
});

describe("foldText: the folded text of short strings, remembered", () => {
  it("is fold's text, the first time and again, short or long", () => {
    const samples = ["１２３ 万元", "編制 人數", "  合计  ", "", "A  B", `${"甲 乙".repeat(40)}`, "９５．５％"];
    for (const s of [...samples, ...samples]) expect(foldText(s), s).toBe(fold(s).text);
    // many distinct strings (the memory is bounded and cleared): still the same answers
    for (let i = 0; i < 60_000; i++) foldText(`第 ${i} 行`);
    for (const s of samples) expect(foldText(s), s).toBe(fold(s).text);
  });
});

describe("grades", () => {
  it.each([
    ["优秀", "优"],
    ["优", "优"],
    ["良好", "良"],
    ["“良”", "良"],
    ["合格", "中"],
    ["中等", "中"],
    ["不合格", "差"],
    ["优秀等次", "优"],
    ["优 秀", "优"],
  ])("%s → %s", (raw, want) => expect(normalizeGrade(raw)).toBe(want));
  it.each(["优化", "良性", "总体", ""])("%j is not a grade", (raw) => expect(normalizeGrade(raw)).toBeNull());
  it("bands scores", () => {
    expect([95, 90, 89.99, 80, 79.5, 60, 59.9].map(gradeForScore)).toEqual(["优", "优", "良", "良", "中", "中", "差"]);
  });
});

describe("dates and years", () => {
  it.each([
    ["2025年7月15日", "2025-07-15"],
    ["2025 年 7 月 15 日", "2025-07-15"],
    ["2023.03.15", "2023-03-15"],
    ["2023-3-5", "2023-03-05"],
    ["2023/03/15", "2023-03-15"],
    ["二〇二四年四月十日", "2024-04-10"],
    ["二〇二五年六月二十五日", "2025-06-25"],
  ])("%s → %s", (input, want) => expect(parseDate(input)).toBe(want));
  it.each(["2023年3月", "2023年2月30日", "2023.13.01", "3月15日", "2023年"])("incomplete or impossible %j → null", (input) =>
    expect(parseDate(input)).toBeNull(),
  );
  it("years", () => {
    expect(parseYear("2024")).toBe(2024);
    expect(parseYear("二〇二四")).toBe(2024);
    expect(parseYear("20 24")).toBe(2024);
    expect(parseYear("1850")).toBeNull();
  });
});

describe("fold: traditional script and injected pinyin", () => {
  it.each([
    ["部門整體支出績效自評報告", "部门整体支出绩效自评报告"],
    ["編(biān)制人數(shù) |", "编制人数|"],
    ["火場土家族鄉(xiāng)人民政府", "火场土家族乡人民政府"],
    ["預(yù)算編碼", "预算编码"],
    ["社會(huì)（shè huì）", "社会"],
  ])("%j → %j", (input, want) => expect(fold(input).text).toBe(want));

  it.each([
    ["单位(abc)", "单位(abc)"], // no tone mark: not a gloss
    ["收入(万元)", "收入(万元)"],
    ["2024(2)", "2024(2)"],
    ["a(xiāng)", "a(xiāng)"], // only after a Chinese character
  ])("keeps %j", (input, want) => expect(fold(input).text).toBe(want));

  it("maps folded characters of a glossed, traditional text back to the text as written", () => {
    const src = "火場土家族鄉(xiāng)人民政府2022年度";
    const f = fold(src);
    const name = "火场土家族乡人民政府";
    const i = f.text.indexOf(name);
    expect(i).toBe(0);
    const [s, e] = unfoldRange(f, i, i + name.length);
    expect(src.slice(s, e)).toBe("火場土家族鄉(xiāng)人民政府");
    expect(asWritten(f, i, i + name.length)).toBe("火場土家族鄉人民政府");
  });

  it("leaves simplified text as it is", () => {
    const src = "我局2023年度部门整体支出绩效自评报告，显著提高";
    expect(fold(src).text).toBe(src.replace("，", ","));
    expect(asWritten(fold(src), 0, 6)).toBe("我局2023");
  });
});

describe("fold, code unit by code unit (against Unicode's own classes)", () => {
  const units = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c));
  const zeroWidth = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0xad]);
  it("isRegexSpace is \\s", () => {
    const wrong = units.filter((ch) => isRegexSpace(ch.charCodeAt(0)) !== /\s/.test(ch));
    expect(wrong).toEqual([]);
  });
  it("a space separator (Zs) between letters is one space, between Chinese characters none; zero-width characters go", () => {
    const wrong: string[] = [];
    for (const ch of units) {
      const c = ch.charCodeAt(0);
      const latin = fold(`a${ch}b`).text;
      const cjk = fold(`中${ch}文`).text;
      if (/\p{Zs}/u.test(ch)) {
        if (latin !== "a b" || cjk !== "中文") wrong.push(c.toString(16));
      } else if (zeroWidth.has(c)) {
        if (latin !== "ab" || cjk !== "中文") wrong.push(c.toString(16));
      } else if (latin.length !== 3) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
  });
  it("full-width ASCII is folded as NFKC folds it, and nothing beside it", () => {
    for (let c = 0xff01; c <= 0xff5e; c++) expect(foldChar(String.fromCharCode(c))).toBe(String.fromCharCode(c).normalize("NFKC"));
    expect(foldChar("\uff00")).toBe("\uff00");
    expect(foldChar("\uff5f")).toBe("\uff5f");
  });
  it.each([
    ["\u3000", " "],
    ["﹪", "%"],
    ["\u2212", "-"],
    ["\u2013", "-"],
    ["\r", "\n"],
    ["\u2014", "\u2014"],
    ["A", "A"],
  ])("foldChar(%j) → %j", (ch, want) => expect(foldChar(ch)).toBe(want));
  it("a lone \\r is a line end, \\r\\n one line end", () => {
    expect(fold("a\rb").text).toBe("a\nb");
    expect(fold("a\r\nb").text).toBe("a\nb");
  });
});

describe("fold: spaces beside astral and compatibility ideographs", () => {
  it.each([
    ["𠀀 a", "𠀀a"], // U+20000: its low surrogate is U+DC00, the edge of the range
    ["a 𠀀", "a𠀀"],
    ["a豈 b", `a${foldChar("豈")}b`], // U+F900 is Chinese even though it sits above the surrogates
    ["a\ufb00 b", "a\ufb00 b"],
    ["a\ufa0e b", "a\ufa0eb"], // a compatibility-block ideograph that stays as it is
    ["😀 a", "😀 a"],
  ])("%j → %j", (src, want) => expect(fold(src).text).toBe(want));
});

describe("fold: pinyin glosses only after an ideograph", () => {
  it.each([
    ["㐀(biān)制", "㐀制"], // U+3400
    ["鿿(biān)制", "鿿制"], // U+9FFF
    ["豈(biān)制", `${foldChar("豈")}制`], // U+F900
    ["\ufaff(biān)制", "\ufaff制"],
    ["编（biān）制", "编制"],
    ["阿(ā)", "阿"],
    ["乡(xiāng cūn)村", "乡村"],
    ["ꀀ(biān)", "ꀀ(biān)"], // U+A000, after the ideographs
    ["\u33ff(biān)", "\u33ff(biān)"],
    ["\uf8ff(biān)", "\uf8ff(biān)"],
    ["\ufb00(biān)", "\ufb00(biān)"],
    ["(biān)制", "(biān)制"],
    ["编(bian)制", "编(bian)制"], // no tone mark: a word in brackets, not a gloss
  ])("%j → %j", (src, want) => expect(fold(src).text).toBe(want));
});

describe("fold: letter-spaced figures", () => {
  it.each([
    ["2 0 2 4年", "2024年"],
    ["得分9 5 . 5分", "得分95.5分"],
    ["x 1 . 5 y", "x 1.5 y"],
    ["1 2 3 abc", "123 abc"],
    ["x . . 5 y", "x .. 5 y"], // one digit: not a spaced figure
    [". . .", "..."],
    ["31 30 96.8", "31 30 96.8"],
    ["1 2", "1 2"],
  ])("%j → %j", (src, want) => expect(fold(src).text).toBe(want));
});

describe("unfoldRange", () => {
  it("an empty range is a point", () => {
    const f = fold("预算 数");
    expect(unfoldRange(f, 2, 2)).toEqual([3, 3]);
    expect(unfoldRange(f, 3, 2)).toEqual([4, 4]);
  });
  it("an astral character is two code units wide, U+FFFF one", () => {
    expect(unfoldRange(fold("a𠀀"), 1, 3)).toEqual([1, 3]);
    expect(unfoldRange(fold("a𠀀"), 1, 2)).toEqual([1, 3]);
    expect(unfoldRange(fold("a\uffff"), 1, 2)).toEqual([1, 2]);
  });
});

describe("squash", () => {
  it("drops every space", () => expect(squash(" 预 算\t数 a b\n")).toBe("预算数ab"));
});
