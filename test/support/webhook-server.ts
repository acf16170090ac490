/** A real HTTP webhook receiver on 127.0.0.1 that records JSON bodies and can fail its first N calls. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookReceiver {
  url: string;
  /** Bodies of the calls answered 200. */
  received: unknown[];
  /** Every call, including the ones answered 500. */
  calls: number;
  close(): Promise<void>;
}

export async function startWebhookReceiver(failFirst = 0): Promise<WebhookReceiver> {
  const receiver = { received: [] as unknown[], calls: 0 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      receiver.calls += 1;
      if (receiver.calls <= failFirst) {
        response.writeHead(500).end('not yet');
        return;
      }
      receiver.received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hook`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
