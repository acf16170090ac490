/**
 * The simulated enterprise as data: five workflows of four teams, their baselines, segments,
 * telemetry conventions and the economics planted in each (see `PLANTED`).
 */
import { usdToFemto, type WorkflowBaseline } from '../domain/index.js';
import type { ConventionName } from './sim-types.js';

export interface DemoWorkflow {
  name: string;
  team: string;
  unitName: string;
  /** Work-unit id prefix (`CLM-000042`). */
  idPrefix: string;
  /** Share of work units. */
  weight: number;
  /** Baselines as decimal USD strings, the config file's shape. */
  bpoPricePerUnitUsd: string;
  laborMinutesPerUnit: number;
  loadedHourlyRateUsd: string;
  valuePerResolvedUsd: string;
  fixedCostPerAttemptUsd: string;
  /** Business attributes and the weight of each value. */
  segments: Readonly<Record<string, Readonly<Record<string, number>>>>;
  conventions: Readonly<Partial<Record<ConventionName, number>>>;
  /** The agent's name in telemetry. */
  agent: string;
}

export const WORKFLOWS: readonly DemoWorkflow[] = [
  {
    name: 'claims-adjudication',
    team: 'claims-ops',
    unitName: 'claim',
    idPrefix: 'CLM',
    weight: 0.3,
    bpoPricePerUnitUsd: '3.50',
    laborMinutesPerUnit: 18,
    loadedHourlyRateUsd: '48',
    valuePerResolvedUsd: '25',
    fixedCostPerAttemptUsd: '0.02',
    segments: {
      unusual_documents: { no: 0.82, yes: 0.18 },
      claim_type: { auto: 0.5, property: 0.3, health: 0.2 },
      region: { na: 0.5, emea: 0.35, apac: 0.15 },
    },
    conventions: { 'gen-ai': 0.6, 'gen-ai-legacy': 0.4 },
    agent: 'claims-adjudicator',
  },
  {
    name: 'support-tickets',
    team: 'customer-care',
    unitName: 'ticket',
    idPrefix: 'TKT',
    weight: 0.3,
    bpoPricePerUnitUsd: '2.20',
    laborMinutesPerUnit: 9,
    loadedHourlyRateUsd: '36',
    valuePerResolvedUsd: '6',
    fixedCostPerAttemptUsd: '0',
    segments: {
      customer_tier: { gold: 0.15, silver: 0.35, bronze: 0.5 },
      channel: { email: 0.6, chat: 0.4 },
      agent_version: { '2.4': 0.65, '2.3': 0.35 },
    },
    conventions: { traceloop: 0.7, 'gen-ai-legacy': 0.3 },
    agent: 'support-agent',
  },
  {
    name: 'contract-review',
    team: 'legal-ops',
    unitName: 'contract',
    idPrefix: 'CTR',
    weight: 0.06,
    bpoPricePerUnitUsd: '38',
    laborMinutesPerUnit: 35,
    loadedHourlyRateUsd: '85',
    valuePerResolvedUsd: '150',
    fixedCostPerAttemptUsd: '0',
    segments: {
      contract_type: { nda: 0.4, msa: 0.3, dpa: 0.2, sow: 0.1 },
      retrieval_profile: { narrow: 0.65, wide: 0.35 },
      jurisdiction: { us: 0.55, uk: 0.25, de: 0.2 },
    },
    conventions: { openinference: 1 },
    agent: 'contract-reviewer',
  },
  {
    name: 'invoice-processing',
    team: 'finance-ops',
    unitName: 'invoice',
    idPrefix: 'INV',
    weight: 0.24,
    bpoPricePerUnitUsd: '1.10',
    laborMinutesPerUnit: 6,
    loadedHourlyRateUsd: '40',
    valuePerResolvedUsd: '4',
    fixedCostPerAttemptUsd: '0.001',
    segments: {
      invoice_type: { po: 0.7, non_po: 0.3 },
      vendor_country: { us: 0.6, de: 0.2, in: 0.2 },
    },
    conventions: { langfuse: 0.6, 'gen-ai': 0.4 },
    agent: 'invoice-clerk',
  },
  {
    name: 'sales-lead-research',
    team: 'sales',
    unitName: 'lead',
    idPrefix: 'LEAD',
    weight: 0.1,
    bpoPricePerUnitUsd: '6',
    laborMinutesPerUnit: 20,
    loadedHourlyRateUsd: '55',
    valuePerResolvedUsd: '30',
    fixedCostPerAttemptUsd: '0.005',
    segments: {
      lead_router: { small: 0.5, frontier: 0.5 },
      lead_source: { inbound: 0.5, outbound: 0.3, event: 0.2 },
      region: { na: 0.6, emea: 0.4 },
    },
    conventions: { 'vercel-ai': 1 },
    agent: 'lead-researcher',
  },
];

/** What the simulator plants, in words; the truth file puts dollars on each. */
export const PLANTED = {
  retryBeyondBpo:
    'claims-adjudication: claims with unusual_documents=yes need 4–6 extraction calls of ~45k tokens per attempt and succeed 18% of attempts (6 at most), so a resolved claim costs more than the $3.50 BPO price',
  overPoweredRouting:
    'sales-lead-research: classify-lead runs on claude-opus-4-1 for lead_router=frontier and on claude-haiku-4-5 for lead_router=small, with the same success rate',
  loops: 'support-tickets: 10% of attempts call get_order 3–7 more times with the same arguments',
  contextBloat:
    'contract-review: retrieval_profile=wide retrieves 40 clauses where 8 are used; support-tickets: agent_version=2.3 re-sends the whole history every turn',
  cacheMisses:
    'contract-review: draft-redlines sends the same 10,000-token playbook prefix uncached to Anthropic on every call',
  abandoned: 'support-tickets and sales-lead-research: some units are abandoned mid-way',
  expand: 'invoice-processing: cheap, 96% attempt success, far below its BPO price',
  keepHuman:
    'contract-review: 30% attempt success and 25-minute lawyer reviews put its fully loaded cost per resolved contract above in-house labour',
} as const;

export function findWorkflow(name: string): DemoWorkflow {
  const found = WORKFLOWS.find((w) => w.name === name);
  if (!found) throw new RangeError(`no demo workflow ${name}`);
  return found;
}

export function toWorkflowBaseline(w: DemoWorkflow): WorkflowBaseline {
  return {
    workflow: w.name,
    team: w.team,
    unitName: w.unitName,
    bpoPricePerUnitFemto: usdToFemto(w.bpoPricePerUnitUsd),
    laborMinutesPerUnit: w.laborMinutesPerUnit,
    loadedHourlyRateFemto: usdToFemto(w.loadedHourlyRateUsd),
    valuePerResolvedFemto: usdToFemto(w.valuePerResolvedUsd),
    fixedCostPerAttemptFemto: usdToFemto(w.fixedCostPerAttemptUsd),
  };
}

/** The body of `PUT /api/v1/workflows/{workflow}/baseline`. */
export function toBaselineBody(w: DemoWorkflow): Record<string, string | number> {
  return {
    team: w.team,
    unitName: w.unitName,
    bpoPricePerUnitUsd: w.bpoPricePerUnitUsd,
    laborMinutesPerUnit: w.laborMinutesPerUnit,
    loadedHourlyRateUsd: w.loadedHourlyRateUsd,
    valuePerResolvedUsd: w.valuePerResolvedUsd,
    fixedCostPerAttemptUsd: w.fixedCostPerAttemptUsd,
  };
}

export const DEFAULT_END = '2026-11-27T00:00:00Z';
export const DAYS = 90;
