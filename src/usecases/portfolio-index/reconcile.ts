// Keeping the index honest between saves: Jira's issue events (created, updated for status,
// summary, type, project, key or security changes, deleted) and an hourly reconcile. The
// reconcile reads what changed since the last one (`updated >= last reconcile`, with an hour
// of overlap for time zones), rows a save could not write, and starts a full rebuild when the
// settings rows depend on changed, when the index was never built, or once a day: Jira sends
// no event for a property written through raw REST, so only a full pass is sure to see one.
import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { KVS_KEYS } from '../../storage/keys';
import { loadAppConfig } from '../../storage/app-config';
import { loadIndexMeta, loadRebuildProgress, saveIndexMeta } from '../../storage/portfolio-index/meta';
import { readBuckets } from '../../storage/portfolio-index/store';
import { loadStatusStageMap } from '../../storage/status-stages';
import { DELIVERY_PROPERTY, VETTING_PROPERTY } from '../../records/kinds';
import { readLatestRevisionsOf } from '../../storage/latest-revisions';
import { changeRows, IndexBucketFullError } from '../../storage/portfolio-index/store';
import { asApp } from '../../jira/client';
import { readGateRules } from '../gate-settings';
import { deriveFromIssues } from './derive';
import { LCOO_ISSUE_TYPES_CLAUSE } from './jql-scope';
import { FULL_BUCKET_ROWS, startRebuild, STALE_STEP_MS } from './rebuild';
import { fingerprintOf } from './settings';
import { loadReleaseCalendar } from '../../storage/release-calendar';
import { openIndexWriter, removeIssues, searchPage, syncIssues } from './writer';

export const FULL_PASS_EVERY_MS = 24 * 3600_000;
/** Overlap of the incremental search: JQL dates are read in a time zone the app does not choose. */
export const RECONCILE_OVERLAP_MS = 3600_000;
/** The reconcile stops paging after this long (it runs again within the hour). */
export const RECONCILE_BUDGET_MS = 15_000;

export interface ReconcileOutcome {
  action: 'rebuild-started' | 'rebuild-running' | 'incremental';
  reason?: string;
  synced?: number;
  pages?: number;
}

const jqlMinute = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ').replace(/-/g, '/');

export async function reconcile(nowMs = Date.now()): Promise<ReconcileOutcome> {
  const progress = await loadRebuildProgress();
  if (progress?.state === 'running' && nowMs - Date.parse(progress.lastStepAt ?? progress.startedAt) < STALE_STEP_MS) {
    return { action: 'rebuild-running' };
  }
  const [meta, config, statusStages, { calendar }] = await Promise.all([
    loadIndexMeta(),
    loadAppConfig(),
    loadStatusStageMap(),
    loadReleaseCalendar(),
  ]);
  const rules = await readGateRules(statusStages, asApp());
  let reason: string | undefined;
  if (meta.state !== 'ready') reason = 'the index has not been built';
  else if (fingerprintOf(config, rules, nowMs, calendar) !== meta.fingerprint) reason = 'the gate settings or the release calendar changed';
  else if (!meta.fullPassAt || nowMs - Date.parse(meta.fullPassAt) >= FULL_PASS_EVERY_MS) reason = 'the daily full pass is due';
  else if ((await readBuckets(meta.bucketCount)).buckets.some((b) => b.rows.length >= FULL_BUCKET_ROWS)) {
    // The portfolio grew since the bucket count was chosen: more buckets before one is refused.
    reason = 'the portfolio outgrew the index buckets';
  }
  if (reason) {
    const started = await startRebuild('scheduled');
    return started.started ? { action: 'rebuild-started', reason } : { action: 'rebuild-running', reason: started.reason };
  }

  const writer = await openIndexWriter({ config, statusStages, meta, calendar });
  const since = Date.parse(meta.reconciledAt ?? meta.builtAt ?? new Date(nowMs).toISOString()) - RECONCILE_OVERLAP_MS;
  const jql = `${LCOO_ISSUE_TYPES_CLAUSE} AND updated >= "${jqlMinute(since)}" ORDER BY updated ASC`;
  const started = Date.now();
  let token: string | undefined;
  let synced = 0;
  let pages = 0;
  let complete = false;
  while (Date.now() - started < RECONCILE_BUDGET_MS) {
    const page = await searchPage(writer.client, jql, token);
    pages += 1;
    const latest = await readLatestRevisionsOf(
      [VETTING_PROPERTY, DELIVERY_PROPERTY],
      page.issues.map((i) => i.id),
    );
    const derived = await deriveFromIssues(page.issues, writer.secret, writer.statusStages, latest, writer.ctx);
    await changeRows({ put: derived.rows, remove: derived.notItems, generation: meta.generation }, meta.bucketCount);
    synced += derived.rows.length;
    if (page.isLast === true || !page.nextPageToken || page.issues.length === 0) {
      complete = true;
      break;
    }
    token = page.nextPageToken;
  }
  // Rows a save could not write.
  const dirty = await kvs.query().where('key', WhereConditions.beginsWith(KVS_KEYS.portfolioDirtyPrefix)).limit(100).getMany<unknown>();
  const dirtyIds = dirty.results.map((r) => r.key.slice(KVS_KEYS.portfolioDirtyPrefix.length)).filter((id) => /^\d+$/.test(id));
  if (dirtyIds.length > 0) {
    synced += (await syncIssues(writer, dirtyIds)).rows.length;
    for (const r of dirty.results) await kvs.delete(r.key);
  }
  // Projects and secured issues as the rows now have them: what loads ask Jira about.
  const { buckets } = await readBuckets(meta.bucketCount);
  const rows = buckets.flatMap((b) => b.rows);
  await saveIndexMeta({
    ...(await loadIndexMeta()),
    // Only a search that ran to its end moves the start of the next one.
    ...(complete ? { reconciledAt: new Date(nowMs).toISOString() } : {}),
    projects: [...new Set(rows.map((r) => r.projectId))],
    secured: rows.filter((r) => r.securityLevel).map((r) => r.id),
  });
  return { action: 'incremental', synced, pages };
}

// ------------------------------------------------------------------------ Jira's issue events

const ChangeItemSchema = z.object({ field: z.string().optional(), fieldId: z.string().optional() }).loose();
export const IssueEventSchema = z
  .object({
    issue: z.object({ id: z.union([z.string(), z.number()]).transform(String), key: z.string().optional() }).loose(),
    changelog: z
      .object({ items: z.array(ChangeItemSchema).default([]) })
      .loose()
      .optional(),
  })
  .loose();

/** Changes that alter a row: status (stage), summary, type, project or key (a move), security. */
const ROW_FIELDS = new Set(['status', 'summary', 'issuetype', 'project', 'key', 'security', 'issuekey']);

/** Whether an `avi:jira:updated:issue` event changes anything a row holds (without a changelog: assume it does). */
export function changesRow(event: z.infer<typeof IssueEventSchema>): boolean {
  const items = event.changelog?.items;
  if (!items) return true;
  return items.some((i) => ROW_FIELDS.has((i.fieldId ?? i.field ?? '').toLowerCase()));
}

export interface IssueEventOutcome {
  issueId?: string;
  indexed: 'synced' | 'removed' | 'unchanged' | 'deferred' | 'not-an-issue-event';
  writes?: number;
}

/** avi:jira:created:issue and avi:jira:updated:issue: the issue's row derived from Jira again (one Jira call). */
export async function onIssueChanged(event: unknown, created: boolean): Promise<IssueEventOutcome> {
  const parsed = IssueEventSchema.safeParse(event);
  if (!parsed.success) return { indexed: 'not-an-issue-event' };
  if (!created && !changesRow(parsed.data)) return { issueId: parsed.data.issue.id, indexed: 'unchanged' };
  const writer = await openIndexWriter();
  try {
    const { writes } = await syncIssues(writer, [parsed.data.issue.id]);
    return { issueId: parsed.data.issue.id, indexed: 'synced', writes };
  } catch (err) {
    if (!(err instanceof IndexBucketFullError)) throw err;
    // The reconcile rebuilds with more buckets, and derives this issue again.
    await kvs.set(KVS_KEYS.portfolioDirty(parsed.data.issue.id), { at: new Date().toISOString(), why: err.message });
    return { issueId: parsed.data.issue.id, indexed: 'deferred' };
  }
}

/** avi:jira:deleted:issue: the row goes (no Jira call: the issue is gone). */
export async function onIssueDeleted(event: unknown): Promise<IssueEventOutcome> {
  const parsed = IssueEventSchema.safeParse(event);
  if (!parsed.success) return { indexed: 'not-an-issue-event' };
  const meta = await loadIndexMeta();
  const writes = await removeIssues({ meta }, [parsed.data.issue.id]);
  return { issueId: parsed.data.issue.id, indexed: 'removed', writes };
}
