// The scheduled upstream sync's state in KVS: how many runs in a row Gerrit failed, and until
// when the sync leaves it alone (exponential backoff), so a Gerrit outage is not hammered.
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { KVS_KEYS } from './keys';

export const SyncStateSchema = z.object({
  failures: z.number().int().nonnegative().default(0),
  backoffUntil: z.string().optional(),
  lastRunAt: z.string().optional(),
  lastError: z.string().max(400).optional(),
});
export type SyncState = z.infer<typeof SyncStateSchema>;

export async function loadSyncState(): Promise<SyncState> {
  const parsed = SyncStateSchema.safeParse(await kvs.get(KVS_KEYS.upstreamSync));
  return parsed.success ? parsed.data : { failures: 0 };
}

export async function saveSyncState(state: SyncState): Promise<void> {
  await kvs.set(KVS_KEYS.upstreamSync, state);
}
