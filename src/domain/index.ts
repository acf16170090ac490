/** Pure types and helpers shared by every module; imports nothing else from `src/`. */
export * from './attribution.js';
export * from './baseline.js';
export * from './budget.js';
export * from './money.js';
export * from './otlp-span.js';
export * from './outcome.js';
export * from './priced-step.js';
export * from './step.js';
export * from './usage-counting.js';
