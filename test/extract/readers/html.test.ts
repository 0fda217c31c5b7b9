/**
 * The HTML reader (readers/html.ts) in process, on small pages: blocks in document order, tables with
 * spans and nested tables, headings, line breaks, what is skipped, the article of a web page and its
 * title, the declared charset, embedded data, and what readHtml reports.
 */
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { ReadError } from "../../../src/errors.js";
import { declaredCharset, embeddedDataBytes, htmlToBlocks, readHtml } from "../../../src/extract/readers/html.js";
import type { Block } from "../../../src/model.js";

const show = (blocks: Block[]) =>
  blocks.map((b) =>
    b.kind === "paragraph"
      ? `${b.headingLevel ? `h${b.headingLevel} ` : ""}${b.text}`
      : `table ${b.rows.map((r) => r.map((c) => `${c.text}${c.colspan > 1 ? `+${c.colspan}` : ""}${c.rowspan > 1 ? `/${c.rowspan}` : ""}`).join("|")).join(" ; ")}`,
  );

describe("htmlToBlocks", () => {
  it("paragraphs and headings in order; <br> splits lines; spaces and nbsp collapsed", () => {
    const html = "<h2> 一、 基本情况 </h2><p>甲&nbsp;&nbsp;乙<br>丙</p>散文<b>粗</b><div>丁</div><h7>x</h7>";
    expect(show(htmlToBlocks(html))).toEqual(["h2 一、 基本情况", "甲 乙", "丙", "散文粗", "丁", "x"]);
    expect(show(htmlToBlocks("<h1>标<br>题</h1><h3></h3>"))).toEqual(["h1 标题"]);
  });
  it("lists, sections and other block elements each start a paragraph", () => {
    const html = "<ul><li>一</li><li>二</li></ul><ol><li>三</li></ol><section>四</section><blockquote>五</blockquote><main>六</main>";
    expect(show(htmlToBlocks(html))).toEqual(["一", "二", "三", "四", "五", "六"]);
  });
  it("scripts, styles, navigation, forms and the head are skipped", () => {
    const html =
      "<head><title>标题</title></head><body><script>var a='甲';</script><style>p{}</style><nav>导航</nav><form>表单</form><noscript>无</noscript><p>正文</p><header>头</header><footer>尾</footer></body>";
    expect(show(htmlToBlocks(html))).toEqual(["正文"]);
  });
  it("tables: cells with spans, block elements in a cell joined by spaces, empty tables dropped, nested tables after", () => {
    const html =
      "<table><thead><tr><th colspan='2'>项目</th><th rowspan=\"2\">金额</th></tr></thead><tbody><tr><td><p>基本</p><p>支出</p></td><td>甲<br>乙</td></tr></tbody></table>" +
      "<table><tr><td> </td></tr></table>" +
      "<table><tr><td>外<table><tr><td>内</td></tr></table></td></tr></table>";
    // (the outer cell's text takes in the nested table's)
    expect(show(htmlToBlocks(html))).toEqual(["table 项目+2|金额/2 ; 基本 支出|甲 乙", "table 外内", "table 内"]);
    expect(show(htmlToBlocks("<table><tr><td colspan='0' rowspan='x'>a</td></tr></table>"))).toEqual(["table a"]);
  });
});

describe("the article of a web page", () => {
  const page = (article: string, extra = "") =>
    `<html><body><div class="nav-top">首页 新闻 公开 通知 公告 政策 文件 解读</div>${extra}<div id="content"><div class="article">${article}</div></div><div class="footer">版权所有 某县人民政府 网站标识码</div></body></html>`;
  const ARTICLE =
    "<p>某县水利局2023年度部门整体支出绩效自评报告</p><p>一、基本情况。全年支出一千万元，完成了年度目标任务。</p><p>二、绩效目标。年度绩效目标全部完成，群众满意度较高，资金使用规范。</p>";
  const LINES = [
    "某县水利局2023年度部门整体支出绩效自评报告",
    "一、基本情况。全年支出一千万元，完成了年度目标任务。",
    "二、绩效目标。年度绩效目标全部完成，群众满意度较高，资金使用规范。",
  ];
  it("only the part holding most of the text; furniture by class or id is left out", () => {
    expect(show(htmlToBlocks(page(ARTICLE), { article: true }))).toEqual(LINES);
    // the whole document without article
    expect(show(htmlToBlocks(page(ARTICLE)))[0]).toBe("首页 新闻 公开 通知 公告 政策 文件 解读");
  });
  it("the page's title heading before the article is kept, unless the article starts with it", () => {
    const title = '<h1 class="title">某县水利局绩效自评报告公示</h1>';
    expect(show(htmlToBlocks(page(ARTICLE, title), { article: true }))[0]).toBe("h1 某县水利局绩效自评报告公示");
    const same = '<div class="tit">某县水利局2023年度部门整体支出绩效自评报告</div>';
    expect(show(htmlToBlocks(page(ARTICLE, same), { article: true }))).toEqual(LINES);
    // a title of fewer than four Chinese characters is none
    expect(show(htmlToBlocks(page(ARTICLE, "<h2>公示</h2>"), { article: true }))).toEqual(LINES);
  });
  it("links do not count as text (a menu of links is no article)", () => {
    const menu = `<div>${"<a href='#'>政务公开信息目录</a>".repeat(30)}</div>`;
    expect(show(htmlToBlocks(`<html><body>${menu}<div>${ARTICLE}</div></body></html>`, { article: true }))).toEqual(LINES);
  });
  it("a page without a body, or without Chinese text, is read whole", () => {
    expect(show(htmlToBlocks("<p>甲</p><p>乙</p>", { article: true }))).toEqual(["甲", "乙"]);
    expect(show(htmlToBlocks("<html><body><div><p>abc</p></div><div><p>def</p></div></body></html>", { article: true }))).toEqual([
      "abc",
      "def",
    ]);
  });
  it("no part holds 70 % of the text: the whole body", () => {
    const half = "<div><p>甲乙丙丁戊己庚辛</p></div><div><p>子丑寅卯辰巳午未</p></div>";
    expect(show(htmlToBlocks(`<html><body>${half}</body></html>`, { article: true }))).toEqual(["甲乙丙丁戊己庚辛", "子丑寅卯辰巳午未"]);
  });
});

describe("declaredCharset and embedded data", () => {
  it("the charset of <meta charset> or of a content-type", () => {
    expect(declaredCharset(Buffer.from('<meta charset="gb2312">'))).toBe("gb2312");
    expect(declaredCharset(Buffer.from("<META http-equiv=Content-Type content='text/html; charset=GBK'>"))).toBe("GBK");
    expect(declaredCharset(Buffer.from("<p>charset=gbk</p>"))).toBeUndefined();
    expect(declaredCharset(Buffer.from(`${" ".repeat(4096)}<meta charset="gbk">`))).toBeUndefined();
  });
  it("data: URI payloads of 256 characters or more count, with the white space they wrap in", () => {
    const payload = "QUJD+/=%".repeat(40); // 320
    expect(embeddedDataBytes(Buffer.from(`<img src="data:image/png;base64,${payload}">`))).toBe(320);
    expect(embeddedDataBytes(Buffer.from(`<img src="data:image/png;base64,${"A".repeat(255)}">`))).toBe(0);
    expect(embeddedDataBytes(Buffer.from(`<img src="data:image/png;base64,${"A".repeat(256)}">`))).toBe(256);
    expect(embeddedDataBytes(Buffer.from(`data:x,${"A b\n".repeat(100)}"`))).toBe(400);
    // a comma too far from data: is no data URI
    expect(embeddedDataBytes(Buffer.from(`data:${"x".repeat(160)},${"A".repeat(300)}`))).toBe(0);
    expect(embeddedDataBytes(Buffer.from(`data:x,${"A".repeat(300)}<img src="data:y,${"B".repeat(300)}">`))).toBe(600);
  });
});

describe("readHtml", () => {
  it("decodes by the declared charset, drops embedded data, leaves flattened tables to the structure pass", () => {
    const html = `<html><head><meta charset="gbk"></head><body><p>某县水利局</p><img src="data:image/png;base64,${"A".repeat(400)}"><p>人员编制</p><p>42</p><p>实有人数</p><p>39</p></body></html>`;
    const doc = readHtml(iconv.encode(html, "gbk"));
    expect(doc).toMatchObject({ format: "html", pages: null, engine: "htmlparser2/GB18030", messages: [] });
    expect(show(doc.blocks)).toEqual(["某县水利局", "人员编制", "42", "实有人数", "39"]);
  });
  it("warns of tags dropped for nesting too deep", () => {
    // html, body and 300 divs: those at depths 129–173 go
    const deep = `<html><body>${"<div>".repeat(300)}某县水利局${"</div>".repeat(300)}</body></html>`;
    const doc = readHtml(Buffer.from(deep));
    expect(doc.messages).toEqual([
      { level: "warning", code: "deep_nesting", message: "90 tags nested deeper than 256 levels were dropped (their text kept)" },
    ]);
    expect(show(doc.blocks)).toEqual(["某县水利局"]);
  });
  it("a page with no text is refused", () => {
    expect(() => readHtml(Buffer.from("<html><body><script>x</script></body></html>"))).toThrow(ReadError);
    expect(() => readHtml(Buffer.from("<html><body> </body></html>"))).toThrow("HTML page has no text");
  });
});
