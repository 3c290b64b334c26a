// Polling Jira's asynchronous tasks (src/jira/tasks.ts) against a scripted Jira: the 303 is
// read with redirect: 'manual', a followed redirect is accepted too, and a task that outlives
// the time budget is reported running, never as done.
import { route } from '@forge/api';
import type { Requester } from '../../../src/jira/client';
import { JiraClient } from '../../../src/jira/client';
import { POLL_DELAYS_MS, runJiraTask, taskIdOf } from '../../../src/jira/tasks';

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

function scripted(answers: Answer[]) {
  const seen: { path: string; method: string; redirect?: string }[] = [];
  const requester: Requester = async (path, init) => {
    seen.push({ path: path.value, method: init.method, ...(init.redirect ? { redirect: init.redirect } : {}) });
    const a = answers.shift();
    if (!a) throw new Error('no more scripted answers');
    return {
      status: a.status,
      headers: { get: (n: string) => a.headers?.[n.toLowerCase()] ?? null },
      text: async () => (a.body === undefined ? '' : JSON.stringify(a.body)),
    };
  };
  const waits: number[] = [];
  const client = new JiraClient({ as: 'app', requester, sleep: async (ms) => void waits.push(ms) });
  return { client, seen, waits };
}

const task = (status: string, extra: Record<string, unknown> = {}) => ({
  self: 'https://x.atlassian.net/rest/api/3/task/10042',
  id: '10042',
  status,
  ...extra,
});
const SWITCH = route`/rest/api/3/workflowscheme/project/switch`;

test('reads the task from the 303 Location (asked with redirect: manual) and polls it until COMPLETE', async () => {
  const { client, seen, waits } = scripted([
    { status: 303, headers: { location: 'https://x.atlassian.net/rest/api/3/task/10042' }, body: task('ENQUEUED') },
    { status: 200, body: task('RUNNING') },
    { status: 200, body: task('RUNNING') },
    { status: 200, body: task('COMPLETE') },
  ]);
  const out = await runJiraTask(client, 'POST', SWITCH, { projectId: '10000', targetSchemeId: '10001' });
  expect(out).toMatchObject({ state: 'complete', taskId: '10042' });
  expect(seen[0]).toEqual({ path: '/rest/api/3/workflowscheme/project/switch', method: 'POST', redirect: 'manual' });
  expect(seen.slice(1).map((s) => `${s.method} ${s.path}`)).toEqual(Array(3).fill('GET /rest/api/3/task/10042'));
  expect(waits).toEqual([POLL_DELAYS_MS[0], POLL_DELAYS_MS[1]]);
});

test('accepts a followed redirect: a 200 whose body is the task', async () => {
  const { client } = scripted([
    { status: 200, body: task('RUNNING') },
    { status: 200, body: task('COMPLETE') },
  ]);
  expect(await runJiraTask(client, 'POST', SWITCH, {})).toMatchObject({ state: 'complete', taskId: '10042' });
});

test('a task that ends FAILED is reported with its result', async () => {
  const { client } = scripted([
    { status: 303, headers: { location: '/rest/api/3/task/7' } },
    { status: 200, body: { id: '7', status: 'FAILED', result: 'Workflow migration failed for 3 issues' } },
  ]);
  expect(await runJiraTask(client, 'POST', SWITCH, {})).toMatchObject({
    state: 'failed',
    taskId: '7',
    message: 'Workflow migration failed for 3 issues',
  });
});

test('a task still running when the budget is spent is "running", never done', async () => {
  const answers: Answer[] = [{ status: 303, headers: { location: '/rest/api/3/task/9' } }];
  for (let i = 0; i < 20; i++) answers.push({ status: 200, body: { id: '9', status: 'RUNNING', progress: 40 } });
  const { client, waits } = scripted(answers);
  const out = await runJiraTask(client, 'POST', SWITCH, {}, 3000);
  expect(out).toMatchObject({ state: 'running', taskId: '9', task: { progress: 40 } });
  expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(3000);
});

test('no Location and no task in the body: "unknown", for the caller to check Jira itself', async () => {
  const { client } = scripted([{ status: 303 }]);
  expect(await runJiraTask(client, 'POST', SWITCH, {})).toEqual({ state: 'unknown' });
  expect(taskIdOf(undefined, { self: 'https://x/rest/api/3/task/55' })).toBe('55');
});
