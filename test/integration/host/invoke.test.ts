// invoke -> the real @forge/resolver -> the real @forge/api -> the Jira emulator and back,
// with the identity Forge would use: asUser is the invoking person, asApp the app user.
import { createForgeProxy } from '../../../sandbox/host/forge-fetch';
import { buildMiniApp } from '../../fixtures/mini-app/build';
import { startSandbox, type TestSandbox } from '../../support/sandbox';

let sb: TestSandbox;

const Whoami = (v: unknown) =>
  v as {
    contextAccountId: string;
    asUser: { status: number; accountId: string; displayName: string };
    asApp: { status: number; accountId: string; displayName: string };
    moduleKey: string;
    appAri: string;
    environmentAri: string;
    extension: Record<string, unknown>;
  };

beforeAll(async () => {
  sb = await startSandbox({ appDir: buildMiniApp() });
});
afterAll(async () => {
  await sb?.stop();
});

async function createIssue(summary: string, asEmail = 'admin@lcoo.example'): Promise<string> {
  const r = await sb.emulator.handle({
    method: 'POST',
    path: '/rest/api/3/issue',
    principal: { kind: 'user', accountId: sb.host.accountIdOf(asEmail) },
    body: { fields: { project: { key: 'LCOO' }, summary, issuetype: { name: 'Task' } } },
  });
  expect(r.status).toBe(201);
  return (r.body as { key: string }).key;
}

test('asUser acts as the invoking person, asApp as the app user, and the app sees its own ARIs', async () => {
  const out = Whoami(await sb.host.invoke('mini-admin', 'whoami', {}, { asEmail: 'fst-lead@lcoo.example' }));
  const fstLead = sb.host.accountIdOf('fst-lead@lcoo.example');
  expect(out.contextAccountId).toBe(fstLead);
  expect(out.asUser).toEqual({ status: 200, accountId: fstLead, displayName: 'Farah Stein (Networking FST lead)' });
  expect(out.asApp.status).toBe(200);
  expect(out.asApp.accountId).not.toBe(fstLead);
  expect(out.asApp.displayName).toBe('LCOO Roadmap for Jira');
  expect(out.moduleKey).toBe('mini-admin');
  expect(out.appAri).toBe('ari:cloud:ecosystem::app/0a1b2c3d-0000-4000-8000-00000000a11e');
  // The validator ARI the emulator stores is built from exactly what getAppContext() reports.
  const envId = out.environmentAri.split('/').pop();
  expect(sb.host.raw.extensionAri('mini-validator')).toBe(
    `ari:cloud:ecosystem::extension/0a1b2c3d-0000-4000-8000-00000000a11e/${envId}/static/mini-validator`,
  );
});

test('an issue panel gets the Forge issue context and reads the issue as the user', async () => {
  const key = await createIssue('Panel context check');
  const out = Whoami(await sb.host.invoke('mini-panel', 'whoami', {}, { asEmail: 'coordinator@lcoo.example', issueKey: key }));
  expect(out.extension).toEqual({
    type: 'jira:issuePanel',
    issue: { id: expect.any(String), key, type: 'Task', typeId: expect.any(String) },
    project: { id: expect.any(String), key: 'LCOO', type: expect.any(String) },
  });
  const summary = (await sb.host.invoke('mini-panel', 'issue/summary', {}, { asEmail: 'coordinator@lcoo.example', issueKey: key })) as {
    status: number;
    summary: string;
  };
  expect(summary).toMatchObject({ status: 200, summary: 'Panel context check' });
});

test('gadget, admin and validator config UIs get their own Forge-shaped extension context', async () => {
  const gadget = Whoami(
    await sb.host.invoke('mini-gadget', 'whoami', {}, { asEmail: 'viewer@lcoo.example', gadgetConfiguration: { greeting: 'hi' } }),
  );
  expect(gadget.extension).toEqual({
    type: 'jira:dashboardGadget',
    gadget: { id: expect.any(String) },
    dashboard: { id: expect.any(String) },
    gadgetConfiguration: { greeting: 'hi' },
  });
  const edit = Whoami(await sb.host.invoke('mini-gadget', 'whoami', {}, { asEmail: 'viewer@lcoo.example', entryPoint: 'edit' }));
  expect(edit.extension['entryPoint']).toBe('edit');
  const validator = Whoami(
    await sb.host.invoke(
      'mini-validator',
      'whoami',
      {},
      { asEmail: 'admin@lcoo.example', entryPoint: 'edit', validatorConfig: '{"blockAll":true}' },
    ),
  );
  expect(validator.extension).toEqual({ type: 'jira:workflowValidator', entryPoint: 'edit', validatorConfig: '{"blockAll":true}' });
});

test('concurrent invocations keep their own identity and module', async () => {
  const emails = ['admin@lcoo.example', 'fst-lead@lcoo.example', 'coordinator@lcoo.example', 'viewer@lcoo.example'];
  const calls = Array.from({ length: 24 }, (_, i) => {
    const email = emails[i % emails.length] ?? 'viewer@lcoo.example';
    const moduleKey = i % 2 === 0 ? 'mini-admin' : 'mini-gadget';
    // Delays interleave the calls so they overlap inside the real @forge/api.
    return sb.host
      .invoke(moduleKey, 'whoami', { delayMs: (i * 7) % 40 }, { asEmail: email })
      .then((r) => ({ email, moduleKey, out: Whoami(r) }));
  });
  for (const { email, moduleKey, out } of await Promise.all(calls)) {
    expect(out.asUser.accountId).toBe(sb.host.accountIdOf(email));
    expect(out.contextAccountId).toBe(sb.host.accountIdOf(email));
    expect(out.moduleKey).toBe(moduleKey);
  }
});

test('a resolver that throws, and an unknown key, reject with the real resolver messages', async () => {
  await expect(sb.host.invoke('mini-admin', 'fail', {}, { asEmail: 'admin@lcoo.example' })).rejects.toThrow('mini app failure on purpose');
  await expect(sb.host.invoke('mini-admin', 'no/such-key', {}, { asEmail: 'admin@lcoo.example' })).rejects.toThrow(
    "Resolver has no definition for 'no/such-key'.",
  );
});

test('the proxy routes product calls by provider and refuses what it does not emulate', async () => {
  sb.host.raw.fetchLog.length = 0;
  await sb.host.invoke('mini-admin', 'whoami', {}, { asEmail: 'viewer@lcoo.example' });
  const jiraCalls = sb.host.raw.fetchLog.filter((e) => e.kind === 'jira');
  expect(jiraCalls.map((e) => e.principal)).toEqual([
    { kind: 'user', accountId: sb.host.accountIdOf('viewer@lcoo.example') },
    { kind: 'app' },
  ]);
  const proxy = createForgeProxy({ jira: sb.emulator, kvs: sb.host.raw.kvs }, undefined);
  const refused = await proxy({ type: 'fpp', provider: 'app', remote: 'confluence' }, '/wiki/rest/api/space', {});
  expect(refused.status).toBe(501);
  expect(refused.headers.get('forge-proxy-error')).toBe('UNSUPPORTED_IN_LOCAL_SANDBOX');
  const noUser = await proxy({ type: 'fpp', provider: 'user', remote: 'jira' }, '/rest/api/3/myself', {});
  expect(noUser.headers.get('forge-proxy-error')).toBe('NEEDS_AUTHENTICATION_ERR');
});
