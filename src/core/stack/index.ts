/**
 * Declarative stacks: the file schema, the loader and validator, the desired model with its
 * secure defaults, the planner and the plan's plain-text description. Pure (no IO).
 */
export * from './schema';
export * from './problems';
export * from './model';
export * from './defaults';
export { validateStack, STACK_LIMITS, type StackValidation } from './validate';
export * from './load';
export * from './plan';
export * from './describe';
export * from './json-schema';
export { closest, didYouMean } from './suggest';
export * from './fingerprint';
export * from './export/export-stack';
