/**
 * The mechanics of MoE training at scale: each test pins the correct formula on a case that the
 * engine once got wrong (issue: engine mechanics).
 */
import { describe, expect, it } from 'vitest';
import { dgxH100, evaluate, paperScenario, validateScenario, withAssumptions, type ModelSpec, type Scenario, type TrainingSpec } from '../../engine/index.js';
import { bubbleMicrobatches, chunkLayers, pipelineRanks } from '../../engine/pipeline.js';
import { layerOperations, roofline } from '../../engine/compute.js';
import { degreesOf } from '../../engine/placement.js';
import { attentionParametersPerGpu } from '../../engine/parameters.js';
import { distinctDomains } from '../../engine/communication.js';
import { TP8_PP8_TRAINING } from './training-fixture.js';

const withTraining = (s: Scenario, t: Partial<TrainingSpec>): Scenario => ({ ...s, training: { ...s.training, ...t } });
/** A paper scenario routed dropless: the study's own capacity of the mean (for its CUDA graphs) taken out. */
const dropless = (system: Parameters<typeof paperScenario>[0], config: Parameters<typeof paperScenario>[1]): Scenario => {
  const s = paperScenario(system, config);
  return { ...s, training: { ...s.training, capacityFactor: undefined } };
};

describe('pipeline bubble of every schedule, for any microbatch count', () => {
  it('interleaved with one microbatch: the bubble is (p − 1) microbatches whatever v is, not (p − 1)/v', () => {
    expect(bubbleMicrobatches('interleaved', 1, 8, 4, 0.5)).toBe(7);
    expect(bubbleMicrobatches('interleaved', 1, 8, 1, 0.5)).toBe(7);
  });

  it("interleaved with m ≥ p: Megatron's (p − 1)/v; in between it shrinks as m grows", () => {
    expect(bubbleMicrobatches('interleaved', 16, 8, 4, 0.5)).toBeCloseTo(7 / 4, 12);
    const between = [2, 4, 6, 8].map((m) => bubbleMicrobatches('interleaved', m, 8, 4, 0.5));
    for (let i = 1; i < between.length; i++) expect(between[i]).toBeLessThan(between[i - 1]);
  });

  it('zero-bubble ZB-H1 is a third of 1F1B; DualPipe halves the stages', () => {
    expect(bubbleMicrobatches('zero-bubble', 16, 8, 1, 0.5)).toBeCloseTo(7 / 3, 12);
    expect(bubbleMicrobatches('dualpipe', 16, 16, 1, 0.5)).toBeCloseTo(7 * (2 / 3), 12);
  });

  it('a search-style split with one microbatch on PP8 gains nothing from virtual stages', () => {
    const base = withTraining(paperScenario('passage512', 4), { globalBatch: 256, dataParallel: 256 });
    const plain = evaluate(base);
    const interleaved = evaluate(withTraining(base, { virtualStages: 3 }));
    expect(plain.microbatches).toBe(1);
    expect(interleaved.breakdownSeconds.pipelineBubble).toBeGreaterThanOrEqual(plain.breakdownSeconds.pipelineBubble * 0.99);
    expect(interleaved.issues.map((i) => i.code)).toContain('interleaved-microbatches');
  });
});

describe('uneven pipeline stages', () => {
  const llama405b: ModelSpec = {
    name: 'llama3-405b',
    layers: 126,
    hiddenSize: 16384,
    attentionHeads: 128,
    kvHeads: 8,
    ffnHidden: 53248,
    ffnKind: 'swiglu',
    vocabularySize: 128_256,
    sequenceLength: 8192,
    tiedEmbeddings: false,
  };
  const job: TrainingSpec = { ...TP8_PP8_TRAINING, name: 'llama3', globalBatch: 2048, trainingTokens: 15e12, pipelineParallel: 16, dataParallel: 128 };

  it("splits Llama 3 405B's 126 layers on PP16 as 7, 8 × 14, 7 and evaluates it", () => {
    expect(chunkLayers(llama405b, job)).toEqual([7, ...new Array(14).fill(8), 7]);
    const r = evaluate({ name: 'llama', system: dgxH100(16_384), model: llama405b, training: job, assumptions: withAssumptions() });
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual(r.memory.fits ? [] : ['memory-exceeds-hbm']);
    // A middle stage (8 layers) is slower than the first (7 layers and the embedding).
    expect(r.criticalPipelineRank).toBeGreaterThan(0);
    expect(r.criticalPipelineRank).toBeLessThan(15);
  });

  it('takes explicit first and last stage layers and rejects ones that leave a fraction for the middle', () => {
    expect(chunkLayers(llama405b, { ...job, firstStageLayers: 0, lastStageLayers: 14 })).toEqual([0, ...new Array(14).fill(8), 14]);
    const model = { ...llama405b };
    const bad = { ...job, firstStageLayers: 6, lastStageLayers: 6 };
    expect(validateScenario({ name: 'x', system: dgxH100(16_384), model, training: bad, assumptions: withAssumptions() }).map((i) => i.code)).toContain(
      'uneven-stages',
    );
    const layout = pipelineRanks(model, { ...job, firstStageLayers: 0, lastStageLayers: 14 });
    expect(layout.map((r) => r.moe + r.dense)).toEqual([0, ...new Array(14).fill(8), 14]);
  });
});

describe('kernels: causal attention, recompute, GQA', () => {
  const s = paperScenario('passage512', 1);
  const d = degreesOf(s);
  const core = (x: Scenario) =>
    roofline(
      x,
      layerOperations(x, degreesOf(x), false).filter((o) => o.name === 'attention core'),
    );

  it('causal attention does half the score FLOPs of the full s × s product', () => {
    const full = core({ ...s, assumptions: { ...s.assumptions, causalAttentionWork: 1 } });
    const causal = core(s);
    expect(causal.flops / full.flops).toBeCloseTo(0.5, 12);
  });

  it('MFU keeps the published 4·s·h convention: halving attention work speeds the step but not the counted FLOPs', () => {
    const full = evaluate({ ...s, assumptions: { ...s.assumptions, causalAttentionWork: 1 } });
    const causal = evaluate(s);
    expect(causal.modelFlopsPerStep).toBe(full.modelFlopsPerStep);
    expect(causal.stepSeconds).toBeLessThan(full.stepSeconds);
  });

  it("selective recompute does not re-run the attention core that flash attention's backward already recomputes", () => {
    const none = evaluate(s);
    const selective = evaluate(withTraining(s, { recompute: 'selective' }));
    const corePerLayer = core(s).forwardSeconds;
    const extra = selective.breakdownSeconds.compute - none.breakdownSeconds.compute;
    expect(extra).toBeGreaterThan(0);
    expect(extra).toBeLessThan(corePerLayer * 15 * none.microbatches);
    expect(selective.memory.activationsBytes).toBeLessThan(none.memory.activationsBytes);
  });

  it('replicates K and V when there are fewer KV heads than TP ranks (8 KV heads on TP16: one whole head per rank)', () => {
    const model: ModelSpec = { ...s.model, kvHeads: 8 };
    const headDim = 12288 / 128;
    expect(attentionParametersPerGpu(model, 16)).toBe(12288 * (2 * (12288 / 16) + 2 * headDim));
    expect(attentionParametersPerGpu(model, 4)).toBe(12288 * (2 * (12288 / 4) + 2 * 2 * headDim));
    expect(d.tp).toBe(16);
  });
});

describe('pipeline p2p without sequence parallelism', () => {
  it('sends 1/TP of the stage boundary per rank and all-gathers it in the pod (Megatron scatter/gather)', () => {
    const base = withTraining(paperScenario('passage512', 1), { sequenceParallel: false });
    const scattered = evaluate(base);
    const whole = evaluate({ ...base, assumptions: { ...base.assumptions, pipelineScatterGather: false } });
    expect(scattered.breakdownSeconds.pipelineP2p).toBeLessThan(whole.breakdownSeconds.pipelineP2p / 2);
  });
});

describe('dispatch and routing', () => {
  it("a token's 8 experts over 8 domains reach 8·(1 − (7/8)^8) ≈ 5.25 of them, at most the routing limit", () => {
    expect(distinctDomains(8, 8, Infinity)).toBeCloseTo(8 * (1 - (7 / 8) ** 8), 12);
    expect(distinctDomains(8, 8, 4)).toBe(4);
  });

  it("hierarchical dispatch with node-limited routing cuts the 144 pod's off-pod all-to-all", () => {
    const flat = evaluate(paperScenario('electrical144', 4));
    const hierarchical = evaluate(withTraining(paperScenario('electrical144', 4), { expertDispatch: 'hierarchical', maxDomainsPerToken: 4 }));
    expect(hierarchical.breakdownSeconds.expertAllToAll).toBeLessThan(flat.breakdownSeconds.expertAllToAll * 0.75);
  });

  it("load imbalance slows the busiest EP rank's experts and its all-to-all", () => {
    const s = dropless('passage512', 4);
    const balanced = evaluate(s);
    const skewed = evaluate({ ...s, assumptions: { ...s.assumptions, expertLoadImbalance: 1.3 } });
    expect(skewed.breakdownSeconds.compute).toBeGreaterThan(balanced.breakdownSeconds.compute);
    expect(skewed.breakdownSeconds.expertAllToAll).toBeCloseTo(balanced.breakdownSeconds.expertAllToAll * 1.3, 6);
  });

  it('paired-microbatch overlap hides the all-to-all behind compute, at the cost of the SMs it takes', () => {
    const s = paperScenario('electrical144', 4);
    const overlapped = evaluate(withTraining(s, { expertOverlap: 'paired-microbatches' }));
    const plain = evaluate(s);
    expect(overlapped.breakdownSeconds.expertAllToAll).toBeLessThan(plain.breakdownSeconds.expertAllToAll);
    expect(overlapped.breakdownSeconds.expertAllToAll).toBeGreaterThan(0);
  });

  it('SMs reserved for communication slow all compute by 1 / (1 − σ), and hide what the all-to-all takes within it', () => {
    const s = withTraining(paperScenario('passage512', 1), { expertOverlap: 'paired-microbatches' });
    const sigma = s.assumptions.communicationSmShare;
    const shared = evaluate(s);
    const reserved = evaluate(withTraining(s, { reservedCommunicationSms: true }));
    // The loss is the compute's, C / (1 − σ), whatever is sent; the in-pod exchange at Config 1 hides under it.
    expect(reserved.breakdownSeconds.compute).toBeCloseTo(shared.breakdownSeconds.compute / (1 - sigma), 9);
    expect(reserved.breakdownSeconds.expertAllToAll).toBe(0);
    // Sharing the SMs only while the exchange runs costs σ·A, less than keeping them for the whole step.
    expect(shared.breakdownSeconds.expertAllToAll).toBeGreaterThan(0);
    expect(reserved.stepSeconds).toBeGreaterThan(shared.stepSeconds);
  });

  it('SMs reserved without paired overlap are ignored, with a warning that says what they need', () => {
    const s = withTraining(paperScenario('passage512', 1), { reservedCommunicationSms: true });
    const issue = validateScenario(s).find((i) => i.field === 'training.reservedCommunicationSms');
    expect(issue?.severity).toBe('warning');
    expect(issue?.message).toBe(
      'reservedCommunicationSms keeps SMs for communication that runs under compute, which needs expertOverlap = pairedMicrobatches; it is ignored',
    );
    expect(evaluate(s).stepSeconds).toBe(evaluate(withTraining(s, { reservedCommunicationSms: undefined })).stepSeconds);
  });
});

describe('scale-out fabric', () => {
  it('a 3-level Clos of radix-64 switches adds two switch crossings per extra level to the start-up latency', async () => {
    const { fabricTiers, fabricLevels } = await import('../../engine/fabric.js');
    const { COPPER_224G } = await import('../../engine/presets/links.js');
    const base = paperScenario('passage512', 1);
    const tiers = base.system.tiers.map((t, i) => (i === 1 ? { ...t, switch: { name: 'r64', radix: 64, portBandwidth: 400e9, link: COPPER_224G } } : t));
    const s = { ...base, system: { ...base.system, tiers } };
    expect(fabricLevels(tiers, 1)).toBe(3);
    expect(fabricTiers(s)[1].latency).toBeCloseTo(tiers[1].latency + 4 * s.assumptions.switchHopLatency, 15);
    expect(fabricTiers(s)[0]).toBe(tiers[0]);
  });

  it('a rail-optimised fabric gives each GPU index its own fabric of 64 nodes: one level fewer, fewer crossings of switches', async () => {
    const { fabricLevels } = await import('../../engine/fabric.js');
    const { switchCount } = await import('../../engine/index.js');
    const { COPPER_224G } = await import('../../engine/presets/links.js');
    const base = dgxH100(16_384);
    const r64 = { name: 'r64', radix: 64, portBandwidth: 400e9, link: COPPER_224G };
    const flat = [base.tiers[0], { ...base.tiers[1], switch: r64 }];
    const rails = [base.tiers[0], { ...base.tiers[1], switch: r64, railOptimized: true }];
    expect(fabricLevels(flat, 1)).toBe(3);
    expect(fabricLevels(rails, 1)).toBe(2);
    expect(switchCount({ ...base, tiers: rails }, rails[1])).toBeLessThan(switchCount({ ...base, tiers: flat }, flat[1]));
  });

  it('a 2:1 tapered scale-out tier halves the bandwidth its collectives see', () => {
    const base = paperScenario('electrical144', 4);
    const tapered = { ...base, system: { ...base.system, tiers: base.system.tiers.map((t, i) => (i === 1 ? { ...t, oversubscription: 2 } : t)) } };
    const a = evaluate(base).breakdownSeconds.expertAllToAll;
    const b = evaluate(tapered).breakdownSeconds.expertAllToAll;
    expect(b / a).toBeGreaterThan(1.9);
    expect(b / a).toBeLessThan(2.01);
  });
});

describe('ZeRO-3 / FSDP', () => {
  const dense = (shardParameters: boolean, gpus: number): Scenario => ({
    name: 'fsdp',
    system: dgxH100(gpus),
    assumptions: withAssumptions(),
    model: {
      name: 'm',
      layers: 32,
      hiddenSize: 4096,
      attentionHeads: 32,
      kvHeads: 8,
      ffnHidden: 14336,
      ffnKind: 'swiglu',
      vocabularySize: 128_256,
      sequenceLength: 8192,
      tiedEmbeddings: false,
    },
    training: {
      name: 't',
      datatype: 'bf16',
      globalBatch: gpus,
      trainingTokens: 1e12,
      tensorParallel: 1,
      pipelineParallel: 1,
      virtualStages: 1,
      dataParallel: gpus,
      expertsPerDpRank: 1,
      expertTensorParallel: false,
      microbatchSize: 1,
      recompute: 'full',
      sequenceParallel: false,
      optimizer: 'adam',
      shardOptimizer: true,
      shardParameters,
    },
  });

  it('shards weights and gradients over DP: an 8B model on 64 GPUs needs a fraction of the memory', () => {
    const plain = evaluate(dense(false, 64));
    const sharded = evaluate(dense(true, 64));
    expect(sharded.memory.weightsBytes).toBeLessThan(plain.memory.weightsBytes / 4);
    expect(sharded.memory.gradientsBytes).toBeCloseTo(plain.memory.gradientsBytes / 64, 0);
  });

  it('moves the weights three times per microbatch, hidden behind its compute when it is long enough', () => {
    const sharded = evaluate(dense(true, 64));
    const noOverlap = evaluate({ ...dense(true, 64), assumptions: withAssumptions({ parameterGatherOverlap: 0 }) });
    expect(noOverlap.breakdownSeconds.dataParallel).toBeGreaterThan(sharded.breakdownSeconds.dataParallel);
    const bytes = sharded.energyByTier.reduce((a, t) => a + t.bitsPerGpuPerStep / 8, 0);
    const plainBytes = evaluate(dense(false, 64)).energyByTier.reduce((a, t) => a + t.bitsPerGpuPerStep / 8, 0);
    expect(bytes).toBeGreaterThan(plainBytes);
  });
});

describe('context parallelism', () => {
  const llama: ModelSpec = {
    name: 'llama3-405b',
    layers: 126,
    hiddenSize: 16384,
    attentionHeads: 128,
    kvHeads: 8,
    ffnHidden: 53248,
    ffnKind: 'swiglu',
    vocabularySize: 128_256,
    sequenceLength: 131_072,
    tiedEmbeddings: false,
  };
  const job = (contextParallel: number, dataParallel: number): TrainingSpec => ({
    name: 'long',
    datatype: 'bf16',
    globalBatch: 128,
    trainingTokens: 800e9,
    tensorParallel: 8,
    pipelineParallel: 16,
    virtualStages: 1,
    dataParallel,
    contextParallel,
    expertsPerDpRank: 1,
    expertTensorParallel: false,
    microbatchSize: 1,
    recompute: 'full',
    sequenceParallel: true,
    optimizer: 'adam',
    shardOptimizer: true,
  });
  const at = (cp: number, dp: number) => evaluate({ name: 'cp', system: dgxH100(16_384), model: llama, training: job(cp, dp), assumptions: withAssumptions() });

  it('Llama 3 405B at 128K tokens on 16,384 GPUs: TP8 × CP16 × PP16 × DP8 places the CP ring across nodes', () => {
    const r = at(16, 8);
    expect(r.issues.filter((i) => i.code === 'parallelism-product')).toEqual([]);
    const context = r.placement.find((g) => g.group === 'context')!;
    expect(context.size).toBe(16);
    expect(context.slowestTier).toBe(dgxH100(16_384).tiers[1].name);
  });

  it('splits each sequence: CP 16 keeps half the activations per microbatch of CP 8', () => {
    const cp16 = at(16, 8);
    const cp8 = at(8, 16);
    const perMicrobatch = (r: ReturnType<typeof at>) => r.memory.activationsBytes / Math.min(16, r.microbatches);
    expect(perMicrobatch(cp16) / perMicrobatch(cp8)).toBeCloseTo(0.5, 1);
  });

  it("hides the ring's K/V exchange behind attention on a fast fabric, and shows what does not fit on a slow one", () => {
    expect(at(16, 8).breakdownSeconds.contextParallel).toBe(0);
    const slow = dgxH100(16_384);
    slow.tiers[1] = { ...slow.tiers[1], bandwidthPerGpu: 10e9 };
    const r = evaluate({ name: 'cp', system: slow, model: llama, training: job(16, 8), assumptions: withAssumptions() });
    expect(r.breakdownSeconds.contextParallel).toBeGreaterThan(0);
  });

  it('rejects a sequence that does not split into 2 × CP load-balanced chunks', () => {
    const s: Scenario = {
      name: 'cp',
      system: dgxH100(16_384),
      model: { ...llama, sequenceLength: 131_000 },
      training: job(16, 8),
      assumptions: withAssumptions(),
    };
    expect(validateScenario(s).map((i) => i.code)).toContain('context-parallel-split');
  });
});

describe('multi-token prediction', () => {
  it('puts one more layer and one more head pass on the last stage, outside the parameter count', () => {
    const s = paperScenario('passage512', 1);
    const mtp = { ...s, model: { ...s.model, multiTokenPrediction: 1 } };
    const ranks = pipelineRanks(mtp.model, mtp.training);
    expect(ranks[7].moe + ranks[7].dense).toBe(16);
    expect(ranks[7].extraHeads).toBe(1);
    expect(ranks[0].moe + ranks[0].dense).toBe(15);
    const plain = evaluate(s);
    const withMtp = evaluate(mtp);
    expect(withMtp.parameters.total).toBe(plain.parameters.total);
    expect(withMtp.criticalPipelineRank).toBe(7);
    expect(withMtp.stepSeconds).toBeGreaterThan(plain.stepSeconds);
  });
});

describe('fixes from review', () => {
  const withPipeline = (schedule: TrainingSpec['pipelineSchedule'], globalBatch: number) => {
    const s = paperScenario('passage512', 1);
    return { ...s, training: { ...s.training, pipelineSchedule: schedule, globalBatch } };
  };

  it("ZB-H1 with one microbatch has nothing to fill its bubble with: as long as 1F1B's", () => {
    expect(bubbleMicrobatches('zero-bubble', 1, 8, 1, 0.5)).toBeCloseTo(bubbleMicrobatches('1f1b', 1, 8, 1, 0.5), 12);
    expect(evaluate(withPipeline('zero-bubble', 256)).breakdownSeconds.pipelineBubble).toBeCloseTo(
      evaluate(withPipeline('1f1b', 256)).breakdownSeconds.pipelineBubble,
      9,
    );
  });

  it('DualPipe needs an even microbatch count of at least 2 × PP', () => {
    expect(validateScenario(withPipeline('dualpipe', 256 * 8)).map((i) => i.code)).toContain('dualpipe-microbatches');
    expect(validateScenario(withPipeline('dualpipe', 256 * 16)).map((i) => i.code)).not.toContain('dualpipe-microbatches');
    // Too large a microbatch: the error sits on it and names the largest that gives enough microbatches.
    const wide = withPipeline('dualpipe', 256 * 16);
    const issue = validateScenario({ ...wide, training: { ...wide.training, microbatchSize: 4 } }).find((i) => i.code === 'dualpipe-microbatches');
    expect(issue?.field).toBe('training.microbatchSize');
    expect(issue?.message).toMatch(/; use microbatchSize = 1$/);
  });

  it('DualPipe holds the embedding and head once while it doubles the layers', () => {
    const plain = evaluate(withPipeline('1f1b', 256 * 16));
    const dual = evaluate(withPipeline('dualpipe', 256 * 16));
    expect(dual.memory.weightsBytes).toBeLessThan(2 * plain.memory.weightsBytes);
  });

  it('virtual stages belong to the interleaved schedule only', () => {
    const s = withPipeline('1f1b', 4096);
    expect(validateScenario({ ...s, training: { ...s.training, virtualStages: 3 } }).map((i) => i.code)).toContain('virtual-stages-schedule');
  });

  it('load imbalance slows the exchange but does not add bytes to the links', () => {
    const s = dropless('passage512', 4);
    const skewed = evaluate({ ...s, assumptions: { ...s.assumptions, expertLoadImbalance: 2 } });
    const balanced = evaluate(s);
    expect(skewed.energyByTier[0].bitsPerGpuPerStep).toBeCloseTo(balanced.energyByTier[0].bitsPerGpuPerStep, 0);
  });

  it('the idealised tiled mapping still needs TP × PP × DP to equal the GPU count', () => {
    const s = paperScenario('passage512', 1);
    const issues = validateScenario({ ...s, training: { ...s.training, rankMapping: 'tiled', dataParallel: 512, globalBatch: 4096 } });
    expect(issues.map((i) => i.code)).toContain('parallelism-product');
  });
});

describe('capacity factor and token dropping', () => {
  it('pads every expert to its capacity: compute and all-to-all grow by the factor, for all ranks alike', () => {
    // Against absolutely balanced dropless routing, whose busiest rank takes the mean.
    const routedAlike = dropless('passage512', 4);
    const s = { ...routedAlike, assumptions: { ...routedAlike.assumptions, randomRoutingFluctuation: false } };
    const routed = evaluate(s);
    const padded = evaluate({ ...s, training: { ...s.training, capacityFactor: 1.5 } });
    expect(padded.breakdownSeconds.expertAllToAll).toBeCloseTo(routed.breakdownSeconds.expertAllToAll * 1.5, 6);
    expect(padded.breakdownSeconds.compute).toBeGreaterThan(routed.breakdownSeconds.compute);
    // Padding moves more bytes over the links; imbalance without it does not.
    expect(padded.energyByTier[0].bitsPerGpuPerStep).toBeGreaterThan(routed.energyByTier[0].bitsPerGpuPerStep * 1.2);
  });

  it("warns with the share dropped when the capacity is below the busiest expert's load", () => {
    const s = paperScenario('passage512', 4);
    const issues = validateScenario({ ...s, training: { ...s.training, capacityFactor: 1 }, assumptions: { ...s.assumptions, expertLoadImbalance: 1.25 } });
    expect(issues.find((i) => i.code === 'tokens-dropped')?.message).toMatch(/about 20% of its tokens are dropped/);
  });
});
