import { createRequire } from "node:module";

/** Bumped whenever extraction output can change: stored records with another version are re-extracted. */
export const EXTRACTOR_VERSION = "0.11.0";

/** The package's version (package.json): what `jixiao --version` prints, beside the extractor's. */
export const PACKAGE_VERSION: string = (createRequire(import.meta.url)("../package.json") as { version: string }).version;
