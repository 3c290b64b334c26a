// State lives in SQLite at dbPath and survives a restart; issue properties keep Jira's
// 32 KB limit and their indexed values follow every write and delete.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIssue, makeHarness, provisionRoadmapWorkflow, q, type Harness } from './harness';

describe('persistence', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jira-emulator-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps issues, properties, provisioning and the property index across a reopen, and seeds only once', async () => {
    const dbPath = join(dir, 'site.db');
    const first = makeHarness({ dbPath });
    const ids = await provisionRoadmapWorkflow(first);
    const { key } = await createIssue(first, 'Persisted item');
    await first.ok(first.app, 'PUT', `/rest/api/3/issue/${key}/properties/lcoo-vetting`, { index: { stage: 'prioritized' } }, 201);
    first.em.close();

    const second = makeHarness({ dbPath });
    try {
      expect(second.em.users().filter((u) => u.email === 'admin@lcoo.example')).toHaveLength(1);
      expect(
        (await second.ok<{ fields: { summary: string } }>(second.app, 'GET', `/rest/api/3/issue/${key}?fields=summary`)).fields.summary,
      ).toBe('Persisted item');
      const found = await second.ok<{ issues: { id: string }[] }>(
        second.app,
        'GET',
        `/rest/api/3/search/jql?jql=${q('lcooStage = prioritized')}`,
      );
      expect(found.issues).toHaveLength(1);
      const types = await second.ok<{ id: string }[]>(second.app, 'GET', '/rest/api/3/issuetype/project?projectId=10000');
      expect(types.map((t) => t.id)).toContain(ids.issueTypeId);
      const next = await createIssue(second, 'After restart');
      expect(next.key).toBe('LCOO-2');
      second.em.reset();
      expect((await second.call(second.app, 'GET', `/rest/api/3/issue/${key}`)).status).toBe(404);
      expect(second.em.userByEmail('viewer@lcoo.example')).toBeDefined();
    } finally {
      second.em.close();
    }
  });
});

describe('issue properties', () => {
  let h: Harness;
  let key: string;
  beforeEach(async () => {
    h = makeHarness();
    key = (await createIssue(h, 'Property holder')).key;
  });
  afterEach(() => h.em.close());

  it('accepts a value up to 32768 bytes and refuses a larger one with 400, keeping the old value', async () => {
    const path = `/rest/api/3/issue/${key}/properties/lcoo-vetting`;
    const fits = { pad: 'x'.repeat(32768 - JSON.stringify({ pad: '' }).length) };
    expect(Buffer.byteLength(JSON.stringify(fits))).toBe(32768);
    await h.ok(h.app, 'PUT', path, fits, 201);
    const tooBig = await h.call(h.app, 'PUT', path, { pad: 'x'.repeat(32768) });
    expect(tooBig.status).toBe(400);
    expect((tooBig.body as { errorMessages: string[] }).errorMessages[0]).toContain('32768 bytes');
    // multi-byte characters count in bytes, not characters
    expect((await h.call(h.app, 'PUT', path, { pad: 'é'.repeat(16400) })).status).toBe(400);
    expect((await h.ok<{ value: unknown }>(h.app, 'GET', path)).value).toEqual(fits);
  });

  it('lists keys, reads, updates (200) and deletes (204, then 404), and keeps the JQL index in step', async () => {
    const path = `/rest/api/3/issue/${key}/properties/lcoo-vetting`;
    await h.ok(h.app, 'PUT', path, { index: { stage: 'being-vetted' } }, 201);
    await h.ok(h.app, 'PUT', path, { index: { stage: 'prioritized' } }, 200);
    const count = async (jql: string) =>
      (await h.ok<{ issues: unknown[] }>(h.app, 'GET', `/rest/api/3/search/jql?jql=${q(jql)}`)).issues.length;
    expect([await count('lcooStage = being-vetted'), await count('lcooStage = prioritized')]).toEqual([0, 1]);
    expect((await h.ok<{ keys: { key: string }[] }>(h.app, 'GET', `/rest/api/3/issue/${key}/properties`)).keys.map((k) => k.key)).toEqual([
      'lcoo-vetting',
    ]);
    await h.ok(h.app, 'DELETE', path, undefined, 204);
    expect((await h.call(h.app, 'GET', path)).status).toBe(404);
    expect((await h.call(h.app, 'DELETE', path)).status).toBe(404);
    expect(await count('lcooStage = prioritized')).toBe(0);
  });

  it('writes properties sent with issue creation and skips values of the wrong declared type', async () => {
    const created = await h.ok<{ key: string }>(
      h.app,
      'POST',
      '/rest/api/3/issue',
      {
        fields: { project: { key: 'LCOO' }, issuetype: { name: 'Task' }, summary: 'With properties' },
        properties: [{ key: 'lcoo-vetting', value: { index: { stage: 'vetting-backlog', size: 'large' } } }],
      },
      201,
    );
    const page = await h.ok<{ issues: { key: string }[] }>(
      h.app,
      'GET',
      `/rest/api/3/search/jql?jql=${q('lcooStage = vetting-backlog')}&fields=key`,
    );
    expect(page.issues.map((i) => i.key)).toEqual([created.key]);
    expect((await h.ok<{ issues: unknown[] }>(h.app, 'GET', `/rest/api/3/search/jql?jql=${q('lcooSize IS NOT EMPTY')}`)).issues).toEqual(
      [],
    );
  });
});
