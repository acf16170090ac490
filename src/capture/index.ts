/** The write path from OTLP bytes to committed, priced steps. */
export * from './capture.js';
