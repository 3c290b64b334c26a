// What the app keeps in KVS about each record it writes, committed together in ONE KVS
// transaction after the property write: the latest revision and signature (the replay check),
// the whole signed record (what a restore puts back when the property is deleted, forged or
// replaced) and the history entry of that write. All or nothing: a history without its record,
// or a copy newer than the replay check, can't happen.
import { kvs } from '@forge/kvs';
import { KVS_KEYS } from './keys';
import type { Latest } from './latest-revisions';

export interface WriteCommit {
  propertyKey: string;
  issueId: string;
  latest: Latest;
  /** The stored property value as written (signed). */
  copy: unknown;
  /** The history entry of this write, kept under its revision. */
  history?: unknown;
}

export async function commitWrite(w: WriteCommit): Promise<void> {
  let tx = kvs
    .transact()
    .set(KVS_KEYS.latestRevision(w.propertyKey, w.issueId), w.latest)
    .set(KVS_KEYS.recordCopy(w.propertyKey, w.issueId), w.copy);
  if (w.history !== undefined) tx = tx.set(KVS_KEYS.historyEntry(w.propertyKey, w.issueId, w.latest.revision), w.history);
  await tx.execute();
}

/** The copy of the latest record the app wrote, unparsed (the caller verifies its signature). */
export async function readRecordCopy(propertyKey: string, issueId: string): Promise<unknown> {
  return (await kvs.get<unknown>(KVS_KEYS.recordCopy(propertyKey, issueId))) ?? undefined;
}
