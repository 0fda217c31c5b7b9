/**
 * The .doc reader (readers/doc.ts) in process: the rows of a Word table recovered from the one line of
 * tab-ended fields word-extractor makes of it, and a real .doc read, and refused when its sector
 * chains are broken.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDoc, recoverRows } from "../../../src/extract/readers/doc.js";
import { FIXTURES } from "../../helpers.js";

/** rows of cells as word-extractor gives them: each cell, then an empty field for the row's end */
const flat = (rows: string[][]) => `${rows.map((r) => `${r.join("\t")}\t`).join("\t")}\t`;

describe("recoverRows", () => {
  it("finds the smallest cell count whose every (N+1)-th field is empty, and puts each row on its line", () => {
    expect(
      recoverRows(
        flat([
          ["项目", "预算", "执行"],
          ["收入", "10", "9"],
          ["支出", "8", "8"],
        ]),
      ),
    ).toBe("项目\t预算\t执行\n收入\t10\t9\n支出\t8\t8");
    expect(
      recoverRows(
        flat([
          ["甲", "乙"],
          ["1", "2"],
          ["3", "4"],
        ]),
      ),
    ).toBe("甲\t乙\n1\t2\n3\t4");
  });
  it("the first row may have one empty cell (a corner), not two", () => {
    const corner = flat([
      ["", "预算", "执行"],
      ["收入", "10", "9"],
    ]);
    expect(recoverRows(corner)).toBe("\t预算\t执行\n收入\t10\t9");
    const two = flat([
      ["", " ", "执行"],
      ["收入", "10", "9"],
    ]);
    expect(recoverRows(two)).toBe(two);
  });
  it("leaves lines with fewer than six tabs, one row, rows of different widths and other lines as they are", () => {
    expect(recoverRows("a\tb\t\tc\td\t")).toBe("a\tb\t\tc\td\t");
    const one = `${["甲", "乙", "丙", "丁", "戊", "己"].join("\t")}\t\t`;
    expect(recoverRows(one)).toBe(one);
    const ragged = "甲\t乙\t\t丙\t丁\t戊\t\t1\t\t";
    expect(recoverRows(ragged)).toBe(ragged);
    expect(
      recoverRows(
        `正文第一行\n${flat([
          ["a", "b"],
          ["c", "d"],
          ["e", "f"],
        ])}\n正文第二行`,
      ),
    ).toBe("正文第一行\na\tb\nc\td\ne\tf\n正文第二行");
  });
  it("six tabs are enough, five are not; the last row needs its row-end mark", () => {
    expect(recoverRows("甲\t乙\t\t1\t2\t\t")).toBe("甲\t乙\n1\t2");
    expect(recoverRows("甲\t乙\t\t1\t2\t")).toBe("甲\t乙\t\t1\t2\t");
    expect(recoverRows("甲\t乙\t\t1\t2\t\t3\t4\t")).toBe("甲\t乙\t\t1\t2\t\t3\t4\t");
  });
  it("a table of 40 cells a row is recovered; 41 is not tried", () => {
    const row = (n: number, c: string) => Array.from({ length: n }, (_, i) => `${c}${i}`);
    const forty = flat([row(40, "h"), row(40, "v")]);
    expect(recoverRows(forty).split("\n")).toHaveLength(2);
    const fortyOne = flat([row(41, "h"), row(41, "v")]);
    expect(recoverRows(fortyOne)).toBe(fortyOne);
  });
});

describe("readDoc", () => {
  it("reads a .doc's paragraphs and tables", async () => {
    const d = await readDoc(readFileSync(join(FIXTURES, "reports", "seeds-as", "doc", "003_cfc37400837c5c83.doc")));
    expect(d).toMatchObject({ format: "doc", pages: null, engine: "word-extractor", messages: [] });
    expect(d.blocks.some((b) => b.kind === "table" && b.rows.length > 2)).toBe(true);
    expect(d.blocks.some((b) => b.kind === "paragraph" && b.text.includes("绩效"))).toBe(true);
    expect(d.blocks.some((b) => b.kind === "paragraph" && b.text.includes("\r"))).toBe(false);
  });
  it("refuses a compound file whose sector chains are broken, before word-extractor sees it", async () => {
    await expect(readDoc(readFileSync(join(FIXTURES, "broken", "ole-beyond.doc")))).rejects.toMatchObject({
      code: "corrupt",
      message: "corrupt .doc (OLE2): the FAT points at sector 2147483392, beyond the file's 58 sectors",
    });
  });
});
