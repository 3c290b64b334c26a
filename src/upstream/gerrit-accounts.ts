// Looks up a Gerrit account on review.opendev.org (Gerrit REST, rest-api-accounts "Query Account":
// https://gerrit-review.googlesource.com/Documentation/rest-api-accounts.html#query-account):
// `GET /accounts/?q=email:<email>` or `q=username:<name>` with `o=DETAILS` (full name, preferred
// email, username) and `n` to bound the answer; a list of AccountInfo behind `)]}'`. Every answer
// is parsed with zod before anything reads it.
import { fetch as forgeFetch } from '@forge/api';
import { z } from 'zod';
import type { AccountLookup, FoundAccount } from '../domain/gerrit-people';
import { GERRIT_BASE_URL, GERRIT_TIMEOUT_MS, UpstreamError, getPage, type FetchLike } from './gerrit-client';
import { stripXssi } from './gerrit-wire';

/** AccountInfo as Query Account answers it: `_account_id` always, the rest with DETAILS (and only as visible to the caller). */
export const QueriedAccountSchema = z.looseObject({
  _account_id: z.number().int().nonnegative(),
  name: z.string().optional(),
  display_name: z.string().optional(),
  email: z.string().optional(),
  username: z.string().optional(),
  _more_accounts: z.boolean().optional(),
});
export const AccountListSchema = z.array(QueriedAccountSchema);

/** Enough to tell "one", "none" and "several" apart and list a few to choose from. */
export const ACCOUNT_QUERY_LIMIT = 5;

/** Gerrit's query syntax: a value with characters other than these is quoted (user-search-accounts). */
const queryValue = (v: string) => (/^[A-Za-z0-9._@+-]+$/.test(v) ? v : `"${v.replace(/["\\]/g, '')}"`);

export function accountQueryUrl(lookup: AccountLookup, baseUrl = GERRIT_BASE_URL): string {
  const q = lookup.kind === 'email' ? `email:${queryValue(lookup.email)}` : `username:${queryValue(lookup.username)}`;
  return `${baseUrl.replace(/\/+$/, '')}/accounts/?q=${encodeURIComponent(q)}&o=DETAILS&n=${ACCOUNT_QUERY_LIMIT}`;
}

/** Parses a Query Account answer (prefix stripped); a sentence when it is not the documented list of AccountInfo. */
export function parseAccountList(body: string): { ok: true; accounts: FoundAccount[]; more: boolean } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(stripXssi(body)) as unknown;
  } catch {
    return { ok: false, error: "Gerrit's answer to the account query is not JSON." };
  }
  const parsed = AccountListSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      error: `Gerrit's answer to the account query is not a list of accounts as documented (${first?.path.join('.') ?? ''}: ${first?.message ?? ''}).`,
    };
  }
  const accounts = parsed.data.map((a) => ({
    id: a._account_id,
    ...(a.name || a.display_name ? { name: (a.name ?? a.display_name)!.slice(0, 200) } : {}),
    ...(a.username ? { username: a.username.slice(0, 200) } : {}),
    ...(a.email ? { email: a.email.slice(0, 200) } : {}),
  }));
  return { ok: true, accounts, more: parsed.data.some((a) => a._more_accounts === true) };
}

/** The accounts Gerrit finds for what the person typed; throws UpstreamError when Gerrit can't be read. */
export async function findGerritAccounts(
  lookup: AccountLookup,
  deps: { fetch?: FetchLike; baseUrl?: string; timeoutMs?: number } = {},
): Promise<{ accounts: FoundAccount[]; more: boolean }> {
  const fetch: FetchLike = deps.fetch ?? ((url, init) => forgeFetch(url, init));
  const body = await getPage(accountQueryUrl(lookup, deps.baseUrl), { fetch, timeoutMs: deps.timeoutMs ?? GERRIT_TIMEOUT_MS });
  const parsed = parseAccountList(body);
  if (!parsed.ok) throw new UpstreamError(parsed.error, 'shape');
  return { accounts: parsed.accounts, more: parsed.more };
}
