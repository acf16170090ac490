/** What separates the workflow's successful trajectories from its failed ones, with what each costs. */
import { unitsQuery, useApi } from '../api.js';
import { formatCount, formatShare, formatUsd } from '../format.js';
import { ErrorAlert } from '../status.js';
import type { OutcomeComparison } from './trajectory-types.js';

const signed = (usd: number | null) =>
  usd === null ? '—' : `${usd > 0 ? '+' : ''}${formatUsd(usd)}`;

/** `query`: the view's since/until and attr.KEY filter narrow the units compared. */
export function WorkflowComparePanel(props: { workflow: string; query: URLSearchParams }) {
  const compare = useApi<OutcomeComparison>(
    `/api/v1/workflows/${encodeURIComponent(props.workflow)}/compare${unitsQuery(props.query)}`,
  );
  if (compare.state === 'loading') return <p aria-live="polite">Loading the comparison…</p>;
  if (compare.state === 'error') return <ErrorAlert message={compare.error} />;
  const c = compare.data;
  return (
    <section className="panel" data-testid="workflow-compare">
      <h2>Successful vs failed trajectories of {c.workflow}</h2>
      <p>
        {formatCount(c.success.units)} successful units ({formatUsd(c.success.costPerAttemptUsd)}{' '}
        per attempt) against {formatCount(c.failed.units)} failed ones (
        {formatUsd(c.failed.costPerAttemptUsd)} per attempt, {formatUsd(c.failed.tokenCostUsd)} in
        all).
      </p>
      {c.note ? <p className="muted">{c.note}</p> : null}
      {c.findings.length === 0 ? (
        <p>No step, tool, model, rule or attribute differs between the two sides yet.</p>
      ) : (
        <table>
          <caption>What differs, largest gap first</caption>
          <thead>
            <tr>
              <th scope="col">Finding</th>
              <th scope="col">Kind</th>
              <th scope="col">Successful</th>
              <th scope="col">Failed</th>
              <th scope="col">Gap (points)</th>
              <th scope="col">Cost per attempt, failed − successful</th>
              <th scope="col">Failed attempts' cost</th>
            </tr>
          </thead>
          <tbody>
            {c.findings.map((f) => (
              <tr key={`${f.kind}:${f.value}`}>
                <td>{f.sentence}</td>
                <td>
                  {f.kind} <span className="muted">{f.value}</span>
                </td>
                <td>{formatShare(f.success.share)}</td>
                <td>{formatShare(f.failed.share)}</td>
                <td>{f.differencePoints.toFixed(1)}</td>
                <td>{signed(f.costPerAttemptDifferenceUsd)}</td>
                <td>{formatUsd(f.failedTokenCostUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {c.steps.length > 0 ? (
        <ul className="sentences">
          {c.steps.map((s) => (
            <li key={s.stepName}>
              {s.sentence}{' '}
              <span className="muted">({signed(s.costPerCallDifferenceUsd)} per call)</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
