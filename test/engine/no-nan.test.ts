/**
 * Fuzz: thousands of scenarios with perturbed numbers (zero, negative, tiny, huge, NaN, Infinity,
 * fractions). The engine either evaluates to finite numbers or returns structured issues — never a
 * thrown non-input error, never NaN or Infinity in a result.
 */
import { describe, expect, it } from 'vitest';
import { evaluateOrIssues, paperScenario, dgxH100, MIXTRAL_8X7B, withAssumptions, type Scenario } from '../../engine/index.js';

/** Deterministic PRNG (mulberry32) so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nasty = [0, -0, -1, 1e-300, 1e300, Number.NaN, Infinity, -Infinity, 0.5, 3, 7, 1e9, 2 ** 53];

/** Every numeric leaf of an object, as a path of keys. */
function numericPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'number') return [path];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => numericPaths(v, [...path, Array.isArray(value) ? Number(k) : k]));
}

function setAt(target: unknown, path: (string | number)[], v: number): void {
  let node = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = v;
}

function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value === null || typeof value !== 'object') return true;
  return Object.values(value).every(allFinite);
}

const bases: Scenario[] = [
  paperScenario('passage512', 4),
  paperScenario('electrical144', 2),
  {
    name: 'mixtral-h100',
    system: dgxH100(256),
    model: MIXTRAL_8X7B,
    assumptions: withAssumptions(),
    training: {
      name: 'j',
      datatype: 'bf16',
      globalBatch: 512,
      trainingTokens: 1e12,
      tensorParallel: 2,
      pipelineParallel: 4,
      virtualStages: 1,
      dataParallel: 32,
      expertsPerDpRank: 1,
      expertTensorParallel: false,
      microbatchSize: 1,
      recompute: 'selective',
      sequenceParallel: true,
      optimizer: 'adam',
      shardOptimizer: true,
    },
  },
];

describe('no NaN or Infinity ever leaves the engine', () => {
  it('survives 5,000 perturbed scenarios', () => {
    const rand = random(20261123);
    let evaluated = 0;
    let rejected = 0;
    for (let i = 0; i < 5000; i++) {
      const s = structuredClone(bases[i % bases.length]);
      const paths = numericPaths(s);
      const edits = 1 + Math.floor(rand() * 3);
      for (let e = 0; e < edits; e++) {
        const path = paths[Math.floor(rand() * paths.length)];
        const v = rand() < 0.5 ? nasty[Math.floor(rand() * nasty.length)] : (rand() * 4) ** 4;
        setAt(s, path, v);
      }
      const outcome = evaluateOrIssues(s);
      if (outcome.ok) {
        evaluated++;
        expect(allFinite(outcome.result), JSON.stringify(paths)).toBe(true);
      } else {
        rejected++;
        expect(outcome.issues.length).toBeGreaterThan(0);
        for (const issue of outcome.issues) expect(issue.field).toMatch(/^(system|model|training|assumptions)\./);
      }
    }
    // Both branches are exercised.
    expect(evaluated).toBeGreaterThan(200);
    expect(rejected).toBeGreaterThan(200);
  });
});
