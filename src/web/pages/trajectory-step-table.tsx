/** The step tree of one attempt as a table: tokens by category, cost, tool, documents, decision, markers. */
import { formatCount, formatUsd } from '../format.js';
import { CATEGORY_COLORS, type FlatStep, type TrajectoryStep } from './trajectory-types.js';

const MARKER_TEXT = { retry: 'retry', repeat: 'loop', error: 'error' } as const;

export function MarkerBadges(props: { step: TrajectoryStep }) {
  const { step } = props;
  const badges: { key: string; text: string; color: string; title: string }[] = step.markers.map(
    (m) => ({
      key: m,
      text: MARKER_TEXT[m],
      color: CATEGORY_COLORS[m],
      title:
        m === 'repeat'
          ? `same request as step ${step.repeatOf ?? 'earlier'} in this attempt`
          : m === 'error'
            ? step.statusMessage || 'the step ended in error'
            : 'in an attempt after the first',
    }),
  );
  if (step.kind === 'human')
    badges.push({
      key: 'human',
      text: 'human',
      color: CATEGORY_COLORS.human,
      title: 'a person worked on this step',
    });
  return (
    <>
      {badges.map((b) => (
        <span
          key={b.key}
          className={`badge badge-${b.key}`}
          style={{ background: b.color }}
          title={b.title}
        >
          {b.text}
        </span>
      ))}
    </>
  );
}

function tokens(step: TrajectoryStep): string {
  const t = step.tokens;
  const parts: [string, number | null][] = [
    ['in', t.input],
    ['out', t.output],
    ['cache read', t.cacheRead],
    ['cache write', t.cacheWrite],
    ['reasoning', t.reasoning],
  ];
  const shown = parts.filter(([, n]) => n !== null && n > 0);
  return shown.length ? shown.map(([k, n]) => `${k} ${formatCount(n)}`).join(' · ') : '—';
}

function cost(step: TrajectoryStep): string {
  const text = step.costUsd === null ? `unpriced (${step.pricingStatus})` : formatUsd(step.costUsd);
  return step.usageCounted ? text : `${text} (not counted: ${step.usageExclusion ?? 'repeat'})`;
}

function decision(step: TrajectoryStep): string {
  const d = step.decision;
  if (!d) return step.humanMinutes ? `${formatCount(step.humanMinutes)} min` : '—';
  const parts = [
    d.rule ? `rule ${d.rule}` : null,
    d.precedent ? `precedent ${d.precedent}` : null,
    ...Object.entries(d.other).map(([k, v]) => `${k}=${v}`),
  ];
  return parts.filter((p) => p !== null).join(' · ');
}

export function TrajectoryStepTable(props: { rows: FlatStep[] }) {
  return (
    <table className="trajectory-steps">
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col">Model or tool</th>
          <th scope="col">Tokens</th>
          <th scope="col">Cost</th>
          <th scope="col">Duration</th>
          <th scope="col">Retrieved</th>
          <th scope="col">Decision / human</th>
          <th scope="col">Marks</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map(({ step, depth }) => (
          <tr
            key={step.spanId}
            data-span={step.spanId}
            className={step.markers.length > 0 ? `marked ${step.markers.join(' ')}` : undefined}
          >
            <td style={{ paddingLeft: `${0.5 + depth * 1.25}rem` }}>
              {step.stepName || step.name} <span className="muted">({step.kind})</span>
            </td>
            <td>
              {step.model ?? step.toolName ?? '—'}
              {step.argumentBytes !== null ? (
                <span className="muted"> · args {formatCount(step.argumentBytes)} B</span>
              ) : null}
            </td>
            <td>{tokens(step)}</td>
            <td data-testid="step-cost">{cost(step)}</td>
            <td>{(step.durationMs / 1000).toFixed(2)} s</td>
            <td>
              {step.documents?.length
                ? step.documents
                    .map((d) => (d.score === null ? d.id : `${d.id} (${d.score.toFixed(2)})`))
                    .join(', ')
                : '—'}
            </td>
            <td>{decision(step)}</td>
            <td>
              <MarkerBadges step={step} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
