/**
 * Which business attributes drive a workflow's cost and failure, ranked by the money and the
 * failures they account for, each stated as a sentence a finance reader can take as it is. The
 * sentence is built from the same numbers the finding carries.
 */
import type { WorkflowEconomics } from './workflow-economics.js';

export interface DriverFinding {
  kind: 'cost' | 'failure';
  attribute: string;
  value: string;
  units: number;
  shareOfUnits: number;
  shareOfTokenCost: number | null;
  attemptsPerResolved: number | null;
  costPerResolvedUsd: number | null;
  workflowCostPerResolvedUsd: number | null;
  failureRate: number | null;
  workflowFailureRate: number | null;
  /** Cost: (segment − workflow cost per resolved) × segment units. Failure: excess failed units. */
  excess: number;
  sentence: string;
}

export interface DriverOptions {
  unitName: string;
  /** Segments smaller than this many units are left out as noise. */
  minUnits?: number;
  limit?: number;
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${Math.round(x * 100)}%`);
const money = (x: number) => `$${x.toFixed(2)}`;
const plural = (name: string) => (/[^aeiou]y$/.test(name) ? `${name.slice(0, -1)}ies` : `${name}s`);
const capital = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

function costPerResolved(e: WorkflowEconomics): number | null {
  return e.fullyLoadedCostPerResolvedUsd ?? e.tokenCostPerResolvedUsd;
}

function failureRate(e: WorkflowEconomics): number | null {
  const decided = e.units - e.pendingUnits;
  return decided === 0 ? null : (decided - e.resolvedUnits) / decided;
}

function splitSegment(group: string): [string, string] {
  const at = group.indexOf('=');
  return at < 0 ? [group, ''] : [group.slice(0, at), group.slice(at + 1)];
}

export function rankDrivers(
  workflow: WorkflowEconomics,
  segments: readonly WorkflowEconomics[],
  options: DriverOptions,
): DriverFinding[] {
  const minUnits = options.minUnits ?? Math.max(10, Math.ceil(workflow.units * 0.02));
  const units = plural(options.unitName);
  const wfCost = costPerResolved(workflow);
  const wfFailure = failureRate(workflow);
  const findings: DriverFinding[] = [];
  for (const segment of segments) {
    if (segment.units < minUnits) continue;
    const [attribute, value] = splitSegment(segment.group);
    const segCost = costPerResolved(segment);
    const segFailure = failureRate(segment);
    const base = {
      attribute,
      value,
      units: segment.units,
      shareOfUnits: workflow.units === 0 ? 0 : segment.units / workflow.units,
      shareOfTokenCost:
        workflow.tokenCostUsd === 0 ? null : segment.tokenCostUsd / workflow.tokenCostUsd,
      attemptsPerResolved: segment.attemptsPerResolved,
      costPerResolvedUsd: segCost,
      workflowCostPerResolvedUsd: wfCost,
      failureRate: segFailure,
      workflowFailureRate: wfFailure,
    };
    const who = `${capital(units)} with ${attribute}=${value}`;
    if (segCost !== null && wfCost !== null && segCost > wfCost) {
      const against =
        workflow.bpoPricePerUnitUsd !== null
          ? `against a BPO price of ${money(workflow.bpoPricePerUnitUsd)}`
          : `against ${money(wfCost)} for all ${units}`;
      const attempts =
        segment.attemptsPerResolved === null
          ? ''
          : `; ${segment.attemptsPerResolved.toFixed(1)} attempts per resolved ${options.unitName}`;
      findings.push({
        ...base,
        kind: 'cost',
        excess: (segCost - wfCost) * segment.units,
        sentence:
          `${who}: ${pct(base.shareOfUnits)} of volume, ${pct(base.shareOfTokenCost)} of token spend${attempts}; ` +
          `${money(segCost)} per resolved ${options.unitName} ${against}.`,
      });
    }
    if (segFailure !== null && wfFailure !== null && segFailure > wfFailure) {
      const decided = segment.units - segment.pendingUnits;
      findings.push({
        ...base,
        kind: 'failure',
        excess: (segFailure - wfFailure) * decided,
        sentence:
          `${who} fail ${pct(segFailure)} of the time against ${pct(wfFailure)} overall: ` +
          `${decided - segment.resolvedUnits} of ${decided} ${units} not resolved.`,
      });
    }
  }
  const byExcess = (a: DriverFinding, b: DriverFinding) =>
    b.excess - a.excess || a.attribute.localeCompare(b.attribute);
  const limit = options.limit ?? 5;
  return [
    ...findings
      .filter((f) => f.kind === 'cost')
      .sort(byExcess)
      .slice(0, limit),
    ...findings
      .filter((f) => f.kind === 'failure')
      .sort(byExcess)
      .slice(0, limit),
  ];
}
