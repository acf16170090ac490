/** One work unit: its outcome and each attempt's steps as a tree, with cost per step and errors marked. */
import { useMemo } from 'react';
import { type UnitAttempt, type UnitStep, useApi, type WorkUnit } from '../api.js';
import { Chart } from '../chart.js';
import { formatCount, formatUsd } from '../format.js';
import { Link, withView } from '../router.js';
import { Ready } from '../status.js';

/** Steps in tree order (parents before children) with their depth. */
function treeOrder(steps: UnitStep[]): { step: UnitStep; depth: number }[] {
  const ids = new Set(steps.map((s) => s.spanId));
  const children = new Map<string | null, UnitStep[]>();
  for (const step of steps) {
    const parent = step.parentSpanId && ids.has(step.parentSpanId) ? step.parentSpanId : null;
    children.set(parent, [...(children.get(parent) ?? []), step]);
  }
  const out: { step: UnitStep; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const step of children.get(parent) ?? []) {
      out.push({ step, depth });
      walk(step.spanId, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

function stepCost(step: UnitStep): string {
  if (step.priced || step.pricingStatus === 'no_usage') return formatUsd(step.costUsd);
  return `unpriced (${step.pricingStatus})`;
}

function Attempt(props: { attempt: UnitAttempt }) {
  const { attempt } = props;
  return (
    <section className="panel" data-testid={`attempt-${attempt.attempt}`}>
      <h2>
        Attempt {attempt.attempt}: {formatUsd(attempt.costUsd)}
        {attempt.errorSteps > 0 ? (
          <span className="error-mark">
            {' '}
            · {attempt.errorSteps} error step{attempt.errorSteps === 1 ? '' : 's'}
          </span>
        ) : null}
      </h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Kind</th>
            <th scope="col">Model or tool</th>
            <th scope="col">Input tokens</th>
            <th scope="col">Output tokens</th>
            <th scope="col">Cost</th>
            <th scope="col">Duration</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {treeOrder(attempt.steps).map(({ step, depth }) => (
            <tr key={step.spanId} className={step.status === 'error' ? 'error' : undefined}>
              <td style={{ paddingLeft: `${0.5 + depth * 1.25}rem` }}>{step.name}</td>
              <td>{step.kind}</td>
              <td>{step.model ?? step.toolName ?? '—'}</td>
              <td>{formatCount(step.inputTokens)}</td>
              <td>{formatCount(step.outputTokens)}</td>
              <td>{stepCost(step)}</td>
              <td>{(step.durationMs / 1000).toFixed(1)} s</td>
              <td>
                {step.status === 'error' ? (
                  <span className="error-mark">
                    error{step.statusMessage ? `: ${step.statusMessage}` : ''}
                  </span>
                ) : (
                  step.status
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function AttemptCosts(props: { unit: WorkUnit }) {
  const attempts = props.unit.attempts;
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 60, right: 16, top: 32, bottom: 30 },
      xAxis: { type: 'category', data: attempts.map((a) => `Attempt ${a.attempt}`) },
      yAxis: { type: 'value', name: 'USD' },
      series: [{ name: 'Token cost', type: 'bar', data: attempts.map((a) => a.costUsd) }],
    }),
    [attempts],
  );
  return (
    <Chart
      option={option}
      height={200}
      label={`Token cost of each attempt of work unit ${props.unit.workUnitId}`}
      summary={attempts
        .map((a) => `Attempt ${a.attempt}: ${formatUsd(a.costUsd)}, ${a.errorSteps} error steps.`)
        .join(' ')}
    />
  );
}

export function WorkUnitPage(props: { id: string; query: URLSearchParams }) {
  const workflow = props.query.get('workflow');
  const unit = useApi<WorkUnit>(
    `/api/v1/work-units/${encodeURIComponent(props.id)}${workflow ? `?workflow=${encodeURIComponent(workflow)}` : ''}`,
  );
  return (
    <>
      <h1>Work unit: {props.id}</h1>
      <Ready loads={[unit]}>
        {() => {
          if (unit.state !== 'ready') return null;
          const u = unit.data;
          const outcome = u.outcome
            ? `${u.outcome.status}${u.outcome.resolvedBy ? ` by ${u.outcome.resolvedBy}` : ''}${u.outcome.overridden ? ', overridden by a human' : ''}`
            : 'no outcome recorded';
          return (
            <>
              <p>
                Workflow{' '}
                <Link to={withView(`/workflows/${encodeURIComponent(u.workflow)}`)}>
                  {u.workflow}
                </Link>
                ; outcome <strong data-testid="unit-outcome">{outcome}</strong>; token cost{' '}
                <strong data-testid="unit-cost">{formatUsd(u.tokenCostUsd)}</strong> over{' '}
                {u.attempts.length} attempt{u.attempts.length === 1 ? '' : 's'};{' '}
                {formatCount(u.humanMinutes)} human minutes.
              </p>
              {u.attempts.length > 1 ? (
                <section className="panel">
                  <h2>Cost per attempt</h2>
                  <AttemptCosts unit={u} />
                </section>
              ) : null}
              {u.attempts.map((a) => (
                <Attempt key={a.attempt} attempt={a} />
              ))}
            </>
          );
        }}
      </Ready>
    </>
  );
}
