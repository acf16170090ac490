/**
 * Where a workflow's spend went: productive, awaiting an outcome and each waste class, exactly as
 * the API splits it (the parts add up to the total), with each class's rule and its costliest case.
 */
import { type Amount, unitsQuery, useApi, type WasteSplit } from '../api.js';
import { formatCount, formatUsd } from '../format.js';
import { Link, withView } from '../router.js';
import { Ready } from '../status.js';
import { WASTE_LABELS } from './waste-labels.js';
import { WasteSplitBars } from './waste-split-chart.js';

interface WasteClassView extends Amount {
  count: number;
  rule: string;
  examples: { workUnitId: string; detail: string; costUsd: string }[];
}

/** The workflow's split with each class's evidence (`GET /api/v1/workflows/{w}/waste`). */
interface WorkflowWasteView extends WasteSplit {
  classes: Record<string, WasteClassView>;
}

export function WorkflowWastePanel(props: { workflow: string; query: URLSearchParams }) {
  const waste = useApi<WorkflowWasteView>(
    `/api/v1/workflows/${encodeURIComponent(props.workflow)}/waste${unitsQuery(props.query)}`,
  );
  return (
    <Ready loads={[waste]}>
      {() =>
        waste.state !== 'ready' ? null : (
          <>
            <p data-testid="workflow-waste-sentence">{waste.data.sentence}</p>
            <WasteSplitBars rows={[waste.data]} height={170} />
            <table data-testid="workflow-waste">
              <caption>
                Token spend {formatUsd(waste.data.total.usdNumber)}: productive{' '}
                {formatUsd(waste.data.productive.usdNumber)}, awaiting an outcome{' '}
                {formatUsd(waste.data.awaitingOutcome.usdNumber)}, and each class below
              </caption>
              <thead>
                <tr>
                  <th scope="col">Class</th>
                  <th scope="col">Waste</th>
                  <th scope="col">Cases</th>
                  <th scope="col">Costliest case</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(waste.data.classes).map(([c, v]) => {
                  const example = v.examples[0];
                  return (
                    <tr key={c} data-class={c} title={v.rule}>
                      <th scope="row">{WASTE_LABELS[c] ?? c}</th>
                      <td>{formatUsd(v.usdNumber)}</td>
                      <td>{formatCount(v.count)}</td>
                      <td>
                        {example ? (
                          <>
                            <Link
                              to={withView(
                                `/work-units/${encodeURIComponent(example.workUnitId)}`,
                                {
                                  workflow: props.workflow,
                                },
                              )}
                            >
                              {example.workUnitId}
                            </Link>{' '}
                            <span className="muted">{example.detail}</span>
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </>
        )
      }
    </Ready>
  );
}
