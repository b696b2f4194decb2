/**
 * Which unit a bare number most likely meant, from the property's typical range: `latency = 2`
 * with typical "100 ns … 10 us" means 2 us, not 2 ns. No range, or no unit that lands in it,
 * means no guess: the message then names the choices.
 */
import type { PropertySpec } from './schema.js';
import { type Dimension, DIMENSIONLESS, sameDimension } from '../units/dimensions.js';
import { parseUnit, unitsFor } from '../units/registry.js';

const MAX_LISTED_UNITS = 6;

/** The units a dimension takes, for messages: at most six, then "…" (SI prefixes give more). */
export function unitChoices(dimension: Dimension): string {
  const units = unitsFor(dimension);
  const more = units.length > MAX_LISTED_UNITS || !sameDimension(dimension, DIMENSIONLESS);
  return `${units.slice(0, MAX_LISTED_UNITS).join(', ')}${more ? ', …' : ''}`;
}

/** The first unit (those of the range first) that puts `value` inside the property's typical range. */
export function unitForBareNumber(spec: PropertySpec, value: number): string | undefined {
  if (spec.type.kind !== 'quantity') return undefined;
  const range = typicalRange(spec.typical, spec.type.dimension);
  if (!range) return undefined;
  // The units the range is written in come first: they are the ones people use for it.
  const candidates = [...new Set([...range.units, ...unitsFor(spec.type.dimension)])];
  const fitting = candidates.filter((unit) => {
    const si = value * parseUnit(unit)!.scale;
    return si >= range.low * (1 - 1e-9) && si <= range.high * (1 + 1e-9);
  });
  return fitting[0];
}

interface TypicalRange {
  low: number;
  high: number;
  units: string[];
}

/** Parses "100 ns … 10 us" or "0 (copper) … 16 pJ/bit" into SI bounds; undefined when it isn't a range of quantities. */
export function typicalRange(typical: string | undefined, dimension: Dimension): TypicalRange | undefined {
  const ends = typical?.split('…').map((end) => /^\s*([\d._]+(?:e[+-]?\d+)?)\s*([^\s(]*)/i.exec(end));
  if (!ends || ends.length !== 2 || !ends[0] || !ends[1]) return undefined;
  const [low, high] = ends.map((match) => ({ number: Number(match![1].replace(/_/g, '')), unit: match![2] }));
  // "0 … 3 pJ/bit": a bare end takes the other end's unit.
  low.unit ||= high.unit;
  high.unit ||= low.unit;
  const bounds = [low, high].map(({ number, unit }) => {
    const info = unit ? parseUnit(unit) : undefined;
    return info && sameDimension(info.dimension, dimension) ? number * info.scale : undefined;
  });
  if (bounds[0] === undefined || bounds[1] === undefined || !Number.isFinite(bounds[0]) || !Number.isFinite(bounds[1])) return undefined;
  return { low: bounds[0], high: bounds[1], units: [...new Set([low.unit, high.unit])] };
}

/**
 * How far outside its typical range a physical quantity may lie before a warning asks about its
 * unit: well past the spread of real parts, well short of an SI-prefix slip (1000×).
 */
export const IMPLAUSIBLE_FACTOR = 100;

export interface Implausibility {
  /** How many times below the range's low end, or above its high end, as a power of ten (a ratio of two extremes can overflow). */
  orders: number;
  below: boolean;
  /** A unit that puts the written number inside the range, when one does. */
  unit?: string;
}

/**
 * A physical quantity (bandwidth, memory, power, latency, energy per bit…) more than
 * IMPLAUSIBLE_FACTOR outside its typical range, almost always a wrong unit. Counts, money and
 * token budgets are a user's choice and never implausible, nor is zero, a deliberate idealisation.
 */
export function implausibility(spec: PropertySpec, si: number, writtenNumber?: number): Implausibility | undefined {
  const dimension = spec.type.kind === 'quantity' ? spec.type.dimension : undefined;
  if (!dimension || si === 0 || sameDimension(dimension, DIMENSIONLESS) || dimension.token) return undefined;
  const range = typicalRange(spec.typical, dimension);
  if (!range) return undefined;
  const below = range.low > 0 && si * IMPLAUSIBLE_FACTOR < range.low;
  const above = si > range.high * IMPLAUSIBLE_FACTOR;
  if (!below && !above) return undefined;
  const unit = writtenNumber === undefined ? undefined : unitForBareNumber(spec, writtenNumber);
  return { orders: below ? Math.log10(range.low) - Math.log10(si) : Math.log10(si) - Math.log10(range.high), below, unit };
}

/** Whether a quantity lies outside its property's typical range (false when it has none). */
export function outsideTypicalRange(spec: PropertySpec, si: number): boolean {
  const range = spec.type.kind === 'quantity' ? typicalRange(spec.typical, spec.type.dimension) : undefined;
  return !!range && (si < range.low * (1 - 1e-9) || si > range.high * (1 + 1e-9));
}
