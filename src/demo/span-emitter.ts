/**
 * Turns an intended attempt into its spans: the convention's root, one span per call (AI SDK v7
 * adds a `step {n}` span around each model call), the work-unit link placed on the root, on one
 * child or on every span, and the attempt number, step names and decision attributes.
 */
import { type Attr, callShape, type SpanShape } from './convention-shapes.js';
import { findWorkflow } from './enterprise.js';
import { mix32 } from './prng.js';
import { rootShape, vercelStepShape } from './root-shapes.js';
import type { SimAttempt, SimCall } from './sim-types.js';

export interface SpanOut {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: 1 | 3;
  startNs: bigint;
  endNs: bigint;
  attributes: readonly Attr[];
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  status: 0 | 1 | 2;
  service: string;
  scope: string;
  /** The intended call this span reports, or null for a root or AI SDK step span (not encoded). */
  callIndex: number | null;
}

/** The unit an attempt belongs to; null for an unattributed trace. */
export interface UnitLink {
  workflow: string;
  workUnitId: string;
  attributes: Readonly<Record<string, string>>;
}

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

export function spanIdOf(traceId: string, index: number): string {
  return `${hex8(mix32(Number.parseInt(traceId.slice(16, 24), 16) ^ Number.parseInt(traceId.slice(24), 16)))}${hex8(index + 1)}`;
}

/** Spans this attempt becomes, without building them. */
export function spanCountOf(attempt: SimAttempt): number {
  const steps =
    attempt.convention === 'vercel-ai' ? attempt.calls.filter((c) => c.kind === 'llm').length : 0;
  return 1 + attempt.calls.length + steps;
}

export function emitAttempt(attempt: SimAttempt, unit: UnitLink | null): SpanOut[] {
  const workflow = unit?.workflow ?? 'offline-eval';
  const agent = unit === null ? 'eval-harness' : findWorkflow(workflow).agent;
  const service = `${workflow}-service`;
  const link: Attr[] =
    unit === null
      ? []
      : [
          ['tokenledger.work_unit.id', unit.workUnitId],
          ['tokenledger.workflow', unit.workflow],
        ];
  const attemptAttr: Attr[] = unit === null ? [] : [['tokenledger.attempt', attempt.number]];
  const linkOnChild = attempt.link === 'child' ? attempt.calls.length - 1 : -1;
  const spans: SpanOut[] = [];
  const push = (
    shape: SpanShape,
    parent: string | null,
    start: bigint,
    end: bigint,
    extra: Attr[],
    status: 0 | 1 | 2,
    callIndex: number | null = null,
  ) => {
    const spanId = spanIdOf(attempt.traceId, spans.length);
    spans.push({
      traceId: attempt.traceId,
      spanId,
      parentSpanId: parent,
      name: shape.name,
      kind: shape.kind,
      startNs: start,
      endNs: end,
      attributes: [...shape.attributes, ...extra],
      status,
      service,
      scope: shape.scope,
      callIndex,
    });
    return spanId;
  };
  const root = rootShape(attempt.convention, agent, workflow, attempt.calls);
  const segments: Attr[] = unit === null ? [] : Object.entries(unit.attributes);
  const rootLink = attempt.link === 'child' ? [] : link;
  const rootId = push(
    root,
    null,
    attempt.startNs,
    attempt.endNs,
    [...rootLink, ...attemptAttr, ...segments],
    attempt.success || unit === null ? 1 : 2,
  );
  let parent = rootId;
  let stepNumber = 0;
  attempt.calls.forEach((call, i) => {
    const end = call.startNs + call.durationNs;
    if (attempt.convention === 'vercel-ai' && call.kind === 'llm') {
      parent = push(vercelStepShape(stepNumber++), rootId, call.startNs, end, attemptAttr, 0);
    }
    const extra: Attr[] = [
      ...(attempt.link === 'all' || i === linkOnChild ? link : []),
      ...attemptAttr,
      ...callDetail(call),
    ];
    const shape = callShape(
      attempt.convention,
      call,
      `${attempt.traceId.slice(24)}_${i}`,
      workflow,
    );
    push(shape, parent, call.startNs, end, extra, call.error ? 2 : 0, i);
  });
  return spans;
}

function callDetail(call: SimCall): Attr[] {
  const out: Attr[] = [['tokenledger.step.name', call.step]];
  if (call.decision) {
    out.push(['tokenledger.decision.rule', call.decision.rule]);
    if (call.decision.precedent !== null)
      out.push(['tokenledger.decision.precedent', call.decision.precedent]);
  }
  return out;
}
