// Triggers: avi:forge:installed:app once per data dir; Jira issue events become Forge
// avi:jira:created:issue / avi:jira:updated:issue events; scheduled triggers on demand.
// The mini app records every event it receives in KVS (events:0001, events:0002, ...).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMiniApp } from '../../fixtures/mini-app/build';
import { startSandbox, type TestSandbox } from '../../support/sandbox';

interface Seen {
  eventType: string;
  issueKey: string | null;
  atlassianId: string | null;
  hasChangelog: boolean;
  installContext: string | null;
}

function events(sb: TestSandbox): Seen[] {
  return sb.host.raw.kvs
    .keys()
    .filter((k) => /^events:\d{4}$/.test(k))
    .map((key) => (sb.host.raw.kvs.handle('/api/v1/get', { key }).body as { value: Seen }).value);
}

const dataDir = mkdtempSync(join(tmpdir(), 'triggers-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('install fires once, issue events reach the app in the Forge shape, scheduled triggers run on demand', async () => {
  const appDir = buildMiniApp();
  const sb = await startSandbox({ appDir, dataDir });
  try {
    expect(events(sb)).toEqual([
      {
        eventType: 'avi:forge:installed:app',
        issueKey: null,
        atlassianId: null,
        hasChangelog: false,
        installContext: expect.stringMatching(/^ari:cloud:jira::site\//),
      },
    ]);

    const coordinator = sb.host.accountIdOf('coordinator@lcoo.example');
    const created = await sb.emulator.handle({
      method: 'POST',
      path: '/rest/api/3/issue',
      principal: { kind: 'user', accountId: coordinator },
      body: { fields: { project: { key: 'LCOO' }, summary: 'Trigger me', issuetype: { name: 'Task' } } },
    });
    const key = (created.body as { key: string }).key;
    await sb.emulator.handle({
      method: 'PUT',
      path: `/rest/api/3/issue/${key}`,
      principal: { kind: 'user', accountId: coordinator },
      body: { fields: { summary: 'Trigger me again' } },
    });
    const runs = await sb.host.settled();
    expect(runs.every((r) => r.ok)).toBe(true);

    expect(events(sb).slice(1)).toEqual([
      {
        eventType: 'avi:jira:created:issue',
        issueKey: key,
        atlassianId: coordinator,
        hasChangelog: false,
        installContext: expect.any(String),
      },
      {
        eventType: 'avi:jira:updated:issue',
        issueKey: key,
        atlassianId: coordinator,
        hasChangelog: true,
        installContext: expect.any(String),
      },
    ]);

    const scheduled = await sb.host.runScheduledTrigger('mini-hourly');
    expect(scheduled).toMatchObject({ triggerKey: 'mini-hourly', ok: true, result: { statusCode: 204 } });
    expect(sb.host.raw.kvs.handle('/api/v1/get', { key: 'schedule:runs' }).body).toMatchObject({ value: 1 });
    await expect(sb.host.runScheduledTrigger('mini-panel')).rejects.toThrow("'mini-panel' is a jira:issuePanel, not a scheduledTrigger");
  } finally {
    await sb.stop();
  }

  const again = await startSandbox({ appDir, dataDir });
  try {
    expect(events(again).filter((e) => e.eventType === 'avi:forge:installed:app')).toHaveLength(1);
  } finally {
    await again.stop();
  }
});

test('a trigger can be fired by hand with any event', async () => {
  const sb = await startSandbox({ appDir: buildMiniApp() });
  try {
    const runs = await sb.host.fireTrigger('avi:jira:updated:issue', {
      issue: { id: '1', key: 'LCOO-99', fields: {} },
      atlassianId: 'someone',
      changelog: { id: '1', items: [] },
    });
    expect(runs).toEqual([{ triggerKey: 'mini-issue-events', eventType: 'avi:jira:updated:issue', ok: true, result: 2 }]);
    expect(await sb.host.fireTrigger('avi:jira:deleted:issue', {})).toEqual([]);
  } finally {
    await sb.stop();
  }
});
