/**
 * One work unit's trajectory: outcome and totals, a timeline of every step coloured by marker
 * (retry, loop, error, human), each attempt's step tree with cost per step, the unit's own waste
 * split, and how its workflow's successful and failed trajectories differ.
 */
import { useMemo } from 'react';
import { useApi } from '../api.js';
import { formatCount, formatUsd } from '../format.js';
import { Link, withView } from '../router.js';
import { Ready } from '../status.js';
import { TrajectoryStepTable } from './trajectory-step-table.js';
import { TrajectoryLegend, UnitSummary } from './trajectory-summary.js';
import { TrajectoryTimeline } from './trajectory-timeline.js';
import { type FlatStep, flattenTrajectory, type Trajectory } from './trajectory-types.js';
import { UnitWastePanel } from './unit-waste-panel.js';
import { WorkflowComparePanel } from './workflow-compare-panel.js';

function AttemptSection(props: { t: Trajectory; index: number; rows: FlatStep[] }) {
  const attempt = props.t.attempts[props.index];
  if (!attempt) return null;
  const rows = props.rows.filter((r) => r.attempt === attempt.attempt);
  const verdict =
    attempt.success === null ? 'pending' : attempt.success ? 'succeeded' : 'did not succeed';
  return (
    <section className="panel" data-testid={`attempt-${attempt.attempt}`}>
      <h2>
        Attempt {attempt.attempt}
        {attempt.retry ? <span className="badge badge-retry">retry</span> : null}:{' '}
        <span data-testid="cost-of-attempt">{formatUsd(attempt.costUsd)}</span>, {verdict}
      </h2>
      <p className="muted">
        {formatCount(attempt.stepCount)} steps over {(attempt.durationMs / 1000).toFixed(1)} s from{' '}
        {attempt.startTime.slice(0, 19).replace('T', ' ')} UTC
        {attempt.unknownCostSteps > 0
          ? `; ${attempt.unknownCostSteps} step(s) of unknown cost are not in this figure`
          : ''}
        {attempt.humanMinutes > 0 ? `; ${formatCount(attempt.humanMinutes)} human minutes` : ''}.
      </p>
      <TrajectoryStepTable rows={rows} />
    </section>
  );
}

export function WorkUnitPage(props: { id: string; query: URLSearchParams }) {
  const workflowParam = props.query.get('workflow');
  const trajectory = useApi<Trajectory>(
    `/api/v1/work-units/${encodeURIComponent(props.id)}/trajectory${workflowParam ? `?workflow=${encodeURIComponent(workflowParam)}` : ''}`,
  );
  const rows = useMemo(
    () => (trajectory.state === 'ready' ? flattenTrajectory(trajectory.data) : []),
    [trajectory],
  );
  return (
    <>
      <h1>Work unit: {props.id}</h1>
      <Ready loads={[trajectory]}>
        {() => {
          if (trajectory.state !== 'ready') return null;
          const t = trajectory.data;
          const workflow = t.workflow;
          return (
            <>
              {workflow ? (
                <p>
                  Workflow{' '}
                  <Link to={withView(`/workflows/${encodeURIComponent(workflow)}`)}>
                    {workflow}
                  </Link>{' '}
                  ·{' '}
                  <Link to={withView(`/workflows/${encodeURIComponent(workflow)}/units`)}>
                    all its work units
                  </Link>
                </p>
              ) : null}
              <UnitSummary t={t} rows={rows} />
              <section className="panel">
                <h2>Timeline</h2>
                <TrajectoryLegend />
                {rows.length > 0 ? (
                  <TrajectoryTimeline rows={rows} unitId={t.workUnitId} />
                ) : (
                  <p>No steps of this unit have arrived, only its outcome.</p>
                )}
              </section>
              {t.attempts.map((a, index) => (
                <AttemptSection key={a.attempt} t={t} index={index} rows={rows} />
              ))}
              {workflow && t.outcome ? (
                <UnitWastePanel unitId={t.workUnitId} workflow={workflow} query={props.query} />
              ) : (
                <section className="panel">
                  <h2>Waste of this unit</h2>
                  <p>
                    Not judged yet: waste is split once the unit's outcome is posted to{' '}
                    <code>/v1/outcomes</code>.
                  </p>
                </section>
              )}
              {workflow ? <WorkflowComparePanel workflow={workflow} query={props.query} /> : null}
            </>
          );
        }}
      </Ready>
    </>
  );
}
