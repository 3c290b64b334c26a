// The two globals the real, unmodified @forge/api and @forge/kvs read at call time:
//   __forge_runtime__  (appContext, lambdaContext, metrics, tracing, aaid, ...)
//   __forge_fetch__(meta, path, init)  (every product, KVS and SQL call)
// Both are installed on Node's MAIN-context global, not on whatever `globalThis` this file
// sees: under jest every test file runs in its own vm context, while the app bundle is
// compiled by Node's real module loader in the main context, so that is where Forge looks.
// The runtime is a getter over AsyncLocalStorage so concurrent invocations keep their own
// identity, and each invocation carries the backend that answers its fetches, so several
// sandboxes can live in one process (tests) without sharing state.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { runInThisContext } from 'node:vm';

/** Answers one `__forge_fetch__` call of the invocation that made it. */
export type ForgeFetchBackend = (meta: ForgeFetchMeta, path: string, init: ForgeFetchInit) => Promise<Response>;

export interface ForgeFetchMeta {
  type?: string;
  provider?: string;
  remote?: string;
  accountId?: string;
  contextAri?: string;
}

export interface ForgeFetchInit {
  method?: string;
  headers?: unknown;
  body?: unknown;
  redirect?: 'follow' | 'manual' | 'error';
}

export interface InvocationIdentity {
  appId: string;
  environmentId: string;
  installationId: string;
  appVersion: string;
  moduleKey: string;
  moduleType: string;
  functionKey: string;
  /** The invoking user (undefined for asApp-only work such as validators and scheduled triggers). */
  accountId?: string;
  scopes: string[];
  /** Forge gives every function 25 s (validators included). */
  timeoutMs: number;
  backend: ForgeFetchBackend;
  /** What the app's `fetch` of an external URL does (sandbox/host/egress.ts); undefined: the app declares none. */
  egress?: (url: string, init?: RequestInit) => Promise<Response>;
}

export interface ForgeRuntime {
  appContext: {
    appId: string;
    appVersion: string;
    environmentId: string;
    environmentType: 'DEVELOPMENT';
    invocationId: string;
    installationId: string;
    functionKey: string;
    moduleType: string;
    moduleKey: string;
    permissions: { scopes: string[]; external: Record<string, never> };
  };
  contextAri: string;
  lambdaContext: { awsRequestId: string; getRemainingTimeInMillis: () => number };
  metrics: ReturnType<typeof silentMetrics>;
  tracing: { traceId: string; spanId: string };
  proxy: { token: string; url: string };
  externalAuth: never[];
  aaid: string | undefined;
  accountId: string | undefined;
  /** Not read by Forge: lets __forge_fetch__ find the sandbox this invocation belongs to. */
  localBackend: ForgeFetchBackend;
  /** Not read by Forge: where this invocation's external fetches go. */
  localEgress?: (url: string, init?: RequestInit) => Promise<Response>;
}

export const LOCAL_CLOUD_ID = 'a1b2c3d4-0000-4000-8000-00000000c10d';

/** Node's main-context global (see the header comment for why it is not plain globalThis). */
export const mainGlobal = runInThisContext('globalThis') as typeof globalThis & Record<string, unknown>;

const invocations = new AsyncLocalStorage<ForgeRuntime>();

function silentMetrics() {
  const timer = { measure: () => ({ stop: () => undefined }), stop: () => undefined };
  const counter = { incr: () => undefined, decr: () => undefined };
  return { counter: () => counter, timing: () => timer, gauge: () => ({ set: () => undefined }) };
}

function makeRuntime(id: InvocationIdentity): ForgeRuntime {
  const deadline = Date.now() + id.timeoutMs;
  return {
    appContext: {
      appId: id.appId,
      appVersion: id.appVersion,
      environmentId: id.environmentId,
      environmentType: 'DEVELOPMENT',
      invocationId: randomUUID(),
      installationId: id.installationId,
      functionKey: id.functionKey,
      moduleType: id.moduleType,
      moduleKey: id.moduleKey,
      permissions: { scopes: id.scopes, external: {} },
    },
    contextAri: `ari:cloud:jira::site/${LOCAL_CLOUD_ID}`,
    lambdaContext: { awsRequestId: randomUUID(), getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) },
    metrics: silentMetrics(),
    tracing: { traceId: randomUUID().replace(/-/g, ''), spanId: randomUUID().replace(/-/g, '').slice(0, 16) },
    proxy: { token: 'local-sandbox-proxy-token', url: 'http://127.0.0.1' },
    externalAuth: [],
    aaid: id.accountId,
    accountId: id.accountId,
    localBackend: id.backend,
    ...(id.egress ? { localEgress: id.egress } : {}),
  };
}

/** A response @forge/api turns into ProxyRequestError, as the real Forge proxy does. */
export function proxyError(status: number, reason: string, message: string): Response {
  const R = mainGlobal.Response as typeof Response;
  return new R(JSON.stringify({ message }), {
    status,
    headers: { 'forge-proxy-error': reason, 'content-type': 'application/json' },
  });
}

let installed = false;

/** Installs the globals once per process; must run before any app code is required. */
export function installForgeGlobals(): void {
  if (installed && Object.getOwnPropertyDescriptor(mainGlobal, '__forge_fetch__')) return;
  Object.defineProperty(mainGlobal, '__forge_runtime__', {
    configurable: true,
    enumerable: false,
    // Outside an invocation there is no runtime, exactly as on Forge between invocations:
    // @forge/api then throws "Forge runtime not found." instead of acting as someone.
    get: () => invocations.getStore(),
  });
  Object.defineProperty(mainGlobal, '__forge_fetch__', {
    configurable: true,
    enumerable: false,
    writable: false,
    value: async (meta: ForgeFetchMeta, path: string, init: ForgeFetchInit = {}): Promise<Response> => {
      const runtime = invocations.getStore();
      if (!runtime) {
        return proxyError(500, 'NO_INVOCATION', `__forge_fetch__ called outside a Forge invocation (${meta.type ?? '?'} ${path})`);
      }
      return runtime.localBackend(meta, path, init);
    },
  });
  installEgressFetch();
  installed = true;
}

/**
 * @forge/api's `fetch` is the global fetch, captured when the package loads; on Forge the
 * runtime's fetch enforces the manifest's egress. Inside an invocation the sandbox's does the
 * same (sandbox/host/egress.ts); outside one (tests, the pages) fetch stays Node's.
 */
let nodeFetch: typeof fetch | undefined;

/** Node's own fetch (what the egress routes through to an emulator). */
export function originalFetch(): typeof fetch {
  installEgressFetch();
  return nodeFetch!;
}

type EgressWrapped = typeof fetch & {
  lcooEgress?: true;
  lcooOriginal?: typeof fetch;
  /** The invocation running now, as the newest copy of this module sees it. */
  lcooRuntime?: () => ForgeRuntime | undefined;
};

function installEgressFetch(): void {
  const current = mainGlobal.fetch as EgressWrapped;
  const runtimeNow = () => invocations.getStore();
  if (current.lcooEgress) {
    nodeFetch ??= current.lcooOriginal;
    // A jest worker runs many test files in one process, each with its own copy of this module
    // and of `invocations`, while the global fetch is shared: the wrapper must ask the copy in
    // use now, or an invocation of a later file reads as "outside one" and goes to the internet.
    current.lcooRuntime = runtimeNow;
    return;
  }
  const original = current;
  nodeFetch = original;
  const wrapped: EgressWrapped = Object.assign(
    (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const runtime = wrapped.lcooRuntime?.();
      if (!runtime) return original(input, init);
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!runtime.localEgress) {
        return Promise.reject(
          new Error(
            `URL not included in the external fetch backend permissions: ${url}. Visit go.atlassian.com/forge-egress for more information.`,
          ),
        );
      }
      return runtime.localEgress(url, init);
    },
    { lcooEgress: true as const, lcooOriginal: original, lcooRuntime: runtimeNow },
  );
  mainGlobal.fetch = wrapped;
}

/** Runs fn as one Forge invocation with its own runtime object. */
export function runInvocation<T>(identity: InvocationIdentity, fn: () => Promise<T>): Promise<T> {
  installForgeGlobals();
  return invocations.run(makeRuntime(identity), fn);
}

/** The runtime of the invocation currently running (undefined outside one). */
export function currentRuntime(): ForgeRuntime | undefined {
  return invocations.getStore();
}

/**
 * The message of anything thrown. Not `instanceof Error`: under jest the app bundle runs in
 * Node's main realm and the sandbox in a vm context, so the app's Errors fail that check.
 */
export function errorMessage(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e && typeof (e as { message: unknown }).message === 'string')
    return (e as { message: string }).message;
  return String(e);
}
