// history/list: a page of the item's LCOO history, newest first, read as the app from KVS after
// the caller has made sure the person can see the issue (the panel reads the issue as them).
import { HistoryEntrySchema, type HistoryEntry } from '../domain/history';
import { readHistoryPage } from '../storage/history';
import { readLatestRevision } from '../storage/latest-revisions';

export const HISTORY_PAGE_SIZE = 10;

export interface HistoryPageView {
  entries: HistoryEntry[];
  /** Pass as `before` for the next (older) page; absent when there is none. */
  nextBefore?: number;
}

export async function listHistory(propertyKey: string, issueId: string, before?: number): Promise<HistoryPageView> {
  const from = before ?? (await readLatestRevision(propertyKey, issueId))?.revision;
  if (from === undefined || from < 1) return { entries: [] };
  const page = await readHistoryPage(propertyKey, issueId, from, HISTORY_PAGE_SIZE);
  // An entry that no longer parses is left out rather than failing the page.
  const entries = page.entries.flatMap((e) => {
    const parsed = HistoryEntrySchema.safeParse(e);
    return parsed.success ? [parsed.data] : [];
  });
  return { entries, ...(page.nextBefore !== undefined ? { nextBefore: page.nextBefore } : {}) };
}
