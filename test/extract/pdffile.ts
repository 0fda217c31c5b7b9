/**
 * PDF files built object by object for the tests: text in STSong-Light (Adobe-GB1, UniGB-UCS2-H,
 * not embedded: every character one em wide, Chinese and ASCII alike), stroked lines, filled
 * rectangles, curves and a grey image. Coordinates are given from the page's top-left corner, as
 * the PDF reader reports them; y of text is its baseline.
 */

export interface PdfPageSpec {
  /** page size in points (A4 by default) */
  width?: number;
  height?: number;
  /** the MediaBox's lower-left corner (0 0 by default); the operations are moved with it */
  origin?: [number, number];
  /** drawing operations, made with the helpers below */
  ops: Op[];
}

/** One drawing operation: content-stream text for a page of the given height. */
export type Op = (height: number) => string;

const ucs2 = (s: string) => [...s].map((c) => c.charCodeAt(0).toString(16).padStart(4, "0")).join("");

/** Text at x on baseline y, `size` points. */
export const text =
  (x: number, y: number, s: string, size = 12): Op =>
  (h) =>
    `BT /F1 ${size} Tf 1 0 0 1 ${x} ${h - y} Tm <${ucs2(s)}> Tj ET`;
/**
 * Text in a font that has lost its Unicode map (Identity-H, no ToUnicode, not embedded): the
 * characters' codes are glyph numbers that no engine can turn back into text.
 */
export const lostText =
  (x: number, y: number, s: string, size = 12): Op =>
  (h) =>
    `BT /F2 ${size} Tf 1 0 0 1 ${x} ${h - y} Tm <${ucs2(s)}> Tj ET`;
/** A stroked straight line. */
export const line =
  (x0: number, y0: number, x1: number, y1: number, width = 0.5): Op =>
  (h) =>
    `${width} w ${x0} ${h - y0} m ${x1} ${h - y1} l S`;
/** A filled rectangle (a thin one is how many producers draw table rules), black or in the grey level `gray` (1 white). */
export const rect =
  (x: number, y: number, w: number, hh: number, gray = 0): Op =>
  (h) =>
    `${gray} g ${x} ${h - y - hh} ${w} ${hh} re f 0 g`;
/** A stroked Bézier curve from (x0, y0) to (x1, y1). */
export const curve =
  (x0: number, y0: number, x1: number, y1: number): Op =>
  (h) =>
    `${x0} ${h - y0} m ${x0 + 10} ${h - y0 - 10} ${x1 - 10} ${h - y1 + 10} ${x1} ${h - y1} c S`;
/** A grey image filling the box (a scanned page, when it covers the page). */
export const image =
  (x: number, y: number, w: number, hh: number): Op =>
  (h) =>
    `q ${w} 0 0 ${hh} ${x} ${h - y - hh} cm /Im1 Do Q`;
/** A ruled grid: horizontal rules at ys, vertical rules at xs. */
export const grid = (xs: number[], ys: number[]): Op[] => [
  ...ys.map((y) => line(xs[0], y, xs[xs.length - 1], y)),
  ...xs.map((x) => line(x, ys[0], x, ys[ys.length - 1])),
];

/** A PDF of the pages. */
export function pdfOf(pages: PdfPageSpec[]): Buffer {
  const objects: (string | Buffer)[] = [];
  const add = (body: string | Buffer) => objects.push(body);
  const catalog = add("");
  const pagesObj = add("");
  const descriptor = add(
    "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
  );
  const cid = add(
    `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor ${descriptor} 0 R /DW 1000 >>`,
  );
  const font = add(`<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${cid} 0 R] >>`);
  const lostCid = add(
    `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /LostFont /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descriptor} 0 R /DW 1000 >>`,
  );
  const lost = add(`<< /Type /Font /Subtype /Type0 /BaseFont /LostFont /Encoding /Identity-H /DescendantFonts [${lostCid} 0 R] >>`);
  const img = add(
    Buffer.concat([
      Buffer.from(
        "<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n",
      ),
      Buffer.from([0x80, 0x90, 0xa0, 0xb0]),
      Buffer.from("\nendstream"),
    ]),
  );
  const kids: number[] = [];
  for (const p of pages) {
    const w = p.width ?? 595;
    const h = p.height ?? 842;
    const [ox, oy] = p.origin ?? [0, 0];
    const stream = [`1 0 0 1 ${ox} ${oy} cm`, ...p.ops.map((op) => op(h))].join("\n");
    const content = add(`<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [${ox} ${oy} ${ox + w} ${oy + h}] /Resources << /Font << /F1 ${font} 0 R /F2 ${lost} 0 R >> /XObject << /Im1 ${img} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`;
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let offset = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.from(body), Buffer.from("\nendobj\n")]);
    offsets.push(offset);
    parts.push(b);
    offset += b.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`)];
  parts.push(Buffer.from(`${xref.join("")}trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${offset}\n%%EOF\n`));
  return Buffer.concat(parts);
}
