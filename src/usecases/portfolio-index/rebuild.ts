// "Rebuild the portfolio index": every LCOO item read from Jira again and its row derived, in
// steps that each fit one invocation (Forge async events: @forge/events Queue + a consumer),
// resumable after a failure. A rebuild starts a new generation: rows it writes, and rows saves
// write meanwhile, carry it; its last step sweeps rows of older generations (issues Jira no
// longer returns). The gadget keeps answering from the index throughout (or, when the bucket
// count must change, from Jira until the rebuild ends).
import { Queue } from '@forge/events';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { asApp } from '../../jira/client';
import { route } from '../../jira/client';
import { DELIVERY_PROPERTY, VETTING_PROPERTY } from '../../records/kinds';
import { loadAppConfig } from '../../storage/app-config';
import { readLatestRevisionsOf } from '../../storage/latest-revisions';
import {
  loadIndexMeta,
  loadRebuildProgress,
  saveIndexMeta,
  saveRebuildProgress,
  type IndexMeta,
  type RebuildProgress,
} from '../../storage/portfolio-index/meta';
import { changeRows, clearBuckets, readBuckets, sweepBuckets } from '../../storage/portfolio-index/store';
import type { IndexRow } from '../../domain/portfolio-index';
import { StepBudget, type UnitKind } from './step-budget';
import { loadStatusStageMap } from '../../storage/status-stages';
import { readGateRules } from '../gate-settings';
import { deriveFromIssues } from './derive';
import { LCOO_ISSUE_TYPES_CLAUSE } from './jql-scope';
import { fingerprintOf } from './settings';
import { loadReleaseCalendar } from '../../storage/release-calendar';
import { openIndexWriter, searchPage, type IndexWriter } from './writer';
import { reindexRecords, staleSearchIndexes } from './reindex-records';

/** The queue of rebuild steps (manifest consumer lcoo-index-rebuild). */
export const REBUILD_QUEUE = 'lcoo-index-rebuild';
/**
 * Rows a bucket is sized for at a rebuild (items x 1.25 / this, at most 100 buckets). A packed row
 * takes about 170 bytes with every company listed, so a bucket can grow to about 1,200 rows before
 * BUCKET_MAX_BYTES; the reconcile rebuilds once a bucket holds FULL_BUCKET_ROWS (test: bucket-capacity).
 */
export const ROWS_PER_BUCKET = 500;
export const FULL_BUCKET_ROWS = 800;
/**
 * No unit of a step's work starts unless it would end within this, at the worst cost seen for
 * its kind (step-budget.ts): every step ends within 10 s, far inside Forge's 25 s.
 */
export const STEP_BUDGET_MS = 7_000;
export const MAX_PAGES_PER_STEP = 20;
/**
 * Records whose JQL search values a step rewrites at most (a property read and a write each): the
 * first rebuild after an upgrade or a rename re-indexes the site over its steps, within Forge's limits.
 */
export const REINDEX_PER_STEP = 50;
/** A running rebuild with no step for this long is taken as dead (resumable). */
export const STALE_STEP_MS = 15 * 60_000;

export const RebuildEventSchema = z.object({ jobId: z.string(), step: z.number().int().min(1) });

const CountSchema = z.object({ count: z.number().int() }).loose();

/** How many LCOO items Jira holds, roughly (one call): the bucket count is chosen from it. */
async function approximateCount(): Promise<number | undefined> {
  try {
    const got = await asApp().request('POST', route`/rest/api/3/search/approximate-count`, CountSchema, { jql: LCOO_ISSUE_TYPES_CLAUSE });
    return got.count;
  } catch (err) {
    console.warn('[lcoo] the approximate count failed; the rebuild sizes buckets from the index:', err);
    return undefined;
  }
}

export const bucketCountFor = (items: number) => Math.min(100, Math.max(1, Math.ceil((items * 1.25) / ROWS_PER_BUCKET)));

export type StartOutcome = { started: true; progress: RebuildProgress } | { started: false; progress: RebuildProgress; reason: string };

const running = (p: RebuildProgress | undefined, nowMs: number): boolean =>
  p?.state === 'running' && nowMs - Date.parse(p.lastStepAt ?? p.startedAt) < STALE_STEP_MS;

/** Starts a rebuild (or says one is running). `by`: who asked (an admin's account id, or 'scheduled'). */
export async function startRebuild(
  by: string,
  push: (body: z.infer<typeof RebuildEventSchema>) => Promise<void> = pushStep,
): Promise<StartOutcome> {
  const now = Date.now();
  const current = await loadRebuildProgress();
  if (current && running(current, now)) return { started: false, progress: current, reason: 'A rebuild is already running.' };
  const [meta, config, statusStages, { calendar }] = await Promise.all([
    loadIndexMeta(),
    loadAppConfig(),
    loadStatusStageMap(),
    loadReleaseCalendar(),
  ]);
  const rules = await readGateRules(statusStages, asApp());
  const counted = await approximateCount();
  let items = counted;
  if (items === undefined && meta.state === 'ready') {
    items = (await readBuckets(meta.bucketCount)).buckets.reduce((n, b) => n + b.rows.length, 0);
  }
  const bucketCount = meta.state === 'ready' && items === undefined ? meta.bucketCount : bucketCountFor(items ?? 0);
  const generation = meta.generation + 1;
  let next: IndexMeta = {
    ...meta,
    generation,
    settings: rules,
    fingerprint: fingerprintOf(config, rules, now, calendar),
  };
  if (bucketCount !== meta.bucketCount) {
    // Rows are placed by bucket count: a new count starts from empty buckets (the gadget
    // searches Jira until this rebuild ends).
    await clearBuckets(0, meta.bucketCount);
    next = { ...next, state: 'empty', bucketCount };
  }
  await saveIndexMeta(next);
  const progress: RebuildProgress = {
    jobId: randomUUID(),
    state: 'running',
    startedAt: new Date(now).toISOString(),
    startedBy: by,
    done: 0,
    ...(items !== undefined ? { total: items } : {}),
    steps: 0,
    generation,
    bucketCount,
    longestStepMs: 0,
    lastStepAt: new Date(now).toISOString(),
  };
  await saveRebuildProgress(progress);
  await push({ jobId: progress.jobId, step: 1 });
  return { started: true, progress };
}

/** Resumes a failed (or dead) rebuild where its last step left it. */
export async function resumeRebuild(push: (body: z.infer<typeof RebuildEventSchema>) => Promise<void> = pushStep): Promise<StartOutcome> {
  const p = await loadRebuildProgress();
  if (!p) return startRebuild('resume', push);
  if (running(p, Date.now())) return { started: false, progress: p, reason: 'The rebuild is running.' };
  if (p.state === 'done') return { started: false, progress: p, reason: 'The last rebuild finished; start a new one.' };
  const resumed: RebuildProgress = { ...p, state: 'running', lastStepAt: new Date().toISOString() };
  delete resumed.error;
  await saveRebuildProgress(resumed);
  await push({ jobId: p.jobId, step: p.steps + 1 });
  return { started: true, progress: resumed };
}

async function pushStep(body: z.infer<typeof RebuildEventSchema>): Promise<void> {
  await new Queue({ key: REBUILD_QUEUE }).push({ body });
}

const CreatedSchema = z.object({ created: z.string().optional() }).loose();
/** JQL's date format, in minutes (UTC here; see docs/platform-facts.md on JQL time zones). */
const jqlMinute = (iso: string) => iso.slice(0, 16).replace('T', ' ').replace(/-/g, '/');

/** Cost assumed for each kind of unit before a step has measured one (ms, with Forge's latency). */
export const ASSUMED_UNIT_MS: Readonly<Record<UnitKind, number>> = {
  page: 1_500,
  reindex: 1_000,
  write: 2_000,
  sweep: 1_000,
  finish: 2_000,
};
/** Records re-indexed at once (a property read and a write each), and buckets swept at once. */
export const REINDEX_PARALLEL = 10;
export const SWEEP_GROUP = 10;

function assumedCosts(seen: RebuildProgress['unitCosts']): Record<UnitKind, number> {
  const out = { ...ASSUMED_UNIT_MS };
  for (const k of Object.keys(out) as UnitKind[]) if (seen?.[k] !== undefined) out[k] = seen[k];
  return out;
}

export interface StepDeps {
  push?: (body: z.infer<typeof RebuildEventSchema>) => Promise<void>;
  /** The clock the step's budget runs on (tests pass their own). */
  now?: () => number;
}

/**
 * One step. Until every page is read: search pages while the next page and the write after it
 * still fit the step's budget (step-budget.ts), re-indexing stale records as it goes, then write
 * all the step's rows at once (each bucket once, buckets in parallel) and record where it got to.
 * Then the sweep of older rows, a group of buckets at a time, in as many steps as it takes; the
 * last one marks the index ready. Every unit starts only if it ends within STEP_BUDGET_MS at the
 * worst cost seen for its kind. A failing step records the failure (the admin page offers to resume).
 */
export async function rebuildStep(event: unknown, deps: StepDeps = {}): Promise<RebuildProgress | undefined> {
  const push = deps.push ?? pushStep;
  const now = deps.now ?? Date.now;
  const parsed = RebuildEventSchema.safeParse(event);
  if (!parsed.success) return undefined;
  let progress = await loadRebuildProgress();
  // A step of another (older) job, or a finished one: nothing to do.
  if (!progress || progress.jobId !== parsed.data.jobId || progress.state !== 'running') return progress;
  const budget = new StepBudget(now, STEP_BUDGET_MS, assumedCosts(progress.unitCosts));
  try {
    const writer = await openIndexWriter();
    // Rows of this rebuild belong to its generation and bucket count, whatever the meta said.
    const meta = { ...writer.meta, generation: progress.generation, bucketCount: progress.bucketCount };
    let reindexed = 0;
    let reindexLeft = 0;
    if (progress.sweepNext === undefined) {
      const read = await readPages(writer, progress, budget);
      reindexed = read.reindexed;
      reindexLeft = read.reindexLeft;
      await budget.run('write', () =>
        changeRows({ put: read.put, remove: read.remove, generation: meta.generation }, meta.bucketCount, 'replace'),
      );
      progress = { ...read.progress, ...(read.last ? { sweepNext: 0 } : {}) };
    }
    let finished = false;
    if (progress.sweepNext !== undefined) {
      let next = progress.sweepNext;
      while (next < meta.bucketCount && budget.fits('sweep')) {
        const group = Array.from({ length: Math.min(SWEEP_GROUP, meta.bucketCount - next) }, (_, i) => next + i);
        await budget.run('sweep', () => sweepBuckets(group, meta.generation));
        next += group.length;
      }
      const swept: RebuildProgress = { ...progress, sweepNext: next };
      progress = swept;
      if (next >= meta.bucketCount && budget.fits('finish')) {
        await budget.run('finish', () => finish(meta, swept));
        finished = true;
      }
    }
    const took = budget.elapsed();
    progress = {
      ...progress,
      reindexed: (progress.reindexed ?? 0) + reindexed,
      reindexLeft: (progress.reindexLeft ?? 0) + reindexLeft,
      steps: progress.steps + 1,
      longestStepMs: Math.max(progress.longestStepMs, took),
      unitCosts: budget.seen(),
      lastStepAt: new Date().toISOString(),
      ...(finished ? { state: 'done' as const, finishedAt: new Date().toISOString() } : {}),
    };
    if (finished) delete progress.sweepNext;
    await saveRebuildProgress(progress);
    if (!finished) await push({ jobId: progress.jobId, step: progress.steps + 1 });
    return progress;
  } catch (err) {
    const failed: RebuildProgress = {
      ...progress,
      state: 'failed',
      steps: progress.steps + 1,
      error: err instanceof Error ? err.message : String(err),
      lastStepAt: new Date().toISOString(),
    };
    // The next step searches again from the last item written (a page token may not outlive the failure).
    delete failed.nextPageToken;
    await saveRebuildProgress(failed);
    console.error('[lcoo] a portfolio index rebuild step failed; resume it from the admin page:', err);
    return failed;
  }
}

/**
 * The step's pages: read while the next page and the write after it fit the budget (the first
 * page always: a step makes progress), their rows derived, and stale records re-indexed in
 * parallel groups while a group and the write still fit. Nothing is written here.
 */
async function readPages(writer: IndexWriter, start: RebuildProgress, budget: StepBudget) {
  let progress = start;
  const put: IndexRow[] = [];
  const remove: string[] = [];
  let pages = 0;
  let last = false;
  let reindexed = 0;
  let reindexLeft = 0;
  while (pages < MAX_PAGES_PER_STEP && (pages === 0 || budget.fits('page', 'write'))) {
    const from = progress;
    const { page, latest, derived } = await budget.run('page', async () => {
      const jql = `${LCOO_ISSUE_TYPES_CLAUSE}${from.resumeFrom && !from.nextPageToken ? ` AND created >= "${jqlMinute(from.resumeFrom)}"` : ''} ORDER BY created ASC`;
      const page = await searchPage(writer.client, jql, from.nextPageToken);
      const latest = await readLatestRevisionsOf(
        [VETTING_PROPERTY, DELIVERY_PROPERTY],
        page.issues.map((i) => i.id),
      );
      return { page, latest, derived: await deriveFromIssues(page.issues, writer.secret, writer.statusStages, latest, writer.ctx) };
    });
    put.push(...derived.rows);
    remove.push(...derived.notItems);
    const stale = staleSearchIndexes(
      page.issues,
      writer.secret,
      writer.statusStages,
      latest,
      { nowMs: writer.ctx.now.getTime(), calendar: writer.calendar },
      writer.config.config,
    );
    let at = 0;
    while (at < stale.length && reindexed < REINDEX_PER_STEP && budget.fits('reindex', 'write')) {
      const group = stale.slice(at, at + Math.min(REINDEX_PARALLEL, REINDEX_PER_STEP - reindexed));
      const written = await budget.run('reindex', () => reindexRecords(writer.client, group, group.length));
      reindexed += written.reindexed;
      reindexLeft += written.left;
      at += group.length;
    }
    reindexLeft += stale.length - at;
    pages += 1;
    const lastCreated =
      page.issues.length > 0 ? CreatedSchema.safeParse(page.issues[page.issues.length - 1]!.fields).data?.created : undefined;
    progress = {
      ...progress,
      done: progress.done + derived.rows.length,
      ...(lastCreated ? { resumeFrom: new Date(Date.parse(lastCreated)).toISOString() } : {}),
    };
    if (page.isLast === true || !page.nextPageToken || page.issues.length === 0) {
      last = true;
      delete progress.nextPageToken;
      break;
    }
    progress = { ...progress, nextPageToken: page.nextPageToken };
  }
  return { progress, put, remove, last, reindexed, reindexLeft };
}

/** The last step, after the sweep: the index is ready with what it was built from. */
async function finish(meta: IndexMeta, progress: RebuildProgress): Promise<void> {
  const { buckets } = await readBuckets(meta.bucketCount);
  const rows = buckets.flatMap((b) => b.rows);
  const now = new Date().toISOString();
  const current = await loadIndexMeta();
  await saveIndexMeta({
    ...current,
    state: 'ready',
    generation: meta.generation,
    bucketCount: meta.bucketCount,
    builtAt: now,
    reconciledAt: progress.startedAt,
    fullPassAt: progress.startedAt,
    projects: [...new Set(rows.map((r) => r.projectId))],
    secured: rows.filter((r) => r.securityLevel).map((r) => r.id),
  });
}
