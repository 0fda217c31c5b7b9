/**
 * The labelled text sets, extracted in this process (not through the CLI, so a change anywhere in
 * src/extract shows here — the mutation run counts on it): every gold value of the real-dev excerpts
 * (reports nobody here wrote), the seeds, our variants and the generated labelled set. No value may be
 * wrong or invented, and the only values allowed missing are the ones listed, each with its reason.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractFields } from "../../src/extract/extract.js";
import { readDocument } from "../../src/extract/read.js";
import { FIXTURES, shared } from "../helpers.js";

interface GoldSet {
  gold: string;
  dir: string;
  /** income_total / expenditure_total stand for the unit's total, budget or actual (real-dev's convention) */
  coalesce?: boolean;
  /** "file: field" of gold values not found today, and why */
  missing?: Record<string, string>;
}

const SETS: Record<string, GoldSet> = {
  "real-dev excerpts": {
    gold: shared("real-dev", "gold.jsonl"),
    dir: shared("real-dev"),
    coalesce: true,
    missing: {
      // "100.00 | 94.04 | 优 |": a flattened result table whose rows lost their labels (总分, 得分 …)
      "b018: self_score": "the total row of a flattened result table that lost its labels",
      "b018: grade": "in the same row, under a header 绩效等级 that lost its columns",
    },
  },
  seeds: { gold: shared("gold", "seeds.jsonl"), dir: join(FIXTURES, "reports", "seeds") },
  variants: { gold: join(FIXTURES, "gold", "variants.jsonl"), dir: join(FIXTURES, "src", "variants") },
  labelled: { gold: join(FIXTURES, "gold", "labelled.jsonl"), dir: join(FIXTURES, "src", "labelled") },
};

const key = (file: string) => basename(file, extname(file));
const FALLBACK: Record<string, string> = { income_total: "income_budget", expenditure_total: "expenditure_budget" };

/** Gold and output agree: numbers to a cent (or a relative 1e-9), strings after NFKC without spaces. */
function same(got: unknown, want: unknown): boolean {
  if (want === null) return got === null;
  if (got === null) return false;
  if (typeof want === "number") return typeof got === "number" && Math.abs(got - want) <= Math.max(0.01, Math.abs(want) * 1e-9);
  const norm = (v: unknown) => String(v).normalize("NFKC").replace(/\s/g, "");
  return norm(got) === norm(want);
}

describe.each(Object.entries(SETS))("%s, in process", (_name, set) => {
  it("every gold value found and right, none invented", async () => {
    const gold = readFileSync(set.gold, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const files = new Map(readdirSync(set.dir).map((f) => [key(f), join(set.dir, f)]));
    const problems: string[] = [];
    const missing: string[] = [];
    let checked = 0;
    for (const g of gold) {
      const path = files.get(key(String(g.file)));
      expect(path, `${g.file} is in ${set.dir}`).toBeDefined();
      const { fields } = extractFields(await readDocument(readFileSync(path!)));
      const output = (field: string) => {
        const v = fields[field]?.value ?? null;
        return v === null && set.coalesce && FALLBACK[field] ? (fields[FALLBACK[field]]?.value ?? null) : v;
      };
      for (const [field, want] of Object.entries(g)) {
        if (field === "file" || field === "notes") continue;
        checked++;
        const got = output(field);
        const options = want && typeof want === "object" && "any_of" in want ? (want.any_of as unknown[]) : [want];
        if (options.some((o) => same(got, o))) continue;
        const at = `${key(String(g.file))}: ${field}`;
        if (got === null) missing.push(at);
        else problems.push(`${at} is ${JSON.stringify(got)}, gold ${JSON.stringify(want)}`);
      }
    }
    expect(checked).toBeGreaterThan(gold.length);
    expect(problems).toEqual([]);
    expect(missing.sort()).toEqual(Object.keys(set.missing ?? {}).sort());
  }, 60_000);
});
