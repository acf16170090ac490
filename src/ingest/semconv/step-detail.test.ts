import { describe, expect, it } from 'vitest';
import type { Attributes, OtlpSpan } from '../../domain/index.js';
import { normalizeSpan } from './normalize-span.js';
import { fingerprintOf } from './step-detail.js';

function span(name: string, attributes: Attributes, scope = 'x'): OtlpSpan {
  return {
    traceId: '3f2a0c1d4e5b6a7980a1b2c3d4e5f607',
    spanId: 'a1b2c3d4e5f60718',
    parentSpanId: null,
    name,
    kind: 1,
    startTimeUnixNano: 10n,
    endTimeUnixNano: 20n,
    attributes,
    events: [],
    statusCode: 1,
    statusMessage: '',
    resource: { 'service.name': 'svc' },
    scope: { name: scope, version: '' },
  };
}

function stepOf(name: string, attributes: Attributes, scope?: string) {
  const result = normalizeSpan(span(name, attributes, scope));
  if (!result.ok) throw new Error(result.error);
  return result.step;
}

describe('step detail', () => {
  it('names the logical step from tokenledger.step.name, else the entity name, else the span', () => {
    const named = stepOf('chat gpt-4o', {
      'gen_ai.operation.name': 'chat',
      'tokenledger.step.name': 'classify',
    });
    expect(named.stepName).toBe('classify');
    const entity = stepOf('lookup.tool', {
      'traceloop.span.kind': 'tool',
      'traceloop.entity.name': 'lookup',
    });
    expect(entity.stepName).toBe('lookup');
    expect(stepOf('chat gpt-4o', { 'gen_ai.operation.name': 'chat' }).stepName).toBe('chat gpt-4o');
  });

  it('fingerprints a tool call by tool name and arguments, the same in every convention key', () => {
    const args = '{"policy":"P-7"}';
    const genAi = stepOf('execute_tool lookup', {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'lookup',
      'gen_ai.tool.call.arguments': args,
    });
    const openInference = stepOf('lookup', {
      'openinference.span.kind': 'TOOL',
      'tool.name': 'lookup',
      'input.value': args,
    });
    expect(genAi.kind).toBe('tool');
    expect(genAi.fingerprint).toBe(fingerprintOf('lookup', args));
    expect(openInference.fingerprint).toBe(genAi.fingerprint);
    expect(genAi.argumentBytes).toBe(16);
    const other = stepOf('execute_tool lookup', {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'lookup',
      'gen_ai.tool.call.arguments': '{"policy":"P-8"}',
    });
    expect(other.fingerprint).not.toBe(genAi.fingerprint);
  });

  it('counts argument bytes in UTF-8', () => {
    const step = stepOf('execute_tool t', {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 't',
      'gen_ai.tool.call.arguments': '{"q":"é"}',
    });
    expect(step.argumentBytes).toBe(10);
  });

  it('reads retrieved documents as a GenAI JSON list and as OpenInference flattened keys', () => {
    const genAi = stepOf('retrieval policy-index', {
      'gen_ai.operation.name': 'retrieval',
      'gen_ai.retrieval.documents': JSON.stringify([
        { id: 'POL-1', score: 0.91 },
        { id: 'POL-2', score: 0.5 },
      ]),
    });
    expect(genAi.kind).toBe('retrieval');
    expect(genAi.documents).toEqual([
      { id: 'POL-1', score: 0.91 },
      { id: 'POL-2', score: 0.5 },
    ]);
    const openInference = stepOf('VectorStoreRetriever', {
      'openinference.span.kind': 'RETRIEVER',
      'retrieval.documents.0.document.id': 'D-1',
      'retrieval.documents.0.document.score': 0.8,
      'retrieval.documents.1.document.id': 'D-2',
    });
    expect(openInference.documents).toEqual([
      { id: 'D-1', score: 0.8 },
      { id: 'D-2', score: null },
    ]);
  });

  it('fingerprints a model call by its prompt, whole or as flattened messages', () => {
    const messages = '[{"role":"user","content":"hi"}]';
    const whole = stepOf('chat gpt-4o', {
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.input.messages': messages,
    });
    expect(whole.fingerprint).toBe(fingerprintOf('prompt', messages));
    const flat = stepOf('ChatOpenAI', {
      'openinference.span.kind': 'LLM',
      'llm.model_name': 'gpt-4o',
      'llm.input_messages.0.message.role': 'user',
      'llm.input_messages.0.message.content': 'hi',
    });
    expect(flat.fingerprint).toBe(
      fingerprintOf('prompt', '0.message.content=hi\n0.message.role=user'),
    );
    expect(
      stepOf('chat gpt-4o', { 'gen_ai.operation.name': 'chat' }).fingerprint,
      'no prompt reported',
    ).toBeNull();
  });
});
