/**
 * Which files an import reads: the paths given, folders walked in name order, links followed only when
 * asked (each real folder once), FIFOs and devices never opened, and why a path cannot be read.
 */
import { readdir, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
import { oneLine } from "./errors.js";

/** What `collectFiles` found. */
export interface Collected {
  files: string[];
  /** paths given on the command line that cannot be read, and why (no such file, a link loop) */
  missing: Array<{ file: string; error: string }>;
  /** followed links that point nowhere, or round in a loop, and why */
  broken: Array<{ file: string; error: string }>;
  /** symbolic links met inside folders and not followed (without followLinks) */
  links: string[];
  /** FIFOs, devices and sockets met inside folders: never read (a FIFO would block the import) */
  special: Array<{ file: string; kind: string }>;
}

/** Why a path cannot be read, from its stat error. */
function statError(e: unknown, link: boolean): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === "ELOOP") return "symbolic link loop (the links point at each other)";
  if (code === "ENOENT") return link ? "broken symbolic link (what it points to does not exist)" : "no such file or directory";
  if (code === "EACCES") return "permission denied";
  return oneLine(e);
}

/** What a directory entry that is neither file, folder nor link is. */
const specialKind = (e: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }) =>
  e.isFIFO()
    ? "a FIFO (named pipe)"
    : e.isCharacterDevice()
      ? "a character device"
      : e.isBlockDevice()
        ? "a block device"
        : e.isSocket()
          ? "a socket"
          : null;

/**
 * The files under the given paths, in name order. Paths given by name are always read, links or
 * not; inside folders, symbolic links are followed only with `followLinks` (like `grep -R`), each
 * real folder once, so a link back up the tree cannot loop. Hidden entries (.name) are left out.
 */
export async function collectFiles(paths: string[], opts: { followLinks?: boolean } = {}): Promise<Collected> {
  const found: Collected = { files: [], missing: [], broken: [], links: [], special: [] };
  const seenDirs = new Set<string>();
  const walk = async (dir: string) => {
    const real = await realpath(dir);
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const full = join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) found.files.push(full);
      else if (e.isSymbolicLink()) {
        if (!opts.followLinks) {
          found.links.push(full);
          continue;
        }
        let st;
        try {
          st = await stat(full);
        } catch (err) {
          found.broken.push({ file: full, error: statError(err, true) });
          continue;
        }
        if (st.isDirectory()) await walk(full);
        else if (st.isFile()) found.files.push(full);
        else {
          const kind = specialKind(st);
          if (kind) found.special.push({ file: full, kind });
        }
      } else {
        const kind = specialKind(e);
        if (kind) found.special.push({ file: full, kind });
      }
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch (err) {
      found.missing.push({ file: p, error: statError(err, false) });
      continue;
    }
    if (st.isDirectory()) await walk(p);
    else found.files.push(p);
  }
  return found;
}
