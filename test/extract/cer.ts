import { distance } from "fastest-levenshtein";

/** Character error rate of `got` against `want`, whitespace ignored. */
export function cer(want: string, got: string): number {
  const a = want.replace(/\[bookmark: [^\]]*\]/g, "").replace(/\s+/g, "");
  const b = got.replace(/\s+/g, "");
  return distance(a, b) / Math.max(1, a.length);
}
