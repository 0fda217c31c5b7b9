import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOG } from "../src/extract/catalog.js";
import { ROOT } from "./helpers.js";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");

describe("README", () => {
  it("shows every catalog field with its label and CSV column", () => {
    for (const f of CATALOG) {
      const row = readme.split("\n").find((l) => l.startsWith(`| \`${f.name}\` |`));
      expect(row, f.name).toBeDefined();
      expect(row).toContain(f.label);
      expect(row).toContain(`\`${f.column}\``);
    }
  });
  it("its test command is the one .ci/run runs", () => {
    const ci = readFileSync(join(ROOT, ".ci", "run"), "utf8");
    expect(readme).toContain("npm install && npm test");
    expect(ci.trim().split("\n").pop()).toBe("npm install && npm test");
  });
});
