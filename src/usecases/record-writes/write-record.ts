// Every write of an LCOO record (a save, an approval, a withdrawal, a restore) goes through
// writeRecord: the records layer writes the signed property as the person (asUser) and, in one
// KVS transaction, the replay check, the copy a restore puts back and the history entry built
// here.
import type { Delivery } from '../../domain/delivery';
import type { HistoryAction, HistoryEntry } from '../../domain/history';
import { recordChanges, type ChangeNames } from '../../domain/record-changes';
import type { Vetting } from '../../domain/vetting';
import type { JiraClient } from '../../jira/client';
import { saveRecord, type SavedRecord, type WriteContext } from '../../records/record-store';
import type { IndexValues, RecordKind } from '../../records/stored-record';

export interface Actor {
  accountId: string;
  displayName?: string;
}

export interface WriteRequest<T extends Vetting | Delivery> {
  client: JiraClient;
  kind: RecordKind<T>;
  issue: { id: string; key: string };
  expectedRevision: number | null;
  actor: Actor;
  now: Date;
  action: HistoryAction;
  /** What the history entry says besides the changes (the approval, the reason, what was restored). */
  about?: (context: WriteContext<T>) => Pick<HistoryEntry, 'role' | 'ref' | 'note' | 'reason' | 'restored'>;
  /** What the history compares the new record with, when not the last version the app wrote (a restore shows what it undid). */
  diffFrom?: (context: WriteContext<T>) => T | undefined;
  /** How ids read in the history entry (today's FST and company names). */
  names: ChangeNames;
  build(trusted: T | undefined, context: WriteContext<T>): T;
  index(data: T): IndexValues;
}

/**
 * The history compares with the last version the app wrote: the trusted record, or, when the
 * property was deleted or forged meanwhile, the copy the app kept (an edit through raw REST is
 * not a version of the item).
 */
function historyEntry<T extends Vetting | Delivery>(
  req: WriteRequest<T>,
  args: WriteContext<T> & { trusted: T | undefined; data: T; meta: { revision: number; updatedAt: string } },
): HistoryEntry {
  const before = req.diffFrom ? req.diffFrom(args) : (args.trusted ?? args.lastSaved?.data);
  return {
    revision: args.meta.revision,
    at: args.meta.updatedAt,
    by: req.actor.accountId,
    ...(req.actor.displayName ? { byName: req.actor.displayName } : {}),
    action: req.action,
    ...req.about?.(args),
    changes: recordChanges(before, args.data, req.names),
  };
}

export function writeRecord<T extends Vetting | Delivery>(req: WriteRequest<T>): Promise<SavedRecord<T>> {
  return saveRecord<T>({
    client: req.client,
    kind: req.kind,
    issue: req.issue,
    expectedRevision: req.expectedRevision,
    actor: req.actor,
    now: req.now,
    build: (trusted, context) => req.build(trusted, context),
    index: (data) => req.index(data),
    history: (args) => historyEntry(req, args),
  });
}
