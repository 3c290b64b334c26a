// Which Jira status id stands for which LCOO stage. Setup knows the ids (it created or
// reused the statuses) and records them here, so the workflow validator can map a
// transition's target status id to a stage without spending a REST call on the status.
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { StageSchema, type Stage } from '../domain/lifecycle';

const KEY = 'lcoo:status-stages';

export const StatusStageMapSchema = z.record(z.string().regex(/^\d+$/), StageSchema);
export type StatusStageMap = z.infer<typeof StatusStageMapSchema>;

/** The stored map; an empty map when setup has not run (or the stored value is unusable). */
export async function loadStatusStageMap(): Promise<StatusStageMap> {
  const raw = await kvs.get<unknown>(KEY);
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
  await kvs.set(KEY, next);
  return next;
}
