// Jira's rate limits on an app's traffic, as Atlassian's "Rate limiting" page describes them:
// points per hour (1 per request + 1 per object a read returns; writes 1) shared by every user
// of the app and also counted per user, a burst bucket per endpoint, per-issue write limits,
// and 429 with Retry-After and the RateLimit / Beta-RateLimit headers. Off by default.
import { makeHarness, createIssue, type Harness } from './harness';
import type { EmulatorRequest } from '../../../sandbox/jira/types';

let clock = Date.UTC(2026, 10, 30, 10, 15, 0);
const now = () => clock;

function harness(rateLimit: Record<string, unknown>): Harness {
  const h = makeHarness();
  h.em.rateLimits.configure({ now, ...rateLimit });
  return h;
}

/** A request the app sends through the Forge proxy (metered), as the app or for a user. */
const asApp = (h: Harness, method: string, path: string, body?: unknown) =>
  h.em.handle({ method, path, principal: { kind: 'app' }, via: 'forge', ...(body !== undefined ? { body } : {}) } as EmulatorRequest);
const forUser = (h: Harness, email: string, method: string, path: string) =>
  h.em.handle({ method, path, principal: h.as(email), via: 'forge' });

describe('points', () => {
  test('a read costs 1 plus 1 per object returned, a write 1, a failure 1; per app and per user', async () => {
    const h = harness({ enabled: false });
    const a = await createIssue(h, 'Rate A');
    await createIssue(h, 'Rate B');
    await createIssue(h, 'Rate C');
    h.em.rateLimits.resetPoints();
    await asApp(h, 'GET', `/rest/api/3/issue/${a.key}?fields=summary`); // 1 + 1
    await asApp(h, 'POST', '/rest/api/3/search/jql', { jql: 'summary ~ "Rate"', fields: ['summary'], maxResults: 50 }); // 1 + 3
    await asApp(h, 'PUT', `/rest/api/3/issue/${a.key}/properties/x`, { v: 1 }); // write: 1
    await asApp(h, 'GET', '/rest/api/3/issue/NOPE-1'); // 404: 1
    await forUser(h, 'fst-lead@lcoo.example', 'GET', '/rest/api/3/myself'); // 1 + 1, also the user's
    await h.em.handle({ method: 'GET', path: '/rest/api/3/myself', principal: h.as('admin@lcoo.example') }); // a person's own call: not app traffic
    const p = h.em.rateLimits.points();
    expect(p.app).toBe(2 + 4 + 1 + 1 + 2);
    const fstLead = h.em.userByEmail('fst-lead@lcoo.example')!.accountId;
    expect(p.byUser).toEqual({ [fstLead]: 2 });
    expect(p.requests).toBe(5);
  });

  test('off by default: nothing refused and no rate-limit headers, however much is sent', async () => {
    const h = makeHarness();
    for (let i = 0; i < 400; i++) {
      const r = await asApp(h, 'GET', '/rest/api/3/myself');
      expect(r.status).toBe(200);
      expect(r.headers['beta-ratelimit']).toBeUndefined();
    }
  });
});

describe('the hourly quota of the app (shared by every user)', () => {
  test('each answer says what is left; over the quota it is 429 with Retry-After to the next hour, then open again', async () => {
    clock = Date.UTC(2026, 10, 30, 10, 59, 0);
    const h = harness({ enabled: true, pointsPerHour: 10 });
    const first = await asApp(h, 'GET', '/rest/api/3/myself');
    expect(first.headers).toMatchObject({
      'beta-ratelimit-policy': '"tenant-app-quota";q=10;w=3600',
      'beta-ratelimit': '"tenant-app-quota";r=8;t=60',
      ratelimit: '"tenant-app-quota";r=8;t=60',
    });
    // Other users of the app share the same quota.
    for (let i = 0; i < 4; i++) await forUser(h, i % 2 ? 'viewer@lcoo.example' : 'coordinator@lcoo.example', 'GET', '/rest/api/3/myself');
    const refused = await forUser(h, 'viewer@lcoo.example', 'GET', '/rest/api/3/myself');
    expect(refused.status).toBe(429);
    expect(refused.headers).toMatchObject({
      'retry-after': '60',
      'ratelimit-reason': 'jira-quota-tenant-based',
      'beta-ratelimit': '"tenant-app-quota";r=0;t=60',
      'x-beta-ratelimit-reset': '2026-11-30T11:00Z',
    });
    expect(refused.body).toEqual({ errorMessages: [expect.stringContaining('hourly points quota')], errors: {} });
    // A person's own REST calls are not the app's.
    expect((await h.em.handle({ method: 'GET', path: '/rest/api/3/myself', principal: h.as('viewer@lcoo.example') })).status).toBe(200);
    clock += 61_000;
    expect((await asApp(h, 'GET', '/rest/api/3/myself')).status).toBe(200);
  });

  test('an optional per-user quota refuses one user without stopping the others', async () => {
    const h = harness({ enabled: true, pointsPerHour: 1000, pointsPerUserPerHour: 4 });
    await forUser(h, 'viewer@lcoo.example', 'GET', '/rest/api/3/myself');
    await forUser(h, 'viewer@lcoo.example', 'GET', '/rest/api/3/myself');
    const refused = await forUser(h, 'viewer@lcoo.example', 'GET', '/rest/api/3/myself');
    expect([refused.status, refused.headers['ratelimit-reason']]).toEqual([429, 'jira-quota-user-based']);
    expect((await forUser(h, 'coordinator@lcoo.example', 'GET', '/rest/api/3/myself')).status).toBe(200);
  });
});

describe('burst and per-issue write limits', () => {
  test('a burst on one endpoint is refused with a short Retry-After; other endpoints and a second later are fine', async () => {
    const h = harness({ enabled: true, burstCapacity: 3, burstRefillPerSecond: 1 });
    for (let i = 0; i < 3; i++) expect((await asApp(h, 'GET', '/rest/api/3/myself')).status).toBe(200);
    const refused = await asApp(h, 'GET', '/rest/api/3/myself');
    expect(refused.status).toBe(429);
    expect(refused.headers).toMatchObject({ 'retry-after': '1', 'ratelimit-reason': 'jira-burst-based', 'x-ratelimit-remaining': '0' });
    expect((await asApp(h, 'GET', '/rest/api/3/serverInfo')).status).toBe(200);
    clock += 1000;
    expect((await asApp(h, 'GET', '/rest/api/3/myself')).status).toBe(200);
  });

  test('writes to one issue are limited per issue', async () => {
    const h = harness({ enabled: true, issueWrites: 3, issueWriteWindowSeconds: 10 });
    const a = await createIssue(h, 'Write target A');
    const b = await createIssue(h, 'Write target B');
    for (let i = 0; i < 3; i++) expect((await asApp(h, 'PUT', `/rest/api/3/issue/${a.key}/properties/p`, { i })).status).toBeLessThan(300);
    const refused = await asApp(h, 'PUT', `/rest/api/3/issue/${a.key}/properties/p`, { i: 4 });
    expect([refused.status, refused.headers['ratelimit-reason'], refused.headers['retry-after']]).toEqual([
      429,
      'jira-per-issue-on-write',
      '10',
    ]);
    expect((await asApp(h, 'PUT', `/rest/api/3/issue/${b.key}/properties/p`, { i: 1 })).status).toBeLessThan(300);
    expect((await asApp(h, 'GET', `/rest/api/3/issue/${a.key}/properties/p`)).status).toBe(200); // reads are not writes
    clock += 10_000;
    expect((await asApp(h, 'PUT', `/rest/api/3/issue/${a.key}/properties/p`, { i: 5 })).status).toBeLessThan(300);
  });
});
