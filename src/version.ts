/** Bumped whenever extraction output can change: stored records with another version are re-extracted. */
export const EXTRACTOR_VERSION = "0.8.0";
