/**
 * Reads an OTLP/HTTP request body within a size limit and undoes its Content-Encoding. The limit
 * applies to the bytes on the wire and again to the decompressed bytes (a gzip bomb is refused).
 */
import { promisify } from 'node:util';
import { gunzip, inflate } from 'node:zlib';

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

export class HttpProblem extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

export async function readOtlpBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const raw = await readLimited(request, maxBytes);
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return raw;
  if (encoding !== 'gzip' && encoding !== 'deflate') {
    throw new HttpProblem(
      415,
      `unsupported Content-Encoding ${JSON.stringify(encoding)}: send gzip, deflate or none`,
    );
  }
  try {
    const inflateFn = encoding === 'gzip' ? gunzipAsync : inflateAsync;
    return new Uint8Array(await inflateFn(raw, { maxOutputLength: maxBytes }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw tooLarge(maxBytes, 'decompressed ');
    throw new HttpProblem(400, `body: not valid ${encoding} data (${(error as Error).message})`);
  }
}

async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function tooLarge(maxBytes: number, what = ''): HttpProblem {
  return new HttpProblem(413, `${what}body exceeds the ${maxBytes}-byte limit (maxBodyBytes)`);
}
