/**
 * PDF: MuPDF.js (`mupdf`) first; pdf.js (`pdfjs-dist`) when MuPDF throws or its text is garbled.
 * Both produce positioned lines; pdf-layout.ts turns them into paragraphs and tables.
 * Every MuPDF / pdf.js object is destroyed in `finally` (see using()).
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ReadError } from "../../errors.js";
import type { Block, DocModel, Message } from "../../model.js";
import { isRegexSpace } from "../../normalize/text.js";
import { attachGlyphs, GlyphCollector, type PageGlyphs } from "../geometry.js";
import { ocrAvailable, ocrPages } from "../ocr.js";
import { isPageNumber, layoutPages, type PageLines, type Segment } from "./pdf-layout.js";
import { findTables, type Ruling } from "./pdf-tables.js";
import { textToBlocks } from "./text.js";

export interface PdfOptions {
  /** false: never OCR scanned pages (they are reported instead) */
  ocr?: boolean;
  /** refuse documents with more pages than this */
  maxPages?: number;
  /** stop reading once the pages hold more characters than this */
  maxTextChars?: number;
  /** force one engine (tests, debugging) */
  engine?: "mupdf" | "pdfjs";
  /**
   * where table rules come from: the vector blocks of MuPDF's structured text (one pass, the
   * default; pages with curves or other complex paths are walked again), or always a second pass
   * through a JS device (tests, debugging)
   */
  rules?: "vectors" | "device";
}

/** open → use → always destroy. */
export async function using<T extends { destroy(): unknown }, R>(resource: T, use: (r: T) => R | Promise<R>): Promise<R> {
  try {
    return await use(resource);
  } finally {
    try {
      await resource.destroy();
    } catch {
      // already gone
    }
  }
}

type MuPDF = typeof import("mupdf");
let mupdfModule: Promise<MuPDF> | undefined;

/**
 * The Emscripten module under mupdf.js. mupdf.js builds it from `globalThis.$libmupdf_wasm_Module`
 * (Emscripten's module-configuration hook), so the object placed there receives the exported C
 * functions. walkChars uses a few of the structured-text getters directly: the public walk() makes
 * a Font object (with a finalizer) for every character, which costs more than reading the text.
 */
interface StextLib {
  HEAPF32: Float32Array;
  _wasm_stext_page_get_first_block(p: number): number;
  _wasm_stext_block_get_next(b: number): number;
  _wasm_stext_block_get_type(b: number): number;
  _wasm_stext_block_get_bbox(b: number): number;
  _wasm_stext_block_get_v_flags(b: number): number;
  _wasm_stext_block_get_v_argb(b: number): number;
  _wasm_stext_block_get_first_line(b: number): number;
  _wasm_stext_line_get_next(l: number): number;
  _wasm_stext_line_get_first_char(l: number): number;
  _wasm_stext_char_get_next(c: number): number;
  _wasm_stext_char_get_c(c: number): number;
  _wasm_stext_char_get_origin(c: number): number;
  _wasm_stext_char_get_size(c: number): number;
  _wasm_stext_char_get_quad(c: number): number;
}
const STEXT_FUNCTIONS = [
  "_wasm_stext_page_get_first_block",
  "_wasm_stext_block_get_next",
  "_wasm_stext_block_get_type",
  "_wasm_stext_block_get_bbox",
  "_wasm_stext_block_get_v_flags",
  "_wasm_stext_block_get_v_argb",
  "_wasm_stext_block_get_first_line",
  "_wasm_stext_line_get_next",
  "_wasm_stext_line_get_first_char",
  "_wasm_stext_char_get_next",
  "_wasm_stext_char_get_c",
  "_wasm_stext_char_get_origin",
  "_wasm_stext_char_get_size",
  "_wasm_stext_char_get_quad",
] as const;
let stextLib: StextLib | undefined;

/** Whether walkStext reads the structured text through the C getters (else through mupdf.js' walk). */
export function stextDirect(): boolean {
  return stextLib !== undefined;
}

export function loadMupdf(): Promise<MuPDF> {
  mupdfModule ??= (async () => {
    const g = globalThis as { $libmupdf_wasm_Module?: Record<string, unknown> };
    const lib = (g.$libmupdf_wasm_Module ??= {});
    const m = await import("mupdf");
    if (STEXT_FUNCTIONS.every((f) => typeof lib[f] === "function") && lib.HEAPF32 instanceof Float32Array)
      stextLib = lib as unknown as StextLib;
    return m;
  })().then((m) => {
    // MuPDF prints font warnings (FT_Load_Glyph …) to the console; they are not the user's business
    m.setLog({ error: () => {}, warning: () => {} });
    return m;
  });
  return mupdfModule;
}

/** A page with fewer visible characters than this (or mostly unreadable ones) is treated as a scan. */
const MIN_PAGE_CHARS = 30;

/** A page is a scan when an image covers much of it and its text layer is (nearly) empty or unreadable. */
function needsOcr(p: PageLines, imageArea: number): boolean {
  if (imageArea < 0.3 * p.width * p.height) return false;
  const q = textQuality(p.segments.map((s) => s.text).join(""));
  return q.chars < MIN_PAGE_CHARS || q.bad / Math.max(1, q.chars) > 0.3;
}

interface MupdfResult {
  pages: PageLines[];
  /** PNG renderings of the pages that need OCR (1-based page → bytes), when OCR is available */
  scans: Map<number, Uint8Array>;
  /** pages that need OCR */
  scanPages: number[];
  /** pages with a text layer that decodes to garbage (rendered into `scans` too, for OCR) */
  garbled: number[];
  /** every glyph of every page, for the boxes of values (geometry.ts) */
  glyphs: PageGlyphs[];
}

/** Below this thickness (pt) a drawn shape is a line: a rule along its long side. */
const THIN = 3;
/** A colour this light on every channel (0–1) is white: a shape in it is invisible on the page. */
const WHITE_LEVEL = 254 / 255;
const whiteRgb = (rgb: number) => [16, 8, 0].every((shift) => ((rgb >> shift) & 255) / 255 >= WHITE_LEVEL);

export interface StextWalker {
  /** a glyph: its character, origin, size and box (the bounds of its quad) */
  onChar(c: string, ox: number, oy: number, size: number, x0: number, y0: number, x1: number, y1: number): void;
  onImage(bbox: ArrayLike<number>): void;
  /** a drawn shape's box; `rgb` its colour as 0xRRGGBB */
  onVector(bbox: ArrayLike<number>, isRectangle: boolean, rgb: number): void;
}

/** Characters, image and vector blocks of a page's structured text, through the C getters when available. */
export function walkStext(st: import("mupdf").StructuredText, w: StextWalker, direct = true): void {
  const lib = direct ? stextLib : undefined;
  if (!lib) {
    st.walk({
      onImageBlock: (bbox) => w.onImage(bbox),
      onVector: (bbox, flags, color) =>
        w.onVector(
          bbox,
          flags.isRectangle,
          color.reduce((n, v) => n * 256 + Math.round(v * 255), 0),
        ),
      onChar: (c, origin, _font, size, q) =>
        w.onChar(c, origin[0], origin[1], size, Math.min(q[0], q[4]), Math.min(q[1], q[3]), Math.max(q[2], q[6]), Math.max(q[5], q[7])),
    });
    return;
  }
  const f32 = () => lib.HEAPF32;
  for (let block = lib._wasm_stext_page_get_first_block(st.pointer); block; block = lib._wasm_stext_block_get_next(block)) {
    const type = lib._wasm_stext_block_get_type(block);
    if (type === 0) {
      for (let line = lib._wasm_stext_block_get_first_line(block); line; line = lib._wasm_stext_line_get_next(line)) {
        for (let ch = lib._wasm_stext_line_get_first_char(line); ch; ch = lib._wasm_stext_char_get_next(ch)) {
          const c = String.fromCodePoint(lib._wasm_stext_char_get_c(ch));
          const o = lib._wasm_stext_char_get_origin(ch) >> 2;
          const ox = f32()[o];
          const oy = f32()[o + 1];
          const size = lib._wasm_stext_char_get_size(ch);
          const q = lib._wasm_stext_char_get_quad(ch) >> 2;
          const h = f32();
          // quad: ul, ur, ll, lr corners
          w.onChar(
            c,
            ox,
            oy,
            size,
            Math.min(h[q], h[q + 4]),
            Math.min(h[q + 1], h[q + 3]),
            Math.max(h[q + 2], h[q + 6]),
            Math.max(h[q + 5], h[q + 7]),
          );
        }
      }
    } else if (type === 1 || type === 3) {
      const b = lib._wasm_stext_block_get_bbox(block) >> 2;
      const bbox = f32().slice(b, b + 4);
      if (type === 1) w.onImage(bbox);
      else w.onVector(bbox, !!(lib._wasm_stext_block_get_v_flags(block) & 2), lib._wasm_stext_block_get_v_argb(block) & 0xffffff);
    }
  }
}

/** `renderScans` is asked only when a page needs OCR (checking for tesseract runs a process). */
async function readWithMupdf(
  buf: Buffer,
  maxPages: number,
  maxChars: number,
  renderScans: () => boolean,
  ruleSource: "vectors" | "device" = "vectors",
): Promise<MupdfResult> {
  const mupdf = await loadMupdf();
  let doc;
  try {
    doc = mupdf.Document.openDocument(buf, "application/pdf");
  } catch (err) {
    throw new ReadError(`damaged PDF (${err instanceof Error ? err.message : String(err)})`, "corrupt");
  }
  return using(doc, (doc) => {
    if (doc.needsPassword()) throw new ReadError("encrypted PDF, password required", "encrypted");
    const n = doc.countPages();
    if (n === 0) throw new ReadError("damaged PDF: no readable pages (truncated?)", "corrupt");
    if (n > maxPages) throw new ReadError(`PDF has ${n} pages, more than the limit of ${maxPages}`, "too_many_pages");
    const pages: PageLines[] = [];
    const scans = new Map<number, Uint8Array>();
    const scanPages: number[] = [];
    const garbled: number[] = [];
    const glyphs: PageGlyphs[] = [];
    let chars = 0;
    for (let i = 0; i < n; i++) {
      if (chars > maxChars) throw tooMuchText(i, maxChars);
      const page = doc.loadPage(i);
      try {
        const [x0, y0, x1, y1] = page.getBounds();
        const st = page.toStructuredText(
          ruleSource === "vectors" ? "preserve-whitespace,preserve-images,vectors" : "preserve-whitespace,preserve-images",
        );
        try {
          // character by character: fonts that draw quote marks apart from the Chinese run around
          // them overlap in line boxes, so only glyph positions give the reading order
          const segments: Segment[] = [];
          const pageGlyphs = new GlyphCollector();
          let imageArea = 0;
          // rules from the vector blocks' boxes; null when a path is neither a line nor a rectangle
          let rules: Ruling[] | null = ruleSource === "vectors" ? [] : null;
          walkStext(st, {
            onImage(bbox) {
              imageArea += Math.max(0, bbox[2] - bbox[0]) * Math.max(0, bbox[3] - bbox[1]);
            },
            onVector(b, isRectangle, rgb) {
              // a white shape on the white page is a cell's background, not a rule: its edges
              // would draw lines between the padding and the text of every cell
              if (!rules || whiteRgb(rgb)) return;
              const [bx0, by0, bx1, by1] = [b[0] - x0, b[1] - y0, b[2] - x0, b[3] - y0];
              const w = bx1 - bx0;
              const h = by1 - by0;
              if (h < THIN && w >= h) rules.push({ x0: bx0, y0: (by0 + by1) / 2, x1: bx1, y1: (by0 + by1) / 2 });
              else if (w < THIN) rules.push({ x0: (bx0 + bx1) / 2, y0: by0, x1: (bx0 + bx1) / 2, y1: by1 });
              else if (isRectangle) {
                rules.push({ x0: bx0, y0: by0, x1: bx1, y1: by0 }, { x0: bx1, y0: by0, x1: bx1, y1: by1 });
                rules.push({ x0: bx0, y0: by1, x1: bx1, y1: by1 }, { x0: bx0, y0: by0, x1: bx0, y1: by1 });
              } else rules = null;
            },
            onChar(c, _ox, oy, size, gx0, gy0, gx1, gy1) {
              chars++;
              segments.push({ x0: gx0 - x0, x1: gx1 - x0, y0: gy0 - y0, y1: gy1 - y0, text: c, size, base: oy - y0 });
              pageGlyphs.add(c, gx0 - x0, gy0 - y0, gx1 - x0, gy1 - y0);
            },
          });
          const { tables, rest } = findTables(rules ?? drawnLines(mupdf, page, x0, y0), segments);
          const pl: PageLines = { width: x1 - x0, height: y1 - y0, segments: rest, tables };
          pages.push(pl);
          glyphs.push(pageGlyphs.done(i + 1, x1 - x0, y1 - y0));
          const scan = needsOcr(pl, imageArea);
          if (scan) scanPages.push(i + 1);
          else if (garbledText(pageText(pl))) garbled.push(i + 1);
          if (scan || garbled[garbled.length - 1] === i + 1) {
            if (renderScans()) {
              const k = ocrScale(x1 - x0, y1 - y0);
              const pix = page.toPixmap(mupdf.Matrix.scale(k, k), mupdf.ColorSpace.DeviceGray, false);
              try {
                scans.set(i + 1, pix.asPNG());
              } finally {
                pix.destroy();
              }
            }
          }
        } finally {
          st.destroy();
        }
      } finally {
        page.destroy();
      }
    }
    return { pages, scans, scanPages, garbled, glyphs };
  });
}

const OCR_DPI = 300;
/** The most pixels a page is rendered with for OCR: an A3 page at 300 dpi has 17.4 million. */
export const MAX_OCR_PIXELS = 40_000_000;

/** Render scale for OCR: 300 dpi, less for pages so large that 300 dpi would exceed MAX_OCR_PIXELS (a poster, a map, a bogus page size). */
export function ocrScale(widthPt: number, heightPt: number): number {
  const k = OCR_DPI / 72;
  const pixels = Math.abs(widthPt * heightPt) * k * k;
  return pixels > MAX_OCR_PIXELS ? k * Math.sqrt(MAX_OCR_PIXELS / pixels) : k;
}

/** Stops a PDF whose first `pages` pages already hold more than `max` characters: read page by page, it is stopped before it fills the heap. */
function tooMuchText(pages: number, max: number): ReadError {
  return new ReadError(`more than ${max} characters of text in the first ${pages} pages, more than the limit`, "too_long");
}

/** The straight lines a page draws (table rules), in page coordinates. */
function drawnLines(mupdf: MuPDF, page: import("mupdf").Page, ox: number, oy: number): Ruling[] {
  const out: Ruling[] = [];
  const tf = (m: number[], x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4] - ox, m[1] * x + m[3] * y + m[5] - oy];
  const collect = (path: import("mupdf").Path, ctm: number[]) => {
    let cur: [number, number] | null = null;
    let start: [number, number] | null = null;
    path.walk({
      moveTo(x, y) {
        cur = start = tf(ctm, x, y);
      },
      lineTo(x, y) {
        const p = tf(ctm, x, y);
        if (cur) out.push({ x0: cur[0], y0: cur[1], x1: p[0], y1: p[1] });
        cur = p;
      },
      curveTo(_a, _b, _c, _d, x, y) {
        cur = tf(ctm, x, y);
      },
      closePath() {
        if (cur && start) out.push({ x0: cur[0], y0: cur[1], x1: start[0], y1: start[1] });
        cur = start;
      },
    });
  };
  // a white shape is a cell's background, as in the vector blocks (readWithMupdf)
  const white = (cs: import("mupdf").ColorSpace, color: number[]) =>
    ((cs.isGray() || cs.isRGB()) && color.every((v) => v >= WHITE_LEVEL)) || (cs.isCMYK() && color.every((v) => v <= 1 - WHITE_LEVEL));
  const device = new mupdf.Device({
    fillPath(path, _evenOdd, ctm, cs, color) {
      if (!white(cs, color)) collect(path, ctm);
    },
    strokePath(path, _stroke, ctm, cs, color) {
      if (!white(cs, color)) collect(path, ctm);
    },
  });
  try {
    page.run(device, mupdf.Matrix.identity);
    device.close();
  } finally {
    device.destroy();
  }
  return out;
}

const require = createRequire(import.meta.url);
function pdfjsAssets(): { cMapUrl: string; standardFontDataUrl: string } {
  const root = dirname(require.resolve("pdfjs-dist/package.json"));
  // pdf.js in Node wants filesystem paths ending in "/"; without the CMaps, CID fonts such as
  // STSong-Light (UniGB-UCS2-H) come back as empty text without any error.
  return { cMapUrl: `${join(root, "cmaps")}/`, standardFontDataUrl: `${join(root, "standard_fonts")}/` };
}

interface PdfjsTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

async function readWithPdfjs(buf: Buffer, maxPages: number, maxChars: number): Promise<PageLines[]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = pdfjs.getDocument({
    data: new Uint8Array(buf),
    ...pdfjsAssets(),
    cMapPacked: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy();
    const name = (err as { name?: string })?.name;
    if (name === "PasswordException") throw new ReadError("encrypted PDF, password required", "encrypted");
    throw new ReadError(`damaged PDF (${err instanceof Error ? err.message : String(err)})`, "corrupt");
  }
  return using(task, async () => {
    const n = doc.numPages;
    if (n > maxPages) throw new ReadError(`PDF has ${n} pages, more than the limit of ${maxPages}`, "too_many_pages");
    const pages: PageLines[] = [];
    let chars = 0;
    for (let i = 1; i <= n; i++) {
      if (chars > maxChars) throw tooMuchText(i - 1, maxChars);
      const page = await doc.getPage(i);
      try {
        const vp = page.getViewport({ scale: 1 });
        const content = await page.getTextContent();
        const segments: Segment[] = [];
        for (const it of content.items as PdfjsTextItem[]) {
          if (!("str" in it) || !it.str) continue;
          const [a, b, , d, e, f] = it.transform;
          const size = Math.hypot(a, b) || Math.abs(d) || it.height;
          const [vx, vy] = vp.convertToViewportPoint(e, f) as [number, number];
          chars += it.str.length;
          segments.push({ x0: vx, y0: vy - size, x1: vx + it.width, y1: vy, text: it.str, size, base: vy });
        }
        pages.push({ width: vp.width, height: vp.height, segments });
      } finally {
        page.cleanup();
      }
    }
    return pages;
  });
}

/**
 * What a text layer is made of: visible characters, Chinese ones, unreadable ones (replacement
 * characters, private-use glyphs, C0 and C1 controls: glyph numbers where a font lost its Unicode
 * map) and ASCII punctuation and symbols.
 */
export function textQuality(text: string): { chars: number; cjk: number; bad: number; symbols: number } {
  let chars = 0;
  let cjk = 0;
  let bad = 0;
  let symbols = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isRegexSpace(c)) continue;
    chars++;
    if (c >= 0x4e00 && c <= 0x9fff) cjk++;
    else if (c === 0xfffd || (c >= 0xe000 && c <= 0xf8ff) || (c >= 0x80 && c <= 0x9f) || c < 0x20 || c === 0x7f) bad++;
    else if ((c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e)) symbols++;
  }
  return { chars, cjk, bad, symbols };
}

/**
 * The one quality check every engine's text goes through: garbled when more than 5 % of it is
 * unreadable, or when a report's text has almost no Chinese and is a quarter punctuation (ASCII
 * glyph garbage). Too little text to judge is not garbled (a blank page, a scan).
 */
export function garbledText(text: string): boolean {
  const q = textQuality(text);
  if (q.chars < 20) return false;
  if (q.bad / q.chars > 0.05) return true;
  return q.cjk / q.chars < 0.02 && q.symbols / q.chars > 0.25;
}

function pageText(p: PageLines): string {
  let t = p.segments.map((s) => s.text).join("");
  for (const table of p.tables ?? []) for (const row of table.rows) for (const cell of row) t += cell.text;
  return t;
}

/** The 1-based numbers of the pages whose text layer is garbled. */
function garbledPages(pages: PageLines[]): number[] {
  const out: number[] = [];
  pages.forEach((p, i) => garbledText(pageText(p)) && out.push(i + 1));
  return out;
}

export async function readPdf(buf: Buffer, opts: PdfOptions = {}): Promise<DocModel> {
  const maxPages = opts.maxPages ?? 2000;
  const maxChars = opts.maxTextChars ?? Infinity;
  const messages: Message[] = [];
  let pages: PageLines[] | undefined;
  let engine = "mupdf";
  let scans = new Map<number, Uint8Array>();
  let scanPages: number[] = [];
  let ocrState: ReturnType<typeof ocrAvailable> | undefined;
  const ocrCheck = () => (ocrState ??= opts.ocr === false ? { ok: false, langs: "", reason: "OCR turned off" } : ocrAvailable());
  let garbled: number[] = [];
  let glyphs: PageGlyphs[] | undefined;
  if (opts.engine !== "pdfjs") {
    try {
      const r = await readWithMupdf(buf, maxPages, maxChars, () => ocrCheck().ok, opts.rules);
      pages = r.pages;
      scans = r.scans;
      scanPages = r.scanPages;
      garbled = r.garbled;
      glyphs = r.glyphs;
      // a document of garbage (not scans): pdf.js decodes some fonts MuPDF cannot; its text is judged by the same check
      if (garbled.length && garbled.length + scanPages.length === pages.length && opts.engine !== "mupdf") {
        const alt = await readWithPdfjs(buf, maxPages, maxChars).catch(() => undefined);
        const altGarbled = alt ? garbledPages(alt).filter((p) => !scanPages.includes(p)) : garbled;
        if (alt && altGarbled.length < garbled.length) {
          messages.push({ level: "info", code: "pdf_garbled", message: "MuPDF text looks garbled; read with pdf.js" });
          pages = alt;
          glyphs = undefined;
          engine = "pdf.js";
          garbled = altGarbled;
        }
      }
    } catch (err) {
      if (err instanceof ReadError && err.code !== "corrupt") throw err;
      if (opts.engine === "mupdf") throw err;
      messages.push({
        level: "warning",
        code: "pdf_mupdf_failed",
        message: `MuPDF failed (${err instanceof Error ? err.message : String(err)}); trying pdf.js`,
      });
    }
  }
  if (!pages) {
    engine = "pdf.js";
    pages = await readWithPdfjs(buf, maxPages, maxChars);
    garbled = garbledPages(pages);
  }
  // pages no engine could decode are read like scans, by OCR, where their renderings exist
  const ocrable = garbled.filter((p) => scans.has(p));
  const unreadable = garbled.filter((p) => !scans.has(p));
  if (ocrable.length) {
    scanPages = [...scanPages, ...ocrable].sort((a, b) => a - b);
    messages.push({
      level: "warning",
      code: "text_layer_garbled",
      message: `page${ocrable.length > 1 ? "s" : ""} ${ocrable.join(", ")}: the text layer is garbled (fonts without a Unicode map); read by OCR instead`,
    });
  }
  if (unreadable.length) {
    const why = opts.ocr === false || !ocrCheck().ok ? `OCR is not available (${ocrCheck().reason})` : "no rendering of the page";
    messages.push({
      level: "warning",
      code: "text_layer_garbled",
      message: `page${unreadable.length > 1 ? "s" : ""} ${unreadable.join(", ")}: the text layer is garbled (fonts without a Unicode map) and ${why}: its text is not reliable`,
    });
  }
  // the pages read by OCR (scans, and garbled pages with a rendering; not a page pdf.js has since
  // decoded) give no text-layer rows to the layout: a paragraph running from such a page onto the next
  // would otherwise take the next page's first lines with it when the page gives way to the OCR text
  const byOcr = new Set(scanPages.length && ocrCheck().ok ? scanPages.filter((p) => scans.has(p)) : []);
  const { blocks, removed } = layoutPages(
    byOcr.size ? pages.map((p, i) => (byOcr.has(i + 1) ? { ...p, segments: [], tables: [] } : p)) : pages,
  );
  if (removed)
    messages.push({ level: "info", code: "pdf_running_text", message: `removed ${removed} page numbers and running header/footer lines` });
  let ocrPagesRead: number[] = [];
  if (scanPages.length) {
    const ocr = ocrCheck();
    if (!ocr.ok) {
      if (scanPages.length === pages.length && !garbled.length)
        throw new ReadError(`scanned PDF without a text layer: ${ocr.reason}`, "needs_ocr");
      messages.push({
        level: "warning",
        code: "ocr_unavailable",
        message: `pages ${scanPages.join(", ")} have no text layer and were not read: ${ocr.reason}`,
      });
    } else {
      const images = [...scans.entries()].filter(([page]) => byOcr.has(page)).map(([page, png]) => ({ page, png: () => png }));
      const texts = stripOcrRunningText(await ocrPages(images));
      for (const [page, text] of [...texts.entries()].sort((a, b) => a[0] - b[0])) {
        const ob = textToBlocks(text).blocks.map((b) => ({ ...b, page, ocr: true as const }));
        // after the last block of an earlier page
        let at = blocks.length;
        for (let k = 0; k < blocks.length; k++)
          if ((blocks[k].page ?? 0) > page) {
            at = k;
            break;
          }
        blocks.splice(at, 0, ...ob);
      }
      ocrPagesRead = [...texts.keys()].sort((a, b) => a - b);
      engine = `${engine}+tesseract`;
      messages.push({
        level: "info",
        code: "ocr",
        message: `${ocrPagesRead.length} scanned pages read with tesseract (OCR: numbers are less certain)`,
      });
    }
  }
  const text = blocks.map(blockText).join("");
  const q = textQuality(text);
  if (q.chars === 0) {
    throw new ReadError("PDF has no text (scanned pages that OCR could not read?)", "empty");
  } else if (!garbled.length && q.bad / q.chars > 0.05) {
    messages.push({ level: "warning", code: "pdf_garbled", message: `PDF text is garbled (${q.bad} of ${q.chars} characters unreadable)` });
  }
  const doc: DocModel = { format: "pdf", pages: pages.length, blocks, engine, messages };
  // glyphs from the segments when pdf.js read the pages (its runs share their width out); none for pages read by OCR
  glyphs ??= pages.map((p, i) => {
    const g = new GlyphCollector();
    for (const s of p.segments) g.addRun(s.text, s.x0, s.y0, s.x1, s.y1);
    return g.done(i + 1, p.width, p.height);
  });
  attachGlyphs(
    doc,
    glyphs.filter((g) => !scanPages.includes(g.page) && !garbled.includes(g.page)),
  );
  return doc;
}

/** Page numbers and running headers/footers on OCR'd pages: the same first or last lines on many pages. */
function stripOcrRunningText(texts: Map<number, string>): Map<number, string> {
  const shape = (l: string) => l.replace(/\s+/g, "").replace(/\d+/g, "#");
  const edges = new Map<string, number>();
  const linesOf = new Map<number, string[]>();
  for (const [page, text] of texts) {
    const lines = text.split("\n").filter((l) => l.trim());
    linesOf.set(page, lines);
    for (const l of new Set([...lines.slice(0, 2), ...lines.slice(-2)].map(shape))) edges.set(l, (edges.get(l) ?? 0) + 1);
  }
  const min = Math.max(2, Math.ceil(texts.size * 0.4));
  const out = new Map<number, string>();
  for (const [page, lines] of linesOf) {
    const keep = lines.filter((l, i) => {
      const edge = i < 2 || i >= lines.length - 2;
      if (!edge) return true;
      return !isPageNumber(l) && !(texts.size >= 2 && (edges.get(shape(l)) ?? 0) >= min);
    });
    out.set(page, keep.join("\n"));
  }
  return out;
}

function blockText(b: Block): string {
  return b.kind === "paragraph" ? b.text : b.rows.map((r) => r.map((c) => c.text).join("")).join("");
}
