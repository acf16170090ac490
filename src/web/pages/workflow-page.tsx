/**
 * One workflow: its economics, cost per resolved outcome over time against the BPO price, the
 * drivers as sentences, segments per business attribute, and its most expensive work units.
 */
import {
  type Economics,
  filtersTitle,
  type UnitSummary,
  unitsQuery,
  useApi,
  type WorkflowDetail,
} from '../api.js';
import { formatCount, formatDay, formatShare, formatUsd } from '../format.js';
import { Link, withView } from '../router.js';
import { Ready } from '../status.js';
import { CostDistributionPanel } from './cost-distribution-chart.js';
import { CostSeriesChart } from './cost-series-chart.js';
import { WorkflowWastePanel } from './workflow-waste-panel.js';

function Figures(props: { w: Economics }) {
  const { w } = props;
  const figures: [string, string][] = [
    ['Units', formatCount(w.units)],
    ['Resolved', formatCount(w.resolvedUnits)],
    ['Attempt success', formatShare(w.attemptSuccessRate)],
    ['First-pass success', formatShare(w.firstPassRate)],
    [
      'Attempts per resolved',
      w.attemptsPerResolved === null ? '—' : w.attemptsPerResolved.toFixed(2),
    ],
    ['Token spend', formatUsd(w.tokenCostUsd)],
    ['Fully loaded cost per resolved', formatUsd(w.fullyLoadedCostPerResolvedUsd)],
    ['BPO price', formatUsd(w.bpoPricePerUnitUsd)],
    ['Labour cost per unit', formatUsd(w.laborCostPerUnitUsd)],
  ];
  figures.push(
    ['Token cost per unit, median', formatUsd(w.costSpread.p50)],
    ['Token cost per unit, p95', formatUsd(w.costSpread.p95)],
    ['Token cost per unit, max', formatUsd(w.costSpread.max)],
  );
  return (
    <div className="cards">
      {figures.map(([label, figure]) => (
        <div className="card" key={label}>
          <div className="label">{label}</div>
          <div className="figure">{figure}</div>
        </div>
      ))}
    </div>
  );
}

function Segments(props: { segments: Record<string, Economics[]> }) {
  return (
    <>
      {Object.entries(props.segments).map(([attribute, rows]) => (
        <table key={attribute} data-testid={`segments-${attribute}`}>
          <caption>Segments by {attribute}</caption>
          <thead>
            <tr>
              <th scope="col">{attribute}</th>
              <th scope="col">Units</th>
              <th scope="col">Resolved</th>
              <th scope="col">Token spend</th>
              <th scope="col">Fully loaded cost per resolved</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.group}>
                <td>{s.group.slice(attribute.length + 1)}</td>
                <td>{formatCount(s.units)}</td>
                <td>{formatCount(s.resolvedUnits)}</td>
                <td>{formatUsd(s.tokenCostUsd)}</td>
                <td>{formatUsd(s.fullyLoadedCostPerResolvedUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </>
  );
}

function CostliestUnits(props: { workflow: string; query: URLSearchParams }) {
  const params = new URLSearchParams({ workflow: props.workflow, sort: '-cost', limit: '10' });
  const range = unitsQuery(props.query).slice(1);
  const units = useApi<{ matched: number; units: UnitSummary[] }>(
    `/api/v1/work-units?${params.toString()}${range ? `&${range}` : ''}`,
  );
  return (
    <Ready loads={[units]}>
      {() =>
        units.state === 'ready' ? (
          <table data-testid="costliest-units">
            <caption>
              The {units.data.units.length} most expensive of {formatCount(units.data.matched)} work
              units
            </caption>
            <thead>
              <tr>
                <th scope="col">Work unit</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Token cost</th>
                <th scope="col">First activity</th>
              </tr>
            </thead>
            <tbody>
              {units.data.units.map((u) => (
                <tr key={u.workUnitId}>
                  <td>
                    <Link
                      to={withView(`/work-units/${encodeURIComponent(u.workUnitId)}`, {
                        workflow: props.workflow,
                      })}
                    >
                      {u.workUnitId}
                    </Link>
                  </td>
                  <td>{u.resolvedBy ? `${u.status} by ${u.resolvedBy}` : u.status}</td>
                  <td>{formatCount(u.attempts)}</td>
                  <td>{formatUsd(u.tokenCostUsd)}</td>
                  <td>{formatDay(u.firstActivity)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null
      }
    </Ready>
  );
}

export function WorkflowPage(props: { name: string; query: URLSearchParams }) {
  const detail = useApi<WorkflowDetail>(
    `/api/v1/workflows/${encodeURIComponent(props.name)}${unitsQuery(props.query)}`,
  );
  return (
    <>
      <h1>
        Workflow: {props.name}
        {filtersTitle(props.query)}
      </h1>
      <Ready loads={[detail]}>
        {() =>
          detail.state === 'ready' ? (
            <>
              <Figures w={detail.data.workflow} />
              <section className="panel">
                <h2>Cost per resolved outcome over time</h2>
                <CostSeriesChart detail={detail.data} />
              </section>
              <section className="panel">
                <h2>Cost per work unit: the spread the bill hides</h2>
                <CostDistributionPanel workflow={props.name} query={props.query} />
              </section>
              <section className="panel">
                <h2>Drivers</h2>
                {detail.data.drivers.length === 0 ? (
                  <p>No segment stands out from the workflow.</p>
                ) : (
                  <ul data-testid="drivers">
                    {detail.data.drivers.map((d) => (
                      <li key={`${d.kind} ${d.attribute}=${d.value}`}>{d.sentence}</li>
                    ))}
                  </ul>
                )}
              </section>
              <section className="panel">
                <h2>Waste</h2>
                <WorkflowWastePanel workflow={props.name} query={props.query} />
              </section>
              <section className="panel">
                <h2>Segments</h2>
                <Segments segments={detail.data.segments} />
              </section>
              <section className="panel">
                <h2>Work units</h2>
                <p>
                  <Link
                    to={withView(`/workflows/${encodeURIComponent(props.name)}/units`)}
                    className="search-units"
                  >
                    Search all work units of {props.name}
                  </Link>{' '}
                  by status, cost, model, tool or decision rule.
                </p>
                <CostliestUnits workflow={props.name} query={props.query} />
              </section>
            </>
          ) : null
        }
      </Ready>
    </>
  );
}
