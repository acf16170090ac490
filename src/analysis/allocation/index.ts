/** Allocation: the marginal value of spend, the budget allocator, and recommendations. */
export * from './allocation-plan.js';
export * from './allocation-reports.js';
export * from './allocator.js';
export * from './fallback.js';
export * from './marginal-view.js';
export * from './recommendation.js';
export * from './recommendations.js';
export * from './reroute.js';
export * from './tiers.js';
