// Jira's asynchronous tasks: an operation such as the workflow scheme switch or a draft
// scheme publish answers 303 with `Location: .../rest/api/3/task/{taskId}` (its OpenAPI
// entry: "This operation is asynchronous. Follow the location link in the response to
// determine the status of the task and use Get task to obtain updates"). The app asks with
// redirect: 'manual', reads the task id, and polls GET /rest/api/3/task/{taskId} until the
// task ends or the time it may spend runs out.
//
// Whether the Forge runtime's fetch honours redirect: 'manual' is not documented. If it
// follows the 303 anyway, the answer is a 2xx whose body is the task itself (GET task), and
// this reads the id from that body instead. If neither names a task, the caller checks the
// end state in Jira itself.
import { z } from 'zod';
import { route, type JiraClient } from './client';
import type { Route } from '@forge/api';

const TaskSchema = z
  .object({
    id: z.string().optional(),
    self: z.string().optional(),
    status: z.enum(['ENQUEUED', 'RUNNING', 'COMPLETE', 'FAILED', 'CANCEL_REQUESTED', 'CANCELLED', 'DEAD']).optional(),
    message: z.string().optional(),
    progress: z.number().optional(),
    result: z.unknown().optional(),
  })
  .loose();
export type JiraTask = z.infer<typeof TaskSchema>;

export type TaskOutcome =
  | { state: 'complete'; taskId: string; task: JiraTask }
  | { state: 'failed'; taskId: string; task: JiraTask; message: string }
  | { state: 'running'; taskId: string; task: JiraTask }
  /** Jira answered without naming a task (a followed redirect with no body, or a 3xx without Location). */
  | { state: 'unknown' };

const TASK_PATH = /\/rest\/api\/3\/task\/([^/?#]+)/;

/** The task id in a Location header, a task's `self`, or its `id`. */
export function taskIdOf(location: string | undefined, body: JiraTask | undefined): string | undefined {
  const fromLocation = location ? TASK_PATH.exec(location)?.[1] : undefined;
  return fromLocation ?? (body?.self ? TASK_PATH.exec(body.self)?.[1] : undefined) ?? body?.id;
}

const FINISHED_OK = new Set(['COMPLETE']);
const FINISHED_BAD = new Set(['FAILED', 'CANCELLED', 'DEAD', 'CANCEL_REQUESTED']);

/** Waits between polls: quick at first (most tasks are short), then every 2 s. */
export const POLL_DELAYS_MS = [500, 1000, 2000, 2000, 2000, 2000];

/**
 * Starts a task-producing operation and polls the task until it ends or `budgetMs` of waiting
 * is spent (Forge functions have 25 s in all). Errors Jira answers directly (400, 404, 409)
 * are thrown as JiraError by the client, for the caller to explain.
 */
export async function runJiraTask(
  client: JiraClient,
  method: string,
  path: Route,
  body: unknown,
  budgetMs = POLL_DELAYS_MS.reduce((a, b) => a + b, 0),
): Promise<TaskOutcome> {
  const answer = await client.sendForTask(method, path, body);
  let task = parseTask(answer.text);
  const taskId = taskIdOf(answer.location, task);
  if (!taskId) return { state: 'unknown' };
  let waited = 0;
  for (let i = 0; ; i++) {
    // The first look is right away: the answer that started the task may predate its end.
    task = await client.request('GET', route`/rest/api/3/task/${taskId}`, TaskSchema);
    const status = task.status ?? 'RUNNING';
    if (FINISHED_OK.has(status)) return { state: 'complete', taskId, task };
    if (FINISHED_BAD.has(status)) {
      const message = typeof task.result === 'string' ? task.result : (task.message ?? status);
      return { state: 'failed', taskId, task, message };
    }
    const delay = POLL_DELAYS_MS[Math.min(i, POLL_DELAYS_MS.length - 1)] ?? 2000;
    if (waited + delay > budgetMs) return { state: 'running', taskId, task };
    waited += delay;
    await client.wait(delay);
  }
}

function parseTask(text: string): JiraTask | undefined {
  if (!text) return undefined;
  try {
    const parsed = TaskSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
