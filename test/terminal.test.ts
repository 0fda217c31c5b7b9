/**
 * What reaches a terminal: a report's escape sequences and a file name's bidi override are shown
 * as escapes, never sent as they are (a real pseudo-terminal, made by util-linux `script`).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, jixiao } from "./run.js";

/** Runs the CLI with its standard output and error on a pseudo-terminal; returns what the terminal got. */
function onTerminal(args: string[], code = 0): string {
  const cmd = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(" ");
  const r = spawnSync("script", ["-qec", cmd, "/dev/null"], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(code);
  return r.stdout;
}

const dir = mkdtempSync(join(tmpdir(), "jixiao-tty-"));
const BODY = "一、部门基本情况\n本局内设办公室、财务股等股室,全年支出按预算执行,各项工作有序开展。\n".repeat(20);
const ESC_TEXT = `某局2024年度部门整体支出绩效自评报告\n\u001b]0;pwned\u0007\u001b[2J\u001b[31m核定编制12人\u009b0m。\n${BODY}`;
const file = join(dir, "report.txt");
writeFileSync(file, ESC_TEXT);
const evil = join(dir, "invoice\u202etxt.exe.txt");
writeFileSync(evil, "某局2024年度部门整体支出绩效自评报告\n");

describe("output to a terminal", () => {
  it("jixiao text drops a report's C0 control characters and shows the rest (C1) as escapes", () => {
    const got = onTerminal(["text", file]);
    expect(got).not.toMatch(/[\u001b\u0007\u009b]/);
    expect(got).toContain("]0;pwned[2J[31m核定编制12人\\u009b0m");
  });
  it("a bidi override in a file name is shown escaped, in logs and errors", () => {
    const got = onTerminal(["extract", evil]);
    expect(got).not.toContain("\u202e");
    expect(got).toContain("invoice\\u202etxt.exe.txt");
    const failed = onTerminal(["extract", join(dir, "gone\u202efdp.txt")], 1);
    expect(failed).toContain("gone\\u202efdp.txt: failed");
    expect(failed).not.toContain("\u202e");
  });
  it("piped, jixiao text prints the clean text exactly (evidence offsets point into it), without C0 controls", () => {
    const r = jixiao(["text", file]);
    expect(r.code).toBe(0);
    // (C0 controls are no text: the clean text has none; a C1 character stays, as the report wrote it)
    expect(r.stdout).toContain("]0;pwned[2J[31m核定编制12人\u009b0m。\n");
  });
});
