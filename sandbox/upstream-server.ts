// What the sandbox's emulators of upstream services (Gerrit, Launchpad) share: one HTTP server
// on 127.0.0.1 whose behaviour a test can switch to slow, failing (an error status) or
// unreachable (the connection dropped with no answer), a request count for the bench, and a
// close that ends open sockets and pending slow answers.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type UpstreamMode =
  { kind: 'ok' } | { kind: 'slow'; delayMs: number } | { kind: 'failing'; status: number } | { kind: 'unreachable' };

export interface UpstreamServer {
  url: string;
  port: number;
  /** Requests answered (or refused) since start, for the bench and tests. */
  requests: number;
  setMode(mode: UpstreamMode): void;
  close(): Promise<void>;
}

/** `handle` answers a request in the 'ok' and 'slow' modes; `send` writes a status and body as the service would. */
export async function startUpstreamServer(
  handle: (req: IncomingMessage, res: ServerResponse) => void,
  send: (res: ServerResponse, status: number, body: string) => void,
  opts: { port?: number; bindAddress?: string } = {},
): Promise<UpstreamServer> {
  let mode: UpstreamMode = { kind: 'ok' };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests += 1;
    const current = mode;
    if (current.kind === 'unreachable') {
      // The connection drops with no answer: to the client, the host can't be reached.
      req.socket.destroy();
      return;
    }
    if (current.kind === 'failing') return send(res, current.status, 'Service Unavailable');
    const answer = () => {
      try {
        handle(req, res);
      } catch (e) {
        send(res, 500, `Internal server error: ${e instanceof Error ? e.message : String(e)}`);
      }
    };
    if (current.kind === 'slow') {
      const t = setTimeout(() => {
        timers.delete(t);
        answer();
      }, current.delayMs);
      timers.add(t);
    } else answer();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.bindAddress ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get requests() {
      return requests;
    },
    setMode(next: UpstreamMode) {
      mode = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
