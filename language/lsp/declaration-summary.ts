/**
 * One-line summaries of hardware and models, in the language's units: what a completion item
 * shows beside a GPU (its FLOP/s and HBM), a link (its pJ/bit) or a preset.
 */
import {
  countParameters,
  totalEnergyPerBit,
  type GpuPackage,
  type LinkTechnology,
  type ModelSpec,
  type SwitchSpec,
  type SystemSpec,
} from '../../engine/index.js';
import type { Declaration } from '../generated/ast.js';
import { lowerDeclaration } from '../semantics/lowering.js';
import { formatNumber, formatQuantity } from '../units/registry.js';

const FLOP_RATE = { flop: 1, second: -1 } as const;
const BIT_RATE = { bit: 1, second: -1 } as const;
const BYTE_RATE = { byte: 1, second: -1 } as const;
const BYTES = { byte: 1 } as const;
const ENERGY_PER_BIT = { joule: 1, bit: -1 } as const;

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function gpuSummary(gpu: Partial<GpuPackage>): string {
  const flops = gpu.peakFlops ?? {};
  const [datatype, peak] = 'bf16' in flops && finite(flops.bf16) ? ['bf16', flops.bf16] : (Object.entries(flops).find(([, value]) => finite(value)) ?? []);
  return [
    finite(peak) ? `${formatQuantity(peak, FLOP_RATE, 3)} ${datatype}` : undefined,
    finite(gpu.hbmCapacityBytes) ? `${formatQuantity(gpu.hbmCapacityBytes, BYTES, 3)} HBM` : undefined,
    finite(gpu.hbmBandwidth) ? formatQuantity(gpu.hbmBandwidth, BYTE_RATE, 3) : undefined,
    finite(gpu.ioBandwidth) ? `I/O ${formatQuantity(gpu.ioBandwidth, BIT_RATE, 3)}` : undefined,
    // The two figures that set a measured GPU's speed besides its peak.
    finite(gpu.achievableMatmulFraction?.bf16) ? `matmul ceiling ${formatNumber(gpu.achievableMatmulFraction.bf16 * 100, 3)} %` : undefined,
    finite(gpu.hostSecondsPerKernel) ? `host ${formatNumber(gpu.hostSecondsPerKernel * 1e6, 3)} µs per launch` : undefined,
    gpu.hardwareBlockScaling ? 'block-scaled FP8/FP4' : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

function linkSummary(link: Partial<LinkTechnology>): string {
  const parts = [link.serdesEnergyPerBit, link.opticsEnergyPerBit, link.laserEnergyPerBit];
  const total = parts.every(finite) ? totalEnergyPerBit(link as LinkTechnology) : undefined;
  const kind = link.kind === '3d-optics' ? 'optics3d' : link.kind;
  return [
    kind,
    total !== undefined ? `${formatQuantity(total, ENERGY_PER_BIT, 3)} per end` : undefined,
    finite(link.reachMeters) ? `reach ${formatNumber(link.reachMeters, 3)} m` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

function switchSummary(spec: Partial<SwitchSpec>): string {
  return [
    finite(spec.radix) ? `${spec.radix} ports` : undefined,
    finite(spec.portBandwidth) ? `× ${formatQuantity(spec.portBandwidth, BIT_RATE, 3)}` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
}

function systemSummary(system: Partial<SystemSpec>): string {
  const tiers = (system.tiers ?? []).map(
    (tier) => `${tier.name ?? 'tier'} ${formatNumber(tier.domainSize)} × ${formatQuantity(tier.bandwidthPerGpu, BIT_RATE, 3)}`,
  );
  return [finite(system.gpuCount) ? `${formatNumber(system.gpuCount)} × ${system.gpu?.name ?? 'GPU'}` : undefined, ...tiers].filter(Boolean).join(' · ');
}

function modelSummary(model: Partial<ModelSpec>): string {
  try {
    const full = { ...model, kvHeads: model.kvHeads ?? model.attentionHeads, ffnHidden: model.ffnHidden ?? 4 * (model.hiddenSize ?? 0) } as ModelSpec;
    const counts = countParameters(full);
    if (!finite(counts.total) || counts.total <= 0) return '';
    const experts = model.moe ? ` · ${model.moe.experts} experts, top-${model.moe.activeExperts}` : '';
    return `${formatNumber(counts.total / 1e9, 3)} B parameters, ${formatNumber(counts.active / 1e9, 3)} B active${experts}`;
  } catch {
    return '';
  }
}

/** A one-line summary of an engine object of `kind` (a preset or a lowered declaration); '' when there is none. */
export function engineObjectSummary(kind: string, value: unknown): string {
  if (!value || typeof value !== 'object') return '';
  switch (kind) {
    case 'gpu':
      return gpuSummary(value as Partial<GpuPackage>);
    case 'link':
      return linkSummary(value as Partial<LinkTechnology>);
    case 'switch':
      return switchSummary(value as Partial<SwitchSpec>);
    case 'system':
      return systemSummary(value as Partial<SystemSpec>);
    case 'model':
      return modelSummary(value as Partial<ModelSpec>);
    default:
      return '';
  }
}

/** The summary of a declaration as written (presets and `extends` applied). */
export function declarationSummary(declaration: Declaration): string {
  if (!['gpu', 'link', 'switch', 'system', 'model'].includes(declaration.kind)) return '';
  try {
    return engineObjectSummary(declaration.kind, lowerDeclaration(declaration));
  } catch {
    return ''; // a half-written declaration: validation explains it, completion just has no summary
  }
}
