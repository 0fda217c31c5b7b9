import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOG } from "../src/extract/catalog.js";
import { ROOT } from "./helpers.js";
import { jixiao } from "./run.js";

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
  it("its layout section names every module of src/", () => {
    const layout = readme.slice(readme.indexOf("## Layout"), readme.indexOf("## Dependencies"));
    const modules = (readdirSync(join(ROOT, "src"), { recursive: true }) as string[])
      .filter((f) => f.endsWith(".ts"))
      .map((f) => basename(f).replace(/(\.d)?\.ts$/, ""));
    expect(modules.length).toBeGreaterThan(60);
    const unnamed = modules.filter(
      (m) => !new RegExp(`\\b${m.replace(/[.-]/g, "\\$&")}\\b`).test(layout) && !(m.endsWith("-dict") || m === "word-extractor"),
    );
    expect(unnamed).toEqual([]);
  });
  it("--version is the package's version, with the extractor's beside it", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    const { EXTRACTOR_VERSION } = {
      EXTRACTOR_VERSION: /EXTRACTOR_VERSION = "([^"]+)"/.exec(readFileSync(join(ROOT, "src", "version.ts"), "utf8"))![1],
    };
    expect(jixiao(["--version"]).stdout.trim()).toBe(`${pkg.version} (extractor ${EXTRACTOR_VERSION})`);
    expect(readme).toContain(`\`${pkg.version} (extractor ${EXTRACTOR_VERSION})\``);
  });
});
