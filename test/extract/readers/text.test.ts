/**
 * The text reader (readers/text.ts) in process: decoding (BOMs, a declared charset, UTF-8, GB18030
 * found by detection), export artefacts, and lines → paragraphs, pages and tab-separated tables.
 */
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { ReadError } from "../../../src/errors.js";
import { decodeText, readText, stripExportArtifacts, textToBlocks } from "../../../src/extract/readers/text.js";

const TEXT = "某县水利局2023年度部门整体支出绩效自评报告。一、基本情况：全年支出一千万元。";

describe("decodeText", () => {
  it("a BOM decides: UTF-8, UTF-16LE, UTF-16BE", () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]))).toEqual({ text: TEXT, encoding: "UTF-8" });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, "utf16le")]))).toEqual({
      text: TEXT,
      encoding: "UTF-16LE",
    });
    const be = Buffer.from(TEXT, "utf16le").swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({ text: TEXT, encoding: "UTF-16BE" });
  });
  it("a declared charset other than UTF-8: GB2312 and GBK read as GB18030", () => {
    const gbk = iconv.encode(TEXT, "gbk");
    for (const declared of ["gb2312", "GBK", "x-gbk", "GB_2312-80"])
      expect(decodeText(gbk, declared), declared).toEqual({ text: TEXT, encoding: "GB18030" });
    expect(decodeText(iconv.encode("某縣水利局績效自評報告", "big5"), "big5")).toEqual({
      text: "某縣水利局績效自評報告",
      encoding: "BIG5",
    });
    // UTF-8 declared, or a charset iconv does not know: decided from the bytes
    expect(decodeText(Buffer.from(TEXT), "utf-8")).toEqual({ text: TEXT, encoding: "UTF-8" });
    expect(decodeText(Buffer.from(TEXT), "utf8")).toEqual({ text: TEXT, encoding: "UTF-8" });
    expect(decodeText(Buffer.from(TEXT), "no-such-charset")).toEqual({ text: TEXT, encoding: "UTF-8" });
  });
  it("undeclared: UTF-8 when it decodes, else GB18030 for Chinese", () => {
    expect(decodeText(Buffer.from(TEXT))).toEqual({ text: TEXT, encoding: "UTF-8" });
    expect(decodeText(iconv.encode(TEXT, "gbk"))).toEqual({ text: TEXT, encoding: "GB18030" });
    // a short text chardet may name another code page for: GB18030 when that reads as Chinese
    expect(decodeText(iconv.encode("自评报告", "gbk"))).toEqual({ text: "自评报告", encoding: "GB18030" });
  });
});

describe("stripExportArtifacts", () => {
  it("removes [bookmark: …] markers", () => {
    expect(stripExportArtifacts("[bookmark: _Toc123]一、基本情况[bookmark: x]")).toBe("一、基本情况");
    expect(stripExportArtifacts("[注]一、基本情况")).toBe("[注]一、基本情况");
  });
});

describe("textToBlocks", () => {
  const brief = (text: string) => {
    const { blocks, pages } = textToBlocks(text);
    return {
      pages,
      blocks: blocks.map((b) =>
        b.kind === "paragraph" ? `${b.page}:${b.text}` : `${b.page}:${b.rows.map((r) => r.map((c) => c.text).join("|")).join(" / ")}`,
      ),
    };
  };
  it("lines are paragraphs, trimmed, blank ones dropped; CRLF and CR are line ends", () => {
    expect(brief("  标题  \r\n\r\n正文一\r正文二\n")).toEqual({ pages: null, blocks: ["null:标题", "null:正文一", "null:正文二"] });
  });
  it("form feeds start pages, numbered from 1", () => {
    expect(brief("第一页\f第二页\n续\f")).toEqual({ pages: 3, blocks: ["1:第一页", "2:第二页", "2:续"] });
  });
  it("a run of tab-separated lines is a table, from a line with two filled cells on; trailing tabs dropped, cells trimmed", () => {
    expect(brief("前言\n项目\t金额\t\t\n 合计 \t 100 \n\t注\n后记")).toEqual({
      pages: null,
      blocks: ["null:前言", "null:项目|金额 / 合计|100 / |注", "null:后记"],
    });
    expect(brief("只有\t\n正文")).toEqual({ pages: null, blocks: ["null:只有", "null:正文"] });
  });
  it("export artefacts are removed before lines are read", () => {
    expect(brief("[bookmark: _Toc1]一、概况")).toEqual({ pages: null, blocks: ["null:一、概况"] });
  });
});

describe("readText", () => {
  it("names the encoding in the engine, and notes one that is not UTF-8", () => {
    expect(readText(Buffer.from(TEXT))).toMatchObject({ format: "txt", pages: null, engine: "text/UTF-8", messages: [] });
    expect(readText(iconv.encode(TEXT, "gbk"))).toMatchObject({
      engine: "text/GB18030",
      messages: [{ level: "info", code: "encoding", message: "decoded as GB18030" }],
    });
  });
  it("refuses text with more than 20 undecodable characters and more than 1 % of them", () => {
    const gbk = iconv.encode(TEXT.repeat(3), "gbk");
    const broken = (pairs: number) => Buffer.concat([gbk, Buffer.from(Array.from({ length: 2 * pairs }, (_, i) => (i % 2 ? 0x20 : 0x81)))]);
    let err: unknown = null;
    try {
      readText(broken(30));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ReadError);
    expect(err).toMatchObject({ code: "bad_encoding", message: "text could not be decoded (GB18030: 30 undecodable characters)" });
    // 20 of them are tolerated
    expect(readText(broken(20)).engine).toBe("text/GB18030");
  });
});
