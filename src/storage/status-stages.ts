// Which Jira status id stands for which LCOO stage. Setup knows the ids (it created or
// reused the statuses) and records them here, so every entry point maps a status to a stage
// the same way (by id first: a renamed status keeps its id) without a REST call.
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { StageSchema, type Stage } from '../domain/lifecycle';
import { KVS_KEYS } from './keys';

export const StatusStageMapSchema = z.record(z.string().regex(/^\d+$/), StageSchema);
export type StatusStageMap = z.infer<typeof StatusStageMapSchema>;

/** The stored map; an empty map when setup has not run (or the stored value is unusable). */
export async function loadStatusStageMap(): Promise<StatusStageMap> {
  const raw = await kvs.get<unknown>(KVS_KEYS.statusStages);
  const parsed = StatusStageMapSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

/** Adds `entries` to the stored map (statuses of other projects' setups stay). */
export async function recordStatusStages(entries: Partial<Record<Stage, string>>): Promise<StatusStageMap> {
  const current = await loadStatusStageMap();
  const next: StatusStageMap = { ...current };
  for (const [stage, statusId] of Object.entries(entries)) {
    if (statusId) next[statusId] = stage as Stage;
  }
  await kvs.set(KVS_KEYS.statusStages, next);
  return next;
}
