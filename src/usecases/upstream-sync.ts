// The scheduled sync (issue 14): refreshes the Gerrit evidence of deliverables that are not
// Delivered, spaced to respect Gerrit and Jira. One JQL search (records read as properties in
// the same call), the deliverables read longest ago first, up to a budget per run (count and
// time), their change numbers asked from Gerrit in batched queries; a record is written only
// when what Gerrit says changed or its evidence is older than REWRITE_AFTER_MS (each write
// costs Jira points). A Gerrit that fails marks the evidence read this run stale and backs off
// exponentially (KVS state), so an outage is not hammered.
import { DELIVERY_PROPERTY, DELIVERY_RECORD, deliveryIndex } from '../records/kinds';
import type { AppConfig } from '../domain/app-config';
import type { ReleaseCalendar } from '../domain/releases';
import type { Delivery } from '../domain/delivery';
import { LIFECYCLES, stageByStatusName } from '../domain/lifecycle';
import { upstreamNumbers, type GerritEvidence, type UpstreamChange } from '../domain/upstream';
import { asApp, type JiraClient } from '../jira/client';
import { searchAll } from '../jira/search';
import { readRecord } from '../records/stored-record';
import { trustedData } from '../records/record-store';
import { getSigningKey } from '../storage/signing-key';
import { loadSyncState, saveSyncState, type SyncState } from '../storage/upstream-sync';
import { UpstreamError, readGerritChanges, type GerritDeps } from '../upstream/gerrit-client';
import { writeRecord, type Actor } from './record-writes/write-record';
import { changeNames } from './record-writes/names';
import { markedStale } from './upstream-refresh';

/** Deliverables refreshed per run at most: a run stays well inside Forge's limits. */
export const SYNC_MAX_DELIVERABLES = 250;
/** Time budget per run: the sync stops starting writes after this (it runs again next hour). */
export const SYNC_BUDGET_MS = 8_000;
/** Deliverables per Gerrit read (two changes each: four queries of 25 numbers). */
export const SYNC_CHUNK = 50;
/** A new chunk starts only in the first part of the budget: its reads and writes must fit in the rest. */
export const CHUNK_START_SHARE = 0.6;
/** Records written at once. */
export const SYNC_WRITE_POOL = 8;
/** Unchanged evidence is rewritten (to say when it was read) only when older than this. */
export const REWRITE_AFTER_MS = 6 * 3600_000;
/** Backoff after a failed run: 15 min, 30, 60 ... up to 12 h. */
export const BACKOFF_BASE_MS = 15 * 60_000;
export const BACKOFF_MAX_MS = 12 * 3600_000;

/** Who the history names for a scheduled write (the app, not a person). */
export const SYNC_ACTOR: Actor = { accountId: 'lcoo-app', displayName: 'LCOO app (scheduled upstream sync)' };

export interface SyncOptions {
  client?: JiraClient;
  gerrit?: GerritDeps;
  config: AppConfig;
  /** The release calendar in effect (the records' search values name its series). */
  calendar: ReleaseCalendar;
  now?: () => number;
  budgetMs?: number;
  maxDeliverables?: number;
}

export interface SyncOutcome {
  skipped?: 'backoff';
  /** Deliverables not Delivered with linked changes. */
  candidates: number;
  /** Read from Gerrit in this run (the budget's share, longest ago first). */
  read: number;
  written: number;
  gerritRequests: number;
  error?: string;
  backoffUntil?: string;
  /** Ran out of time before writing all it read. */
  truncated: boolean;
}

interface Candidate {
  id: string;
  key: string;
  stage: ReturnType<typeof stageByStatusName>;
  revision: number;
  delivery: Delivery;
}

const sameEvidence = (a: GerritEvidence | undefined, b: GerritEvidence) =>
  a !== undefined &&
  a.stale === undefined &&
  JSON.stringify(a.changes) === JSON.stringify(b.changes) &&
  JSON.stringify(a.notFound ?? []) === JSON.stringify(b.notFound ?? []);

export async function syncUpstream(opts: SyncOptions): Promise<SyncOutcome> {
  const client = opts.client ?? asApp();
  const now = opts.now ?? Date.now;
  const started = now();
  const budget = opts.budgetMs ?? SYNC_BUDGET_MS;
  const state: SyncState = await loadSyncState();
  if (state.backoffUntil && Date.parse(state.backoffUntil) > started) {
    return {
      skipped: 'backoff',
      candidates: 0,
      read: 0,
      written: 0,
      gerritRequests: 0,
      backoffUntil: state.backoffUntil,
      truncated: false,
    };
  }

  const [found, secret] = await Promise.all([
    searchAll(client, {
      jql: `issuetype = "${LIFECYCLES.delivery.issueTypeName}" AND status != "Delivered" ORDER BY key ASC`,
      fields: ['status'],
      properties: [DELIVERY_PROPERTY],
      deadline: started + budget / 2,
    }),
    getSigningKey(),
  ]);
  const candidates: Candidate[] = [];
  for (const issue of found.issues) {
    const read = readRecord(DELIVERY_RECORD, issue.id, issue.properties?.[DELIVERY_PROPERTY], secret);
    const delivery = trustedData(read);
    if (!delivery || read.state !== 'present' || upstreamNumbers(delivery).length === 0) continue;
    const statusName = (issue.fields as { status?: { name?: string } } | undefined)?.status?.name ?? '';
    candidates.push({ id: issue.id, key: issue.key, stage: stageByStatusName(statusName), revision: read.meta.revision, delivery });
  }
  // Never read first, then the evidence read longest ago.
  const order = (c: Candidate) => c.delivery.upstream?.gerrit?.fetchedAt ?? '';
  const chosen = [...candidates].sort((a, b) => order(a).localeCompare(order(b))).slice(0, opts.maxDeliverables ?? SYNC_MAX_DELIVERABLES);
  const at = new Date(now()).toISOString();
  let gerritRequests = 0;
  let error: string | undefined;
  let read = 0;
  let written = 0;
  let truncated = false;

  const write = async (c: Candidate, evidence: GerritEvidence): Promise<boolean> => {
    try {
      await writeRecord<Delivery>({
        client,
        kind: DELIVERY_RECORD,
        issue: { id: c.id, key: c.key },
        expectedRevision: c.revision,
        actor: SYNC_ACTOR,
        now: new Date(at),
        action: 'refresh',
        names: changeNames(opts.config),
        build(current) {
          if (!current) throw new Error('record changed');
          return { ...current, upstream: { ...current.upstream, gerrit: evidence } };
        },
        index: (d) => deliveryIndex(d, c.stage, opts.calendar),
      });
      return true;
    } catch (e) {
      // A save by a person in between (a conflict) wins: the next run reads this one again.
      console.warn(`[lcoo] upstream sync: ${c.key} not written:`, e instanceof Error ? e.message : e);
      return false;
    }
  };

  // Chunk by chunk: read a chunk's changes from Gerrit, write what changed, then the next chunk
  // while the time budget lasts, so nothing is read from Gerrit that the run has no time to store.
  for (let i = 0; i < chosen.length; i += SYNC_CHUNK) {
    if (now() - started > budget * CHUNK_START_SHARE) {
      truncated = true;
      break;
    }
    const chunk = chosen.slice(i, i + SYNC_CHUNK);
    let byNumber: Map<number, UpstreamChange> | undefined;
    let notFound = new Set<number>();
    try {
      const got = await readGerritChanges(
        chunk.flatMap((c) => upstreamNumbers(c.delivery)),
        opts.gerrit,
      );
      gerritRequests += got.requests;
      byNumber = new Map(got.changes.map((c) => [c.number, c]));
      notFound = new Set(got.notFound);
    } catch (e) {
      if (!(e instanceof UpstreamError)) throw e;
      error = e.message;
      gerritRequests += 1;
    }
    read += chunk.length;
    /** The evidence to write for one deliverable (undefined: nothing changed). */
    const evidenceFor = (c: Candidate): GerritEvidence | undefined => {
      const last = c.delivery.upstream?.gerrit;
      if (byNumber) {
        const linked = upstreamNumbers(c.delivery);
        const missing = linked.filter((n) => notFound.has(n));
        const next: GerritEvidence = {
          source: 'gerrit',
          fetchedAt: at,
          changes: linked.map((n) => byNumber.get(n)).filter((x): x is UpstreamChange => x !== undefined),
          ...(missing.length ? { notFound: missing } : {}),
        };
        return sameEvidence(last, next) && Date.parse(at) - Date.parse(last!.fetchedAt) < REWRITE_AFTER_MS ? undefined : next;
      }
      return last && !last.stale ? markedStale(last, error ?? 'Gerrit could not be read.', new Date(at)) : undefined;
    };
    // A few writes at a time: each is a property read and write on a different issue.
    const pending = chunk.map((c) => ({ c, evidence: evidenceFor(c) })).filter((x) => x.evidence !== undefined);
    for (let j = 0; j < pending.length; j += SYNC_WRITE_POOL) {
      if (now() - started > budget) {
        truncated = true;
        break;
      }
      const results = await Promise.all(pending.slice(j, j + SYNC_WRITE_POOL).map((x) => write(x.c, x.evidence!)));
      written += results.filter(Boolean).length;
    }
    // A Gerrit that failed is not asked again in this run (backoff below).
    if (error || truncated) break;
  }

  const failures = error ? state.failures + 1 : 0;
  const backoffUntil = error
    ? new Date(started + Math.min(BACKOFF_BASE_MS * 2 ** (failures - 1), BACKOFF_MAX_MS)).toISOString()
    : undefined;
  await saveSyncState({
    failures,
    lastRunAt: at,
    ...(backoffUntil ? { backoffUntil } : {}),
    ...(error ? { lastError: error.slice(0, 400) } : {}),
  });
  return {
    candidates: candidates.length,
    read,
    written,
    gerritRequests,
    truncated,
    ...(error ? { error } : {}),
    ...(backoffUntil ? { backoffUntil } : {}),
  };
}
