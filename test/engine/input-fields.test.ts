/**
 * One typed description per engine input: the engine's validation and the language's schema both
 * read `engine/inputs/`. Breaking any field's bound is an error on that field, in the engine and in
 * the language alike.
 */
import { describe, expect, it } from 'vitest';
import {
  GPU_FIELDS,
  LINK_FIELDS,
  MODEL_FIELDS,
  MOE_FIELDS,
  MLA_FIELDS,
  paperScenario,
  SWITCH_FIELDS,
  TIER_FIELDS,
  TRAINING_FIELDS,
  validateScenario,
  type AnyInputFields,
  type Scenario,
} from '../../engine/index.js';
import { DECLARATION_SCHEMAS, type BlockSpec } from '../../language/semantics/schema.js';

/** Where each part lives in a scenario, and the schema block that writes it. */
const PARTS: { name: string; fields: AnyInputFields; part: (s: Scenario) => object; path: string; block: BlockSpec }[] = [
  { name: 'gpu', fields: GPU_FIELDS, part: (s) => s.system.gpu, path: 'system.gpu', block: DECLARATION_SCHEMAS.gpu },
  { name: 'link', fields: LINK_FIELDS, part: (s) => s.system.tiers[0].link, path: 'system.tiers[0].link', block: DECLARATION_SCHEMAS.link },
  { name: 'switch', fields: SWITCH_FIELDS, part: (s) => s.system.tiers[0].switch!, path: 'system.tiers[0].switch', block: DECLARATION_SCHEMAS.switch },
  { name: 'tier', fields: TIER_FIELDS, part: (s) => s.system.tiers[1], path: 'system.tiers[1]', block: DECLARATION_SCHEMAS.system.tier! },
  { name: 'model', fields: MODEL_FIELDS, part: (s) => s.model, path: 'model', block: DECLARATION_SCHEMAS.model },
  { name: 'moe', fields: MOE_FIELDS, part: (s) => s.model.moe!, path: 'model.moe', block: DECLARATION_SCHEMAS.model.blocks![0] },
  { name: 'mla', fields: MLA_FIELDS, part: (s) => s.model.mla!, path: 'model.mla', block: DECLARATION_SCHEMAS.model.blocks![1] },
  { name: 'training', fields: TRAINING_FIELDS, part: (s) => s.training, path: 'training', block: DECLARATION_SCHEMAS.training },
];

/** The paper's Passage Config 1 with DeepSeek-V3's MLA dimensions, so that every part is present. */
function baseScenario(): Scenario {
  const s = structuredClone(paperScenario('passage512', 1));
  s.model.mla = { queryLatentRank: 1536, keyValueLatentRank: 512, headDim: 128, ropeHeadDim: 64, valueHeadDim: 128 };
  return s;
}

/** Values that break a number field's bounds, each with the reason. */
function outOfBounds(descriptor: AnyInputFields[string]): [number, string][] {
  if (descriptor.kind !== 'number') return [];
  const min = descriptor.min ?? 0;
  const cases: [number, string][] = [[descriptor.exclusiveMin ? min : min - 1, 'below its minimum']];
  if (descriptor.max !== undefined) cases.push([descriptor.max + 1, 'above its maximum']);
  if (descriptor.integer) cases.push([min + 1.5, 'not whole']);
  return cases;
}

describe('engine input descriptors', () => {
  it('leave the base scenario valid', () => {
    expect(validateScenario(baseScenario()).filter((issue) => issue.severity === 'error')).toEqual([]);
  });

  for (const { name, fields, part, path, block } of PARTS) {
    it(`bound every number of the ${name} in the engine: each broken bound is an error on that field`, () => {
      const broken: string[] = [];
      for (const [key, descriptor] of Object.entries(fields)) {
        for (const [value, why] of outOfBounds(descriptor)) {
          const s = baseScenario();
          (part(s) as Record<string, unknown>)[key] = value;
          const fields = validateScenario(s)
            .filter((issue) => issue.severity === 'error')
            .map((issue) => issue.field);
          if (!fields.includes(`${path}.${key}`)) broken.push(`${key} = ${value} (${why}) gave ${JSON.stringify(fields)}`);
        }
      }
      expect(broken).toEqual([]);
    });

    it(`give the language's ${name} block the same bounds, defaults and docs`, () => {
      for (const [key, descriptor] of Object.entries(fields)) {
        const written = block.properties.find((property) => property.field === key);
        expect(written, `${name}.${key} has a language property`).toBeDefined();
        expect(written!.doc).toBe(descriptor.doc);
        expect(written!.defaultValue).toBe(descriptor.default);
        expect(written!.required).toBe(descriptor.required);
        if (descriptor.kind === 'number' && written!.type.kind === 'quantity') {
          expect([written!.type.min, written!.type.max, written!.type.integer, written!.type.exclusiveMin]).toEqual([
            descriptor.min,
            descriptor.max,
            descriptor.integer,
            descriptor.exclusiveMin,
          ]);
        } else expect(written!.type.kind).toBe(descriptor.kind === 'choice' ? 'enum' : 'boolean');
      }
    });
  }

  it('refuse a choice the engine does not know, naming the values it takes', () => {
    const s = baseScenario();
    (s.training as unknown as Record<string, unknown>).pipelineSchedule = 'gpipe';
    expect(validateScenario(s)).toContainEqual(
      expect.objectContaining({
        code: 'unknown-choice',
        field: 'training.pipelineSchedule',
        message: "'pipelineSchedule' must be one of 1f1b, interleaved, zero-bubble, dualpipe, got gpipe",
      }),
    );
  });
});
