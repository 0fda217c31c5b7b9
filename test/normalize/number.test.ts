import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseNumber, parsePercent } from "../../src/normalize/number.js";
import { shared } from "../helpers.js";

const cases = readFileSync(shared("conformance", "numbers.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { input: string; kind: "number" | "percent"; value: string });

describe("conformance: Recognizers-Text Chinese numbers and percents", () => {
  it("has all 160 cases", () => expect(cases.length).toBe(160));
  it.each(cases.map((c) => [c.input, c.kind, c.value] as const))("%s (%s) → %s", (input, kind, value) => {
    if (kind === "number") expect(parseNumber(input)?.toString()).toBe(value);
    else expect(`${parsePercent(input)?.toString()}%`).toBe(value);
  });
});

describe("parseNumber: forms seen in reports", () => {
  it.each([
    ["1,956.58", "1956.58"],
    ["1043.96477", "1043.96477"],
    ["九十六", "96"],
    ["两千万", "20000000"],
    ["一亿零五百万", "105000000"],
    ["二〇二四", "2024"],
    ["０.９", "0.9"],
    ["1，956．58", "1956.58"],
  ])("%s → %s", (input, want) => expect(parseNumber(input)?.toString()).toBe(want));
  it.each(["", "abc", "1,95", "万", "一二三四五六七八九十百千 x"])("rejects %j", (input) => expect(parseNumber(input)).toBeNull());
});
