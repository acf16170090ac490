/** `tokenledger trajectory ID`: a work unit's attempts and step tree, with cost and markers per step. */
import { parseArgs } from 'node:util';
import type { Trajectory, TrajectoryAttempt, TrajectoryStep } from '../analysis/index.js';
import { loadConfig } from '../config/index.js';
import { type CliIo, UsageError } from './cli-io.js';
import { type Cell, formatTable, formatUsd } from './format-table.js';
import { openReportSource } from './report-source.js';

function notes(step: TrajectoryStep): string {
  const parts: string[] = [];
  for (const marker of step.markers) {
    if (marker === 'retry') continue;
    parts.push(
      marker === 'repeat' && step.repeatOf ? `[repeat of ${step.repeatOf}]` : `[${marker}]`,
    );
  }
  if (step.toolName !== null)
    parts.push(
      `tool ${step.toolName}${step.argumentBytes === null ? '' : ` (${step.argumentBytes} B args)`}`,
    );
  if (step.documents !== null) parts.push(`${step.documents.length} documents`);
  if (step.humanMinutes !== null) parts.push(`human ${step.humanMinutes} min`);
  if (step.decision?.rule) parts.push(`rule ${step.decision.rule}`);
  if (step.decision?.precedent) parts.push(`precedent ${step.decision.precedent}`);
  for (const [key, value] of Object.entries(step.decision?.other ?? {}))
    parts.push(`${key}=${value}`);
  if (!step.usageCounted) parts.push(`not counted: ${step.usageExclusion}`);
  if (step.status === 'error' && step.statusMessage) parts.push(`error: ${step.statusMessage}`);
  return parts.join('; ');
}

function cost(step: TrajectoryStep): Cell {
  if (step.costUsd === null) return step.pricingStatus;
  return formatUsd(step.costUsd);
}

function rows(steps: readonly TrajectoryStep[], depth: number): Cell[][] {
  return steps.flatMap((step) => [
    [
      `${'  '.repeat(depth)}${step.stepName}`,
      step.kind,
      step.model,
      step.tokens.input,
      step.tokens.output,
      cost(step),
      notes(step) || null,
    ],
    ...rows(step.children, depth + 1),
  ]);
}

function attemptHeading(a: TrajectoryAttempt): string {
  const verdict = a.success === null ? 'pending' : a.success ? 'succeeded' : 'failed';
  const unknown =
    a.unknownCostSteps > 0 ? ` (+ ${a.unknownCostSteps} step(s) of unknown cost)` : '';
  return (
    `attempt ${a.attempt}${a.retry ? ' [retry]' : ''}: ${verdict}, started ${a.startTime}, ` +
    `${(a.durationMs / 1000).toFixed(1)} s, ${formatUsd(a.costUsd)}${unknown}, trace ${a.traceIds.join(', ')}`
  );
}

export function renderTrajectory(t: Trajectory): string {
  const outcome = t.outcome
    ? `${t.outcome.status}${t.outcome.resolvedBy ? ` by ${t.outcome.resolvedBy}` : ''}${t.outcome.overridden ? ', overridden' : ''}`
    : 'no outcome yet';
  const lines = [
    `${t.workUnitId} (${t.workflow ?? 'no workflow'}): ${outcome} [${t.result}]; ` +
      `${formatUsd(t.tokenCostUsd)} in tokens over ${t.attempts.length} attempt(s)`,
  ];
  for (const attempt of t.attempts) {
    lines.push('', attemptHeading(attempt));
    lines.push(
      formatTable(
        ['step', 'kind', 'model', 'input', 'output', 'cost', 'notes'],
        rows(attempt.steps, 0),
      ),
    );
  }
  return lines.join('\n');
}

export async function trajectoryCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      workflow: { type: 'string' },
      format: { type: 'string', default: 'tree' },
      db: { type: 'string' },
      url: { type: 'string' },
      config: { type: 'string' },
    },
  });
  const id = positionals[0];
  if (!id) throw new UsageError('trajectory needs a work unit id: tokenledger trajectory <id>');
  if (values.format !== 'tree' && values.format !== 'json')
    throw new UsageError(`--format must be tree or json, got ${JSON.stringify(values.format)}`);
  const config = await loadConfig({ configPath: values.config });
  const source = await openReportSource({
    url: values.url,
    db: values.db,
    decisionKeys: config.decisionKeys,
  });
  try {
    const trajectory = await source.trajectory(id, values.workflow);
    if (!trajectory) {
      io.err(`no work unit ${id} in ${source.description}`);
      return 1;
    }
    io.out(
      values.format === 'json' ? JSON.stringify(trajectory, null, 2) : renderTrajectory(trajectory),
    );
    return 0;
  } finally {
    await source.close();
  }
}
