/** The write path from OTLP bytes to committed, priced steps. */
export * from './capture.js';
export * from './outcome-input.js';
