/**
 * Reads the tokenledger REST API. The browser formats figures; it never recomputes them, so these
 * types name only the fields the pages show.
 */
import { useEffect, useState } from 'react';

export interface Economics {
  group: string;
  workflow: string;
  team: string | null;
  units: number;
  resolvedUnits: number;
  attempts: number;
  attemptSuccessRate: number | null;
  firstPassRate: number | null;
  attemptsPerResolved: number | null;
  costSpread: { p50: number | null; p95: number | null; max: number | null };
  tokenCostUsd: number;
  tokenCostPerResolvedUsd: number | null;
  fullyLoadedCostPerResolvedUsd: number | null;
  bpoPricePerUnitUsd: number | null;
  laborCostPerUnitUsd: number | null;
  valuePerInferenceDollar: number | null;
  unpricedSteps: number;
}

export interface SpendTotals {
  steps: number;
  costUsd: number;
  costUsdExact: string;
  attributedCostUsd: number;
  unattributedCostUsd: number;
  unpricedSteps: number;
  unpricedInputTokens: number;
  unpricedOutputTokens: number;
}

export interface Driver {
  attribute: string;
  value: string;
  kind: string;
  sentence: string;
}

export interface WorkflowDetail {
  workflow: Economics;
  segments: Record<string, Economics[]>;
  drivers: Driver[];
  series: Economics[];
}

/** `/api/v1/workflows/{workflow}/daily`: the detail's economics and series alone. */
export type WorkflowDaily = Pick<WorkflowDetail, 'workflow' | 'series'>;

export interface UnitSummary {
  workUnitId: string;
  status: string;
  resolvedBy: string | null;
  attempts: number;
  tokenCostUsd: number;
  firstActivity: string;
}

export interface CostDistribution {
  workflow: string;
  units: number;
  zeroCostUnits: number;
  bands: {
    fromUsd: number;
    toUsd: number;
    fromUsdExact: string;
    units: number;
    resolvedUnits: number;
    unresolvedUnits: number;
    awaitingOutcomeUnits: number;
    tokenCostUsd: number;
    unitShare: number | null;
    costShare: number | null;
  }[];
}

export interface UnitStep {
  spanId: string;
  parentSpanId: string | null;
  kind: string;
  name: string;
  model: string | null;
  toolName: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number;
  priced: boolean;
  pricingStatus: string;
  durationMs: number;
  status: string;
  statusMessage: string;
}

export interface UnitAttempt {
  attempt: number;
  startTime: string;
  costUsd: number;
  errorSteps: number;
  steps: UnitStep[];
}

export interface WorkUnit {
  workUnitId: string;
  workflow: string;
  tokenCostUsd: number;
  humanMinutes: number;
  attempts: UnitAttempt[];
  outcome: { status: string; resolvedBy: string | null; overridden: boolean } | null;
}

export class ApiError extends Error {
  constructor(
    readonly path: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function getJson<T>(path: string): Promise<T> {
  return fetchJson<T>(path, { headers: { accept: 'application/json' } });
}

/** Fetches; a non-2xx answer throws an ApiError carrying the API's own message. */
async function fetchText(
  path: string,
  init: RequestInit,
): Promise<{ text: string; headers: Headers }> {
  const response = await fetch(path, init);
  const text = await response.text();
  if (!response.ok) {
    let message = text;
    try {
      message = (JSON.parse(text) as { error?: string }).error ?? text;
    } catch {}
    throw new ApiError(path, response.status, `${response.status} from ${path}: ${message}`);
  }
  return { text, headers: response.headers };
}

async function fetchJson<T>(path: string, init: RequestInit): Promise<T> {
  return JSON.parse((await fetchText(path, init)).text) as T;
}

/** API range parameters (from/to) for the view's since/until. */
export function rangeQuery(query: URLSearchParams): string {
  const out = new URLSearchParams();
  const since = query.get('since');
  const until = query.get('until');
  if (since) out.set('from', since);
  if (until) out.set('to', until);
  const text = out.toString();
  return text ? `?${text}` : '';
}

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'error'; error: string; status: number | null }
  /** `staleSince`: the report was computed then, before the latest data (it is refreshing). */
  | { state: 'ready'; data: T; staleSince?: string | null };

export function useApi<T>(path: string | null): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setLoaded({ state: 'loading' });
    fetchText(path, { headers: { accept: 'application/json' } }).then(
      ({ text, headers }) =>
        live &&
        setLoaded({
          state: 'ready',
          data: JSON.parse(text) as T,
          staleSince:
            headers.get('x-tokenledger-stale') === 'true'
              ? headers.get('x-tokenledger-computed-at')
              : null,
        }),
      (error: unknown) =>
        live &&
        setLoaded({
          state: 'error',
          error: error instanceof Error ? error.message : String(error),
          status: error instanceof ApiError ? error.status : null,
        }),
    );
    return () => {
      live = false;
    };
  }, [path]);
  return loaded;
}

/** One budget where it stands this period (`GET /api/v1/budgets/status`); money as decimal strings. */
export interface BudgetStatus {
  id: string;
  team: string | null;
  workflow: string | null;
  period: 'day' | 'week' | 'month';
  periodStart: string;
  periodEnd: string;
  amountUsd: string;
  burnUsd: string;
  unpricedSteps: number;
  remainingUsd: string;
  percent: number;
  forecastP50Usd: number;
  forecastP95Usd: number;
  forecastObservedDays: number;
  thresholds: number[];
  crossed: string[];
}

export interface Recommendation {
  workflow: string;
  kind: string;
  explanation: string;
  figures: Record<string, string | number | null>;
  perMonthUsd: string | null;
}

export interface AttemptPoint {
  attempt: number;
  reached: number;
  succeeded: number;
  conditionalSuccessRate: number;
  attemptCostUsd: string;
  reachProbability: number;
  expectedCostUsd: string;
  fallbackSavingUsd: string | null;
  netValueUsd: string | null;
  enoughEvidence: boolean;
}

export interface MarginalView {
  workflow: string;
  units: number;
  aiResolvedUnits: number;
  attemptCurve: AttemptPoint[];
  fallback: { kind: 'human' | 'bpo'; costPerUnitUsd: string; statement: string } | null;
  retryCaps: {
    caps: { cap: number; expectedCostPerUnitUsd: string }[];
    optimalCap: number;
    observedMaxAttempts: number;
    savingPerUnitUsd: string;
  } | null;
  evidence: string[];
}

export interface AllocationScenario {
  aiResolvedUnits: number;
  unitsElsewhere: number;
  aiCostUsd: string;
  fallbackCostUsd: string;
  totalCostUsd: string;
  outcomeValueUsd: string | null;
}

export interface WorkflowAllocation {
  workflow: string;
  volume: number;
  fallback: 'human' | 'bpo';
  fallbackCostPerUnitUsd: string;
  retryCap: number;
  fundedShare: number[];
  plan: AllocationScenario;
  today: AllocationScenario;
  savingUsd: string;
}

export interface AllocationPlan {
  budgetUsd: string;
  period: 'day' | 'week' | 'month';
  workflows: WorkflowAllocation[];
  total: { plan: AllocationScenario; today: AllocationScenario; savingUsd: string };
  unspentUsd: string;
  excluded: { workflow: string; reason: string }[];
  method: string;
}

/** POSTs a JSON body; errors carry the API's own message, as getJson's do. */
export function postJson<T>(path: string, body: unknown): Promise<T> {
  return fetchJson<T>(path, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export interface Amount {
  usd: string;
  usdNumber: number;
}

export interface WasteSplit {
  workflow: string;
  total: Amount;
  productive: Amount;
  awaitingOutcome: Amount;
  classes: Record<string, Amount>;
  sentence: string;
}

export interface SpendFlowLink {
  team: string;
  workflow: string;
  model: string;
  outcome: string;
  usd: string;
  usdNumber: number;
}

export interface SpendFlow {
  total: Amount;
  links: SpendFlowLink[];
}

/** The view's attr.KEY=value filters, as the URL (and the API) spell them. */
export const attributeParams = (query: URLSearchParams): [string, string][] =>
  [...query].filter(([key, value]) => key.startsWith('attr.') && value !== '');

/** The view's attr.KEY filters as "KEY = value", for a page to say what it shows. */
export const attributeFilters = (query: URLSearchParams): string[] =>
  attributeParams(query).map(([key, value]) => `${key.slice(5)} = ${value}`);

/** A page title's ending naming the view's attr.KEY filters (": KEY = value"), else ''. */
export function filtersTitle(query: URLSearchParams): string {
  const filters = attributeFilters(query);
  return filters.length > 0 ? `: ${filters.join(', ')}` : '';
}

/** The view's range and its attr.KEY filter: what the unit reports narrow by on the server. */
export function unitsQuery(query: URLSearchParams): string {
  const out = new URLSearchParams(rangeQuery(query));
  for (const [key, value] of attributeParams(query)) out.set(key, value);
  const text = out.toString();
  return text ? `?${text}` : '';
}

/** The view's range and filters (team, workflow, attr.KEY) as API query parameters. */
export function viewQuery(query: URLSearchParams): string {
  const out = new URLSearchParams(rangeQuery(query));
  for (const key of ['team', 'workflow']) {
    const value = query.get(key);
    if (value) out.set(key, value);
  }
  for (const [key, value] of attributeParams(query)) out.set(key, value);
  const text = out.toString();
  return text ? `?${text}` : '';
}
