/**
 * Number formatting with units for people. Never prints NaN or Infinity: anything that is not a
 * finite number becomes an em dash, so a bad value shows as missing rather than as nonsense.
 */

export const MISSING = '—';

const finite = (v: number | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Three significant digits, no exponent for ordinary magnitudes, thin grouping for big ones. */
export function formatNumber(v: number | undefined, digits = 3): string {
  if (!finite(v)) return MISSING;
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e15 || abs < 1e-4) {
    const [mantissa, exponent] = v.toExponential(digits - 1).split('e');
    return `${mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa}e${exponent.replace('+', '')}`;
  }
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
  const text = v.toFixed(Math.min(decimals, 6));
  // Drop trailing zeros of a decimal fraction: 1.50 → 1.5, 2.00 → 2.
  const trimmed = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  return abs >= 1e4 ? Number(trimmed).toLocaleString('en-US', { maximumFractionDigits: 0 }) : trimmed;
}

interface Scale {
  factor: number;
  symbol: string;
}

/** Picks the largest prefix whose value is ≥ 1, then formats. */
function withScale(v: number | undefined, scales: readonly Scale[], digits = 3): string {
  if (!finite(v)) return MISSING;
  const abs = Math.abs(v);
  // Zero takes the base unit: "0 W", not "0 mW".
  const base = scales.find((s) => s.factor === 1) ?? scales[scales.length - 1];
  const scale = abs === 0 ? base : (scales.find((s) => abs >= s.factor) ?? scales[scales.length - 1]);
  return `${formatNumber(v / scale.factor, digits)} ${scale.symbol}`;
}

/** Watt-hours from 1 Wh up, as the CLI and the README give a run's energy (MWh); joules below. */
const ENERGY: readonly Scale[] = [
  { factor: 3.6e12, symbol: 'GWh' },
  { factor: 3.6e9, symbol: 'MWh' },
  { factor: 3.6e6, symbol: 'kWh' },
  { factor: 3.6e3, symbol: 'Wh' },
  { factor: 1, symbol: 'J' },
  { factor: 1e-3, symbol: 'mJ' },
  { factor: 1e-6, symbol: 'µJ' },
  { factor: 1e-9, symbol: 'nJ' },
  { factor: 1e-12, symbol: 'pJ' },
];
const POWER: readonly Scale[] = [
  { factor: 1e6, symbol: 'MW' },
  { factor: 1e3, symbol: 'kW' },
  { factor: 1, symbol: 'W' },
  { factor: 1e-3, symbol: 'mW' },
];
const BYTES: readonly Scale[] = [
  { factor: 1e15, symbol: 'PB' },
  { factor: 1e12, symbol: 'TB' },
  { factor: 1e9, symbol: 'GB' },
  { factor: 1e6, symbol: 'MB' },
  { factor: 1e3, symbol: 'kB' },
  { factor: 1, symbol: 'B' },
];
const BITRATE: readonly Scale[] = [
  { factor: 1e15, symbol: 'Pb/s' },
  { factor: 1e12, symbol: 'Tb/s' },
  { factor: 1e9, symbol: 'Gb/s' },
  { factor: 1e6, symbol: 'Mb/s' },
  { factor: 1e3, symbol: 'kb/s' },
  { factor: 1, symbol: 'b/s' },
];
const FLOPS: readonly Scale[] = [
  { factor: 1e18, symbol: 'EFLOP/s' },
  { factor: 1e15, symbol: 'PFLOP/s' },
  { factor: 1e12, symbol: 'TFLOP/s' },
  { factor: 1e9, symbol: 'GFLOP/s' },
  { factor: 1, symbol: 'FLOP/s' },
];
const COUNT: readonly Scale[] = [
  { factor: 1e12, symbol: 'T' },
  { factor: 1e9, symbol: 'B' },
  { factor: 1e6, symbol: 'M' },
  { factor: 1e3, symbol: 'k' },
  { factor: 1, symbol: '' },
];

export const formatEnergy = (joules: number | undefined): string => withScale(joules, ENERGY);
export const formatPower = (watts: number | undefined): string => withScale(watts, POWER);
export const formatBytes = (bytes: number | undefined): string => withScale(bytes, BYTES);
export const formatBitRate = (bitsPerSecond: number | undefined): string => withScale(bitsPerSecond, BITRATE);
export const formatFlops = (flops: number | undefined): string => withScale(flops, FLOPS);
export const formatCount = (n: number | undefined): string => withScale(n, COUNT).trimEnd();

/** Seconds as the unit a person would use: ms under a second, s, min, h, days. */
export function formatDuration(seconds: number | undefined): string {
  if (!finite(seconds)) return MISSING;
  const abs = Math.abs(seconds);
  if (abs === 0) return '0 s';
  if (abs < 1e-3) return `${formatNumber(seconds * 1e6)} µs`;
  if (abs < 1) return `${formatNumber(seconds * 1e3)} ms`;
  if (abs < 120) return `${formatNumber(seconds)} s`;
  if (abs < 7200) return `${formatNumber(seconds / 60)} min`;
  if (abs < 2 * 86_400) return `${formatNumber(seconds / 3600)} h`;
  return `${formatNumber(seconds / 86_400)} days`;
}

export const formatPercent = (fraction: number | undefined): string => (finite(fraction) ? `${formatNumber(fraction * 100)} %` : MISSING);

export const formatRatio = (ratio: number | undefined): string => (finite(ratio) ? `${formatNumber(ratio)}×` : MISSING);

/** Formats a value of a sweep property by its SI unit symbol. */
export function formatBySiUnit(value: number | undefined, unit: string | undefined): string {
  switch (unit) {
    case 'bit/s':
      return formatBitRate(value);
    case 'B':
      return formatBytes(value);
    case 's':
      return formatDuration(value);
    case 'W':
      return formatPower(value);
    case 'J':
      return formatEnergy(value);
    case 'J/bit':
      return finite(value) ? `${formatNumber(value * 1e12)} pJ/bit` : MISSING;
    case 'FLOP/s':
      return formatFlops(value);
    case undefined:
    case '':
      return formatNumber(value);
    default:
      return finite(value) ? `${formatNumber(value)} ${unit}` : MISSING;
  }
}

/** A number safe to hand to a chart: non-finite becomes 0 (charts never draw NaN). */
export const chartValue = (v: number | undefined): number => (finite(v) ? v : 0);
