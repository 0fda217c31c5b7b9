import { describe, expect, it } from "vitest";
import { Dec } from "../../src/normalize/decimal.js";

const d = (s: string) => Dec.parse(s);

describe("Dec", () => {
  it.each([
    ["5", "5"],
    [" 5 ", "5"],
    ["+5", "5"],
    ["-0.25", "-0.25"],
    [".5", "0.5"],
    ["12.", "12"],
    ["1.500", "1.5"],
    ["007", "7"],
    ["-0", "0"],
    ["123456789012345678901234.5", "123456789012345678901234.5"],
  ])("parse(%j) → %s", (s, v) => expect(d(s).toString()).toBe(v));
  it.each(["", " ", ".", "-", "+.", "1e5", "1,000", "--1", "0x10", "5 5"])("parse(%j) throws, naming the text", (s) =>
    expect(() => d(s)).toThrow(`not a decimal number: ${JSON.stringify(s)}`),
  );
  it("of: a negative scale multiplies, trailing zeros of a fraction go", () => {
    expect(Dec.of(5n, -2).toString()).toBe("500");
    expect(Dec.of(5n, -2).scale).toBe(0);
    expect(Dec.of(1500n, 3)).toMatchObject({ mantissa: 15n, scale: 1 });
    expect(Dec.of(0n, 4)).toMatchObject({ mantissa: 0n, scale: 0 });
    expect(Dec.fromInt(42).toString()).toBe("42");
  });
  it("shift moves the point exactly: 1,956.58 万 → 19565800", () => {
    expect(d("1956.58").shift(4).toString()).toBe("19565800");
    expect(d("95").shift(-2).toString()).toBe("0.95");
    expect(d("0.1").shift(-3).toString()).toBe("0.0001");
  });
  it("add and sub keep every digit (no floating point: 0.1 + 0.2 is 0.3)", () => {
    expect(d("0.1").add(d("0.2")).toString()).toBe("0.3");
    expect(d("1.05").sub(d("0.05")).toString()).toBe("1");
    expect(d("100").sub(d("0.001")).toString()).toBe("99.999");
    expect(d("-2.5").add(d("1")).toString()).toBe("-1.5");
  });
  it("neg, abs, cmp", () => {
    expect(d("5").neg().toString()).toBe("-5");
    expect(d("-5").abs().toString()).toBe("5");
    expect(d("5").abs().toString()).toBe("5");
    expect(d("0").abs().toString()).toBe("0");
    expect(d("1.5").cmp(d("1.50"))).toBe(0);
    expect(d("1.4").cmp(d("1.5"))).toBe(-1);
    expect(d("1.6").cmp(d("1.5"))).toBe(1);
    expect(d("-3").cmp(d("2"))).toBe(-1);
  });
  it("toString and toNumber", () => {
    expect(d("-0.05").toString()).toBe("-0.05");
    expect(d("0.05").toNumber()).toBe(0.05);
    expect(d("-12.5").toNumber()).toBe(-12.5);
  });
});
