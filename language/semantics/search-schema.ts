/**
 * The members of a `search` study: the parallelism search of `moesys search` over one scenario,
 * with the constraints the engine's search takes. Kept apart from `schema.ts`, which only lists it
 * among the declaration kinds; validation, completion, hover and docs/LANGUAGE.md read it from there.
 */
import type { BlockSpec, ValueType } from './schema.js';
import { DIMENSIONLESS } from '../units/dimensions.js';

/** Most splits the preview ranks (each one is evaluated in full for its MFU and energy). */
export const MAX_SEARCH_TOP = 50;

const COUNT: ValueType = { kind: 'quantity', dimension: DIMENSIONLESS, integer: true, min: 1 };

export const SEARCH: BlockSpec = {
  name: 'search',
  doc:
    'A study: the fastest parallel splits (TP × PP × DP, experts per DP rank, microbatch, virtual stages, recompute, rank mapping) of one scenario that fit in HBM, ranked by time to train, as `moesys search` prints them. ' +
    'It runs beside the editor, not in it; the preview shows its progress, then the ranked splits, and "Apply this split" writes one into the scenario.',
  properties: [
    {
      name: 'scenario',
      field: 'scenario',
      required: true,
      type: { kind: 'reference', target: 'scenario' },
      doc: 'The scenario whose system and model are searched; its batch, tokens and datatype stay as written.',
    },
    {
      name: 'top',
      field: 'keep',
      defaultValue: 10,
      typical: '3 … 20',
      type: { ...COUNT, max: MAX_SEARCH_TOP },
      doc: `How many of the fastest splits to rank (at most ${MAX_SEARCH_TOP}); \`moesys search --top\`.`,
    },
    {
      name: 'maxMicrobatchSize',
      field: 'maxMicrobatchSize',
      defaultValue: 8,
      typical: '1 … 16',
      type: COUNT,
      doc: 'Largest microbatch tried, in sequences; every divisor of the sequences per DP rank up to it is tried.',
    },
    {
      name: 'maxVirtualStages',
      field: 'maxVirtualStages',
      defaultValue: 4,
      typical: '1 … 8',
      type: COUNT,
      doc: 'Most interleaved virtual stages per pipeline rank tried: 1, 2, 4 … up to it (1 = plain 1F1B only).',
    },
    {
      name: 'recompute',
      field: 'recompute',
      defaultNote: 'all three: none, selective and full',
      type: { kind: 'enum', values: { none: 'none', selective: 'selective', full: 'full' } },
      doc: 'Only splits with this activation recomputation; when absent every mode is tried.',
    },
    {
      name: 'rankMapping',
      field: 'rankMapping',
      defaultNote: "the scenario's mapping, and podAligned for an MoE model",
      type: { kind: 'enum', values: { linear: 'linear', podAligned: 'pod-aligned', tiled: 'tiled' } },
      doc: 'Only splits with this placement of ranks on GPUs (see training.rankMapping).',
    },
  ],
};
