/**
 * The rule that keeps usage from being counted twice within a trace. A span's usage counts only
 * when no descendant span carries usage (roll-ups on agent/root spans and stacked wrappers of one
 * provider call defer to the deepest spans), and among spans sharing a provider response id only
 * one counts. The answer depends only on the set of spans, never on their arrival order.
 */
import type { UsageExclusion } from './priced-step.js';

export interface UsageNode {
  spanId: string;
  parentSpanId: string | null;
  hasUsage: boolean;
  responseId: string | null;
}

export function decideUsageCounting(
  nodes: readonly UsageNode[],
): Map<string, UsageExclusion | null> {
  const byId = new Map<string, UsageNode>();
  for (const node of nodes) byId.set(node.spanId, node);

  const shadowed = new Set<string>();
  for (const node of nodes) {
    if (!node.hasUsage) continue;
    const seen = new Set<string>([node.spanId]);
    let parentId = node.parentSpanId;
    while (parentId !== null && !seen.has(parentId)) {
      seen.add(parentId);
      const parent = byId.get(parentId);
      if (!parent) break;
      if (parent.hasUsage) shadowed.add(parent.spanId);
      parentId = parent.parentSpanId;
    }
  }

  const result = new Map<string, UsageExclusion | null>();
  const firstByResponse = new Map<string, string>();
  const ordered = [...nodes].sort((a, b) =>
    a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0,
  );
  for (const node of ordered) {
    if (!node.hasUsage) {
      result.set(node.spanId, null);
      continue;
    }
    if (shadowed.has(node.spanId)) {
      result.set(node.spanId, 'rolled_up');
      continue;
    }
    if (node.responseId !== null) {
      const first = firstByResponse.get(node.responseId);
      if (first !== undefined) {
        result.set(node.spanId, 'duplicate_response');
        continue;
      }
      firstByResponse.set(node.responseId, node.spanId);
    }
    result.set(node.spanId, null);
  }
  return result;
}
