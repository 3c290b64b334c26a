// Every request setup, the admin page and the stage gate send to Jira, checked against
// Atlassian's published OpenAPI document (request and response), and no deprecated
// operation used: the emulator runs with the contract checker for the whole flow.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootSandbox, type RunningSandbox } from '../../../sandbox/host/boot';
import { REPO_DIR } from '../../support/sandbox';
import { describeWithSpec, formatViolations, loadOpenApiContract, type OpenApiContract } from '../../support/openapi-contract';

jest.setTimeout(60_000);

describeWithSpec('REST contract of setup, admin page and stage gate', () => {
  let sb: RunningSandbox;
  let contract: OpenApiContract;
  let dataDir: string;

  beforeAll(async () => {
    contract = (await loadOpenApiContract())!;
    dataDir = mkdtempSync(join(tmpdir(), 'lcoo-contract-'));
    sb = await bootSandbox({ appDir: REPO_DIR, dataDir, port: 0, contract });
  });
  afterAll(async () => {
    await sb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const as = (email: string) => sb.jira.userByEmail(email)!.accountId;
  const invoke = async (moduleKey: string, key: string, payload: unknown, email = 'admin@lcoo.example') =>
    sb.host.invoke(
      moduleKey,
      key,
      payload,
      await sb.host.frontendContext(
        moduleKey,
        as(email),
        moduleKey === 'lcoo-admin' ? { kind: 'admin' } : { kind: 'validator', entryPoint: 'edit' },
        sb.url,
      ),
    );

  test('plan, run, second run, config and a gate evaluation send only documented, current requests', async () => {
    contract.clear();
    expect(await invoke('lcoo-admin', 'setup/plan', { projectKey: 'LCOO' })).toMatchObject({ ok: true });
    expect(await invoke('lcoo-admin', 'setup/run', { projectKey: 'LCOO' })).toMatchObject({ ok: true, data: { steps: expect.any(Array) } });
    expect(await invoke('lcoo-admin', 'setup/run', { projectKey: 'LCOO' })).toMatchObject({ ok: true, data: { created: [] } });
    const view = (await invoke('lcoo-admin', 'config/get', {})) as { ok: true; data: { config: unknown } };
    expect(await invoke('lcoo-admin', 'config/save', view.data.config)).toMatchObject({ ok: true });

    const created = await sb.jira.handle({
      method: 'POST',
      path: '/rest/api/3/issue',
      principal: { kind: 'user', accountId: as('admin@lcoo.example') },
      body: { fields: { project: { key: 'LCOO' }, issuetype: { name: 'Roadmap Item' }, summary: 'Contract' } },
    });
    const key = (created.body as { key: string }).key;
    const transitions = await sb.jira.handle({
      method: 'GET',
      path: `/rest/api/3/issue/${key}/transitions`,
      principal: { kind: 'user', accountId: as('fst-lead@lcoo.example') },
    });
    const t = (transitions.body as { transitions: { id: string }[] }).transitions[0]!;
    const refused = await sb.jira.handle({
      method: 'POST',
      path: `/rest/api/3/issue/${key}/transitions`,
      principal: { kind: 'user', accountId: as('fst-lead@lcoo.example') },
      body: { transition: { id: t.id } },
    });
    expect(refused.status).toBe(400);

    const ops = contract.coveredOperations();
    for (const op of [
      'createIssueType',
      'createStatuses',
      'validateCreateWorkflows',
      'createWorkflows',
      'createWorkflowScheme',
      'assignSchemeToProject',
      'addIssueTypesToIssueTypeScheme',
      'searchWorkflows',
      'getIssue',
      'findGroups',
    ]) {
      expect(ops).toContain(op);
    }
    expect(formatViolations(contract)).toEqual([]);
  });
});
