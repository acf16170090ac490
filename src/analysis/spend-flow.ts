/**
 * The spend flow for the API: team → workflow → model → attempt verdict, each link an exact dollar
 * amount; teams come from the workflow baselines. The links add up exactly to `total`.
 */
import { femtoToUsdNumber, femtoToUsdString } from '../domain/index.js';
import type { FlowVerdict, Store, WasteQuery } from '../store/index.js';

export const NO_TEAM = '(no team)';

export interface FlowQuery extends Pick<WasteQuery, 'workflow' | 'attribute'> {
  team?: string;
  fromUnixNano?: bigint;
  toUnixNano?: bigint;
}

export interface SpendFlowLink {
  team: string;
  workflow: string;
  model: string;
  outcome: FlowVerdict;
  usd: string;
  usdNumber: number;
  steps: number;
}

export async function buildSpendFlow(store: Store, query: FlowQuery) {
  const teams = new Map(
    (await store.listBaselines()).flatMap((b) => (b.team ? [[b.workflow, b.team] as const] : [])),
  );
  const { team, ...read } = query;
  const rows = await store.readSpendFlow(read);
  let total = 0n;
  const links: SpendFlowLink[] = [];
  for (const row of rows) {
    const owner = teams.get(row.workflow) ?? NO_TEAM;
    if (team !== undefined && owner !== team) continue;
    total += row.costFemto;
    links.push({
      team: owner,
      workflow: row.workflow,
      model: row.model ?? '(no model)',
      outcome: row.verdict,
      usd: femtoToUsdString(row.costFemto),
      usdNumber: femtoToUsdNumber(row.costFemto),
      steps: row.steps,
    });
  }
  return { total: { usd: femtoToUsdString(total), usdNumber: femtoToUsdNumber(total) }, links };
}
