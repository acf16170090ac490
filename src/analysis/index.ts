/** Read-side assembly of what the store holds into reports for the API and the CLI. */

export * from './allocation/index.js';
export * from './budgets/index.js';
export * from './cost-distribution-view.js';
export * from './drivers.js';
export * as economics from './economics/index.js';
export * from './parse-range.js';
export * from './spend-flow.js';
export * from './spend-report.js';
export * from './trace-report.js';
export * from './trajectory/index.js';
export * as waste from './waste/index.js';
export * from './work-unit-report.js';
export * from './workflow-economics.js';
export * from './workflow-report.js';
