/**
 * The property schema: for every declaration kind and nested block, which members exist, what
 * dimension or values they take, their documentation, typical range and default, and the engine
 * field each one sets. Validation, completion, hover and lowering all read from here, so adding
 * an engine parameter to the language is one entry in this file.
 */
import { ASSUMPTION_INFO, DEFAULT_ASSUMPTIONS, type AssumptionKey } from '../engine/index.js';
import { type Dimension, DIMENSIONLESS } from './units/dimensions.js';
import { SEARCH } from './search-schema.js';

export type DeclarationKind = 'gpu' | 'link' | 'switch' | 'system' | 'model' | 'training' | 'scenario' | 'compare' | 'sweep' | 'search';

export type ValueType =
  | { kind: 'quantity'; dimension: Dimension; integer?: boolean; min?: number; max?: number; exclusiveMin?: boolean }
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

const COUNT: ValueType = { kind: 'quantity', dimension: DIMENSIONLESS, integer: true, min: 1 };
const BIT_RATE: Dimension = { bit: 1, second: -1 };
const ENERGY_PER_BIT: Dimension = { joule: 1, bit: -1 };
const POWER: Dimension = { joule: 1, second: -1 };
const LOCATION = { kind: 'enum', values: { package: 'package', board: 'board' } } as const satisfies ValueType;
const DATATYPES = { fp32: 'fp32', tf32: 'tf32', bf16: 'bf16', fp16: 'fp16', fp8: 'fp8', fp4: 'fp4' } as const;

const GPU: BlockSpec = {
  name: 'gpu',
  doc: 'A GPU package: the unit of parallelism (one rank).',
  properties: [
    {
      name: 'hbmCapacity',
      field: 'hbmCapacityBytes',
      required: true,
      typical: '80 GB … 576 GB',
      type: { kind: 'quantity', dimension: { byte: 1 }, min: 0, exclusiveMin: true },
      doc: 'HBM capacity of the package.',
    },
    {
      name: 'hbmBandwidth',
      field: 'hbmBandwidth',
      required: true,
      typical: '2 TB/s … 26 TB/s',
      type: { kind: 'quantity', dimension: { byte: 1, second: -1 }, min: 0, exclusiveMin: true },
      doc: 'HBM bandwidth of the package.',
    },
    {
      name: 'packageArea',
      field: 'packageAreaMm2',
      engineScale: 1e6,
      required: true,
      typical: '1500 mm2 … 6000 mm2',
      type: { kind: 'quantity', dimension: { metre: 2 }, min: 0, exclusiveMin: true },
      doc: 'Package silicon area (logic plus HBM), the base of the area-growth figures of co-packaged optics.',
    },
    {
      name: 'ioBandwidth',
      field: 'ioBandwidth',
      typical: '1.6 Tb/s … 32 Tb/s',
      type: { kind: 'quantity', dimension: BIT_RATE, min: 0, exclusiveMin: true },
      doc: "Unidirectional bandwidth the package's own SerDes and ports can drive on the scale-up tier (its shoreline or 3D I/O): 32 Tb/s for the paper's 2028 GPU, 450 GB/s of NVLink for an H100. A scale-up tier faster than this is an error; when absent it is not checked.",
    },
    {
      name: 'busyPower',
      field: 'busyPower',
      typical: '400 W … 2000 W',
      defaultNote: 'defaultGpuBusyPower (assumptions)',
      type: { kind: 'quantity', dimension: POWER, min: 0 },
      doc: 'Package power at full compute (logic and HBM); the scale-up I/O is counted from its link. While waiting on communication the package draws gpuIdlePowerShare of it.',
    },
    {
      name: 'packagePowerBudget',
      field: 'packagePowerBudget',
      typical: '1000 W … 3000 W',
      defaultNote: 'unlimited',
      type: { kind: 'quantity', dimension: POWER, min: 0, exclusiveMin: true },
      doc: 'Power the package can deliver and cool (paper §II-C3): its compute plus the in-package part of its scale-up I/O at line rate (all of it with budgetCountsBoardIo). Over it, compute clocks down (P ∝ f^clockPowerExponent) and the step slows.',
    },
    {
      name: 'price',
      field: 'price',
      typical: '10_000 … 60_000 (US dollars)',
      defaultNote: 'defaultGpuPrice (assumptions)',
      type: { kind: 'quantity', dimension: DIMENSIONLESS, min: 0 },
      doc: 'Price of the package with its share of the server, in US dollars (a plain number).',
    },
  ],
  blocks: [
    {
      name: 'peakFlops',
      doc: "Dense peak FLOP/s per datatype; a training job's datatype must be listed.",
      properties: Object.keys(DATATYPES).map((datatype) => ({
        name: datatype,
        field: datatype,
        typical: '0.3 PFLOPS … 20 PFLOPS',
        type: { kind: 'quantity', dimension: { flop: 1, second: -1 }, min: 0, exclusiveMin: true },
        doc: `Dense peak ${datatype.toUpperCase()} FLOP/s.`,
      })),
    },
  ],
};

const LINK: BlockSpec = {
  name: 'link',
  doc: 'A link technology seen from one host end (GPU or switch), Table III of the reference: host SerDes, optical engine or PIC, and laser. Energies are per bit at one end.',
  properties: [
    {
      name: 'kind',
      field: 'kind',
      required: true,
      type: { kind: 'enum', values: { electrical: 'electrical', pluggable: 'pluggable', lpo: 'lpo', cpo: 'cpo', optics3d: '3d-optics' } },
      doc: 'Technology class: `electrical` copper, `pluggable` DSP modules, `lpo` linear pluggable optics, `cpo` 2.5D co-packaged optics, `optics3d` a 3D optical interposer such as Passage.',
    },
    {
      name: 'serdesEnergy',
      field: 'serdesEnergyPerBit',
      defaultValue: 0,
      typical: '1 pJ/bit … 6 pJ/bit',
      type: { kind: 'quantity', dimension: ENERGY_PER_BIT, min: 0 },
      doc: 'Host SerDes energy per bit (always in the host package).',
    },
    {
      name: 'opticsEnergy',
      field: 'opticsEnergyPerBit',
      defaultValue: 0,
      typical: '0 (copper) … 16 pJ/bit',
      type: { kind: 'quantity', dimension: ENERGY_PER_BIT, min: 0 },
      doc: 'Optical engine, PIC or module electronics energy per bit; 0 for copper.',
    },
    {
      name: 'opticsLocation',
      field: 'opticsLocation',
      defaultValue: 'package',
      type: LOCATION,
      doc: 'Where the optics part sits: on the host `package` (CPO, Passage) or on the `board` (pluggables, LPO).',
    },
    {
      name: 'laserEnergy',
      field: 'laserEnergyPerBit',
      defaultValue: 0,
      typical: '0 … 3 pJ/bit',
      type: { kind: 'quantity', dimension: ENERGY_PER_BIT, min: 0 },
      doc: 'Laser energy per bit; 0 for copper or when included in the module.',
    },
    { name: 'laserLocation', field: 'laserLocation', defaultValue: 'board', type: LOCATION, doc: 'Where the laser sits; external lasers are on the `board`.' },
    {
      name: 'bandwidthDensity',
      field: 'bandwidthDensity',
      engineScale: 1e-6,
      defaultValue: 0,
      typical: '1 Gb/s/mm2 … 200 Gb/s/mm2',
      type: { kind: 'quantity', dimension: { bit: 1, second: -1, metre: -2 }, min: 0 },
      doc: 'Bandwidth per mm² of the optics footprint; 0 when it takes no area (copper). Write it as bandwidth over area, e.g. `12.8 Tb/s / (15 mm * 35 mm)`.',
    },
    {
      name: 'areaLocation',
      field: 'areaLocation',
      defaultValue: 'board',
      type: LOCATION,
      doc: 'Where the optics footprint lands: package area growth (`package`) or board area (`board`).',
    },
    {
      name: 'reach',
      field: 'reachMeters',
      defaultValue: 1,
      typical: '1 m (copper) … 2 km',
      type: { kind: 'quantity', dimension: { metre: 1 }, min: 0 },
      doc: 'Reach; a tier whose domain spans more racks than its cables reach (gpusPerRack, rackPitchMeters) is flagged.',
    },
    {
      name: 'powerMode',
      field: 'powerMode',
      defaultNote: '`alwaysOn`',
      type: { kind: 'enum', values: { alwaysOn: 'always-on', activity: 'activity' } },
      doc: "`alwaysOn`: SerDes and CW lasers draw line-rate power whether or not bits flow (links stay locked), which counts in the system's power and energy-to-train. `activity`: power follows the bits moved (the paper's accounting). Both are reported.",
    },
    {
      name: 'pricePerGbps',
      field: 'pricePerGbps',
      typical: '0 (copper) … 1 (DSP pluggable)',
      defaultNote: 'by kind, assumed (engine/cost.ts)',
      type: { kind: 'quantity', dimension: DIMENSIONLESS, min: 0 },
      doc: 'Price of the optics (module, engine or PIC, without lasers) per Gb/s at one end, in US dollars.',
    },
    {
      name: 'laserPricePerGbps',
      field: 'laserPricePerGbps',
      typical: '0 … 0.2',
      defaultNote: 'by kind, assumed (engine/cost.ts)',
      type: { kind: 'quantity', dimension: DIMENSIONLESS, min: 0 },
      doc: 'Price of the lasers per Gb/s at one end, in US dollars.',
    },
  ],
};

const SWITCH: BlockSpec = {
  name: 'switch',
  doc: 'A switch package of a single layer of switches.',
  properties: [
    { name: 'radix', field: 'radix', required: true, typical: '64 … 512', type: COUNT, doc: 'Ports per switch package.' },
    {
      name: 'portBandwidth',
      field: 'portBandwidth',
      required: true,
      typical: '200 Gb/s … 800 Gb/s',
      type: { kind: 'quantity', dimension: BIT_RATE, min: 0, exclusiveMin: true },
      doc: 'Usable bit/s per port (e.g. 400 Gb/s of a 448 Gb/s raw port).',
    },
    {
      name: 'link',
      field: 'link',
      type: { kind: 'reference', target: 'link' },
      defaultNote: 'the link of the tier that uses the switch',
      doc: 'Link technology of the switch ports; by default the link of the tier the switch serves.',
    },
    {
      name: 'corePower',
      field: 'corePower',
      typical: '100 W … 1500 W',
      defaultNote: 'switchCoreEnergyPerBit × radix × portBandwidth',
      type: { kind: 'quantity', dimension: POWER, min: 0 },
      doc: "Switch ASIC core power beyond its ports' link energy, drawn at all times.",
    },
    {
      name: 'price',
      field: 'price',
      typical: '10_000 … 100_000 (US dollars)',
      defaultNote: 'switchPricePerPort × radix',
      type: { kind: 'quantity', dimension: DIMENSIONLESS, min: 0 },
      doc: 'Switch price without optics, in US dollars (a plain number).',
    },
  ],
};

const TIER: BlockSpec = {
  name: 'tier',
  doc: "One network tier: the GPUs that reach each other at this tier's bandwidth. The first tier is the scale-up pod (or an NVLink node); the last must span the whole cluster.",
  properties: [
    {
      name: 'domainSize',
      field: 'domainSize',
      required: true,
      typical: '8 … 512 (pod), the GPU count (last tier)',
      type: COUNT,
      doc: 'GPU packages per domain of this tier.',
    },
    {
      name: 'bandwidth',
      field: 'bandwidthPerGpu',
      required: true,
      typical: '0.4 Tb/s … 32 Tb/s',
      type: { kind: 'quantity', dimension: BIT_RATE, min: 0, exclusiveMin: true },
      doc: 'Unidirectional bandwidth per GPU on this tier.',
    },
    {
      name: 'latency',
      field: 'latency',
      required: true,
      typical: '100 ns … 10 us',
      type: { kind: 'quantity', dimension: { second: 1 }, min: 0 },
      doc: 'Hockney alpha: start-up latency per message.',
    },
    {
      name: 'efficiency',
      field: 'efficiency',
      defaultValue: 0.8,
      typical: '0.75 … 0.9',
      type: { kind: 'quantity', dimension: DIMENSIONLESS, min: 0, max: 1, exclusiveMin: true },
      doc: 'Achieved fraction of line rate for collectives on this tier (NCCL bus-bandwidth tests reach 0.75–0.9).',
    },
    { name: 'link', field: 'link', required: true, type: { kind: 'reference', target: 'link' }, doc: 'Link technology at the GPU end (energy, area).' },
    { name: 'switch', field: 'switch', type: { kind: 'reference', target: 'switch' }, doc: 'The single layer of switches, if this tier is switched.' },
    {
      name: 'allToAllEfficiency',
      field: 'allToAllEfficiency',
      typical: '0.5 … 1',
      type: { kind: 'quantity', dimension: DIMENSIONLESS, min: 0, max: 1, exclusiveMin: true },
      defaultNote: 'scaleUpAllToAllEfficiency on the first tier, scaleOutAllToAllEfficiency on the others (assumptions)',
      doc: "Share of this tier's collective bandwidth that an expert all-to-all achieves (many peers, incast, routing collisions).",
    },
    {
      name: 'oversubscription',
      field: 'oversubscription',
      defaultNote: '1 (no taper)',
      typical: '1 … 4',
      type: { kind: 'quantity', dimension: DIMENSIONLESS, min: 1 },
      doc: "Taper of a multi-level fabric: bandwidth into the first level over bandwidth above it (2 for a 2:1 oversubscribed fat tree). Divides the tier's bandwidth for collectives.",
    },
    {
      name: 'railOptimized',
      field: 'railOptimized',
      defaultNote: "`false`: one fabric for all the tier's GPUs",
      type: { kind: 'boolean' },
      doc: 'Rail-optimised scale-out (DGX SuperPOD style): the GPUs with the same index in every domain of the tier below share their own fabric, which joins fewer GPUs and so needs fewer switch levels (less crossing latency, fewer switches).',
    },
    {
      name: 'torusDimensions',
      field: 'torusDimensions',
      typical: '2 … 3 (TPU-style pods)',
      type: { kind: 'quantity', dimension: DIMENSIONLESS, integer: true, min: 0 },
      doc:
        'Makes the tier a k-ary n-dimensional torus of direct GPU-to-GPU links (n = torusDimensions, domainSize = kⁿ) instead of a switched fabric: ' +
        'rings run at full bandwidth, an all-to-all crosses n·k/4 links per byte. Leave out for a switched tier.',
    },
  ],
};

const SYSTEM: BlockSpec = {
  name: 'system',
  doc: 'A cluster: GPU packages and the network tiers that join them, fastest first.',
  properties: [
    { name: 'gpu', field: 'gpu', required: true, type: { kind: 'reference', target: 'gpu' }, doc: 'The GPU package of every rank.' },
    { name: 'gpuCount', field: 'gpuCount', required: true, typical: '8 … 100_000', type: COUNT, doc: 'GPU packages in the cluster.' },
  ],
  tier: TIER,
};

const MOE: BlockSpec = {
  name: 'moe',
  doc: 'The mixture-of-experts part of the model; leave it out for a dense model.',
  properties: [
    { name: 'experts', field: 'experts', required: true, typical: '8 … 256', type: COUNT, doc: 'Routed experts per MoE layer.' },
    { name: 'activeExperts', field: 'activeExperts', required: true, typical: '1 … 8', type: COUNT, doc: 'Active (routed) experts per token, top-k.' },
    {
      name: 'granularity',
      field: 'granularity',
      defaultValue: 1,
      typical: '1 … 8',
      type: COUNT,
      doc: 'Fine-grained granularity m: each expert has hidden size ffnHidden / m.',
    },
    {
      name: 'sharedExperts',
      field: 'sharedExperts',
      defaultValue: 0,
      typical: '0 … 2',
      type: { ...COUNT, min: 0 },
      doc: 'Shared experts per MoE layer, each of hidden size ffnHidden / m, seen by every token.',
    },
    {
      name: 'moeLayerInterval',
      field: 'moeLayerInterval',
      defaultValue: 1,
      typical: '1 … 2',
      type: COUNT,
      doc: 'Every n-th layer is MoE (1 = all layers), after the first `firstDenseLayers`.',
    },
    {
      name: 'firstDenseLayers',
      field: 'firstDenseLayers',
      defaultValue: 0,
      typical: '0 … 3',
      type: { ...COUNT, min: 0 },
      doc: 'Dense layers before the first MoE layer.',
    },
  ],
};

const MLA: BlockSpec = {
  name: 'mla',
  doc: 'Multi-head latent attention (DeepSeek-V2/V3) instead of multi-head attention: queries and keys/values go through low-rank latents, which are replicated over TP; leave it out for (grouped-query) multi-head attention.',
  properties: [
    {
      name: 'queryLatentRank',
      field: 'queryLatentRank',
      required: true,
      typical: '1536 (DeepSeek-V3); 0 projects queries directly',
      type: { ...COUNT, min: 0 },
      doc: 'Rank of the query latent; 0 projects queries straight from the hidden state (DeepSeek-V2 Lite).',
    },
    {
      name: 'keyValueLatentRank',
      field: 'keyValueLatentRank',
      required: true,
      typical: '512',
      type: COUNT,
      doc: 'Rank of the joint key/value latent (what the KV cache holds).',
    },
    {
      name: 'headDim',
      field: 'headDim',
      required: true,
      typical: '128',
      type: COUNT,
      doc: 'Per-head dimension of queries and keys without position encoding.',
    },
    {
      name: 'ropeHeadDim',
      field: 'ropeHeadDim',
      defaultValue: 64,
      typical: '64',
      type: { ...COUNT, min: 0 },
      doc: 'Per-head dimension of the decoupled RoPE part of queries and keys.',
    },
    { name: 'valueHeadDim', field: 'valueHeadDim', required: true, typical: '128', type: COUNT, doc: 'Per-head dimension of the values.' },
  ],
};

const MODEL: BlockSpec = {
  name: 'model',
  doc: 'A decoder-only transformer, dense or with a `moe { … }` block.',
  properties: [
    { name: 'layers', field: 'layers', required: true, typical: '24 … 128', type: COUNT, doc: 'Transformer layers.' },
    { name: 'hiddenSize', field: 'hiddenSize', required: true, typical: '4096 … 16384', type: COUNT, doc: 'Model dimension d_model.' },
    { name: 'attentionHeads', field: 'attentionHeads', required: true, typical: '32 … 128', type: COUNT, doc: 'Attention heads.' },
    {
      name: 'kvHeads',
      field: 'kvHeads',
      typical: '8 … 128',
      type: COUNT,
      defaultNote: 'attentionHeads (multi-head attention)',
      doc: 'Key/value heads (GQA/MQA); equal to attentionHeads for multi-head attention.',
    },
    {
      name: 'headDim',
      field: 'headDim',
      typical: '64 … 256',
      type: COUNT,
      defaultNote: 'hiddenSize / attentionHeads',
      doc: 'Per-head dimension of the attention, when heads × headDim is not hiddenSize (Qwen3: 128; GPT-OSS: 64): the Q, K, V and output projections and the scores use it.',
    },
    {
      name: 'ffnHidden',
      field: 'ffnHidden',
      typical: '4 × hiddenSize',
      type: COUNT,
      defaultNote: '4 × hiddenSize',
      doc: 'FFN hidden size d_ff of a dense FFN and of an m = 1 expert.',
    },
    {
      name: 'ffnKind',
      field: 'ffnKind',
      defaultValue: 'gelu',
      type: { kind: 'enum', values: { gelu: 'gelu', swiglu: 'swiglu' } },
      doc: 'FFN activation: `gelu` (two matrices) or `swiglu` (three).',
    },
    { name: 'vocabularySize', field: 'vocabularySize', required: true, typical: '32_000 … 256_000', type: COUNT, doc: 'Vocabulary size.' },
    {
      name: 'sequenceLength',
      field: 'sequenceLength',
      required: true,
      typical: '2048 … 131_072',
      type: { kind: 'quantity', dimension: DIMENSIONLESS, integer: true, min: 1 },
      doc: 'Tokens per sequence.',
    },
    { name: 'tiedEmbeddings', field: 'tiedEmbeddings', defaultValue: false, type: { kind: 'boolean' }, doc: 'Embedding and LM head share one matrix.' },
    {
      name: 'multiTokenPrediction',
      field: 'multiTokenPrediction',
      defaultNote: '0',
      typical: '0 … 2 (DeepSeek-V3: 1)',
      type: { ...COUNT, min: 0 },
      doc: "Multi-token prediction depth: each module adds one transformer layer of the last layer's kind and one more pass through the LM head on the last pipeline stage; not counted in parameters or MFU (DeepSeek-V3 reports 671 B without its 14 B MTP module).",
    },
  ],
  blocks: [MOE, MLA],
};

const TRAINING: BlockSpec = {
  name: 'training',
  doc: 'A training job: datatype, batch, tokens, parallelism and what overlaps with compute.',
  properties: [
    {
      name: 'datatype',
      field: 'datatype',
      defaultValue: 'bf16',
      type: { kind: 'enum', values: DATATYPES },
      doc: 'Numeric datatype of the matrix multiplications.',
    },
    { name: 'globalBatch', field: 'globalBatch', required: true, typical: '512 … 16_384', type: COUNT, doc: 'Global batch in sequences.' },
    {
      name: 'trainingTokens',
      field: 'trainingTokens',
      required: true,
      typical: '1 Ttokens … 30 Ttokens',
      type: { kind: 'quantity', dimension: { token: 1 }, min: 0, exclusiveMin: true },
      doc: 'Tokens to train on.',
    },
    { name: 'tensorParallel', field: 'tensorParallel', defaultValue: 1, typical: '1 … 16', type: COUNT, doc: 'Tensor-parallel degree (TP).' },
    { name: 'pipelineParallel', field: 'pipelineParallel', defaultValue: 1, typical: '1 … 16', type: COUNT, doc: 'Pipeline-parallel degree (PP).' },
    {
      name: 'virtualStages',
      field: 'virtualStages',
      defaultValue: 1,
      typical: '1 … 4',
      type: COUNT,
      doc: 'Interleaved virtual stages per pipeline rank (1 = plain 1F1B).',
    },
    {
      name: 'dataParallel',
      field: 'dataParallel',
      type: COUNT,
      defaultNote: 'gpuCount / (tensorParallel × pipelineParallel)',
      typical: '8 … 1024',
      doc: 'Data-parallel degree (DP); TP × PP × DP must equal the GPU count.',
    },
    {
      name: 'expertsPerDpRank',
      field: 'expertsPerDpRank',
      defaultValue: 1,
      typical: '1 … 8',
      type: COUNT,
      doc: 'Experts held by each DP rank (its TP group); EP degree = experts / expertsPerDpRank.',
    },
    {
      name: 'expertTensorParallel',
      field: 'expertTensorParallel',
      defaultValue: false,
      type: { kind: 'boolean' },
      doc: 'Split the TP group into one group per expert of the DP rank (Fig. 9b), so each expert spans tensorParallel / expertsPerDpRank GPUs.',
    },
    { name: 'microbatchSize', field: 'microbatchSize', defaultValue: 1, typical: '1 … 8', type: COUNT, doc: 'Sequences per microbatch.' },
    {
      name: 'recompute',
      field: 'recompute',
      defaultValue: 'none',
      type: { kind: 'enum', values: { none: 'none', selective: 'selective', full: 'full' } },
      doc: 'Activation recomputation: `none`, `selective` (attention) or `full`.',
    },
    {
      name: 'sequenceParallel',
      field: 'sequenceParallel',
      defaultValue: true,
      type: { kind: 'boolean' },
      doc: 'Megatron sequence parallelism: norms and dropouts split across the TP group.',
    },
    { name: 'optimizer', field: 'optimizer', defaultValue: 'adam', type: { kind: 'enum', values: { adam: 'adam', sgd: 'sgd' } }, doc: 'Optimizer.' },
    {
      name: 'shardOptimizer',
      field: 'shardOptimizer',
      defaultValue: true,
      type: { kind: 'boolean' },
      doc: 'Optimizer state and master weights sharded across DP (ZeRO-1 / distributed optimizer).',
    },
    {
      name: 'contextParallel',
      field: 'contextParallel',
      defaultNote: '1',
      typical: '1 … 16 (long sequences)',
      type: COUNT,
      doc: "Context parallelism (CP): each sequence split over this many ranks, placed next to TP; ring attention passes each chunk's K and V around them, hidden behind the attention compute when it can be. TP × CP × PP × DP must equal the GPU count.",
    },
    {
      name: 'shardParameters',
      field: 'shardParameters',
      defaultNote: '`false`',
      type: { kind: 'boolean' },
      doc: "ZeRO-3 / FSDP: weights and gradients sharded over DP as well as the optimizer state; every microbatch all-gathers each layer's weights in its forward and again in its backward and reduce-scatters its gradients, hidden behind compute up to parameterGatherOverlap.",
    },
    {
      name: 'pipelineSchedule',
      field: 'pipelineSchedule',
      defaultNote: '`interleaved` when virtualStages > 1, else `oneForwardOneBackward`',
      type: { kind: 'enum', values: { oneForwardOneBackward: '1f1b', interleaved: 'interleaved', zeroBubble: 'zero-bubble', dualpipe: 'dualpipe' } },
      doc:
        'Pipeline schedule: `oneForwardOneBackward` (1F1B, bubble (p − 1) microbatches), `interleaved` (virtual stages; bubble [(p − 1) + (v − 1)·max(0, p − m)] / v, so fewer microbatches than stages gain nothing), ' +
        '`zeroBubble` (ZB-H1: weight gradients fill the bubble, (p − 1)·(F + B − 2W)) or `dualpipe` (DeepSeek-V3: two directions, two copies of the weights, (p/2 − 1)·(F&B + B − 3W)).',
    },
    {
      name: 'firstStageLayers',
      field: 'firstStageLayers',
      typical: '0 … layers / PP',
      type: { ...COUNT, min: 0 },
      defaultNote: 'an even split; when the layers do not divide, the first and last chunks hold one fewer',
      doc: 'Layers of the first pipeline chunk (it also holds the embedding); the middle chunks share the rest evenly.',
    },
    {
      name: 'lastStageLayers',
      field: 'lastStageLayers',
      typical: '0 … layers / PP',
      type: { ...COUNT, min: 0 },
      defaultNote: 'an even split; when the layers do not divide, the first and last chunks hold one fewer',
      doc: 'Layers of the last pipeline chunk (it also holds the LM head and the loss).',
    },
    {
      name: 'rankMapping',
      field: 'rankMapping',
      defaultNote: '`linear`',
      type: { kind: 'enum', values: { linear: 'linear', podAligned: 'pod-aligned', tiled: 'tiled' } },
      doc:
        "How ranks land on GPUs: `linear` in rank order (TP, EP, expert copies, PP — Megatron's default), so a group that does not tile the pod can have one member alone in a pod; " +
        '`podAligned` starts each expert set on a fresh scale-up domain and spreads it evenly (may leave GPUs idle, reported; DP may then be below GPUs / (TP × PP)); ' +
        "`tiled` is the idealisation that every domain holds ⌊domain / stride⌋ members of every group (the reference paper's placement).",
    },
    {
      name: 'expertDispatch',
      field: 'expertDispatch',
      defaultNote: '`flat`',
      type: { kind: 'enum', values: { flat: 'flat', hierarchical: 'hierarchical' } },
      doc: '`flat`: every routed copy of a token crosses the network on its own. `hierarchical` (DeepEP): one copy per remote scale-up domain, forwarded inside it, so off-pod bytes follow the distinct domains a token reaches, not top-k.',
    },
    {
      name: 'maxDomainsPerToken',
      field: 'maxDomainsPerToken',
      typical: '4 (DeepSeek-V3: nodes)',
      type: COUNT,
      defaultNote: 'unlimited',
      doc: "Device-limited routing: a token's experts lie in at most this many scale-up domains (DeepSeek-V3 routes to at most 4 nodes); bounds the off-pod copies of hierarchical dispatch.",
    },
    {
      name: 'expertOverlap',
      field: 'expertOverlap',
      defaultNote: '`none`',
      type: { kind: 'enum', values: { none: 'none', pairedMicrobatches: 'paired-microbatches' } },
      doc: "`pairedMicrobatches`: one microbatch's dispatch and combine run under another's compute (DualPipe, Megatron's 1F1B all-to-all overlap), limited by that compute and slowed by the SMs the communication kernels take (communicationSmShare).",
    },
    {
      name: 'capacityFactor',
      field: 'capacityFactor',
      typical: '1 … 2 (Switch Transformer: 1.25)',
      defaultNote: 'dropless routing',
      type: { kind: 'quantity', dimension: DIMENSIONLESS, min: 0, exclusiveMin: true, max: 64 },
      doc: "Expert capacity over the mean tokens per expert (GShard, Switch Transformer): every expert's buffer, compute and all-to-all are padded to it, and tokens beyond it are dropped. Leave out for dropless routing, where the busiest rank takes expertLoadImbalance × the mean.",
    },
    {
      name: 'attentionKernel',
      field: 'attentionKernel',
      defaultNote: '`flash`',
      type: { kind: 'enum', values: { flash: 'flash', unfused: 'unfused' } },
      doc: '`flash`: fused attention that never writes the s × s scores to HBM (FlashAttention, cuDNN). `unfused`: the 2021–22 Megatron-LM kernels, which write scores, softmax and dropout to HBM (unfusedScorePasses) and keep 5·a·s bytes per token of them for the backward unless recompute is selective.',
    },
    {
      name: 'dispatchDatatype',
      field: 'dispatchDatatype',
      type: { kind: 'enum', values: DATATYPES },
      defaultNote: 'the activation datatype (BF16 below 16-bit GEMMs)',
      doc: 'Datatype of the dispatched tokens on the wire (DeepSeek-V3 dispatches FP8 and combines BF16).',
    },
  ],
};

/** Dimension of an assumption by its kind; the rest (fractions, counts, ratios, bytes, dollars) are plain numbers. */
const ASSUMPTION_DIMENSIONS: Partial<Record<string, Dimension>> = {
  seconds: { second: 1 },
  watts: POWER,
  joulesPerBit: ENERGY_PER_BIT,
  metres: { metre: 1 },
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

export function findProperty(block: BlockSpec, name: string): PropertySpec | undefined {
  return block.properties.find((property) => property.name === name);
}

export function findBlock(block: BlockSpec, name: string): BlockSpec | undefined {
  return block.blocks?.find((nested) => nested.name === name);
}
