/**
 * Starting points: a declaration's skeleton as a snippet (top-level completion) and its missing
 * required members as text (the "add all required members" quick fix), from the property schema.
 */
import { DECLARATION_SCHEMAS, type BlockSpec, type DeclarationKind, type PropertySpec } from '../semantics/schema.js';
import { DIMENSIONLESS, sameDimension } from '../units/dimensions.js';
import { parseUnit, unitsFor } from '../units/registry.js';

/** A plausible value for a required member: the low end of its typical range, with a unit of its dimension. */
export function sampleValue(spec: PropertySpec, referenceName?: (target: DeclarationKind) => string | undefined): string {
  const type = spec.type;
  switch (type.kind) {
    case 'enum':
      return typeof spec.defaultValue === 'string' && spec.defaultValue in type.values ? spec.defaultValue : Object.keys(type.values)[0];
    case 'boolean':
      return 'false';
    case 'reference':
      return referenceName?.(type.target) ?? `my-${type.target}`;
    case 'references':
      return `[${referenceName?.(type.target) ?? `my-${type.target}`}]`;
    case 'quantity': {
      const low = spec.typical
        ?.split('…')[0]
        .replace(/\(.*?\)/g, '')
        .trim();
      const match = low ? /^([\d_]+(?:\.\d+)?)\s*([A-Za-z%][\w/]*)?$/.exec(low) : null;
      const dimensionless = sameDimension(type.dimension, DIMENSIONLESS);
      if (match && (dimensionless ? !match[2] : match[2] !== undefined && parseUnit(match[2]) !== undefined)) return low!;
      return dimensionless ? '1' : `1 ${unitsFor(type.dimension)[0] ?? ''}`.trim();
    }
  }
}

/** Required members of `spec` not in `written`, one `name = value` line each. */
export function missingRequiredLines(spec: BlockSpec, written: ReadonlySet<string>, referenceName?: (target: DeclarationKind) => string | undefined): string[] {
  return spec.properties
    .filter((property) => property.required && !written.has(property.name))
    .map((property) => `${property.name} = ${sampleValue(property, referenceName)}`);
}

/** Snippet text of one value: a placeholder over the sample, a choice for enums. */
function snippetValue(spec: PropertySpec, tabstop: number): string {
  const type = spec.type;
  if (type.kind === 'enum') return `\${${tabstop}|${Object.keys(type.values).join(',')}|}`;
  if (type.kind === 'boolean') return `\${${tabstop}|false,true|}`;
  if (type.kind === 'references') return `[\${${tabstop}:my-${type.target}}]`;
  if (type.kind === 'quantity' && !sameDimension(type.dimension, DIMENSIONLESS)) {
    const sample = sampleValue(spec);
    const space = sample.indexOf(' ');
    return space > 0 ? `\${${tabstop}:${sample.slice(0, space)}}${sample.slice(space)}` : `\${${tabstop}:${sample}}`;
  }
  return `\${${tabstop}:${sampleValue(spec)}}`;
}

/** Extra members a usable declaration needs beyond the schema's required ones. */
const EXTRAS: Partial<Record<DeclarationKind, (next: () => number) => string[]>> = {
  gpu: (next) => [`peakFlops { bf16 = \${${next()}:1} PFLOPS }`],
  system: (next) => [
    `tier \${${next()}:scale-up} { domainSize = \${${next()}:8}; bandwidth = \${${next()}:3.6} Tb/s; latency = \${${next()}:2} us; link = \${${next()}:my-link} }`,
  ],
  model: (next) => [`moe { experts = \${${next()}:8}; activeExperts = \${${next()}:2} }`],
  sweep: (next) => [`vary \${${next()}:system.scale-up.domainSize} in [\${${next()}:64, 128, 256}]`],
};

/** `kind name { required members }` as a snippet, placeholders in order. */
export function declarationSnippet(kind: DeclarationKind): string {
  const spec = DECLARATION_SCHEMAS[kind];
  let tabstop = 1;
  const next = () => ++tabstop;
  const lines = spec.properties.filter((property) => property.required).map((property) => `${property.name} = ${snippetValue(property, next())}`);
  lines.push(...(EXTRAS[kind]?.(next) ?? []));
  return `${kind} \${1:my-${kind}} {\n${lines.map((line) => `\t${line}`).join('\n')}\n}$0`;
}

/** A whole first scenario from engine presets: the shortest file that evaluates. */
export const FIRST_SCENARIO_SNIPPET = [
  '/** ${1:H100} nodes of 8 GPUs on NVLink, InfiniBand across. */',
  'gpu ${2:h100} = preset "h100-sxm"',
  '',
  'link nvlink { kind = electrical; serdesEnergy = 5 pJ/bit }',
  'link infiniband { kind = pluggable; serdesEnergy = 5 pJ/bit; opticsEnergy = 16 pJ/bit; opticsLocation = board }',
  '',
  'system ${3:cluster} {',
  '\tgpu = ${2:h100}',
  '\tgpuCount = ${4:256}',
  '\ttier nvlink { domainSize = 8; bandwidth = 3.6 Tb/s; latency = 2 us; link = nvlink }',
  '\ttier infiniband { domainSize = ${4:256}; bandwidth = 400 Gb/s; latency = 5 us; link = infiniband }',
  '}',
  '',
  'model ${5:moe} = preset "mixtral-8x7b"',
  '',
  'training ${6:job} {',
  '\tglobalBatch = 1024',
  '\ttrainingTokens = 1 Ttokens',
  '\ttensorParallel = 8',
  '\texpertsPerDpRank = 8',
  '\texpertTensorParallel = true',
  '\trecompute = selective',
  '}',
  '',
  'scenario ${7:first} { system = ${3:cluster}; model = ${5:moe}; training = ${6:job} }',
  '$0',
].join('\n');
