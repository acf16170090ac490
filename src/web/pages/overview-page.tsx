/**
 * Overview: spend, resolved outcomes, cost per resolved outcome against the BPO price, the waste
 * split, the spend flow, unattributed and unpriced spend, trends; filtered by the view's team,
 * workflow and business attribute (attr.KEY=value in the URL). Each panel renders as soon as its
 * own answer arrives: a slow waste analysis never holds the cards.
 */
import {
  attributeFilters,
  type Economics,
  type SpendFlow,
  type SpendTotals,
  unitsQuery,
  useApi,
  viewQuery,
  type WasteSplit,
  type WorkflowDaily,
} from '../api.js';
import { Counting, WhenReady } from '../progress.js';
import { EmptyState, StaleNote } from '../status.js';
import { CostSeriesChart } from './cost-series-chart.js';
import { OverviewCards } from './overview-cards.js';
import { CostVsBpoChart, WorkflowRows } from './overview-workflows.js';
import { SpendFlowChart } from './spend-flow-chart.js';
import { WasteSplitChart } from './waste-split-chart.js';

function DailyTrend(props: { workflow: string; query: URLSearchParams }) {
  const detail = useApi<WorkflowDaily>(
    `/api/v1/workflows/${encodeURIComponent(props.workflow)}/daily${unitsQuery(props.query)}`,
  );
  return (
    <section className="panel" data-testid="panel-trend">
      <h2>Daily cost per resolved outcome: {props.workflow}</h2>
      <WhenReady load={detail} what="the daily trend">
        {(data) => <CostSeriesChart detail={data} />}
      </WhenReady>
    </section>
  );
}

/** The filters in force, as a phrase: `team ops, segment = gold`. */
function filterText(query: URLSearchParams): string | null {
  const parts: string[] = [];
  for (const key of ['team', 'workflow']) {
    const value = query.get(key);
    if (value) parts.push(`${key} ${value}`);
  }
  parts.push(...attributeFilters(query));
  return parts.length > 0 ? parts.join(', ') : null;
}

export function OverviewPage(props: { query: URLSearchParams }) {
  const totals = useApi<SpendTotals>('/api/v1/spend/totals');
  const view = viewQuery(props.query);
  // The attribute filter narrows the units server-side; team and workflow pick rows below.
  const workflows = useApi<{ workflows: Economics[] }>(
    `/api/v1/workflows${unitsQuery(props.query)}`,
  );
  // The slow reports are asked for once the cards' answers are in: on a server still counting,
  // they would otherwise share its cores with the cards' reads (one round trip later when cached).
  const cardsIn = totals.state !== 'loading' && workflows.state !== 'loading';
  const waste = useApi<{ workflows: WasteSplit[] }>(cardsIn ? `/api/v1/waste/split${view}` : null);
  const flow = useApi<SpendFlow>(cardsIn ? `/api/v1/spend/flow${view}` : null);
  const only = props.query.get('workflow');
  const team = props.query.get('team');
  const filters = filterText(props.query);
  const pick = (all: Economics[]) =>
    all.filter(
      (w) => (!only || w.workflow === only) && (!team || (w.team ?? '(no team)') === team),
    );
  const title = <h1>Overview{filters ? `: ${filters}` : ''}</h1>;
  // The empty state waits for every answer, all instant on an empty store.
  if (
    waste.state !== 'loading' &&
    flow.state !== 'loading' &&
    totals.state === 'ready' &&
    workflows.state === 'ready' &&
    totals.data.steps === 0 &&
    workflows.data.workflows.length === 0
  )
    return (
      <>
        {title}
        <EmptyState />
      </>
    );
  const rows = workflows.state === 'ready' ? pick(workflows.data.workflows) : null;
  const trend =
    only ?? (rows ? [...rows].sort((a, b) => b.tokenCostUsd - a.tokenCostUsd)[0]?.workflow : null);
  return (
    <>
      {title}
      <StaleNote loads={[totals, workflows, waste, flow]} />
      <OverviewCards
        totals={totals}
        workflows={workflows}
        flow={flow}
        pick={pick}
        filters={filters}
      />
      <section className="panel" data-testid="panel-waste">
        <h2>Where the spend goes: productive cost and each waste class</h2>
        <WhenReady load={waste} what="the waste split">
          {(data) =>
            data.workflows.length === 0 ? (
              <p>No work units match this view.</p>
            ) : (
              <WasteSplitChart rows={data.workflows} />
            )
          }
        </WhenReady>
      </section>
      <section className="panel" data-testid="panel-flow">
        <h2>Spend flow: team → workflow → model → verdict</h2>
        <WhenReady load={flow} what="the spend flow">
          {(data) =>
            data.links.length === 0 ? (
              <p>No priced spend of work units matches this view.</p>
            ) : (
              <>
                <SpendFlowChart
                  flow={data}
                  waste={waste.state === 'ready' ? waste.data.workflows : undefined}
                />
                {waste.state === 'loading' ? (
                  <Counting what="the waste inside resolved spend" />
                ) : null}
              </>
            )
          }
        </WhenReady>
      </section>
      {rows !== null && rows.length === 0 ? (
        <p>No work units in this range{only ? ` for ${only}` : ''}.</p>
      ) : (
        <section className="panel" data-testid="panel-workflows">
          <h2>Fully loaded cost per resolved outcome against the BPO price</h2>
          <WhenReady load={workflows} what="the workflows">
            {() => (
              <>
                <CostVsBpoChart rows={rows ?? []} />
                <WorkflowRows rows={rows ?? []} />
              </>
            )}
          </WhenReady>
        </section>
      )}
      {trend ? (
        <DailyTrend workflow={trend} query={props.query} />
      ) : workflows.state === 'loading' ? (
        <section className="panel" data-testid="panel-trend">
          <h2>Daily cost per resolved outcome</h2>
          <Counting what="the daily trend" />
        </section>
      ) : null}
    </>
  );
}
