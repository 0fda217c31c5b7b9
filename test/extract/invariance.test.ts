/**
 * Invariance over all real text: every excerpt of ../shared/real-dev and ../shared/real-dev2 must give
 * the same record
 *   - in every format: rendered as .docx, LibreOffice PDF, CID-font PDF, Word 97 .doc and a web page
 *     (scripts/render-formats.py, cached outside git by the text's hash — rendered here when missing);
 *   - under every harmless change a site, crawler or converter makes to its text
 *     (scripts/invariance.mjs: blank lines removed and doubled, lines re-wrapped, the page on one line,
 *     widths swapped, numbers letter-spaced, traditional script, a site-metadata block in each layout).
 * Fields are compared as an analyst would (script, width and spaces aside). Where a record differs,
 * the case is listed in invariance-cases.ts with its reason: a difference not listed fails, and so
 * does a listed case that no longer differs. The listed values stay under 3 % of those compared.
 *
 * The format suite needs Debian's python3-docx, python3-reportlab, libreoffice-writer-nogui and
 * fonts-wqy-microhei; where they are missing it is skipped with a message, unless
 * JIXIAO_REQUIRE_TOOLS=1 (.ci/run sets it), where that is a failure.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module of the scripts, shared with scripts/eval.mjs
import { CHROME_FIELDS, comparable, METADATA_BLOCKS, PERTURBATIONS, recordDiff, seedOf } from "../../scripts/invariance.mjs";
import { extractFields } from "../../src/extract/extract.js";
import { readDocument } from "../../src/extract/read.js";
import { ROOT, run, shared } from "../helpers.js";
import { type Case, FORMAT_CASES, PERTURBATION_CASES } from "./invariance-cases.js";

const EXCERPTS = [shared("real-dev"), shared("real-dev2")].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => /^[a-c]\d+\.txt$/.test(f))
    .map((f) => join(dir, f)),
);
const FORMATS = ["report.docx", "report.pdf", "report-cid.pdf", "report.doc", "report.html"];
const CACHE = process.env.JIXIAO_FORMAT_CACHE ?? join(homedir(), ".cache", "jixiao", "formats");
const RENDER_VERSION = 2;
const LIMIT = 0.03;

type Fields = ReturnType<typeof extractFields>["fields"];
const recordOf = async (buf: Buffer): Promise<Fields> => extractFields(await readDocument(buf)).fields;
const name = (file: string) => file.split("/").pop()!;

interface Found {
  cases: Case[];
  values: number;
}

/** The cases that differ (file × variant → fields), and how many values were compared. */
function compare(found: Found, file: string, variant: string, base: Fields, other: Fields, skip = new Set<string>()): void {
  const { diffs, values } = recordDiff(base, other, skip) as { diffs: Array<{ field: string }>; values: number };
  found.values += values;
  if (diffs.length) found.cases.push({ file: name(file), variant, fields: diffs.map((d) => d.field).sort(), reason: "" });
}

/** Every case found must be listed with the same fields; every listed case must still be found. */
function expectListed(found: Found, listed: Case[]): void {
  const key = (c: Case) => `${c.file} ${c.variant}: ${c.fields.join(", ")}`;
  const listedKeys = new Set(listed.map(key));
  const foundKeys = new Set(found.cases.map(key));
  const unlisted = found.cases.filter((c) => !listedKeys.has(key(c))).map(key);
  const stale = listed.filter((c) => !foundKeys.has(key(c))).map(key);
  expect({ unlisted, stale }).toEqual({ unlisted: [], stale: [] });
  for (const c of listed) expect(c.reason.length, `${key(c)} has a reason`).toBeGreaterThan(20);
  const differing = listed.reduce((n, c) => n + c.fields.length, 0);
  expect(differing / found.values).toBeLessThanOrEqual(LIMIT);
}

const rendered = (file: string) =>
  join(CACHE, `v${RENDER_VERSION}`, createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 16));
const tools =
  existsSync("/usr/bin/python3") &&
  spawnSync("/usr/bin/python3", ["-c", "import docx, reportlab"]).status === 0 &&
  spawnSync("soffice", ["--version"]).status === 0;
const required = process.env.JIXIAO_REQUIRE_TOOLS === "1";
const haveAll = () => EXCERPTS.every((f) => FORMATS.every((x) => existsSync(join(rendered(f), x))));
if (!tools && !required && !haveAll())
  console.warn("format invariance skipped: python3-docx, python3-reportlab or LibreOffice missing (apt-get install them, see .ci/run)");

describe.skipIf(!tools && !required && !haveAll())("format invariance over all real excerpts", () => {
  beforeAll(async () => {
    if (haveAll()) return;
    if (!tools)
      throw new Error("python3-docx, python3-reportlab and LibreOffice are needed to render the excerpts (JIXIAO_REQUIRE_TOOLS=1)");
    await run("/usr/bin/python3", [join(ROOT, "scripts", "render-formats.py"), "--out", CACHE, ...EXCERPTS], 15 * 60_000);
  }, 16 * 60_000);

  it("each excerpt as .docx, LibreOffice PDF, CID-font PDF, .doc and a web page gives its text's record", async () => {
    const found: Found = { cases: [], values: 0 };
    for (const file of EXCERPTS) {
      const base = await recordOf(readFileSync(file));
      for (const format of FORMATS) compare(found, file, format, base, await recordOf(readFileSync(join(rendered(file), format))));
    }
    expectListed(found, FORMAT_CASES);
  }, 300_000);
});

describe("perturbation invariance over all real excerpts", () => {
  it("each excerpt under every harmless change gives the same record; a metadata block gives only its publisher and date", async () => {
    const found: Found = { cases: [], values: 0 };
    const wrongChrome: string[] = [];
    for (const file of EXCERPTS) {
      const text = readFileSync(file, "utf8");
      const base = await recordOf(Buffer.from(text));
      for (const [variant, perturb] of Object.entries(PERTURBATIONS) as Array<[string, (t: string, seed: number) => string]>)
        compare(found, file, variant, base, await recordOf(Buffer.from(perturb(text, seedOf(text)))));
      for (const [layout, block] of Object.entries(METADATA_BLOCKS) as Array<
        [string, { text: string; publisher: string; published: string }]
      >) {
        const r = await recordOf(Buffer.from(`${block.text}\n${text}`));
        compare(found, file, `metadata-${layout}`, base, r, CHROME_FIELDS);
        if (comparable("publisher", r.publisher?.value) !== block.publisher || r.published_date?.value !== block.published)
          wrongChrome.push(`${name(file)} metadata-${layout}: ${r.publisher?.value} ${r.published_date?.value}`);
      }
    }
    expect(wrongChrome).toEqual([]);
    expectListed(found, PERTURBATION_CASES);
  }, 300_000);
});
