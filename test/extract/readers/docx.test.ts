/**
 * The .docx reader (readers/docx.ts) in process, on Word documents built part by part: runs and
 * what is not text, tracked changes, headings and numbering from styles, tables with merged cells,
 * nested tables and deleted rows, text boxes, symbol fonts, notes, relationships to parts at other
 * paths, encodings, limits and the fallback to mammoth.
 */
import { describe, expect, it } from "vitest";
import { readDocx } from "../../../src/extract/readers/docx.js";
import type { Block } from "../../../src/model.js";
import { type ZipInput, zipOf } from "../zipfile.js";

const doc = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><w:document><w:body>${body}</w:body></w:document>`;
/** A .docx whose body is `body`, with other parts by path. */
const docx = (body: string, parts: Record<string, string | Buffer> = {}) =>
  zipOf([
    { name: "[Content_Types].xml", data: "<Types/>" },
    { name: "word/document.xml", data: doc(body) },
    ...Object.entries(parts).map(([name, data]): ZipInput => ({ name, data })),
  ]);
const p = (...runs: string[]) => `<w:p>${runs.join("")}</w:p>`;
const r = (t: string) => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`;
const styled = (style: string, ...runs: string[]) => `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr>${runs.join("")}</w:p>`;
const tc = (content: string, pr = "") => `<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ""}${content}</w:tc>`;
const tr = (...cells: string[]) => `<w:tr>${cells.join("")}</w:tr>`;
const tbl = (...rows: string[]) => `<w:tbl><w:tblPr/><w:tblGrid/>${rows.join("")}</w:tbl>`;
const show = (blocks: Block[]) =>
  blocks.map((b) =>
    b.kind === "paragraph"
      ? `${b.headingLevel ? `h${b.headingLevel} ` : ""}${b.text}`
      : `[${b.rows.map((row) => row.map((c) => (c.colspan > 1 || c.rowspan > 1 ? `${c.text}(${c.colspan}x${c.rowspan})` : c.text)).join("|")).join(" / ")}]`,
  );
const read = async (buf: Buffer) => show((await readDocx(buf, { docxEngine: "xml" })).blocks);
const failure = (p: Promise<unknown>) =>
  p.then(
    () => "read",
    (e: { code?: string; message: string }) => `${e.code ?? "Error"}: ${e.message}`,
  );

describe("readDocx: runs", () => {
  it("joins a paragraph's runs; tabs are spaces, line breaks split lines, a page break is nothing", async () => {
    const d = await readDocx(
      docx(
        p(r("部门"), r("整体"), "<w:r><w:tab/></w:r>", r("支出"), "<w:r><w:ptab/></w:r>", r("报告")) +
          p(
            r("第一行"),
            "<w:r><w:br/></w:r>",
            r("第二行"),
            '<w:r><w:br w:type="textWrapping"/></w:r>',
            r("第三行"),
            "<w:r><w:cr/></w:r>",
            r("第四行"),
          ) +
          p(r("分页前"), '<w:r><w:br w:type="page"/></w:r>', r("分页后"), '<w:r><w:br w:type="column"/></w:r>', r("分栏后")) +
          p(r("a"), "<w:r><w:noBreakHyphen/></w:r>", r("b"), "<w:r><w:softHyphen/></w:r>", r("c")) +
          p() +
          p(r("   ")),
      ),
      { docxEngine: "xml" },
    );
    expect(d).toMatchObject({ format: "docx", pages: null, engine: "docx-xml", messages: [] });
    expect(show(d.blocks)).toEqual(["部门整体 支出 报告", "第一行", "第二行", "第三行", "第四行", "分页前分页后分栏后", "a\u2011b\u00adc"]);
  });
  it("leaves out what is not text: deletions, field codes, properties, references, bookmarks, phonetic guides", async () => {
    const body = p(
      r("保留"),
      `<w:del><w:r><w:delText>删除</w:delText></w:r></w:del>`,
      `<w:ins><w:r><w:t>插入</w:t></w:r></w:ins>`,
      `<w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom>`,
      `<w:moveTo><w:r><w:t>移来</w:t></w:r></w:moveTo>`,
      `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`,
      `<w:r><w:rPr><w:t>属性</w:t></w:rPr><w:t>文字</w:t></w:r>`,
      `<w:bookmarkStart w:id="0" w:name="a"/><w:bookmarkEnd w:id="0"/>`,
      `<w:r><w:ruby><w:rt><w:r><w:t>pīn</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>拼</w:t></w:r></w:rubyBase></w:ruby></w:r>`,
      `<w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink>`,
      `<w:smartTag><w:r><w:t>标记</w:t></w:r></w:smartTag>`,
    );
    expect(await read(docx(body))).toEqual(["保留插入移来文字拼链接标记"]);
  });
  it("a deleted paragraph mark joins the paragraph to the next one", async () => {
    const gone = `<w:p><w:pPr><w:rPr><w:del w:id="1"/></w:rPr></w:pPr>${r("前半")}</w:p>`;
    expect(await read(docx(gone + gone + p(r("后半")) + p(r("下一段"))))).toEqual(["前半前半后半", "下一段"]);
  });
  it("symbols: w:sym and private-use characters of a symbol font as Unicode; others as they are", async () => {
    const body =
      p(r("完成"), '<w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r>', '<w:r><w:sym w:font="Wingdings" w:char="FE"/></w:r>') +
      p('<w:r><w:rPr><w:rFonts w:ascii="Wingdings 2" w:hAnsi="Wingdings 2"/></w:rPr><w:t>\uf052是</w:t></w:r>') +
      p('<w:r><w:rPr><w:rFonts w:eastAsia="宋体" w:cs="Symbol"/></w:rPr><w:t>\uf061</w:t></w:r>') +
      p(
        '<w:r><w:rPr><w:rFonts w:ascii="宋体"/></w:rPr><w:t>\uf0fe</w:t></w:r>',
        '<w:r><w:sym w:font="宋体" w:char="F0FE"/></w:r>',
        "<w:r><w:sym/></w:r>",
      );
    expect(await read(docx(body))).toEqual(["完成\u{1f5f9}\u{1f5f9}", "☑是", "α", "\uf0fe"]);
    // the symbol font named in any one of the run's four font slots
    for (const slot of ["w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"])
      expect(await read(docx(p(`<w:r><w:rPr><w:rFonts ${slot}="Wingdings 2"/></w:rPr><w:t>\uf052</w:t></w:r>`))), slot).toEqual(["☑"]);
  });
  it("text boxes follow their paragraph; alternate content is read from its fallback, else its choice", async () => {
    const box = (t: string) =>
      `<w:r><w:pict><v:shape><v:textbox><w:txbxContent>${p(r(t))}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>`;
    const alt = (choice: string, fallback?: string) =>
      `<mc:AlternateContent><mc:Choice>${choice}</mc:Choice>${fallback === undefined ? "" : `<mc:Fallback>${fallback}</mc:Fallback>`}</mc:AlternateContent>`;
    const body =
      p(r("正文"), box("框内"), r("续")) +
      p(alt(r("选择"), r("后备"))) +
      p(alt(r("只有选择"))) +
      alt(p(r("段落选择")), p(r("段落后备"))) +
      alt(p(r("段落只有选择"))) +
      `<w:sdt><w:sdtPr><w:t>控件属性</w:t></w:sdtPr><w:sdtContent>${p(r("控件内容"))}</w:sdtContent></w:sdt>` +
      p(`<w:sdt><w:sdtContent>${r("行内控件")}</w:sdtContent></w:sdt>`);
    expect(await read(docx(body))).toEqual(["正文续", "框内", "后备", "只有选择", "段落后备", "段落只有选择", "控件内容", "行内控件"]);
  });
});

describe("readDocx: styles and numbering", () => {
  const styles = (...s: string[]) => `<w:styles>${s.join("")}</w:styles>`;
  const style = (id: string, name: string, extra = "", type = "paragraph") =>
    `<w:style w:type="${type}" w:styleId="${id}"><w:name w:val="${name}"/>${extra}</w:style>`;
  const lvl = (ilvl: number, fmt: string, text: string) =>
    `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/></w:lvl>`;
  const NUMBERING = `<w:numbering><w:abstractNum w:abstractNumId="0">${lvl(0, "chineseCounting", "%1、")}${lvl(1, "decimal", "%2")}${lvl(2, "decimal", "%1.%3")}</w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;
  const numbered = (numId: string, ilvl: number, t: string) =>
    `<w:p><w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr>${r(t)}</w:p>`;
  it("a paragraph styled Heading N is a heading of level N, its lines joined", async () => {
    const parts = {
      "word/styles.xml": styles(
        style("1", "heading 1"),
        style("H2", "Heading 2"),
        style("C", "heading 3", "", "character"),
        style("T", "Title"),
        `<w:style w:styleId="D"><w:name w:val="heading 4"/></w:style>`,
      ),
    };
    const body =
      styled("1", r("一、基本情况")) +
      styled("H2", r("（一）部门"), "<w:r><w:br/></w:r>", r("职责")) +
      styled("C", r("字符样式")) +
      styled("T", r("标题")) +
      styled("D", r("默认类型")) +
      styled("none", r("无此样式")) +
      styled("1", r(" "));
    expect(await read(docx(body, parts))).toEqual(["h1 一、基本情况", "h2 （一）部门职责", "字符样式", "标题", "h4 默认类型", "无此样式"]);
  });
  it("Word's list numbers go in front of the text, from the paragraph or from its style", async () => {
    const parts = {
      "word/numbering.xml": NUMBERING,
      "word/styles.xml": styles(
        style("N1", "heading 1", '<w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr>'),
        style("N2", "List", '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="5"/></w:numPr></w:pPr>'),
        style("X", "Other", '<w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr>'),
      ),
    };
    const body =
      styled("N1", r("基本情况")) +
      numbered("5", 1, "第一项") +
      styled("N2", r(" 第二项")) +
      numbered("5", 0, " ") +
      numbered("5", 0, "绩效目标") +
      numbered("5", 2, "法定编号") +
      numbered("0", 0, "不编号") +
      styled("X", r("样式无列表"));
    expect(await read(docx(body, parts))).toEqual([
      "h1 一、基本情况",
      "1 第一项",
      "2 第二项",
      "三、绩效目标",
      "三.1 法定编号",
      "不编号",
      "样式无列表",
    ]);
  });
  it("style names are found inside their own style element only", async () => {
    const parts = {
      // no wrapper: the first style starts the part
      "word/styles.xml":
        style("A", "heading 1") +
        style("B", "Normal") +
        '<w:name w:val="heading 3"/>' +
        '<w:style w:type="paragraph"><w:name w:val="heading 2"/></w:style>' +
        '<w:docDefaults><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:docDefaults>' +
        style("N", "List", '<w:pPr><w:numPr><w:numId w:val="12"/></w:numPr></w:pPr>'),
      "word/numbering.xml": NUMBERING.replace('w:numId="5"', 'w:numId="12"'),
    };
    expect(await read(docx(styled("A", r("甲")) + styled("B", r("乙")) + styled("N", r("丙")), parts))).toEqual(["h1 甲", "乙", "一、丙"]);
  });
  it("finds styles and numbering through the document's relationships", async () => {
    const parts = {
      "_rels/.rels": `<Relationships><Relationship Type="http://x/officeDocument" Target="/word/main.xml"/></Relationships>`,
      "word/main.xml": doc(styled("S", r("标题")) + numbered("5", 0, "条目")),
      "word/_rels/main.xml.rels": `<Relationships>
        <Relationship Type="http://x/styles" Target="https://example.org/styles.xml" TargetMode="External"/>
        <Relationship Type="http://x/styles" Target="./parts/../parts/s.xml"/>
        <Relationship Type="http://x/styles" Target="other.xml"/>
        <Relationship Type="http://x/numbering" Target="../lists/n.xml"/>
        <Relationship Target="nothing.xml"/>
        <Relationship Type="http://x/footnotes"/>
      </Relationships>`,
      "word/parts/s.xml": styles(style("S", "heading 2")),
      "lists/n.xml": NUMBERING,
    };
    const buf = zipOf([{ name: "[Content_Types].xml" }, ...Object.entries(parts).map(([name, data]) => ({ name, data }))]);
    expect(await read(buf)).toEqual(["h2 标题", "一、条目"]);
  });
});

describe("readDocx: tables", () => {
  it("row properties are no cell; a span of 0 is one column; a row without text does not drop the table", async () => {
    const body = tbl(
      `<w:tr><w:trPr><w:cantSplit/></w:trPr>${tc(p(r("甲")), '<w:gridSpan w:val="0"/>')}${tc(p(r("乙")))}</w:tr>`,
      tr(tc(p()), tc(p())),
    );
    expect(await read(docx(body))).toEqual(["[甲|乙 / |]"]);
  });
  it("keeps merged cells: gridSpan across, vMerge down", async () => {
    const body = tbl(
      tr(tc(p(r("项目")), '<w:gridSpan w:val="2"/>'), tc(p(r("金额")))),
      tr(tc(p(r("支出")), '<w:vMerge w:val="restart"/>'), tc(p(r("基本"))), tc(p(r("10")))),
      tr(tc(p(), "<w:vMerge/>"), tc(p(r("项目"))), tc(p(r("20")))),
      tr(tc(p(), '<w:vMerge w:val="continue"/>'), tc(p(r("其他"))), tc(p(r("5")))),
      tr(tc(p(r("合计")), '<w:gridSpan w:val="x"/>'), tc(p(r("")), '<w:vMerge w:val="restart"/>'), tc(p(r("35")))),
    );
    expect(await read(docx(body))).toEqual(["[项目(2x1)|金额 / 支出(1x3)|基本|10 / 项目|20 / 其他|5 / 合计||35]"]);
  });
  it("a cell's paragraphs are one line of text; a nested table's text runs on inside it, and the table follows", async () => {
    const inner = tbl(tr(tc(p(r("内甲"))), tc(p(r("内乙")))));
    const body = tbl(tr(tc(p(r("第一段")) + p() + p(r("第二段"))), tc(p(r("前")) + inner + p(r("后")))), tr(tc(p(r("x"))), tc(p(r("y")))));
    expect(await read(docx(body))).toEqual(["[第一段 第二段|前 内甲内乙 后 / x|y]", "[内甲|内乙]"]);
    // three deep: the innermost table's text runs on inside both
    const deepest = tbl(tr(tc(p(r("最内")))));
    const middle = tbl(tr(tc(p(r("中")) + deepest)));
    expect(await read(docx(tbl(tr(tc(p(r("外")) + middle)))))).toEqual(["[外 中最内]", "[中 最内]", "[最内]"]);
  });
  it("leaves out deleted rows and tables without text; reads rows and cells inside content controls and custom XML", async () => {
    const body =
      tbl(
        tr(tc(p(r("留")))),
        `<w:tr><w:trPr><w:del w:id="1"/></w:trPr>${tc(p(r("删")))}</w:tr>`,
        `<w:sdt><w:sdtContent>${tr(tc(p(r("控件行"))))}</w:sdtContent></w:sdt>`,
        `<w:customXml>${tr(tc(p(r("自定义行"))))}</w:customXml>`,
        `<w:tr><w:sdt><w:sdtContent>${tc(p(r("控件格")))}</w:sdtContent></w:sdt><w:customXml>${tc(p(r("自定义格")))}</w:customXml></w:tr>`,
      ) + tbl(tr(tc(p()), tc(p(r(" ")))));
    expect(await read(docx(body))).toEqual(["[留 / 控件行 / 自定义行 / 控件格|自定义格]"]);
  });
});

describe("readDocx: notes", () => {
  it("appends the footnotes and endnotes the text refers to, in their parts' order", async () => {
    const note = (tag: string, id: string, t: string) => `<w:${tag} w:id="${id}">${p("<w:r><w:footnoteRef/></w:r>", r(t))}</w:${tag}>`;
    const parts = {
      "word/footnotes.xml": `<w:footnotes>${note("footnote", "0", "分隔")}${note("footnote", "2", "脚注二")}${note("footnote", "1", "脚注一")}</w:footnotes>`,
      "word/endnotes.xml": `<w:endnotes>${note("endnote", "1", "尾注一")}${note("footnote", "3", "错标签")}</w:endnotes>`,
    };
    const body =
      p(r("正文"), '<w:r><w:footnoteReference w:id="1"/></w:r>', r("再"), '<w:r><w:footnoteReference w:id="2"/></w:r>') +
      p(r("结尾"), '<w:r><w:endnoteReference w:id="1"/></w:r>', '<w:r><w:endnoteReference w:id="3"/></w:r>');
    expect(await read(docx(body, parts))).toEqual(["正文再", "结尾", "脚注二", "脚注一", "尾注一"]);
    // no reference: no notes read
    expect(await read(docx(p(r("正文")), parts))).toEqual(["正文"]);
  });
});

describe("readDocx: encodings, limits and failures", () => {
  it("reads document.xml in UTF-16 with a BOM, and UTF-8 with a BOM", async () => {
    const xml = doc(p(r("编码")));
    const u16 = zipOf([{ name: "word/document.xml", data: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, "utf16le")]) }]);
    const u8 = zipOf([{ name: "word/document.xml", data: Buffer.from(`\ufeff${xml}`, "utf8") }]);
    expect(await read(u16)).toEqual(["编码"]);
    expect(await read(u8)).toEqual(["编码"]);
  });
  it("drops the tags of elements nested too deep, keeping their text, with a warning", async () => {
    const deep = `${"<w:customXml>".repeat(400)}${r("深处")}${"</w:customXml>".repeat(400)}`;
    const d = await readDocx(docx(p(r("浅处")) + p(deep)), { docxEngine: "xml" });
    expect(show(d.blocks)).toEqual(["浅处", "深处"]);
    expect(d.messages).toEqual([expect.objectContaining({ level: "warning", code: "deep_nesting" })]);
    expect(d.messages[0].message).toMatch(/^\d+ tags nested deeper than 256 levels were dropped \(their text kept\)$/);
  });
  it("refuses XML larger than 40 bytes for each character of the text limit", async () => {
    const buf = docx(p(r("字".repeat(100))));
    const xmlBytes = Buffer.byteLength(doc(p(r("字".repeat(100))))) + "<Types/>".length;
    const limit = Math.ceil(xmlBytes / 40);
    expect(await failure(readDocx(buf, { maxTextChars: limit }))).toBe("read");
    expect(await failure(readDocx(buf, { maxTextChars: limit - 1 }))).toBe(
      `too_long: Word document with 0.0 MB of XML, more than 0.0 MB, the limit (40 bytes per character of the ${limit - 1}-character text limit)`,
    );
  });
  it("a document in WordprocessingML's default namespace is read by mammoth, with a warning", async () => {
    const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    const buf = zipOf([
      {
        name: "[Content_Types].xml",
        data: `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
      },
      {
        name: "_rels/.rels",
        data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
      },
      {
        name: "word/document.xml",
        data: `<?xml version="1.0"?><document xmlns="${W}"><body><p><r><t>默认命名空间</t></r></p><p/><p><r><t>第二段</t></r></p></body></document>`,
      },
    ]);
    const d = await readDocx(buf);
    expect(d).toMatchObject({ format: "docx", pages: null, engine: "mammoth" });
    expect(show(d.blocks)).toEqual(["默认命名空间", "第二段"]);
    expect(d.messages).toEqual([
      {
        level: "warning",
        code: "docx_fallback",
        message: "own .docx reader failed (no w:body in the main document part); read with mammoth",
      },
    ]);
    expect(await readDocx(buf, { docxEngine: "mammoth" })).toEqual({ ...d, messages: [] });
  });
  it("a zip without a Word document is refused; a document it cannot read goes to mammoth, unless the XML reader is forced", async () => {
    expect(await failure(readDocx(zipOf([{ name: "word/other.xml", data: "<x/>" }])))).toBe(
      "not_word_zip: zip archive that is not a Word document (no word/document.xml)",
    );
    const noBody = zipOf([{ name: "word/document.xml", data: "<w:document/>" }]);
    expect(await failure(readDocx(noBody, { docxEngine: "xml" }))).toBe("Error: no w:body in the main document part");
    // mammoth cannot read it either: damaged
    expect(await failure(readDocx(noBody))).toMatch(/^corrupt: damaged \.docx \(.+\)$/);
  });
});
