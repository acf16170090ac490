import { describe, expect, it } from 'vitest';
import type { Attributes, OtlpSpan } from '../../domain/index.js';
import { collectBusinessAttributes } from './business-attributes.js';

function span(attributes: Attributes, resource: Attributes = {}): OtlpSpan {
  return {
    traceId: '0'.repeat(32),
    spanId: '1'.repeat(16),
    parentSpanId: null,
    name: 's',
    kind: 1,
    startTimeUnixNano: 0n,
    endTimeUnixNano: 0n,
    attributes,
    events: [],
    statusCode: 0,
    statusMessage: '',
    resource,
    scope: { name: '', version: '' },
  };
}

describe('collectBusinessAttributes', () => {
  it('keeps baggage and business keys, drops instrumentation detail and resource noise', () => {
    const attributes = collectBusinessAttributes(
      span(
        {
          'claim.id': 'C-1',
          tenant: 'acme',
          'gen_ai.request.model': 'gpt-4o',
          'llm.token_count.prompt': 3,
          'http.method': 'POST',
          'tag.tags': ['a', 1, true],
          'ai.telemetry.metadata.ticket': 'T-1',
          'tokenledger.outcome': 'won',
          metadata: { region: 'eu', nested: { x: 1 } },
          'structured.value': { a: 1 },
        },
        {
          'service.name': 'svc',
          'host.name': 'h',
          'k8s.pod.name': 'p',
          'cloud.region': 'eu-west-1',
        },
      ),
    );
    expect(attributes).toEqual({
      'claim.id': 'C-1',
      tenant: 'acme',
      'tag.tags': 'a,1,true',
      'ai.telemetry.metadata.ticket': 'T-1',
      'tokenledger.outcome': 'won',
      'metadata.region': 'eu',
      'metadata.nested': '{"x":1}',
      'service.name': 'svc',
      'cloud.region': 'eu-west-1',
    });
  });

  it('caps at 128 keys with tokenledger and business keys first, and truncates values at 512', () => {
    const many: Attributes = {};
    for (let i = 0; i < 200; i++) many[`baggage.k${i}`] = 'v';
    many['tokenledger.outcome'] = 'x'.repeat(600);
    const attributes = collectBusinessAttributes(span(many, { 'service.name': 'svc' }));
    expect(Object.keys(attributes)).toHaveLength(128);
    expect(attributes['tokenledger.outcome']).toHaveLength(512);
    expect(attributes['baggage.k126']).toBe('v');
    expect(attributes['baggage.k127']).toBeUndefined();
    expect(attributes['service.name']).toBeUndefined();
  });

  it('span attributes win over resource attributes of the same key', () => {
    expect(collectBusinessAttributes(span({ team: 'a' }, { team: 'b' }))).toEqual({ team: 'a' });
  });
});
