/** Budgets: period bounds, burn, forecast and the allow/warn/deny check (pure). */
export * from './budget-check.js';
export * from './budget-forecast.js';
export * from './budget-period.js';
export * from './budget-status.js';
