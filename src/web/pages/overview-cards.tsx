/**
 * The overview's cards: each shows its figure as soon as the answer it needs arrives (totals,
 * workflows, or the spend flow under a filter), "counting…" (aria-busy) before.
 */
import type { Economics, Loaded, SpendFlow, SpendTotals } from '../api.js';
import { formatCount, formatUsd } from '../format.js';
import { ErrorAlert } from '../status.js';

function Card<T>(props: {
  label: string;
  load: Loaded<T>;
  figure: (data: T) => string;
  note?: (data: T) => string;
  testId: string;
}) {
  const { load } = props;
  if (load.state === 'error') return <ErrorAlert message={load.error} />;
  const busy = load.state === 'loading';
  return (
    <div className="card" data-testid={props.testId} aria-busy={busy}>
      <div className="label">{props.label}</div>
      <div className="figure">{busy ? 'counting…' : props.figure(load.data)}</div>
      {!busy && props.note ? <div className="label">{props.note(load.data)}</div> : null}
    </div>
  );
}

export function OverviewCards(props: {
  totals: Loaded<SpendTotals>;
  workflows: Loaded<{ workflows: Economics[] }>;
  flow: Loaded<SpendFlow>;
  /** The rows the view's team and workflow filters keep. */
  pick: (all: Economics[]) => Economics[];
  filters: string | null;
}) {
  const { filters } = props;
  return (
    <div className="cards" data-testid="cards">
      {filters ? (
        <Card
          testId="card-spend"
          label={`Token spend of work units, ${filters}`}
          load={props.flow}
          figure={(flow) => formatUsd(flow.total.usdNumber)}
        />
      ) : (
        <Card
          testId="card-spend"
          label="Token spend, all time"
          load={props.totals}
          figure={(totals) => formatUsd(totals.costUsd)}
        />
      )}
      <Card
        testId="card-resolved"
        label={filters ? `Resolved outcomes, ${filters}` : 'Resolved outcomes'}
        load={props.workflows}
        figure={(w) =>
          formatCount(props.pick(w.workflows).reduce((s, r) => s + r.resolvedUnits, 0))
        }
      />
      <Card
        testId="card-unattributed"
        label="Unattributed spend (no work unit, all teams)"
        load={props.totals}
        figure={(totals) => formatUsd(totals.unattributedCostUsd)}
      />
      <Card
        testId="card-unpriced"
        label="Unpriced steps (cost unknown, not $0)"
        load={props.totals}
        figure={(totals) => formatCount(totals.unpricedSteps)}
        note={(totals) =>
          `${formatCount(totals.unpricedInputTokens + totals.unpricedOutputTokens)} tokens`
        }
      />
    </div>
  );
}
