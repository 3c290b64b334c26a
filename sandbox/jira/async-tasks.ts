// Jira's long-running tasks (GET /rest/api/3/task/{taskId}, TaskProgressBeanObject in the
// OpenAPI document). An operation that starts one (workflow scheme switch, draft publish)
// answers 303 with `Location: .../rest/api/3/task/{id}`, and the caller polls the task.
// The emulator does the work at once, but reports the task ENQUEUED / RUNNING for the first
// `site.behaviour.asyncTaskPolls` reads, so a caller that does not poll, or polls once and
// assumes success, is caught; a task can also be made to fail (`failNextTask`).
import { nextId } from './db';
import { conflict, notFound } from './errors';
import { json, type Ctx, type Reply } from './router';
import type { Site } from './site';

interface StoredTask {
  id: string;
  description: string;
  submitted: number;
  submittedBy: string;
  message: string;
  /** Reads left that still report the task as not finished. */
  pollsLeft: number;
  outcome: 'COMPLETE' | 'FAILED';
}

const key = (id: string) => `task:${id}`;

function load(site: Site, id: string): StoredTask | undefined {
  const row = site.db.prepare('SELECT value FROM meta WHERE key = ?').get(key(id)) as { value: string } | undefined;
  if (!row) return undefined;
  const t = JSON.parse(row.value) as Partial<StoredTask> & { id: string; submitted: number; message: string };
  // Tasks stored by earlier sandbox versions were finished at once.
  return { description: 'Task', submittedBy: '', pollsLeft: 0, outcome: 'COMPLETE', ...t };
}

function save(site: Site, t: StoredTask): void {
  site.db
    .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(key(t.id), JSON.stringify(t));
}

function bean(site: Site, t: StoredTask, status: string): Record<string, unknown> {
  const done = status === 'COMPLETE' || status === 'FAILED';
  return {
    self: site.api(`/task/${t.id}`),
    id: t.id,
    description: t.description,
    status,
    message: done ? t.message : 'In progress',
    ...(done ? { result: t.message } : {}),
    submittedBy: 0,
    progress: done ? 100 : 50,
    elapsedRuntime: 0,
    submitted: t.submitted,
    started: t.submitted,
    ...(done ? { finished: t.submitted } : {}),
    lastUpdate: t.submitted,
  };
}

const unfinished = (t: StoredTask) => t.pollsLeft > 0;

/**
 * Refuses to start a task while another one of the same kind is still reported running, as
 * Jira answers the scheme switch ("409 ... Another task is currently running").
 */
export function refuseIfTaskRunning(site: Site, description: string): void {
  const rows = site.db.prepare("SELECT value FROM meta WHERE key LIKE 'task:%'").all() as { value: string }[];
  for (const r of rows) {
    const t = JSON.parse(r.value) as StoredTask;
    if (t.description === description && (t.pollsLeft ?? 0) > 0) {
      throw conflict('Another task is currently running, please try again later.', { conflictingTaskId: t.id });
    }
  }
}

/** Records a task whose work is already done; returns Jira's 303 to it (the body is the task as first seen). */
export function startedTask(ctx: Ctx, description: string, message: string, failed = false): Reply {
  const site = ctx.site;
  const id = String(nextId(site.db, 'task', 10000));
  const failNext = site.behaviour.failNextTask;
  if (failNext) site.behaviour.failNextTask = false;
  const t: StoredTask = {
    id,
    description,
    submitted: Date.now(),
    submittedBy: site.actorId(ctx.principal),
    message: failNext ? `${description} failed: the emulator was told to fail this task.` : message,
    pollsLeft: Math.max(0, site.behaviour.asyncTaskPolls),
    outcome: failed || failNext ? 'FAILED' : 'COMPLETE',
  };
  save(site, t);
  return { status: 303, body: bean(site, t, unfinished(t) ? 'ENQUEUED' : t.outcome), headers: { location: site.api(`/task/${id}`) } };
}

export function getTask(ctx: Ctx): Reply {
  ctx.site.actorId(ctx.principal);
  const t = load(ctx.site, ctx.params[0] ?? '');
  if (!t) throw notFound(`The task ${ctx.params[0] ?? ''} was not found.`);
  const status = unfinished(t) ? 'RUNNING' : t.outcome;
  if (unfinished(t)) save(ctx.site, { ...t, pollsLeft: t.pollsLeft - 1 });
  return json(200, bean(ctx.site, t, status));
}
