// Saving and loading LCOO records. The one place that decides what a save may keep from the
// previous record, detects concurrent edits, and keeps in KVS what the app wrote: the latest
// signed revision (so an old, validly signed copy replayed through raw REST is caught), the
// whole record (so a deleted or forged property can be restored) and the write's history entry.
import { AppError } from '../contract/envelope';
import type { JiraClient } from '../jira/client';
import { getIssueProperty, setIssueProperty } from '../jira/issues';
import { claimOnce, type Claim } from '../storage/claim';
import { KVS_KEYS } from '../storage/keys';
import { readLatestRevision, type Latest } from '../storage/latest-revisions';
import { commitWrite, readRecordCopy } from '../storage/record-copies';
import { getSigningKey } from '../storage/signing-key';
import {
  StoredRecordSchema,
  buildStoredRecord,
  readRecord,
  withIndex,
  type IndexValues,
  type RecordKind,
  type RecordMeta,
  type RecordRead,
  type StoredRecord,
} from './stored-record';

/** checkFreshness against a latest entry already read (see readAllLatestRevisions). */
export function freshAgainst<T>(latest: Latest | undefined, read: RecordRead<T>): RecordRead<T> {
  if (read.state !== 'present' || read.integrity !== 'valid') return read;
  if (latest && (latest.revision !== read.meta.revision || latest.sig !== read.sig)) {
    return { ...read, integrity: 'modified-outside-app', outside: 'replayed' };
  }
  return read;
}

/**
 * A signed record is only current if it is the last one the app wrote. Returns the read with
 * integrity downgraded when Jira holds an older (replayed) or unknown revision.
 */
export async function checkFreshness<T>(issueId: string, kind: RecordKind<T>, read: RecordRead<T>): Promise<RecordRead<T>> {
  if (read.state !== 'present' || read.integrity !== 'valid') return read;
  return freshAgainst(await readLatestRevision(kind.propertyKey, issueId), read);
}

/** The record as Jira holds it, verified, and the latest revision the app wrote (undefined: it never wrote one). */
export interface LoadedRecord<T> {
  read: RecordRead<T>;
  latest: Latest | undefined;
  /** The property value as Jira returned it. */
  raw: unknown;
}

export async function loadRecordAndLatest<T>(
  client: JiraClient,
  kind: RecordKind<T>,
  issue: { id: string; key: string },
): Promise<LoadedRecord<T>> {
  const [raw, secret, latest] = await Promise.all([
    getIssueProperty(client, issue.key, kind.propertyKey),
    getSigningKey(),
    readLatestRevision(kind.propertyKey, issue.id),
  ]);
  return { read: freshAgainst(latest, readRecord(kind, issue.id, raw, secret)), latest, raw };
}

/** Loads a record through `client` (asUser in the panel, so Jira's browse permission holds). */
export async function loadRecord<T>(client: JiraClient, kind: RecordKind<T>, issue: { id: string; key: string }): Promise<RecordRead<T>> {
  return (await loadRecordAndLatest(client, kind, issue)).read;
}

export const revisionOf = (read: RecordRead<unknown>): number | null =>
  read.state === 'present' ? read.meta.revision : read.state === 'unreadable' ? read.revision : null;

/**
 * The data a write may build on: the record's data when the app wrote it and it is the latest
 * the app wrote. A record whose only fault is its search values (an index edited through raw
 * REST) still has the app's data, approvals included: re-saving it rewrites the index and keeps
 * them. Forged or replayed data gives nothing.
 */
export function trustedData<T>(read: RecordRead<T>): T | undefined {
  if (read.state !== 'present') return undefined;
  return read.integrity === 'valid' || read.outside === 'index' ? read.data : undefined;
}

export interface SaveOptions<T> {
  /** asUser client: the write happens with the person's Jira permissions. */
  client: JiraClient;
  kind: RecordKind<T>;
  issue: { id: string; key: string };
  /** The revision the person loaded; null when they started from no record. */
  expectedRevision: number | null;
  actor: { accountId: string; displayName?: string };
  /**
   * Builds the new record. `trusted` is the previous record only when the app signed it
   * (trustedData): approvals and other server-kept facts are never carried over from a forged
   * record.
   */
  build(trusted: T | undefined, context: WriteContext<T>): T;
  index(data: T): IndexValues;
  /** The history entry of this write, from what it replaced and what it wrote (kept in the same KVS transaction). */
  history?(args: WriteContext<T> & { trusted: T | undefined; data: T; meta: RecordMeta }): unknown;
  now?: Date;
}

/** What a write knows about the record it replaces. */
export interface WriteContext<T> {
  /** What Jira holds, verified. */
  current: RecordRead<T>;
  /** The revision of `trusted`, when there is one. */
  trustedRevision: number | undefined;
  /**
   * When the property is not the app's (missing, forged, replayed, unreadable) but the app wrote
   * the record before: the last version it wrote, from its KVS copy (verified).
   */
  lastSaved: { data: T; meta: RecordMeta } | undefined;
}

export interface SavedRecord<T> {
  data: T;
  meta: RecordMeta;
  stored: StoredRecord;
  /** The trusted record the write replaced (undefined: none). */
  previous: T | undefined;
}

/**
 * Jira properties have no compare-and-set, so two saves of the same revision could both pass
 * the revision check. KVS has one: the first save to claim revision N+1 wins, the other gets a
 * conflict. Revision numbers only go up, counted from the latest the app wrote (KVS), not from
 * what the property says: after a raw DELETE, a replayed copy or garbage in the property, the
 * next save claims a revision no one has claimed, instead of one an earlier save still holds.
 * So a claim only has to outlive the saves that read the same state: a Forge function runs at
 * most 25 s; a minute covers it, and a save cut off between claim and write frees the record
 * within that minute. A successful save keeps its claim: a save that read the record before it
 * must not take that revision.
 */
export const CLAIM_SECONDS = 60;

interface ClaimHolder {
  accountId: string;
  displayName?: string;
}

async function claimRevision(
  issueId: string,
  kind: RecordKind<unknown>,
  revision: number,
  holder: ClaimHolder,
  currentRevision: number | null,
): Promise<Claim> {
  const outcome = await claimOnce<ClaimHolder>(KVS_KEYS.revisionClaim(kind.propertyKey, issueId, revision), holder, {
    ttlSeconds: CLAIM_SECONDS,
  });
  if (outcome.ok) return outcome.claim;
  const other = outcome.holder;
  const details = { currentRevision, ...(other?.displayName ? { updatedBy: other.displayName } : {}) };
  if (other?.accountId === 'app') {
    throw new AppError(
      'CONFLICT',
      `The LCOO app was updating this ${kind.label}'s search values at the same moment. Save again; your text is still in the form.`,
      details,
    );
  }
  if (other?.accountId === holder.accountId) {
    throw new AppError(
      'CONFLICT',
      `Your previous save of this ${kind.label} has not finished (or was cut off). Wait a minute and save again; your text is still in the form.`,
      details,
    );
  }
  throw new AppError(
    'CONFLICT',
    `${other?.displayName ?? 'Someone else'} saved this ${kind.label} at the same moment. Reload to see their changes; copy anything of yours you want to keep first.`,
    details,
  );
}

export async function saveRecord<T>(opts: SaveOptions<T>): Promise<SavedRecord<T>> {
  const { client, kind, issue } = opts;
  const { read: current, latest } = await loadRecordAndLatest(client, kind, issue);
  const currentRevision = revisionOf(current);
  if (currentRevision !== opts.expectedRevision) {
    const by = current.state === 'present' ? (current.meta.updatedByName ?? current.meta.updatedBy) : undefined;
    const at = current.state === 'present' ? current.meta.updatedAt : undefined;
    throw new AppError(
      'CONFLICT',
      // When is in details.updatedAt: the panel says it in the person's clock (a server knows no time zone).
      `Someone else saved this ${kind.label} while you were editing${by ? ` (${by})` : ''}. ` +
        'Reload to see their changes; copy anything of yours you want to keep first.',
      { currentRevision, updatedBy: by, updatedAt: at },
    );
  }
  const nextRevision = Math.max(latest?.revision ?? 0, currentRevision ?? 0) + 1;
  const trusted = trustedData(current);
  const context: WriteContext<T> = {
    current,
    trustedRevision: trusted !== undefined && current.state === 'present' ? current.meta.revision : undefined,
    lastSaved: trusted === undefined ? await readLastSaved(kind, issue.id, latest) : undefined,
  };
  const data = opts.build(trusted, context);
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
  const history = opts.history?.({ ...context, trusted, data, meta });
  const claim = await claimRevision(
    issue.id,
    kind,
    nextRevision,
    { accountId: opts.actor.accountId, ...(opts.actor.displayName ? { displayName: opts.actor.displayName } : {}) },
    currentRevision,
  );
  try {
    await setIssueProperty(client, issue.key, kind.propertyKey, stored);
  } catch (err) {
    // Jira refused the write (permissions, limits): free the revision for the next save.
    await claim.release().catch(() => undefined);
    throw err;
  }
  await commitWrite({
    propertyKey: kind.propertyKey,
    issueId: issue.id,
    latest: { revision: meta.revision, sig: stored.sig ?? '' },
    copy: stored,
    ...(history !== undefined ? { history } : {}),
  });
  return { data, meta, stored, previous: trusted };
}

/** The last record the app wrote, from its KVS copy, when it verifies and is still the latest; undefined otherwise. */
export async function readLastSaved<T>(
  kind: RecordKind<T>,
  issueId: string,
  latest: Latest | undefined,
): Promise<{ data: T; meta: RecordMeta } | undefined> {
  if (!latest) return undefined;
  const [raw, secret] = await Promise.all([readRecordCopy(kind.propertyKey, issueId), getSigningKey()]);
  if (raw === undefined) return undefined;
  const read = freshAgainst(latest, readRecord(kind, issueId, raw, secret));
  return read.state === 'present' && read.integrity === 'valid' ? { data: read.data, meta: read.meta } : undefined;
}

/**
 * Rewrites only the searchable index of a record (e.g. its stage after a transition), as the
 * app, keeping data, revision and record signature untouched (the index is signed again). It
 * holds the claim on the next revision while it writes, so a save landing at the same moment
 * either goes first (and this refresh steps back: the save indexes the current stage itself)
 * or gets a conflict and is retried by the person; the refresh never writes an older revision
 * over a newer one. Only the latest record the app wrote is refreshed: the index of a forged,
 * replayed or foreign value means nothing.
 */
export async function refreshIndex<T>(
  appClient: JiraClient,
  kind: RecordKind<T>,
  issue: { id: string; key: string },
  patch: IndexValues,
): Promise<boolean> {
  const { read, latest, raw } = await loadRecordAndLatest(appClient, kind, issue);
  if (read.state !== 'present' || read.integrity !== 'valid') return false;
  const stored = StoredRecordSchema.safeParse(raw);
  if (!stored.success) return false;
  const index = { ...stored.data.index, ...patch };
  if (JSON.stringify(index) === JSON.stringify(stored.data.index)) return false;
  let claim: Claim;
  try {
    claim = await claimRevision(
      issue.id,
      kind,
      Math.max(latest?.revision ?? 0, stored.data.meta.revision) + 1,
      { accountId: 'app' },
      stored.data.meta.revision,
    );
  } catch (err) {
    if (err instanceof AppError && err.code === 'CONFLICT') return false;
    throw err;
  }
  try {
    const secret = await getSigningKey();
    await setIssueProperty(appClient, issue.key, kind.propertyKey, withIndex(secret, kind, issue.id, stored.data, index));
  } finally {
    await claim.release().catch(() => undefined);
  }
  return true;
}
