/** `tokenledger trace ID`: the steps of one captured trace with tokens and cost. */
import { parseArgs } from 'node:util';
import type { CliIo } from './cli-io.js';
import { UsageError } from './cli-io.js';
import { formatTable, formatUsd } from './format-table.js';
import { openReportSource } from './report-source.js';

export async function traceCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      url: { type: 'string' },
      format: { type: 'string', default: 'table' },
    },
  });
  const traceId = positionals[0];
  if (!traceId) throw new UsageError('trace needs a trace id: tokenledger trace <traceId>');
  if (values.format !== 'table' && values.format !== 'json') {
    throw new UsageError(`--format must be table or json, got ${JSON.stringify(values.format)}`);
  }
  const source = await openReportSource({ url: values.url, db: values.db });
  try {
    const report = await source.trace(traceId);
    if (!report) {
      io.err(`no trace ${traceId} in ${source.description}`);
      return 1;
    }
    if (values.format === 'json') {
      io.out(JSON.stringify(report, null, 2));
      return 0;
    }
    const depth = depthOf(report.steps);
    io.out(
      formatTable(
        ['step', 'kind', 'model', 'input', 'output', 'cache read', 'cost', 'note'],
        report.steps.map((s) => [
          `${'  '.repeat(depth.get(s.spanId) ?? 0)}${s.name}`,
          s.kind,
          s.model,
          s.inputTokens,
          s.outputTokens,
          s.cacheReadTokens,
          s.pricingStatus === 'unpriced' ? 'unpriced' : formatUsd(s.costUsd),
          s.usageCounted ? null : `not counted: ${s.usageExclusion}`,
        ]),
      ),
    );
    const t = report.totals;
    io.out(
      `\ntrace ${report.traceId}: ${t.inputTokens} input + ${t.outputTokens} output tokens, ` +
        `${formatUsd(t.costUsd)}${t.unpricedSteps > 0 ? ` (+ ${t.unpricedSteps} unpriced step(s))` : ''}`,
    );
    return 0;
  } finally {
    await source.close();
  }
}

function depthOf(
  steps: readonly { spanId: string; parentSpanId: string | null }[],
): Map<string, number> {
  const parents = new Map(steps.map((s) => [s.spanId, s.parentSpanId]));
  const depth = new Map<string, number>();
  for (const step of steps) {
    let d = 0;
    let parent = step.parentSpanId;
    while (parent !== null && parents.has(parent) && d < 64) {
      d += 1;
      parent = parents.get(parent) ?? null;
    }
    depth.set(step.spanId, d);
  }
  return depth;
}
