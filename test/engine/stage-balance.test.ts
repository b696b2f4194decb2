/** The warning that a pipeline's end stage, left to the engine's split, sets the pace, with the split that balances it. */
import { describe, expect, it } from 'vitest';
import { evaluate, paperScenario, type Scenario } from '../../engine/index.js';
import { endStageSplits } from '../../engine/pipeline.js';
import { analyzeStep } from '../../engine/evaluate.js';
import { degreesOf } from '../../engine/placement.js';
import { stageBalanceIssue } from '../../engine/stage-balance.js';
import { gpt3OnH100 } from './training-fixture.js';

const warningOf = (s: Scenario) => evaluate(s).issues.find((issue) => issue.code === 'pipeline-end-stage-slowest');

/** GPT-3 175B on PP8 (12 layers a stage) with a vocabulary of `vocabularySize`: its LM head sits on the last stage. */
const withVocabulary = (vocabularySize: number, t: Partial<Scenario['training']> = {}): Scenario => {
  const s = gpt3OnH100(t);
  return { ...s, model: { ...s.model, vocabularySize } };
};

describe('pipeline stage balance', () => {
  it('tries the end-chunk sizes that keep the middle chunks equal and no end heavier than a middle one', () => {
    const s = gpt3OnH100();
    // 96 layers on 8 chunks: middles of 12 leave 12 + 12; middles of 13 leave 18, as 5 + 13 … 13 + 5.
    const splits = endStageSplits(s.model, s.training);
    expect(splits).toContainEqual({ first: 12, last: 12 });
    expect(splits).toContainEqual({ first: 13, last: 5 });
    expect(splits).toHaveLength(10);
    expect(splits.every(({ first, last }) => (96 - first - last) % 6 === 0 && first >= 1 && last >= 1)).toBe(true);
    expect(splits.every(({ first, last }) => Math.max(first, last) <= (96 - first - last) / 6)).toBe(true);
    // 61 layers on 16 chunks (DeepSeek-V3): only middles of 4 leave room for both ends.
    const deepseek = { ...s.model, layers: 61 };
    expect(endStageSplits(deepseek, { ...s.training, pipelineParallel: 16 })).toEqual([
      { first: 1, last: 4 },
      { first: 2, last: 3 },
      { first: 3, last: 2 },
      { first: 4, last: 1 },
    ]);
  });

  it('warns when a heavy LM head makes the last stage the slowest, and the split it names gives the step it states', () => {
    // A 256k vocabulary: the head is 2 · 12288 · 256000 FLOPs a token, 1.75 layers' worth on the last stage.
    const s = withVocabulary(256_000);
    const warning = warningOf(s);
    expect(warning).toMatchObject({ severity: 'warning', field: 'training.pipelineParallel' });
    expect(warning!.message).toMatch(/^pipeline rank 7, which holds the LM head, is the slowest with the engine's split of 96 layers over 8 chunks/);
    const [, first, last, suggested, current] = /firstStageLayers = (\d+) and lastStageLayers = (\d+) .* a step of ([\d.]+) s instead of ([\d.]+) s/
      .exec(warning!.message)!
      .map(Number);
    expect(current).toBeCloseTo(evaluate(s).stepSeconds, 2);
    const balanced = withVocabulary(256_000, { firstStageLayers: first, lastStageLayers: last });
    expect(evaluate(balanced).stepSeconds).toBeCloseTo(suggested, 2);
    expect(suggested).toBeLessThan(0.98 * current);
    // Written out, the split is the user's: no warning.
    expect(warningOf(balanced)).toBeUndefined();
  });

  it('stays quiet when the end stage costs no more than a middle one or no other split is 2% faster', () => {
    // GPT-3's own 50k vocabulary: the head is a third of a layer, and moving whole layers costs more than it saves.
    expect(warningOf(gpt3OnH100())).toBeUndefined();
    expect(warningOf(gpt3OnH100({ pipelineParallel: 1, dataParallel: 32 }))).toBeUndefined();
  });

  it('tries no split when the slowest rank is within 2% of the next one, so an evaluation costs what it did', () => {
    const trials: number[] = [];
    const trial = () => (trials.push(1), { stepSeconds: 0, fits: true });
    const timed = (s: Scenario) => {
      const analysis = analyzeStep(s, degreesOf(s));
      return stageBalanceIssue(s, analysis, true, trial);
    };
    // The paper's Passage Config 1: its last stage (the LM head) is 1.2% ahead of the first.
    expect(timed(paperScenario('passage512', 1))).toBeUndefined();
    expect(trials).toHaveLength(0);
    // A 256k head puts the last stage 12% ahead: the splits are tried (and one wins: step 0).
    expect(timed(withVocabulary(256_000))).toBeDefined();
    expect(trials.length).toBeGreaterThan(0);
  });
});
