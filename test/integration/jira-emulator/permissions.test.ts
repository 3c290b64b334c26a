// Who may do what: the viewer browses only, contributors work on LCOO issues, admin
// configures, the app does everything, anonymous callers get 401 (also over HTTP).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createIssue, makeHarness, type Harness } from './harness';

describe('permissions', () => {
  let h: Harness;
  let key: string;
  beforeAll(async () => {
    h = makeHarness();
    key = (await createIssue(h, 'Ironic bare metal for 5G core')).key;
  });
  afterAll(() => h.em.close());

  it('lets the viewer browse and search but not edit, transition, create or change properties', async () => {
    const viewer = h.as('viewer@lcoo.example');
    await h.ok(viewer, 'GET', `/rest/api/3/issue/${key}`);
    expect((await h.ok<{ issues: unknown[] }>(viewer, 'GET', '/rest/api/3/search/jql?jql=project%3DLCOO')).issues).toHaveLength(1);
    const edit = await h.call(viewer, 'PUT', `/rest/api/3/issue/${key}`, { fields: { summary: 'hijacked' } });
    expect(edit).toMatchObject({
      status: 403,
      body: { errorMessages: ['You do not have permission to edit issues in this project.'], errors: {} },
    });
    expect((await h.call(viewer, 'PUT', `/rest/api/3/issue/${key}/properties/lcoo-vetting`, { forged: true })).status).toBe(403);
    expect((await h.call(viewer, 'DELETE', `/rest/api/3/issue/${key}`)).status).toBe(403);
    expect((await h.ok<{ transitions: unknown[] }>(viewer, 'GET', `/rest/api/3/issue/${key}/transitions`)).transitions).toEqual([]);
    expect((await h.call(viewer, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: '21' } })).status).toBe(400);
    const create = await h.call(viewer, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'LCOO' }, issuetype: { name: 'Task' }, summary: 'x' },
    });
    expect(create.status).toBe(400);
    expect((await h.ok<{ fields: { summary: string } }>(h.app, 'GET', `/rest/api/3/issue/${key}?fields=summary`)).fields.summary).toBe(
      'Ironic bare metal for 5G core',
    );
  });

  it('reports the same answers through /mypermissions', async () => {
    const perms = async (email: string) =>
      (
        await h.ok<{ permissions: Record<string, { havePermission: boolean }> }>(
          h.as(email),
          'GET',
          `/rest/api/3/mypermissions?issueKey=${key}&permissions=BROWSE_PROJECTS,EDIT_ISSUES,TRANSITION_ISSUES,ADMINISTER`,
        )
      ).permissions;
    const viewer = await perms('viewer@lcoo.example');
    expect([
      viewer.BROWSE_PROJECTS?.havePermission,
      viewer.EDIT_ISSUES?.havePermission,
      viewer.TRANSITION_ISSUES?.havePermission,
      viewer.ADMINISTER?.havePermission,
    ]).toEqual([true, false, false, false]);
    const coordinator = await perms('coordinator@lcoo.example');
    expect([coordinator.EDIT_ISSUES?.havePermission, coordinator.ADMINISTER?.havePermission]).toEqual([true, false]);
    expect((await perms('admin@lcoo.example')).ADMINISTER?.havePermission).toBe(true);
    expect((await h.call(h.app, 'GET', '/rest/api/3/mypermissions')).status).toBe(400);
  });

  it('lets contributors edit and transition, and keeps configuration for admins and the app', async () => {
    const coordinator = h.as('coordinator@lcoo.example');
    await h.ok(coordinator, 'PUT', `/rest/api/3/issue/${key}`, { update: { labels: [{ add: 'telco' }] } }, 204);
    await h.ok(coordinator, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: '21' } }, 204);
    expect((await h.call(coordinator, 'POST', '/rest/api/3/issuetype', { name: 'Sneaky' })).status).toBe(403);
    expect(
      (
        await h.call(coordinator, 'POST', '/rest/api/3/statuses', {
          scope: { type: 'GLOBAL' },
          statuses: [{ name: 'Sneaky', statusCategory: 'TODO' }],
        })
      ).status,
    ).toBe(403);
    await h.ok(h.as('admin@lcoo.example'), 'GET', '/rest/api/3/workflows/search');
    await h.ok(h.app, 'GET', '/rest/api/3/workflowscheme/project?projectId=10000');
  });

  it('answers anonymous callers with 401 on every operation', async () => {
    for (const [method, path] of [
      ['GET', `/rest/api/3/issue/${key}`],
      ['GET', '/rest/api/3/search/jql?jql='],
      ['GET', '/rest/api/3/myself'],
      ['POST', '/rest/api/3/issue'],
      ['GET', '/rest/api/3/project/LCOO'],
    ] as const) {
      const res = await h.call({ kind: 'anonymous' }, method, path, method === 'POST' ? {} : undefined);
      expect([path, res.status]).toEqual([path, 401]);
    }
    expect((await h.call({ kind: 'user', accountId: 'no-such-account' }, 'GET', '/rest/api/3/myself')).status).toBe(401);
  });

  describe('over HTTP', () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      server = createServer((req, res) => {
        void h.em.httpHandler(req, res);
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));
    const basic = (email: string) => `Basic ${Buffer.from(`${email}:any-token`).toString('base64')}`;

    it('maps HTTP basic e-mail + any token to the seeded user and refuses missing credentials', async () => {
      const me = await fetch(`${base}/rest/api/3/myself`, { headers: { authorization: basic('fst-lead@lcoo.example') } });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { emailAddress: string }).emailAddress).toBe('fst-lead@lcoo.example');
      expect((await fetch(`${base}/rest/api/3/myself`)).status).toBe(401);
      expect((await fetch(`${base}/rest/api/3/myself`, { headers: { authorization: basic('stranger@example.com') } })).status).toBe(401);
      const denied = await fetch(`${base}/rest/api/3/issue/${key}`, {
        method: 'PUT',
        headers: { authorization: basic('viewer@lcoo.example'), 'content-type': 'application/json' },
        body: JSON.stringify({ fields: { summary: 'x' } }),
      });
      expect(denied.status).toBe(403);
      const badJson = await fetch(`${base}/rest/api/3/issue`, {
        method: 'POST',
        headers: { authorization: basic('admin@lcoo.example'), 'content-type': 'application/json' },
        body: '{not json',
      });
      expect(badJson.status).toBe(400);
    });
  });
});
