/**
 * Engine presets a declaration may start from: `gpu h100 = preset "h100-sxm"`.
 * Names are the engine's own preset names.
 */
import {
  CLUSTER_SYSTEMS,
  DEEPSEEK_V3,
  GPT3_175B,
  GPU_PRESETS,
  LINK_PRESETS,
  MIXTRAL_8X7B,
  PAPER_SYSTEMS,
  paperMoe,
  paperTraining,
  SWITCH_PRESETS,
} from '../../engine/index.js';
import type { DeclarationKind } from './schema.js';

type PresetTable = Readonly<Record<string, object>>;

const MODEL_PRESETS: PresetTable = {
  [GPT3_175B.name]: GPT3_175B,
  [MIXTRAL_8X7B.name]: MIXTRAL_8X7B,
  [DEEPSEEK_V3.name]: DEEPSEEK_V3,
  ...Object.fromEntries(([1, 2, 3, 4] as const).map((config) => [`paper-moe-c${config}`, paperMoe(config)])),
};
const TRAINING_PRESETS: PresetTable = Object.fromEntries(([1, 2, 3, 4] as const).map((config) => [`paper-job-c${config}`, paperTraining(config)]));

export const PRESETS: Readonly<Partial<Record<DeclarationKind, PresetTable>>> = {
  gpu: GPU_PRESETS,
  link: LINK_PRESETS,
  model: MODEL_PRESETS,
  training: TRAINING_PRESETS,
  system: { ...PAPER_SYSTEMS, ...CLUSTER_SYSTEMS },
  switch: SWITCH_PRESETS,
};

export function presetNames(kind: string): string[] {
  return Object.hasOwn(PRESETS, kind) ? Object.keys(PRESETS[kind as DeclarationKind] ?? {}) : [];
}

/** A deep copy of the preset, so overrides never touch the engine's objects. */
export function presetValue(kind: string, name: string): Record<string, unknown> | undefined {
  const table = Object.hasOwn(PRESETS, kind) ? PRESETS[kind as DeclarationKind] : undefined;
  // Own names only: `preset "toString"` or `"__proto__"` names no preset, not Object's members.
  const preset = table && typeof name === 'string' && Object.hasOwn(table, name) ? table[name] : undefined;
  return preset ? (structuredClone(preset) as Record<string, unknown>) : undefined;
}
