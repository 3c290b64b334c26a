import { route } from '@forge/api';
import { z } from 'zod';
import { JiraClient, retryAfterMs, type Requester } from '../../../src/jira/client';
import { JiraError } from '../../../src/jira/errors';
import { appErrorFromJira } from '../../../src/usecases/jira-failure';

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

/** A scripted Jira: answers in order, records what it was asked. */
function scripted(answers: Answer[]) {
  const seen: { path: string; method: string; body?: string }[] = [];
  const requester: Requester = async (path, init) => {
    seen.push({ path: path.value, method: init.method, ...(init.body ? { body: init.body } : {}) });
    const a = answers.shift();
    if (!a) throw new Error('no more scripted answers');
    return {
      status: a.status,
      headers: { get: (n: string) => a.headers?.[n] ?? a.headers?.[n.toLowerCase()] ?? null },
      text: async () => (a.body === undefined ? '' : JSON.stringify(a.body)),
    };
  };
  return { requester, seen };
}

const Schema = z.object({ key: z.string() });

describe('JiraClient', () => {
  test('retries a 429 after Retry-After seconds, then returns the parsed answer', async () => {
    const { requester, seen } = scripted([
      { status: 429, headers: { 'Retry-After': '2' } },
      { status: 429, headers: { 'Retry-After': '1' } },
      { status: 200, body: { key: 'LCOO-1' } },
    ]);
    const waits: number[] = [];
    const client = new JiraClient({ as: 'app', requester, sleep: async (ms) => void waits.push(ms) });
    await expect(client.request('GET', route`/rest/api/3/issue/${'LCOO-1'}`, Schema)).resolves.toEqual({ key: 'LCOO-1' });
    expect(waits).toEqual([2000, 1000]);
    expect(client.calls).toBe(3);
    expect(seen.every((s) => s.path === '/rest/api/3/issue/LCOO-1')).toBe(true);
  });

  test('gives up with RATE_LIMITED once waiting would exceed its budget', async () => {
    const { requester } = scripted([
      { status: 429, headers: { 'Retry-After': '10' } },
      { status: 429, headers: { 'Retry-After': '10' }, body: { errorMessages: ['Rate limit exceeded.'] } },
    ]);
    const client = new JiraClient({ as: 'app', requester, sleep: async () => undefined, maxWaitMs: 15_000 });
    const err = await client.request('GET', route`/rest/api/3/myself`, Schema).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JiraError);
    expect((err as JiraError).status).toBe(429);
    expect(appErrorFromJira(err as JiraError, 'load the portfolio')).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringContaining('Rate limit exceeded.'),
    });
  });

  test("keeps Jira's error messages and field errors", async () => {
    const { requester } = scripted([
      {
        status: 400,
        body: {
          errorMessages: ['The value "x" does not exist for the field "project".'],
          errors: { summary: 'You must specify a summary.' },
        },
      },
    ]);
    const client = new JiraClient({ as: 'user', requester });
    const err = (await client.send('POST', route`/rest/api/3/issue`, { fields: {} }).catch((e: unknown) => e)) as JiraError;
    expect(err.status).toBe(400);
    expect(err.jiraMessage).toBe('The value "x" does not exist for the field "project". summary: You must specify a summary.');
    expect(appErrorFromJira(err, 'create the issue').code).toBe('BAD_REQUEST');
  });

  test('an answer of the wrong shape is an error naming the field, not a silent undefined', async () => {
    const { requester } = scripted([{ status: 200, body: { id: 10001 } }]);
    const client = new JiraClient({ as: 'app', requester });
    await expect(client.request('GET', route`/rest/api/3/issue/${'LCOO-2'}`, Schema)).rejects.toThrow(/key/);
  });

  test('sends JSON bodies with a content type', async () => {
    const { requester, seen } = scripted([{ status: 204 }]);
    const client = new JiraClient({ as: 'user', requester });
    await client.send('PUT', route`/rest/api/3/issue/${'LCOO-3'}/properties/${'lcoo-vetting'}`, { a: 1 });
    expect(seen[0]).toEqual({ path: '/rest/api/3/issue/LCOO-3/properties/lcoo-vetting', method: 'PUT', body: '{"a":1}' });
  });
});

describe('retryAfterMs', () => {
  test('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterMs('3', 0)).toBe(3000);
    const now = Date.parse('2026-11-25T10:00:00Z');
    expect(retryAfterMs('Wed, 25 Nov 2026 10:00:05 GMT', 0, now)).toBe(5000);
  });
  test('backs off exponentially without a usable header', () => {
    const first = retryAfterMs(null, 0);
    const third = retryAfterMs('soon', 2);
    expect(first).toBeGreaterThanOrEqual(800);
    expect(first).toBeLessThanOrEqual(1200);
    expect(third).toBeGreaterThanOrEqual(3200);
    expect(third).toBeLessThanOrEqual(4800);
  });
});

describe("Jira's rate-limit headers and points", () => {
  test('without Retry-After, a 429 waits until the RateLimit / Beta-RateLimit reset (t=) when nothing is left', async () => {
    const { requester } = scripted([
      { status: 429, headers: { 'beta-ratelimit': '"tenant-app-quota";r=0;t=3', 'ratelimit-reason': 'jira-burst-based' } },
      { status: 200, body: { key: 'LCOO-1' } },
    ]);
    const waits: number[] = [];
    const client = new JiraClient({ as: 'app', requester, sleep: async (ms) => void waits.push(ms) });
    await client.request('GET', route`/rest/api/3/issue/${'LCOO-1'}`, Schema);
    expect(waits).toEqual([3000]);
  });

  test('a used-up hourly quota is not waited for inside a function: RATE_LIMITED at once, saying when it frees up', async () => {
    const { requester } = scripted([
      {
        status: 429,
        headers: {
          'retry-after': '1800',
          'ratelimit-reason': 'jira-quota-tenant-based',
          'beta-ratelimit': '"tenant-app-quota";r=0;t=1800',
        },
        body: { errorMessages: ['Rate limit exceeded.'], errors: {} },
      },
    ]);
    const waits: number[] = [];
    const client = new JiraClient({ as: 'app', requester, sleep: async (ms) => void waits.push(ms) });
    const err = (await client.request('GET', route`/rest/api/3/myself`, Schema).catch((e: unknown) => e)) as JiraError;
    expect(waits).toEqual([]);
    expect(err.status).toBe(429);
    expect(appErrorFromJira(err, 'load the panel').message).toContain(
      "Jira's hourly API quota for this app is used up (jira-quota-tenant-based); it frees up in about 30 minutes.",
    );
    expect(client.rateLimit).toMatchObject({ remaining: 0, resetSeconds: 1800, reason: 'jira-quota-tenant-based' });
  });

  test('keeps what the last answer said about the quota, and counts points as Jira charges them', async () => {
    const { requester } = scripted([
      {
        status: 200,
        body: { issues: [{ key: 'A' }, { key: 'B' }, { key: 'C' }] },
        headers: { 'beta-ratelimit': '"tenant-app-quota";r=900;t=120', 'x-beta-ratelimit-nearlimit': 'true' },
      },
      { status: 204 },
      { status: 200, body: { key: 'LCOO-1' } },
    ]);
    const client = new JiraClient({ as: 'user', requester });
    await client.send('POST', route`/rest/api/3/search/jql`, { jql: 'project = LCOO' }); // a read: 1 + 3 issues
    expect(client.rateLimit).toEqual({ remaining: 900, resetSeconds: 120, nearLimit: true });
    await client.send('PUT', route`/rest/api/3/issue/${'LCOO-1'}/properties/${'p'}`, { a: 1 }); // a write: 1
    await client.request('GET', route`/rest/api/3/issue/${'LCOO-1'}`, Schema); // 1 + 1
    expect(client.points).toBe(4 + 1 + 2);
    expect(client.calls).toBe(3);
  });
});
