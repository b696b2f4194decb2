/** Markdown documentation of schema entries, shared by hover and completion. */
import { describeDimension, DIMENSIONLESS, sameDimension } from '../units/dimensions.js';
import { formatNumber, formatQuantity, unitsFor } from '../units/registry.js';
import type { BlockSpec, PropertySpec, ValueType } from '../semantics/schema.js';

export function describeType(type: ValueType): string {
  switch (type.kind) {
    case 'quantity':
      if (sameDimension(type.dimension, DIMENSIONLESS)) return type.integer ? 'whole number' : 'number';
      return `${describeDimension(type.dimension)}; units: ${unitsFor(type.dimension)
        .map((unit) => `\`${unit}\``)
        .join(', ')}`;
    case 'enum':
      return `one of ${Object.keys(type.values)
        .map((value) => `\`${value}\``)
        .join(', ')}`;
    case 'boolean':
      return '`true` or `false`';
    case 'reference':
      return `the name of a \`${type.target}\``;
    case 'references':
      return `a list of \`${type.target}\` names`;
  }
}

/** A default in the language's own notation (SI values formatted with a unit). */
export function formatDefault(spec: PropertySpec): string | undefined {
  if (spec.defaultNote) return spec.defaultNote;
  const value = spec.defaultValue;
  if (value === undefined) return undefined;
  if (typeof value !== 'number') return String(value === '3d-optics' ? 'optics3d' : value);
  if (spec.type.kind === 'quantity' && !sameDimension(spec.type.dimension, DIMENSIONLESS)) {
    return formatQuantity(value / (spec.engineScale ?? 1), spec.type.dimension);
  }
  return formatNumber(value);
}

export function propertyMarkdown(spec: PropertySpec): string {
  const lines = [`**${spec.name}**: ${describeType(spec.type)}`, '', spec.doc, ''];
  if (spec.typical) lines.push(`Typical: ${spec.typical}  `);
  const fallback = formatDefault(spec);
  if (fallback !== undefined) lines.push(`Default: \`${fallback}\`  `);
  else if (spec.required) lines.push('Required.  ');
  lines.push(`Engine field: \`${spec.field}\``);
  return lines.join('\n');
}

export function blockMarkdown(spec: BlockSpec): string {
  const members = spec.properties.map((property) => `\`${property.name}\``).join(', ');
  return `**${spec.name}**\n\n${spec.doc}\n\nMembers: ${members}${spec.blocks?.length ? `; blocks: ${spec.blocks.map((block) => `\`${block.name}\``).join(', ')}` : ''}`;
}
