/**
 * Marginal-value curves per workflow (`GET /api/v1/workflows/{w}/marginal`): pick a workflow, see
 * each extra attempt's value against its cost, the optimal retry cap, and how much evidence backs
 * each point.
 */
import { useState } from 'react';
import { type MarginalView, rangeQuery, useApi } from '../api.js';
import { formatCount, formatShare, formatUsd } from '../format.js';
import { Ready } from '../status.js';
import { MarginalChart } from './marginal-chart.js';

const money = (value: string | null) => formatUsd(value === null ? null : Number(value));

function CurveTable(props: { view: MarginalView }) {
  const cap = props.view.retryCaps?.optimalCap ?? null;
  return (
    <table data-testid="marginal-table">
      <caption className="visually-hidden">
        Per attempt: units that reached it, success given earlier failures, cost, saving and net
        value per unit
      </caption>
      <thead>
        <tr>
          <th scope="col">Attempt</th>
          <th scope="col">Reached</th>
          <th scope="col">Succeeded</th>
          <th scope="col">Success after failures</th>
          <th scope="col">Cost per attempt</th>
          <th scope="col">Expected cost per unit</th>
          <th scope="col">Fallback saving per unit</th>
          <th scope="col">Net value per unit</th>
          <th scope="col">Evidence</th>
        </tr>
      </thead>
      <tbody>
        {props.view.attemptCurve.map((p) => (
          <tr key={p.attempt} data-attempt={p.attempt} className={p.attempt === cap ? 'cap' : ''}>
            <th scope="row">
              {p.attempt}
              {p.attempt === cap ? ' (optimal cap)' : ''}
            </th>
            <td>{formatCount(p.reached)}</td>
            <td>{formatCount(p.succeeded)}</td>
            <td>{formatShare(p.conditionalSuccessRate)}</td>
            <td>{money(p.attemptCostUsd)}</td>
            <td data-testid="marginal-cost">{money(p.expectedCostUsd)}</td>
            <td data-testid="marginal-saving">{money(p.fallbackSavingUsd)}</td>
            <td data-testid="marginal-net">{money(p.netValueUsd)}</td>
            <td>{p.enoughEvidence ? 'enough' : `too little (${p.reached} units)`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MarginalBody(props: { view: MarginalView }) {
  const { view } = props;
  const caps = view.retryCaps;
  return (
    <>
      <p data-testid="marginal-summary">
        {formatCount(view.units)} decided units, {formatCount(view.aiResolvedUnits)} resolved by the
        AI. {view.fallback ? view.fallback.statement : 'No fallback cost in the baseline.'}{' '}
        {caps
          ? `Optimal retry cap: ${caps.optimalCap} (today up to ${caps.observedMaxAttempts} attempts), saving ${money(caps.savingPerUnitUsd)} per unit.`
          : ''}
      </p>
      {view.attemptCurve.length > 0 ? <MarginalChart view={view} /> : null}
      <div className="scroll">
        <CurveTable view={view} />
      </div>
      {view.evidence.length > 0 ? (
        <ul className="evidence" data-testid="marginal-evidence">
          {view.evidence.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

export function MarginalPanel(props: { workflows: string[]; query: URLSearchParams }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const workflow = chosen ?? props.query.get('workflow') ?? props.workflows[0] ?? null;
  const view = useApi<MarginalView>(
    workflow === null
      ? null
      : `/api/v1/workflows/${encodeURIComponent(workflow)}/marginal${rangeQuery(props.query)}`,
  );
  return (
    <section className="panel" aria-labelledby="marginal-heading">
      <h2 id="marginal-heading">Marginal value of each further attempt</h2>
      {workflow === null ? (
        <p>No workflows yet: send traces with decided outcomes first.</p>
      ) : (
        <>
          <label>
            Workflow{' '}
            <select
              data-testid="marginal-workflow"
              value={workflow}
              onChange={(event) => setChosen(event.currentTarget.value)}
            >
              {[...new Set([...props.workflows, workflow])].map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          {view.state === 'error' && view.status === 404 ? (
            <p data-testid="marginal-empty">
              Too little evidence: {view.error}. Post outcomes for this workflow's work units.
            </p>
          ) : (
            <Ready loads={[view]}>
              {() => (view.state === 'ready' ? <MarginalBody view={view.data} /> : null)}
            </Ready>
          )}
        </>
      )}
    </section>
  );
}
