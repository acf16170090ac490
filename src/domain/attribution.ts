/**
 * How a trace is linked to a work unit. Spans carry the canonical keys below, directly or through
 * baggage; the user's config may map keys they already send onto them. Mapping happens once, at
 * capture, so the store and the reports only ever read the canonical keys.
 */

export const LINK_KEYS = {
  workUnitId: 'tokenledger.work_unit.id',
  workflow: 'tokenledger.workflow',
  attempt: 'tokenledger.attempt',
} as const;

export interface AttributionRules {
  /** Keys tried in order when `tokenledger.work_unit.id` is absent (e.g. `session.id`). */
  workUnitKeys: readonly string[];
  /** Keys tried in order when `tokenledger.workflow` is absent (e.g. `traceloop.workflow.name`). */
  workflowKeys: readonly string[];
  /** Keys tried in order when `tokenledger.attempt` is absent. */
  attemptKeys: readonly string[];
}

export const NO_ATTRIBUTION_RULES: AttributionRules = {
  workUnitKeys: [],
  workflowKeys: [],
  attemptKeys: [],
};

/**
 * Returns `attributes` with the canonical link keys filled from the first mapped key present, or
 * the same object when nothing is added. Keys already present are never overwritten.
 */
export function applyAttribution(
  attributes: Record<string, string>,
  rules: AttributionRules,
): Record<string, string> {
  let result = attributes;
  const fill = (canonical: string, keys: readonly string[]) => {
    if (attributes[canonical] !== undefined) return;
    for (const key of keys) {
      const value = attributes[key];
      if (value !== undefined && value !== '') {
        if (result === attributes) result = { ...attributes };
        result[canonical] = value;
        return;
      }
    }
  };
  fill(LINK_KEYS.workUnitId, rules.workUnitKeys);
  fill(LINK_KEYS.workflow, rules.workflowKeys);
  fill(LINK_KEYS.attempt, rules.attemptKeys);
  return result;
}
