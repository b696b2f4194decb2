/**
 * Dimensions as exponent vectors over the base quantities moesys needs. Bits and bytes are
 * separate bases on purpose (a link rate in B/s is almost always a mistake worth flagging),
 * but they convert into each other for quick fixes.
 */

export const BASES = ['bit', 'byte', 'second', 'flop', 'joule', 'metre', 'token'] as const;
export type Base = (typeof BASES)[number];

/** Exponent per base; missing bases are 0. */
export type Dimension = Readonly<Partial<Record<Base, number>>>;

export const DIMENSIONLESS: Dimension = {};

export function multiply(a: Dimension, b: Dimension, power = 1): Dimension {
  const result: Partial<Record<Base, number>> = { ...a };
  for (const base of BASES) {
    const exponent = (result[base] ?? 0) + (b[base] ?? 0) * power;
    if (exponent === 0) delete result[base];
    else result[base] = exponent;
  }
  return result;
}

export function sameDimension(a: Dimension, b: Dimension): boolean {
  return BASES.every((base) => (a[base] ?? 0) === (b[base] ?? 0));
}

/** Named dimensions, used in messages ("expected bit rate (bit/s), got energy per bit (J/bit)"). */
export const NAMED_DIMENSIONS: ReadonlyArray<{ name: string; symbol: string; dimension: Dimension }> = [
  { name: 'count', symbol: '1', dimension: DIMENSIONLESS },
  { name: 'bit rate', symbol: 'bit/s', dimension: { bit: 1, second: -1 } },
  { name: 'byte rate', symbol: 'B/s', dimension: { byte: 1, second: -1 } },
  { name: 'information', symbol: 'bit', dimension: { bit: 1 } },
  { name: 'memory size', symbol: 'B', dimension: { byte: 1 } },
  { name: 'compute rate', symbol: 'FLOP/s', dimension: { flop: 1, second: -1 } },
  { name: 'compute', symbol: 'FLOP', dimension: { flop: 1 } },
  { name: 'energy per bit', symbol: 'J/bit', dimension: { joule: 1, bit: -1 } },
  { name: 'energy', symbol: 'J', dimension: { joule: 1 } },
  { name: 'power', symbol: 'W', dimension: { joule: 1, second: -1 } },
  { name: 'time', symbol: 's', dimension: { second: 1 } },
  { name: 'length', symbol: 'm', dimension: { metre: 1 } },
  { name: 'area', symbol: 'mm2', dimension: { metre: 2 } },
  { name: 'bandwidth density', symbol: 'bit/s/mm2', dimension: { bit: 1, second: -1, metre: -2 } },
  { name: 'tokens', symbol: 'tokens', dimension: { token: 1 } },
];

/** A readable name for a dimension: its named form, or its exponents. */
export function describeDimension(dimension: Dimension): string {
  const named = NAMED_DIMENSIONS.find((entry) => sameDimension(entry.dimension, dimension));
  if (named) return named.symbol === '1' ? 'a plain number' : `${named.name} (${named.symbol})`;
  const parts = BASES.filter((base) => dimension[base]).map((base) => `${base}^${dimension[base]}`);
  return parts.join('·');
}
