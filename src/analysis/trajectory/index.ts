/** Trajectories: one unit's attempts and step tree, work-unit search, success/failure comparison. */
export * from './build-trajectory.js';
export * from './compare-findings.js';
export * from './compare-steps.js';
export * from './search-params.js';
export * from './search-waste.js';
export * from './trajectory-reports.js';
export * from './trajectory-step.js';
