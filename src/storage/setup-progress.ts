// The last setup run's progress for one project, as the admin page polls it: each step's
// outcome is written as soon as it is known, so a run Forge cut off still shows where it stopped.
// The step ids and states are the setup use case's (src/contract/admin); storage only keeps them.
import { kvs } from '@forge/kvs';
import { KVS_KEYS } from './keys';

export interface StoredStep<State extends string = string> {
  state: State;
  detail?: string;
  at: string;
}

export interface StoredProgress<Id extends string = string, State extends string = string> {
  projectKey: string;
  steps: Partial<Record<Id, StoredStep<State>>>;
  lastRunAt?: string;
  /** Set while a run is under way, so the page can show live progress by polling. */
  runningSince?: string;
}

export async function loadSetupProgress<Id extends string, State extends string>(projectKey: string): Promise<StoredProgress<Id, State>> {
  const raw = await kvs.get<StoredProgress<Id, State>>(KVS_KEYS.setupProgress(projectKey));
  return raw && typeof raw === 'object' && raw.steps ? raw : { projectKey, steps: {} };
}

export async function saveSetupProgress(progress: StoredProgress): Promise<void> {
  await kvs.set(KVS_KEYS.setupProgress(progress.projectKey), progress);
}
