/**
 * The rule that keeps usage from being counted twice within a trace. A span's usage counts only
 * when no descendant span carries usage (roll-ups on agent/root spans defer to the spans below);
 * two nested model-call spans reporting the same tokens are one call seen by two stacked
 * instrumentations, and the one with the richer usage detail counts; among spans sharing a
 * provider response id only one counts. The answer depends only on the set of spans, never on
 * their arrival order.
 */
import type { UsageExclusion } from './priced-step.js';
import { hasUsage, type Step, type StepKind, usageDetail } from './step.js';

export interface UsageNode {
  spanId: string;
  parentSpanId: string | null;
  kind: StepKind;
  hasUsage: boolean;
  inputTokens: number | null;
  outputTokens: number | null;
  /** How many of cache read, cache write and reasoning counts the span reports (0–3). */
  usageDetail: number;
  responseId: string | null;
}

const isModelCall = (kind: StepKind) => kind === 'llm' || kind === 'embedding';

export function decideUsageCounting(
  nodes: readonly UsageNode[],
): Map<string, UsageExclusion | null> {
  const byId = new Map<string, UsageNode>();
  for (const node of nodes) byId.set(node.spanId, node);

  const usageBelow = new Map<string, number>();
  const nearestUsageAncestor = new Map<string, UsageNode>();
  for (const node of nodes) {
    if (!node.hasUsage) continue;
    const seen = new Set<string>([node.spanId]);
    let parentId = node.parentSpanId;
    while (parentId !== null && !seen.has(parentId)) {
      seen.add(parentId);
      const parent = byId.get(parentId);
      if (!parent) break;
      usageBelow.set(parent.spanId, (usageBelow.get(parent.spanId) ?? 0) + 1);
      if (parent.hasUsage && !nearestUsageAncestor.has(node.spanId))
        nearestUsageAncestor.set(node.spanId, parent);
      parentId = parent.parentSpanId;
    }
  }

  const result = new Map<string, UsageExclusion | null>();
  const stackedWinners = new Set<string>();
  for (const [childId, parent] of nearestUsageAncestor) {
    const child = byId.get(childId);
    if (!child || !isStackedPair(parent, child, usageBelow)) continue;
    const parentWins = parent.usageDetail > child.usageDetail;
    result.set(parentWins ? child.spanId : parent.spanId, 'stacked_duplicate');
    stackedWinners.add(parentWins ? parent.spanId : child.spanId);
  }

  const firstByResponse = new Map<string, string>();
  const ordered = [...nodes].sort((a, b) =>
    a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0,
  );
  for (const node of ordered) {
    if (result.has(node.spanId)) continue;
    const below = usageBelow.get(node.spanId) ?? 0;
    if (
      below > 0 &&
      !stackedWinners.has(node.spanId) &&
      (node.hasUsage || isModelCall(node.kind))
    ) {
      result.set(node.spanId, 'rolled_up');
      continue;
    }
    if (node.hasUsage && node.responseId !== null) {
      if (firstByResponse.has(node.responseId)) {
        result.set(node.spanId, 'duplicate_response');
        continue;
      }
      firstByResponse.set(node.responseId, node.spanId);
    }
    result.set(node.spanId, null);
  }
  return result;
}

/** One provider call reported by two nested instrumentations: same tokens, nothing else below. */
function isStackedPair(
  parent: UsageNode,
  child: UsageNode,
  usageBelow: Map<string, number>,
): boolean {
  return (
    isModelCall(parent.kind) &&
    isModelCall(child.kind) &&
    parent.inputTokens !== null &&
    parent.inputTokens === child.inputTokens &&
    parent.outputTokens === child.outputTokens &&
    (usageBelow.get(parent.spanId) ?? 0) === 1
  );
}

/** The fields of a step that the counting rule reads. */
export function usageNodeOf(step: Step): UsageNode {
  return {
    spanId: step.spanId,
    parentSpanId: step.parentSpanId,
    kind: step.kind,
    hasUsage: hasUsage(step.usage),
    inputTokens: step.usage.inputTokens,
    outputTokens: step.usage.outputTokens,
    usageDetail: usageDetail(step.usage),
    responseId: step.responseId,
  };
}
