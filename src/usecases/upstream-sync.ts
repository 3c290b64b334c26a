// The scheduled sync (issue 14): refreshes the upstream evidence of deliverables that are not
// Delivered, spaced to respect Gerrit, Launchpad and Jira. One JQL search (records read as
// properties in the same call); then the two sources side by side, each with its own budget and its
// own backoff, so an outage of one neither stops nor slows the other:
// - Gerrit: the deliverables read longest ago first, up to a budget per run (count and time), their
//   change numbers asked in batched queries, chunk by chunk;
// - Launchpad: the deliverables whose blueprint was read longest ago first, within a request budget
//   (launchpad-sync-plan.ts), a project's blueprints by the page where that costs fewer requests.
// Each deliverable is written at most once per run, with whatever of the two changed (each write
// costs Jira points), and only when what a source says changed or its evidence is older than
// REWRITE_AFTER_MS. A source that fails marks the evidence it could not read stale and backs off
// exponentially (KVS state, per source).
import { DELIVERY_PROPERTY, DELIVERY_RECORD, deliveryIndex } from '../records/kinds';
import type { AppConfig } from '../domain/app-config';
import type { ReleaseCalendar } from '../domain/releases';
import type { Delivery } from '../domain/delivery';
import { LIFECYCLES, stageByStatusName } from '../domain/lifecycle';
import { blueprintRef, upstreamNumbers, type GerritEvidence, type LaunchpadEvidence, type UpstreamChange } from '../domain/upstream';
import { asApp, type JiraClient } from '../jira/client';
import { searchAll } from '../jira/search';
import { readRecord } from '../records/stored-record';
import { trustedData } from '../records/record-store';
import { getSigningKey } from '../storage/signing-key';
import { MAX_REMEMBERED_PROJECTS, loadSyncState, saveSyncState } from '../storage/upstream-sync';
import { UpstreamError, readGerritChanges, type GerritDeps } from '../upstream/gerrit-client';
import type { LaunchpadDeps } from '../upstream/launchpad';
import { writeRecord, type Actor } from './record-writes/write-record';
import { changeNames } from './record-writes/names';
import { markedStale } from './upstream-refresh';
import {
  LAUNCHPAD_MAX_DELIVERABLES,
  LAUNCHPAD_MAX_REQUESTS,
  LAUNCHPAD_POOL,
  afterRun,
  inBackoff,
  planLaunchpad,
  type LaunchpadPlan,
} from './launchpad-sync-plan';
import { readLaunchpadPlan, type LaunchpadReadResult } from './launchpad-sync-read';

export { BACKOFF_BASE_MS, BACKOFF_MAX_MS } from './launchpad-sync-plan';

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
/** Launchpad's requests start within this share of the run's budget (after the Jira search)... */
export const LAUNCHPAD_START_SHARE = 0.25;
/** ...and are over by this share: its writes go with Gerrit's and need the rest. */
export const LAUNCHPAD_END_SHARE = 0.4;

/** Who the history names for a scheduled write (the app, not a person). */
export const SYNC_ACTOR: Actor = { accountId: 'lcoo-app', displayName: 'LCOO app (scheduled upstream sync)' };

export interface SyncOptions {
  client?: JiraClient;
  gerrit?: GerritDeps;
  launchpad?: LaunchpadDeps;
  config: AppConfig;
  /** The release calendar in effect (the records' search values name its series). */
  calendar: ReleaseCalendar;
  now?: () => number;
  budgetMs?: number;
  maxDeliverables?: number;
  launchpadMaxRequests?: number;
}

/** What one source did in a run. */
export interface SourceOutcome {
  /** Left alone: its backoff after failed runs has not run out. */
  skipped?: 'backoff';
  /** Deliverables not Delivered that link something of this source (changes; a blueprint). */
  candidates: number;
  /** Deliverables whose evidence this source answered for in this run. */
  read: number;
  requests: number;
  error?: string;
  backoffUntil?: string;
}

export interface SyncOutcome {
  /** Both sources are backing off: nothing was asked, not even Jira. */
  skipped?: 'backoff';
  /** Records written: one per deliverable at most, whatever changed. */
  written: number;
  /** Ran out of time before writing all it read. */
  truncated: boolean;
  gerrit: SourceOutcome;
  launchpad: SourceOutcome;
}

interface Candidate {
  id: string;
  key: string;
  stage: ReturnType<typeof stageByStatusName>;
  revision: number;
  delivery: Delivery;
  numbers: number[];
  blueprint: { project: string; name: string } | undefined;
}

const sameEvidence = (a: GerritEvidence | undefined, b: GerritEvidence) =>
  a !== undefined &&
  a.stale === undefined &&
  JSON.stringify(a.changes) === JSON.stringify(b.changes) &&
  JSON.stringify(a.notFound ?? []) === JSON.stringify(b.notFound ?? []);

const sameBlueprint = (a: LaunchpadEvidence | undefined, b: LaunchpadEvidence) =>
  a !== undefined &&
  a.stale === undefined &&
  JSON.stringify(a.blueprint ?? null) === JSON.stringify(b.blueprint ?? null) &&
  (a.notFound ?? false) === (b.notFound ?? false);

/** Evidence to write for one deliverable: a source absent here is left as it is in the record. */
interface Update {
  gerrit?: GerritEvidence;
  launchpad?: LaunchpadEvidence;
}

export async function syncUpstream(opts: SyncOptions): Promise<SyncOutcome> {
  const client = opts.client ?? asApp();
  const now = opts.now ?? Date.now;
  const started = now();
  const budget = opts.budgetMs ?? SYNC_BUDGET_MS;
  const state = await loadSyncState();
  const gerritDue = !inBackoff(state.gerrit, started);
  const launchpadDue = !inBackoff(state.launchpad, started);
  const gerrit: SourceOutcome = { candidates: 0, read: 0, requests: 0 };
  const launchpad: SourceOutcome = { candidates: 0, read: 0, requests: 0 };
  if (!gerritDue) Object.assign(gerrit, { skipped: 'backoff', backoffUntil: state.gerrit.backoffUntil });
  if (!launchpadDue) Object.assign(launchpad, { skipped: 'backoff', backoffUntil: state.launchpad.backoffUntil });
  if (!gerritDue && !launchpadDue) return { skipped: 'backoff', written: 0, truncated: false, gerrit, launchpad };

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
    if (!delivery || read.state !== 'present') continue;
    const numbers = upstreamNumbers(delivery);
    const blueprint = blueprintRef(delivery.blueprint?.url);
    if (numbers.length === 0 && !blueprint) continue;
    const statusName = (issue.fields as { status?: { name?: string } } | undefined)?.status?.name ?? '';
    candidates.push({
      id: issue.id,
      key: issue.key,
      stage: stageByStatusName(statusName),
      revision: read.meta.revision,
      delivery,
      numbers,
      blueprint,
    });
  }
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const withChanges = candidates.filter((c) => c.numbers.length > 0);
  const withBlueprint = candidates.filter((c) => c.blueprint !== undefined);
  gerrit.candidates = withChanges.length;
  launchpad.candidates = withBlueprint.length;
  const at = new Date(now()).toISOString();

  // Launchpad starts first and runs beside Gerrit's first chunk: its reads are over before any write.
  let plan: LaunchpadPlan | undefined;
  let launchpadRead: Promise<LaunchpadReadResult | undefined> = Promise.resolve(undefined);
  if (launchpadDue && withBlueprint.length > 0) {
    plan = planLaunchpad(
      withBlueprint.map((c) => ({
        id: c.id,
        project: c.blueprint!.project,
        name: c.blueprint!.name,
        lastFetchedAt: c.delivery.upstream?.launchpad?.fetchedAt,
      })),
      {
        sizes: state.launchpadSizes,
        maxRequests: opts.launchpadMaxRequests ?? LAUNCHPAD_MAX_REQUESTS,
        maxDeliverables: LAUNCHPAD_MAX_DELIVERABLES,
      },
    );
    const readsStart = Math.min(now(), started + budget / 2);
    launchpadRead = readLaunchpadPlan(plan, {
      ...(opts.launchpad ? { deps: opts.launchpad } : {}),
      now,
      deadline: readsStart + budget * LAUNCHPAD_START_SHARE,
      endBy: readsStart + budget * LAUNCHPAD_END_SHARE,
      maxRequests: opts.launchpadMaxRequests ?? LAUNCHPAD_MAX_REQUESTS,
      pool: LAUNCHPAD_POOL,
    });
  }
  /** Launchpad's evidence per deliverable id, once its reads are over (undefined: nothing to write). */
  let launchpadUpdates: Map<string, LaunchpadEvidence> | undefined;
  const launchpadUpdatesReady = async (): Promise<Map<string, LaunchpadEvidence>> => {
    if (launchpadUpdates) return launchpadUpdates;
    const result = await launchpadRead;
    launchpadUpdates = new Map();
    if (!result || !plan) return launchpadUpdates;
    launchpad.requests = result.requests;
    if (result.error) launchpad.error = result.error;
    for (const [project, size] of Object.entries(result.sizes)) state.launchpadSizes[project] = size;
    for (const [key, ids] of plan.deliverables) {
      const said = result.read.get(key);
      for (const id of ids) {
        const c = byId.get(id)!;
        const last = c.delivery.upstream?.launchpad;
        let next: LaunchpadEvidence | undefined;
        if (said !== undefined) {
          launchpad.read += 1;
          next = said ? { source: 'launchpad', fetchedAt: at, blueprint: said } : { source: 'launchpad', fetchedAt: at, notFound: true };
          if (sameBlueprint(last, next) && Date.parse(at) - Date.parse(last!.fetchedAt) < REWRITE_AFTER_MS) next = undefined;
        } else if (result.failed.has(key) && last && !last.stale) {
          next = markedStale(last, result.error ?? 'Launchpad could not be read.', new Date(at));
        }
        if (next) launchpadUpdates.set(id, next);
      }
    }
    return launchpadUpdates;
  };

  let written = 0;
  let truncated = false;
  const done = new Set<string>();

  const write = async (c: Candidate, update: Update): Promise<boolean> => {
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
          return { ...current, upstream: { ...current.upstream, ...update } };
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
  /** Writes a few at a time (each a property read and write on a different issue) while the budget lasts. */
  const writeAll = async (pending: { c: Candidate; update: Update }[]) => {
    for (let j = 0; j < pending.length; j += SYNC_WRITE_POOL) {
      if (now() - started > budget) {
        truncated = true;
        return;
      }
      const results = await Promise.all(pending.slice(j, j + SYNC_WRITE_POOL).map((x) => write(x.c, x.update)));
      written += results.filter(Boolean).length;
    }
  };

  // Gerrit, chunk by chunk: read a chunk's changes, write what changed (with the chunk's Launchpad
  // evidence), then the next chunk while the time budget lasts, so nothing is read from Gerrit that
  // the run has no time to store.
  if (gerritDue) {
    // Never read first, then the evidence read longest ago.
    const order = (c: Candidate) => c.delivery.upstream?.gerrit?.fetchedAt ?? '';
    const chosen = [...withChanges]
      .sort((a, b) => order(a).localeCompare(order(b)))
      .slice(0, opts.maxDeliverables ?? SYNC_MAX_DELIVERABLES);
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
          chunk.flatMap((c) => c.numbers),
          opts.gerrit,
        );
        gerrit.requests += got.requests;
        byNumber = new Map(got.changes.map((c) => [c.number, c]));
        notFound = new Set(got.notFound);
        gerrit.read += chunk.length;
      } catch (e) {
        if (!(e instanceof UpstreamError)) throw e;
        gerrit.error = e.message;
        gerrit.requests += 1;
      }
      /** The evidence to write for one deliverable (undefined: nothing changed). */
      const evidenceFor = (c: Candidate): GerritEvidence | undefined => {
        const last = c.delivery.upstream?.gerrit;
        if (byNumber) {
          const missing = c.numbers.filter((n) => notFound.has(n));
          const next: GerritEvidence = {
            source: 'gerrit',
            fetchedAt: at,
            changes: c.numbers.map((n) => byNumber.get(n)).filter((x): x is UpstreamChange => x !== undefined),
            ...(missing.length ? { notFound: missing } : {}),
          };
          return sameEvidence(last, next) && Date.parse(at) - Date.parse(last!.fetchedAt) < REWRITE_AFTER_MS ? undefined : next;
        }
        return last && !last.stale ? markedStale(last, gerrit.error ?? 'Gerrit could not be read.', new Date(at)) : undefined;
      };
      const fromLaunchpad = await launchpadUpdatesReady();
      const pending: { c: Candidate; update: Update }[] = [];
      for (const c of chunk) {
        done.add(c.id);
        const g = evidenceFor(c);
        const l = fromLaunchpad.get(c.id);
        if (g || l) pending.push({ c, update: { ...(g ? { gerrit: g } : {}), ...(l ? { launchpad: l } : {}) } });
      }
      await writeAll(pending);
      // A Gerrit that failed is not asked again in this run (backoff below).
      if (gerrit.error || truncated) break;
    }
  }
  // Launchpad's evidence of deliverables no Gerrit chunk wrote: while the budget lasts.
  const fromLaunchpad = await launchpadUpdatesReady();
  if (!truncated) {
    await writeAll([...fromLaunchpad].filter(([id]) => !done.has(id)).map(([id, l]) => ({ c: byId.get(id)!, update: { launchpad: l } })));
  }

  const gerritState = gerritDue ? afterRun(gerrit.error, state.gerrit, started) : state.gerrit;
  const launchpadState = launchpadDue && plan ? afterRun(launchpad.error, state.launchpad, started) : state.launchpad;
  if (gerritDue && gerritState.backoffUntil) gerrit.backoffUntil = gerritState.backoffUntil;
  if (launchpadDue && launchpadState.backoffUntil) launchpad.backoffUntil = launchpadState.backoffUntil;
  const sizes = Object.entries(state.launchpadSizes).slice(-MAX_REMEMBERED_PROJECTS);
  await saveSyncState({ gerrit: gerritState, launchpad: launchpadState, lastRunAt: at, launchpadSizes: Object.fromEntries(sizes) });
  return { written, truncated, gerrit, launchpad };
}
