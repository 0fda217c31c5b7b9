/**
 * The structure pass (structure.ts) that every format goes through at the end of reading: control
 * characters dropped, flattened tables rebuilt — the same for a text, a web page, a .docx and a PDF.
 */
import { describe, expect, it } from "vitest";
import { readDocument } from "../../src/extract/read.js";
import { recoverStructure, relineDump, stripControls, wrapWidth } from "../../src/extract/structure.js";
import type { Block, DocModel } from "../../src/model.js";
import { pdfOf, text } from "./pdffile.js";
import { zipOf } from "./zipfile.js";

const show = (blocks: Block[]) =>
  blocks.map((b) => (b.kind === "paragraph" ? b.text : `[${b.rows.map((r) => r.map((c) => c.text).join("|")).join(" / ")}]`));
const para = (t: string, page: number | null = null): Block => ({ kind: "paragraph", text: t, page });
const model = (format: DocModel["format"], blocks: Block[]): DocModel => ({ format, pages: null, engine: "test", messages: [], blocks });

const FORM = ["某县水利局", "人员编制", "42", "实有人数", "39"];
const FORM_TABLE = ["某县水利局", "[人员编制|42 / 实有人数|39]"];

describe("control characters", () => {
  it("are dropped from paragraphs and cells; tab and newline stay", () => {
    expect(stripControls("a\u001b[31mb\u0000c\u007fd\te\nf\u000c")).toBe("a[31mbcd\te\nf");
    const doc = recoverStructure(
      model("txt", [para("自评\u0007得分96分"), { kind: "table", page: null, rows: [[{ text: "合\u0001计", colspan: 1, rowspan: 1 }]] }]),
    );
    expect(show(doc.blocks)).toEqual(["自评得分96分", "[合计]"]);
  });
  it("a paragraph of nothing but control characters goes", () => {
    expect(show(recoverStructure(model("txt", [para("一"), para("\u0000\u0001"), para("二")])).blocks)).toEqual(["一", "二"]);
  });
  it("leave no trace in what a file reads as", async () => {
    const doc = await readDocument(Buffer.from("报告\u001b[1m\n自评得分\u001b[0m96分\n"));
    expect(show(doc.blocks)).toEqual(["报告[1m", "自评得分[0m96分"]);
  });
});

describe("flattened tables, whatever the format", () => {
  it("is a pure pass: the reader's model is not changed, and a second pass changes nothing", () => {
    const m = model(
      "docx",
      FORM.map((t) => para(t)),
    );
    const once = recoverStructure(m);
    expect(show(m.blocks)).toEqual(FORM);
    expect(show(once.blocks)).toEqual(FORM_TABLE);
    expect(recoverStructure(once)).toEqual(once);
  });
  it("text", async () => {
    expect(show((await readDocument(Buffer.from(FORM.join("\n")))).blocks)).toEqual(FORM_TABLE);
  });
  it("a web page", async () => {
    const html = `<html><body>${FORM.map((t) => `<p>${t}</p>`).join("")}</body></html>`;
    expect(show((await readDocument(Buffer.from(html))).blocks)).toEqual(FORM_TABLE);
  });
  it("a .docx, one paragraph a cell", async () => {
    const body = FORM.map((t) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`).join("");
    const buf = zipOf([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "word/document.xml", data: `<?xml version="1.0"?><w:document><w:body>${body}</w:body></w:document>` },
    ]);
    expect(show((await readDocument(buf)).blocks)).toEqual(FORM_TABLE);
  });
  it("a PDF, one line a cell", async () => {
    // (a last line of only a number would be a page number: a sentence follows the form)
    const buf = pdfOf([{ ops: [...FORM, "以上为基本情况。"].map((t, i) => text(72, 100 + i * 40, t)) }]);
    expect(show((await readDocument(buf)).blocks)).toEqual([...FORM_TABLE, "以上为基本情况。"]);
  });
});

const read = (...lines: string[]) =>
  recoverStructure(
    model(
      "txt",
      lines.map((l) => para(l)),
    ),
  ).blocks;

describe("a page dumped on one line", () => {
  const page = [
    "source: https://example.gov.cn/a.html",
    "某县水利局2023年度部门整体支出绩效自评报告",
    "发布机构：某县财政局",
    "评价单位(公章)：某县水利局",
    "一、部门基本情况",
    "（一）部门概况",
    "某县水利局为县政府工作部门，内设办公室、规划股、建设股和水政监察大队4个股室，主要负责全县水利工程建设与管理、水资源保护、防汛抗旱和农村饮水安全等工作，全年完成水利投资三亿元，新建和改造农村供水工程四十二处。本单位2023年度支出 1,234.56 万元。",
    "编制数",
    "2023 年实际在职人数",
    "控制率",
    "31",
    "30",
    "96.8%",
    "二、绩效自评结论",
  ];
  it("is cut where its lines began: labels, headings, titles, sentences, cells", () => {
    // the lines as they were, the six cell lines one rebuilt table
    expect(show(read(page.join(" ")))).toEqual([...page.slice(0, 7), "[编制数|2023 年实际在职人数|控制率 / 31|30|96.8%]", page[13]]);
  });
  it("prose a PDF spaced keeps its figures with their units and its sentences whole", () => {
    const prose = `${"本部门认真开展绩效自评工作，".repeat(20)}县委组织部 2020 年度“三公”经费 决算为 7.04 万元，比预算减少 0.16 万元。`;
    expect(show(read(prose))).toEqual([prose]);
  });
  it("is only a paragraph that is most of the document's text, long and spaced next to Chinese", () => {
    // (its lines without the table: a header and its row on one line are rebuilt wherever they stand)
    const long = page.slice(0, 7).join(" ");
    expect(read(long)).toHaveLength(7);
    // beside as much other text, it is a paragraph like any other
    expect(read(long, "正".repeat(long.length + 10))).toHaveLength(2);
    // short: a line with spaces
    expect(show(read("发布机构：某县财政局 评价单位：某县水利局"))).toEqual(["发布机构：某县财政局 评价单位：某县水利局"]);
    // long, but no space beside a Chinese character
    expect(read(`${"a b ".repeat(100)}`)).toHaveLength(1);
  });
  it("relineDump keeps a year with its 年 and a number with its unit", () => {
    expect(relineDump("一、收支情况 2023 年收入 12.5 万元。 二、目标")).toEqual(["一、收支情况", "2023 年收入 12.5 万元。", "二、目标"]);
  });
});

describe("hard-wrapped lines", () => {
  const para1 =
    "本单位2023年度部门整体支出绩效自评工作按照县财政局的统一部署开展，成立了自评工作领导小组，对全年预算执行情况进行了全面梳理。";
  const para2 = "全年部门整体支出1,234.56万元，预算执行率为98.5%，较上年提高了两个百分点，各项绩效目标基本完成。";
  const wrap = (s: string, w: number) => s.match(new RegExp(`.{1,${w}}`, "gu")) ?? [];
  it("are joined into their paragraphs where most long lines share one width", () => {
    expect(show(read("一、基本情况", ...wrap(para1, 20), "二、收支情况", ...wrap(para2, 20)))).toEqual([
      "一、基本情况",
      para1,
      "二、收支情况",
      para2,
    ]);
  });
  it("a heading after a full line is not joined to it; lines of different widths are not joined", () => {
    const first = (para1 + para2).slice(0, 80);
    expect(show(read(...wrap(first, 20), "二、收支情况"))).toEqual([first, "二、收支情况"]);
    expect(show(read(para1, para2))).toEqual([para1, para2]);
  });
  it("wrapWidth: the length four or more lines and a third of the long ones share, and few exceed", () => {
    expect(wrapWidth([20, 20, 20, 20, 7, 12, 19])).toBe(20);
    // ten lines at the width allow one longer line, not two
    expect(wrapWidth([...Array(10).fill(20), 35, 7])).toBe(20);
    expect(wrapWidth([...Array(10).fill(20), 35, 36])).toBeNull();
    // four equal lines of metadata among long paragraphs
    expect(wrapWidth([16, 16, 16, 16, 80, 120, 60])).toBeNull();
    expect(wrapWidth([20, 20, 20, 7])).toBeNull();
    expect(wrapWidth([20, 20, 20, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29])).toBeNull();
    expect(wrapWidth([10, 10, 10, 10, 10])).toBeNull();
  });
  it("a line ended by leaders (a table of contents) goes on to no next line", () => {
    const toc = [
      "一、部门主要职能…………………………3",
      "二、部门机构设置…………………………4",
      "三、名词解释………………………………5",
      "四、部门预算编制说明……………………6",
    ];
    expect(show(read(...toc))).toEqual(toc);
  });
});

describe("a quoted term cut by a line break", () => {
  it("is joined (“三 / 公”经费)", () => {
    expect(show(read("严格控制“三", "公”经费支出，全年支出2.1万元。"))).toEqual(["严格控制“三公”经费支出，全年支出2.1万元。"]);
    expect(show(read("他说“好", "一、方案”"))).toEqual(["他说“好", "一、方案”"]);
    expect(show(read("严格控制“三", "公经费支出"))).toEqual(["严格控制“三", "公经费支出"]);
  });
});
