// A Forge workflow validator guarding a real transition: a workflow whose transitions carry
// the rule `forge:expression-validator` (parameters.key = the extension ARI, parameters.config
// = what the config UI saved) is created over REST, the emulator calls the host inside
// POST /issue/{key}/transitions, and a refusal is Jira's 400 with the app's message.
import { FORGE_VALIDATOR_RULE } from '../../../sandbox/web/pages/workflows';
import { buildMiniApp } from '../../fixtures/mini-app/build';
import { startSandbox, type TestSandbox } from '../../support/sandbox';

const BASIC = (email: string) => `Basic ${Buffer.from(`${email}:any-token`).toString('base64')}`;
const GATED = 'Mini gated workflow';

type WorkflowRead = {
  statuses: { id: string; name: string; statusCategory: string; statusReference: string }[];
  workflows: { statuses: { statusReference: string; properties: Record<string, string> }[]; transitions: { id: string; name: string; type: string; toStatusReference: string; links: unknown[]; properties: Record<string, string> }[] }[];
};

/** Copies the default "jira" workflow with the mini validator on the named transitions, and makes it the project's workflow. */
async function installGatedWorkflow(sb: TestSandbox, rules: Record<string, unknown>): Promise<void> {
  const admin = { kind: 'user' as const, accountId: sb.host.accountIdOf('admin@lcoo.example') };
  const search = await sb.emulator.handle({ method: 'GET', path: '/rest/api/3/workflows/search', principal: admin });
  const jiraId = (search.body as { values: { id: string; name: string }[] }).values.find((w) => w.name === 'jira')?.id;
  const read = (await sb.emulator.handle({ method: 'POST', path: '/rest/api/3/workflows', principal: admin, body: { workflowIds: [jiraId] } })).body as WorkflowRead;
  const wf = read.workflows[0];
  if (!wf) throw new Error('The default workflow could not be read');
  const ari = sb.host.raw.extensionAri('mini-validator');
  const created = await sb.emulator.handle({
    method: 'POST',
    path: '/rest/api/3/workflows/create',
    principal: admin,
    body: {
      scope: { type: 'GLOBAL' },
      statuses: read.statuses.map(({ id, name, statusCategory, statusReference }) => ({ id, name, statusCategory, statusReference })),
      workflows: [
        {
          name: GATED,
          statuses: wf.statuses.map(({ statusReference, properties }) => ({ statusReference, properties })),
          transitions: wf.transitions.map((t) => ({
            id: t.id,
            name: t.name,
            type: t.type,
            toStatusReference: t.toStatusReference,
            links: t.links,
            properties: t.properties,
            validators: t.name in rules ? [{ ruleKey: FORGE_VALIDATOR_RULE, parameters: { key: ari, config: JSON.stringify(rules[t.name]) } }] : [],
          })),
        },
      ],
    },
  });
  if (created.status !== 200) throw new Error(`workflows/create: ${created.status} ${JSON.stringify(created.body)}`);
  const scheme = await sb.emulator.handle({ method: 'PUT', path: '/rest/api/3/workflowscheme/10000', principal: admin, body: { name: 'Default Workflow Scheme', defaultWorkflow: GATED } });
  if (scheme.status !== 200) throw new Error(`workflowscheme update: ${scheme.status} ${JSON.stringify(scheme.body)}`);
}

async function transitionId(sb: TestSandbox, key: string, name: string): Promise<string> {
  const r = await sb.emulator.handle({ method: 'GET', path: `/rest/api/3/issue/${key}/transitions`, principal: { kind: 'user', accountId: sb.host.accountIdOf('admin@lcoo.example') } });
  const t = (r.body as { transitions: { id: string; name: string }[] }).transitions.find((x) => x.name === name);
  if (!t) throw new Error(`${key} has no transition ${name}`);
  return t.id;
}

async function createIssue(sb: TestSandbox, summary: string): Promise<string> {
  const r = await sb.emulator.handle({ method: 'POST', path: '/rest/api/3/issue', principal: { kind: 'user', accountId: sb.host.accountIdOf('admin@lcoo.example') }, body: { fields: { project: { key: 'LCOO' }, summary, issuetype: { name: 'Task' } } } });
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
    const r = await sb.emulator.handle({ method: 'POST', path: `/rest/api/3/issue/${key}/transitions`, principal: { kind: 'user', accountId: sb.host.accountIdOf('fst-lead@lcoo.example') }, body: { transition: { id: await transitionId(sb, key, 'In Progress') } } });
    expect(r.status).toBe(204);
    expect(await statusOf(sb, key)).toBe('In Progress');
  });

  test('receives the configuration stored in the workflow rule', async () => {
    const key = await createIssue(sb, 'Configured to block');
    const r = await sb.emulator.handle({ method: 'POST', path: `/rest/api/3/issue/${key}/transitions`, principal: { kind: 'user', accountId: sb.host.accountIdOf('admin@lcoo.example') }, body: { transition: { id: await transitionId(sb, key, 'Done') } } });
    expect(r.status).toBe(400);
    expect((r.body as { errorMessages: string[] }).errorMessages).toEqual([`Transitions of ${key} are blocked by the mini validator's configuration.`]);
  });

  test('a validator past the deadline, or one the app does not have, is a failed validation with a message', async () => {
    const key = await createIssue(sb, 'Slow check');
    const slow = await sb.host.runValidator({ moduleKey: 'mini-validator', issueKey: key, fromStatusId: '1', toStatusId: '3', configuration: { delayMs: 4000 } });
    expect(slow).toEqual({ result: false, errorMessage: expect.stringContaining('did not finish within 1.5 s') });
    const unknown = await sb.host.raw.runValidator({ extensionAri: 'ari:cloud:ecosystem::extension/other-app/env/static/x', issueKey: key, fromStatusId: '1', toStatusId: '3' });
    expect(unknown).toEqual({ result: false, errorMessage: expect.stringContaining('not installed here') });
  });
});
