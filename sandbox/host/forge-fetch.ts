// The local Forge proxy: what `__forge_fetch__` does for one invocation. Product calls to
// Jira go in-process to the emulator as the app or as the user (meta.provider), KVS calls to
// the KVS emulator; anything else gets the `forge-proxy-error` header, which the real
// @forge/api turns into a ProxyRequestError, so an app never silently talks to nowhere.
import type { EventQueueEmulator } from './event-queue';
import type { KvsEmulator } from './kvs-emulator';
import type { JiraEmulatorPort, Principal } from './jira-port';
import { mainGlobal, proxyError, type ForgeFetchBackend, type ForgeFetchInit, type ForgeFetchMeta } from './runtime';

export interface FetchLogEntry {
  kind: 'jira' | 'kvs' | 'events' | 'refused';
  method: string;
  path: string;
  principal?: Principal;
  status: number;
}

function headersOf(init: ForgeFetchInit): Record<string, string> {
  const out: Record<string, string> = {};
  const h = init.headers;
  if (!h) return out;
  if (typeof (h as Headers).forEach === 'function' && !Array.isArray(h)) {
    (h as Headers).forEach((v, k) => (out[k.toLowerCase()] = v));
  } else if (Array.isArray(h)) {
    for (const [k, v] of h as [string, string][]) out[String(k).toLowerCase()] = String(v);
  } else {
    for (const [k, v] of Object.entries(h as Record<string, unknown>)) if (v !== undefined) out[k.toLowerCase()] = String(v);
  }
  return out;
}

function bodyText(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body) || body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  if (body instanceof URLSearchParams) return body.toString();
  throw new Error(`The local Forge proxy accepts string or Buffer request bodies, got ${Object.prototype.toString.call(body)}`);
}

/** JSON bodies go to the emulator parsed; anything else as text. */
function parseBody(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function toResponse(status: number, headers: Record<string, string>, body: unknown): Response {
  const R = mainGlobal.Response as typeof Response;
  const noBody = status === 204 || status === 304 || body === undefined || body === null;
  const text = noBody ? null : typeof body === 'string' ? body : JSON.stringify(body);
  const h: Record<string, string> = { ...headers };
  if (text !== null && !Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) {
    h['content-type'] = typeof body === 'string' ? 'text/plain' : 'application/json';
  }
  return new R(text, { status, headers: h });
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * What the Forge runtime's fetch does with Jira's 303 to an async task. Not documented, so the
 * sandbox can play either: 'as-asked' follows it unless the app asked `redirect: 'manual'`
 * (WHATWG fetch, undici); 'always-follow' follows it even then (a proxy that ignores the option).
 */
export type RedirectPolicy = 'as-asked' | 'always-follow';

export interface ProxyDeps {
  jira: JiraEmulatorPort;
  kvs: KvsEmulator;
  log?: FetchLogEntry[];
  redirects?: RedirectPolicy;
  /** Forge async events (@forge/events Queue): the app's pushes, answered by sandbox/host/event-queue.ts. */
  queue?: EventQueueEmulator;
  /** Every Jira and storage call, counted as it passes (the bench reads it). */
  counter?: CallCounter;
}

/** Calls counted at the boundary, and an emulated latency per call (bench): what a real invocation would wait. */
export interface CallCounter {
  jira: number;
  storage: number;
  latency?: { jiraMs: number; storageMs: number };
}

/** The principal Jira sees: asApp -> the app user, asUser -> the invoking (or named) user. */
export function principalFor(meta: ForgeFetchMeta, invokingAccountId: string | undefined): Principal | undefined {
  if (meta.provider === 'app') return { kind: 'app' };
  if (meta.provider === 'user') {
    const accountId = meta.accountId ?? invokingAccountId;
    return accountId ? { kind: 'user', accountId } : undefined;
  }
  // provider 'none' is the bare requestJira(): the platform attaches no credentials.
  return { kind: 'anonymous' };
}

export function createForgeProxy(deps: ProxyDeps, invokingAccountId: string | undefined): ForgeFetchBackend {
  const record = (e: FetchLogEntry) => {
    if (!deps.log) return;
    deps.log.push(e);
    if (deps.log.length > 500) deps.log.shift();
  };
  return async (meta, path, init) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const wait = (ms: number | undefined) => (ms ? new Promise((r) => setTimeout(r, ms)) : undefined);
    if (meta.type === 'fpp' && meta.remote === 'stargate' && path.startsWith('/webhook/queue/') && deps.queue) {
      const reply = deps.queue.handle(path, parseBody(bodyText(init.body)));
      record({ kind: 'events', method, path, status: reply.status });
      return toResponse(reply.status, {}, reply.body);
    }
    if (meta.type === 'fpp' && meta.remote === 'jira') {
      if (deps.counter) deps.counter.jira += 1;
      await wait(deps.counter?.latency?.jiraMs);
      const principal = principalFor(meta, invokingAccountId);
      if (!principal) {
        record({ kind: 'refused', method, path, status: 401 });
        // asUser() where Forge has no user (validators, scheduled and install triggers).
        return proxyError(401, 'NEEDS_AUTHENTICATION_ERR', `asUser() has no user in this invocation (${method} ${path}); use asApp()`);
      }
      let reply = await deps.jira.handle({
        method,
        path,
        headers: headersOf(init),
        body: parseBody(bodyText(init.body)),
        principal,
        via: 'forge',
      });
      record({ kind: 'jira', method, path, principal, status: reply.status });
      // Jira answers some operations (workflow scheme switch, draft publish) with 303 + Location
      // to a task; whether the Forge runtime follows it is not documented (see RedirectPolicy).
      const follow = init.redirect !== 'manual' || deps.redirects === 'always-follow';
      for (let hops = 0; REDIRECTS.has(reply.status) && follow && hops < 5; hops++) {
        const location = reply.headers.location ?? reply.headers.Location;
        if (!location) break;
        const next = new URL(location, 'http://jira.local');
        const nextPath = `${next.pathname}${next.search}`;
        const keepMethod = reply.status === 307 || reply.status === 308;
        reply = await deps.jira.handle({
          method: keepMethod ? method : 'GET',
          path: nextPath,
          headers: headersOf(init),
          body: keepMethod ? parseBody(bodyText(init.body)) : undefined,
          principal,
          via: 'forge',
        });
        record({ kind: 'jira', method: keepMethod ? method : 'GET', path: nextPath, principal, status: reply.status });
      }
      return toResponse(reply.status, reply.headers, reply.body);
    }
    if (meta.type === 'kvs') {
      if (deps.counter) deps.counter.storage += 1;
      await wait(deps.counter?.latency?.storageMs);
      const reply = deps.kvs.handleText(path, parseBody(bodyText(init.body)));
      record({ kind: 'kvs', method, path, status: reply.status });
      const R = mainGlobal.Response as typeof Response;
      return reply.text === undefined
        ? new R(null, { status: reply.status })
        : new R(reply.text, { status: reply.status, headers: { 'content-type': 'application/json' } });
    }
    record({ kind: 'refused', method, path, status: 501 });
    return proxyError(
      501,
      'UNSUPPORTED_IN_LOCAL_SANDBOX',
      `The local Forge sandbox does not emulate ${meta.type ?? '?'}/${meta.remote ?? '?'} (${method} ${path}); only Jira REST and KVS are available`,
    );
  };
}
