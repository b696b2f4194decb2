import { describe, expect, it } from 'vitest';
import {
  formatBitRate,
  formatBySiUnit,
  formatBytes,
  formatCount,
  formatDuration,
  formatEnergy,
  formatNumber,
  formatPercent,
  formatPower,
  formatRatio,
  MISSING,
} from '../../webview/format.js';

describe('number formatting with units', () => {
  it('never prints NaN or Infinity', () => {
    for (const bad of [NaN, Infinity, -Infinity, undefined]) {
      for (const f of [formatNumber, formatDuration, formatEnergy, formatPower, formatBytes, formatBitRate, formatPercent, formatRatio, formatCount]) {
        expect(f(bad)).toBe(MISSING);
      }
    }
  });

  it('picks the unit a person would use', () => {
    expect(formatDuration(0.000_25)).toBe('250 µs');
    expect(formatDuration(0.594)).toBe('594 ms');
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(5400)).toBe('90 min');
    expect(formatDuration(230_193)).toBe('2.66 days');
    expect(formatEnergy(3.4e11)).toBe('94.4 MWh');
    expect(formatEnergy(2.5e6)).toBe('694 Wh');
    expect(formatEnergy(500)).toBe('500 J');
    expect(formatPower(137.6)).toBe('138 W');
    expect(formatPower(1500)).toBe('1.5 kW');
    expect(formatBytes(39.4e9)).toBe('39.4 GB');
    expect(formatBitRate(32e12)).toBe('32 Tb/s');
    expect(formatPercent(0.2947)).toBe('29.5 %');
    expect(formatRatio(2.7678)).toBe('2.77×');
    expect(formatCount(4.71e12)).toBe('4.71 T');
    expect(formatBySiUnit(4.3e-12, 'J/bit')).toBe('4.3 pJ/bit');
  });

  it('writes zero in the base unit and keeps signs', () => {
    expect(formatPower(0)).toBe('0 W');
    expect(formatEnergy(0)).toBe('0 J');
    expect(formatDuration(0)).toBe('0 s');
    expect(formatEnergy(-2e9)).toBe('-556 kWh');
  });

  it('groups large plain numbers and uses exponents only at extremes', () => {
    expect(formatNumber(387_431)).toBe('387,431');
    expect(formatNumber(1.5e20)).toBe('1.5e20');
    expect(formatNumber(0.000_012_3)).toBe('1.23e-5');
  });
});
