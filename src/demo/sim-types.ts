/**
 * What the simulator intends: work units, their attempts (one trace each) and the calls inside
 * them, with the planted waste marked. Spans, outcomes and the truth file are all derived from these.
 */

/** The telemetry conventions the simulator writes, each as telemetry-mapping.md §1 describes it. */
export const CONVENTIONS = [
  'gen-ai',
  'gen-ai-legacy',
  'openinference',
  'traceloop',
  'vercel-ai',
  'langfuse',
] as const;
export type ConventionName = (typeof CONVENTIONS)[number];

/** Token counts in tokenledger's inclusive convention: input includes cache, output reasoning. */
export interface SimUsage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  reasoning: number;
}

export type CallKind = 'llm' | 'embedding' | 'tool' | 'retrieval' | 'human';

/** The waste planted on a call; the truth file turns each into dollars (see truth definitions). */
export type PlantedWaste =
  | { kind: 'loop' }
  | { kind: 'bloat-candidate' }
  | { kind: 'over-powered'; cheaperModel: string; cheaperProvider: string }
  | { kind: 'cache-miss'; prefixTokens: number };

export interface SimCall {
  kind: CallKind;
  /** The logical step (`extract`, `classify-lead`), sent as `tokenledger.step.name`. */
  step: string;
  model: string | null;
  provider: string | null;
  usage: SimUsage | null;
  toolName: string | null;
  toolArgs: string | null;
  documents: { id: string; score: number }[] | null;
  humanMinutes: number | null;
  decision: { rule: string; precedent: string | null } | null;
  startNs: bigint;
  durationNs: bigint;
  error: boolean;
  planted: PlantedWaste | null;
}

/** Which span of the attempt carries the work-unit link: the root, one child, or every span. */
export type LinkPlacement = 'root' | 'child' | 'all';

export interface SimAttempt {
  traceId: string;
  number: number;
  /** True for the one attempt that produced an AI resolution. */
  success: boolean;
  convention: ConventionName;
  link: LinkPlacement;
  startNs: bigint;
  endNs: bigint;
  calls: SimCall[];
}

/** One record of `POST /v1/outcomes`, exactly as sent. */
export interface OutcomeRecord {
  workUnitId: string;
  workflow: string;
  status: 'resolved' | 'failed' | 'escalated' | 'abandoned';
  resolvedBy?: 'ai' | 'human' | 'bpo';
  humanMinutes?: number;
  reviewMinutes?: number;
  correctionMinutes?: number;
  overridden: boolean;
  attributes: Record<string, string>;
  occurredAt: string;
}

export interface SimUnit {
  workflow: string;
  workUnitId: string;
  /** Business attributes (segments) of the unit, on its outcome and its root spans. */
  attributes: Record<string, string>;
  attempts: SimAttempt[];
  outcome: OutcomeRecord;
}
