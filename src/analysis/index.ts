/** Read-side assembly of what the store holds into reports for the API and the CLI. */
export * from './spend-report.js';
export * from './trace-report.js';
