/**
 * OCR (ocr.ts) in process: the text tidying, and the tesseract calls run for real against small
 * stand-in programs (JIXIAO_TESSERACT): not installed, no Chinese data, a page read, a failure, a
 * page that takes too long, and what it is called with.
 */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { tidyOcrText } from "../../src/extract/ocr.js";

describe("tidyOcrText", () => {
  it.each([
    ["甲 乙  丙", "甲乙丙"],
    ["甲\t乙", "甲乙"],
    ["合计 ， 共", "合计，共"],
    ["“三公” 经费", "“三公”经费"],
    ["支出 12 万元", "支出12万元"],
    ["增长 5 % 以上", "增长5 %以上"],
    ["95% 满意", "95%满意"],
    ["a b", "a b"],
    ["1 2", "1 2"],
    ["甲\n乙", "甲\n乙"],
    ["甲\n\n\n\n乙", "甲\n\n乙"],
    ["甲\n\n乙", "甲\n\n乙"],
  ])("%j → %j", (raw, want) => expect(tidyOcrText(raw)).toBe(want));
});

const dir = mkdtempSync(join(tmpdir(), "jixiao-ocr-"));
/** a stand-in tesseract: `langs` for --list-langs, `page` run for a page */
const fake = (name: string, langs: string, page: string) => {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\nif [ "$1" = "--list-langs" ]; then\n${langs}\nexit 0\nfi\n${page}\n`);
  chmodSync(path, 0o755);
  return path;
};
const LANGS = 'echo "List of available languages in \\"/usr/share\\" (3):"; echo chi_sim; echo eng; echo osd';
/** the module afresh (it remembers what it found) with JIXIAO_TESSERACT set to `program` */
const ocrWith = async (program: string) => {
  vi.stubEnv("JIXIAO_TESSERACT", program);
  vi.resetModules();
  return import("../../src/extract/ocr.js");
};
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("ocrAvailable", () => {
  it("no such program: not installed, with the packages to install", async () => {
    const { ocrAvailable } = await ocrWith(join(dir, "nothing-here"));
    expect(ocrAvailable()).toEqual({
      ok: false,
      langs: "",
      reason: "tesseract is not installed (install tesseract-ocr and tesseract-ocr-chi-sim)",
    });
  });
  it("a program that fails: not installed", async () => {
    const { ocrAvailable } = await ocrWith(fake("fails", "exit 3", ""));
    expect(ocrAvailable()).toMatchObject({
      ok: false,
      reason: "tesseract is not installed (install tesseract-ocr and tesseract-ocr-chi-sim)",
    });
  });
  it("without Chinese data: says which package", async () => {
    const { ocrAvailable } = await ocrWith(fake("eng", 'echo "List (1):"; echo eng', ""));
    expect(ocrAvailable()).toEqual({ ok: false, langs: "", reason: "tesseract has no Chinese data (install tesseract-ocr-chi-sim)" });
  });
  it("with Chinese data, and English when there is", async () => {
    expect((await ocrWith(fake("both", LANGS, ""))).ocrAvailable()).toEqual({ ok: true, langs: "chi_sim+eng" });
    expect((await ocrWith(fake("chi", 'echo "List (1):"; echo chi_sim', ""))).ocrAvailable()).toEqual({ ok: true, langs: "chi_sim" });
  });
  it("is asked once per process", async () => {
    const count = join(dir, "count");
    writeFileSync(count, "");
    const { ocrAvailable } = await ocrWith(fake("counted", `echo x >> ${count}; ${LANGS}`, ""));
    ocrAvailable();
    ocrAvailable();
    expect(readFileSync(count, "utf8")).toBe("x\n");
  });
});

describe("ocrImage", () => {
  it("the page's text, tidied; called with stdin, stdout, the languages, one block of text, one thread", async () => {
    const args = join(dir, "args");
    const { ocrImage } = await ocrWith(
      fake("reads", LANGS, `echo "$@ OMP=$OMP_THREAD_LIMIT" > ${args}; cat > ${args}.in; printf '甲 乙\\n\\n\\n\\n丙 12 万元\\n'`),
    );
    expect(await ocrImage(Buffer.from("PNG bytes"))).toBe("甲乙\n\n丙12万元\n");
    expect(readFileSync(args, "utf8")).toBe("stdin stdout -l chi_sim+eng --psm 6 OMP=1\n");
    expect(readFileSync(`${args}.in`, "utf8")).toBe("PNG bytes");
  });
  it("a failure: the last line tesseract wrote", async () => {
    const { ocrImage } = await ocrWith(
      fake("broken", LANGS, 'cat > /dev/null; echo "Error in pixReadMem" >&2; echo "Image file stdin cannot be read!" >&2; exit 1'),
    );
    await expect(ocrImage(Buffer.from("x"))).rejects.toThrow(/^tesseract failed: Image file stdin cannot be read!$/);
  });
  it("a page that takes too long is stopped, and its process killed", async () => {
    const pidFile = join(dir, "slow.pid");
    const { ocrImage } = await ocrWith(fake("slow", LANGS, `echo $$ > ${pidFile}; exec sleep 30`));
    await expect(ocrImage(Buffer.from("x"), 300)).rejects.toThrow(/^tesseract took longer than 0\.3 s$/);
    const pid = Number(readFileSync(pidFile, "utf8"));
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    // SIGKILL is sent when the time is up; the process is gone once it has been reaped
    for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(alive()).toBe(false);
  });
  it("without tesseract: rejected with the reason, nothing run", async () => {
    const { ocrImage } = await ocrWith(join(dir, "nothing-here"));
    await expect(ocrImage(Buffer.from("x"))).rejects.toThrow(/^tesseract is not installed/);
  });
  it("ocrPages: each page's text by its number", async () => {
    const { ocrPages } = await ocrWith(fake("pages", LANGS, "cat; echo"));
    const pages = await ocrPages([1, 2, 3].map((page) => ({ page, png: () => Buffer.from(`第${page}页`) })));
    expect([...pages].sort()).toEqual([
      [1, "第1页\n"],
      [2, "第2页\n"],
      [3, "第3页\n"],
    ]);
  });
});
