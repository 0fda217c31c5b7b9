#!/usr/bin/env node
/**
 * jixiao command line: the entry point (package.json `bin`). The commands are in src/cli/.
 * Exit codes: 0 all good, 1 some files failed, 2 bad usage or database error.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { main } from "./cli/program.js";

export { WORKERS_PER_CORE } from "./cli/import.js";
export { shownPath, terminalSafe, visible } from "./cli/output.js";
export { buildProgram, main } from "./cli/program.js";
export { type Collected, collectFiles } from "./discover.js";

// run when executed directly (also through the npm bin symlink), not when imported by tests
function isMain(): boolean {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}
if (isMain()) {
  main(process.argv).then((code) => {
    process.exitCode = code;
    // for tests and benchmarks
    if (process.env.JIXIAO_REPORT_RSS) {
      // peak resident memory and CPU time of the whole process (all threads)
      const u = process.resourceUsage();
      process.stderr.write(`maxrss_kb=${u.maxRSS} cpu_ms=${Math.round((u.userCPUTime + u.systemCPUTime) / 1000)}\n`);
    }
  });
}
