import { describe, expect, it } from 'vitest';
import { applyAttribution, LINK_KEYS, NO_ATTRIBUTION_RULES } from './attribution.js';

describe('applyAttribution', () => {
  const rules = {
    workUnitKeys: ['claim.id', 'session.id'],
    workflowKeys: ['traceloop.workflow.name'],
    attemptKeys: ['retry.count'],
  };

  it('fills the canonical keys from the first mapped key present', () => {
    const out = applyAttribution(
      {
        'session.id': 's-1',
        'claim.id': 'C-9',
        'traceloop.workflow.name': 'claims',
        'retry.count': '2',
      },
      rules,
    );
    expect(out[LINK_KEYS.workUnitId]).toBe('C-9');
    expect(out[LINK_KEYS.workflow]).toBe('claims');
    expect(out[LINK_KEYS.attempt]).toBe('2');
  });

  it('never overwrites a canonical key the span already carries, and skips empty values', () => {
    const out = applyAttribution(
      { [LINK_KEYS.workUnitId]: 'T-1', 'claim.id': '', 'session.id': 's-2' },
      rules,
    );
    expect(out[LINK_KEYS.workUnitId]).toBe('T-1');
    const second = applyAttribution({ 'claim.id': '', 'session.id': 's-2' }, rules);
    expect(second[LINK_KEYS.workUnitId]).toBe('s-2');
  });

  it('returns the same object when there is nothing to add', () => {
    const attributes = { 'user.id': 'u' };
    expect(applyAttribution(attributes, rules)).toBe(attributes);
    expect(applyAttribution({ 'claim.id': 'C' }, NO_ATTRIBUTION_RULES)).toEqual({
      'claim.id': 'C',
    });
  });
});
