/** A unit's outcome and totals, with counts of its retries, loops, errors and human work. */
import { formatCount, formatUsd } from '../format.js';
import {
  CATEGORY_COLORS,
  CATEGORY_LABELS,
  type FlatStep,
  type StepCategory,
  type Trajectory,
} from './trajectory-types.js';

export function TrajectoryLegend() {
  const shown: StepCategory[] = ['normal', 'retry', 'repeat', 'error', 'human'];
  return (
    <ul className="legend" aria-label="Legend of step markers">
      {shown.map((c) => (
        <li key={c}>
          <span className="swatch" style={{ background: CATEGORY_COLORS[c] }} aria-hidden="true" />
          {CATEGORY_LABELS[c]}
        </li>
      ))}
    </ul>
  );
}

export function UnitSummary(props: { t: Trajectory; rows: FlatStep[] }) {
  const { t, rows } = props;
  const count = (test: (r: FlatStep) => boolean) => rows.filter(test).length;
  const retries = t.attempts.filter((a) => a.retry).length;
  const loops = count((r) => r.step.markers.includes('repeat'));
  const errors = count((r) => r.step.markers.includes('error'));
  const human = count((r) => r.step.kind === 'human');
  const o = t.outcome;
  const outcome = o
    ? `${o.status}${o.resolvedBy ? ` by ${o.resolvedBy}` : ''}`
    : 'no outcome recorded (pending)';
  return (
    <section className="panel" data-testid="unit-summary">
      <p>
        Outcome <strong data-testid="unit-outcome">{outcome}</strong>
        {o?.overridden ? (
          <span className="badge badge-override" data-testid="override-badge">
            human override
          </span>
        ) : null}
        ; token cost <strong data-testid="unit-cost">{formatUsd(t.tokenCostUsd)}</strong> over{' '}
        {t.attempts.length} attempt{t.attempts.length === 1 ? '' : 's'} and{' '}
        {formatCount(rows.length)} steps; {formatCount(o?.humanMinutes ?? 0)} human minutes on the
        outcome
        {o?.valueUsd != null ? `; value ${formatUsd(o.valueUsd)}` : ''}.
      </p>
      <p data-testid="unit-marks">
        <span className="badge badge-retry">{retries} retries</span>
        <span className="badge badge-repeat">{loops} loop steps</span>
        <span className="badge badge-error">{errors} errors</span>
        <span className="badge badge-human">{human} human steps</span>
      </p>
      {o && Object.keys(o.attributes).length > 0 ? (
        <p className="muted">
          {Object.entries(o.attributes)
            .map(([k, v]) => `${k}=${v}`)
            .join(' · ')}
        </p>
      ) : null}
    </section>
  );
}
