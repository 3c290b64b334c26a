// Every request the issue panel's resolver sends to Jira (issue, permissions, properties,
// groups, myself), and every answer, checked against Atlassian's published OpenAPI document:
// the emulator runs with the contract checker while the panel loads, saves, conflicts,
// is refused for a viewer and records an approval.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootSandbox, type RunningSandbox } from '../../../sandbox/host/boot';
import type { Envelope } from '../../../src/contract/envelope';
import type { PanelData } from '../../../src/contract/panel';
import { REPO_DIR } from '../../support/sandbox';
import { describeWithSpec, formatViolations, loadOpenApiContract, type OpenApiContract } from '../../support/openapi-contract';
import { ADMIN, FST_LEAD, PANEL, VIEWER, completeVetting } from '../../support/lcoo-site';

jest.setTimeout(60_000);

describeWithSpec('REST contract of the issue panel', () => {
  let sb: RunningSandbox;
  let contract: OpenApiContract;
  let dataDir: string;

  beforeAll(async () => {
    contract = (await loadOpenApiContract())!;
    dataDir = mkdtempSync(join(tmpdir(), 'lcoo-panel-contract-'));
    sb = await bootSandbox({ appDir: REPO_DIR, dataDir, port: 0, contract });
  });
  afterAll(async () => {
    await sb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const as = (email: string) => sb.jira.userByEmail(email)!.accountId;
  const invoke = async (moduleKey: string, key: string, payload: unknown, email: string, issueKey?: string) =>
    (await sb.host.invoke(
      moduleKey,
      key,
      payload,
      await sb.host.frontendContext(moduleKey, as(email), issueKey ? { kind: 'issue', issueKey } : { kind: 'admin' }, sb.url),
    )) as Envelope<PanelData>;

  test('load, save, conflict, refused save and an approval send only documented, current requests', async () => {
    expect(await invoke('lcoo-admin', 'setup/run', { projectKey: 'LCOO' }, ADMIN)).toMatchObject({ ok: true });
    const created = await sb.jira.handle({
      method: 'POST',
      path: '/rest/api/3/issue',
      principal: { kind: 'user', accountId: as(ADMIN) },
      body: { fields: { project: { key: 'LCOO' }, issuetype: { name: 'Roadmap Item' }, summary: 'Contract' } },
    });
    const key = (created.body as { key: string }).key;
    contract.clear();

    expect(await invoke(PANEL, 'panel/load', {}, FST_LEAD, key)).toMatchObject({ ok: true, data: { vetting: { integrity: 'missing' } } });
    expect(await invoke(PANEL, 'vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, key)).toMatchObject({
      ok: true,
      data: { vetting: { revision: 1 } },
    });
    expect(await invoke(PANEL, 'vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, key)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await invoke(PANEL, 'vetting/save', { revision: 1, vetting: completeVetting() }, VIEWER, key)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await invoke(PANEL, 'approvals/record', { record: 'vetting', role: 'fst-prioritization', revision: 1 }, FST_LEAD, key),
    ).toMatchObject({ ok: true });

    const ops = contract.coveredOperations();
    for (const op of ['getIssue', 'getCurrentUser', 'getMyPermissions', 'getUserGroups', 'getIssueProperty', 'setIssueProperty']) {
      expect(ops).toContain(op);
    }
    expect(formatViolations(contract)).toEqual([]);
  });
});
