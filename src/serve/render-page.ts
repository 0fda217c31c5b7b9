/**
 * A page of an imported PDF as a PNG (render.ts runs this in worker threads), rendered with MuPDF for the document page (the value's box is
 * drawn over it in the browser, from `evidence.bbox`). The file is read from the path it was imported
 * from and rendered only if its bytes are still the imported ones (same SHA-256): the server never
 * sends a file from the disk, only a rendering of a document it holds.
 */
import { readFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { loadMupdf, using } from "../extract/readers/pdf.js";
import { sha256 } from "../hash.js";

/** Pixels per point of the renderings: 2 (144 dpi), sharp enough to read a table's figures. */
export const PAGE_SCALE = 2;
/**
 * The largest rendering, in pixels (an A1 page at 144 dpi has 11 million): a larger page is refused
 * rather than rendered at another scale, which the page's box (drawn at PAGE_SCALE) would not fit.
 */
const MAX_PIXELS = 16_000_000;

export class PageImageError extends Error {}

/**
 * The PNG of page `page` (1-based) of the PDF at `path`, which must still have the SHA-256 `sha`.
 * A relative path (as given to `jixiao import`) is looked for from the working directory, then from
 * `base` (the database's folder).
 */
export async function renderPng(path: string, sha: string, page: number, base?: string): Promise<Uint8Array> {
  let buf: Buffer | undefined;
  let why = "";
  for (const p of isAbsolute(path) || !base ? [path] : [path, resolve(base, path)]) {
    try {
      buf = await readFile(p);
      break;
    } catch (e) {
      why ||= (e as NodeJS.ErrnoException).code ?? "unreadable";
    }
  }
  if (!buf) throw new PageImageError(`the file is no longer at ${path} (${why})`);
  if (sha256(buf) !== sha) throw new PageImageError(`${path} has changed since it was imported`);
  const mupdf = await loadMupdf();
  const png = await using(mupdf.Document.openDocument(buf, "application/pdf"), (doc) => {
    if (!Number.isInteger(page) || page < 1 || page > doc.countPages()) throw new PageImageError(`no page ${page}`);
    return using(doc.loadPage(page - 1), (p) => {
      const [x0, y0, x1, y1] = p.getBounds();
      if ((x1 - x0) * (y1 - y0) * PAGE_SCALE * PAGE_SCALE > MAX_PIXELS)
        throw new PageImageError(`page ${page} is too large to render (${Math.round(x1 - x0)} × ${Math.round(y1 - y0)} pt)`);
      return using(p.toPixmap(mupdf.Matrix.scale(PAGE_SCALE, PAGE_SCALE), mupdf.ColorSpace.DeviceRGB, false), (pix) => pix.asPNG());
    });
  });
  // a copy of its own (not a view of MuPDF's memory): it is handed to another thread
  return new Uint8Array(png);
}
