// The scheduled upstream sync's state in KVS, one value for the two sources: per source (Gerrit,
// Launchpad) how many runs in a row it failed and until when the sync leaves it alone
// (exponential backoff), so an outage of one is not hammered and does not stop the other; and the
// size of each Launchpad project's blueprint collection last read, so the next run can choose
// between paging the collection and one GET per blueprint.
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { KVS_KEYS } from './keys';

export const SourceSyncStateSchema = z.object({
  failures: z.number().int().nonnegative().default(0),
  backoffUntil: z.string().optional(),
  lastError: z.string().max(400).optional(),
});
export type SourceSyncState = z.infer<typeof SourceSyncStateSchema>;

/** Launchpad projects whose collection size is remembered at most (OpenStack has about a hundred). */
export const MAX_REMEMBERED_PROJECTS = 300;

const StateObjectSchema = z.object({
  gerrit: SourceSyncStateSchema.default({ failures: 0 }),
  launchpad: SourceSyncStateSchema.default({ failures: 0 }),
  lastRunAt: z.string().optional(),
  /** Blueprints in each Launchpad project's all_specifications when last read (by project name, lower case). */
  launchpadSizes: z.record(z.string(), z.number().int().nonnegative()).default({}),
});

/** The first version kept Gerrit's failures at the top level: read it as Gerrit's. */
export const SyncStateSchema = z.preprocess((raw) => {
  if (raw && typeof raw === 'object' && !('gerrit' in raw) && 'failures' in raw) {
    const { failures, backoffUntil, lastError, lastRunAt } = raw as Record<string, unknown>;
    return { gerrit: { failures, backoffUntil, lastError }, lastRunAt };
  }
  return raw;
}, StateObjectSchema);
export type SyncState = z.infer<typeof StateObjectSchema>;

export const emptySyncState = (): SyncState => ({ gerrit: { failures: 0 }, launchpad: { failures: 0 }, launchpadSizes: {} });

export async function loadSyncState(): Promise<SyncState> {
  const parsed = SyncStateSchema.safeParse(await kvs.get(KVS_KEYS.upstreamSync));
  return parsed.success ? parsed.data : emptySyncState();
}

export async function saveSyncState(state: SyncState): Promise<void> {
  await kvs.set(KVS_KEYS.upstreamSync, state);
}
