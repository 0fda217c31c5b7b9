/** `jixiao serve` for the tests: the CLI on a free loopback port, stopped after the file's tests. */
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll } from "vitest";
import { CLI } from "../run.js";

const servers: ChildProcess[] = [];
afterAll(() => servers.forEach((p) => p.kill("SIGTERM")));
/** What the servers printed to stderr (errors of requests), for a failing test's message. */
export const serverErrors: string[] = [];

/** Starts `jixiao serve --db DB` on a free port and returns its base URL (ending in "/"). */
export function startServer(db: string, extra: string[] = [], nodeArgs: string[] = []): Promise<string> {
  return startServerProcess(db, extra, nodeArgs).then((s) => s.url);
}

/** Starts `jixiao serve` and returns its URL and process (to signal it). */
export function startServerProcess(
  db: string,
  extra: string[] = [],
  nodeArgs: string[] = [],
): Promise<{ url: string; proc: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...nodeArgs, CLI, "serve", "--db", db, "--port", "0", "--user", "tester", ...extra], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    servers.push(p);
    let out = "";
    p.stdout.on("data", (b) => {
      out += b;
      const m = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve({ url: m[1], proc: p });
    });
    p.stderr.on("data", (b) => {
      out += b;
      serverErrors.push(String(b));
    });
    p.on("exit", (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}
