/** The simulated enterprise (issue 4): deterministic OTLP traffic and outcomes, and its truth file. */
export * from './demo-stream.js';
export * from './enterprise.js';
export * from './otlp-writer.js';
export * from './senders.js';
export * from './sim-types.js';
export * from './simulate.js';
export * from './summary.js';
export * from './truth.js';
export * from './waste-ledger.js';
