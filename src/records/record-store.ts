// Saving and loading LCOO records. The one place that decides what a save may keep from the
// previous record, detects concurrent edits, and remembers the latest signed revision so an
// old (validly signed) copy replayed through raw REST is caught too.
import { AppError } from '../contract/envelope';
import type { JiraClient } from '../jira/client';
import { getIssueProperty, setIssueProperty } from '../jira/issues';
import { claimOnce, type Claim } from '../storage/claim';
import { KVS_KEYS } from '../storage/keys';
import { readLatestRevision, writeLatestRevision, type Latest } from '../storage/latest-revisions';
import { getSigningKey } from '../storage/signing-key';
import {
  StoredRecordSchema,
  buildStoredRecord,
  readRecord,
  type IndexValues,
  type RecordKind,
  type RecordMeta,
  type RecordRead,
} from './stored-record';

/**
 * A signed record is only current if it is the last one the app wrote. Returns the read with
 * integrity downgraded when Jira holds an older (replayed) or unknown revision.
 */
export async function checkFreshness<T>(issueId: string, kind: RecordKind<T>, read: RecordRead<T>): Promise<RecordRead<T>> {
  if (read.state !== 'present' || read.integrity !== 'valid') return read;
  return freshAgainst(await readLatestRevision(kind.propertyKey, issueId), read);
}

/** checkFreshness against a latest entry already read (see readAllLatestRevisions). */
export function freshAgainst<T>(latest: Latest | undefined, read: RecordRead<T>): RecordRead<T> {
  if (read.state !== 'present' || read.integrity !== 'valid') return read;
  if (latest && (latest.revision !== read.meta.revision || latest.sig !== read.sig)) {
    return { ...read, integrity: 'modified-outside-app' };
  }
  return read;
}

/** Loads a record through `client` (asUser in the panel, so Jira's browse permission holds). */
export async function loadRecord<T>(client: JiraClient, kind: RecordKind<T>, issue: { id: string; key: string }): Promise<RecordRead<T>> {
  const [raw, secret] = await Promise.all([getIssueProperty(client, issue.key, kind.propertyKey), getSigningKey()]);
  return checkFreshness(issue.id, kind, readRecord(kind, issue.id, raw, secret));
}

export const revisionOf = (read: RecordRead<unknown>): number | null =>
  read.state === 'present' ? read.meta.revision : read.state === 'unreadable' ? read.revision : null;

export interface SaveOptions<T> {
  /** asUser client: the write happens with the person's Jira permissions. */
  client: JiraClient;
  kind: RecordKind<T>;
  issue: { id: string; key: string };
  /** The revision the person loaded; null when they started from no record. */
  expectedRevision: number | null;
  actor: { accountId: string; displayName?: string };
  /**
   * Builds the new record. `trusted` is the previous record only when the app signed it:
   * approvals and other server-kept facts are never carried over from a forged record.
   */
  build(trusted: T | undefined): T;
  index(data: T): IndexValues;
  now?: Date;
}

/**
 * Jira properties have no compare-and-set, so two saves of the same revision could both pass
 * the check above. KVS has one: the first save to claim revision N+1 wins, the other gets a
 * conflict. A claim holds for 10 minutes (expiry kept in the value: storage/claim.ts), so a
 * save cut off between claim and write does not block the record for longer.
 */
const CLAIM_SECONDS = 10 * 60;

async function claimRevision(issueId: string, kind: RecordKind<unknown>, revision: number, accountId: string): Promise<Claim> {
  const outcome = await claimOnce(
    KVS_KEYS.revisionClaim(kind.propertyKey, issueId, revision),
    { accountId },
    { ttlSeconds: CLAIM_SECONDS },
  );
  if (outcome.ok) return outcome.claim;
  throw new AppError(
    'CONFLICT',
    `Someone else saved this ${kind.label} at the same moment. Reload to see their changes; copy anything of yours you want to keep first.`,
    { currentRevision: revision - 1 },
  );
}

export async function saveRecord<T>(opts: SaveOptions<T>): Promise<{ data: T; meta: RecordMeta }> {
  const { client, kind, issue } = opts;
  const current = await loadRecord(client, kind, issue);
  const currentRevision = revisionOf(current);
  if (currentRevision !== opts.expectedRevision) {
    const by = current.state === 'present' ? (current.meta.updatedByName ?? current.meta.updatedBy) : undefined;
    const at = current.state === 'present' ? current.meta.updatedAt : undefined;
    throw new AppError(
      'CONFLICT',
      `Someone else saved this ${kind.label} while you were editing${by ? ` (${by}${at ? `, ${at}` : ''})` : ''}. ` +
        'Reload to see their changes; copy anything of yours you want to keep first.',
      { currentRevision, updatedBy: by, updatedAt: at },
    );
  }
  const nextRevision = (currentRevision ?? 0) + 1;
  const trusted = current.state === 'present' && current.integrity === 'valid' ? current.data : undefined;
  const data = opts.build(trusted);
  const meta: RecordMeta = {
    revision: nextRevision,
    updatedAt: (opts.now ?? new Date()).toISOString(),
    updatedBy: opts.actor.accountId,
    ...(opts.actor.displayName ? { updatedByName: opts.actor.displayName } : {}),
  };
  const secret = await getSigningKey();
  const stored = buildStoredRecord(secret, kind, issue.id, data, opts.index(data), meta);
  const size = Buffer.byteLength(JSON.stringify(stored), 'utf8');
  if (size > 32 * 1024) {
    throw new AppError(
      'BAD_REQUEST',
      `This ${kind.label} is too large for Jira (${Math.ceil(size / 1024)} KB of 32 KB). Shorten the longest texts.`,
    );
  }
  const claim = await claimRevision(issue.id, kind, nextRevision, opts.actor.accountId);
  try {
    await setIssueProperty(client, issue.key, kind.propertyKey, stored);
  } catch (err) {
    // Jira refused the write (permissions, limits): free the revision for the next save.
    await claim.release().catch(() => undefined);
    throw err;
  }
  await writeLatestRevision(kind.propertyKey, issue.id, { revision: meta.revision, sig: stored.sig ?? '' } satisfies Latest);
  return { data, meta };
}

/**
 * Rewrites only the searchable index of a record (e.g. its stage after a transition), as the
 * app, keeping data, revision and signature untouched. It holds the claim on the next
 * revision while it writes, so a save landing at the same moment either goes first (and this
 * refresh steps back: the save indexes the current stage itself) or gets a conflict and is
 * retried by the person; the refresh never writes an older revision over a newer one.
 * Records the app did not write (no revision) are left alone: their index means nothing.
 */
export async function refreshIndex<T>(
  appClient: JiraClient,
  kind: RecordKind<T>,
  issue: { id: string; key: string },
  patch: IndexValues,
): Promise<boolean> {
  const raw = await getIssueProperty(appClient, issue.key, kind.propertyKey);
  const stored = StoredRecordSchema.safeParse(raw);
  if (!stored.success) return false;
  const index = { ...stored.data.index, ...patch };
  if (JSON.stringify(index) === JSON.stringify(stored.data.index)) return false;
  let claim: Claim;
  try {
    claim = await claimRevision(issue.id, kind, stored.data.meta.revision + 1, 'app');
  } catch (err) {
    if (err instanceof AppError && err.code === 'CONFLICT') return false;
    throw err;
  }
  try {
    await setIssueProperty(appClient, issue.key, kind.propertyKey, { ...(raw as object), index });
  } finally {
    await claim.release().catch(() => undefined);
  }
  return true;
}
