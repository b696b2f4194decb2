/** Public surface of the moesys language package. */
export * from './moesys-module.js';
export * from './lowering.js';
export * from './studies.js';
export * from './preview-model.js';
export * from './units/registry.js';
export * from './units/dimensions.js';
export * from './schema.js';
export { IssueCodes } from './moesys-validator.js';
export * as ast from './generated/ast.js';
