/** The waste classes' names as the dashboard shows them (docs/metrics.md names the API's keys). */
export const WASTE_LABELS: Record<string, string> = {
  failedAttempts: 'Failed attempts',
  loops: 'Loops',
  overPoweredRouting: 'Over-powered routing',
  contextBloat: 'Context bloat',
  cacheMisses: 'Cache misses',
  abandoned: 'Abandoned work',
};
