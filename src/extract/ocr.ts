/**
 * OCR for PDF pages without a usable text layer: MuPDF renders the page, tesseract
 * (Debian: tesseract-ocr + tesseract-ocr-chi-sim) reads it. One tesseract process per core,
 * each limited to one thread (OMP_THREAD_LIMIT=1), about 2 s a page.
 */
import { spawn, spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import pLimit from "p-limit";

export const OCR_PACKAGES = "tesseract-ocr and tesseract-ocr-chi-sim";

/** The tesseract program: JIXIAO_TESSERACT overrides the one found on PATH. */
const tesseract = () => process.env.JIXIAO_TESSERACT || "tesseract";

let available: { ok: boolean; langs: string; reason?: string } | undefined;

/** Whether tesseract with Chinese data is installed (checked once per process). */
export function ocrAvailable(): { ok: boolean; langs: string; reason?: string } {
  if (available) return available;
  const r = spawnSync(tesseract(), ["--list-langs"], { encoding: "utf8", timeout: 10000 });
  if (r.error || r.status !== 0) available = { ok: false, langs: "", reason: `tesseract is not installed (install ${OCR_PACKAGES})` };
  else {
    const langs = (r.stdout + r.stderr).split("\n").map((l) => l.trim());
    if (!langs.includes("chi_sim"))
      available = { ok: false, langs: "", reason: "tesseract has no Chinese data (install tesseract-ocr-chi-sim)" };
    else available = { ok: true, langs: langs.includes("eng") ? "chi_sim+eng" : "chi_sim" };
  }
  return available;
}

/** Removes the spaces tesseract puts between Chinese characters and around Chinese punctuation. */
export function tidyOcrText(text: string): string {
  const cjk = "\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef“”‘’";
  return text
    .replace(new RegExp(`([${cjk}])[ \\t]+(?=[${cjk}])`, "g"), "$1")
    .replace(new RegExp(`([${cjk}])[ \\t]+(?=[0-9])`, "g"), "$1")
    .replace(new RegExp(`([0-9%])[ \\t]+(?=[${cjk}])`, "g"), "$1")
    .replace(/\n{3,}/g, "\n\n");
}

/** Reads one page image (PNG bytes) with tesseract; rejects with a one-line reason. */
export function ocrImage(png: Uint8Array, timeoutMs = 120_000): Promise<string> {
  const { ok, langs, reason } = ocrAvailable();
  if (!ok) return Promise.reject(new Error(reason));
  return new Promise((resolve, reject) => {
    const p = spawn(tesseract(), ["stdin", "stdout", "-l", langs, "--psm", "6"], {
      env: { ...process.env, OMP_THREAD_LIMIT: "1" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => {
      p.kill("SIGKILL");
      reject(new Error(`tesseract took longer than ${timeoutMs / 1000} s`));
    }, timeoutMs);
    p.stdout.on("data", (d: Buffer) => out.push(d));
    p.stderr.on("data", (d: Buffer) => err.push(d));
    p.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    p.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(tidyOcrText(Buffer.concat(out).toString("utf8")));
      else reject(new Error(`tesseract failed: ${Buffer.concat(err).toString("utf8").trim().split("\n").pop()}`));
    });
    p.stdin.on("error", () => {});
    p.stdin.end(Buffer.from(png));
  });
}

/** OCRs page images in parallel, one tesseract per core. */
export async function ocrPages(images: Array<{ page: number; png: () => Uint8Array }>): Promise<Map<number, string>> {
  const limit = pLimit(Math.max(1, availableParallelism()));
  const results = new Map<number, string>();
  await Promise.all(
    images.map((img) =>
      limit(async () => {
        results.set(img.page, await ocrImage(img.png()));
      }),
    ),
  );
  return results;
}
