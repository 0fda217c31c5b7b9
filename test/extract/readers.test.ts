import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { detectFormat } from "../../src/extract/detect.js";
import { renderText } from "../../src/extract/document.js";
import { buildContext } from "../../src/extract/extract.js";
import { ocrAvailable } from "../../src/extract/ocr.js";
import { readDocument } from "../../src/extract/read.js";
import { readDocx } from "../../src/extract/readers/docx.js";
import { format } from "../../src/extract/readers/docx-numbering.js";
import { garbledText, loadMupdf, readPdf, stextDirect, walkStext } from "../../src/extract/readers/pdf.js";
import { decodeText } from "../../src/extract/readers/text.js";
import { zipEntries, zipEntryData } from "../../src/extract/zip.js";
import type { DocModel, Table } from "../../src/model.js";
import { FIXTURES, shared } from "../helpers.js";
import { jixiao } from "../run.js";
import { cer } from "./cer.js";

const fx = (...p: string[]) => readFileSync(join(FIXTURES, ...p));
const textOf = (d: DocModel) => renderText(d).text;
const SEEDS = ["000_02982db791a3379a", "001_7677739c59076178", "002_ead4207e0aef5641", "003_cfc37400837c5c83", "004_70a4941c04d84bdd"];
const seedText = (n: string) => readFileSync(join(FIXTURES, "reports", "seeds", `${n}.txt`), "utf8");

describe("format detection by content", () => {
  it("recognises each fixture whatever its name", () => {
    expect(detectFormat(fx("reports", "seeds-as", "pdf", `${SEEDS[0]}.pdf`))).toBe("pdf");
    expect(detectFormat(fx("reports", "seeds-as", "docx", `${SEEDS[0]}.docx`))).toBe("docx");
    expect(detectFormat(fx("reports", "seeds", `${SEEDS[0]}.txt`))).toBe("txt");
    expect(detectFormat(fx("reports", "variants", "txt", "v01_nongye_gbk.txt"))).toBe("txt");
    expect(detectFormat(Buffer.from("<!DOCTYPE html><html><body>x</body></html>"))).toBe("html");
  });
  it("refuses empty, binary and non-Word zip files with a reason", () => {
    expect(() => detectFormat(Buffer.alloc(0))).toThrow("empty file");
    expect(() => detectFormat(Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 9]))).toThrow(/unrecognised binary/);
    expect(() => detectFormat(fx("broken", "not-word.docx"))).toThrow(/not a Word document/);
    expect(detectFormat(fx("broken", "really-a-pdf.docx"))).toBe("pdf");
    expect(detectFormat(fx("broken", "really-html.doc"))).toBe("html");
  });
});

describe("text reader", () => {
  it("reads UTF-8 seeds, with a tab-separated table as rows and cells", async () => {
    const d = await readDocument(fx("reports", "seeds", `${SEEDS[3]}.txt`));
    expect(d.format).toBe("txt");
    const tables = d.blocks.filter((b): b is Table => b.kind === "table");
    const rows = tables.reduce((n, t) => n + t.rows.length, 0);
    expect(rows).toBeGreaterThanOrEqual(25);
    expect(tables.some((t) => t.rows.some((r) => r.map((c) => c.text).includes("基本支出预算执行率")))).toBe(true);
    expect(textOf(d)).not.toContain("[bookmark:");
  });
  it("detects GBK and decodes it", async () => {
    const buf = fx("reports", "variants", "txt", "v01_nongye_gbk.txt");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(buf)).toThrow();
    const d = await readDocument(buf);
    expect(d.engine).toBe("text/GB18030");
    expect(cer(readFileSync(join(FIXTURES, "src", "variants", "v01_nongye_gbk.txt"), "utf8"), textOf(d))).toBe(0);
  });
  it("decodes UTF-16 with a BOM and GB2312-declared HTML", () => {
    const s = "部门整体支出绩效自评报告（２０２４年度）";
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(s, "utf16le")])).text).toBe(s);
    expect(decodeText(iconv.encode(s, "gbk"), "gb2312").text).toBe(s);
  });
});

/** every .docx under a folder, recursively */
function docxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? docxFiles(join(dir, e.name)) : e.name.endsWith(".docx") ? [join(dir, e.name)] : [],
  );
}

describe("docx reader (own WordprocessingML reader, mammoth as fallback)", () => {
  const paras = (d: DocModel) => d.blocks.flatMap((b) => (b.kind === "paragraph" ? [b.text] : []));
  it("reads fields, tracked changes, content controls, text boxes, merged and nested cells, heading styles and footnotes", async () => {
    const d = await readDocx(fx("docx", "constructs.docx"));
    expect(d.engine).toBe("docx-xml");
    expect(d.messages).toEqual([]);
    const p = paras(d);
    expect(d.blocks[0]).toMatchObject({ kind: "paragraph", headingLevel: 1, text: "某某镇人民政府2023年度部门整体支出绩效自评报告" });
    expect(d.blocks[1]).toMatchObject({ headingLevel: 2, text: "一、部门基本情况" });
    expect(p).toContain("年初预算1,200.00万元。"); // field result, not its instruction
    expect(p).toContain("全年支出1,150.00万元，预算执行率95.83%。"); // insertion kept, deletion dropped
    expect(p).toContain("详见公开网站链接（控件内容）");
    expect(p).toEqual(expect.arrayContaining(["第一行", "第二行 同一行"]));
    // the text box follows its paragraph once (DrawingML choice and VML fallback hold the same text)
    expect(p.filter((t) => t === "文本框：自评得分95分")).toHaveLength(1);
    expect(p.indexOf("文本框：自评得分95分")).toBe(p.indexOf("见右侧文本框") + 1);
    expect(p).toContain("三公经费支出12.5万元。"); // no footnote marker inside the number's sentence
    expect(p).toContain("合并的段落"); // a deleted paragraph mark joins the two paragraphs
    expect(p).toContain("控件中的段落");
    expect(p[p.length - 1]).toBe("含公务接待费3.2万元。"); // the footnote, at the end
    const tables = d.blocks.filter((b): b is Table => b.kind === "table");
    expect(tables).toHaveLength(2);
    expect(tables[0].rows.map((r) => r.map((c) => [c.text, c.colspan, c.rowspan]))).toEqual([
      [
        ["一级指标", 1, 1],
        ["分值 （分）", 1, 1],
        ["得分", 1, 1],
      ],
      [
        ["产出", 1, 2],
        ["20", 1, 1],
        ["19", 1, 1],
      ],
      [
        ["10", 1, 1],
        ["10", 1, 1],
      ],
      [
        ["合计", 2, 1],
        ["29 内表", 1, 1],
      ],
    ]);
    expect(tables[1].rows.map((r) => r.map((c) => c.text))).toEqual([["内", "表"]]);
  });
  it("gives the same blocks as mammoth's HTML, footnote markers aside", async () => {
    const buf = fx("docx", "constructs.docx");
    const own = await readDocx(buf, { docxEngine: "xml" });
    const mam = await readDocx(buf, { docxEngine: "mammoth" });
    expect(mam.engine).toBe("mammoth");
    const unmark = (d: DocModel) => JSON.parse(JSON.stringify(d.blocks).replace(/\[\d+\]|\s*↑/g, ""));
    expect(unmark(own)).toEqual(unmark(mam));
  });
  it("gives exactly mammoth's blocks for every bundled .docx", async () => {
    const files = [...docxFiles(join(FIXTURES, "reports")), ...docxFiles(join(FIXTURES, "labelled-as"))];
    expect(files.length).toBeGreaterThanOrEqual(45);
    for (const f of files) {
      const buf = readFileSync(f);
      const own = await readDocx(buf, { docxEngine: "xml" });
      const mam = await readDocx(buf, { docxEngine: "mammoth" });
      expect(own.blocks, f).toEqual(mam.blocks);
    }
  }, 60_000);
  it("hands a document it cannot read (default-namespace WordprocessingML) to mammoth, with a warning", async () => {
    const d = await readDocx(fx("docx", "default-namespace.docx"));
    expect(d.engine).toBe("mammoth");
    expect(d.messages[0]).toMatchObject({ code: "docx_fallback" });
    expect(paras(d)).toContain("年初预算1,200.00万元。");
    await expect(readDocx(fx("docx", "default-namespace.docx"), { docxEngine: "xml" })).rejects.toThrow(/no w:body/);
  });
  it("names the damaged part when a zip entry's compressed data is corrupt", async () => {
    const buf = Buffer.from(fx("docx", "constructs.docx"));
    const e = zipEntries(buf).find((x) => x.name === "word/document.xml")!;
    const data = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
    buf.fill(0xff, data + 10, data + 60); // garbage inside the deflate stream
    await expect(readDocx(buf)).rejects.toThrow(/^damaged zip archive \(word\/document\.xml: .+\)$/);
    const r = await readDocument(buf).catch((err: Error) => err);
    expect((r as { code?: string }).code).toBe("corrupt");
  });
  it("refuses a zip entry that inflates beyond the size its directory declares", () => {
    const buf = Buffer.from(fx("docx", "constructs.docx"));
    const e = zipEntries(buf).find((x) => x.name === "word/document.xml")!;
    expect(zipEntryData(buf, e).toString("utf8")).toContain("<w:body>");
    // lower the declared size in the central directory: inflating must stop there
    const cd = buf.indexOf(Buffer.concat([Buffer.from([0x50, 0x4b, 0x01, 0x02])]), buf.length - 2000);
    let at = cd;
    while (at >= 0 && buf.subarray(at + 46, at + 46 + e.name.length).toString() !== e.name)
      at = buf.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4);
    expect(at).toBeGreaterThan(0);
    buf.writeUInt32LE(100, at + 24);
    const lying = zipEntries(buf).find((x) => x.name === "word/document.xml")!;
    expect(lying.uncompressed).toBe(100);
    expect(() => zipEntryData(buf, lying)).toThrow(/^zip bomb: word\/document\.xml inflates beyond its declared 100 bytes$/);
  });
});

describe("docx symbol fonts", () => {
  it("reads Wingdings check boxes written as w:sym or as a symbol-font run, as Unicode", async () => {
    const d = await readDocx(fx("docx", "symbols.docx"));
    const texts = d.blocks.map((b) => (b.kind === "paragraph" ? b.text : ""));
    expect(texts[0]).toBe("评价等级：\u{1F5F9}优\u{1F78E}良\u{1F78E}中☒差"); // 🗹 checked, 🞎 empty, ☒ crossed (Wingdings 2)
    expect(texts[1]).toBe("未知符号。"); // a symbol of an unknown font is left out
    expect(texts[2]).toBe("注音：绩效。"); // a ruby's base text, not its pinyin guide
    // w:sym as mammoth reads it
    const mam = await readDocx(fx("docx", "symbols.docx"), { docxEngine: "mammoth" });
    expect((mam.blocks[0] as { text: string }).text.replace(/[\uf000-\uf0ff]/g, "")).toBe(texts[0].replace("\u{1F78E}中", "中"));
  });
});

describe("docx automatic numbering (numbering.xml)", () => {
  it("renders Word's list numbers and numbered heading styles, counting as Word does", async () => {
    const d = await readDocx(fx("docx", "numbering.docx"));
    expect(d.engine).toBe("docx-xml");
    expect(d.blocks.map((b) => (b.kind === "paragraph" ? b.text : b.rows.map((r) => r.map((c) => c.text).join("|")).join("/")))).toEqual([
      "第一部分 部门整体支出绩效自评报告", // numbered through the Heading 1 style
      "一、部门基本情况",
      "（一）部门职能",
      "1.负责全镇经济发展。",
      "2.负责社会事务。",
      "（二）机构设置",
      "1.内设机构5个。", // a deeper level restarts under a new parent
      "一个要点", // a bullet is not a number
      "三、绩效自评结论", // an empty numbered paragraph still counts
      "5.从五开始", // startOverride
      "① 第一项",
      "甲.甲项",
      "第二部分 评价结论",
      "（一）表内编号|95",
    ]);
    expect(d.blocks[0]).toMatchObject({ headingLevel: 1 });
  });
  it("gives the section tree its numbered headings back", async () => {
    const ctx = buildContext(await readDocx(fx("docx", "numbering.docx")));
    const heads = ctx.sections.headings.map((h) => [h.title, h.level]);
    expect(heads).toEqual(
      expect.arrayContaining([
        ["一、部门基本情况", 1],
        ["（一）部门职能", 2],
        ["（二）机构设置", 2],
        ["三、绩效自评结论", 1],
      ]),
    );
  });
  it("formats counters as Word's number formats", () => {
    expect([1, 10, 11, 20, 21, 100, 105, 110, 1001].map((n) => format(n, "chineseCounting"))).toEqual([
      "一",
      "十",
      "十一",
      "二十",
      "二十一",
      "一百",
      "一百零五",
      "一百一十",
      "一千零一",
    ]);
    expect(format(10, "chineseLegalSimplified")).toBe("壹拾");
    expect(format(3, "ideographTraditional")).toBe("丙");
    expect(format(2, "decimalEnclosedCircle")).toBe("②");
    expect(format(12, "decimalFullWidth")).toBe("１２");
    expect(format(4, "upperRoman")).toBe("IV");
    expect(format(27, "lowerLetter")).toBe("aa");
    expect(format(7, "someFutureFormat")).toBe("7");
  });
});

describe("docx reader (seeds)", () => {
  it.each(SEEDS)("reads %s.docx with the source's words", async (n) => {
    const d = await readDocument(fx("reports", "seeds-as", "docx", `${n}.docx`));
    expect(d.format).toBe("docx");
    expect(cer(seedText(n), textOf(d))).toBeLessThanOrEqual(0.005);
    // the running header and page-number footer are not body text
    expect(textOf(d)).not.toMatch(/^- ?\d+ ?-$/m);
  });
  it("keeps merged table cells with their spans, and heading styles", async () => {
    const d = await readDocument(fx("reports", "seeds-as", "docx", `${SEEDS[3]}.docx`));
    const cells = d.blocks.filter((b): b is Table => b.kind === "table").flatMap((t) => t.rows.flat());
    expect(cells.some((c) => c.rowspan > 1 && c.text === "部门管理")).toBe(true);
    expect(cells.some((c) => c.colspan > 1 && c.text.startsWith("1. 促进经济发展"))).toBe(true);
    expect(d.blocks.some((b) => b.kind === "paragraph" && b.headingLevel === 1 && b.text.startsWith("一、基本情况"))).toBe(true);
  });
});

describe("doc reader (word-extractor)", () => {
  it.each(SEEDS)("reads %s.doc (Word 97) with the source's words", async (n) => {
    const d = await readDocument(fx("reports", "seeds-as", "doc", `${n}.doc`));
    expect(d.format).toBe("doc");
    expect(cer(seedText(n), textOf(d))).toBeLessThanOrEqual(0.01);
  });
  it("recovers the rows of a table whose rows all have the same number of cells", async () => {
    const d = await readDocument(fx("reports", "seeds-as", "doc", `${SEEDS[3]}.doc`));
    expect(textOf(d)).toMatch(/^部门管理\t资金投入\t基本支出预算执行率\t100%\t100\t%\t2\t100\.00%\t2$/m);
    expect(textOf(d)).toMatch(/^总分\t+100\t+91\.93$/m);
  });
});

describe("html reader", () => {
  it.each(SEEDS)("reads the article of %s's web page, not its navigation or footer", async (n) => {
    const dir = join(FIXTURES, "reports", "seeds-as", "html");
    const file = readdirSync(dir).find((f) => f.startsWith(n))!;
    const d = await readDocument(readFileSync(join(dir, file)));
    expect(d.format).toBe("html");
    const t = textOf(d);
    expect(t).not.toMatch(/首页|ICP备|分享到|打印本页|索引号|浏览次数/);
    // the page adds its title heading above the report
    expect(cer(seedText(n), t)).toBeLessThanOrEqual(0.02);
  });
  it("honours a GB2312 declaration (served as GBK) and a .doc name", async () => {
    const buf = fx("reports", "seeds-as", "html", "001_7677739c59076178.doc");
    expect(buf.includes("charset=gb2312")).toBe(true);
    const d = await readDocument(buf);
    expect(d.engine).toBe("htmlparser2/GB18030");
    expect(textOf(d)).toContain("沅陵县明溪口镇人民政府");
  });
  it("keeps merged cells of HTML tables", async () => {
    const d = await readDocument(fx("reports", "seeds-as", "html", `${SEEDS[3]}.html`));
    const cells = d.blocks.filter((b): b is Table => b.kind === "table").flatMap((t) => t.rows.flat());
    expect(cells.some((c) => c.rowspan === 10 && c.text === "部门管理")).toBe(true);
  });
});

describe("scanned PDF (OCR)", () => {
  const scanned = () => fx("scanned", "001_7677739c59076178.pdf");
  it(
    ocrAvailable().ok
      ? "reads a scan with tesseract: CER ≤ 10%, numbers flagged as OCR"
      : "without tesseract a scan fails and names the package to install",
    async () => {
      if (!ocrAvailable().ok) {
        await expect(readDocument(scanned())).rejects.toThrow(/tesseract-ocr/);
        return;
      }
      const d = await readDocument(scanned());
      expect(d.engine).toBe("mupdf+tesseract");
      const src = await readDocument(fx("reports", "seeds-as", "pdf", "001_7677739c59076178.pdf"));
      const upTo4 = (x: DocModel) =>
        x.blocks
          .filter((b) => (b.page ?? 0) <= 4)
          .map((b) => (b.kind === "paragraph" ? b.text : ""))
          .join("")
          .normalize("NFKC");
      expect(cer(upTo4(src), upTo4(d))).toBeLessThanOrEqual(0.1);
      const { extractFields } = await import("../../src/extract/extract.js");
      const score = extractFields(d).fields.self_score!;
      expect(score.value).toBe(96);
      expect(score.rule).toMatch(/\+ocr$/);
      expect(score.confidence).toBeLessThan(0.9);
    },
  );
  it("with tesseract missing from PATH, the import names the package and carries on", () => {
    const r = jixiao(["extract", "--jsonl", join(FIXTURES, "scanned", "001_7677739c59076178.pdf")], {
      env: { JIXIAO_TESSERACT: "/nonexistent/tesseract" },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /scanned PDF without a text layer: tesseract is not installed \(install tesseract-ocr and tesseract-ocr-chi-sim\)/,
    );
  });
});

describe("pdf reader", () => {
  const NO_TABLE = SEEDS;
  it.each(NO_TABLE)("LibreOffice PDF %s: source words in reading order, headers, footers and page numbers removed", async (n) => {
    const d = await readDocument(fx("reports", "seeds-as", "pdf", `${n}.pdf`));
    expect(d.engine).toBe("mupdf");
    expect(d.pages).toBeGreaterThan(1);
    const t = textOf(d);
    expect(cer(seedText(n), t)).toBeLessThanOrEqual(0.02);
    expect(t).not.toMatch(/^- ?\d+ ?-$/m);
  });
  it.each(NO_TABLE)("CID-font PDF %s (STSong-Light, not embedded) reads with MuPDF and with pdf.js", async (n) => {
    const buf = fx("reports", "seeds-as", "pdf-cid", `${n}.pdf`);
    // pdf.js (the fallback) does not rebuild ruled tables: the seed with a table is checked with MuPDF only
    for (const engine of n === SEEDS[3] ? (["mupdf"] as const) : (["mupdf", "pdfjs"] as const)) {
      const d = await readPdf(buf, { engine });
      expect(cer(seedText(n), textOf(d))).toBeLessThanOrEqual(0.02);
    }
  });
  it("re-joins a number that a line wrap split from its keyword", async () => {
    const d = await readDocument(fx("reports", "seeds-as", "pdf", `${SEEDS[2]}.pdf`));
    expect(textOf(d).replace(/\s/g, "")).toContain("项目支出33757.27万元");
  });
  it.each(["pdf", "pdf-cid"])(
    "rebuilds ruled tables from the drawn grid (%s): wrapped cells stay whole, merged cells keep their spans",
    async (kind) => {
      const d = await readDocument(fx("reports", "seeds-as", kind, `${SEEDS[3]}.pdf`));
      const t = textOf(d);
      expect(cer(seedText(SEEDS[3]), t)).toBeLessThanOrEqual(0.02);
      expect(t).toMatch(/^部门管理\t资金投入\t基本支出预算执行率\t100%\t100\t%\t2\t100\.00%\t2\t$/m);
      const cells = d.blocks.filter((b): b is Table => b.kind === "table").flatMap((x) => x.rows.flat());
      // LibreOffice breaks this table across two pages, which splits the merged cell
      expect(cells.find((c) => c.text === "部门管理")?.rowspan).toBe(kind === "pdf-cid" ? 10 : 2);
      expect(cells.find((c) => c.text.startsWith("1.促进经济发展") || c.text.startsWith("1. 促进经济发展"))?.colspan).toBeGreaterThan(1);
    },
  );
  it("reads the tables of a real Word-made PDF as rows and cells", async () => {
    const d = await readDocument(readFileSync(shared("realpdf", "putuo-ghzy-2024-juesuan.pdf")));
    expect(textOf(d)).toMatch(/^本年收入合计\t9746\.50\t本年支出合计\t9759\.38$/m);
  });
  it("takes table rules from the structured text's vector blocks: the same tables as a second pass through a device", async () => {
    for (const buf of [
      fx("reports", "seeds-as", "pdf", `${SEEDS[3]}.pdf`),
      fx("reports", "seeds-as", "pdf-cid", `${SEEDS[3]}.pdf`),
      readFileSync(shared("realpdf", "putuo-czj-2024-juesuan.pdf")),
      // cells painted white inside their rules, two tables' sides 0.2 pt apart
      readFileSync(shared("real-dev", "budget", "f019.pdf")),
    ]) {
      const vectors = await readPdf(buf, { ocr: false, rules: "vectors" });
      const device = await readPdf(buf, { ocr: false, rules: "device" });
      expect(vectors.blocks.some((b) => b.kind === "table")).toBe(true);
      expect(vectors.blocks).toEqual(device.blocks);
    }
  });
  it("reads characters through MuPDF's C getters exactly as mupdf.js' walk() reports them", async () => {
    const mupdf = await loadMupdf();
    expect(stextDirect()).toBe(true); // the pinned mupdf exposes the getters; else walkStext falls back to walk()
    for (const buf of [fx("reports", "seeds-as", "pdf", `${SEEDS[3]}.pdf`), fx("scanned", `${SEEDS[1]}.pdf`)]) {
      const doc = mupdf.Document.openDocument(buf, "application/pdf");
      for (let i = 0; i < doc.countPages(); i++) {
        const page = doc.loadPage(i);
        const st = page.toStructuredText("preserve-whitespace,preserve-images,vectors");
        const events = (direct: boolean) => {
          const out: unknown[] = [];
          walkStext(
            st,
            {
              onChar: (c, ox, oy, size, x0, y0, x1, y1) => out.push(["c", c, ox, oy, size, x0, y0, x1, y1]),
              onImage: (b) => out.push(["i", Array.from(b)]),
              onVector: (b, rect, rgb) => out.push(["v", Array.from(b), rect, rgb]),
            },
            direct,
          );
          return out;
        };
        const direct = events(true);
        expect(direct.length).toBeGreaterThan(0);
        expect(direct).toEqual(events(false));
        st.destroy();
        page.destroy();
      }
      doc.destroy();
    }
  });
  it("a text layer whose fonts lost their Unicode maps is garbage in every engine: judged by one check, read by OCR, flagged", async () => {
    const buf = readFileSync(join(FIXTURES, "broken", "no-tounicode.pdf"));
    // MuPDF gives U+FFFD, pdf.js glyph numbers as control characters: neither is accepted as text
    const plain = await readPdf(buf, { ocr: false });
    expect(plain.messages.find((m) => m.code === "text_layer_garbled")?.message).toMatch(
      /^pages 1, 2, 3, 4, 5, 6: the text layer is garbled \(fonts without a Unicode map\) and OCR is not available/,
    );
    expect(garbledText("\u0001\u0005\u0002\u0003 1\u0006 \u0004\u0001 45 j\u0008\u0012\u0016 9\u0001\u0002\u0003\u0004\u0005\u0006")).toBe(
      true,
    );
    expect(garbledText("!#$%&'()*+,-./:;<=>?@[]^_`{|}~!#$%&'()")).toBe(true);
    expect(garbledText("某县水利局2024年度部门整体支出绩效自评报告 (一) 部门概况: 编制12人。")).toBe(false);
    expect(garbledText("Annual report 2024: budget, spending and staff (12 persons).")).toBe(false);
    if (!ocrAvailable().ok) return;
    const ocr = await readPdf(buf);
    expect(ocr.engine).toBe("mupdf+tesseract");
    expect(ocr.messages.find((m) => m.code === "text_layer_garbled")?.message).toMatch(/read by OCR instead$/);
    const text = ocr.blocks.map((b) => (b.kind === "paragraph" ? b.text : "")).join("");
    expect(text).toMatch(/从化区.田镇人民政府/);
  }, 120_000);
  it("refuses a page count over the limit", async () => {
    await expect(readPdf(fx("reports", "seeds-as", "pdf", `${SEEDS[0]}.pdf`), { maxPages: 1 })).rejects.toThrow(/more than the limit of 1/);
  });
});

describe("real published PDFs (../shared/realpdf)", () => {
  it.each([
    ["putuo-ghzy-2024-juesuan.pdf", 30, "上海市普陀区规划和自然资源局"],
    ["putuo-shgzb-2024-juesuan.pdf", 24, "中共上海市普陀区委社会工作部"],
    ["putuo-czj-2024-juesuan.pdf", 25, "上海市普陀区财政局"],
    ["juesuan-template-2024.pdf", 23, "上海市XX"],
  ])("%s: %i pages, the unit's name, no garbling", async (file, pages, name) => {
    const d = await readDocument(readFileSync(shared("realpdf", file)));
    expect(d.pages).toBe(pages);
    const t = textOf(d);
    expect(t.replace(/\s/g, "")).toContain(name);
    expect(t).not.toMatch(/[\ufffd\ue000-\uf8ff]/);
    expect(d.messages.filter((m) => m.level !== "info")).toEqual([]);
  });
  it("pdf.js reads the Word-made PDF too (fallback engine)", async () => {
    const d = await readPdf(readFileSync(shared("realpdf", "putuo-ghzy-2024-juesuan.pdf")), { engine: "pdfjs" });
    expect(textOf(d).replace(/\s/g, "")).toContain("本年支出合计9759.38万元");
  });
});
