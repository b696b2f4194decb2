/**
 * Input checks of a scenario. Each problem names the field (a dotted path into `Scenario`),
 * the reason with the numbers, and the other fields it conflicts with.
 */
import type { LinkTechnology, Scenario } from './types.js';
import type { EngineIssue } from './results.js';
import { ASSUMPTION_INFO, type AssumptionKey } from './assumptions.js';
import { torusRadix } from './topology.js';
import { chunkCount, LARGEST_PIPELINE_CHUNKS, scheduleOf } from './pipeline.js';
import { degreesOf, rankLayoutOf } from './placement.js';
import { gpusSpanned } from './rank-map.js';
import { budgetIoPlace, packageIoPower } from './power-budget.js';

export type Check = (issue: EngineIssue) => void;

/** A numeric input to check; its path is `at.path` (built only when reporting, the search runs this often). */
interface NumberRule {
  path: string;
  at?: string;
  value: unknown;
  integer?: boolean;
  min?: number;
  exclusiveMin?: boolean;
  max?: number;
  owner?: string;
}

/** How a message names an input: its own name, and the tier or link it belongs to ('latency' of tier 'ib'). */
function nameOf(rule: NumberRule): string {
  const name = `'${rule.path.slice(rule.path.lastIndexOf('.') + 1)}'`;
  return rule.owner ? `${name} of ${rule.owner}` : name;
}

/**
 * Bounds past any physical value in this domain (SI: FLOP/s ~1e16, bits ~1e15, pJ ~1e-12). Inputs
 * beyond them are rejected, so that no product or quotient of inputs can overflow to Infinity.
 */
export const LARGEST_INPUT = 1e24;
export const SMALLEST_POSITIVE_INPUT = 1e-24;

/** A number that is finite, optionally an integer, within bounds. */
function checkNumber(rule: NumberRule, report: Check): boolean {
  const value = rule.value;
  if (
    typeof value === 'number' &&
    value <= LARGEST_INPUT &&
    (rule.integer ? Number.isInteger(value) : true) &&
    (rule.exclusiveMin !== false
      ? value > (rule.min ?? 0) && value >= SMALLEST_POSITIVE_INPUT
      : value >= (rule.min ?? 0) && (value === 0 || value >= SMALLEST_POSITIVE_INPUT)) &&
    (rule.max === undefined || value <= rule.max)
  )
    return true;
  const path = rule.at ? `${rule.at}.${rule.path}` : rule.path;
  const name = nameOf(rule);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    report({ severity: 'error', code: 'not-finite', field: path, message: `${name} must be a finite number, got ${String(value)}` });
    return false;
  }
  if (Math.abs(value) > LARGEST_INPUT || (value !== 0 && Math.abs(value) < SMALLEST_POSITIVE_INPUT)) {
    report({
      severity: 'error',
      code: 'out-of-range',
      field: path,
      message: `${name} = ${value} is outside the physical range this engine accepts (${SMALLEST_POSITIVE_INPUT} to ${LARGEST_INPUT} in SI units)`,
    });
    return false;
  }
  if (rule.integer && !Number.isInteger(value)) {
    report({ severity: 'error', code: 'not-integer', field: path, message: `${name} must be a whole number, got ${value}` });
    return false;
  }
  const min = rule.min ?? 0;
  if (rule.exclusiveMin !== false ? value <= min : value < min) {
    const bound = rule.exclusiveMin !== false ? `greater than ${min}` : `at least ${min}`;
    report({ severity: 'error', code: 'out-of-range', field: path, message: `${name} must be ${bound}, got ${value}` });
    return false;
  }
  if (rule.max !== undefined && value > rule.max) {
    report({ severity: 'error', code: 'out-of-range', field: path, message: `${name} must be at most ${rule.max}, got ${value}` });
    return false;
  }
  return true;
}

const positive = (path: string, value: unknown, at?: string): NumberRule => ({ path, at, value });
/** Positive whole number; the common case returns before building a rule. */
const checkCount = (report: Check, path: string, value: unknown) =>
  (Number.isInteger(value) && (value as number) > 0 && (value as number) <= LARGEST_INPUT) || checkNumber({ path, value, integer: true }, report);
const checkPositive = (report: Check, path: string, value: unknown) =>
  (typeof value === 'number' && value >= SMALLEST_POSITIVE_INPUT && value <= LARGEST_INPUT) || checkNumber({ path, value }, report);
const positiveInt = (path: string, value: unknown, at?: string): NumberRule => ({ path, at, value, integer: true });
const nonNegative = (path: string, value: unknown, at?: string): NumberRule => ({ path, at, value, min: 0, exclusiveMin: false });
const nonNegativeInt = (path: string, value: unknown): NumberRule => ({ path, value, integer: true, min: 0, exclusiveMin: false });

function checkHardware(s: Scenario, report: Check): boolean {
  const { system } = s;
  const gpu = system.gpu;
  const rules: NumberRule[] = [
    positiveInt('system.gpuCount', system.gpuCount),
    positive('system.gpu.hbmCapacityBytes', gpu.hbmCapacityBytes),
    positive('system.gpu.hbmBandwidth', gpu.hbmBandwidth),
    positive('system.gpu.packageAreaMm2', gpu.packageAreaMm2),
  ];
  if (!gpu.peakFlops || typeof gpu.peakFlops !== 'object') {
    report({
      severity: 'error',
      code: 'no-peak-flops',
      field: 'system.gpu.peakFlops',
      message: `GPU '${gpu.name}' gives no peak FLOP/s; add a peakFlops { bf16 = … } block`,
    });
    return false;
  }
  for (const [type, flops] of Object.entries(gpu.peakFlops)) rules.push(positive(`system.gpu.peakFlops.${type}`, flops));
  system.tiers.forEach((tier, i) => {
    const at = `system.tiers[${i}]`;
    const owned = (owner: string, ...added: NumberRule[]) => rules.push(...added.map((rule) => ({ ...rule, owner })));
    const tierName = `tier '${tier.name}'`;
    owned(
      tierName,
      positiveInt('domainSize', tier.domainSize, at),
      positive('bandwidthPerGpu', tier.bandwidthPerGpu, at),
      nonNegative('latency', tier.latency, at),
      { path: 'efficiency', at, value: tier.efficiency, max: 1 },
    );
    if (tier.allToAllEfficiency !== undefined) owned(tierName, { path: 'allToAllEfficiency', at, value: tier.allToAllEfficiency, max: 1 });
    if (tier.railOptimized !== undefined && typeof tier.railOptimized !== 'boolean') {
      report({ severity: 'error', code: 'not-boolean', field: `${at}.railOptimized`, message: `'railOptimized' of tier '${tier.name}' must be true or false` });
    }
    if (tier.oversubscription !== undefined)
      owned(tierName, { path: 'oversubscription', at, value: tier.oversubscription, min: 1, exclusiveMin: false, max: 1024 });
    const links: [string, LinkTechnology][] = [
      [`${at}.link`, tier.link],
      ...(tier.switch ? [[`${at}.switch.link`, tier.switch.link] as [string, LinkTechnology]] : []),
    ];
    for (const [lp, link] of links) {
      owned(
        `link '${link.name}'`,
        nonNegative('serdesEnergyPerBit', link.serdesEnergyPerBit, lp),
        nonNegative('opticsEnergyPerBit', link.opticsEnergyPerBit, lp),
        nonNegative('laserEnergyPerBit', link.laserEnergyPerBit, lp),
        nonNegative('bandwidthDensity', link.bandwidthDensity, lp),
        nonNegative('reachMeters', link.reachMeters, lp),
      );
    }
    if (tier.switch)
      owned(
        `switch '${tier.switch.name}'`,
        positiveInt('switch.radix', tier.switch.radix, at),
        positive('switch.portBandwidth', tier.switch.portBandwidth, at),
      );
  });
  let ok = rules.map((r) => checkNumber(r, report)).every(Boolean);
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
      if (!Number.isInteger(n) || n < 0 || n > 6) {
        report({
          severity: 'error',
          code: 'torus-dimensions',
          field: `system.tiers[${i}].torusDimensions`,
          message: `a torus has 1 to 6 dimensions, got ${n}`,
        });
        ok = false;
      } else if (k < 2 || k ** n !== tier.domainSize) {
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
  if (
    gpu.ioBandwidth !== undefined &&
    checkNumber({ path: 'system.gpu.ioBandwidth', value: gpu.ioBandwidth }, report) &&
    scaleUp.bandwidthPerGpu > gpu.ioBandwidth
  ) {
    report({
      severity: 'error',
      code: 'scale-up-exceeds-gpu-io',
      field: 'system.tiers[0].bandwidthPerGpu',
      related: ['system.gpu.ioBandwidth'],
      message:
        `tier '${scaleUp.name}' gives each GPU ${scaleUp.bandwidthPerGpu / 1e12} Tb/s, more than the ${gpu.ioBandwidth / 1e12} Tb/s ` +
        `GPU '${gpu.name}' can drive from its package; lower the tier's bandwidth to at most ${gpu.ioBandwidth / 1e12} Tb/s or use a GPU with more I/O`,
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
      message: `the last tier '${last.name}' joins ${last.domainSize} GPUs but the system has ${system.gpuCount}; add a scale-out tier that spans the cluster`,
    });
    ok = false;
  }
  return ok;
}

/** Power, price and power-mode inputs of the decision metrics, and a package budget its own I/O fits in. */
function checkDecisionInputs(s: Scenario, report: Check): boolean {
  const { gpu, tiers } = s.system;
  let modesOk = true;
  const optional: NumberRule[] = [
    { path: 'system.gpu.busyPower', value: gpu.busyPower, exclusiveMin: false },
    { path: 'system.gpu.packagePowerBudget', value: gpu.packagePowerBudget },
    { path: 'system.gpu.price', value: gpu.price, exclusiveMin: false },
  ];
  tiers.forEach((tier, i) => {
    const links: [string, LinkTechnology][] = [
      [`system.tiers[${i}].link`, tier.link],
      ...(tier.switch ? [[`system.tiers[${i}].switch.link`, tier.switch.link] as [string, LinkTechnology]] : []),
    ];
    for (const [at, link] of links) {
      optional.push(
        { path: 'pricePerGbps', at, value: link.pricePerGbps, exclusiveMin: false, owner: `link '${link.name}'` },
        { path: 'laserPricePerGbps', at, value: link.laserPricePerGbps, exclusiveMin: false, owner: `link '${link.name}'` },
      );
      if (link.powerMode !== undefined && link.powerMode !== 'always-on' && link.powerMode !== 'activity') {
        report({
          severity: 'error',
          code: 'power-mode',
          field: `${at}.powerMode`,
          message: `'powerMode' of link '${link.name}' must be always-on or activity, got ${String(link.powerMode)}`,
        });
        modesOk = false;
      }
    }
    if (tier.switch) {
      optional.push(
        { path: 'switch.corePower', at: `system.tiers[${i}]`, value: tier.switch.corePower, exclusiveMin: false, owner: `switch '${tier.switch.name}'` },
        { path: 'switch.price', at: `system.tiers[${i}]`, value: tier.switch.price, exclusiveMin: false, owner: `switch '${tier.switch.name}'` },
      );
    }
  });
  if (
    !optional
      .filter((rule) => rule.value !== undefined)
      .map((rule) => checkNumber(rule, report))
      .every(Boolean) ||
    !modesOk
  )
    return false;
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
  const rules: NumberRule[] = [
    positiveInt('model.layers', m.layers),
    positiveInt('model.hiddenSize', m.hiddenSize),
    positiveInt('model.attentionHeads', m.attentionHeads),
    positiveInt('model.kvHeads', m.kvHeads),
    positiveInt('model.ffnHidden', m.ffnHidden),
    positiveInt('model.vocabularySize', m.vocabularySize),
    positiveInt('model.sequenceLength', m.sequenceLength),
  ];
  if (m.moe) {
    rules.push(
      positiveInt('model.moe.experts', m.moe.experts),
      positiveInt('model.moe.activeExperts', m.moe.activeExperts),
      positiveInt('model.moe.granularity', m.moe.granularity),
      nonNegativeInt('model.moe.sharedExperts', m.moe.sharedExperts),
      positiveInt('model.moe.moeLayerInterval', m.moe.moeLayerInterval),
      nonNegativeInt('model.moe.firstDenseLayers', m.moe.firstDenseLayers),
    );
  }
  if (m.multiTokenPrediction !== undefined) rules.push(nonNegativeInt('model.multiTokenPrediction', m.multiTokenPrediction));
  if (m.headDim !== undefined) rules.push(positiveInt('model.headDim', m.headDim));
  if (m.mla) {
    rules.push(
      nonNegativeInt('model.mla.queryLatentRank', m.mla.queryLatentRank),
      positiveInt('model.mla.keyValueLatentRank', m.mla.keyValueLatentRank),
      positiveInt('model.mla.headDim', m.mla.headDim),
      nonNegativeInt('model.mla.ropeHeadDim', m.mla.ropeHeadDim),
      positiveInt('model.mla.valueHeadDim', m.mla.valueHeadDim),
    );
  }
  if (!rules.map((r) => checkNumber(r, report)).every(Boolean)) return false;
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
function largestDivisorAtMost(n: number, limit: number): number {
  const start = Math.min(n, Math.floor(limit));
  for (let d = start; d > 1 && start - d < SUGGESTION_SEARCH; d--) if (n % d === 0) return d;
  return 1;
}

/** The fewest experts per data-parallel rank whose expert sets divide `dataRanks`, or 0 when none does. */
function fewestExpertsPerRank(experts: number, dataRanks: number): number {
  for (let e = 1; e <= Math.min(experts, SUGGESTION_SEARCH); e++) if (experts % e === 0 && dataRanks % (experts / e) === 0) return e;
  return 0;
}

/** Candidates a suggested fix looks through at most (messages are built only when a check fails). */
const SUGGESTION_SEARCH = 100_000;

/** Checks of the training job against the system and model (which must already be valid). */
export function checkTraining(s: Scenario, report: Check): boolean {
  const t = s.training;
  // Positional checks: this runs once per candidate in the parallelism search, so it allocates nothing on success.
  // Non-short-circuit `&` so that every bad number is reported, not just the first.
  const numbersOk =
    Number(checkCount(report, 'training.globalBatch', t.globalBatch)) &
    Number(checkPositive(report, 'training.trainingTokens', t.trainingTokens)) &
    Number(checkCount(report, 'training.tensorParallel', t.tensorParallel)) &
    Number(checkCount(report, 'training.pipelineParallel', t.pipelineParallel)) &
    Number(checkCount(report, 'training.virtualStages', t.virtualStages)) &
    Number(checkCount(report, 'training.dataParallel', t.dataParallel)) &
    Number(checkCount(report, 'training.expertsPerDpRank', t.expertsPerDpRank)) &
    Number(checkCount(report, 'training.microbatchSize', t.microbatchSize));
  if (!numbersOk) return false;
  let ok = true;
  const fail = (issue: EngineIssue) => {
    report(issue);
    ok = false;
  };
  const { system, model } = s;
  const cp = t.contextParallel ?? 1;
  if (!Number.isInteger(cp) || cp < 1 || cp > LARGEST_INPUT) {
    fail({
      severity: 'error',
      code: 'not-integer',
      field: 'training.contextParallel',
      message: `context parallelism must be a whole number of ranks, at least 1; got ${cp}`,
    });
    return false;
  }
  const product = t.tensorParallel * t.pipelineParallel * t.dataParallel * cp;
  const mapping = t.rankMapping ?? 'linear';
  const degrees =
    cp > 1
      ? `tensorParallel × contextParallel × pipelineParallel × dataParallel = ${t.tensorParallel} × ${cp} × ${t.pipelineParallel} × ${t.dataParallel}`
      : `tensorParallel × pipelineParallel × dataParallel = ${t.tensorParallel} × ${t.pipelineParallel} × ${t.dataParallel}`;
  if (mapping !== 'pod-aligned' && product !== system.gpuCount) {
    const fitting = system.gpuCount / (t.tensorParallel * t.pipelineParallel * cp);
    fail({
      severity: 'error',
      code: 'parallelism-product',
      field: 'training.dataParallel',
      related: ['training.tensorParallel', 'training.pipelineParallel', 'system.gpuCount'],
      message:
        `${degrees} = ${product}, but the system has ${system.gpuCount} GPUs; ` +
        (Number.isInteger(fitting) ? `set dataParallel = ${fitting}, or leave it out to derive it` : `choose degrees whose product is ${system.gpuCount}`),
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
  if (t.tensorParallel > pod.domainSize || pod.domainSize % t.tensorParallel !== 0) {
    fail({
      severity: 'error',
      code: 'tp-exceeds-pod',
      field: 'training.tensorParallel',
      related: ['system.tiers[0].domainSize'],
      message:
        `tensorParallel = ${t.tensorParallel} does not fit tier '${pod.name}' of ${pod.domainSize} GPUs: a tensor-parallel group must lie inside one domain and divide it; ` +
        `use tensorParallel = ${largestDivisorAtMost(pod.domainSize, Math.min(t.tensorParallel, pod.domainSize))} or another divisor of ${pod.domainSize}`,
    });
  }
  if (model.attentionHeads % t.tensorParallel !== 0) {
    fail({
      severity: 'error',
      code: 'tp-divides-heads',
      field: 'training.tensorParallel',
      related: ['model.attentionHeads'],
      message: `attentionHeads = ${model.attentionHeads} cannot be split evenly over tensorParallel = ${t.tensorParallel}; use a tensorParallel that divides ${model.attentionHeads}, such as ${largestDivisorAtMost(model.attentionHeads, t.tensorParallel)}`,
    });
  }
  checkPipeline(s, fail, report);
  const kv = model.kvHeads;
  if (kv % t.tensorParallel !== 0 && t.tensorParallel % kv !== 0) {
    fail({
      severity: 'error',
      code: 'kv-heads-tp',
      field: 'model.kvHeads',
      related: ['training.tensorParallel'],
      message: `${kv} KV heads can neither be split over TP = ${t.tensorParallel} nor replicated evenly (TP must divide them or be a multiple of them)`,
    });
  }
  const perStep = t.dataParallel * t.microbatchSize;
  if (t.globalBatch % perStep !== 0) {
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
  if (t.sequenceParallel && model.sequenceLength % t.tensorParallel !== 0) {
    fail({
      severity: 'error',
      code: 'sequence-parallel-split',
      field: 'training.sequenceParallel',
      related: ['model.sequenceLength', 'training.tensorParallel'],
      message: `sequence length ${model.sequenceLength} cannot be split over TP = ${t.tensorParallel} for sequence parallelism`,
    });
  }
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
      message: `${experts} experts cannot be shared out ${t.expertsPerDpRank} per data-parallel rank; expertsPerDpRank must divide experts, e.g. ${largestDivisorAtMost(experts, t.expertsPerDpRank)}`,
    });
    return false;
  }
  const ep = experts / t.expertsPerDpRank;
  if ((t.dataParallel * cp) % ep !== 0) {
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
  const steps = t.trainingTokens / (t.globalBatch * model.sequenceLength);
  if (steps < 1) {
    report({
      severity: 'warning',
      code: 'less-than-one-step',
      field: 'training.trainingTokens',
      related: ['training.globalBatch'],
      message: `${t.trainingTokens} tokens are less than one step of ${t.globalBatch * model.sequenceLength} tokens`,
    });
  }
  return ok;
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
    fail({
      severity: 'error',
      code: 'dualpipe-microbatches',
      field: 'training.pipelineSchedule',
      related: ['training.globalBatch', 'training.pipelineParallel'],
      message: `DualPipe needs an even number of microbatches, at least 2 × PP = ${2 * t.pipelineParallel}; got ${microbatches}`,
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
  if (t.capacityFactor !== undefined && !(Number.isFinite(t.capacityFactor) && t.capacityFactor > 0 && t.capacityFactor <= 64)) {
    fail({
      severity: 'error',
      code: 'capacity-factor',
      field: 'training.capacityFactor',
      message: `capacityFactor must be a positive multiple of the mean tokens per expert, at most 64; got ${t.capacityFactor}`,
    });
  } else if (t.capacityFactor !== undefined && s.model.moe && t.capacityFactor < s.assumptions.expertLoadImbalance) {
    const dropped = 1 - t.capacityFactor / s.assumptions.expertLoadImbalance;
    report({
      severity: 'warning',
      code: 'tokens-dropped',
      field: 'training.capacityFactor',
      related: ['assumptions.expertLoadImbalance'],
      message: `capacityFactor = ${t.capacityFactor} is below the busiest expert's load (expertLoadImbalance = ${s.assumptions.expertLoadImbalance}): about ${(100 * dropped).toFixed(0)}% of its tokens are dropped`,
    });
  }
  if (t.maxDomainsPerToken !== undefined && !(Number.isInteger(t.maxDomainsPerToken) && t.maxDomainsPerToken >= 1)) {
    fail({
      severity: 'error',
      code: 'max-domains',
      field: 'training.maxDomainsPerToken',
      message: `device-limited routing needs a whole number of domains, at least 1; got ${t.maxDomainsPerToken}`,
    });
  }
}

function checkAssumptions(s: Scenario, report: Check): boolean {
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
