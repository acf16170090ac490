/** The allocation and budgets page: budget burn and forecast, recommendations, marginal value, the allocator. */
import { attributeParams, type Economics, rangeQuery, useApi } from '../api.js';
import { AllocatorPanel } from './allocator-panel.js';
import { BudgetStatusPanel } from './budget-status-panel.js';
import { MarginalPanel } from './marginal-panel.js';
import { RecommendationsPanel } from './recommendations-panel.js';

export function AllocationPage(props: { query: URLSearchParams }) {
  const workflows = useApi<{ workflows: Economics[] }>(
    `/api/v1/workflows${rangeQuery(props.query)}`,
  );
  const names = workflows.state === 'ready' ? workflows.data.workflows.map((w) => w.workflow) : [];
  return (
    <>
      <h1>Allocation and budgets</h1>
      {attributeParams(props.query).length > 0 ? (
        <p data-testid="allocation-unfiltered">
          Budgets, recommendations and the allocator cover every work unit of each workflow: the
          business attribute filter does not apply on this page.
        </p>
      ) : null}
      <BudgetStatusPanel />
      <RecommendationsPanel workflow={props.query.get('workflow')} />
      {workflows.state === 'ready' ? <MarginalPanel workflows={names} query={props.query} /> : null}
      <AllocatorPanel />
    </>
  );
}
