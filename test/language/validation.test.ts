/** Every validation the language makes, with the exact range it reports on. */
import { describe, expect, it } from 'vitest';
import { lowerScenario } from '../../language/semantics/lowering.js';
import { declaration, errors, messageOf, parse, rangeText, readExample, warnings } from './helpers.js';

const HARDWARE = `
gpu g {
  peakFlops { bf16 = 1 PFLOPS }
  hbmCapacity = 80 GB
  hbmBandwidth = 3.35 TB/s
  packageArea = 1500 mm2
}
link nv { kind = electrical; serdesEnergy = 5 pJ/bit }
system s {
  gpu = g
  gpuCount = 1024
  tier node { domainSize = 8; bandwidth = 3.6 Tb/s; latency = 2 us; link = nv }
  tier ib { domainSize = 1024; bandwidth = 400 Gb/s; latency = 5 us; link = nv }
}
model m {
  layers = 32
  hiddenSize = 4096
  attentionHeads = 32
  vocabularySize = 32000
  sequenceLength = 4096
  moe { experts = 8; activeExperts = 2 }
}
`;

/** The single diagnostic whose message matches, with the text its range covers. */
async function only(text: string, pattern: RegExp, severity: 'error' | 'warning' = 'error') {
  const document = await parse(text);
  const found = (severity === 'error' ? errors(document) : warnings(document)).filter((diagnostic) => pattern.test(messageOf(diagnostic)));
  expect(found.map(messageOf), `diagnostics: ${(document.diagnostics ?? []).map(messageOf).join(' | ')}`).toHaveLength(1);
  return { diagnostic: found[0], text: rangeText(document, found[0]), document };
}

describe('units and dimensions', () => {
  it('takes a byte rate where a bit rate belongs, and a bit rate for a byte rate: 450 GB/s is 3.6 Tb/s', async () => {
    const text = `${HARDWARE}\ntraining t { globalBatch = 1024; trainingTokens = 1 Ttokens }\nscenario x { system = s; model = m; training = t }`;
    const asBits = await parse(text);
    const asBytes = await parse(
      text
        .replace(/bandwidth = ([\d.]+) Tb\/s/g, (_, n: string) => `bandwidth = ${Number(n) * 125} GB/s`)
        .replace(/hbmBandwidth = ([\d.]+) TB\/s/, (_, n: string) => `hbmBandwidth = ${Number(n) * 8} Tb/s`),
    );
    expect(errors(asBytes).map(messageOf)).toEqual(errors(asBits).map(messageOf));
    const lowered = (document: typeof asBits) => lowerScenario(declaration(document, 'x')) as { ok: true; lowered: { scenario: unknown } };
    expect(lowered(asBytes).lowered.scenario).toEqual(lowered(asBits).lowered.scenario);
    expect(errors(await parse('switch x { radix = 64; portBandwidth = 450 GB/s }'))).toEqual([]);
    expect(errors(await parse('gpu g = preset "h100-sxm" { hbmCapacity = 640 Gb }'))).toEqual([]);
  });

  it('keeps real dimension errors: a size for a bandwidth, with the rate as the fix', async () => {
    const { diagnostic, text } = await only('switch x { radix = 64; portBandwidth = 32 GB }', /expects bit rate/);
    expect(text).toBe('32 GB');
    expect(messageOf(diagnostic)).toBe("'portBandwidth' expects bit rate (bit/s), got memory size (B). Did you mean 32 GB/s?");
    expect(diagnostic.data).toMatchObject({ code: 'unit-dimension', replacement: '32 GB/s' });
    expect(diagnostic.code).toBe('unit-dimension');
    const size = await only('gpu g = preset "h100-sxm" { hbmCapacity = 80 GB/s }', /expects memory size/);
    expect(messageOf(size.diagnostic)).toBe("'hbmCapacity' expects memory size (B), got byte rate (B/s). Did you mean 80 GB?");
  });

  it('says a count takes no unit (not "gpuCount takes %")', async () => {
    const { diagnostic, text } = await only('system s { gpu = g; gpuCount = 8 GPUs }', /Unknown unit/);
    expect(text).toBe('GPUs');
    expect(messageOf(diagnostic)).toBe("Unknown unit 'GPUs'. 'gpuCount' is a plain number: write it without a unit.");
    expect((await only('scenario x { assumptions { scaleOutAllToAllEfficiency = 67 pct } }', /Unknown unit/)).diagnostic.message).toBe(
      "Unknown unit 'pct'. Did you mean '%'? 'scaleOutAllToAllEfficiency' is a plain number (or a percentage, with %): write it without a unit.",
    );
  });

  it('flags an unrelated dimension without a conversion', async () => {
    const { diagnostic, text } = await only('link x { kind = lpo; serdesEnergy = 5 W }', /expects energy per bit/);
    expect(text).toBe('5 W');
    expect(messageOf(diagnostic)).toContain('got power (W)');
    expect((diagnostic.data as { replacement?: string }).replacement).toBeUndefined();
  });

  it('flags an unknown unit on the unit and suggests the nearest', async () => {
    const { diagnostic, text } = await only('link x { kind = lpo; serdesEnergy = 5 pJ/bt }', /Unknown unit/);
    expect(text).toBe('pJ/bt');
    expect(diagnostic.data).toMatchObject({ code: 'unknown-unit', replacement: 'pJ/bit' });
  });

  it('asks for a unit when a dimensioned value has none', async () => {
    const { diagnostic, text } = await only('switch x { radix = 64; portBandwidth = 400 }', /needs a unit/);
    expect(text).toBe('400');
    expect(diagnostic.data).toMatchObject({ code: 'missing-unit', replacement: '400 Gb/s' });
  });

  it('suggests the unit that puts a bare number in the typical range', async () => {
    const tier = (latency: string) =>
      `link l { kind = lpo }\nsystem s { gpu = g; gpuCount = 8; tier t { domainSize = 8; bandwidth = 1 Tb/s; latency = ${latency}; link = l } }`;
    const { diagnostic, text } = await only(tier('2'), /needs a unit/);
    expect(text).toBe('2');
    // Typical latencies are 100 ns … 10 us: 2 means 2 us, not 2 ns.
    expect(messageOf(diagnostic)).toBe("'latency' needs a unit of time (s), e.g. 2 us (typical: 100 ns … 10 us).");
    expect(diagnostic.data).toMatchObject({ code: 'missing-unit', replacement: '2 us' });
  });

  it('names the unit choices without guessing when no unit makes a bare number typical', async () => {
    const { diagnostic } = await only(
      'link l { kind = lpo }\nsystem s { gpu = g; gpuCount = 8; tier t { domainSize = 8; bandwidth = 1 Tb/s; latency = 1e9; link = l } }',
      /needs a unit/,
    );
    expect(messageOf(diagnostic)).toBe("'latency' needs a unit of time (s): ns, us, ms, s, min, h, ….");
    expect((diagnostic.data as { replacement?: string }).replacement).toBeUndefined();
  });

  it('warns on a quantity far outside anything built, with the unit that fits the written number', async () => {
    const gpu = (member: string) => `gpu g { peakFlops { bf16 = 1 PFLOPS }; hbmCapacity = 80 GB; packageArea = 1500 mm2; ${member} }`;
    // A bit rate where terabytes were meant: 3 Gb/s is 375 MB/s, 5300× below the 2 TB/s of the slowest HBM.
    const slip = await only(gpu('hbmBandwidth = 3 Gb/s'), /typical range/, 'warning');
    expect(slip.text).toBe('3 Gb/s');
    expect(messageOf(slip.diagnostic)).toBe("'hbmBandwidth' = 3 Gb/s is 5300× below its typical range (2 TB/s … 26 TB/s); did you mean 3 TB/s?");
    expect(slip.diagnostic.data).toMatchObject({ code: 'implausible-value', replacement: '3 TB/s' });
    // No unit puts 1 in 32 … 450 GB/s: the warning asks about the unit without guessing.
    const hopeless = await only(gpu('hbmBandwidth = 3.35 TB/s; hostLinkBandwidth = 1 B/s'), /typical range/, 'warning');
    expect(messageOf(hopeless.diagnostic)).toMatch(/^'hostLinkBandwidth' = 1 B\/s is 10 orders of magnitude below its typical range \(.*\); check the unit\.$/);
    expect((hopeless.diagnostic.data as { replacement?: string }).replacement).toBeUndefined();
  });

  it('says when bits written for bytes leave the typical range and the same number in bytes fits it', async () => {
    const gpu = (member: string) => `gpu g { peakFlops { bf16 = 1 PFLOPS }; hbmBandwidth = 3.35 TB/s; packageArea = 1500 mm2; ${member} }`;
    const slip = await only(gpu('hbmCapacity = 141 Gb'), /8 bits a byte/, 'warning');
    expect(slip.text).toBe('141 Gb');
    expect(messageOf(slip.diagnostic)).toBe(
      "'hbmCapacity' = 141 Gb is 17.63 GB (8 bits a byte), outside its typical range (80 GB … 576 GB); did you mean 141 GB?",
    );
    expect(slip.diagnostic.data).toMatchObject({ code: 'implausible-value', replacement: '141 GB' });
    // 1152 Gb is 144 GB: typical as it is, so the conversion stands unremarked.
    expect(warnings(await parse(gpu('hbmCapacity = 1152 Gb'))).map(messageOf)).toEqual([]);
  });

  it('leaves values within a hundred times of the typical range, zero, counts and token budgets alone', async () => {
    const tier = (latency: string) =>
      `link l { kind = lpo }\nsystem s { gpu = g; gpuCount = 8; tier t { domainSize = 8; bandwidth = 1 Tb/s; latency = ${latency}; link = l } }`;
    for (const text of [
      tier('1 ns'), // 100× below 100 ns: an on-package hop, not a slip
      tier('0 s'), // an idealised network
      tier('1 ms'),
      'training t { globalBatch = 8; trainingTokens = 1 Mtokens }',
      'model m { layers = 2; hiddenSize = 64; attentionHeads = 2; vocabularySize = 100; sequenceLength = 16 }',
    ]) {
      expect(
        warnings(await parse(text))
          .map(messageOf)
          .filter((message) => /typical range/.test(message)),
        text,
      ).toEqual([]);
    }
    expect(warnings(await parse(tier('0.9 ns'))).map(messageOf)).toContain(
      "'latency' = 0.9 ns is 110× below its typical range (100 ns … 10 us); did you mean 0.9 us?",
    );
  });

  it('lists the accepted units of an unknown one, Gtokens included', async () => {
    const { diagnostic, text } = await only('training t { globalBatch = 8; trainingTokens = 1 Gtokns }', /Unknown unit/);
    expect(text).toBe('Gtokns');
    expect(messageOf(diagnostic)).toContain("Did you mean 'Gtokens'?");
    expect(messageOf(diagnostic)).toContain("'trainingTokens' takes tokens, Ttokens, Gtokens, Btokens, Mtokens, ….");
    expect(
      errors(await parse('training t { globalBatch = 8; trainingTokens = 1 Gtokens }'))
        .map(messageOf)
        .filter((message) => /unit/i.test(message)),
    ).toEqual([]);
  });

  it('warns when // cuts a unit', async () => {
    const { text } = await only('switch x { radix = 64; portBandwidth = 400 Gb//s\n}', /starts a comment/, 'warning');
    expect(text).toBe('Gb');
  });

  it('checks dimensions through arithmetic', async () => {
    const { text } = await only(
      'gpu x { peakFlops { bf16 = 1 PFLOPS } hbmCapacity = 16 * 36 GB + 1 s; hbmBandwidth = 1 TB/s; packageArea = 1 mm2 }',
      /Cannot add/,
    );
    expect(text).toBe('16 * 36 GB + 1 s');
  });

  it('accepts derived quantities, binary prefixes, percentages and digit separators', async () => {
    const document = await parse(`
gpu x { peakFlops { bf16 = 1 PFLOPS } hbmCapacity = 80 GiB; hbmBandwidth = 2 * 1.5 TB/s; packageArea = 30 mm * 40 mm }
scenario y { assumptions { computeEfficiency = 65 %; memoryReserveFraction = 0.1 } }
switch z { radix = 1_024; portBandwidth = 0.4 Tb / s }`);
    expect(
      errors(document)
        .map(messageOf)
        .filter((message) => !/missing/.test(message)),
    ).toEqual([]);
  });

  it('rejects numbers too large to represent', async () => {
    const { text } = await only('switch x { radix = 1e999; portBandwidth = 1 Tb/s }', /too large/);
    expect(text).toBe('1e999');
  });

  it('treats -0 as zero and rejects negative counts', async () => {
    const zero = await parse('link x { kind = lpo; serdesEnergy = -0 pJ/bit }');
    expect(errors(zero).map(messageOf)).toEqual([]);
    const { text, diagnostic } = await only('switch x { radix = -4; portBandwidth = 1 Tb/s }', /at least 1/);
    expect(text).toBe('-4');
    expect(diagnostic.data).toMatchObject({ code: 'out-of-range' });
  });

  it('rejects fractions out of range and non-integral counts', async () => {
    expect((await only('scenario y { assumptions { computeEfficiency = 1.5 } }', /at most 1/)).text).toBe('1.5');
    expect((await only('switch x { radix = 64.5; portBandwidth = 1 Tb/s }', /whole number/)).text).toBe('64.5');
    const dropout = await only('model m { dropout = 100 % }', /dropout/);
    expect([messageOf(dropout.diagnostic), dropout.text]).toEqual(["'dropout' must be less than 100 %, got 100 %.", '100 %']);
  });
});

describe('members', () => {
  it('flags an unknown property with a did-you-mean fix', async () => {
    const { diagnostic, text } = await only('switch x { radix = 64; portBandwith = 1 Tb/s }', /Unknown property/);
    expect(text).toBe('portBandwith');
    expect(diagnostic.data).toMatchObject({ code: 'unknown-property', replacement: 'portBandwidth' });
  });

  it('a member whose value is not written yet is one error, not the next line read as its value', async () => {
    const document = await parse('model m {\n  layers = 32\n  hiddenSize =\n  attentionHeads = 32\n  vocabularySize = 32000\n  sequenceLength = 4096\n}');
    const found = errors(document);
    expect(found.map(messageOf)).toEqual([
      "'hiddenSize =' on line 3 has no value: write it after the '='. Until then 'attentionHeads' here is read as that value, not as a member.",
    ]);
    expect(rangeText(document, found[0])).toBe('attentionHeads');
    // Written on the next line on purpose (no `=` after it), a name is still a value, linked as ever.
    const wrapped = await parse(`${HARDWARE}scenario x {\n  system =\n    s\n  model = m\n}`);
    expect(errors(wrapped).map(messageOf)).not.toContainEqual(expect.stringMatching(/has no value/));
  });

  it("answers another tool's words and forgotten units with what to write", async () => {
    const document = await parse(
      'link l { kind = electrical; serdesEnergy = 5 pJ }\ntraining t { globalBatch = 1024; trainingTokens = 1e12; tensorParallel = 8; expertParallel = 8; maxDomainsPerToken = 0 }',
    );
    expect(errors(document).map(messageOf)).toEqual([
      "'serdesEnergy' expects energy per bit (J/bit), got energy (J). Did you mean 5 pJ/bit?",
      "'trainingTokens' needs a unit of tokens (tokens), e.g. 1 Ttokens (typical: 1 Ttokens … 30 Ttokens).",
      "Unknown property 'expertParallel' in training. Expert parallelism follows from expertsPerDpRank: EP = experts / expertsPerDpRank (128 experts with expertsPerDpRank = 16 give EP 8).",
      "'maxDomainsPerToken' must be at least 1, got 0. Leaving it out means unlimited.",
    ]);
  });

  it('flags a property set twice, pointing at the first', async () => {
    const { diagnostic, text } = await only('switch x { radix = 64; radix = 128; portBandwidth = 1 Tb/s }', /set twice/);
    expect(text).toBe('radix');
    expect(diagnostic.range.start.character).toBe(23);
    expect(diagnostic.relatedInformation?.[0].location.range.start.character).toBe(11);
  });

  it('flags missing required properties on the declaration name', async () => {
    const { text, diagnostic } = await only('switch x { radix = 64 }', /missing 'portBandwidth'/);
    expect(text).toBe('x');
    expect(messageOf(diagnostic)).toMatch(/Typical: 200 Gb\/s/);
  });

  it('says a word of the language cannot name a declaration, and checks no members of what the parser recovered', async () => {
    const document = await parse(`${HARDWARE}scenario training { system = s; model = m }`);
    const found = errors(document);
    expect(found.map(messageOf)).toEqual([
      "'training' is a word of the language and cannot name a scenario; give it a name of its own, e.g. 'training-1'.",
      "Expected a name but found '{'.",
    ]);
    expect(rangeText(document, found[0])).toBe('training');
  });

  it("says a tier its base does not have is new, with the base's tiers, in one error on its name", async () => {
    const first = await parse('system s = preset "b200-cluster" { gpuCount = 16; tier nvlnk { domainSize = 8 } }');
    expect(errors(first).map(messageOf)[0]).toMatch(/To change the first tier 'nvlink', write `tier nvlink \{ … \}`\.$/);
    const document = await parse('system s = preset "b200-cluster" { gpuCount = 16; tier scale-up { domainSize = 8 } }');
    const found = errors(document);
    expect(found.map(messageOf)).toEqual([
      "system 's' has no tier 'scale-up' to change (its tiers: 'nvlink', 'scale-out'), so this is a new tier and needs 'bandwidth', 'latency', 'link'. To change the tier 'scale-out', write `tier scale-out { … }`.",
    ]);
    expect(rangeText(document, found[0])).toBe('scale-up');
  });

  it("says a tier a scenario's system block names that its system does not have is new, on the tier's name", async () => {
    const text = `${HARDWARE}training t { globalBatch = 1024; trainingTokens = 1 Ttokens }
scenario run { system = s; model = m; training = t }
scenario faster extends run { system { tier infiniband { bandwidth = 800 Gb/s } } }`;
    const document = await parse(text);
    const found = errors(document).filter((d) => messageOf(d).includes('new tier'));
    expect(found.map(messageOf)).toEqual([
      "system 's' has no tier 'infiniband' to change (its tiers: 'node', 'ib'), so this is a new tier and needs 'domainSize', 'latency', 'link'. To change the tier 'ib', write `tier ib { … }`.",
    ]);
    expect(rangeText(document, found[0])).toBe('infiniband');
    // Changing a tier the system has is fine.
    const fine = await parse(text.replace('tier infiniband', 'tier ib'));
    expect(errors(fine).filter((d) => messageOf(d).includes('new tier'))).toEqual([]);
  });

  it('reports a base that does not resolve once, not the members it would have given, and names the preset it may mean', async () => {
    const document = await parse('system s extends dgx-b200x { gpuCount = 8; tier scale-out { domainSize = 8; bandwidth = 400 Gb/s } }');
    expect(errors(document).map(messageOf)).toEqual(["No system named 'dgx-b200x' is declared in this file or a file it imports."]);
    const preset = await parse('system s extends b200-cluster { gpuCount = 8 }');
    expect(errors(preset).map(messageOf)).toEqual([
      "No system named 'b200-cluster' is declared in this file or a file it imports. 'b200-cluster' is an engine preset: declare one from it, `system b200-cluster = preset \"b200-cluster\"`.",
    ]);
  });

  it('flags duplicate declarations', async () => {
    const { text } = await only('switch x { radix = 64; portBandwidth = 1 Tb/s }\nlink x { kind = lpo }', /already declared/);
    expect(text).toBe('x');
  });

  it('flags wrong value kinds and unknown words', async () => {
    expect((await only('link x { kind = adam }', /takes one of/)).text).toBe('adam');
    expect((await only('training t { globalBatch = 8; trainingTokens = 1 Ttokens; shardOptimizer = 1 }', /true or false/)).text).toBe('1');
    // A misspelled required member is one error, the unknown name with the one it meant, not also a missing one.
    const spelled = await parse(
      'model m { layers = 2; hiddenSize = 8; attentionHeads = 2; vocabularySize = 8; sequenceLength = 8; ffnHidden = 8; moe { experts = 4; activeExpert = 2 } }',
    );
    expect(errors(spelled).map(messageOf)).toEqual(["Unknown property 'activeExpert' in model.moe. Did you mean 'activeExperts'?"]);
    // A bare word in a flag is one error, the linker's, with the word it meant.
    const yes = await parse('gpu g = preset "h100-sxm" { hardwareBlockScaling = yes }');
    expect(errors(yes).map(messageOf)).toEqual(["'hardwareBlockScaling' takes true or false; 'yes' is neither. Did you mean 'true'?"]);
    expect(rangeText(yes, errors(yes)[0])).toBe('yes');
  });

  it('gives a misspelled member one error: the engine, which ran without it, adds no warning of its own', async () => {
    const text = readExample('frontier-moe.moesys');
    const spelled = await parse(text.replace(/tensorParallel = 16/, 'tensorParalel = 16'));
    const diagnostics = spelled.diagnostics ?? [];
    expect(diagnostics.filter((d) => d.severity === 1).map(messageOf)).toEqual([
      "Unknown property 'tensorParalel' in training. Did you mean 'tensorParallel'?",
    ]);
    // Run with the default TP of 1, the paper's job would be far over HBM: no such warning appears, nor any the intact file lacks.
    const warnings = diagnostics.filter((d) => d.severity === 2).map(messageOf);
    expect(warnings.filter((m) => /GB per GPU/.test(m))).toEqual([]);
    const intact = ((await parse(text)).diagnostics ?? []).filter((d) => d.severity === 2).map(messageOf);
    for (const warning of warnings) expect(intact).toContain(warning);
  });

  it('reads a fraction written as a bare per-cent number as the per cent meant, with the fix', async () => {
    const { diagnostic, text } = await only('scenario s { system = x; model = y; training = z; assumptions { computeEfficiency = 80 } }', /at most/);
    expect(text).toBe('80');
    expect(messageOf(diagnostic)).toBe("'computeEfficiency' must be at most 1, got 80. Did you mean 80 % (0.8)?");
    expect(diagnostic.data).toMatchObject({ replacement: '80 %' });
  });

  it('says where a member of another block belongs, and what other tools call a word', async () => {
    const system = await parse('system s = preset "h100-cluster" { gpuCount = 64; hbmCapacity = 80 GB }');
    expect(errors(system).map(messageOf)).toEqual([
      "Unknown property 'hbmCapacity' in system. It belongs in a gpu declaration: `gpu NAME { hbmCapacity = … }`, named here by `gpu = NAME`.",
    ]);
    expect(rangeText(system, errors(system)[0])).toBe('hbmCapacity');
    const training = await parse('training t { globalBatch = 8; trainingTokens = 1 Ttokens; computeEfficiency = 0.8 }');
    expect(errors(training).map(messageOf)).toContain(
      "Unknown property 'computeEfficiency' in training. It belongs in a scenario's `assumptions { computeEfficiency = … }` block.",
    );
    const dtype = await parse('training t { datatype = mxfp8; globalBatch = 8; trainingTokens = 1 Ttokens }');
    expect(errors(dtype).map(messageOf)).toContain(
      "'datatype' takes one of fp32, tf32, bf16, fp16, fp8, fp4; 'mxfp8' is not one of them. Did you mean 'fp8', with lowPrecisionScaling = perBlock?",
    );
    const tokens = await only('training t { globalBatch = 8; trainingTokens = 100 B }', /expects tokens/);
    expect(messageOf(tokens.diagnostic)).toBe("'trainingTokens' expects tokens (tokens), got memory size (B). Did you mean 100 Btokens?");
    expect(tokens.diagnostic.data).toMatchObject({ replacement: '100 Btokens' });
  });

  it('flags unknown blocks and misplaced tiers and vary', async () => {
    expect(
      (await only('model m { layers = 2; hiddenSize = 8; attentionHeads = 2; vocabularySize = 8; sequenceLength = 8; mo { experts = 2 } }', /Unknown block/))
        .text,
    ).toBe('mo');
    expect((await only('switch x { radix = 64; portBandwidth = 1 Tb/s; tier t { domainSize = 2 } }', /Tiers belong in a system/)).text).toBe('tier');
    expect((await only('switch x { radix = 64; portBandwidth = 1 Tb/s; vary system.gpuCount in [1] }', /belongs in a sweep/)).text).toBe('vary');
  });

  it('flags unknown presets and extends of another kind or in a cycle', async () => {
    expect((await only('gpu h = preset "h200"', /Unknown gpu preset "h200"\. Did you mean "h200-sxm"\? Known: /)).text).toBe('"h200"');
    // Case and hyphens do not count: `nvlink4` is `nvlink-4`.
    expect(messageOf((await only('link l = preset "NVLink4"', /Unknown link preset/)).diagnostic)).toMatch(/Did you mean "nvlink-4"\?/);
    expect((await only('link l { kind = lpo }\ngpu h extends l { }', /l is a link; `extends` expects a gpu\.$/)).text).toBe('l');
    expect((await only('switch a extends b { radix = 1; portBandwidth = 1 Tb/s }\nswitch b extends a { }', /extends itself through 'b'/)).text).toBe('b');
  });

  it('a preset satisfies required members', async () => {
    const document = await parse('gpu h = preset "h100-sxm" { hbmCapacity = 96 GB }');
    expect(errors(document).map(messageOf)).toEqual([]);
  });

  it('flags references to a declaration of the wrong kind', async () => {
    const { text, diagnostic } = await only(
      'link nv { kind = electrical }\nswitch x { radix = 64; portBandwidth = 1 Tb/s }\nsystem s { gpu = nv; gpuCount = 8; tier t { domainSize = 8; bandwidth = 1 Tb/s; latency = 1 us; link = nv; switch = x } }',
      /nv is a link/,
    );
    expect(text).toBe('nv');
    expect(messageOf(diagnostic)).toBe('nv is a link; `gpu` expects a gpu.');
  });

  it('names the kind a reference found and the nearest declaration of the kind expected', async () => {
    const { text, diagnostic } = await only(
      `${HARDWARE}\ntraining t { globalBatch = 1024; trainingTokens = 1 Ttokens }\nmodel mixtral { layers = 2; hiddenSize = 8; attentionHeads = 2; vocabularySize = 8; sequenceLength = 8 }\nscenario x { system = s; model = g; training = t }`,
      /is a gpu/,
    );
    expect(text).toBe('g');
    expect(messageOf(diagnostic)).toBe("g is a gpu; `model` expects a model. Did you mean 'm'?");
  });

  it('suggests a near name when a reference names nothing', async () => {
    const { diagnostic } = await only(
      `${HARDWARE}\ntraining t { globalBatch = 1024; trainingTokens = 1 Ttokens }\nscenario x { system = ss; model = m; training = t }`,
      /No system named/,
    );
    expect(messageOf(diagnostic)).toBe("No system named 'ss' is declared in this file or a file it imports. Did you mean 's'?");
  });
});

describe('engine checks mapped to the source', () => {
  /** The test hardware and model with a training job of `training`; `members` adds to the scenario. */
  const scenario = (training: string, { hardware = HARDWARE, members = '' } = {}) =>
    `${hardware}\ntraining t { globalBatch = 1024; trainingTokens = 1 Ttokens; ${training} }\nscenario x { system = s; model = m; training = t${members} }`;

  it('offers the GPU count that matches the degrees when the DP that fills the GPUs would break the batch or the expert sets', async () => {
    // 992 GPUs would take dataParallel = 31, which splits neither the batch of 1024 nor into sets of EP 8.
    const hardware = HARDWARE.replace('gpuCount = 1024', 'gpuCount = 992').replace('domainSize = 1024', 'domainSize = 992');
    const { diagnostic } = await only(
      scenario('tensorParallel = 8; pipelineParallel = 4; dataParallel = 32', { hardware }),
      /tensorParallel × pipelineParallel × dataParallel/,
    );
    expect(messageOf(diagnostic)).toMatch(/but the system has 992 GPUs; set gpuCount = 1024 to match them, or choose degrees whose product is 992/);
  });

  it("puts TP × PP × DP ≠ GPUs on the value written, in the user's words with a fix, and related information", async () => {
    const { diagnostic, text } = await only(
      scenario('tensorParallel = 8; pipelineParallel = 4; dataParallel = 64'),
      /tensorParallel × pipelineParallel × dataParallel/,
    );
    expect(text).toBe('64');
    expect(messageOf(diagnostic)).toBe(
      'tensorParallel × pipelineParallel × dataParallel = 8 × 4 × 64 = 2048, but the system has 1024 GPUs; set dataParallel = 32, or leave it out to derive it (scenario x)',
    );
    expect(diagnostic.code).toBe('parallelism-product');
    // The conflicting values, each where it was written (gpuCount in the system declaration).
    const related = (diagnostic.relatedInformation ?? []).map((information) => information.message);
    expect(related).toEqual(expect.arrayContaining(['tensorParallel = 8 (training t)', 'gpuCount = 1024 (system s)']));
    expect(related.join(' ')).not.toMatch(/training\.|system\./);
    const gpuCount = diagnostic.relatedInformation!.find((information) => information.message.startsWith('gpuCount'))!;
    expect(gpuCount.location.range.start.line).toBe(10); // `  gpuCount = 1024` in HARDWARE
  });

  it('puts a TP group larger than the pod on tensorParallel', async () => {
    const { text, diagnostic } = await only(scenario('tensorParallel = 16; pipelineParallel = 4'), /tensorParallel = 16 does not fit/);
    expect(text).toBe('16');
    expect(messageOf(diagnostic)).toBe(
      "tensorParallel = 16 does not fit tier 'node' of 8 GPUs: a tensor-parallel group must lie inside one domain and divide it; use tensorParallel = 8 or another divisor of 8 (scenario x)",
    );
  });

  it('puts expert divisibility on expertsPerDpRank', async () => {
    const { text } = await only(scenario('tensorParallel = 8; pipelineParallel = 4; expertsPerDpRank = 3'), /cannot be shared out 3 per data-parallel rank/);
    expect(text).toBe('3');
  });

  it('blames a TP that cannot divide the GPUs or its node, and offers one that also fits the node', async () => {
    const { text, diagnostic } = await only(scenario('tensorParallel = 6; pipelineParallel = 4'), /is not divisible by tensorParallel × pipelineParallel/);
    expect(text).toBe('6');
    expect(messageOf(diagnostic)).toBe(
      'gpuCount = 1024 is not divisible by tensorParallel × pipelineParallel = 6 × 4 = 24; use tensorParallel = 4, or degrees whose product divides 1024. (scenario x)',
    );
  });

  it('reports one error, and no invented DP, when TP × PP does not divide the GPU count', async () => {
    // dataParallel is not written and 1024 / (8 × 3) is not whole: no DP is made up to check the batch against.
    const { text, diagnostic, document } = await only(
      scenario('tensorParallel = 8; pipelineParallel = 3'),
      /is not divisible by tensorParallel × pipelineParallel/,
    );
    expect(text).toBe('3');
    expect(messageOf(diagnostic)).toBe(
      'gpuCount = 1024 is not divisible by tensorParallel × pipelineParallel = 8 × 3 = 24; use pipelineParallel = 2, or degrees whose product divides 1024. (scenario x)',
    );
    expect(diagnostic.code).toBe('parallelism-indivisible');
    expect(errors(document).map(messageOf)).toEqual([messageOf(diagnostic)]);
    const related = (diagnostic.relatedInformation ?? []).map((information) => information.message);
    expect(related).toEqual(expect.arrayContaining(['gpuCount = 1024 (system s)', 'tensorParallel = 8 (training t)']));
  });

  it('puts an indivisible TP on tensorParallel when PP is 1', async () => {
    const { text } = await only(scenario('tensorParallel = 3'), /gpuCount = 1024 is not divisible by tensorParallel × pipelineParallel = 3 × 1 = 3/);
    expect(text).toBe('3');
  });

  it('reports a derived degree at the written value it follows from, once for the scenarios that share it', async () => {
    const text = `${HARDWARE}training t {\n  globalBatch = 1024; trainingTokens = 1 Ttokens\n  tensorParallel = 8; pipelineParallel = 32\n  expertsPerDpRank = 1\n}\nscenario a { system = s; model = m; training = t }\nscenario b extends a { training { microbatchSize = 2 } }`;
    const document = await parse(text);
    const found = errors(document).filter((diagnostic) => /must divide dataParallel = 4/.test(messageOf(diagnostic)));
    expect(found.map(messageOf)).toEqual([
      'with expertsPerDpRank = 1, one full set of the 8 experts takes 8 data-parallel ranks (expert parallelism 8), which must divide dataParallel = 4; use expertsPerDpRank = 2 (scenarios a, b)',
    ]);
    expect(rangeText(document, found[0])).toBe('1');
    expect(document.textDocument.getText({ start: { line: found[0].range.start.line, character: 0 }, end: found[0].range.end })).toBe('  expertsPerDpRank = 1');
  });

  it('a pipeline deeper than the layers is one error: the DP it leaves is not checked against EP', async () => {
    const document = await parse(scenario('tensorParallel = 8; pipelineParallel = 64'));
    expect(errors(document).map(messageOf)).toEqual([
      '32 layers cannot fill 64 pipeline chunks (PP × virtual stages) with at least one layer each (scenario x)',
    ]);
  });

  it('reports a value that came from a default on the scenario reference', async () => {
    // dataParallel is not written: it defaults to 1024 / (8 × 32) = 4, which EP = 8 does not divide.
    const document = await parse(scenario('tensorParallel = 8; pipelineParallel = 32'));
    const epDp = errors(document).find((diagnostic) => /must divide dataParallel = 4/.test(messageOf(diagnostic)));
    expect(epDp, (document.diagnostics ?? []).map(messageOf).join(' | ')).toBeDefined();
    expect(rangeText(document, epDp!)).toBe('t');
    expect(epDp!.range.start.line).toBe(document.textDocument.lineCount - 1);
  });

  it('puts a scale-up tier faster than the GPU can drive on the tier bandwidth, pointing at ioBandwidth', async () => {
    const text = readExample('frontier-moe.moesys').replace('bandwidth = 32 Tb/s       // unidirectional', 'bandwidth = 64 Tb/s       // unidirectional');
    const { diagnostic, text: range, document } = await only(text, /more than/);
    expect(range).toBe('64 Tb/s');
    expect(diagnostic.code).toBe('scale-up-exceeds-gpu-io');
    const io = (diagnostic.relatedInformation ?? []).find((information) => information.message.startsWith('ioBandwidth = 32 Tb/s (gpu '));
    expect(io, JSON.stringify(diagnostic.relatedInformation)).toBeDefined();
    expect(document.textDocument.getText(io!.location.range)).toBe('32 Tb/s');
    expect(document.textDocument.getText({ start: { line: io!.location.range.start.line, character: 0 }, end: io!.location.range.end })).toMatch(
      /ioBandwidth = 32 Tb\/s$/,
    );
  });

  it('warns with the numbers and a fix when memory exceeds HBM, on the training job, not on the GPU', async () => {
    // A scenario-level override makes the model four times deeper than the declared one.
    const document = await parse(scenario('tensorParallel = 1; pipelineParallel = 1').replace('training = t }', 'training = t; model { layers = 128 } }'));
    const memory = warnings(document).filter((diagnostic) => /HBM/.test(messageOf(diagnostic)));
    expect(memory.map(messageOf), (document.diagnostics ?? []).map(messageOf).join(' | ')).toHaveLength(1);
    expect(messageOf(memory[0])).toMatch(
      /^needs [\d.]+ GB per GPU \(weights .*\) but 72\.0 GB of 80\.0 GB HBM is usable; (it fits with|no one change fits it alone)/,
    );
    expect(rangeText(document, memory[0])).toBe('t');
    const hbm = (memory[0].relatedInformation ?? []).map((information) => information.message);
    expect(hbm).toContain('hbmCapacity = 80 GB (gpu g)');
    // Fields left unwritten (microbatchSize, recompute, ...) point at the job once, not once each.
    expect(hbm.filter((message) => message.startsWith('training = t'))).toHaveLength(1);
    expect(new Set(hbm).size).toBe(hbm.length);
  });

  it("puts a derived scenario's memory warning on its own override, not on the line of the scenario it extends", async () => {
    const memoryOf = async (text: string) => {
      const document = await parse(text);
      return { document, memory: warnings(document).filter((diagnostic) => /HBM/.test(messageOf(diagnostic))) };
    };
    // x fits; `deeper`, four times deeper through its model override, carries its warning on its name (the job has no block of its own there).
    const deeper = `${scenario('tensorParallel = 8; pipelineParallel = 4')}\nscenario deeper extends x { model { layers = 512 } }`;
    const one = await memoryOf(deeper);
    expect(one.memory.map((d) => rangeText(one.document, d))).toEqual(['deeper']);
    expect(one.memory[0].range.start.line).toBe(one.document.textDocument.positionAt(deeper.indexOf('scenario deeper')).line);
    // x is over HBM: `plain` only inherits it and carries it on its name, `recomputed` on its own training block.
    const derived = `${scenario('tensorParallel = 1; pipelineParallel = 1', { members: '; model { layers = 128 }' })}\nscenario plain extends x {}\nscenario recomputed extends x { training { microbatchSize = 1 } }`;
    const three = await memoryOf(derived);
    expect(three.memory.map((d) => rangeText(three.document, d)).sort()).toEqual(['plain', 't', 'training']);
  });

  it('gives one diagnostic for one mistake: a tier with efficiency = 0 is refused once, by the language, not again by the engine', async () => {
    const text = scenario('tensorParallel = 8', { hardware: HARDWARE.replace('tier node { domainSize = 8;', 'tier node { efficiency = 0; domainSize = 8;') });
    const document = await parse(text);
    expect(errors(document).map(messageOf)).toEqual(["'efficiency' must be greater than 0, got 0."]);
  });

  it('says what to change in words, never in engine paths or engine jargon', async () => {
    const document = await parse(scenario('tensorParallel = 8; pipelineParallel = 32'));
    for (const message of (document.diagnostics ?? []).map(messageOf)) {
      expect(message).not.toMatch(/system\.tiers\[|training\.[a-z]|model\.[a-z]|\bEP = |DP ranks per expert set/);
    }
    const epDp = errors(document)
      .map(messageOf)
      .find((message) => /expert parallelism/.test(message));
    expect(epDp).toBe(
      'with expertsPerDpRank = 1, one full set of the 8 experts takes 8 data-parallel ranks (expert parallelism 8), which must divide dataParallel = 4; use expertsPerDpRank = 2',
    );
  });

  it('refuses a measured matmul ceiling above 100 % once, on its value, in per cent', async () => {
    const hardware = HARDWARE.replace('peakFlops { bf16 = 1 PFLOPS }', 'peakFlops { bf16 = 1 PFLOPS }\n  achievableMatmulFraction { bf16 = 120 % }');
    const document = await parse(scenario('tensorParallel = 8', { hardware }));
    const refused = errors(document);
    expect(refused.map(messageOf)).toEqual(["'bf16' must be at most 100 %, got 120 %."]);
    expect(rangeText(document, refused[0])).toBe('120 %');
  });

  it('takes a measured ceiling, a host launch cost and CUDA graphs, and warns that TP overlap without sequence parallelism does nothing', async () => {
    const hardware = HARDWARE.replace(
      'peakFlops { bf16 = 1 PFLOPS }',
      'peakFlops { bf16 = 1 PFLOPS }\n  achievableMatmulFraction { bf16 = 80 % }\n  hostSecondsPerKernel = 20 us',
    );
    const job = 'tensorParallel = 8; sequenceParallel = false; tensorParallelCommOverlap = true; cudaGraphs = moeRouter';
    const document = await parse(scenario(job, { hardware }));
    expect(errors(document).map(messageOf)).toEqual([]);
    const overlap = warnings(document).filter((diagnostic) => /tensorParallelCommOverlap/.test(messageOf(diagnostic)));
    expect(overlap.map(messageOf)).toEqual([
      'tensorParallelCommOverlap pipelines the sequence-parallel all-gathers and reduce-scatters, so it needs sequenceParallel = true; it is ignored (scenario x)',
    ]);
    expect(rangeText(document, overlap[0])).toBe('true');
  });

  it('warns that an assumption a GPU replaces with its own figure changes nothing, and says where to set it', async () => {
    const hardware = HARDWARE.replace('peakFlops { bf16 = 1 PFLOPS }', 'peakFlops { bf16 = 1 PFLOPS }\n  hostSecondsPerKernel = 37 us');
    const text = scenario('tensorParallel = 8', { hardware, members: '; assumptions { hostSecondsPerKernel = 5 us }' });
    const document = await parse(text);
    const shadowed = warnings(document).filter((diagnostic) => /sets its own/.test(messageOf(diagnostic)));
    expect(shadowed.map(messageOf)).toEqual([
      "GPU 'g' sets its own hostSecondsPerKernel = 37 µs (the host that drives it), which this assumption does not replace; set hostSecondsPerKernel on the gpu instead (scenario x)",
    ]);
    expect(rangeText(document, shadowed[0])).toBe('5 us');
    // Written at its default value (13.5 µs) it changes nothing either: the same one warning.
    const atDefault = await parse(scenario('tensorParallel = 8', { hardware, members: '; assumptions { hostSecondsPerKernel = 13.5 us }' }));
    const written = warnings(atDefault).filter((diagnostic) => /sets its own/.test(messageOf(diagnostic)));
    expect(written.map(messageOf)).toEqual([messageOf(shadowed[0])]);
    expect(rangeText(atDefault, written[0])).toBe('13.5 us');
  });

  it('warns that gradientBytesPerParameter changes nothing when the training sets gradientDatatype', async () => {
    const text = scenario('tensorParallel = 8; gradientDatatype = bf16', { members: '; assumptions { gradientBytesPerParameter = 2 }' });
    const document = await parse(text);
    expect(errors(document).map(messageOf)).toEqual([]);
    const shadowed = warnings(document).filter((diagnostic) => /gradientDatatype/.test(messageOf(diagnostic)));
    expect(shadowed.map(messageOf)).toEqual([
      'the training sets gradientDatatype = bf16, which this assumption does not replace; change gradientDatatype instead (scenario x)',
    ]);
    expect(rangeText(document, shadowed[0])).toBe('2');
  });

  it('warns on recomputeLayers without full recompute, and on more layers than a chunk holds', async () => {
    const selective = await parse(scenario('tensorParallel = 8; recompute = selective; recomputeLayers = 2'));
    const ignored = warnings(selective).filter((diagnostic) => /recomputeLayers/.test(messageOf(diagnostic)));
    expect(ignored.map(messageOf)).toEqual([
      'recomputeLayers picks the layers full recompute re-runs, so it needs recompute = full; it is ignored with recompute = selective (scenario x)',
    ]);
    expect(rangeText(selective, ignored[0])).toBe('2');
    const many = await parse(scenario('tensorParallel = 8; recompute = full; recomputeLayers = 500'));
    const above = warnings(many).filter((diagnostic) => /recomputeLayers/.test(messageOf(diagnostic)));
    expect(above.map(messageOf)).toEqual([
      expect.stringMatching(/^recomputeLayers = 500 is more than the \d+ layers of a pipeline chunk: every layer recomputes/),
    ]);
    expect(rangeText(many, above[0])).toBe('500');
  });

  it('puts activation offloading on a GPU without a host link, and with pipeline stages, on the layers written', async () => {
    const noLink = await only(scenario('tensorParallel = 8; offloadedActivationLayers = 2'), /host/);
    expect(noLink.text).toBe('2');
    expect(messageOf(noLink.diagnostic)).toBe(
      "offloaded activations travel over the GPU's link to its host, and gpu 'g' gives none: set its hostLinkBandwidth (per direction; 63 GB/s for PCIe Gen5 x16) (scenario x)",
    );
    const piped = await only(scenario('tensorParallel = 8; pipelineParallel = 4; offloadedActivationLayers = 2'), /one pipeline stage/);
    expect(piped.text).toBe('2');
    expect(messageOf(piped.diagnostic)).toMatch(
      /with pipelineParallel = 4 each stage would hold .*: use pipelineParallel = 1, or recompute instead of offloading/,
    );
    const withLink = await parse(
      scenario('tensorParallel = 8; offloadedActivationLayers = 2', {
        hardware: HARDWARE.replace('packageArea = 1500 mm2', 'packageArea = 1500 mm2\n  hostLinkBandwidth = 63 GB/s'),
      }),
    );
    expect(errors(withLink).map(messageOf)).toEqual([]);
  });

  it('says where the overlapGradientSync assumption went', async () => {
    const document = await parse(scenario('tensorParallel = 8', { members: '; assumptions { overlapGradientSync = false }' }));
    expect(errors(document).map(messageOf)).toEqual([
      "Unknown property 'overlapGradientSync' in scenario.assumptions. It is a setting of the training job now: write `gradientSyncOverlap = false` in its training.",
    ]);
  });

  it('takes a recomputeModules block, and warns that it needs selective recompute', async () => {
    const selective = await parse(scenario('tensorParallel = 8; recompute = selective; recomputeModules { norms = true; activationFunction = false }'));
    expect(errors(selective).map(messageOf)).toEqual([]);
    expect(warnings(selective).filter((diagnostic) => /recomputeModules/.test(messageOf(diagnostic)))).toEqual([]);
    const full = await parse(scenario('tensorParallel = 8; recompute = full; recomputeModules { norms = true }'));
    const ignored = warnings(full).filter((diagnostic) => /recomputeModules/.test(messageOf(diagnostic)));
    expect(ignored.map(messageOf)).toEqual([
      'recomputeModules picks what selective recompute re-runs, so it needs recompute = selective; it is ignored with recompute = full (scenario x)',
    ]);
    expect(rangeText(full, ignored[0])).toMatch(/^recomputeModules \{ norms = true \}$/);
  });

  it('takes a scaling recipe for FP8, and warns where it cannot apply: a 16-bit job, or FP4 not scaled per block', async () => {
    const hardware = HARDWARE.replace('peakFlops { bf16 = 1 PFLOPS }', 'peakFlops { bf16 = 1 PFLOPS; fp8 = 2 PFLOPS; fp4 = 4 PFLOPS }');
    const fp8 = await parse(scenario('tensorParallel = 8; datatype = fp8; lowPrecisionScaling = perTensor', { hardware }));
    expect(errors(fp8).map(messageOf)).toEqual([]);
    expect(warnings(fp8).filter((diagnostic) => /lowPrecisionScaling|FP4/.test(messageOf(diagnostic)))).toEqual([]);
    const bf16 = await parse(scenario('tensorParallel = 8; lowPrecisionScaling = delayed'));
    const ignored = warnings(bf16).filter((diagnostic) => /lowPrecisionScaling/.test(messageOf(diagnostic)));
    expect(ignored.map(messageOf)).toEqual([
      'lowPrecisionScaling sets how FP8 and FP4 GEMM inputs are scaled; with datatype = bf16 nothing is cast and it is ignored (scenario x)',
    ]);
    expect(rangeText(bf16, ignored[0])).toBe('delayed');
    const fp4 = await parse(scenario('tensorParallel = 8; datatype = fp4; lowPrecisionScaling = perTensor', { hardware }));
    expect(warnings(fp4).map(messageOf)).toContain(
      "FP4 training scales per block (NVFP4's 16 elements, MXFP4's 32); lowPrecisionScaling = perTensor is an FP8 recipe: use perBlock (scenario x)",
    );
  });

  it('warns on fullAttentionInterval without attentionWindow, on its value', async () => {
    const hardware = HARDWARE.replace(/model m \{/, 'model m {\n  fullAttentionInterval = 2');
    const document = await parse(scenario('tensorParallel = 8', { hardware }));
    const interval = warnings(document).filter((diagnostic) => /fullAttentionInterval/.test(messageOf(diagnostic)));
    expect(interval.map(messageOf)).toEqual([
      'fullAttentionInterval says which layers skip the sliding window, so it needs attentionWindow; without it every layer attends over the whole sequence (scenario x)',
    ]);
    expect(rangeText(document, interval[0])).toBe('2');
  });

  it('gives an unknown word one error naming the words the member takes, with the nearest', async () => {
    const document = await parse(scenario('tensorParallel = 8; cudaGraphs = router'));
    const refused = errors(document);
    expect(refused.map(messageOf)).toEqual([
      "'cudaGraphs' takes one of none, moeRouter, attentionAndRouter, wholeLayers; 'router' is not one of them. Did you mean 'moeRouter'?",
    ]);
    expect(rangeText(document, refused[0])).toBe('router');
  });

  it('has no engine errors on a consistent scenario', async () => {
    const document = await parse(scenario('tensorParallel = 8; pipelineParallel = 4; expertsPerDpRank = 1'));
    expect(errors(document).map(messageOf)).toEqual([]);
  });
});

describe('imports', () => {
  it('resolves references only through imports', async () => {
    await parse('switch shared-switch { radix = 64; portBandwidth = 1 Tb/s }', 'file:///imports/hardware.moesys');
    const withImport = await parse(
      'import "hardware.moesys"\nsystem s { gpu = g; gpuCount = 8; tier t { domainSize = 8; bandwidth = 1 Tb/s; latency = 1 us; link = l; switch = shared-switch } }',
      'file:///imports/a.moesys',
    );
    expect(
      errors(withImport)
        .map(messageOf)
        .filter((message) => /shared-switch/.test(message)),
    ).toEqual([]);
    const withoutImport = await parse(
      'system s { gpu = g; gpuCount = 8; tier t { domainSize = 8; bandwidth = 1 Tb/s; latency = 1 us; link = l; switch = shared-switch } }',
      'file:///imports/b.moesys',
    );
    expect(
      errors(withoutImport)
        .map(messageOf)
        .some((message) => /shared-switch/.test(message)),
    ).toBe(true);
  });

  it('flags an import that cannot be found', async () => {
    const { text } = await only('import "nowhere.moesys"', /Cannot find/);
    expect(text).toBe('"nowhere.moesys"');
  });

  it('names what a missing import would have declared in its one error, not in an error per name', async () => {
    const document = await parse(
      'import "nowhere.moesys"\nsystem big extends dgx-h100-256 { gpu = h800 }\nscenario x { system = big; model = llama; training = job }',
    );
    const found = errors(document).map(messageOf);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^Cannot find 'nowhere\.moesys' \(looked for .*\)\. Until it is found, the names this file uses and does not declare are not checked: dgx-h100-256, h800, llama, job\.$/,
    );
    // A word slot's mistake and a value not written yet are not names an import could declare: each keeps its error.
    const words = await parse(
      'import "nowhere.moesys"\ntraining t { globalBatch = 8; trainingTokens = 1 Ttokens; recompute = ful }\nmodel m {\n  layers = 2\n  hiddenSize =\n  attentionHeads = 8\n}',
    );
    const kept = errors(words).map(messageOf);
    expect(kept).toContainEqual(expect.stringMatching(/^'recompute' takes one of none, selective, full; 'ful' is not one of them/));
    expect(kept).toContainEqual(expect.stringMatching(/^'hiddenSize =' on line 5 has no value/));
    expect(kept.find((message) => message.startsWith('Cannot find'))).not.toMatch(/not checked/);
  });
});
