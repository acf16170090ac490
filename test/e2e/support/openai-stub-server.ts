/**
 * A local OpenAI-compatible HTTP server with scripted, deterministic answers and exact usage, so
 * real client libraries and their instrumentations run over real HTTP without network access.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  renderChatCompletion,
  renderChatCompletionChunks,
  renderEmbeddings,
  renderResponse,
  type StubEndpoint,
  type StubReply,
} from './stub-reply.js';

/** Header naming the script whose queue answers a request; see `scriptStub`. */
export const STUB_SCRIPT_HEADER = 'x-stub-script';

export interface StubRequest {
  endpoint: StubEndpoint;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  scriptId: string | null;
  /** The scripted answer sent back, or null when the stub had none and answered 500. */
  reply: StubReply | null;
}

export type StubScript = StubReply[] | ((request: StubRequest) => StubReply);

export interface OpenAiStub {
  /** Origin, e.g. `http://127.0.0.1:41234`; OpenAI clients take `${url}/v1` as base URL. */
  url: string;
  /** Every API request received, in arrival order. */
  requests: StubRequest[];
  /** Queues answers for requests carrying `x-stub-script: scriptId` (default script: ''). */
  enqueue(replies: StubReply[], scriptId?: string): void;
  close(): Promise<void>;
}

const ENDPOINTS: Record<string, StubEndpoint> = {
  '/v1/chat/completions': 'chat',
  '/v1/embeddings': 'embeddings',
  '/v1/responses': 'responses',
};
const SCRIPTS_PATH = '/__stub/scripts/';

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : JSON.parse(text);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: { message, type: 'stub_error', code: null, param: null } });
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function writeReply(res: ServerResponse, reply: StubReply, body: Record<string, unknown>): void {
  const options = body.stream_options;
  if (reply.endpoint === 'chat' && body.stream === true) {
    const includeUsage = isRecord(options) && options.include_usage === true;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const chunk of renderChatCompletionChunks(reply, includeUsage)) {
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    }
    res.end('data: [DONE]\n\n');
    return;
  }
  const rendered =
    reply.endpoint === 'embeddings'
      ? renderEmbeddings(reply, body.input, body.encoding_format)
      : reply.endpoint === 'responses'
        ? renderResponse(reply)
        : renderChatCompletion(reply);
  sendJson(res, 200, rendered);
}

/**
 * Starts the stub on 127.0.0.1 with an ephemeral port. `script` answers requests that name no
 * script; scenarios in other modules queue their own answers with `scriptStub` over HTTP.
 */
export async function startOpenAiStub(script: StubScript = []): Promise<OpenAiStub> {
  const queues = new Map<string, StubReply[]>([['', Array.isArray(script) ? [...script] : []]]);
  const requests: StubRequest[] = [];
  const enqueue = (replies: StubReply[], scriptId = ''): void => {
    queues.set(scriptId, [...(queues.get(scriptId) ?? []), ...replies]);
  };

  const nextReply = (request: StubRequest): StubReply | string => {
    if (request.scriptId === null && typeof script === 'function') return script(request);
    const reply = queues.get(request.scriptId ?? '')?.shift();
    if (reply === undefined) return `no scripted reply left for script '${request.scriptId ?? ''}'`;
    if (reply.endpoint !== request.endpoint) {
      return `script expected a ${reply.endpoint} call, got ${request.endpoint} (${request.path})`;
    }
    return reply;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://stub').pathname;
    const body = req.method === 'POST' ? await readJson(req) : {};
    if (path.startsWith(SCRIPTS_PATH) && Array.isArray(body)) {
      enqueue(body as StubReply[], decodeURIComponent(path.slice(SCRIPTS_PATH.length)));
      return sendJson(res, 200, { queued: body.length });
    }
    const endpoint = ENDPOINTS[path];
    if (req.method !== 'POST' || endpoint === undefined || !isRecord(body)) {
      return sendError(res, 404, `stub does not serve ${req.method} ${path}`);
    }
    const headers = flatHeaders(req);
    const scriptId = headers[STUB_SCRIPT_HEADER] ?? null;
    const request: StubRequest = { endpoint, path, headers, body, scriptId, reply: null };
    requests.push(request);
    const reply = nextReply(request);
    if (typeof reply === 'string') return sendError(res, 500, reply);
    request.reply = reply;
    writeReply(res, reply, body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendError(res, 500, String(error)));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Queues `replies` on a running stub (possibly in another process) under a fresh script id. */
export async function scriptStub(stubUrl: string, replies: StubReply[]): Promise<string> {
  const scriptId = `script-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const res = await fetch(`${stubUrl}${SCRIPTS_PATH}${encodeURIComponent(scriptId)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(replies),
  });
  if (!res.ok) throw new Error(`OpenAI stub refused the script: HTTP ${res.status}`);
  return scriptId;
}
