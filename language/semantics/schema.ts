/**
 * The property schema: for every declaration kind and nested block, which members exist, what
 * dimension or values they take, their documentation, typical range and default, and the engine
 * field each one sets. Validation, completion, hover and lowering all read from here. The engine
 * owns every field's description (`engine/inputs/`); this file adds only what is the language's
 * own: the names a scenario file writes, references between declarations, and blocks.
 */
import {
  ASSUMPTION_INFO,
  DEFAULT_ASSUMPTIONS,
  GPU_FIELDS,
  LINK_FIELDS,
  MLA_FIELDS,
  MODEL_FIELDS,
  MOE_FIELDS,
  PEAK_FLOPS_FIELDS,
  ACHIEVABLE_MATMUL_FIELDS,
  SWITCH_FIELDS,
  SYSTEM_FIELDS,
  TIER_FIELDS,
  RECOMPUTE_MODULE_FIELDS,
  TRAINING_FIELDS,
  type AnyInputFields,
  type AssumptionKey,
  type Datatype,
} from '../../engine/index.js';
import { engineProperty, QUANTITY_UNITS } from './engine-fields.js';
import { type Dimension, DIMENSIONLESS } from '../units/dimensions.js';
import { SEARCH } from './search-schema.js';

export type DeclarationKind = 'gpu' | 'link' | 'switch' | 'system' | 'model' | 'training' | 'scenario' | 'compare' | 'sweep' | 'search';

export type ValueType =
  | { kind: 'quantity'; dimension: Dimension; integer?: boolean; min?: number; max?: number; exclusiveMin?: boolean; exclusiveMax?: boolean }
  | { kind: 'enum'; values: Readonly<Record<string, string>> }
  | { kind: 'boolean' }
  | { kind: 'reference'; target: DeclarationKind }
  | { kind: 'references'; target: DeclarationKind };

export interface PropertySpec {
  name: string;
  doc: string;
  type: ValueType;
  /** Engine field relative to the object this block lowers to; dots for nested objects. */
  field: string;
  /** Factor from SI to the engine's unit (areas are mm² in the engine). */
  engineScale?: number;
  /** Default in engine units; `undefined` with `required` means the user must write it. */
  defaultValue?: number | string | boolean;
  /** Explains a default that depends on other values (e.g. `kvHeads` = `attentionHeads`). */
  defaultNote?: string;
  required?: boolean;
  /** Typical values, shown in completion and hover. */
  typical?: string;
}

export interface BlockSpec {
  /** Keyword or member name that opens the block. */
  name: string;
  doc: string;
  properties: PropertySpec[];
  blocks?: BlockSpec[];
  /** Present on `system`: the schema of its `tier NAME { … }` members. */
  tier?: BlockSpec;
  /** Present on `sweep`: it takes `vary` members. */
  allowsVary?: boolean;
}

/** Properties of one engine part: `of('hbmCapacityBytes', 'hbmCapacity')` is that field, written `hbmCapacity`. */
function propertiesOf<F extends AnyInputFields>(fields: F) {
  return (field: keyof F & string, name?: string) => engineProperty(fields, field, name);
}

const reference = (name: string, target: DeclarationKind, doc: string, extra: Partial<PropertySpec> = {}): PropertySpec => ({
  name,
  field: name,
  type: { kind: 'reference', target },
  doc,
  ...extra,
});

const gpu = propertiesOf(GPU_FIELDS);
const DATATYPES: readonly Datatype[] = ['fp32', 'tf32', 'bf16', 'fp16', 'fp8', 'fp4'];

const GPU: BlockSpec = {
  name: 'gpu',
  doc: 'A GPU package: the unit of parallelism (one rank).',
  properties: [
    gpu('hbmCapacityBytes', 'hbmCapacity'),
    gpu('hbmBandwidth'),
    gpu('packageAreaMm2', 'packageArea'),
    gpu('ioBandwidth'),
    gpu('busyPower'),
    gpu('packagePowerBudget'),
    gpu('price'),
    gpu('streamingMultiprocessors'),
    gpu('hostSecondsPerKernel'),
    gpu('hardwareBlockScaling'),
    gpu('overlappedEpilogue'),
    gpu('hostLinkBandwidth'),
    gpu('hostMemoryBytes', 'hostMemory'),
  ],
  blocks: [
    {
      name: 'peakFlops',
      doc: "Dense peak FLOP/s per datatype; a training job's datatype must be listed.",
      properties: DATATYPES.map((datatype) => engineProperty(PEAK_FLOPS_FIELDS, datatype)),
    },
    {
      name: 'achievableMatmulFraction',
      doc: "Measured maximum achievable matmul FLOP/s per datatype (MAMF: the best large-shape matmul on the real part at its real clocks) over its peak. Training GEMMs run at computeEfficiency of the ceiling; a datatype not listed takes the fraction of the GPU's nearest measured one, a GPU with none matmulCeilingFraction.",
      properties: DATATYPES.map((datatype) => engineProperty(ACHIEVABLE_MATMUL_FIELDS, datatype)),
    },
  ],
};

const link = propertiesOf(LINK_FIELDS);

const LINK: BlockSpec = {
  name: 'link',
  doc: 'A link technology seen from one host end (GPU or switch), Table III of the reference: host SerDes, optical engine or PIC, and laser. Energies are per bit at one end.',
  properties: [
    link('kind'),
    link('serdesEnergyPerBit', 'serdesEnergy'),
    link('opticsEnergyPerBit', 'opticsEnergy'),
    link('opticsLocation'),
    link('laserEnergyPerBit', 'laserEnergy'),
    link('laserLocation'),
    link('bandwidthDensity'),
    link('areaLocation'),
    link('reachMeters', 'reach'),
    link('powerMode'),
    link('pricePerGbps'),
    link('laserPricePerGbps'),
  ],
};

const switchPart = propertiesOf(SWITCH_FIELDS);

const SWITCH: BlockSpec = {
  name: 'switch',
  doc: 'A switch package of a single layer of switches.',
  properties: [
    switchPart('radix'),
    switchPart('portBandwidth'),
    reference('link', 'link', 'Link technology of the switch ports; by default the link of the tier the switch serves.', {
      defaultNote: 'the link of the tier that uses the switch',
    }),
    switchPart('corePower'),
    switchPart('price'),
    switchPart('allToAllEfficiency'),
  ],
};

const tier = propertiesOf(TIER_FIELDS);

const TIER: BlockSpec = {
  name: 'tier',
  doc: "One network tier: the GPUs that reach each other at this tier's bandwidth. The first tier is the scale-up pod (or an NVLink node); the last must span the whole cluster.",
  properties: [
    tier('domainSize'),
    tier('bandwidthPerGpu', 'bandwidth'),
    tier('latency'),
    tier('efficiency'),
    reference('link', 'link', 'Link technology at the GPU end (energy, area).', { required: true }),
    reference('switch', 'switch', 'The single layer of switches, if this tier is switched.'),
    tier('allToAllEfficiency'),
    tier('allToAllLatency'),
    tier('oversubscription'),
    tier('railOptimized'),
    tier('torusDimensions'),
  ],
};

const SYSTEM: BlockSpec = {
  name: 'system',
  doc: 'A cluster: GPU packages and the network tiers that join them, fastest first.',
  properties: [reference('gpu', 'gpu', 'The GPU package of every rank.', { required: true }), engineProperty(SYSTEM_FIELDS, 'gpuCount')],
  tier: TIER,
};

const moe = propertiesOf(MOE_FIELDS);

const MOE: BlockSpec = {
  name: 'moe',
  doc: 'The mixture-of-experts part of the model; leave it out for a dense model.',
  properties: [moe('experts'), moe('activeExperts'), moe('granularity'), moe('sharedExperts'), moe('moeLayerInterval'), moe('firstDenseLayers')],
};

const mla = propertiesOf(MLA_FIELDS);

const MLA: BlockSpec = {
  name: 'mla',
  doc: 'Multi-head latent attention (DeepSeek-V2/V3) instead of multi-head attention: queries and keys/values go through low-rank latents, which are replicated over TP; leave it out for (grouped-query) multi-head attention.',
  properties: [mla('queryLatentRank'), mla('keyValueLatentRank'), mla('headDim'), mla('ropeHeadDim'), mla('valueHeadDim')],
};

const model = propertiesOf(MODEL_FIELDS);

const MODEL: BlockSpec = {
  name: 'model',
  doc: 'A decoder-only transformer, dense or with a `moe { … }` block.',
  properties: [
    model('layers'),
    model('hiddenSize'),
    model('attentionHeads'),
    model('kvHeads'),
    model('headDim'),
    model('ffnHidden'),
    model('ffnKind'),
    model('vocabularySize'),
    model('sequenceLength'),
    model('tiedEmbeddings'),
    model('attentionWindow'),
    model('fullAttentionInterval'),
    model('linearBiases'),
    model('activationClamp'),
    model('dropout'),
    model('multiTokenPrediction'),
  ],
  blocks: [MOE, MLA],
};

const recomputeModule = propertiesOf(RECOMPUTE_MODULE_FIELDS);

const RECOMPUTE_MODULES: BlockSpec = {
  name: 'recomputeModules',
  doc: "What `recompute = selective` re-runs in the backward and so does not keep (Megatron's recompute_modules). A member left out keeps its default (unlike Megatron's list, which replaces them all): the activation function with a fused attention kernel, the attention core with an unfused one, MLA's up-projections; not the norms.",
  properties: [recomputeModule('norms'), recomputeModule('activationFunction'), recomputeModule('attentionCore'), recomputeModule('mlaUpProjections')],
};

const TRAINING: BlockSpec = {
  name: 'training',
  doc: 'A training job: datatype, batch, tokens, parallelism and what overlaps with compute.',
  // In the order of TRAINING_FIELDS: batch and tokens, parallelism, memory, schedule, routing.
  properties: (Object.keys(TRAINING_FIELDS) as (keyof typeof TRAINING_FIELDS)[]).map((field) => engineProperty(TRAINING_FIELDS, field)),
  blocks: [RECOMPUTE_MODULES],
};

/** Dimension of an assumption by its kind; the rest (fractions, counts, ratios, bytes, dollars) are plain numbers. */
const ASSUMPTION_DIMENSIONS: Partial<Record<string, Dimension>> = {
  seconds: QUANTITY_UNITS.seconds.dimension,
  watts: QUANTITY_UNITS.watts.dimension,
  joulesPerBit: QUANTITY_UNITS.joulesPerBit.dimension,
  metres: QUANTITY_UNITS.metres.dimension,
};

function assumptionProperty(key: AssumptionKey): PropertySpec {
  const info = ASSUMPTION_INFO[key];
  const type: ValueType =
    info.kind === 'boolean'
      ? { kind: 'boolean' }
      : { kind: 'quantity', dimension: ASSUMPTION_DIMENSIONS[info.kind] ?? DIMENSIONLESS, min: info.min, max: info.max, integer: false };
  return {
    name: key,
    field: key,
    defaultValue: DEFAULT_ASSUMPTIONS[key],
    type,
    doc: info.doc,
    typical: info.min !== undefined && info.max !== undefined ? `${info.min} … ${info.max}` : undefined,
  };
}

const ASSUMPTIONS: BlockSpec = {
  name: 'assumptions',
  doc: 'Modelling assumptions the reference leaves open. Each has a documented default; override any of them here.',
  properties: (Object.keys(DEFAULT_ASSUMPTIONS) as AssumptionKey[]).map(assumptionProperty),
};

const SCENARIO: BlockSpec = {
  name: 'scenario',
  doc: 'A system, a model and a training job evaluated together. Blocks named `system`, `model` or `training` override members of the referenced declarations for this scenario only.',
  properties: [
    { name: 'system', field: 'system', required: true, type: { kind: 'reference', target: 'system' }, doc: 'The cluster.' },
    { name: 'model', field: 'model', required: true, type: { kind: 'reference', target: 'model' }, doc: 'The model.' },
    { name: 'training', field: 'training', required: true, type: { kind: 'reference', target: 'training' }, doc: 'The training job.' },
  ],
  blocks: [
    ASSUMPTIONS,
    { ...SYSTEM, doc: `Overrides of the referenced system. ${SYSTEM.doc}` },
    { ...MODEL, doc: `Overrides of the referenced model. ${MODEL.doc}` },
    { ...TRAINING, doc: `Overrides of the referenced training job. ${TRAINING.doc}` },
  ],
};

const COMPARE: BlockSpec = {
  name: 'compare',
  doc: 'A study: scenarios evaluated side by side, with time and energy normalised to a baseline.',
  properties: [
    { name: 'baseline', field: 'baseline', required: true, type: { kind: 'reference', target: 'scenario' }, doc: 'The scenario every ratio is relative to.' },
    {
      name: 'scenarios',
      field: 'scenarios',
      required: true,
      type: { kind: 'references', target: 'scenario' },
      doc: 'Scenarios to compare, as a list `[a, b, …]`.',
    },
  ],
};

const SWEEP: BlockSpec = {
  name: 'sweep',
  doc: 'A study: one scenario evaluated while one property takes a list or range of values, e.g. `vary system.scale-up.bandwidth in [8 Tb/s, 16 Tb/s]`.',
  properties: [{ name: 'scenario', field: 'scenario', required: true, type: { kind: 'reference', target: 'scenario' }, doc: 'The scenario to vary.' }],
  allowsVary: true,
};

export const DECLARATION_SCHEMAS: Readonly<Record<DeclarationKind, BlockSpec>> = {
  gpu: GPU,
  link: LINK,
  switch: SWITCH,
  system: SYSTEM,
  model: MODEL,
  training: TRAINING,
  scenario: SCENARIO,
  compare: COMPARE,
  sweep: SWEEP,
  search: SEARCH,
};

/** An engine value as a file writes it: the word of an enum that lowers to it (`podAligned` for `pod-aligned`). */
export function writtenWord(type: ValueType, engineValue: unknown): string {
  if (type.kind !== 'enum') return String(engineValue);
  return Object.keys(type.values).find((word) => type.values[word] === engineValue) ?? String(engineValue);
}

export function findProperty(block: BlockSpec, name: string): PropertySpec | undefined {
  return block.properties.find((property) => property.name === name);
}

export function findBlock(block: BlockSpec, name: string): BlockSpec | undefined {
  return block.blocks?.find((nested) => nested.name === name);
}
