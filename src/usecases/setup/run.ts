// Runs setup for one project: the dry-run plan, the run (one at a time across the site) and
// the last run's progress, which is kept as soon as each step's outcome is known so the
// admin page can show where a run stopped even when Forge cut the function off.
import { AppError } from '../../contract/envelope';
import type { SetupResult, SetupStep, SetupStepId, SetupStepState } from '../../contract/admin';
import type { JiraClient } from '../../jira/client';
import { JiraError } from '../../jira/errors';
import { getUser } from '../../jira/issues';
import { claimOnce } from '../../storage/claim';
import { KVS_KEYS } from '../../storage/keys';
import {
  loadSetupProgress,
  saveSetupProgress,
  type StoredProgress as Stored,
  type StoredStep as StoredStepOf,
} from '../../storage/setup-progress';
import { appErrorFromJira } from '../jira-failure';
import { SETUP_STEPS, STEP_LABELS, type StepContext } from './steps';

type StoredProgress = Stored<SetupStepId, SetupStepState>;
type StoredStep = StoredStepOf<SetupStepState>;
const loadProgress = (projectKey: string) => loadSetupProgress<SetupStepId, SetupStepState>(projectKey);

function messageOf(err: unknown, doing: string): string {
  if (err instanceof AppError) return err.message;
  if (err instanceof JiraError) return appErrorFromJira(err, doing).message;
  console.error(`[lcoo] setup failed while trying to ${doing}:`, err);
  return `Could not ${doing}: ${err instanceof Error ? err.message : String(err)}. Resume to try again.`;
}

function toSteps(progress: StoredProgress): SetupStep[] {
  return SETUP_STEPS.map((s) => {
    const stored = progress.steps[s.id];
    return { id: s.id, label: STEP_LABELS[s.id], state: stored?.state ?? 'todo', ...(stored?.detail ? { detail: stored.detail } : {}) };
  });
}

/** The last run's progress as stored: what the page shows before anyone asks Jira again. */
export async function setupStatus(projectKey: string): Promise<SetupResult> {
  const progress = await loadProgress(projectKey);
  // A run that started more than Forge's 25 s ago was cut off: it is not running any more.
  const running = !!progress.runningSince && Date.now() - Date.parse(progress.runningSince) < 30_000;
  return {
    projectKey,
    steps: toSteps(progress),
    created: [],
    ...(progress.lastRunAt ? { lastRunAt: progress.lastRunAt } : {}),
    ...(running ? { running } : {}),
  };
}

export interface SetupOptions {
  client: JiraClient;
  projectKey: string;
  ari: string;
  now?: () => Date;
  /** The admin who asked for the run (accountId), named to anyone who starts another meanwhile. */
  startedBy?: string;
}

/**
 * The dry run: what exists and what a run would create, read from Jira now. A step that
 * failed in the last run and is still not done shows that failure (so the page offers Resume).
 */
export async function planSetup(opts: SetupOptions): Promise<SetupResult> {
  const progress = await loadProgress(opts.projectKey);
  const ctx: StepContext = {
    client: opts.client,
    projectKey: opts.projectKey,
    ari: opts.ari,
    out: { issueTypeIds: {}, statuses: {} },
    created: [],
  };
  const steps: SetupStep[] = [];
  let blocked: string | undefined;
  for (const step of SETUP_STEPS) {
    const label = STEP_LABELS[step.id];
    if (blocked) {
      steps.push({ id: step.id, label, state: 'todo', detail: `Waits for: ${blocked}.` });
      continue;
    }
    try {
      const found = await step.inspect(ctx);
      const lastFailure = progress.steps[step.id]?.state === 'failed' ? progress.steps[step.id]?.detail : undefined;
      steps.push(
        found.satisfied
          ? { id: step.id, label, state: 'done', detail: found.detail }
          : {
              id: step.id,
              label,
              state: lastFailure ? 'failed' : 'todo',
              detail: lastFailure ? `${found.detail} Last run: ${lastFailure}` : found.detail,
            },
      );
    } catch (err) {
      steps.push({ id: step.id, label, state: 'failed', detail: messageOf(err, step.doing) });
      blocked = label;
    }
  }
  return { projectKey: opts.projectKey, steps, created: [], ...(progress.lastRunAt ? { lastRunAt: progress.lastRunAt } : {}) };
}

// Setup creates site-wide objects (issue types, statuses, workflows), so one run at a time
// across the site: two at once would both see a status missing and both create it. The lock
// is claimed once (storage/claim.ts) and holds for one minute, longer than Forge lets a run
// live (25 s): a run cut off before it releases the lock blocks the next one for a minute at
// most, however long KVS keeps the expired key around.
const SETUP_LOCK_SECONDS = 60;

interface SetupLockHolder {
  accountId?: string;
}

async function takeSetupLock(opts: SetupOptions) {
  const outcome = await claimOnce<SetupLockHolder>(KVS_KEYS.setupLock, opts.startedBy ? { accountId: opts.startedBy } : {}, {
    ttlSeconds: SETUP_LOCK_SECONDS,
    ...(opts.now ? { now: () => opts.now!().getTime() } : {}),
  });
  if (outcome.ok) return outcome.claim;
  let who = 'another administrator';
  const accountId = outcome.holder?.accountId;
  if (typeof accountId === 'string') {
    const user = await getUser(opts.client, accountId).catch(() => undefined);
    who = user?.displayName ?? accountId;
  }
  throw new AppError(
    'CONFLICT',
    `Setup is already running, started by ${who} at ${outcome.claimedAt ?? 'a moment ago'}; wait for it to finish, then reload this page.`,
  );
}

/**
 * Runs every step in order, creating only what is missing, and stops at the first failure
 * (later steps depend on earlier ones). Each outcome is stored before the next step starts.
 */
export async function runSetup(opts: SetupOptions): Promise<SetupResult> {
  const now = opts.now ?? (() => new Date());
  const lock = await takeSetupLock(opts);
  try {
    return await runSetupSteps(opts, now);
  } finally {
    await lock
      .release()
      .catch((err: unknown) => console.error(`[lcoo] could not release the setup lock (it expires in ${SETUP_LOCK_SECONDS} s):`, err));
  }
}

async function runSetupSteps(opts: SetupOptions, now: () => Date): Promise<SetupResult> {
  // Each run records its own outcomes from scratch: what the page polls is this run's progress.
  const progress: StoredProgress = { projectKey: opts.projectKey, steps: {}, runningSince: now().toISOString() };
  await saveSetupProgress(progress);
  const ctx: StepContext = {
    client: opts.client,
    projectKey: opts.projectKey,
    ari: opts.ari,
    out: { issueTypeIds: {}, statuses: {} },
    created: [],
  };
  let failedAt: string | undefined;
  for (const step of SETUP_STEPS) {
    if (failedAt) {
      progress.steps[step.id] = { state: 'todo', detail: `Waits for: ${failedAt}.`, at: now().toISOString() };
      continue;
    }
    let outcome: StoredStep;
    try {
      const found = await step.inspect(ctx);
      outcome = found.satisfied
        ? { state: 'done', detail: found.detail, at: now().toISOString() }
        : { state: 'done', detail: await step.apply(ctx), at: now().toISOString() };
    } catch (err) {
      outcome = { state: 'failed', detail: messageOf(err, step.doing), at: now().toISOString() };
      failedAt = STEP_LABELS[step.id];
    }
    progress.steps[step.id] = outcome;
    await saveSetupProgress(progress);
  }
  progress.lastRunAt = now().toISOString();
  delete progress.runningSince;
  await saveSetupProgress(progress);
  return { projectKey: opts.projectKey, steps: toSteps(progress), created: ctx.created, lastRunAt: progress.lastRunAt };
}
