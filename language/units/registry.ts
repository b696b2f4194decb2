/**
 * The unit registry: parses unit strings such as `Tb/s`, `pJ/bit`, `PFLOPS`, `GiB`, `mm2`, `%`
 * into a scale to SI and a dimension, and formats SI values back into readable units.
 * Pure TypeScript, no Langium, so it can be tested and reused on its own.
 */
import { type Dimension, DIMENSIONLESS, multiply, sameDimension } from './dimensions.js';

export interface UnitInfo {
  /** Multiply a value in this unit by `scale` to get SI (bits, bytes, s, FLOP, J, m, tokens). */
  scale: number;
  dimension: Dimension;
}

interface BaseUnit extends UnitInfo {
  /** Which prefixes the base accepts ('si' large and small, 'siLarge', 'siSmall', 'binary'). */
  prefixes: ReadonlyArray<keyof typeof PREFIX_SETS>;
}

const SI_LARGE: Record<string, number> = { k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Z: 1e21 };
const SI_SMALL: Record<string, number> = { m: 1e-3, u: 1e-6, '\u00B5': 1e-6, n: 1e-9, p: 1e-12, f: 1e-15 };
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const PREFIX_SETS = { siLarge: SI_LARGE, siSmall: SI_SMALL, binary: BINARY, centi: { c: 1e-2 } as Record<string, number> };

const RATE = { second: -1 } as const;
const BASE_UNITS: Record<string, BaseUnit> = {
  b: { scale: 1, dimension: { bit: 1 }, prefixes: ['siLarge', 'binary'] },
  bit: { scale: 1, dimension: { bit: 1 }, prefixes: ['siLarge', 'binary'] },
  bits: { scale: 1, dimension: { bit: 1 }, prefixes: ['siLarge', 'binary'] },
  bps: { scale: 1, dimension: { bit: 1, ...RATE }, prefixes: ['siLarge'] },
  B: { scale: 1, dimension: { byte: 1 }, prefixes: ['siLarge', 'binary'] },
  byte: { scale: 1, dimension: { byte: 1 }, prefixes: ['siLarge', 'binary'] },
  bytes: { scale: 1, dimension: { byte: 1 }, prefixes: ['siLarge', 'binary'] },
  s: { scale: 1, dimension: { second: 1 }, prefixes: ['siSmall'] },
  sec: { scale: 1, dimension: { second: 1 }, prefixes: [] },
  min: { scale: 60, dimension: { second: 1 }, prefixes: [] },
  h: { scale: 3600, dimension: { second: 1 }, prefixes: [] },
  hour: { scale: 3600, dimension: { second: 1 }, prefixes: [] },
  hours: { scale: 3600, dimension: { second: 1 }, prefixes: [] },
  d: { scale: 86400, dimension: { second: 1 }, prefixes: [] },
  day: { scale: 86400, dimension: { second: 1 }, prefixes: [] },
  days: { scale: 86400, dimension: { second: 1 }, prefixes: [] },
  FLOP: { scale: 1, dimension: { flop: 1 }, prefixes: ['siLarge'] },
  FLOPs: { scale: 1, dimension: { flop: 1 }, prefixes: ['siLarge'] },
  FLOPS: { scale: 1, dimension: { flop: 1, ...RATE }, prefixes: ['siLarge'] },
  J: { scale: 1, dimension: { joule: 1 }, prefixes: ['siLarge', 'siSmall'] },
  W: { scale: 1, dimension: { joule: 1, ...RATE }, prefixes: ['siLarge', 'siSmall'] },
  Wh: { scale: 3600, dimension: { joule: 1 }, prefixes: ['siLarge'] },
  m: { scale: 1, dimension: { metre: 1 }, prefixes: ['siSmall', 'centi'] },
  km: { scale: 1000, dimension: { metre: 1 }, prefixes: [] },
  token: { scale: 1, dimension: { token: 1 }, prefixes: ['siLarge'] },
  tokens: { scale: 1, dimension: { token: 1 }, prefixes: ['siLarge'] },
  '%': { scale: 0.01, dimension: DIMENSIONLESS, prefixes: [] },
};

/** Billions of tokens are usually written `Btokens`; B means billion only in front of `tokens`. */
const TOKEN_PREFIXES: Record<string, number> = { B: 1e9 };

const cache = new Map<string, UnitInfo | undefined>();
/** Units longer than this are not units (a pasted line, a 1 MB word): not cached, not parsed. */
export const MAX_UNIT_LENGTH = 64;

/** `table[key]` for the table's own keys only: a unit named `constructor` or `__proto__` is unknown, not Object's. */
function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Resolves one atom such as `Tb`, `mm2`, `PFLOPS` or `GiB`. */
function parseAtom(atom: string): UnitInfo | undefined {
  // One power per atom: `mm2` is an area, `m22` nothing (not metre^4).
  const power = /^(.*?\D)([23])$/.exec(atom);
  if (power && !own(BASE_UNITS, atom)) {
    const base = parsePlainAtom(power[1]);
    if (!base) return undefined;
    const exponent = Number(power[2]);
    return { scale: base.scale ** exponent, dimension: multiply(DIMENSIONLESS, base.dimension, exponent) };
  }
  return parsePlainAtom(atom);
}

/** An atom without a power: a base unit, with or without a prefix. */
function parsePlainAtom(atom: string): UnitInfo | undefined {
  const exact = own(BASE_UNITS, atom);
  if (exact) return { scale: exact.scale, dimension: exact.dimension };
  for (const length of [2, 1]) {
    const prefix = atom.slice(0, length);
    const base = own(BASE_UNITS, atom.slice(length));
    if (!base || atom.length <= length) continue;
    for (const set of base.prefixes) {
      const factor = own(PREFIX_SETS[set], prefix);
      if (factor !== undefined) return { scale: factor * base.scale, dimension: base.dimension };
    }
    const tokenFactor = own(TOKEN_PREFIXES, prefix);
    if ((atom.endsWith('token') || atom.endsWith('tokens')) && tokenFactor !== undefined) {
      return { scale: tokenFactor * base.scale, dimension: base.dimension };
    }
  }
  return undefined;
}

/** Parses a unit such as `Tb/s` or `bit/s/mm2`; undefined when any atom is unknown. */
export function parseUnit(unit: string): UnitInfo | undefined {
  if (typeof unit !== 'string' || unit.length > MAX_UNIT_LENGTH) return undefined;
  if (cache.has(unit)) return cache.get(unit);
  const atoms = unit.split('/').map((atom) => atom.trim());
  let result: UnitInfo | undefined = { scale: 1, dimension: DIMENSIONLESS };
  for (const [index, atom] of atoms.entries()) {
    const info = atom ? parseAtom(atom) : undefined;
    if (!info) {
      result = undefined;
      break;
    }
    const power = index === 0 ? 1 : -1;
    result = { scale: result.scale * info.scale ** power, dimension: multiply(result.dimension, info.dimension, power) };
  }
  if (cache.size >= 10_000) cache.clear(); // a storm of typos must not grow it without bound
  cache.set(unit, result);
  return result;
}

/** Units offered for a dimension, most common first; the first is the canonical display unit. */
const DISPLAY_UNITS: ReadonlyArray<{ dimension: Dimension; units: string[] }> = [
  { dimension: { bit: 1, second: -1 }, units: ['Tb/s', 'Gb/s', 'Pb/s', 'Mb/s', 'b/s'] },
  { dimension: { byte: 1, second: -1 }, units: ['TB/s', 'GB/s', 'PB/s', 'MB/s', 'B/s'] },
  { dimension: { byte: 1 }, units: ['GB', 'TB', 'GiB', 'MB', 'MiB', 'B', 'PB'] },
  { dimension: { bit: 1 }, units: ['Gb', 'Tb', 'Mb', 'b'] },
  { dimension: { flop: 1, second: -1 }, units: ['PFLOPS', 'TFLOPS', 'EFLOPS', 'GFLOPS', 'FLOPS'] },
  { dimension: { flop: 1 }, units: ['PFLOP', 'TFLOP', 'EFLOP', 'FLOP'] },
  { dimension: { joule: 1, bit: -1 }, units: ['pJ/bit', 'fJ/bit', 'nJ/bit'] },
  { dimension: { joule: 1, second: -1 }, units: ['W', 'kW', 'MW', 'mW'] },
  { dimension: { joule: 1 }, units: ['J', 'kJ', 'MJ', 'GJ', 'TJ', 'MWh', 'GWh'] },
  { dimension: { second: 1 }, units: ['ns', 'us', 'ms', 's', 'min', 'h', 'days'] },
  { dimension: { metre: 1 }, units: ['m', 'mm', 'um', 'cm', 'km'] },
  { dimension: { metre: 2 }, units: ['mm2', 'cm2', 'm2'] },
  { dimension: { bit: 1, second: -1, metre: -2 }, units: ['Gb/s/mm2', 'Tb/s/mm2'] },
  // Gtokens before Btokens: of two units of one scale, formatQuantity shows the later (Btokens).
  { dimension: { token: 1 }, units: ['tokens', 'Ttokens', 'Gtokens', 'Btokens', 'Mtokens'] },
  { dimension: DIMENSIONLESS, units: ['%'] },
];

/** Units to propose for a dimension (completion, quick fixes). */
export function unitsFor(dimension: Dimension): string[] {
  return DISPLAY_UNITS.find((entry) => sameDimension(entry.dimension, dimension))?.units ?? [];
}

/**
 * Formats an SI value in the unit of `dimension` that gives a mantissa in [1, 1000), e.g.
 * 3.2e13 bit/s → "32 Tb/s". Ordered scales only; binary and % are not chosen.
 */
export function formatQuantity(siValue: number, dimension: Dimension, significant = 4): string {
  const candidates = unitsFor(dimension)
    .filter((unit) => !/[KMGTPE]i/.test(unit))
    .filter((unit) => unit !== '%' && !/^(min|h|days|MWh|GWh)$/.test(unit))
    .map((unit) => ({ unit, scale: parseUnit(unit)!.scale }))
    .sort((a, b) => a.scale - b.scale);
  if (candidates.length === 0) return formatNumber(siValue, significant);
  const magnitude = Math.abs(siValue);
  let best = candidates[0];
  for (const candidate of candidates) if (magnitude >= candidate.scale * 0.9999999) best = candidate;
  if (sameDimension(dimension, { second: 1 }) && magnitude >= 86400 * 2) best = { unit: 'days', scale: 86400 };
  else if (sameDimension(dimension, { second: 1 }) && magnitude >= 3600 * 2) best = { unit: 'h', scale: 3600 };
  return `${formatNumber(siValue / best.scale, significant)} ${best.unit}`;
}

/** A number with at most `significant` digits, no trailing zeros, exponent form only when huge. */
export function formatNumber(value: number, significant = 4): string {
  // A computation out of range says so in words; "NaN" or "Infinity" never reaches a person.
  if (Number.isNaN(value)) return 'not a number';
  if (!Number.isFinite(value)) return value > 0 ? 'too large to represent' : 'too small to represent';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 && Number.isInteger(value) && magnitude < 1e15) return value.toLocaleString('en-US').replace(/,/g, '_');
  if (magnitude >= 1e15 || magnitude < 1e-4) return value.toExponential(significant - 1).replace(/\.?0+e/, 'e');
  return String(Number(value.toPrecision(significant)));
}

/**
 * Converts a value between dimensions that differ only by bits versus bytes (×8 per exponent),
 * e.g. 4 TB/s for a bit rate is 32 Tb/s. Returns undefined when no such conversion exists.
 */
export function convertBetween(siValue: number, from: Dimension, to: Dimension): number | undefined {
  if (sameDimension(from, to)) return siValue;
  const byteExponent = from.byte ?? 0;
  const asBits = multiply(multiply(from, { byte: 1 }, -byteExponent), { bit: 1 }, byteExponent);
  if (sameDimension(asBits, to)) return siValue * 8 ** byteExponent;
  const bitExponent = from.bit ?? 0;
  const asBytes = multiply(multiply(from, { bit: 1 }, -bitExponent), { byte: 1 }, bitExponent);
  if (sameDimension(asBytes, to)) return siValue / 8 ** bitExponent;
  return undefined;
}

export { DISPLAY_UNITS };
