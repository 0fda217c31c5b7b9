/**
 * Exact decimal numbers for money and ratios: a BigInt mantissa and a power-of-ten scale.
 * Unit conversion (万元 → 元, % → ratio) is a shift of the decimal point, never a float product.
 */
export class Dec {
  /** value = mantissa × 10^-scale, scale ≥ 0 */
  private constructor(
    readonly mantissa: bigint,
    readonly scale: number,
  ) {}

  static readonly ZERO = new Dec(0n, 0);

  static of(mantissa: bigint, scale = 0): Dec {
    if (scale < 0) return new Dec(mantissa * 10n ** BigInt(-scale), 0);
    return new Dec(mantissa, scale).trim();
  }

  /** Parses a plain ASCII decimal: optional sign, digits, optional fraction (".5", "12.", "-0.25"). */
  static parse(text: string): Dec {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
    if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw new RangeError(`not a decimal number: ${JSON.stringify(text)}`);
    const frac = m[3] ?? "";
    const mant = BigInt(m[2] + frac); // BigInt("") is 0n
    return Dec.of(m[1] === "-" ? -mant : mant, frac.length);
  }

  static fromInt(n: number | bigint): Dec {
    return Dec.of(BigInt(n), 0);
  }

  private trim(): Dec {
    let { mantissa, scale } = this;
    while (scale > 0 && mantissa % 10n === 0n) {
      mantissa /= 10n;
      scale--;
    }
    return new Dec(mantissa, scale);
  }

  /** this × 10^k, exactly. */
  shift(k: number): Dec {
    return Dec.of(this.mantissa, this.scale - k);
  }

  add(o: Dec): Dec {
    const s = Math.max(this.scale, o.scale);
    return Dec.of(this.mantissa * 10n ** BigInt(s - this.scale) + o.mantissa * 10n ** BigInt(s - o.scale), s);
  }

  sub(o: Dec): Dec {
    return this.add(o.neg());
  }

  neg(): Dec {
    return Dec.of(-this.mantissa, this.scale);
  }

  abs(): Dec {
    return this.mantissa < 0n ? this.neg() : this;
  }

  cmp(o: Dec): number {
    const d = this.sub(o).mantissa;
    return d === 0n ? 0 : d < 0n ? -1 : 1;
  }

  /** Plain decimal string: no exponent, no thousands separators, no trailing fractional zeros. */
  toString(): string {
    const neg = this.mantissa < 0n;
    const digits = (neg ? -this.mantissa : this.mantissa).toString();
    if (this.scale === 0) return (neg ? "-" : "") + digits;
    const padded = digits.padStart(this.scale + 1, "0");
    const int = padded.slice(0, padded.length - this.scale);
    const frac = padded.slice(padded.length - this.scale);
    return `${neg ? "-" : ""}${int}.${frac}`;
  }

  /** The nearest JavaScript number (for JSON output); toString() stays the exact form. */
  toNumber(): number {
    return Number(this.toString());
  }
}
