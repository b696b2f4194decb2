/** Public surface of the analytical engine. Nothing here imports anything outside `engine/`. */
export * from './types.js';
export * from './results.js';
export * from './assumptions.js';
export * from './units.js';
export { evaluate, evaluateOrIssues, EngineInputError } from './evaluate.js';
export { validateScenario } from './validate.js';
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
