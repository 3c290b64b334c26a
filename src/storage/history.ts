// A record's LCOO history: one KVS key per revision the app wrote (keys.ts historyEntry), each
// written in the same transaction as the record's copy (record-copies.ts). Paged newest first
// by revision number with batch gets: a KVS key query's order is not documented, revision
// numbers are known (the latest is in KVS) and every write takes the next one.
import { kvs } from '@forge/kvs';
import { KVS_KEYS } from './keys';

export interface HistoryPage {
  /** Entries as stored (unparsed), newest first. */
  entries: unknown[];
  /** The revision to read from for the next page; absent at the first revision. */
  nextBefore?: number;
}

/** Most keys one batch get asks for; a page may need a few when revisions have no entry (before the history was kept). */
const BATCH = 20;

/**
 * Up to `pageSize` entries at or below revision `from`, newest first. Stops after looking at
 * `scanLimit` revisions, so a record whose early revisions predate the history costs a bounded
 * number of calls; `nextBefore` then says where to go on.
 */
export async function readHistoryPage(
  propertyKey: string,
  issueId: string,
  from: number,
  pageSize: number,
  scanLimit = 100,
): Promise<HistoryPage> {
  const entries: unknown[] = [];
  let revision = from;
  const stop = Math.max(0, from - scanLimit);
  while (revision > stop && entries.length < pageSize) {
    const wanted = Math.min(BATCH, revision - stop, Math.max(pageSize - entries.length, 1) + 5);
    const keys = Array.from({ length: wanted }, (_, i) => KVS_KEYS.historyEntry(propertyKey, issueId, revision - i));
    const got = await kvs.batchGet<unknown>(keys.map((key) => ({ key })));
    const byKey = new Map(got.successfulKeys.filter((r) => r.value !== undefined && r.value !== null).map((r) => [r.key, r.value]));
    for (let i = 0; i < keys.length && entries.length < pageSize; i++) {
      const value = byKey.get(keys[i]!);
      revision -= 1;
      if (value !== undefined) entries.push(value);
    }
    if (entries.length >= pageSize) break;
  }
  return revision > 0 ? { entries, nextBefore: revision } : { entries };
}
