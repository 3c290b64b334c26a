// Setup's two steps that Jira runs as asynchronous tasks (303 + Location to GET /task/{id}):
// publishing the draft of a workflow scheme in use, and switching a project that has issues
// to the LCOO scheme. The app asks with redirect: 'manual', polls the task to its end, and
// reports success only when Jira's task says COMPLETE; otherwise it says what the admin must
// do. Whether Forge's fetch follows the 303 anyway is not documented: both ways are run.
import type { SetupResult } from '../../../src/contract/admin';
import { WORKFLOW_SCHEME_NAME } from '../../../src/usecases/setup/steps';
import { startSandbox, type TestSandbox } from '../../support/sandbox';
import { ADMIN, rest, runSetup } from '../../support/lcoo-site';

jest.setTimeout(90_000);

const stepOf = (r: SetupResult, id: string) => r.steps.find((s) => s.id === id);
const appCalls = (sb: TestSandbox) => sb.host.raw.fetchLog.filter((e) => e.kind === 'jira').map((e) => `${e.method} ${e.path} ${e.status}`);

async function createTask(sb: TestSandbox, summary: string): Promise<void> {
  const r = await rest(sb, ADMIN, 'POST', '/rest/api/3/issue', {
    fields: { project: { key: 'LCOO' }, issuetype: { name: 'Task' }, summary },
  });
  expect(r.status).toBe(201);
}

/** A scheme named as setup's, in use by LCOO before setup runs, mapping nothing to the LCOO workflows. */
async function schemeAlreadyInUse(sb: TestSandbox): Promise<number> {
  const made = await rest(sb, ADMIN, 'POST', '/rest/api/3/workflowscheme', { name: WORKFLOW_SCHEME_NAME, defaultWorkflow: 'jira' });
  expect(made.status).toBe(201);
  const id = (made.body as { id: number }).id;
  expect(
    (await rest(sb, ADMIN, 'PUT', '/rest/api/3/workflowscheme/project', { projectId: '10000', workflowSchemeId: String(id) })).status,
  ).toBe(204);
  return id;
}

describe.each([['as-asked'], ['always-follow']] as const)('Forge fetch redirect policy: %s', (redirects) => {
  let sb: TestSandbox;
  beforeAll(async () => {
    // Each task reports RUNNING for two reads before COMPLETE: one read would not be enough.
    sb = await startSandbox({ redirects, asyncTaskPolls: 2 });
  }, 120_000);
  afterAll(async () => sb?.stop());

  test('a project with issues is switched through Jira task polling, and only a COMPLETE task counts as done', async () => {
    await createTask(sb, 'An issue that makes Jira switch schemes in a task');
    const run = await runSetup(sb);
    expect(stepOf(run, 'project-workflow-scheme')).toMatchObject({ state: 'done', detail: expect.stringMatching(/task \d+ finished/) });
    const calls = appCalls(sb);
    const switchAt = calls.findIndex((c) => c.startsWith('POST /rest/api/3/workflowscheme/project/switch'));
    expect(switchAt).toBeGreaterThan(-1);
    // The app's own reads of the task, until COMPLETE (a followed redirect is one of them).
    const taskReads = calls.slice(switchAt).filter((c) => /^GET \/rest\/api\/3\/task\/\d+ 200$/.test(c));
    expect(taskReads.length).toBe(3);
    const association = await rest(sb, ADMIN, 'GET', '/rest/api/3/workflowscheme/project?projectId=10000');
    expect((association.body as { values: { workflowScheme: { name: string } }[] }).values[0]?.workflowScheme.name).toBe(
      WORKFLOW_SCHEME_NAME,
    );
  });
});

describe('a workflow scheme in use is changed through its draft, which setup publishes', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  }, 120_000);
  afterAll(async () => sb?.stop());

  test('the draft is published (a polled task) and the LCOO mappings are live, with no draft left behind', async () => {
    const id = await schemeAlreadyInUse(sb);
    const run = await runSetup(sb);
    expect(stepOf(run, 'workflow-scheme')).toMatchObject({
      state: 'done',
      detail: expect.stringMatching(/published the scheme's draft \(task \d+\)/),
    });
    const live = (await rest(sb, ADMIN, 'GET', `/rest/api/3/workflowscheme/${id}?returnDraftIfExists=true`)).body as {
      draft: boolean;
      issueTypeMappings: Record<string, string>;
    };
    expect(live.draft).toBe(false);
    expect(Object.values(live.issueTypeMappings).sort()).toEqual(['LCOO Roadmap Item Lifecycle', 'LCOO Upstream Delivery Lifecycle']);
    expect(appCalls(sb)).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^POST /rest/api/3/workflowscheme/${id}/draft/publish 303$`))]),
    );
    // A second run finds everything in place.
    expect((await runSetup(sb)).created).toEqual([]);
  });
});

describe('when Jira cannot finish a scheme task, setup stops and says what the admin must do', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  }, 120_000);
  afterAll(async () => sb?.stop());

  test('a draft Jira refuses to publish (issues of an LCOO type in a status its workflow lacks)', async () => {
    const typed = await rest(sb, ADMIN, 'POST', '/rest/api/3/issuetype', { name: 'Roadmap Item', hierarchyLevel: 0 });
    expect(typed.status).toBe(201);
    const typeSchemes = await rest(sb, ADMIN, 'GET', '/rest/api/3/issuetypescheme/project?projectId=10000');
    const typeSchemeId = (typeSchemes.body as { values: { issueTypeScheme: { id: string } }[] }).values[0]?.issueTypeScheme.id ?? '';
    const typeId = (typed.body as { id: string }).id;
    expect((await rest(sb, ADMIN, 'PUT', `/rest/api/3/issuetypescheme/${typeSchemeId}/issuetype`, { issueTypeIds: [typeId] })).status).toBe(
      204,
    );
    const id = await schemeAlreadyInUse(sb);
    const item = await rest(sb, ADMIN, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'LCOO' }, issuetype: { name: 'Roadmap Item' }, summary: 'Filed under the default workflow' },
    });
    expect(item.status).toBe(201);
    const run = await runSetup(sb);
    expect(stepOf(run, 'workflow-scheme')).toMatchObject({
      state: 'failed',
      detail: expect.stringMatching(
        /Jira did not publish the draft of "LCOO Roadmap Workflow Scheme": Issue type with ID '\d+' is missing the mappings .* In Jira settings > Issues > Workflow schemes, open "LCOO Roadmap Workflow Scheme" and publish its draft, then run setup again\./,
      ),
    });
    expect(stepOf(run, 'project-workflow-scheme')?.state).toBe('todo');
    // Nothing changed for the issue: the draft is still a draft.
    expect(
      ((await rest(sb, ADMIN, 'GET', `/rest/api/3/workflowscheme/${id}?returnDraftIfExists=true`)).body as { draft: boolean }).draft,
    ).toBe(true);
  });

  test('a switch task that ends FAILED', async () => {
    const other = await startSandbox();
    try {
      await createTask(other, 'An issue that makes Jira switch schemes in a task');
      other.emulator.behaviour.failNextTask = true;
      const run = await runSetup(other);
      expect(stepOf(run, 'project-workflow-scheme')).toMatchObject({
        state: 'failed',
        detail: expect.stringMatching(
          /^Jira's task \d+ switching LCOO to "LCOO Roadmap Workflow Scheme" failed: .*In Jira, open LCOO's project settings > Workflows, switch it to "LCOO Roadmap Workflow Scheme", then run setup again\.$/,
        ),
      });
    } finally {
      await other.stop();
    }
  });
});
