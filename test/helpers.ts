import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** ../shared beside the repository (CI clones next to it); JIXIAO_SHARED where the tests run elsewhere (the mutation run's sandbox). */
export const SHARED = process.env.JIXIAO_SHARED ?? resolve(ROOT, "..", "shared");
export const FIXTURES = join(ROOT, "fixtures");
export function shared(...p: string[]): string {
  const f = join(SHARED, ...p);
  if (!existsSync(f)) throw new Error(`missing shared data: ${f} (the tests need ../shared beside the repository)`);
  return f;
}

/**
 * Runs a program to its end, its output on the test's: without blocking the worker (a synchronous
 * run of minutes starves vitest's worker of its event loop, and its messages to the runner time out).
 */
export function run(program: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(program, args, { stdio: "inherit", timeout: timeoutMs });
    child.on("error", fail);
    child.on("exit", (code, signal) =>
      code === 0 ? done() : fail(new Error(`${program} ${args[0] ?? ""} ended with ${signal ?? `exit code ${code}`}`)),
    );
  });
}
