// The app under Jira's rate limits (emulator limits on): the client waits out a short 429 as
// Retry-After says and carries on; when the app's hourly quota is used up it does not wait an
// hour inside a 25 s function, and the person is told why and for how long.
import type { Envelope } from '../../../src/contract/envelope';
import { startSandbox, type TestSandbox } from '../../support/sandbox';
import { ADMIN, createIssue, runSetup } from '../../support/lcoo-site';

jest.setTimeout(90_000);

let sb: TestSandbox;
let key: string;
beforeAll(async () => {
  sb = await startSandbox();
  await runSetup(sb);
  key = await createIssue(sb, 'Roadmap Item', 'Under rate limits');
}, 120_000);
afterAll(async () => sb?.stop());

const panelLoad = async () =>
  (await sb.host.invoke('lcoo-issue-panel', 'panel/load', {}, { asEmail: ADMIN, issueKey: key })) as Envelope<unknown>;

test('a burst 429 is waited out as Retry-After says, and the load succeeds', async () => {
  const limits = sb.emulator.rateLimits;
  limits.configure({ enabled: true, pointsPerHour: 1_000_000, burstCapacity: 1, burstRefillPerSecond: 1 });
  limits.resetWindows();
  try {
    expect(await panelLoad()).toMatchObject({ ok: true });
    const start = sb.host.raw.fetchLog.length;
    expect(await panelLoad()).toMatchObject({ ok: true });
    const log = sb.host.raw.fetchLog.slice(start).filter((e) => e.kind === 'jira');
    const refused = log.findIndex((e) => e.status === 429);
    expect(refused).toBeGreaterThan(-1);
    // The same request again after the wait, answered.
    expect(log.slice(refused + 1).some((e) => e.path === log[refused]!.path && e.status === 200)).toBe(true);
    expect(limits.points().refused['jira-burst-based']).toBeGreaterThan(0);
  } finally {
    limits.configure({ enabled: false });
  }
});

test('with the hourly quota used up, the panel answers RATE_LIMITED saying when it frees up, without waiting for it', async () => {
  const limits = sb.emulator.rateLimits;
  limits.configure({ enabled: true, pointsPerHour: 3, burstCapacity: 350, burstRefillPerSecond: 100 });
  limits.resetWindows();
  limits.resetPoints();
  try {
    // The first load spends the quota (its requests run in parallel, so they were admitted together).
    await panelLoad();
    expect(limits.points().app).toBeGreaterThan(3);
    const answer = await panelLoad();
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'RATE_LIMITED',
        message: expect.stringMatching(
          /hourly API quota for this app is used up \(jira-quota-tenant-based\); it frees up in about \d+ minutes?/,
        ),
      },
    });
  } finally {
    limits.configure({ enabled: false });
    limits.resetWindows();
  }
});
