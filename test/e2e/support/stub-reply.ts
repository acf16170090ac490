/**
 * The scripted answers of the OpenAI stub, and how each renders into the wire shape of the endpoint
 * that was called (Chat Completions JSON or SSE, Embeddings, Responses). Usage is inclusive.
 */

export type StubEndpoint = 'chat' | 'embeddings' | 'responses';

export interface StubToolCall {
  id: string;
  name: string;
  /** JSON text of the arguments, exactly as the model would send it. */
  arguments: string;
}

/** One scripted answer. Token counts follow tokenledger's inclusive convention. */
export interface StubReply {
  endpoint: StubEndpoint;
  /** Provider response id; ignored for embeddings, which carry none on the wire. */
  id: string;
  /** The response model, e.g. a dated snapshot of the requested alias. */
  model: string;
  text?: string;
  toolCalls?: StubToolCall[];
  usage: {
    inputTokens: number;
    outputTokens: number;
    cacheReadTokens?: number;
    reasoningTokens?: number;
  };
}

type Json = Record<string, unknown>;

const CREATED = 1_750_000_000;

function chatUsage(reply: StubReply): Json {
  const { inputTokens, outputTokens, cacheReadTokens = 0, reasoningTokens = 0 } = reply.usage;
  return {
    prompt_tokens: inputTokens,
    completion_tokens: outputTokens,
    total_tokens: inputTokens + outputTokens,
    prompt_tokens_details: { cached_tokens: cacheReadTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function finishReason(reply: StubReply): string {
  return reply.toolCalls !== undefined && reply.toolCalls.length > 0 ? 'tool_calls' : 'stop';
}

export function renderChatCompletion(reply: StubReply): Json {
  const toolCalls = reply.toolCalls?.map((call) => ({
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: call.arguments },
  }));
  return {
    id: reply.id,
    object: 'chat.completion',
    created: CREATED,
    model: reply.model,
    system_fingerprint: 'fp_stub',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.text ?? null,
          refusal: null,
          ...(toolCalls === undefined ? {} : { tool_calls: toolCalls }),
        },
        logprobs: null,
        finish_reason: finishReason(reply),
      },
    ],
    usage: chatUsage(reply),
    service_tier: 'default',
  };
}

/** SSE events of a streamed chat completion; the usage chunk only when the client asked for it. */
export function renderChatCompletionChunks(reply: StubReply, includeUsage: boolean): Json[] {
  const base = {
    id: reply.id,
    object: 'chat.completion.chunk',
    created: CREATED,
    model: reply.model,
  };
  const chunk = (delta: Json, finish: string | null): Json => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  const chunks: Json[] = [chunk({ role: 'assistant', content: '' }, null)];
  const text = reply.text ?? '';
  for (const piece of text.match(/.{1,8}/gs) ?? []) chunks.push(chunk({ content: piece }, null));
  reply.toolCalls?.forEach((call, index) => {
    chunks.push(
      chunk(
        {
          tool_calls: [
            {
              index,
              id: call.id,
              type: 'function',
              function: { name: call.name, arguments: call.arguments },
            },
          ],
        },
        null,
      ),
    );
  });
  chunks.push(chunk({}, finishReason(reply)));
  if (includeUsage) chunks.push({ ...base, choices: [], usage: chatUsage(reply) });
  return chunks;
}

/** `openai` v6 asks for base64 unless told otherwise, then decodes little-endian float32. */
export function renderEmbeddings(reply: StubReply, input: unknown, encoding: unknown): Json {
  const inputs = Array.isArray(input) ? input : [input];
  const vector = (index: number): number[] => [0.125 * (index + 1), -0.25, 0.5];
  const encode = (values: number[]): string =>
    Buffer.from(new Float32Array(values).buffer).toString('base64');
  return {
    object: 'list',
    model: reply.model,
    data: inputs.map((_, index) => ({
      object: 'embedding',
      index,
      embedding: encoding === 'base64' ? encode(vector(index)) : vector(index),
    })),
    usage: { prompt_tokens: reply.usage.inputTokens, total_tokens: reply.usage.inputTokens },
  };
}

export function renderResponse(reply: StubReply): Json {
  const { inputTokens, outputTokens, cacheReadTokens = 0, reasoningTokens = 0 } = reply.usage;
  const output: Json[] = (reply.toolCalls ?? []).map((call) => ({
    type: 'function_call',
    id: `fc_${call.id}`,
    call_id: call.id,
    name: call.name,
    arguments: call.arguments,
    status: 'completed',
  }));
  if (reply.text !== undefined) {
    output.push({
      type: 'message',
      id: `msg_${reply.id}`,
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: reply.text, annotations: [], logprobs: [] }],
    });
  }
  return {
    id: reply.id,
    object: 'response',
    created_at: CREATED,
    status: 'completed',
    error: null,
    incomplete_details: null,
    model: reply.model,
    output,
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    service_tier: 'default',
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: cacheReadTokens },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: reasoningTokens },
      total_tokens: inputTokens + outputTokens,
    },
  };
}
