/**
 * Typed descriptions of the engine's inputs: for every scalar field of a part (GPU, link, tier,
 * model, training job…) its meaning, unit, bounds and default. Engine validation checks a scenario
 * against them and the language derives its schema (hover, completion, unit checks) from them, so a
 * field is described once. Docs are written for the user and name choices by their spelling in a
 * scenario file (`podAligned` for `pod-aligned`).
 */

/** What a number measures, in the engine's unit (SI, areas in mm²). */
export type Quantity =
  | 'count'
  | 'fraction'
  | 'ratio'
  | 'dollars'
  | 'dollarsPerGbps'
  | 'bytes'
  | 'bytesPerSecond'
  | 'bitsPerSecond'
  | 'flopsPerSecond'
  | 'squareMillimetres'
  | 'bitsPerSecondPerSquareMillimetre'
  | 'joulesPerBit'
  | 'watts'
  | 'metres'
  | 'seconds'
  | 'tokens';

interface FieldCommon {
  doc: string;
  /** No default: a scenario must give it. */
  required?: true;
  /** Explains a default that is not one value (derived from others, or "unlimited"). */
  defaultNote?: string;
  /** Typical values, shown in completion and hover. */
  typical?: string;
}

export interface NumberField extends FieldCommon {
  kind: 'number';
  quantity: Quantity;
  integer?: true;
  /** Lower bound, inclusive unless `exclusiveMin`; absent: 0. */
  min?: number;
  exclusiveMin?: true;
  /** Upper bound, inclusive unless `exclusiveMax`; absent: none. */
  max?: number;
  exclusiveMax?: true;
  default?: number;
}

export interface ChoiceField<V extends string = string> extends FieldCommon {
  kind: 'choice';
  /** Spelling in a scenario file → engine value. */
  values: Readonly<Record<string, V>>;
  default?: V;
}

export interface FlagField extends FieldCommon {
  kind: 'flag';
  default?: boolean;
}

export type FieldDescriptor = NumberField | ChoiceField | FlagField;

type DescriptorOf<V> = [V] extends [boolean] ? FlagField : [V] extends [number] ? NumberField : [V] extends [string] ? ChoiceField<V> : never;

/** The fields of T a descriptor covers: numbers, flags and choices (not names or nested parts). */
export type ScalarKey<T> = {
  [K in keyof T]-?: K extends 'name' ? never : NonNullable<T[K]> extends number | string | boolean ? K : never;
}[keyof T];

type OptionalKey<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

/**
 * One descriptor for every scalar field of T. A field T may leave out (`?`) is marked `optional`
 * (absence is meaningful, e.g. "unlimited"); the compiler keeps both lists in step.
 */
export type InputFields<T> = {
  readonly [K in ScalarKey<T>]-?: DescriptorOf<NonNullable<T[K]>> & (K extends OptionalKey<T> ? { optional: true } : { optional?: never });
};

export type AnyInputFields = Readonly<Record<string, FieldDescriptor & { optional?: true }>>;
