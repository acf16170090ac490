/** This unit's own waste per class, as the API splits it; a pending unit is said to be unjudged. */
import { rangeQuery, useApi } from '../api.js';
import { formatUsd } from '../format.js';
import { ErrorAlert } from '../status.js';
import type { UnitWasteView } from './trajectory-types.js';
import { WASTE_LABELS } from './waste-labels.js';

/** `query`: the view's since/until, the range whose units give the references and rates. */
export function UnitWastePanel(props: {
  unitId: string;
  workflow: string;
  query: URLSearchParams;
}) {
  const range = rangeQuery(props.query).replace(/^\?/, '&');
  const view = useApi<UnitWasteView>(
    `/api/v1/work-units/${encodeURIComponent(props.unitId)}/waste?workflow=${encodeURIComponent(props.workflow)}${range}`,
  );
  if (view.state === 'loading') return <p aria-live="polite">Loading the waste split…</p>;
  if (view.state === 'error')
    return view.status === 404 ? (
      <section className="panel">
        <h2>Waste of this unit</h2>
        <p data-testid="unit-waste-unjudged">
          {range
            ? 'Not judged in this range: the unit started outside it, or has no outcome yet.'
            : 'Not judged yet: waste is split once the unit has an outcome.'}
        </p>
      </section>
    ) : (
      <ErrorAlert message={view.error} />
    );
  const w = view.data;
  return (
    <section className="panel" data-testid="unit-waste">
      <h2>
        Waste of this unit:{' '}
        <span data-testid="unit-waste-total">{formatUsd(w.total.usdNumber)}</span>
      </h2>
      <table>
        <tbody>
          {Object.entries(w.classes).map(([cls, amount]) => (
            <tr key={cls} title={w.definitions[cls]}>
              <th scope="row">{WASTE_LABELS[cls] ?? cls}</th>
              <td>{formatUsd(amount.usdNumber)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
