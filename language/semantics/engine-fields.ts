/**
 * The language's view of the engine's typed input descriptors (`engine/inputs/`): each descriptor
 * becomes a property of the schema, named as a scenario file spells it, with the dimension a
 * written value must have and the factor from SI to the engine's unit.
 */
import type { AnyInputFields, FieldDescriptor, Quantity } from '../../engine/index.js';
import { type Dimension, DIMENSIONLESS } from '../units/dimensions.js';
import type { PropertySpec, ValueType } from './schema.js';

interface QuantityUnit {
  dimension: Dimension;
  /** Factor from SI to the engine's unit (areas are mm² in the engine). */
  engineScale?: number;
}

const BIT_RATE: Dimension = { bit: 1, second: -1 };

export const QUANTITY_UNITS: Readonly<Record<Quantity, QuantityUnit>> = {
  count: { dimension: DIMENSIONLESS },
  fraction: { dimension: DIMENSIONLESS },
  ratio: { dimension: DIMENSIONLESS },
  dollars: { dimension: DIMENSIONLESS },
  dollarsPerGbps: { dimension: DIMENSIONLESS },
  bytes: { dimension: { byte: 1 } },
  bytesPerSecond: { dimension: { byte: 1, second: -1 } },
  bitsPerSecond: { dimension: BIT_RATE },
  flopsPerSecond: { dimension: { flop: 1, second: -1 } },
  squareMillimetres: { dimension: { metre: 2 }, engineScale: 1e6 },
  bitsPerSecondPerSquareMillimetre: { dimension: { bit: 1, second: -1, metre: -2 }, engineScale: 1e-6 },
  joulesPerBit: { dimension: { joule: 1, bit: -1 } },
  watts: { dimension: { joule: 1, second: -1 } },
  metres: { dimension: { metre: 1 } },
  seconds: { dimension: { second: 1 } },
  tokens: { dimension: { token: 1 } },
};

function valueTypeOf(descriptor: FieldDescriptor): ValueType {
  switch (descriptor.kind) {
    case 'number': {
      const { integer, min, exclusiveMin, max, exclusiveMax } = descriptor;
      return { kind: 'quantity', dimension: QUANTITY_UNITS[descriptor.quantity].dimension, integer, min, exclusiveMin, max, exclusiveMax };
    }
    case 'choice':
      return { kind: 'enum', values: descriptor.values };
    case 'flag':
      return { kind: 'boolean' };
  }
}

/** The schema property of one engine field, written `name` in a scenario file (the field's own name by default). */
export function engineProperty<F extends AnyInputFields>(fields: F, field: keyof F & string, name: string = field): PropertySpec {
  const descriptor = fields[field];
  const scale = descriptor.kind === 'number' ? QUANTITY_UNITS[descriptor.quantity].engineScale : undefined;
  return {
    name,
    field,
    doc: descriptor.doc,
    type: valueTypeOf(descriptor),
    engineScale: scale,
    defaultValue: descriptor.default,
    defaultNote: descriptor.defaultNote,
    required: descriptor.required,
    typical: descriptor.typical,
  };
}
