import { describe, expect, it } from "vitest";
import { Dec } from "../../src/normalize/decimal.js";
import { parseMoney } from "../../src/normalize/money.js";
import { parseRatio } from "../../src/normalize/ratio.js";

describe("money → 元 by decimal shifting", () => {
  it.each([
    ["1,956.58万元", "19565800"],
    ["1043.96477万元", "10439647.7"],
    ["0.9亿元", "90000000"],
    ["1.26亿元", "126000000"],
    ["39622.04元", "39622.04"],
    ["18,632,400.00元", "18632400"],
    ["30万元", "300000"],
    ["２７．５７万元", "275700"],
    ["1，956．58万元", "19565800"],
    ["两千万元", "20000000"],
    ["一亿零五百万元", "105000000"],
    ["两千万", "20000000"],
    ["三亿", "300000000"],
    ["0.39 万元", "3900"],
    ["12.5千元", "12500"],
    ["3万", "30000"],
    ["-12.5万元", "-125000"],
    ["0.00万元", "0"],
    ["873.805893万元", "8738058.93"],
  ])("%s → %s 元", (input, want) => expect(parseMoney(input)?.yuan.toString()).toBe(want));

  it("never goes through floating point: 0.1 + 0.2 style sums stay exact", () => {
    const a = parseMoney("0.1万元")!.yuan;
    const b = parseMoney("0.2万元")!.yuan;
    expect(a.add(b).toString()).toBe("3000");
    expect(Dec.parse("1043.96477").shift(4).toString()).toBe("10439647.7");
    // the float product would give 10439647.699999999
    expect(1043.96477 * 10000).not.toBe(10439647.7);
  });

  it.each(["万元", "元", "abc万元", "1.2.3万元", "12"])("rejects %j", (input) => expect(parseMoney(input)).toBeNull());
});

describe("percent → ratio", () => {
  it.each([
    ["98%", "0.98"],
    ["2.4%", "0.024"],
    ["89.15 %", "0.8915"],
    ["１００％", "1"],
    ["百分之九十五", "0.95"],
    ["0%", "0"],
  ])("%s → %s", (input, want) => expect(parseRatio(input)?.toString()).toBe(want));
});

describe("Dec", () => {
  it("prints plain decimals without exponent or trailing zeros", () => {
    expect(Dec.parse("1000.500").toString()).toBe("1000.5");
    expect(Dec.parse("0.000001").toString()).toBe("0.000001");
    expect(Dec.parse("-0.50").toString()).toBe("-0.5");
    expect(Dec.parse("123456789012345678.25").shift(4).toString()).toBe("1234567890123456782500");
  });
  it("rejects non-numbers", () => expect(() => Dec.parse("1,000")).toThrow(RangeError));
});
