import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "vitest";
import { ROOT } from "./helpers.js";

export const CLI = join(ROOT, "dist", "cli.js");

/**
 * `describe` and `it` for tests that run the built CLI: the mutation run (npm run mutate, which sets
 * JIXIAO_MUTATION) changes src/ and never dist/, so they could kill no mutant there and are skipped.
 */
const MUTATION = Boolean(process.env.JIXIAO_MUTATION);
export const describeCli: ReturnType<typeof describe.skipIf> = describe.skipIf(MUTATION);
export const itCli: ReturnType<typeof it.skipIf> = it.skipIf(MUTATION);

/** Runs the built CLI (npm test builds it first) and returns its exit code and output. */
export function jixiao(
  args: string[],
  opts: { cwd?: string; input?: string; env?: Record<string, string> } = {},
): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: "utf8",
    input: opts.input,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...opts.env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
