/**
 * The PDF reader (readers/pdf.ts) in process, on small PDFs built object by object
 * (test/extract/pdffile.ts): both engines, where table rules come from, page boxes that do not start
 * at 0, the limits, damaged and empty files, scans with OCR off and with a stand-in tesseract,
 * and text layers whose fonts lost their Unicode maps.
 */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { glyphsOf } from "../../../src/extract/geometry.js";
import { garbledText, MAX_OCR_PIXELS, ocrScale, readPdf, textQuality, using } from "../../../src/extract/readers/pdf.js";
import type { Block, DocModel } from "../../../src/model.js";
import { FIXTURES } from "../../helpers.js";
import { curve, grid, image, line, lostText, type Op, pdfOf, rect, text } from "../pdffile.js";

const show = (blocks: Block[]) =>
  blocks.map((b) =>
    b.kind === "paragraph" ? `${b.page}: ${b.text}` : `${b.page}: [${b.rows.map((r) => r.map((c) => c.text).join("|")).join(" / ")}]`,
  );
const failure = (p: Promise<unknown>) =>
  p.then(
    () => "read",
    (e: { code?: string; message: string }) => `${e.code}: ${e.message}`,
  );
/** A two-by-two table's cells: 项目 top left, 12 bottom right. */
const CELLS = [text(80, 215, "项目"), text(210, 235, "12")];
const TABLE = ["1: [项目| / |12]"];
/** Glyph boxes of a document's pages, rounded to 0.1 pt. */
const boxes = (d: DocModel) =>
  glyphsOf(d)?.map((g) => ({
    page: g.page,
    size: [g.width, g.height],
    chars: g.chars.join(""),
    boxes: Array.from(g.boxes, (v) => Math.round(v * 10) / 10),
  }));
/** 19 characters */
const LINE = "某县水利局二〇二四年度部门整体支出报告";

describe("readPdf: text, tables and glyphs", () => {
  it("MuPDF reads rows and a ruled table, and keeps each glyph's box", async () => {
    const d = await readPdf(pdfOf([{ ops: [text(72, 100, "甲乙"), ...grid([72, 200, 300], [200, 220, 240]), ...CELLS] }]), { ocr: false });
    expect(d).toMatchObject({ format: "pdf", pages: 1, engine: "mupdf", messages: [] });
    expect(show(d.blocks)).toEqual(["1: 甲乙", ...TABLE]);
    const [g] = boxes(d) ?? [];
    expect(g.page).toBe(1);
    expect(g.size).toEqual([595, 842]);
    expect(g.chars).toBe("甲乙项目12");
    // one em wide, on the baseline at 100 (the font's ascent and descent around it)
    expect(g.boxes.slice(0, 8)).toEqual([72, 89.4, 84, 101.4, 84, 89.4, 96, 101.4]);
  });
  it("places text, rules and glyphs from the page's corner when the page box does not start at 0", async () => {
    const ops = [text(72, 100, "甲乙"), ...grid([72, 200, 300], [200, 220, 240]), ...CELLS];
    for (const rules of ["vectors", "device"] as const) {
      const at0 = await readPdf(pdfOf([{ ops }]), { ocr: false, rules });
      const moved = await readPdf(pdfOf([{ origin: [100, 50], ops }]), { ocr: false, rules });
      expect(moved.blocks).toEqual(at0.blocks);
      expect(boxes(moved)).toEqual(boxes(at0));
    }
    const pdfjs = await readPdf(pdfOf([{ origin: [100, 50], ops: [text(72, 100, "甲乙")] }]), { engine: "pdfjs" });
    // pdf.js gives runs: their width is shared out among the characters
    expect(boxes(pdfjs)?.[0].boxes.slice(0, 8)).toEqual([72, 88, 84, 100, 84, 88, 96, 100]);
  });
  it.each<[string, Op[]]>([
    ["stroked lines", grid([72, 200, 300], [200, 220, 240])],
    [
      "thin filled rectangles",
      [...[200, 220, 240].map((y) => rect(72, y - 0.25, 228, 0.5)), ...[72, 200, 300].map((x) => rect(x - 0.25, 200, 0.5, 40))],
    ],
    [
      "filled cells (the rectangles' sides)",
      [rect(72, 200, 128, 20), rect(200, 200, 100, 20), rect(72, 220, 128, 20), rect(200, 220, 100, 20)],
    ],
    ["lines and a curve (a second pass through a device)", [...grid([72, 200, 300], [200, 220, 240]), curve(10, 10, 50, 50)]],
    [
      // as Word-made 部门预算 PDFs draw them: each cell's padding and text area painted white, 5 pt in from its rules
      "thin rules over white cell backgrounds (their sides are no rules)",
      [
        ...[200, 220].flatMap((y) =>
          [
            [72, 200],
            [200, 300],
          ].flatMap(([x0, x1]) => [
            rect(x0 + 0.25, y + 0.25, 5, 19.5, 1),
            rect(x0 + 5.25, y + 0.25, x1 - x0 - 10.5, 19.5, 1),
            rect(x1 - 5.25, y + 0.25, 5, 19.5, 1),
          ]),
        ),
        ...[200, 220, 240].map((y) => rect(72, y - 0.25, 228, 0.5)),
        ...[72, 200, 300].map((x) => rect(x - 0.25, 200, 0.5, 40)),
      ],
    ],
  ])("table rules from %s: the same table from the vector blocks as from a device pass", async (_what, rules) => {
    const pdf = pdfOf([{ ops: [...rules, ...CELLS] }]);
    const vectors = await readPdf(pdf, { ocr: false, rules: "vectors" });
    const device = await readPdf(pdf, { ocr: false, rules: "device" });
    expect(show(vectors.blocks)).toEqual(TABLE);
    expect(device.blocks).toEqual(vectors.blocks);
  });
  it("pdf.js reads the same text", async () => {
    const pdf = pdfOf([{ ops: [text(72, 100, LINE), text(72, 120, "二、主要成效")] }, { ops: [text(72, 100, "第二页。")] }]);
    const mupdf = await readPdf(pdf, { ocr: false });
    const pdfjs = await readPdf(pdf, { engine: "pdfjs" });
    expect(pdfjs).toMatchObject({ engine: "pdf.js", pages: 2, messages: [] });
    expect(show(pdfjs.blocks)).toEqual([`1: ${LINE}`, "1: 二、主要成效", "2: 第二页。"]);
    expect(pdfjs.blocks).toEqual(mupdf.blocks);
  });
  it("says how many page numbers and running lines it removed", async () => {
    const pages = [1, 2, 3].map((n) => ({ ops: [text(72, 300, `${LINE}。`), text(72, 400, "甲乙丙丁"[n]), text(290, 820, `- ${n} -`)] }));
    const d = await readPdf(pdfOf(pages), { ocr: false });
    expect(d.messages).toEqual([
      { level: "info", code: "pdf_running_text", message: "removed 3 page numbers and running header/footer lines" },
    ]);
  });
});

describe("readPdf: limits, damaged and empty files", () => {
  const twoPages = pdfOf([{ ops: [text(72, 300, LINE)] }, { ops: [text(72, 400, LINE)] }]);
  it.each(["mupdf", "pdfjs"] as const)("%s: refuses more pages than the limit, and more text than the limit", async (engine) => {
    expect(await failure(readPdf(twoPages, { engine, maxPages: 1 }))).toBe("too_many_pages: PDF has 2 pages, more than the limit of 1");
    expect(await failure(readPdf(twoPages, { engine, maxPages: 2, ocr: false }))).toBe("read");
    // the characters are counted page by page: 19 a page, over 18 after the first page
    expect(await failure(readPdf(twoPages, { engine, maxTextChars: 18 }))).toBe(
      "too_long: more than 18 characters of text in the first 1 pages, more than the limit",
    );
    expect(await failure(readPdf(twoPages, { engine, maxTextChars: 19, ocr: false }))).toBe("read");
  });
  it("a damaged file is refused as damaged, by both engines", async () => {
    const bad = Buffer.from("%PDF-1.4\ngarbage");
    expect(await failure(readPdf(bad))).toMatch(/^corrupt: damaged PDF \(.+\)$/);
    expect(await failure(readPdf(bad, { engine: "pdfjs" }))).toMatch(/^corrupt: damaged PDF \(.+\)$/);
    // no pages: MuPDF says so; pdf.js, tried next, finds no text
    expect(await failure(readPdf(pdfOf([]), { engine: "mupdf" }))).toBe("corrupt: damaged PDF: no readable pages (truncated?)");
    expect(await failure(readPdf(pdfOf([])))).toBe("empty: PDF has no text (scanned pages that OCR could not read?)");
  });
  it.each([undefined, "mupdf", "pdfjs"] as const)("engine %s: an encrypted file needs its password", async (engine) => {
    const buf = readFileSync(join(FIXTURES, "broken", "encrypted.pdf"));
    expect(await failure(readPdf(buf, { engine }))).toBe("encrypted: encrypted PDF, password required");
  });
  it("a blank page has no text", async () => {
    expect(await failure(readPdf(pdfOf([{ ops: [line(72, 100, 300, 100)] }]), { ocr: false }))).toBe(
      "empty: PDF has no text (scanned pages that OCR could not read?)",
    );
  });
});

describe("readPdf: scans with OCR off", () => {
  it("an image over 30 % of a page with under 30 characters is a scan; all pages scans is refused", async () => {
    expect(await failure(readPdf(pdfOf([{ ops: [image(0, 0, 595, 842)] }]), { ocr: false }))).toBe(
      "needs_ocr: scanned PDF without a text layer: OCR turned off",
    );
    // 29 % of the page: not a scan, and nothing to read
    expect(await failure(readPdf(pdfOf([{ ops: [image(0, 0, 595, 0.29 * 842)] }]), { ocr: false }))).toMatch(/^empty: /);
    // 29 characters over the image: a scan; 30: a page of text
    const over = (n: number) => pdfOf([{ ops: [image(0, 0, 595, 842), text(10, 100, "字".repeat(n), 10)] }]);
    expect(await failure(readPdf(over(29), { ocr: false }))).toMatch(/^needs_ocr: /);
    expect(show((await readPdf(over(30), { ocr: false })).blocks)).toEqual([`1: ${"字".repeat(30)}`]);
    // 39 characters over the image, all unreadable: a scan too
    expect(
      await failure(readPdf(pdfOf([{ ops: [image(0, 0, 595, 842), lostText(10, 100, `${LINE}，${LINE}`)] }]), { ocr: false })),
    ).toMatch(/^needs_ocr: /);
    // the image's area is its width by its height, wherever it sits: 300 × 300 is 18 % of the page
    expect(await failure(readPdf(pdfOf([{ ops: [image(100, 100, 300, 300)] }]), { ocr: false }))).toMatch(/^empty: /);
  });
  it("scanned pages among pages of text are reported and skipped", async () => {
    const d = await readPdf(
      pdfOf([{ ops: [text(72, 100, "正文。")] }, { ops: [image(0, 0, 595, 842)] }, { ops: [image(0, 0, 595, 842)] }]),
      {
        ocr: false,
      },
    );
    expect(show(d.blocks)).toEqual(["1: 正文。"]);
    expect(d.messages).toEqual([
      { level: "warning", code: "ocr_unavailable", message: "pages 2, 3 have no text layer and were not read: OCR turned off" },
    ]);
  });
});

describe("readPdf: text layers without a Unicode map", () => {
  /** glyph numbers 3–22: control characters in pdf.js, punctuation in MuPDF */
  const junk = Array.from({ length: 40 }, (_, i) => String.fromCharCode(3 + (i % 20))).join("");
  it("garbage in MuPDF that pdf.js decodes is read with pdf.js, with a note", async () => {
    const pdf = pdfOf([{ ops: [lostText(72, 100, `${LINE}，${LINE}`)] }]);
    const d = await readPdf(pdf, { ocr: false });
    expect(d.engine).toBe("pdf.js");
    expect(d.messages).toEqual([{ level: "info", code: "pdf_garbled", message: "MuPDF text looks garbled; read with pdf.js" }]);
    expect(show(d.blocks)).toEqual([`1: ${LINE}，${LINE}`]);
    // forced to MuPDF: flagged, not replaced
    const m = await readPdf(pdf, { ocr: false, engine: "mupdf" });
    expect(m.engine).toBe("mupdf");
    expect(m.messages.map((x) => x.code)).toEqual(["text_layer_garbled"]);
    // too little text for a page to be judged: the document's text is, as a whole
    const short = await readPdf(pdfOf([{ ops: [lostText(72, 100, LINE)] }]), { ocr: false });
    expect(short.engine).toBe("mupdf");
    expect(short.messages).toEqual([
      { level: "warning", code: "pdf_garbled", message: "PDF text is garbled (19 of 19 characters unreadable)" },
    ]);
  });
  it("garbage in both engines is kept, flagged as not reliable, and its page gets no glyph boxes", async () => {
    const pdf = pdfOf([{ ops: [lostText(72, 100, junk)] }, { ops: [text(72, 100, "第二页正文。")] }, { ops: [lostText(72, 400, junk)] }]);
    for (const engine of ["mupdf", "pdfjs"] as const) {
      const d = await readPdf(pdf, { ocr: false, engine });
      expect(d.messages).toEqual([
        {
          level: "warning",
          code: "text_layer_garbled",
          message:
            "pages 1, 3: the text layer is garbled (fonts without a Unicode map) and OCR is not available (OCR turned off): its text is not reliable",
        },
      ]);
      expect(boxes(d)?.map((g) => g.page)).toEqual([2]);
    }
    const one = await readPdf(pdfOf([{ ops: [lostText(72, 100, junk)] }, { ops: [text(72, 100, "第二页正文。")] }]), { ocr: false });
    expect(one.messages.map((m) => m.message)).toEqual([
      "page 1: the text layer is garbled (fonts without a Unicode map) and OCR is not available (OCR turned off): its text is not reliable",
    ]);
    // garbage in MuPDF on one page of two: pdf.js is not tried, the page is flagged
    const half = await readPdf(pdfOf([{ ops: [lostText(72, 100, `${LINE}，${LINE}`)] }, { ops: [text(72, 100, "第二页正文。")] }]), {
      ocr: false,
    });
    expect(half.engine).toBe("mupdf");
    expect(half.messages.map((m) => m.code)).toEqual(["text_layer_garbled"]);
    // every page garbage in both: MuPDF's reading stays
    expect((await readPdf(pdfOf([{ ops: [lostText(72, 100, junk)] }]), { ocr: false })).engine).toBe("mupdf");
  });
});

describe("readPdf with a stand-in tesseract", () => {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-pdf-ocr-"));
  // it prints a header, a line naming the image's size in letters, two more lines and a page number
  const program = join(dir, "tesseract");
  writeFileSync(
    program,
    [
      "#!/bin/sh",
      'if [ "$1" = "--list-langs" ]; then echo "List of available languages (2):"; echo chi_sim; echo eng; exit 0; fi',
      "n=$(wc -c | tr -d ' ' | tr 0-9 a-j)",
      'printf "某县财政局文件\\n图像%s\\n中间的一行。\\n正文结束。\\n- 1 -\\n" "$n"',
    ].join("\n"),
  );
  chmodSync(program, 0o755);
  const pdfWith = async () => {
    vi.stubEnv("JIXIAO_TESSERACT", program);
    vi.resetModules();
    const { readPdf } = await import("../../../src/extract/readers/pdf.js");
    const { glyphsOf } = await import("../../../src/extract/geometry.js");
    return async (pdf: Buffer) => {
      const d = await readPdf(pdf);
      return { ...d, glyphPages: glyphsOf(d)?.map((g) => g.page) };
    };
  };
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  it("reads scanned pages by OCR, each in its place, without the lines repeated at their edges", async () => {
    const read = await pdfWith();
    const d = await read(
      pdfOf([
        { ops: [text(72, 100, "第一页。")] },
        { ops: [image(0, 0, 595, 842)] },
        { ops: [text(72, 100, "第三页。")] },
        { ops: [image(0, 0, 595, 500)] },
      ]),
    );
    expect(d.engine).toBe("mupdf+tesseract");
    expect(d.messages).toEqual([
      { level: "info", code: "ocr", message: "2 scanned pages read with tesseract (OCR: numbers are less certain)" },
    ]);
    // the header, the last line and the page number repeat on both scans and go; the line that differs stays
    expect(d.blocks.map((b) => [b.page, b.kind === "paragraph" ? b.text.replace(/^图像[a-j]+$/, "图像…") : "", b.ocr ?? false])).toEqual([
      [1, "第一页。", false],
      [2, "图像…", true],
      [2, "中间的一行。", true],
      [3, "第三页。", false],
      [4, "图像…", true],
      [4, "中间的一行。", true],
    ]);
    expect(d.glyphPages).toEqual([1, 3]);
  });
  it("one scanned page keeps its first and last lines, a page number aside", async () => {
    const read = await pdfWith();
    const d = await read(pdfOf([{ ops: [image(0, 0, 595, 842)] }]));
    expect(d.blocks.map((b) => (b.kind === "paragraph" ? b.text : "")).join("\n")).toMatch(
      /^某县财政局文件\n图像[a-j]+\n中间的一行。\n正文结束。$/,
    );
  });
  it("a garbled text layer is read by OCR instead", async () => {
    const read = await pdfWith();
    const junk = Array.from({ length: 40 }, (_, i) => String.fromCharCode(3 + (i % 20))).join("");
    const d = await read(pdfOf([{ ops: [text(72, 100, "第一页。")] }, { ops: [lostText(72, 100, junk)] }]));
    expect(d.messages[0]).toEqual({
      level: "warning",
      code: "text_layer_garbled",
      message: "page 2: the text layer is garbled (fonts without a Unicode map); read by OCR instead",
    });
    expect(d.messages.map((m) => m.code)).toEqual(["text_layer_garbled", "ocr"]);
    expect(d.blocks.filter((b) => b.ocr).map((b) => b.page)).toEqual([2, 2, 2, 2]);
    expect(d.blocks[0]).toEqual({ kind: "paragraph", page: 1, text: "第一页。" });
    // garbage on the first two pages: their blocks give way to the OCR text, a message names both
    const first = await read(
      pdfOf([{ ops: [lostText(72, 100, junk)] }, { ops: [lostText(72, 300, junk)] }, { ops: [text(72, 100, "第三页。")] }]),
    );
    expect(first.messages[0].message).toBe("pages 1, 2: the text layer is garbled (fonts without a Unicode map); read by OCR instead");
    // (the line naming the rendering's size stays where the two sizes differ: left out here)
    const lines = first.blocks.map((b) => [b.page, b.ocr ?? false, b.kind === "paragraph" ? b.text : ""]);
    expect(lines.filter((l) => !/^图像/.test(String(l[2])))).toEqual([
      [1, true, "中间的一行。"],
      [2, true, "中间的一行。"],
      // the garbage ran on from page 2 into page 3's line as one paragraph: page 3 keeps its line
      [3, false, "第三页。"],
    ]);
  });
  it("a page pdf.js decodes after MuPDF could not is read from its text, not by OCR; the scan beside it by OCR", async () => {
    const read = await pdfWith();
    const d = await read(pdfOf([{ ops: [image(0, 0, 595, 842)] }, { ops: [lostText(72, 100, `${LINE}，${LINE}`)] }]));
    expect(d.engine).toBe("pdf.js+tesseract");
    expect(d.messages.map((m) => m.message)).toEqual([
      "MuPDF text looks garbled; read with pdf.js",
      "1 scanned pages read with tesseract (OCR: numbers are less certain)",
    ]);
    expect(d.blocks.filter((b) => b.page === 2)).toEqual([{ kind: "paragraph", page: 2, text: `${LINE}，${LINE}` }]);
    expect(d.blocks.filter((b) => b.page === 1).every((b) => b.ocr)).toBe(true);
  });
  it("pdf.js's garbage has no rendering to read by OCR", async () => {
    vi.stubEnv("JIXIAO_TESSERACT", program);
    vi.resetModules();
    const { readPdf: fresh } = await import("../../../src/extract/readers/pdf.js");
    const junk = Array.from({ length: 40 }, (_, i) => String.fromCharCode(3 + (i % 20))).join("");
    const d = await fresh(pdfOf([{ ops: [lostText(72, 100, junk)] }, { ops: [text(72, 100, "第二页。")] }]), { engine: "pdfjs" });
    expect(d.messages.map((m) => m.message)).toEqual([
      "page 1: the text layer is garbled (fonts without a Unicode map) and no rendering of the page: its text is not reliable",
    ]);
  });
});

describe("using", () => {
  it("destroys the resource after use, after a failure too, and ignores a failing destroy", async () => {
    const log: string[] = [];
    const res = (name: string, fails = false) => ({
      destroy() {
        log.push(`destroy ${name}`);
        if (fails) throw new Error("gone");
      },
    });
    expect(await using(res("a"), () => 1)).toBe(1);
    await expect(
      using(res("b"), () => {
        throw new Error("use failed");
      }),
    ).rejects.toThrow("use failed");
    expect(await using(res("c", true), async () => 3)).toBe(3);
    expect(log).toEqual(["destroy a", "destroy b", "destroy c"]);
  });
});

describe("text quality", () => {
  it("measures text as the regular expressions define it", () => {
    const reference = (t: string) => {
      const visible = t.replace(/\s/g, "");
      return {
        chars: visible.length,
        cjk: visible.match(/[\u4e00-\u9fff]/g)?.length ?? 0,
        bad: visible.match(/[\ufffd\ue000-\uf8ff\u0080-\u009f\u0000-\u001f\u007f]/g)?.length ?? 0,
        symbols: visible.match(/[!-/:-@[-`{-~]/g)?.length ?? 0,
      };
    };
    const alphabet = [
      ..."ab1 \t\n\r\u00a0\u3000\u2009\ufeff\u2028\u0085\u0080\u009f\ufffd\ue000\uf8ff\u4e00\u9fff年度、。\u0001\u001f\u007f!/:@[`{~\u0020\u0021\u002f\u0030\u0039\u003a\u0040\u0041\u005a\u005b\u0060\u0061\u007a\u007b\u007e\u00a1\u4dff\ua000\udfff\uf900\u0021",
    ];
    for (const c of alphabet) expect(textQuality(`${c}x${c}`), JSON.stringify(c)).toEqual(reference(`${c}x${c}`));
    // random strings (an LCG in 32-bit integers: every character is drawn)
    let seed = 7;
    for (let k = 0; k < 2000; k++) {
      let t = "";
      for (let i = 0; i < 20; i++) {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        t += alphabet[(seed >>> 8) % alphabet.length];
      }
      expect(textQuality(t), JSON.stringify(t)).toEqual(reference(t));
    }
  });
  it("garbled: over 5 % unreadable, or almost no Chinese and over a quarter punctuation; under 20 characters never", () => {
    const cjk = (n: number) => "报".repeat(n);
    expect(garbledText(`${cjk(37)}\ufffd\ufffd`)).toBe(true); // 2 in 39
    expect(garbledText(`${cjk(38)}\ufffd\ufffd`)).toBe(false); // 2 in 40: 5 % exactly
    expect(garbledText("\ufffd".repeat(19))).toBe(false);
    expect(garbledText(`${"a".repeat(15)}!!!!!`)).toBe(false); // a quarter exactly
    expect(garbledText(`${"a".repeat(14)}!!!!!!`)).toBe(true);
    // 2 % Chinese is enough to be text
    expect(garbledText(`报${"a".repeat(29)}${"!".repeat(20)}`)).toBe(false);
    expect(garbledText(`报${"a".repeat(39)}${"!".repeat(20)}`)).toBe(true);
    expect(garbledText("某县水利局2024年度部门整体支出绩效自评报告 (一) 部门概况: 编制12人。")).toBe(false);
  });
  it("renders at 300 dpi up to A3, and bounds the pixels of larger pages", () => {
    expect(ocrScale(595, 842)).toBeCloseTo(300 / 72, 10);
    expect(ocrScale(842, 1191)).toBeCloseTo(300 / 72, 10);
    const k = ocrScale(5000, 5000);
    expect(5000 * 5000 * k * k).toBeCloseTo(MAX_OCR_PIXELS, 0);
    expect(ocrScale(-5000, 5000)).toBeCloseTo(k, 10);
  });
});
