/**
 * The hardware parts of a scenario, each scalar field described once (see `field.ts`): GPU package,
 * link technology, switch, network tier and system.
 */
import type { Datatype, GpuPackage, LinkTechnology, NetworkTier, SwitchSpec, SystemSpec } from '../types.js';
import type { InputFields, NumberField } from './field.js';

/** An all-to-all's share of a tier's collective bandwidth, as a switch or a tier may set it. */
function allToAllShare(defaultNote: string, doc: string): NumberField & { optional: true } {
  return { optional: true, kind: 'number', quantity: 'fraction', min: 0, exclusiveMin: true, max: 1, defaultNote, typical: '0.5 … 1', doc };
}

export const GPU_FIELDS: InputFields<GpuPackage> = {
  hbmCapacityBytes: {
    kind: 'number',
    quantity: 'bytes',
    min: 0,
    exclusiveMin: true,
    required: true,
    typical: '80 GB … 576 GB',
    doc: 'HBM capacity of the package.',
  },
  hbmBandwidth: {
    kind: 'number',
    quantity: 'bytesPerSecond',
    min: 0,
    exclusiveMin: true,
    required: true,
    typical: '2 TB/s … 26 TB/s',
    doc: 'HBM bandwidth of the package.',
  },
  packageAreaMm2: {
    kind: 'number',
    quantity: 'squareMillimetres',
    min: 0,
    exclusiveMin: true,
    required: true,
    typical: '1500 mm2 … 6000 mm2',
    doc: 'Package silicon area (logic plus HBM), the base of the area-growth figures of co-packaged optics.',
  },
  ioBandwidth: {
    optional: true,
    kind: 'number',
    quantity: 'bitsPerSecond',
    min: 0,
    exclusiveMin: true,
    typical: '1.6 Tb/s … 32 Tb/s',
    doc: "Unidirectional bandwidth the package's own SerDes and ports can drive on the scale-up tier (its shoreline or 3D I/O): 32 Tb/s for the paper's 2028 GPU, 450 GB/s of NVLink for an H100. A scale-up tier faster than this is an error; when absent it is not checked.",
  },
  busyPower: {
    optional: true,
    kind: 'number',
    quantity: 'watts',
    min: 0,
    defaultNote: 'defaultGpuBusyPower (assumptions)',
    typical: '400 W … 2000 W',
    doc: 'Package power at full compute (logic and HBM); the scale-up I/O is counted from its link. While waiting on communication the package draws gpuIdlePowerShare of it.',
  },
  packagePowerBudget: {
    optional: true,
    kind: 'number',
    quantity: 'watts',
    min: 0,
    exclusiveMin: true,
    defaultNote: 'unlimited',
    typical: '1000 W … 3000 W',
    doc: 'Power the package can deliver and cool (paper §II-C3): its compute plus the in-package part of its scale-up I/O at line rate (all of it with budgetCountsBoardIo). Over it, compute clocks down (P ∝ f^clockPowerExponent) and the step slows.',
  },
  price: {
    optional: true,
    kind: 'number',
    quantity: 'dollars',
    min: 0,
    defaultNote: 'defaultGpuPrice (assumptions)',
    typical: '10_000 … 60_000 (US dollars)',
    doc: 'Price of the package with its share of the server, in US dollars (a plain number).',
  },
  hostSecondsPerKernel: {
    optional: true,
    kind: 'number',
    quantity: 'seconds',
    min: 0,
    max: 1e-3,
    defaultNote: 'hostSecondsPerKernel (assumptions)',
    typical: '13.5 µs (x86 host) … 37 µs (Grace)',
    doc: 'CPU time to issue one kernel from an eager training step on the host that drives this package, when it differs from the assumption: a GB200 or GB300 superchip is driven by its Grace CPU.',
  },
  hardwareBlockScaling: {
    optional: true,
    kind: 'flag',
    defaultNote: 'false',
    doc: "The tensor cores scale FP8 and FP4 operands per block themselves (MXFP8, NVFP4: Blackwell's block-scaled MMA; CDNA 4's MX formats). Without it, a per-block recipe (lowPrecisionScaling = perBlock, e.g. DeepSeek-V3's FP8 on Hopper) rescales partial sums on the CUDA cores every block of the reduction, and its weight-gradient GEMMs run at softwareBlockScaledWeightGradientEfficiency.",
  },
  overlappedEpilogue: {
    optional: true,
    kind: 'flag',
    defaultNote: 'false',
    doc: "Its GEMM kernels store one output tile while the tensor cores compute the next (Blackwell: two accumulators in tensor memory). Without it (Hopper, Ampere, CDNA), each tile's store follows its main loop (gemmEpilogueExposure), which slows GEMMs with a short reduction: expert FFNs of small hidden sizes, input and weight gradients over few tokens.",
  },
  hostLinkBandwidth: {
    optional: true,
    kind: 'number',
    quantity: 'bytesPerSecond',
    min: 0,
    exclusiveMin: true,
    defaultNote: 'none: offloadedActivationLayers is refused',
    typical: '32 GB/s (PCIe Gen4 x16) … 450 GB/s (NVLink-C2C)',
    doc: "Bytes per second per direction between the package and its host's memory, its share when GPUs share a host (a GB200's Grace serves two GPUs over 900 GB/s of NVLink-C2C both ways: 225 GB/s each way each). Activation offloading copies over it.",
  },
  hostMemoryBytes: {
    optional: true,
    kind: 'number',
    quantity: 'bytes',
    min: 0,
    exclusiveMin: true,
    defaultNote: 'not checked',
    typical: '240 GB (a GB200 Grace over its two GPUs) … 256 GB (2 TB over 8 GPUs)',
    doc: "Host memory per GPU: the host's DRAM over the GPUs it serves. Offloaded activations must fit in it.",
  },
  streamingMultiprocessors: {
    optional: true,
    kind: 'number',
    quantity: 'count',
    integer: true,
    min: 1,
    defaultNote: 'no tile or wave quantization',
    typical: '108 (A100) … 160 (B300)',
    doc: "Streaming multiprocessors (AMD: compute units) that a GEMM's output tiles are spread over, one tile per SM at a time: a GEMM that leaves tiles or the last wave partly empty runs below computeEfficiency (see gemmTileRows).",
  },
};

const DATATYPE_NAMES: readonly Datatype[] = ['fp32', 'tf32', 'bf16', 'fp16', 'fp8', 'fp4'];

/** One field per datatype, the block members of `peakFlops` and `achievableMatmulFraction`. */
function perDatatype(field: (datatype: Datatype) => NumberField): Readonly<Record<Datatype, NumberField>> {
  return Object.fromEntries(DATATYPE_NAMES.map((datatype) => [datatype, field(datatype)])) as Record<Datatype, NumberField>;
}

/** Dense peak FLOP/s of one datatype; a GPU lists those it has (a job's datatype must be one of them). */
export const PEAK_FLOPS_FIELDS = perDatatype((datatype) => ({
  kind: 'number',
  quantity: 'flopsPerSecond',
  min: 0,
  exclusiveMin: true,
  typical: '0.3 PFLOPS … 20 PFLOPS',
  doc: `Dense peak ${datatype.toUpperCase()} FLOP/s.`,
}));

/**
 * Measured maximum achievable matmul FLOP/s of one datatype (MAMF) over its peak: the best rate a
 * large, well-shaped matmul reaches on the real part at its real clocks.
 */
export const ACHIEVABLE_MATMUL_FIELDS = perDatatype((datatype) => ({
  kind: 'number',
  quantity: 'fraction',
  min: 0,
  exclusiveMin: true,
  max: 1,
  typical: '50 % … 87 %',
  defaultNote: "the fraction of the GPU's nearest measured datatype, else matmulCeilingFraction (assumptions)",
  doc:
    `Measured maximum achievable ${datatype.toUpperCase()} matmul FLOP/s (MAMF) over the peak: the best large-shape matmul on the real part, at the clocks its power limit allows (an H100: 80.3 % in BF16, 70.9 % in FP8). ` +
    'Large training GEMMs run at computeEfficiency of the ceiling it gives.',
}));

export const LINK_FIELDS: InputFields<LinkTechnology> = {
  kind: {
    kind: 'choice',
    values: { electrical: 'electrical', pluggable: 'pluggable', lpo: 'lpo', cpo: 'cpo', optics3d: '3d-optics' },
    required: true,
    doc: 'Technology class: `electrical` copper, `pluggable` DSP modules, `lpo` linear pluggable optics, `cpo` 2.5D co-packaged optics, `optics3d` a 3D optical interposer such as Passage.',
  },
  serdesEnergyPerBit: {
    kind: 'number',
    quantity: 'joulesPerBit',
    min: 0,
    default: 0,
    typical: '1 pJ/bit … 6 pJ/bit',
    doc: 'Host SerDes energy per bit (always in the host package).',
  },
  opticsEnergyPerBit: {
    kind: 'number',
    quantity: 'joulesPerBit',
    min: 0,
    default: 0,
    typical: '0 (copper) … 16 pJ/bit',
    doc: 'Optical engine, PIC or module electronics energy per bit; 0 for copper.',
  },
  opticsLocation: {
    kind: 'choice',
    values: { package: 'package', board: 'board' },
    default: 'package',
    doc: 'Where the optics part sits: on the host `package` (CPO, Passage) or on the `board` (pluggables, LPO).',
  },
  laserEnergyPerBit: {
    kind: 'number',
    quantity: 'joulesPerBit',
    min: 0,
    default: 0,
    typical: '0 … 3 pJ/bit',
    doc: 'Laser energy per bit; 0 for copper or when included in the module.',
  },
  laserLocation: {
    kind: 'choice',
    values: { package: 'package', board: 'board' },
    default: 'board',
    doc: 'Where the laser sits; external lasers are on the `board`.',
  },
  bandwidthDensity: {
    kind: 'number',
    quantity: 'bitsPerSecondPerSquareMillimetre',
    min: 0,
    default: 0,
    typical: '1 Gb/s/mm2 … 200 Gb/s/mm2',
    doc: 'Bandwidth per mm² of the optics footprint; 0 when it takes no area (copper). Write it as bandwidth over area, e.g. `12.8 Tb/s / (15 mm * 35 mm)`.',
  },
  areaLocation: {
    kind: 'choice',
    values: { package: 'package', board: 'board' },
    default: 'board',
    doc: 'Where the optics footprint lands: package area growth (`package`) or board area (`board`).',
  },
  reachMeters: {
    kind: 'number',
    quantity: 'metres',
    min: 0,
    default: 1,
    typical: '1 m (copper) … 2 km',
    doc: 'Reach; a tier whose domain spans more racks than its cables reach (gpusPerRack, rackPitchMeters) is flagged.',
  },
  powerMode: {
    optional: true,
    kind: 'choice',
    values: { alwaysOn: 'always-on', activity: 'activity' },
    defaultNote: '`alwaysOn`',
    doc: "`alwaysOn`: SerDes and CW lasers draw line-rate power whether or not bits flow (links stay locked), which counts in the system's power and energy-to-train. `activity`: power follows the bits moved (the paper's accounting). Both are reported.",
  },
  pricePerGbps: {
    optional: true,
    kind: 'number',
    quantity: 'dollarsPerGbps',
    min: 0,
    defaultNote: 'by kind, assumed (engine/cost.ts)',
    typical: '0 (copper) … 1 (DSP pluggable)',
    doc: 'Price of the optics (module, engine or PIC, without lasers) per Gb/s at one end, in US dollars.',
  },
  laserPricePerGbps: {
    optional: true,
    kind: 'number',
    quantity: 'dollarsPerGbps',
    min: 0,
    defaultNote: 'by kind, assumed (engine/cost.ts)',
    typical: '0 … 0.2',
    doc: 'Price of the lasers per Gb/s at one end, in US dollars.',
  },
};

export const SWITCH_FIELDS: InputFields<SwitchSpec> = {
  radix: { kind: 'number', quantity: 'count', integer: true, min: 1, required: true, typical: '64 … 512', doc: 'Ports per switch package.' },
  portBandwidth: {
    kind: 'number',
    quantity: 'bitsPerSecond',
    min: 0,
    exclusiveMin: true,
    required: true,
    typical: '200 Gb/s … 800 Gb/s',
    doc: 'Usable bit/s per port (e.g. 400 Gb/s of a 448 Gb/s raw port).',
  },
  corePower: {
    optional: true,
    kind: 'number',
    quantity: 'watts',
    min: 0,
    defaultNote: 'switchCoreEnergyPerBit × radix × portBandwidth',
    typical: '100 W … 1500 W',
    doc: "Switch ASIC core power beyond its ports' link energy, drawn at all times.",
  },
  price: {
    optional: true,
    kind: 'number',
    quantity: 'dollars',
    min: 0,
    defaultNote: 'switchPricePerPort × radix',
    typical: '10_000 … 100_000 (US dollars)',
    doc: 'Switch price without optics, in US dollars (a plain number).',
  },
  allToAllEfficiency: allToAllShare(
    'scaleOutAllToAllEfficiency (assumptions); 1 for the InfiniBand presets',
    "Share of a scale-out tier's collective bandwidth that an expert all-to-all achieves through this fabric (many peers, incast, routing collisions). A tier's own allToAllEfficiency wins.",
  ),
};

export const TIER_FIELDS: InputFields<NetworkTier> = {
  domainSize: {
    kind: 'number',
    quantity: 'count',
    integer: true,
    min: 1,
    required: true,
    typical: '8 … 512 (pod), the GPU count (last tier)',
    doc: 'GPU packages per domain of this tier.',
  },
  bandwidthPerGpu: {
    kind: 'number',
    quantity: 'bitsPerSecond',
    min: 0,
    exclusiveMin: true,
    required: true,
    typical: '0.4 Tb/s … 32 Tb/s',
    doc: 'Unidirectional bandwidth per GPU on this tier.',
  },
  latency: { kind: 'number', quantity: 'seconds', min: 0, required: true, typical: '100 ns … 10 us', doc: 'Hockney alpha: start-up latency per message.' },
  efficiency: {
    kind: 'number',
    quantity: 'fraction',
    min: 0,
    exclusiveMin: true,
    max: 1,
    default: 0.8,
    typical: '0.75 … 0.9',
    doc: 'Achieved fraction of line rate for collectives on this tier (NCCL bus-bandwidth tests reach 0.75–0.9).',
  },
  allToAllEfficiency: allToAllShare(
    "scaleUpAllToAllEfficiency on the first tier, the switch's or scaleOutAllToAllEfficiency on the others (assumptions)",
    "Share of this tier's collective bandwidth that an expert all-to-all achieves (many peers, incast, routing collisions).",
  ),
  allToAllLatency: {
    optional: true,
    kind: 'number',
    quantity: 'seconds',
    min: 0,
    max: 1e-2,
    defaultNote: "the tier's latency",
    typical: '2 us … 100 us',
    doc: "Start-up time of one all-to-all on this tier: the intercept of a message-size sweep (NCCL's kernel launch and per-peer handshakes), far above one message's latency. The DGX and NVL72 presets carry NCCL's measured figures.",
  },
  oversubscription: {
    optional: true,
    kind: 'number',
    quantity: 'ratio',
    min: 1,
    max: 1024,
    defaultNote: '1 (no taper)',
    typical: '1 … 4',
    doc: "Taper of a multi-level fabric: bandwidth into the first level over bandwidth above it (2 for a 2:1 oversubscribed fat tree). Divides the tier's bandwidth for collectives.",
  },
  railOptimized: {
    optional: true,
    kind: 'flag',
    defaultNote: "`false`: one fabric for all the tier's GPUs",
    doc: 'Rail-optimised scale-out (DGX SuperPOD style): the GPUs with the same index in every domain of the tier below share their own fabric, which joins fewer GPUs and so needs fewer switch levels (less crossing latency, fewer switches).',
  },
  torusDimensions: {
    optional: true,
    kind: 'number',
    quantity: 'count',
    integer: true,
    min: 0,
    max: 6,
    typical: '2 … 3 (TPU-style pods)',
    doc: 'Makes the tier a k-ary n-dimensional torus of direct GPU-to-GPU links (n = torusDimensions, domainSize = kⁿ) instead of a switched fabric: rings run at full bandwidth, an all-to-all crosses n·k/4 links per byte. Leave out for a switched tier.',
  },
};

export const SYSTEM_FIELDS: InputFields<SystemSpec> = {
  gpuCount: { kind: 'number', quantity: 'count', integer: true, min: 1, required: true, typical: '8 … 100_000', doc: 'GPU packages in the cluster.' },
};
