/** The unit registry on its own: parsing, dimensions, formatting and bit/byte conversion. */
import { describe, expect, it } from 'vitest';
import { convertBetween, formatQuantity, parseUnit, unitsFor } from '../../language/units/registry.js';
import { describeDimension, sameDimension } from '../../language/units/dimensions.js';

describe('parseUnit', () => {
  const cases: Array<[string, number, Record<string, number>]> = [
    ['Tb/s', 1e12, { bit: 1, second: -1 }],
    ['Gbps', 1e9, { bit: 1, second: -1 }],
    ['GB/s', 1e9, { byte: 1, second: -1 }],
    ['TB', 1e12, { byte: 1 }],
    ['GiB', 2 ** 30, { byte: 1 }],
    ['Mib', 2 ** 20, { bit: 1 }],
    ['PFLOPS', 1e15, { flop: 1, second: -1 }],
    ['TFLOP/s', 1e12, { flop: 1, second: -1 }],
    ['pJ/bit', 1e-12, { joule: 1, bit: -1 }],
    ['kW', 1e3, { joule: 1, second: -1 }],
    ['MWh', 3.6e9, { joule: 1 }],
    ['ns', 1e-9, { second: 1 }],
    ['\u00B5s', 1e-6, { second: 1 }],
    ['us', 1e-6, { second: 1 }],
    ['days', 86400, { second: 1 }],
    ['h', 3600, { second: 1 }],
    ['mm', 1e-3, { metre: 1 }],
    ['mm2', 1e-6, { metre: 2 }],
    ['Gb/s/mm2', 1e15, { bit: 1, second: -1, metre: -2 }],
    ['Ttokens', 1e12, { token: 1 }],
    ['Btokens', 1e9, { token: 1 }],
    ['%', 0.01, {}],
  ];
  for (const [unit, scale, dimension] of cases) {
    it(`reads ${unit}`, () => {
      const info = parseUnit(unit)!;
      expect(info, unit).toBeDefined();
      expect(info.scale / scale).toBeCloseTo(1, 12);
      expect(sameDimension(info.dimension, dimension)).toBe(true);
    });
  }

  it('rejects unknown units and wrong prefixes', () => {
    for (const unit of ['Tbitz', 'xyz', 'KiFLOPS', 'ms/', 'Bb', 'Mtoken/', 'PJ/bat']) expect(parseUnit(unit), unit).toBeUndefined();
  });

  it('is case-sensitive: b is a bit, B a byte', () => {
    expect(parseUnit('Gb')!.dimension).toEqual({ bit: 1 });
    expect(parseUnit('GB')!.dimension).toEqual({ byte: 1 });
  });
});

describe('formatting and conversion', () => {
  it('formats in the unit that gives a readable mantissa', () => {
    expect(formatQuantity(3.2e13, { bit: 1, second: -1 })).toBe('32 Tb/s');
    expect(formatQuantity(4.3e-12, { joule: 1, bit: -1 })).toBe('4.3 pJ/bit');
    expect(formatQuantity(576e9, { byte: 1 })).toBe('576 GB');
    expect(formatQuantity(250e-9, { second: 1 })).toBe('250 ns');
    expect(formatQuantity(3 * 86400, { second: 1 })).toBe('3 days');
    expect(formatQuantity(8.5e15, { flop: 1, second: -1 })).toBe('8.5 PFLOPS');
  });

  it('converts between bits and bytes only', () => {
    expect(convertBetween(4e12, { byte: 1, second: -1 }, { bit: 1, second: -1 })).toBe(3.2e13);
    expect(convertBetween(8e9, { bit: 1 }, { byte: 1 })).toBe(1e9);
    expect(convertBetween(5, { joule: 1, second: -1 }, { joule: 1, bit: -1 })).toBeUndefined();
  });

  it('names dimensions and lists their units', () => {
    expect(describeDimension({ bit: 1, second: -1 })).toBe('bit rate (bit/s)');
    expect(describeDimension({})).toBe('a plain number');
    expect(unitsFor({ joule: 1, bit: -1 })[0]).toBe('pJ/bit');
  });
});

describe('docs/LANGUAGE.md', () => {
  it('holds the members section the schema generates (run `npm run docs` after changing the schema)', async () => {
    const { readFileSync } = await import('node:fs');
    const { withMemberTables } = await import('../../language/docs/member-tables.js');
    const text = readFileSync('docs/LANGUAGE.md', 'utf8');
    expect(withMemberTables(text)).toBe(text);
  });

  it('documents every member of every block, with its default', async () => {
    const { memberTables } = await import('../../language/docs/member-tables.js');
    const tables = memberTables();
    expect(tables).toContain('| `hbmCapacity` | memory size (B); units: `GB`, `TB`, `GiB`, `MB`, `MiB`, `B`, `PB` | required | HBM capacity of the package. |');
    expect(tables).toContain('| `efficiency` | number | `0.8` |');
    expect(tables).toContain('| `switchHopLatency` | time (s); units: `ns`, `us`, `ms`, `s`, `min`, `h`, `days` | `500 ns` |');
    expect(tables).toContain('### `system` → `tier NAME { … }`');
  });
});

describe('typical ranges', () => {
  it("parse into SI bounds, a bare end taking the other end's unit", async () => {
    const { typicalRange } = await import('../../language/semantics/unit-suggestion.js');
    expect(typicalRange('100 ns … 10 us', { second: 1 })).toMatchObject({ low: expect.closeTo(1e-7, 20), high: expect.closeTo(1e-5, 20), units: ['ns', 'us'] });
    expect(typicalRange('0 (copper) … 16 pJ/bit', { joule: 1, bit: -1 })).toMatchObject({ low: 0, high: expect.closeTo(16e-12, 25) });
    expect(typicalRange('1 m (copper) … 2 km', { metre: 1 })).toMatchObject({ low: 1, high: 2000 });
    expect(typicalRange('4 × hiddenSize', {})).toBeUndefined();
  });
});
