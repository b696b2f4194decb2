/**
 * Input checks of a scenario. Each problem names the field (a dotted path into `Scenario`),
 * the reason with the numbers, and the other fields it conflicts with. Every field's own bounds
 * come from its descriptor (`inputs/`); this file adds the checks that relate fields.
 */
import type { Datatype, Scenario, TrainingSpec } from './types.js';
import { gemmBytes } from './precision.js';
import { staticExpertShapes } from './compute.js';
import type { EngineIssue } from './results.js';
import { type Check, checkNumber, partCheck } from './inputs/check.js';
import type { NumberField } from './inputs/field.js';
import { ACHIEVABLE_MATMUL_FIELDS, GPU_FIELDS, LINK_FIELDS, PEAK_FLOPS_FIELDS, SWITCH_FIELDS, SYSTEM_FIELDS, TIER_FIELDS } from './inputs/hardware.js';
import { MLA_FIELDS, MODEL_FIELDS, MOE_FIELDS } from './inputs/model.js';
import { RECOMPUTE_MODULE_FIELDS, TRAINING_FIELDS } from './inputs/training.js';
import { ASSUMPTION_INFO, DEFAULT_ASSUMPTIONS, type AssumptionKey } from './assumptions.js';
import { torusRadix } from './topology.js';
import { chunkCount, chunkLayers, LARGEST_PIPELINE_CHUNKS, scheduleOf } from './pipeline.js';
import { degreesOf, rankLayoutOf } from './placement.js';
import { gpusSpanned } from './rank-map.js';
import { budgetIoPlace, packageIoPower } from './power-budget.js';

const checkSystemFields = partCheck(SYSTEM_FIELDS);
const checkGpuFields = partCheck(GPU_FIELDS);
const checkTierFields = partCheck(TIER_FIELDS);
const checkLinkFields = partCheck(LINK_FIELDS);
const checkSwitchFields = partCheck(SWITCH_FIELDS);
const checkModelFields = partCheck(MODEL_FIELDS);
const checkMoeFields = partCheck(MOE_FIELDS);
const checkMlaFields = partCheck(MLA_FIELDS);
const checkTrainingFields = partCheck(TRAINING_FIELDS);
const checkRecomputeModuleFields = partCheck(RECOMPUTE_MODULE_FIELDS);

/** Transformer Engine overlaps the sequence-parallel all-gathers and reduce-scatters: without TP > 1 and SP there are none. */
export function tensorParallelOverlapApplies(t: TrainingSpec): boolean {
  return t.tensorParallel > 1 && t.sequenceParallel;
}

/** A per-datatype block (`peakFlops`, `achievableMatmulFraction`): each entry within its datatype's bounds. */
function checkPerDatatype(values: Partial<Record<Datatype, number>>, fields: Readonly<Record<Datatype, NumberField>>, at: string, report: Check): boolean {
  let ok = true;
  for (const [type, value] of Object.entries(values)) {
    const bounds = fields[type as Datatype] ?? fields.bf16;
    ok = checkNumber({ path: type, at, value, min: bounds.min, exclusiveMin: bounds.exclusiveMin, max: bounds.max }, report) && ok;
  }
  return ok;
}

function checkHardware(s: Scenario, report: Check): boolean {
  const { system } = s;
  const gpu = system.gpu;
  let ok = checkSystemFields(system, 'system', report);
  ok = checkGpuFields(gpu, 'system.gpu', report, `GPU '${gpu.name}'`) && ok;
  if (!gpu.peakFlops || typeof gpu.peakFlops !== 'object') {
    report({
      severity: 'error',
      code: 'no-peak-flops',
      field: 'system.gpu.peakFlops',
      message: `GPU '${gpu.name}' gives no peak FLOP/s; add a peakFlops { bf16 = … } block`,
    });
    return false;
  }
  ok = checkPerDatatype(gpu.peakFlops, PEAK_FLOPS_FIELDS, 'system.gpu.peakFlops', report) && ok;
  ok = checkPerDatatype(gpu.achievableMatmulFraction ?? {}, ACHIEVABLE_MATMUL_FIELDS, 'system.gpu.achievableMatmulFraction', report) && ok;
  system.tiers.forEach((tier, i) => {
    const at = `system.tiers[${i}]`;
    ok = checkTierFields(tier, at, report, `tier '${tier.name}'`) && ok;
    ok = checkLinkFields(tier.link, `${at}.link`, report, `link '${tier.link.name}'`) && ok;
    if (tier.switch) {
      ok = checkSwitchFields(tier.switch, `${at}.switch`, report, `switch '${tier.switch.name}'`) && ok;
      ok = checkLinkFields(tier.switch.link, `${at}.switch.link`, report, `link '${tier.switch.link.name}'`) && ok;
    }
  });
  if (system.tiers.length === 0) {
    report({ severity: 'error', code: 'no-tiers', field: 'system.tiers', message: 'a system needs at least one network tier (the scale-up pod)' });
    return false;
  }
  if (!ok) return false;
  system.tiers.forEach((tier, i) => {
    const previous = system.tiers[i - 1];
    if (previous && tier.domainSize % previous.domainSize !== 0 && tier.domainSize < system.gpuCount) {
      report({
        severity: 'error',
        code: 'tier-nesting',
        field: `system.tiers[${i}].domainSize`,
        related: [`system.tiers[${i - 1}].domainSize`],
        message: `tier '${tier.name}' groups ${tier.domainSize} GPUs, not a multiple of tier '${previous.name}' (${previous.domainSize})`,
      });
      ok = false;
    }
    if (previous && tier.domainSize < previous.domainSize) {
      report({
        severity: 'error',
        code: 'tier-order',
        field: `system.tiers[${i}].domainSize`,
        related: [`system.tiers[${i - 1}].domainSize`],
        message: `tier '${tier.name}' (${tier.domainSize} GPUs) is smaller than the tier before it, '${previous.name}' (${previous.domainSize})`,
      });
      ok = false;
    }
    if (tier.switch && tier.domainSize > tier.switch.radix && i < system.tiers.length - 1) {
      report({
        severity: 'error',
        code: 'pod-exceeds-radix',
        field: `system.tiers[${i}].domainSize`,
        related: [`system.tiers[${i}].switch.radix`],
        message: `a single layer of switches reaches at most radix = ${tier.switch.radix} GPUs, but tier '${tier.name}' holds ${tier.domainSize}`,
      });
      ok = false;
    }
    const n = tier.torusDimensions ?? 0;
    if (n !== 0) {
      const k = torusRadix(tier);
      if (k < 2 || k ** n !== tier.domainSize) {
        report({
          severity: 'error',
          code: 'torus-shape',
          field: `system.tiers[${i}].domainSize`,
          related: [`system.tiers[${i}].torusDimensions`],
          message:
            `${tier.domainSize} GPUs do not form a ${n}-dimensional torus of equal sides (k^${n}); ` +
            `the nearest are ${Math.floor(tier.domainSize ** (1 / n) + 1e-9) ** n} and ${(Math.floor(tier.domainSize ** (1 / n) + 1e-9) + 1) ** n}`,
        });
        ok = false;
      }
      if (tier.switch) {
        report({
          severity: 'error',
          code: 'torus-with-switch',
          field: `system.tiers[${i}].switch`,
          related: [`system.tiers[${i}].torusDimensions`],
          message: `tier '${tier.name}' is a torus of direct links; it has no switches`,
        });
        ok = false;
      }
    }
    if (tier.switch && tier.bandwidthPerGpu < tier.switch.portBandwidth) {
      report({
        severity: 'error',
        code: 'bandwidth-below-port',
        field: `system.tiers[${i}].bandwidthPerGpu`,
        related: [`system.tiers[${i}].switch.portBandwidth`],
        message: `${tier.bandwidthPerGpu / 1e9} Gb/s per GPU is less than one switch port of ${tier.switch.portBandwidth / 1e9} Gb/s`,
      });
      ok = false;
    }
  });
  const scaleUp = system.tiers[0];
  if (gpu.ioBandwidth !== undefined && scaleUp.bandwidthPerGpu > gpu.ioBandwidth) {
    report({
      severity: 'error',
      code: 'scale-up-exceeds-gpu-io',
      field: 'system.tiers[0].bandwidthPerGpu',
      related: ['system.gpu.ioBandwidth'],
      message:
        `tier '${scaleUp.name}' gives each GPU ${bitsAndBytes(scaleUp.bandwidthPerGpu)} per direction, more than the ${bitsAndBytes(gpu.ioBandwidth)} ` +
        `GPU '${gpu.name}' can drive each way from its package; lower the tier's bandwidth to at most ${bitsAndBytes(gpu.ioBandwidth)} ` +
        `(a datasheet's figure for both directions is twice that) or use a GPU with more I/O`,
    });
    ok = false;
  }
  if (!checkDecisionInputs(s, report)) ok = false;
  const last = system.tiers[system.tiers.length - 1];
  if (last.domainSize < system.gpuCount) {
    report({
      severity: 'error',
      code: 'cluster-not-spanned',
      field: `system.tiers[${system.tiers.length - 1}].domainSize`,
      related: ['system.gpuCount'],
      message:
        `the last tier '${last.name}' joins ${last.domainSize} GPUs but the system has ${system.gpuCount}; ` +
        (system.tiers.length > 1
          ? `set its domainSize to ${system.gpuCount} (tier ${last.name} { domainSize = ${system.gpuCount} }) so that it spans the cluster`
          : `add a scale-out tier that spans the cluster, or set its domainSize to ${system.gpuCount}`),
    });
    ok = false;
  }
  return ok;
}

/** The largest microbatch size that gives DualPipe an even count of at least 2 × PP microbatches, as a fix. */
function dualPipeMicrobatchFix(t: TrainingSpec): string {
  const sequences = t.globalBatch / t.dataParallel;
  if (!Number.isInteger(sequences)) return '';
  for (let mbs = Math.min(t.microbatchSize - 1, sequences); mbs >= 1; mbs--) {
    const m = sequences / mbs;
    if (Number.isInteger(m) && m % 2 === 0 && m >= 2 * t.pipelineParallel) return `; use microbatchSize = ${mbs}`;
  }
  return '';
}

/** A package power budget its own scale-up I/O fits in. */
function checkDecisionInputs(s: Scenario, report: Check): boolean {
  const { gpu } = s.system;
  const io = packageIoPower(s);
  if (gpu.packagePowerBudget !== undefined && gpu.packagePowerBudget <= io) {
    report({
      severity: 'error',
      code: 'budget-below-io',
      field: 'system.gpu.packagePowerBudget',
      related: ['system.tiers[0].bandwidthPerGpu', 'system.tiers[0].link'],
      message:
        `'packagePowerBudget' of GPU '${gpu.name}' is ${gpu.packagePowerBudget} W, but its scale-up I/O alone takes ${io.toFixed(0)} W ${budgetIoPlace(s)} at line rate, ` +
        'leaving nothing to compute; raise the budget or lower the scale-up bandwidth or its in-package energy per bit',
    });
    return false;
  }
  return true;
}

function checkModel(s: Scenario, report: Check): boolean {
  const m = s.model;
  let fieldsOk = checkModelFields(m, 'model', report);
  if (m.moe) fieldsOk = checkMoeFields(m.moe, 'model.moe', report) && fieldsOk;
  if (m.mla) fieldsOk = checkMlaFields(m.mla, 'model.mla', report) && fieldsOk;
  if (!fieldsOk) return false;
  let ok = true;
  const fail = (issue: EngineIssue) => {
    report(issue);
    ok = false;
  };
  if (m.headDim === undefined && !m.mla && m.hiddenSize % m.attentionHeads !== 0) {
    fail({
      severity: 'error',
      code: 'heads-divide-hidden',
      field: 'model.attentionHeads',
      related: ['model.hiddenSize'],
      message: `hidden size ${m.hiddenSize} is not divisible by ${m.attentionHeads} attention heads`,
    });
  }
  if (m.fullAttentionInterval !== undefined && m.attentionWindow === undefined) {
    report({
      severity: 'warning',
      code: 'full-attention-interval-without-window',
      field: 'model.fullAttentionInterval',
      related: ['model.attentionWindow'],
      message:
        'fullAttentionInterval says which layers skip the sliding window, so it needs attentionWindow; without it every layer attends over the whole sequence',
    });
  }
  if (m.attentionWindow !== undefined && m.attentionWindow >= m.sequenceLength) {
    report({
      severity: 'warning',
      code: 'window-covers-sequence',
      field: 'model.attentionWindow',
      related: ['model.sequenceLength'],
      message: `an attentionWindow of ${m.attentionWindow} tokens covers the whole sequence of ${m.sequenceLength}: every layer attends over all of it`,
    });
  }
  if (m.kvHeads > m.attentionHeads || m.attentionHeads % m.kvHeads !== 0) {
    fail({
      severity: 'error',
      code: 'kv-heads',
      field: 'model.kvHeads',
      related: ['model.attentionHeads'],
      message: `${m.kvHeads} KV heads must divide the ${m.attentionHeads} attention heads`,
    });
  }
  if (m.moe) {
    if (m.moe.activeExperts > m.moe.experts) {
      fail({
        severity: 'error',
        code: 'active-exceeds-experts',
        field: 'model.moe.activeExperts',
        related: ['model.moe.experts'],
        message: `${m.moe.activeExperts} active experts per token but only ${m.moe.experts} experts`,
      });
    }
    if (m.ffnHidden % m.moe.granularity !== 0) {
      fail({
        severity: 'error',
        code: 'granularity-divides-ffn',
        field: 'model.moe.granularity',
        related: ['model.ffnHidden'],
        message: `FFN hidden size ${m.ffnHidden} is not divisible by granularity m = ${m.moe.granularity}`,
      });
    }
    if (m.moe.firstDenseLayers >= m.layers) {
      fail({
        severity: 'error',
        code: 'no-moe-layers',
        field: 'model.moe.firstDenseLayers',
        related: ['model.layers'],
        message: `${m.moe.firstDenseLayers} leading dense layers leave none of the ${m.layers} layers for experts`,
      });
    }
  }
  return ok;
}

/** The largest divisor of n that is at most `limit` (1 at least). */
export function largestDivisorAtMost(n: number, limit: number): number {
  const start = Math.min(n, Math.floor(limit));
  for (let d = start; d > 1 && start - d < SUGGESTION_SEARCH; d--) if (n % d === 0) return d;
  return 1;
}

/**
 * The experts per data-parallel rank that divide the experts and, where the data-parallel ranks are
 * known, make an expert-parallel group that divides them: fixes that do not trade one refusal for the
 * next. Ascending.
 */
function validExpertsPerRank(experts: number, dataRanks?: number): number[] {
  const valid: number[] = [];
  for (let e = 1; e <= Math.min(experts, SUGGESTION_SEARCH); e++) {
    if (experts % e === 0 && (dataRanks === undefined || dataRanks % (experts / e) === 0)) valid.push(e);
  }
  return valid;
}

/** The fewest experts per data-parallel rank whose expert sets divide `dataRanks`, or 0 when none does. */
function fewestExpertsPerRank(experts: number, dataRanks: number): number {
  return validExpertsPerRank(experts, dataRanks)[0] ?? 0;
}

/** The valid experts per DP rank nearest `wanted`; ties go to the smaller, the largest divisor below it. */
function nearestExpertsPerRank(experts: number, wanted: number, dataRanks?: number): number {
  const valid = validExpertsPerRank(experts, dataRanks);
  if (valid.length === 0) return largestDivisorAtMost(experts, wanted);
  return valid.reduce((best, e) => (Math.abs(e - wanted) < Math.abs(best - wanted) ? e : best));
}

/**
 * The largest tensor-parallel degree up to `most` that fits the first tier's domain, splits the
 * attention heads, splits or replicates the KV heads and, with sequence parallelism, splits the
 * sequence: a fix that does not trade one refusal for the next. 1 always qualifies.
 */
function fittingTensorParallel(s: Scenario, most: number): number {
  const { model, training: t } = s;
  const domain = s.system.tiers[0].domainSize;
  const heads = model.attentionHeads;
  // Only divisors of the head count qualify: found in √heads steps, not one per degree below `most`.
  const divisors: number[] = [];
  for (let d = 1; d * d <= heads && d <= SUGGESTION_SEARCH; d++) if (heads % d === 0) divisors.push(d, heads / d);
  divisors.sort((a, b) => b - a);
  for (const tp of divisors) {
    if (tp > most || tp <= 1) continue;
    const kvOk = model.kvHeads % tp === 0 || tp % model.kvHeads === 0;
    if (domain % tp === 0 && kvOk && (!t.sequenceParallel || model.sequenceLength % tp === 0)) return tp;
  }
  return 1;
}

/** Candidates a suggested fix looks through at most (messages are built only when a check fails). */
const SUGGESTION_SEARCH = 100_000;

/** Checks of the training job against the system and model (which must already be valid). */
export function checkTraining(s: Scenario, report: Check): boolean {
  const t = s.training;
  // This runs once per candidate in the parallelism search: the field checks allocate nothing on success.
  if (!checkTrainingFields(t, 'training', report)) return false;
  if (t.recomputeModules && !checkRecomputeModuleFields(t.recomputeModules, 'training.recomputeModules', report)) return false;
  let ok = true;
  const fail = (issue: EngineIssue) => {
    report(issue);
    ok = false;
  };
  const { system, model } = s;
  const cp = t.contextParallel ?? 1;
  const product = t.tensorParallel * t.pipelineParallel * t.dataParallel * cp;
  const mapping = t.rankMapping ?? 'linear';
  const degrees =
    cp > 1
      ? `tensorParallel × contextParallel × pipelineParallel × dataParallel = ${t.tensorParallel} × ${cp} × ${t.pipelineParallel} × ${t.dataParallel}`
      : `tensorParallel × pipelineParallel × dataParallel = ${t.tensorParallel} × ${t.pipelineParallel} × ${t.dataParallel}`;
  // Checks that lean on a degree already refused would advise against a value the user must change anyway.
  const productOk = mapping === 'pod-aligned' ? product <= system.gpuCount : product === system.gpuCount;
  if (mapping !== 'pod-aligned' && product !== system.gpuCount) {
    const fitting = system.gpuCount / (t.tensorParallel * t.pipelineParallel * cp);
    // The DP that fills the GPUs is offered only when it also splits the batch and holds whole expert sets.
    const expertSet = model.moe && Number.isInteger(model.moe.experts / t.expertsPerDpRank) ? model.moe.experts / t.expertsPerDpRank : 1;
    const fittingWorks = Number.isInteger(fitting) && t.globalBatch % (fitting * t.microbatchSize) === 0 && (fitting * cp) % expertSet === 0;
    fail({
      severity: 'error',
      code: 'parallelism-product',
      field: 'training.dataParallel',
      related: ['training.tensorParallel', 'training.pipelineParallel', 'system.gpuCount'],
      message:
        `${degrees} = ${product}, but the system has ${system.gpuCount} GPUs; ` +
        (fittingWorks
          ? `set dataParallel = ${fitting}, or leave it out to derive it`
          : `set gpuCount = ${product} to match them, or choose degrees whose product is ${system.gpuCount}`),
    });
  }
  if (mapping === 'pod-aligned' && product > system.gpuCount) {
    fail({
      severity: 'error',
      code: 'parallelism-product',
      field: 'training.dataParallel',
      related: ['training.tensorParallel', 'training.pipelineParallel', 'system.gpuCount'],
      message: `${degrees} = ${product}, more than the system's ${system.gpuCount} GPUs`,
    });
  }
  if (cp > 1 && model.sequenceLength % (2 * cp) !== 0) {
    fail({
      severity: 'error',
      code: 'context-parallel-split',
      field: 'training.contextParallel',
      related: ['model.sequenceLength'],
      message: `sequence length ${model.sequenceLength} cannot be split into 2 × CP = ${2 * cp} load-balanced chunks for causal ring attention`,
    });
  }
  if (mapping === 'pod-aligned' && product <= system.gpuCount) {
    const d = degreesOf(s);
    const spanned = gpusSpanned(rankLayoutOf(s, d), system.tiers);
    if (spanned > system.gpuCount) {
      fail({
        severity: 'error',
        code: 'pod-aligned-exceeds-gpus',
        field: 'training.rankMapping',
        related: ['training.dataParallel', 'system.gpuCount'],
        message:
          `aligning each expert set of TP ${t.tensorParallel} × EP ${d.ep} GPUs to ${system.tiers[0].domainSize}-GPU '${system.tiers[0].name}' domains ` +
          `takes ${spanned} GPUs, more than the system's ${system.gpuCount}; lower DP or use rankMapping = linear`,
      });
    }
  }
  if (system.gpu.peakFlops[t.datatype] === undefined) {
    fail({
      severity: 'error',
      code: 'datatype-unsupported',
      field: 'training.datatype',
      related: ['system.gpu.peakFlops'],
      message: `GPU '${system.gpu.name}' gives no peak FLOP/s for ${t.datatype}`,
    });
  }
  const pod = system.tiers[0];
  // One error for a tensor-parallel degree, whatever it breaks, with a degree that breaks nothing.
  let tensorParallelOk = true;
  if (t.tensorParallel > pod.domainSize || pod.domainSize % t.tensorParallel !== 0) {
    tensorParallelOk = false;
    fail({
      severity: 'error',
      code: 'tp-exceeds-pod',
      field: 'training.tensorParallel',
      related: ['system.tiers[0].domainSize'],
      message:
        `tensorParallel = ${t.tensorParallel} does not fit tier '${pod.name}' of ${pod.domainSize} GPUs: a tensor-parallel group must lie inside one domain and divide it; ` +
        `use tensorParallel = ${fittingTensorParallel(s, Math.min(t.tensorParallel, pod.domainSize))} or another divisor of ${pod.domainSize}`,
    });
  } else if (model.attentionHeads % t.tensorParallel !== 0) {
    tensorParallelOk = false;
    fail({
      severity: 'error',
      code: 'tp-divides-heads',
      field: 'training.tensorParallel',
      related: ['model.attentionHeads'],
      message: `attentionHeads = ${model.attentionHeads} cannot be split evenly over tensorParallel = ${t.tensorParallel}; use a tensorParallel that divides ${model.attentionHeads}, such as ${fittingTensorParallel(s, t.tensorParallel)}`,
    });
  }
  checkPipeline(s, fail, report);
  const kv = model.kvHeads;
  if (tensorParallelOk && kv % t.tensorParallel !== 0 && t.tensorParallel % kv !== 0) {
    fail({
      severity: 'error',
      code: 'kv-heads-tp',
      field: 'model.kvHeads',
      related: ['training.tensorParallel'],
      message: `${kv} KV heads can neither be split over TP = ${t.tensorParallel} nor replicated evenly (TP must divide them or be a multiple of them)`,
    });
  }
  const perStep = t.dataParallel * t.microbatchSize;
  if (productOk && t.globalBatch % perStep !== 0) {
    fail({
      severity: 'error',
      code: 'batch-divisibility',
      field: 'training.globalBatch',
      related: ['training.dataParallel', 'training.microbatchSize'],
      message:
        `globalBatch = ${t.globalBatch} is not a multiple of dataParallel × microbatchSize = ${t.dataParallel} × ${t.microbatchSize} = ${perStep}; ` +
        `use globalBatch = ${Math.max(perStep, Math.round(t.globalBatch / perStep) * perStep)}${t.microbatchSize > 1 ? ' or a smaller microbatchSize' : ''}`,
    });
  }
  const steps = t.trainingTokens / (t.globalBatch * model.sequenceLength);
  if (steps < 1) {
    report({
      severity: 'warning',
      code: 'less-than-one-step',
      field: 'training.trainingTokens',
      related: ['training.globalBatch'],
      message: `trainingTokens = ${t.trainingTokens.toLocaleString('en-US')} ${t.trainingTokens === 1 ? 'token is' : 'tokens are'} less than one step of ${(t.globalBatch * model.sequenceLength).toLocaleString('en-US')} tokens (globalBatch × sequenceLength); the run is timed as one step`,
    });
  }
  if (model.moe && t.cudaGraphs === 'layers' && !staticExpertShapes(t)) {
    report({
      severity: 'warning',
      code: 'graphs-need-static-shapes',
      field: 'training.cudaGraphs',
      related: ['training.capacityFactor', 'training.expertRankCapacity'],
      message:
        'whole-layer CUDA graphs need static shapes, and a dropless MoE layer receives a different number of tokens every step (Megatron-Core captures MoE layers with a capacity factor and padding, or with fixed per-rank HybridEP buffers); set capacityFactor or expertRankCapacity, or graph the attention and router only (attentionAndRouter)',
    });
  }
  if (t.lowPrecisionScaling !== undefined && gemmBytes(t) >= 2) {
    report({
      severity: 'warning',
      code: 'scaling-without-low-precision',
      field: 'training.lowPrecisionScaling',
      related: ['training.datatype'],
      message: `lowPrecisionScaling sets how FP8 and FP4 GEMM inputs are scaled; with datatype = ${t.datatype} nothing is cast and it is ignored`,
    });
  } else if (t.datatype === 'fp4' && t.lowPrecisionScaling !== undefined && t.lowPrecisionScaling !== 'perBlock') {
    report({
      severity: 'warning',
      code: 'fp4-scaling',
      field: 'training.lowPrecisionScaling',
      related: ['training.datatype'],
      message: `FP4 training scales per block (NVFP4's 16 elements, MXFP4's 32); lowPrecisionScaling = ${t.lowPrecisionScaling} is an FP8 recipe: use perBlock`,
    });
  }
  if (t.recomputeModules && t.recompute !== 'selective') {
    report({
      severity: 'warning',
      code: 'recompute-modules-without-selective',
      field: 'training.recomputeModules',
      related: ['training.recompute'],
      message: `recomputeModules picks what selective recompute re-runs, so it needs recompute = selective; it is ignored with recompute = ${t.recompute}`,
    });
  }
  if (t.recomputeLayers !== undefined && t.recompute !== 'full') {
    report({
      severity: 'warning',
      code: 'recompute-layers-without-full',
      field: 'training.recomputeLayers',
      related: ['training.recompute'],
      message: `recomputeLayers picks the layers full recompute re-runs, so it needs recompute = full; it is ignored with recompute = ${t.recompute}`,
    });
  } else if (t.recomputeLayers !== undefined && chunkCount(t) <= model.layers) {
    const largest = Math.max(...chunkLayers(model, t));
    if (t.recomputeLayers > largest)
      report({
        severity: 'warning',
        code: 'recompute-layers-above-chunk',
        field: 'training.recomputeLayers',
        message: `recomputeLayers = ${t.recomputeLayers} is more than the ${largest} layers of a pipeline chunk: every layer recomputes`,
      });
  }
  if (t.tensorParallelCommOverlap && !tensorParallelOverlapApplies(t)) {
    report({
      severity: 'warning',
      code: t.tensorParallel === 1 ? 'tp-overlap-without-tp' : 'tp-overlap-without-sp',
      field: 'training.tensorParallelCommOverlap',
      related: [t.tensorParallel === 1 ? 'training.tensorParallel' : 'training.sequenceParallel'],
      message:
        t.tensorParallel === 1
          ? 'tensorParallelCommOverlap has nothing to overlap with tensorParallel = 1; it is ignored'
          : 'tensorParallelCommOverlap pipelines the sequence-parallel all-gathers and reduce-scatters, so it needs sequenceParallel = true; it is ignored',
    });
  }
  if (t.reservedCommunicationSms && (t.expertOverlap ?? 'none') !== 'paired-microbatches') {
    report({
      severity: 'warning',
      code: 'reserved-sms-without-overlap',
      field: 'training.reservedCommunicationSms',
      related: ['training.expertOverlap'],
      message: 'reservedCommunicationSms keeps SMs for communication that runs under compute, which needs expertOverlap = pairedMicrobatches; it is ignored',
    });
  }
  if (tensorParallelOk && t.sequenceParallel && model.sequenceLength % t.tensorParallel !== 0) {
    fail({
      severity: 'error',
      code: 'sequence-parallel-split',
      field: 'training.sequenceParallel',
      related: ['model.sequenceLength', 'training.tensorParallel'],
      message: `sequence length ${model.sequenceLength} cannot be split over TP = ${t.tensorParallel} for sequence parallelism; use a tensorParallel that divides it, such as ${fittingTensorParallel(s, t.tensorParallel)}, or sequenceParallel = false`,
    });
  }
  // In checkTraining, so the parallelism search refuses the splits Megatron-Core refuses too.
  checkActivationOffload(s, fail);
  if (!model.moe) {
    if (t.expertsPerDpRank !== 1) {
      fail({
        severity: 'error',
        code: 'experts-without-moe',
        field: 'training.expertsPerDpRank',
        related: ['model.moe'],
        message: `experts per DP rank is ${t.expertsPerDpRank} but model '${model.name}' has no experts`,
      });
    }
    return ok;
  }
  const { experts } = model.moe;
  if (experts % t.expertsPerDpRank !== 0) {
    fail({
      severity: 'error',
      code: 'experts-divisibility',
      field: 'training.expertsPerDpRank',
      related: ['model.moe.experts'],
      message: `${experts} experts cannot be shared out ${t.expertsPerDpRank} per data-parallel rank; expertsPerDpRank must divide experts, e.g. ${nearestExpertsPerRank(experts, t.expertsPerDpRank, productOk ? t.dataParallel * cp : undefined)}`,
    });
    return false;
  }
  const ep = experts / t.expertsPerDpRank;
  // A pipeline deeper than the layers (refused below) leaves a DP that changes with it.
  const pipelineFits = model.layers >= chunkCount(t);
  if (productOk && pipelineFits && (t.dataParallel * cp) % ep !== 0) {
    fail({
      severity: 'error',
      code: 'ep-divides-dp',
      field: 'training.dataParallel',
      related: ['training.expertsPerDpRank', 'model.moe.experts'],
      message:
        `with expertsPerDpRank = ${t.expertsPerDpRank}, one full set of the ${experts} experts takes ${ep} data-parallel ranks (expert parallelism ${ep}), ` +
        `which must divide dataParallel${cp > 1 ? ' × contextParallel' : ''} = ${t.dataParallel * cp}; ` +
        `${fewestExpertsPerRank(experts, t.dataParallel * cp) ? `use expertsPerDpRank = ${fewestExpertsPerRank(experts, t.dataParallel * cp)}` : 'change dataParallel or the expert count'}`,
    });
  }
  if (t.expertTensorParallel && t.tensorParallel % t.expertsPerDpRank !== 0 && t.expertsPerDpRank % t.tensorParallel !== 0) {
    fail({
      severity: 'error',
      code: 'expert-tp-split',
      field: 'training.expertsPerDpRank',
      related: ['training.tensorParallel'],
      message: `${t.expertsPerDpRank} experts per DP rank cannot split a TP group of ${t.tensorParallel} into equal expert-TP groups`,
    });
  }
  return ok;
}

/** A link rate as bits and as bytes per second, since datasheets give either: `7.2 Tb/s (900 GB/s)`. */
function bitsAndBytes(bitsPerSecond: number): string {
  return `${+(bitsPerSecond / 1e12).toPrecision(4)} Tb/s (${+(bitsPerSecond / 8e9).toPrecision(4)} GB/s)`;
}

/** Pipeline chunks must each hold a whole number of layers; schedules have their own requirements. */
function checkPipeline(s: Scenario, fail: Check, report: Check): void {
  const t = s.training;
  const layers = s.model.layers;
  const chunks = chunkCount(t);
  const schedule = scheduleOf(t);
  if (chunks > LARGEST_PIPELINE_CHUNKS) {
    fail({
      severity: 'error',
      code: 'too-many-chunks',
      field: 'training.pipelineParallel',
      related: ['training.virtualStages'],
      message: `PP × virtual stages = ${chunks} pipeline chunks; the engine lays out at most ${LARGEST_PIPELINE_CHUNKS}`,
    });
    return;
  }
  if (t.firstStageLayers !== undefined || t.lastStageLayers !== undefined) {
    const first = t.firstStageLayers ?? Math.floor(layers / chunks);
    const last = t.lastStageLayers ?? Math.floor(layers / chunks);
    const middle = chunks > 2 ? (layers - first - last) / (chunks - 2) : layers - first - last === 0 ? 1 : NaN;
    const bad = [first, last].some((n) => !Number.isInteger(n) || n < 0) || !Number.isInteger(middle) || middle < 1 || chunks < 2;
    if (bad) {
      fail({
        severity: 'error',
        code: 'uneven-stages',
        field: t.firstStageLayers !== undefined ? 'training.firstStageLayers' : 'training.lastStageLayers',
        related: ['model.layers', 'training.pipelineParallel', 'training.virtualStages'],
        message:
          chunks < 2
            ? `first and last stage layers need at least 2 pipeline chunks, but PP × virtual stages = ${chunks}`
            : `${layers} layers less ${first} on the first and ${last} on the last chunk leave ${layers - first - last} for ${chunks - 2} middle chunks, not a whole number (at least 1) each`,
      });
    }
  } else if (layers < chunks) {
    fail({
      severity: 'error',
      code: 'layers-divide-stages',
      field: 'training.pipelineParallel',
      related: ['model.layers', 'training.virtualStages'],
      message: `${layers} layers cannot fill ${chunks} pipeline chunks (PP × virtual stages) with at least one layer each`,
    });
  }
  const microbatches = t.globalBatch / (t.dataParallel * t.microbatchSize);
  if (schedule === 'interleaved' && t.virtualStages > 1 && Number.isInteger(microbatches) && microbatches % t.pipelineParallel !== 0) {
    report({
      severity: 'warning',
      code: 'interleaved-microbatches',
      field: 'training.virtualStages',
      related: ['training.pipelineParallel', 'training.globalBatch'],
      message:
        `Megatron-LM's interleaved schedule needs the microbatch count to be a multiple of PP; ${microbatches} microbatches on PP ${t.pipelineParallel} ` +
        `are timed with the schedule's real bubble, ${microbatches < t.pipelineParallel ? 'which with fewer microbatches than stages is as long as without interleaving' : 'but Megatron-LM would refuse them'}`,
    });
  }
  if (schedule === 'dualpipe' && (t.pipelineParallel % 2 !== 0 || t.virtualStages !== 1)) {
    fail({
      severity: 'error',
      code: 'dualpipe-stages',
      field: 'training.pipelineSchedule',
      related: ['training.pipelineParallel', 'training.virtualStages'],
      message: `DualPipe runs the model in two directions and needs an even PP with no virtual stages; got PP ${t.pipelineParallel}, ${t.virtualStages} virtual stages`,
    });
  } else if (schedule === 'dualpipe' && Number.isInteger(microbatches) && (microbatches % 2 !== 0 || microbatches < 2 * t.pipelineParallel)) {
    const fix = dualPipeMicrobatchFix(t);
    fail({
      severity: 'error',
      code: 'dualpipe-microbatches',
      // On the microbatch size only when a smaller one mends it.
      field: fix ? 'training.microbatchSize' : 'training.pipelineSchedule',
      related: ['training.globalBatch', 'training.pipelineParallel', 'training.pipelineSchedule'],
      message: `DualPipe needs an even number of microbatches, at least 2 × PP = ${2 * t.pipelineParallel}; got ${microbatches}${fix}`,
    });
  }
  if (schedule !== 'interleaved' && schedule !== 'dualpipe' && t.virtualStages > 1) {
    fail({
      severity: 'error',
      code: 'virtual-stages-schedule',
      field: 'training.virtualStages',
      related: ['training.pipelineSchedule'],
      message: `${t.virtualStages} virtual stages need the interleaved schedule, not ${schedule}`,
    });
  }
  if ((t.expertOverlap ?? 'none') === 'paired-microbatches' && Number.isInteger(microbatches) && microbatches < 2) {
    report({
      severity: 'warning',
      code: 'nothing-to-pair',
      field: 'training.expertOverlap',
      related: ['training.globalBatch'],
      message: "paired-microbatch overlap hides one microbatch's all-to-all behind another's compute, but each DP rank runs only one microbatch",
    });
  }
  if (t.capacityFactor !== undefined && s.model.moe) reportTokensDropped(s, 'capacityFactor', t.capacityFactor, "the busiest expert's load", report);
  checkExpertRankCapacity(s, report);
}

/** A per-rank budget is HybridEP's, exclusive of a capacity factor, and drops what the busiest rank gets over it. */
function checkExpertRankCapacity(s: Scenario, report: Check): void {
  const t = s.training;
  const capacity = t.expertRankCapacity;
  if (capacity === undefined || !s.model.moe) return;
  if (t.capacityFactor !== undefined) {
    report({
      severity: 'error',
      code: 'two-expert-capacities',
      field: 'training.expertRankCapacity',
      related: ['training.capacityFactor'],
      message: `expertRankCapacity = ${capacity} budgets each rank's tokens, and capacityFactor = ${t.capacityFactor} already pads every expert to a capacity: keep one of them`,
    });
    return;
  }
  if ((t.expertDispatch ?? 'flat') !== 'hierarchical') {
    report({
      severity: 'error',
      code: 'rank-capacity-needs-hybridep',
      field: 'training.expertRankCapacity',
      related: ['training.expertDispatch'],
      message:
        "a per-rank token budget is a buffer of Megatron-Core's HybridEP dispatcher (moe_expert_rank_capacity_factor), which the engine writes as expertDispatch = hierarchical: set it, or leave expertRankCapacity out",
    });
    return;
  }
  reportTokensDropped(s, 'expertRankCapacity', capacity, "the busiest rank's load", report);
}

/** A capacity below the router's systematic skew drops the share of the busiest one's tokens above it. */
function reportTokensDropped(s: Scenario, name: 'capacityFactor' | 'expertRankCapacity', capacity: number, busiest: string, report: Check): void {
  const imbalance = s.assumptions.expertLoadImbalance;
  if (capacity >= imbalance) return;
  report({
    severity: 'warning',
    code: 'tokens-dropped',
    field: `training.${name}`,
    related: ['assumptions.expertLoadImbalance'],
    message: `${name} = ${capacity} is below ${busiest} (expertLoadImbalance = ${imbalance}): about ${(100 * (1 - capacity / imbalance)).toFixed(0)}% of its tokens are dropped`,
  });
}

/**
 * Assumptions a scenario's own part overrides, so that setting them changes nothing: each as a
 * warning when `set(key)` says the user set it. The engine sees only values, so it calls this with
 * "differs from the default"; the language adds those written at their default value.
 */
export function shadowedAssumptionIssues(s: Scenario, set: (key: AssumptionKey) => boolean): EngineIssue[] {
  const issues: EngineIssue[] = [];
  const gpu = s.system.gpu;
  if (gpu.hostSecondsPerKernel !== undefined && set('hostSecondsPerKernel')) {
    issues.push({
      severity: 'warning',
      code: 'assumption-shadowed',
      field: 'assumptions.hostSecondsPerKernel',
      related: ['system.gpu.hostSecondsPerKernel'],
      message: `GPU '${gpu.name}' sets its own hostSecondsPerKernel = ${Number((gpu.hostSecondsPerKernel * 1e6).toPrecision(4))} µs (the host that drives it), which this assumption does not replace; set hostSecondsPerKernel on the gpu instead`,
    });
  }
  if (s.training.gradientDatatype && set('gradientBytesPerParameter')) {
    issues.push({
      severity: 'warning',
      code: 'assumption-shadowed',
      field: 'assumptions.gradientBytesPerParameter',
      related: ['training.gradientDatatype'],
      message: `the training sets gradientDatatype = ${s.training.gradientDatatype}, which this assumption does not replace; change gradientDatatype instead`,
    });
  }
  const measured = Object.keys(gpu.achievableMatmulFraction ?? {}).length > 0;
  if (measured && set('matmulCeilingFraction')) {
    issues.push({
      severity: 'warning',
      code: 'assumption-shadowed',
      field: 'assumptions.matmulCeilingFraction',
      related: ['system.gpu.achievableMatmulFraction'],
      message: `GPU '${gpu.name}' measures its own matmul ceilings (achievableMatmulFraction), and matmulCeilingFraction applies only to a GPU that measures none; set achievableMatmulFraction on the gpu instead`,
    });
  }
  return issues;
}

function checkShadowedAssumptions(s: Scenario, report: Check): void {
  for (const issue of shadowedAssumptionIssues(s, (key) => s.assumptions[key] !== DEFAULT_ASSUMPTIONS[key])) report(issue);
}

function checkAssumptions(s: Scenario, report: Check): boolean {
  checkShadowedAssumptions(s, report);
  return (Object.keys(ASSUMPTION_INFO) as AssumptionKey[])
    .map((key) => {
      const info = ASSUMPTION_INFO[key];
      const value = s.assumptions[key];
      const path = `assumptions.${key}`;
      if (info.kind === 'boolean') {
        if (typeof value === 'boolean') return true;
        report({ severity: 'error', code: 'not-boolean', field: path, message: `${path} must be true or false, got ${String(value)}` });
        return false;
      }
      return checkNumber({ path, value, min: info.min ?? 0, exclusiveMin: false, max: info.max }, report);
    })
    .every(Boolean);
}

/**
 * Why Megatron-Core's layer-level cpu_offloading would refuse to offload `n` layers of this job
 * (one stage, no recompute or CUDA graphs, a layer kept, a host link), or undefined when it would not.
 */
export function activationOffloadRefusal(s: Scenario, n: number): Omit<EngineIssue, 'severity' | 'field'> | undefined {
  const t = s.training;
  if (n >= s.model.layers) {
    return {
      code: 'offload-every-layer',
      message: `offloadedActivationLayers = ${n} leaves none of the model's ${s.model.layers} layers on the GPU; the last layer's backward starts as its forward ends, so offload at most ${s.model.layers - 1}`,
      related: ['model.layers'],
    };
  }
  if (t.pipelineParallel > 1) {
    return {
      code: 'offload-with-pipeline',
      message: `activation offloading runs as Megatron-Core's cpu_offloading runs it, with one pipeline stage; with pipelineParallel = ${t.pipelineParallel} each stage would hold several microbatches' activations in transit, which the engine does not model: use pipelineParallel = 1, or recompute instead of offloading`,
      related: ['training.pipelineParallel'],
    };
  }
  if (t.recompute !== 'none') {
    return {
      code: 'offload-with-recompute',
      message: `activation offloading copies what recompute = ${t.recompute} would drop; Megatron-Core's cpu_offloading refuses both together: use recompute = none or offloadedActivationLayers = 0`,
      related: ['training.recompute'],
    };
  }
  if ((t.cudaGraphs ?? 'none') !== 'none') {
    return {
      code: 'offload-with-cuda-graphs',
      message: `Megatron-Core's cpu_offloading does not run under CUDA graphs, which replay the copies' synchronisation as captured: use cudaGraphs = none or offloadedActivationLayers = 0`,
      related: ['training.cudaGraphs'],
    };
  }
  if (!s.system.gpu.hostLinkBandwidth) {
    return {
      code: 'offload-without-host-link',
      message: `offloaded activations travel over the GPU's link to its host, and gpu '${s.system.gpu.name}' gives none: set its hostLinkBandwidth (per direction; 63 GB/s for PCIe Gen5 x16)`,
      related: ['system.gpu.hostLinkBandwidth'],
    };
  }
  return undefined;
}

function checkActivationOffload(s: Scenario, report: Check): void {
  const n = s.training.offloadedActivationLayers ?? 0;
  const refusal = n > 0 ? activationOffloadRefusal(s, n) : undefined;
  if (refusal) report({ severity: 'error', field: 'training.offloadedActivationLayers', ...refusal });
}

/** Every problem with a scenario's inputs; an empty list means the engine can evaluate it. */
export function validateScenario(s: Scenario): EngineIssue[] {
  const issues: EngineIssue[] = [];
  const report: Check = (issue) => issues.push(issue);
  const hardware = checkHardware(s, report);
  const model = checkModel(s, report);
  checkAssumptions(s, report);
  if (hardware && model) checkTraining(s, report);
  return issues;
}
