/**
 * Bounds on runaway work, each a documented limit reported as a diagnostic up front (docs/LANGUAGE.md,
 * "Limits"), and prototype names that must not reach JavaScript's Object members.
 */
import { describe, expect, it } from 'vitest';
import { exercise } from '../language/fuzz-harness.js';
import { errors, messageOf, readExample, rangeText } from '../language/helpers.js';

const EXAMPLE = readExample('frontier-moe.moesys');

/** Builds, validates, evaluates, previews `text` within `bound` ms, with none of the fuzz rules broken. */
async function answered(text: string, bound: number) {
  const outcome = await exercise(text);
  expect(outcome.problems).toEqual([]);
  expect(outcome.milliseconds).toBeLessThan(bound);
  return outcome.document!;
}

describe('limits', () => {
  it('a 100,000-value sweep is refused up front, on its list, and nothing is evaluated', async () => {
    const document = await answered(
      `${EXAMPLE}\nsweep big { scenario = passage512_c4; vary system.scale-up.domainSize in [${Array.from({ length: 100_000 }, (_, i) => i + 1).join(', ')}] }`,
      15_000,
    );
    const diagnostic = errors(document).find((candidate) => /at most 1000 values/.test(messageOf(candidate)))!;
    expect(messageOf(diagnostic)).toBe('A sweep evaluates at most 1000 values; this one has 100000. Use fewer values.');
    expect(rangeText(document, diagnostic).startsWith('[1, 2, 3')).toBe(true);
  }, 30_000);

  it('a range of a million steps is refused, not cut silently at 1000', async () => {
    const document = await answered(
      `${EXAMPLE}\nsweep fine { scenario = passage512_c4; vary system.scale-up.bandwidth from 1 Mb/s to 1 Tb/s step 1 Mb/s }`,
      5_000,
    );
    expect(errors(document).map(messageOf)).toContain('A sweep evaluates at most 1000 values; this one has 1_000_000. Use a coarser step.');
    const fine = await answered(`${EXAMPLE}\nsweep ok { scenario = passage512_c4; vary system.scale-up.bandwidth from 2 Tb/s to 32 Tb/s times 2 }`, 5_000);
    expect(errors(fine)).toEqual([]);
  });

  it('3,000 broken references are answered in seconds, did-you-mean for the first 200', async () => {
    const text = Array.from(
      { length: 3000 },
      (_, i) => `training t${i} { globalBatch = 8; trainingTokens = 1 Ttokens }\nscenario s${i} { system = sys${i}; model = m${i}; training = tt${i} }`,
    ).join('\n');
    const document = await answered(text, 10_000);
    const messages = errors(document).map(messageOf);
    expect(messages.filter((message) => /^No training named 'tt\d+'/.test(message))).toHaveLength(3000);
    expect(messages.filter((message) => /Did you mean/.test(message)).length).toBeLessThanOrEqual(200);
    expect(messages).toContain("No training named 'tt1' is declared in this file or a file it imports. Did you mean 't1'?");
  }, 30_000);

  it('a 1 MB identifier finishes, and messages quote it shortened', async () => {
    const long = 'x'.repeat(1_000_000);
    const document = await answered(
      `gpu ${long} { hbmCapacity = 80 GB }\nscenario s { system = ${long}; model = ${long}y }\nlink l { kind = lpo; serdesEnergy = 1 ${long} }`,
      10_000,
    );
    const messages = errors(document).map(messageOf);
    expect(
      messages.every((message) => message.length < 400),
      messages.map((message) => message.length).join(', '),
    ).toBe(true);
    expect(messages).toContain(`${'x'.repeat(39)}… is a gpu; \`system\` expects a system.`);
    expect(messages).toContain(`Unknown unit '${'x'.repeat(39)}…'. 'serdesEnergy' takes pJ/bit, fJ/bit, nJ/bit, ….`);
  });

  it('prototype names are unknown presets, units and sweep paths, never Object members', async () => {
    const document = await answered(
      [
        'gpu a = preset "__proto__" { }',
        'gpu b = preset "toString" { }',
        'model c = preset "constructor" { }',
        'link d = preset "h100-sxm" { }',
        'switch e { radix = 64; portBandwidth = 5 constructor }',
        'switch f { radix = 64; portBandwidth = 5 __proto__ }',
        'switch g { radix = 64; portBandwidth = 5 toString/s }',
        EXAMPLE,
        'sweep v { scenario = passage512_c4; vary valueOf.x in [1] }',
        'sweep w { scenario = passage512_c4; vary __proto__ in [1] }',
      ].join('\n'),
      5_000,
    );
    const messages = errors(document).map(messageOf);
    expect(messages.filter((message) => /^Unknown gpu preset "(__proto__|toString)"/.test(message))).toHaveLength(2);
    expect(messages.some((message) => /^Unknown model preset "constructor"/.test(message))).toBe(true);
    expect(messages.some((message) => /^Unknown link preset "h100-sxm"/.test(message))).toBe(true);
    expect(messages.filter((message) => /^Unknown unit '(constructor|__proto__|toString\/s)'/.test(message))).toHaveLength(3);
    expect(messages).toContain("A sweep path starts with system, model, training or assumptions, not 'valueOf'.");
    expect(messages).toContain("A sweep path starts with system, model, training or assumptions, not '__proto__'.");
  });

  it('sweeps at the edge of what a double holds give no Infinity or NaN point, and an overflowing value is an error', async () => {
    for (const vary of [
      'from 1 b/s to 1.79e308 b/s times 1e300',
      'from 1.7e308 b/s to 1.79e308 b/s step 1e306 b/s',
      'in [1e308 b/s, 1.7e308 b/s]',
      'from 1e-300 b/s to 1e300 b/s times 1e10',
    ]) {
      await answered(`${EXAMPLE}\nsweep edge { scenario = passage512_c4; vary system.scale-up.bandwidth ${vary} }`, 10_000);
    }
    const document = await answered(
      `${EXAMPLE}\nsweep edge { scenario = passage512_c4; vary system.scale-up.bandwidth from 1 Tb/s to 1.7e308 Tb/s times 10 }`,
      10_000,
    );
    expect(errors(document).map(messageOf)).toEqual(['1.7e308 Tb/s is too large to represent.']);
    const factor = await answered(
      `${EXAMPLE}\nsweep edge { scenario = passage512_c4; vary system.scale-up.bandwidth from 1 b/s to 1.79e308 b/s times 2 }`,
      10_000,
    );
    expect(errors(factor).map(messageOf)).toEqual(['A sweep evaluates at most 1000 values; this one has 1024. Use a larger factor.']);
  }, 60_000);

  it('a 20 MB document gets one diagnostic at once instead of minutes of parsing', async () => {
    const line = 'switch s { radix = 64; portBandwidth = 1 Tb/s }\n';
    const document = await answered(line.repeat(Math.ceil(20_000_000 / line.length)), 5_000);
    expect((document.diagnostics ?? []).map(messageOf)).toEqual(['This file has 20.0 million characters; moesys analyses files of at most 8 million.']);
    expect(document.diagnostics![0].range.start).toEqual({ line: 0, character: 0 });
  }, 60_000);

  it('m22 is not a unit (one power per atom), mm2 an area', async () => {
    const document = await answered('gpu g = preset "h100-sxm" { packageArea = 800 m22 }\ngpu h = preset "h100-sxm" { packageArea = 800 mm2 }', 5_000);
    expect(errors(document).map(messageOf)).toEqual(["Unknown unit 'm22'. Did you mean 'mm2'? 'packageArea' takes mm2, cm2, m2, …."]);
  });
});
