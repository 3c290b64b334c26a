// A Gerrit REST emulator (the part of review.opendev.org the app reads): Query Changes and Get
// Change / Get Change Detail of Gerrit's REST API (rest-api-changes), answered as Gerrit does:
// JSON behind the `)]}'` line, ChangeInfo with LabelInfo (LABELS: the summary; DETAILED_LABELS:
// `all` votes and `values`), paging with `n` and `S` and `_more_changes` on the last change of a
// page that has more, errors as text/plain ("Not found: <id>" with 404). Sources in
// docs/platform-facts.md. It can be made slow, failing (503) or unreachable for tests.
// Accounts (rest-api-accounts): Query Account `GET /accounts/?q=` with the `email:` (the address or
// a prefix of it) and `username:` (exact) operators, `n`, `S`, `_more_accounts`, `o=DETAILS`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startUpstreamServer, type UpstreamMode, type UpstreamServer } from '../upstream-server';
import { LABELS, GerritStore, type EmAccount, type EmChange, type Label } from './store';

export type GerritMode = UpstreamMode;

export interface GerritEmulator extends UpstreamServer {
  store: GerritStore;
}

const LABEL_VALUES: Record<Label, Record<string, string>> = {
  'Code-Review': {
    '-2': 'Do not merge',
    '-1': 'This patch needs further work before it can be merged',
    ' 0': 'No score',
    '+1': 'Looks good to me, but someone else must approve',
    '+2': 'Looks good to me (core reviewer)',
  },
  Verified: { '-2': 'Fails', '-1': "Doesn't seem to work", ' 0': 'No score', '+1': 'Works for me', '+2': 'Verified' },
  Workflow: { '-1': 'Work in progress', ' 0': 'Ready for reviews', '+1': 'Approved' },
};

const MAX_PAGE = 500;

function send(res: ServerResponse, status: number, body: unknown): void {
  if (typeof body === 'string') {
    res.writeHead(status, { 'content-type': 'text/plain;charset=UTF-8', 'content-disposition': 'attachment' });
    res.end(`${body}\n`);
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'content-disposition': 'attachment' });
  res.end(`)]}'\n${JSON.stringify(body)}\n`);
}

const accountInfo = (a: EmAccount, detailed: boolean) =>
  detailed ? { _account_id: a._account_id, name: a.name, ...(a.email ? { email: a.email } : {}), username: a.username } : { name: a.name };

function labelInfo(c: EmChange, label: Label, detailed: boolean) {
  const votes = c.votes.filter((v) => v.label === label);
  const min = Math.min(...Object.keys(LABEL_VALUES[label]).map(Number));
  const max = Math.max(...Object.keys(LABEL_VALUES[label]).map(Number));
  const info: Record<string, unknown> = {};
  // The LABELS summary: who approved (max) / rejected (min), or recommended / disliked.
  const pick = (pred: (v: number) => boolean) => votes.find((v) => pred(v.value))?.account;
  const rejected = pick((v) => v === min);
  const approved = pick((v) => v === max);
  if (rejected) info['rejected'] = accountInfo(rejected, detailed);
  else if (approved) info['approved'] = accountInfo(approved, detailed);
  else {
    const disliked = pick((v) => v < 0);
    const recommended = pick((v) => v > 0);
    if (disliked) info['disliked'] = accountInfo(disliked, detailed);
    else if (recommended) info['recommended'] = accountInfo(recommended, detailed);
  }
  if (detailed) {
    info['all'] = votes.map((v) => ({ value: v.value, ...accountInfo(v.account, true) }));
    info['values'] = LABEL_VALUES[label];
  }
  return info;
}

function sha(c: EmChange): string {
  return (c.changeId.slice(1) + '0'.repeat(40)).slice(0, 40);
}

function changeInfo(c: EmChange, options: ReadonlySet<string>) {
  const labels = options.has('LABELS') || options.has('DETAILED_LABELS');
  const detailed = options.has('DETAILED_LABELS') || options.has('DETAILED_ACCOUNTS');
  const rev = sha(c);
  return {
    id: `${c.project.replace('/', '%2F')}~${c.branch}~${c.changeId}`,
    project: c.project,
    branch: c.branch,
    change_id: c.changeId,
    subject: c.subject,
    status: c.status,
    created: c.created,
    updated: c.updated,
    ...(c.status === 'MERGED' ? { submitted: c.updated } : {}),
    _number: c.number,
    owner: accountInfo(c.owner, detailed),
    ...(labels ? { labels: Object.fromEntries(LABELS.map((l) => [l, labelInfo(c, l, options.has('DETAILED_LABELS'))])) } : {}),
    ...(options.has('CURRENT_REVISION') || options.has('ALL_REVISIONS')
      ? {
          current_revision: rev,
          revisions: {
            [rev]: {
              kind: 'REWORK',
              _number: c.patchSets,
              ref: `refs/changes/${String(c.number).slice(-2).padStart(2, '0')}/${c.number}/${c.patchSets}`,
            },
          },
        }
      : {}),
  };
}

/** The query operators the app uses: `change:<n>`, a bare number or Change-Id, joined by OR. */
function matcher(q: string): ((c: EmChange) => boolean) | string {
  const terms = q
    .trim()
    .split(/\s+OR\s+/i)
    .map((t) => t.trim().replace(/^\((.*)\)$/, '$1'));
  const tests: ((c: EmChange) => boolean)[] = [];
  for (const t of terms) {
    const m = /^(?:change:)?(\d+)$/.exec(t) ?? /^(?:change:)?(I[0-9a-f]{40})$/.exec(t);
    if (!m) return `Unsupported query in the Gerrit emulator: ${t}`;
    const v = m[1]!;
    tests.push(/^\d+$/.test(v) ? (c) => c.number === Number(v) : (c) => c.changeId === v);
  }
  return (c) => tests.some((f) => f(c));
}

/** AccountInfo as Query Account gives it: `_account_id` only, or with DETAILS name, email and username. */
const queriedAccount = (a: EmAccount, details: boolean) =>
  details
    ? { _account_id: a._account_id, name: a.name, ...(a.email ? { email: a.email } : {}), username: a.username }
    : { _account_id: a._account_id };

/** The account query operators the emulator knows (user-search-accounts): `email:` and `username:`, ANDed when several. */
function accountMatcher(q: string): ((a: EmAccount) => boolean) | string {
  const tests: ((a: EmAccount) => boolean)[] = [];
  for (const raw of q.trim().split(/\s+(?:AND\s+)?/i)) {
    const m = /^(email|username):"?([^"]*)"?$/i.exec(raw);
    if (!m) return `Unsupported query in the Gerrit emulator: ${raw}`;
    const v = m[2]!.toLowerCase();
    tests.push(
      m[1]!.toLowerCase() === 'email' ? (a) => (a.email ?? '').toLowerCase().startsWith(v) : (a) => a.username.toLowerCase() === v,
    );
  }
  return (a) => tests.every((f) => f(a));
}

function handleAccounts(store: GerritStore, url: URL, path: string, res: ServerResponse): void {
  const options = new Set(url.searchParams.getAll('o').map((o) => o.toUpperCase()));
  if (path === '/accounts/' || path === '/accounts') {
    const q = url.searchParams.get('q');
    if (!q) return send(res, 400, 'missing query field');
    const match = accountMatcher(q);
    if (typeof match === 'string') return send(res, 400, match);
    const n = Math.min(Number(url.searchParams.get('n') ?? MAX_PAGE) || MAX_PAGE, MAX_PAGE);
    const start = Number(url.searchParams.get('S') ?? url.searchParams.get('start') ?? 0) || 0;
    const all = store.accounts().filter(match);
    const page = all.slice(start, start + n).map((a) => queriedAccount(a, options.has('DETAILS')) as Record<string, unknown>);
    if (start + n < all.length && page.length > 0) page[page.length - 1]!['_more_accounts'] = true;
    return send(res, 200, page);
  }
  return send(res, 404, 'Not Found');
}

function handle(store: GerritStore, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://gerrit.local');
  // Anonymous REST lives at /changes/; authenticated at /a/changes/ (the emulator answers both the same way).
  const path = url.pathname.replace(/^\/a\//, '/');
  if (req.method !== 'GET') return send(res, 405, 'Method Not Allowed');
  if (path.startsWith('/accounts')) return handleAccounts(store, url, path, res);
  const options = new Set(url.searchParams.getAll('o').map((o) => o.toUpperCase()));
  if (path === '/changes/' || path === '/changes') {
    const q = url.searchParams.get('q');
    if (!q) return send(res, 400, 'missing query field');
    const match = matcher(q);
    if (typeof match === 'string') return send(res, 400, match);
    const n = Math.min(Number(url.searchParams.get('n') ?? MAX_PAGE) || MAX_PAGE, MAX_PAGE);
    const start = Number(url.searchParams.get('S') ?? url.searchParams.get('start') ?? 0) || 0;
    // Sorted by last update, most recent first, as Gerrit's Query Changes documents.
    const all = store
      .all()
      .filter(match)
      .sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : b.number - a.number));
    const page = all.slice(start, start + n).map((c) => changeInfo(c, options) as Record<string, unknown>);
    if (start + n < all.length && page.length > 0) page[page.length - 1]!['_more_changes'] = true;
    return send(res, 200, page);
  }
  const m = /^\/changes\/([^/]+)(\/detail)?\/?$/.exec(path);
  if (m) {
    const id = decodeURIComponent(m[1]!);
    const c = /^\d+$/.test(id) ? store.get(Number(id)) : store.byChangeId(id);
    if (!c) return send(res, 404, `Not found: ${id}`);
    const opts = m[2] ? new Set([...options, 'LABELS', 'DETAILED_LABELS', 'DETAILED_ACCOUNTS']) : options;
    return send(res, 200, changeInfo(c, opts));
  }
  return send(res, 404, 'Not Found');
}

export async function startGerritEmulator(
  opts: { port?: number; bindAddress?: string; dataFile?: string; store?: GerritStore } = {},
): Promise<GerritEmulator> {
  const store = opts.store ?? new GerritStore(opts.dataFile);
  const server = await startUpstreamServer((req, res) => handle(store, req, res), send, opts);
  return Object.assign(server, { store });
}
