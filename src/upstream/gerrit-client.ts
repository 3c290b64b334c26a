// Reads changes from Gerrit (review.opendev.org) through Forge's egress (`fetch` of @forge/api;
// the host is declared in manifest.yml permissions.external.fetch.backend). Change numbers are
// asked in batches with one query each (`q=change:1 OR change:2 ...`), paged with `n`/`S`
// while the last change says `_more_changes`, as Gerrit's Query Changes documents.
import { fetch as forgeFetch } from '@forge/api';
import type { UpstreamChange } from '../domain/upstream';
import { ChangeListSchema, parseGerritJson, toUpstreamChange } from './gerrit-wire';

/** OpenDev's Gerrit, where OpenStack reviews its code and specs. */
export const GERRIT_BASE_URL = 'https://review.opendev.org';
/** Numbers per query: keeps the URL short (Gerrit and proxies refuse very long query strings). */
export const GERRIT_BATCH = 25;
/** Changes per page (`n`). */
export const GERRIT_PAGE = 50;
/** A page that takes longer is given up: a scheduled run and a resolver have seconds, not minutes. */
export const GERRIT_TIMEOUT_MS = 4000;

export type FetchLike = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; signal?: AbortSignal },
) => Promise<{
  status: number;
  text(): Promise<string>;
}>;

export class UpstreamError extends Error {
  override name = 'UpstreamError';
  constructor(
    message: string,
    readonly kind: 'unreachable' | 'timeout' | 'status' | 'shape',
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface GerritRead {
  changes: UpstreamChange[];
  /** Numbers Gerrit did not return (unknown or not visible anonymously). */
  notFound: number[];
  requests: number;
}

export interface GerritDeps {
  fetch?: FetchLike;
  baseUrl?: string;
  timeoutMs?: number;
  pageSize?: number;
}

export async function getPage(url: string, deps: Required<Pick<GerritDeps, 'timeoutMs'>> & { fetch: FetchLike }): Promise<string> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), deps.timeoutMs);
  let res: Awaited<ReturnType<FetchLike>>;
  try {
    res = await deps.fetch(url, { method: 'GET', headers: { Accept: 'application/json' }, signal: abort.signal });
  } catch (e) {
    if (abort.signal.aborted) throw new UpstreamError(`Gerrit did not answer within ${deps.timeoutMs / 1000} s.`, 'timeout');
    throw new UpstreamError(`Gerrit could not be reached (${e instanceof Error ? e.message : String(e)}).`, 'unreachable');
  } finally {
    clearTimeout(timer);
  }
  const body = await res.text();
  if (res.status !== 200) {
    // Gerrit answers errors as text/plain (e.g. 404 "Not found: ..."), 429/503 when overloaded.
    throw new UpstreamError(`Gerrit answered ${res.status}${body ? `: ${body.trim().slice(0, 120)}` : ''}.`, 'status', res.status);
  }
  return body;
}

/** Reads the given change numbers from Gerrit: status, project, branch, patch set and label votes. */
export async function readGerritChanges(numbers: readonly number[], deps: GerritDeps = {}): Promise<GerritRead> {
  const fetch: FetchLike = deps.fetch ?? ((url, init) => forgeFetch(url, init));
  const baseUrl = (deps.baseUrl ?? GERRIT_BASE_URL).replace(/\/+$/, '');
  const timeoutMs = deps.timeoutMs ?? GERRIT_TIMEOUT_MS;
  const pageSize = deps.pageSize ?? GERRIT_PAGE;
  const wanted = [...new Set(numbers)];
  const found = new Map<number, UpstreamChange>();
  let requests = 0;
  for (let i = 0; i < wanted.length; i += GERRIT_BATCH) {
    const batch = wanted.slice(i, i + GERRIT_BATCH);
    const q = batch.map((n) => `change:${n}`).join(' OR ');
    for (let start = 0; ;) {
      // DETAILED_LABELS gives every reviewer's vote with its account id; CURRENT_REVISION the patch set number.
      const url = `${baseUrl}/changes/?q=${encodeURIComponent(q)}&o=LABELS&o=DETAILED_LABELS&o=CURRENT_REVISION&n=${pageSize}${start ? `&S=${start}` : ''}`;
      requests += 1;
      const parsed = parseGerritJson(await getPage(url, { fetch, timeoutMs }), ChangeListSchema, 'the change query');
      if (!parsed.ok) throw new UpstreamError(parsed.error, 'shape');
      for (const info of parsed.value) found.set(info._number, toUpstreamChange(info));
      const more = parsed.value.length > 0 && parsed.value[parsed.value.length - 1]!._more_changes === true;
      if (!more) break;
      start += parsed.value.length;
    }
  }
  return {
    changes: wanted.filter((n) => found.has(n)).map((n) => found.get(n)!),
    notFound: wanted.filter((n) => !found.has(n)),
    requests,
  };
}
