/** Public surface of the analytical engine. Nothing here imports anything outside `engine/`. */
export * from './types.js';
export * from './results.js';
export * from './assumptions.js';
export * from './units.js';
export { evaluate, evaluateOrIssues, EngineInputError } from './evaluate.js';
export { largestDivisorAtMost, shadowedAssumptionIssues, validateScenario } from './validate.js';
export { countParameters } from './parameters.js';
export { sweep } from './sweep.js';
export { searchParallelism, searchParallelismAsync, type SearchOptions, type SearchOutcome, type SearchCandidate, type SearchProgress } from './search.js';
export * from './presets/links.js';
export * from './presets/gpus.js';
export * from './presets/systems.js';
export * from './presets/models.js';
export * from './presets/paper-study.js';
export { reproduceFigures, paperTimingRatios, type ReproducedFigure } from './reproduction.js';
export { lineRatePower, opticsArea, switchCount, switchLevels } from './energy.js';
export { forwardFlopsPerToken } from './parameters.js';
export { formatTable, formatNumber } from './format.js';
export { paretoFront } from './pareto.js';
export type { AnyInputFields, ChoiceField, FieldDescriptor, FlagField, InputFields, NumberField, Quantity } from './inputs/field.js';
export { ACHIEVABLE_MATMUL_FIELDS, GPU_FIELDS, LINK_FIELDS, PEAK_FLOPS_FIELDS, SWITCH_FIELDS, SYSTEM_FIELDS, TIER_FIELDS } from './inputs/hardware.js';
export { MLA_FIELDS, MODEL_FIELDS, MOE_FIELDS } from './inputs/model.js';
export { RECOMPUTE_MODULE_FIELDS, TRAINING_FIELDS } from './inputs/training.js';
export {
  runSearchJob,
  rankOutcome,
  searchOptionsOf,
  type SearchJobRequest,
  type SearchJobResult,
  type SearchJobProgress,
  type RankedSplit,
} from './search-job.js';
