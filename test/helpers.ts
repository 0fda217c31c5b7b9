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
