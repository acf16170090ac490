/**
 * The span that opens each attempt in each convention, and AI SDK v7's `step {n}` wrapper. AI SDK
 * v7 and OpenInference agents carry the attempt's usage on the root as a roll-up (H3, H7).
 */
import { nonZero, SCOPES, type SpanShape } from './convention-shapes.js';
import type { ConventionName, SimCall, SimUsage } from './sim-types.js';

/** The attempt's root span; AI SDK v7 and OpenInference agents carry the attempt's usage as a roll-up. */
export function rootShape(
  convention: ConventionName,
  agent: string,
  workflow: string,
  calls: readonly SimCall[],
): SpanShape {
  const models = calls.filter((c) => c.kind === 'llm');
  const sum = (pick: (u: SimUsage) => number) =>
    models.reduce((total, c) => total + (c.usage ? pick(c.usage) : 0), 0);
  switch (convention) {
    case 'gen-ai':
      return {
        name: `invoke_agent ${agent}`,
        kind: 1,
        scope: SCOPES['gen-ai'],
        attributes: [
          ['gen_ai.operation.name', 'invoke_agent'],
          ['gen_ai.agent.name', agent],
        ],
      };
    case 'gen-ai-legacy':
      return {
        name: `${workflow} attempt`,
        kind: 1,
        scope: SCOPES['gen-ai-legacy'],
        attributes: [],
      };
    case 'vercel-ai': {
      const first = models[0];
      return {
        name: `invoke_agent ${first?.model ?? agent}`,
        kind: 1,
        scope: SCOPES['vercel-ai'],
        attributes: [
          ['gen_ai.operation.name', 'invoke_agent'],
          ['gen_ai.agent.name', agent],
          ['gen_ai.provider.name', first?.provider ?? ''],
          ['gen_ai.request.model', first?.model ?? ''],
          ['gen_ai.usage.input_tokens', sum((u) => u.input)],
          ['gen_ai.usage.output_tokens', sum((u) => u.output)],
          ...nonZero(
            'gen_ai.usage.cache_read.input_tokens',
            sum((u) => u.cacheRead),
          ),
        ],
      };
    }
    case 'openinference':
      return {
        name: agent,
        kind: 1,
        scope: SCOPES.openinference,
        attributes: [
          ['openinference.span.kind', 'AGENT'],
          ['llm.token_count.prompt', sum((u) => u.input)],
          ['llm.token_count.completion', sum((u) => u.output)],
        ],
      };
    case 'traceloop':
      return {
        name: `${workflow}.workflow`,
        kind: 1,
        scope: SCOPES.traceloop,
        attributes: [
          ['traceloop.span.kind', 'workflow'],
          ['traceloop.entity.name', workflow],
          ['traceloop.workflow.name', workflow],
        ],
      };
    case 'langfuse':
      return {
        name: workflow,
        kind: 1,
        scope: SCOPES.langfuse,
        attributes: [['langfuse.observation.type', 'agent']],
      };
  }
}

/** AI SDK v7 wraps each provider call in a `step {n}` span (`agent_step`). */
export function vercelStepShape(n: number): SpanShape {
  return {
    name: `step ${n}`,
    kind: 1,
    scope: SCOPES['vercel-ai'],
    attributes: [['gen_ai.operation.name', 'agent_step']],
  };
}
