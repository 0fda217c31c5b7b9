/** Grades to the four-level scale 优/良/中/差; the raw word is kept by the caller. */
export type Grade = "优" | "良" | "中" | "差";

const GRADES: Array<[RegExp, Grade]> = [
  [/^(?:不合格|不及格|差|较差)$/, "差"],
  [/^(?:优秀?|优等|A)$/, "优"],
  [/^(?:良好?|良等|B)$/, "良"],
  [/^(?:合格|中等?|一般|及格|C)$/, "中"],
];

/** "优秀" → 优, "良好" → 良, "合格"/"中等" → 中, "不合格" → 差; null for anything else. */
export function normalizeGrade(raw: string): Grade | null {
  const s = raw.replace(/[\s“”"'「」]/g, "").replace(/(?:等次|等级|级|档次)$/, "");
  for (const [re, g] of GRADES) if (re.test(s)) return g;
  return null;
}

/** The usual bands: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60. */
export function gradeForScore(score: number): Grade {
  if (score >= 90) return "优";
  if (score >= 80) return "良";
  if (score >= 60) return "中";
  return "差";
}
