/** `tokenledger recommend`: per workflow, what to do with its budget, and what it is worth a month. */
import { parseArgs } from 'node:util';
import type { Recommendation } from '../analysis/index.js';
import { loadConfig } from '../config/index.js';
import { openAllocationSource } from './allocation-source.js';
import { type CliIo, UsageError } from './cli-io.js';
import { formatUsd } from './format-table.js';

export function renderRecommendations(recommendations: readonly Recommendation[]): string {
  const lines: string[] = [];
  let current: string | null = null;
  for (const r of recommendations) {
    if (r.workflow !== current) {
      if (current !== null) lines.push('');
      lines.push(r.workflow);
      current = r.workflow;
    }
    const money = r.perMonthUsd === null ? '' : ` (${formatUsd(Number(r.perMonthUsd))}/month)`;
    lines.push(`  ${r.kind}${money}: ${r.explanation}`);
  }
  return lines.join('\n');
}

export async function recommendCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      workflow: { type: 'string' },
      format: { type: 'string', default: 'table' },
      db: { type: 'string' },
      url: { type: 'string' },
      config: { type: 'string' },
    },
  });
  if (values.format !== 'table' && values.format !== 'json')
    throw new UsageError('--format must be one of table, json');
  const config = await loadConfig({ configPath: values.config });
  io.err('reading workflows…');
  const source = await openAllocationSource({
    url: values.url,
    db: values.db,
    baselines: config.workflows,
  });
  try {
    const recommendations = await source.recommendations(values.workflow);
    if (values.format === 'json') io.out(JSON.stringify({ recommendations }, null, 2));
    else if (recommendations.length === 0)
      io.out(
        `no recommendations from ${source.description}: too few decided units or no baselines`,
      );
    else io.out(renderRecommendations(recommendations));
    return 0;
  } finally {
    await source.close();
  }
}
