// A Forge workflow validator guarding a real transition: a workflow whose transitions carry
// the rule `forge:expression-validator` (parameters.key = the extension ARI, parameters.config
// = what the config UI saved) is created over REST, the emulator calls the host inside
// POST /issue/{key}/transitions, and a refusal is Jira's 400 with the app's message.
import { buildMiniApp } from '../../fixtures/mini-app/build';
import { installGatedWorkflow } from '../../fixtures/mini-app/gated-workflow';
import { startSandbox, type TestSandbox } from '../../support/sandbox';

const BASIC = (email: string) => `Basic ${Buffer.from(`${email}:any-token`).toString('base64')}`;
async function transitionId(sb: TestSandbox, key: string, name: string): Promise<string> {
  const r = await sb.emulator.handle({
    method: 'GET',
    path: `/rest/api/3/issue/${key}/transitions`,
    principal: { kind: 'user', accountId: sb.host.accountIdOf('admin@lcoo.example') },
  });
  const t = (r.body as { transitions: { id: string; name: string }[] }).transitions.find((x) => x.name === name);
  if (!t) throw new Error(`${key} has no transition ${name}`);
  return t.id;
}

async function createIssue(sb: TestSandbox, summary: string): Promise<string> {
  const r = await sb.emulator.handle({
    method: 'POST',
    path: '/rest/api/3/issue',
    principal: { kind: 'user', accountId: sb.host.accountIdOf('admin@lcoo.example') },
    body: { fields: { project: { key: 'LCOO' }, summary, issuetype: { name: 'Task' } } },
  });
  return (r.body as { key: string }).key;
}

async function statusOf(sb: TestSandbox, key: string): Promise<string> {
  const r = await sb.emulator.handle({ method: 'GET', path: `/rest/api/3/issue/${key}?fields=status`, principal: { kind: 'app' } });
  return (r.body as { fields: { status: { name: string } } }).fields.status.name;
}

describe('workflow validator', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startSandbox({ appDir: buildMiniApp(), functionTimeoutMs: 1500 });
    await installGatedWorkflow(sb, { 'In Progress': {}, Done: { blockAll: true } });
  });
  afterAll(async () => {
    await sb?.stop();
  });

  test('blocks the transition with 400 in Jira format over HTTP and leaves the issue unchanged', async () => {
    const key = await createIssue(sb, 'WIP: SR-IOV live migration');
    const before = await statusOf(sb, key);
    const r = await fetch(`${sb.url}/rest/api/3/issue/${key}/transitions`, {
      method: 'POST',
      headers: { authorization: BASIC('fst-lead@lcoo.example'), 'content-type': 'application/json' },
      body: JSON.stringify({ transition: { id: await transitionId(sb, key, 'In Progress') } }),
    });
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ errorMessages: [expect.stringContaining(`Remove "WIP" from the summary of ${key}`)], errors: {} });
    expect(await statusOf(sb, key)).toBe(before);
  });

  test('lets the transition through once the condition holds', async () => {
    const key = await createIssue(sb, 'SR-IOV live migration');
    const r = await sb.emulator.handle({
      method: 'POST',
      path: `/rest/api/3/issue/${key}/transitions`,
      principal: { kind: 'user', accountId: sb.host.accountIdOf('fst-lead@lcoo.example') },
      body: { transition: { id: await transitionId(sb, key, 'In Progress') } },
    });
    expect(r.status).toBe(204);
    expect(await statusOf(sb, key)).toBe('In Progress');
  });

  test('receives the configuration stored in the workflow rule', async () => {
    const key = await createIssue(sb, 'Configured to block');
    const r = await sb.emulator.handle({
      method: 'POST',
      path: `/rest/api/3/issue/${key}/transitions`,
      principal: { kind: 'user', accountId: sb.host.accountIdOf('admin@lcoo.example') },
      body: { transition: { id: await transitionId(sb, key, 'Done') } },
    });
    expect(r.status).toBe(400);
    expect((r.body as { errorMessages: string[] }).errorMessages).toEqual([
      `Transitions of ${key} are blocked by the mini validator's configuration.`,
    ]);
  });

  test('a validator past the deadline, or one the app does not have, is a failed validation with a message', async () => {
    const key = await createIssue(sb, 'Slow check');
    const slow = await sb.host.runValidator({
      moduleKey: 'mini-validator',
      issueKey: key,
      fromStatusId: '1',
      toStatusId: '3',
      configuration: { delayMs: 4000 },
    });
    expect(slow).toEqual({ result: false, errorMessage: expect.stringContaining('did not finish within 1.5 s') });
    const unknown = await sb.host.raw.runValidator({
      extensionAri: 'ari:cloud:ecosystem::extension/other-app/env/static/x',
      issueKey: key,
      fromStatusId: '1',
      toStatusId: '3',
    });
    expect(unknown).toEqual({ result: false, errorMessage: expect.stringContaining('not installed here') });
  });
});
