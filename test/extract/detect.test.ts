/** Format by content, never by name: each signature, the zips that are not Word documents, text against binary. */
import { describe, expect, it } from "vitest";
import { detectFormat } from "../../src/extract/detect.js";
import { zipOf } from "./zipfile.js";

const refused = (buf: Buffer) => {
  try {
    return `${detectFormat(buf)} (not refused)`;
  } catch (e) {
    return `${(e as { code: string }).code}: ${(e as Error).message}`;
  }
};
const utf16 = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, "utf16le")]);

describe("detectFormat", () => {
  it.each([
    ["a PDF", "pdf", Buffer.from("%PDF-1.7\n…")],
    ["a PDF after junk bytes", "pdf", Buffer.concat([Buffer.alloc(200, 0x20), Buffer.from("%PDF-1.4")])],
    ["a Word zip", "docx", zipOf([{ name: "[Content_Types].xml" }, { name: "word/document.xml", data: "<w:document/>" }])],
    ["a Word zip with document2.xml", "docx", zipOf([{ name: "word/document2.xml" }])],
    ["an OLE2 compound file", "doc", Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)])],
    ["HTML", "html", Buffer.from("<!DOCTYPE html><html><body>报告</body></html>")],
    ["HTML after a comment and spaces", "html", Buffer.from("  <!-- saved -->\n<HTML lang=zh>")],
    ["HTML starting at <meta>", "html", Buffer.from("<meta charset=gbk><title>x</title>")],
    [
      "HTML saved from a server page (JSP directives first)",
      "html",
      Buffer.from('<%@ page language="java"\n\tpageEncoding="UTF-8"%>\n<%@ taglib prefix="c" uri="x"%>\n<!DOCTYPE html><html>'),
    ],
    [
      "HTML after an XML declaration",
      "html",
      Buffer.from('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'),
    ],
    ["HTML after a UTF-8 BOM", "html", Buffer.from("\ufeff<html>", "utf8")],
    ["HTML in UTF-16LE", "html", utf16("<html><body>x</body></html>")],
    [
      "HTML in UTF-16BE",
      "html",
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from("<html><body>x</body></html>", "utf16le").swap16()]),
    ],
    [
      "HTML in UTF-16BE, an odd byte cut at 1024",
      "html",
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(`<html>${"x".repeat(600)}`, "utf16le").swap16()]),
    ],
    ["text in UTF-16BE", "txt", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from("某县报告 <html>", "utf16le").swap16()])],
    ["text in UTF-16 (NUL bytes with a BOM)", "txt", utf16("某县2023年度绩效自评报告")],
    ["text", "txt", Buffer.from("某县2023年度部门整体支出绩效自评报告\r\n\t一、基本情况\f\x1b")],
    ["text that mentions <html> later", "txt", Buffer.from("报告 <html>")],
    ["text with one control character in a hundred and one", "txt", Buffer.concat([Buffer.from([0x01]), Buffer.alloc(100, 0x41)])],
  ])("%s → %s", (_what, format, buf) => expect(detectFormat(buf)).toBe(format));

  it.each([
    ["an empty file", Buffer.alloc(0), "empty: empty file"],
    [
      "an OpenDocument text",
      zipOf([{ name: "mimetype" }, { name: "content.xml" }]),
      "unsupported: OpenDocument (.odt) files are not supported",
    ],
    [
      "content.xml without a mimetype",
      zipOf([{ name: "content.xml" }]),
      "not_word_zip: zip archive that is not a Word document (no word/document.xml)",
    ],
    ["an Excel workbook", zipOf([{ name: "xl/workbook.xml" }]), "not_word_zip: Excel workbook (.xlsx), not a Word document"],
    [
      "a zip of other things",
      zipOf([{ name: "docs/word/document.xml" }, { name: "word/document.xml.bak" }]),
      "not_word_zip: zip archive that is not a Word document (no word/document.xml)",
    ],
    ["an empty zip (PK\\5\\6)", zipOf([]), "not_word_zip: zip archive that is not a Word document (no word/document.xml)"],
    ["a NUL byte", Buffer.from("abc\0def"), "unrecognised: unrecognised binary file (not PDF, Word, HTML or text)"],
    [
      "one control character in a hundred",
      Buffer.concat([Buffer.from([0x01]), Buffer.alloc(99, 0x41)]),
      "unrecognised: unrecognised binary file (not PDF, Word, HTML or text)",
    ],
  ])("%s is refused", (_what, buf, why) => expect(refused(buf)).toBe(why));

  it("PK without a zip's third byte, or too short, is not read as a zip", () => {
    expect(refused(Buffer.from("PK\x07\x08"))).toMatch(/^unrecognised: /);
    expect(refused(Buffer.from("PK\x03"))).toMatch(/^unrecognised: /);
    expect(refused(Buffer.from("PK\x05\x06"))).toMatch(/^corrupt: damaged zip archive/);
  });
});
