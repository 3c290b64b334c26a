// Forge egress in the sandbox: what `fetch` of @forge/api does for a URL outside Atlassian.
// On Forge the runtime's fetch lets an app reach only the hosts its manifest declares under
// permissions.external.fetch.backend and throws otherwise (@forge/api's
// ExternalEndpointNotAllowedError message, docs "Runtime egress permissions"). Here an allowed
// host is routed to the emulator that plays it (Gerrit: sandbox/gerrit), over real HTTP, so a
// slow, failing or unreachable emulator looks to the app as the real service would.

/** The allowed hosts of a manifest's permissions.external.fetch.backend (entries are strings or {address}). */
export function egressHostsOf(manifest: unknown): string[] {
  const backend = (manifest as { permissions?: { external?: { fetch?: { backend?: unknown } } } }).permissions?.external?.fetch?.backend;
  if (!Array.isArray(backend)) return [];
  return backend
    .map((e: unknown) =>
      typeof e === 'string' ? e : typeof e === 'object' && e !== null ? (e as { address?: unknown }).address : undefined,
    )
    .filter((a): a is string => typeof a === 'string')
    .map((a) => {
      try {
        return new URL(a.includes('://') ? a : `https://${a}`).hostname.toLowerCase();
      } catch {
        return a.toLowerCase();
      }
    });
}

const allows = (pattern: string, host: string) => pattern === host || (pattern.startsWith('*.') && host.endsWith(pattern.slice(1)));

export type EgressFetch = (url: string, init?: RequestInit) => Promise<Response>;

/** The egress of one sandbox: the manifest's allow list and the emulator that answers for each host. */
export function createEgress(allowed: readonly string[], routes: Record<string, string>, realFetch: typeof fetch): EgressFetch {
  return async (url, init) => {
    const target = new URL(url);
    const host = target.hostname.toLowerCase();
    if (!allowed.some((p) => allows(p, host))) {
      const err = new Error(
        `URL not included in the external fetch backend permissions: ${url}. Visit go.atlassian.com/forge-egress for more information.`,
      );
      err.name = 'REQUEST_EGRESS_ALLOWLIST_ERR';
      throw err;
    }
    const base = routes[host];
    if (!base)
      throw new TypeError(`fetch failed: the local sandbox has no emulator for ${host} (only ${Object.keys(routes).join(', ') || 'none'})`);
    return realFetch(`${base.replace(/\/+$/, '')}${target.pathname}${target.search}`, init);
  };
}
