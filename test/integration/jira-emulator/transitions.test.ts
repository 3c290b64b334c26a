// Transitions governed by a workflow the app provisions through REST, with the Forge
// validator run through the host hook: a failing gate answers 400 and leaves the issue as is.
import { makeHarness, provisionRoadmapWorkflow, VALIDATOR_ARI, type Harness } from './harness';
import type { ForgeValidatorCall, IssueEvent } from '../../../sandbox/jira';

describe('issue transitions with Forge validators', () => {
  let h: Harness;
  let calls: ForgeValidatorCall[];
  let events: IssueEvent[];
  let verdict: { result: boolean; errorMessage?: string };
  let ids: Awaited<ReturnType<typeof provisionRoadmapWorkflow>>;

  beforeEach(async () => {
    calls = [];
    events = [];
    verdict = { result: true };
    h = makeHarness({
      hooks: {
        runForgeValidator: async (call) => {
          calls.push(call);
          return verdict;
        },
        onIssueEvent: (e) => {
          events.push(e);
        },
      },
    });
    ids = await provisionRoadmapWorkflow(h);
  });
  afterEach(() => h.em.close());

  async function newItem(): Promise<string> {
    const created = await h.ok<{ key: string }>(
      h.as('fst-lead@lcoo.example'),
      'POST',
      '/rest/api/3/issue',
      {
        fields: { project: { key: 'LCOO' }, issuetype: { id: ids.issueTypeId }, summary: 'Multi-site Neutron QoS' },
      },
      201,
    );
    return created.key;
  }
  const statusOf = async (key: string) =>
    (await h.ok<{ fields: { status: { name: string } } }>(h.app, 'GET', `/rest/api/3/issue/${key}?fields=status`)).fields.status.name;

  it('starts new issues in the initial status of the mapped workflow and lists only the transitions from there', async () => {
    const key = await newItem();
    expect(await statusOf(key)).toBe('Vetting Backlog');
    const t = await h.ok<{ transitions: { id: string; name: string; to: { name: string } }[] }>(
      h.app,
      'GET',
      `/rest/api/3/issue/${key}/transitions`,
    );
    expect(t.transitions.map((x) => [x.id, x.name, x.to.name])).toEqual([
      [ids.transitionIds.vet, 'Start vetting', 'Being Vetted / Groomed'],
    ]);
    expect(events.map((e) => e.webhookEvent)).toEqual(['jira:issue_created']);
  });

  it('refuses a transition that is not available from the current status (400)', async () => {
    const key = await newItem();
    const res = await h.call(h.app, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: ids.transitionIds.prioritize } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errorMessages: [`Transition id '${ids.transitionIds.prioritize}' is not valid for this issue.`],
      errors: {},
    });
    expect(calls).toHaveLength(0);
  });

  it('answers a failing validator with 400 and every message, leaving status and changelog unchanged', async () => {
    const key = await newItem();
    const fst = h.as('fst-lead@lcoo.example');
    await h.ok(fst, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: ids.transitionIds.vet } }, 204);
    verdict = { result: false, errorMessage: 'Prioritized needs 2 core approvals; 1 recorded.' };
    const res = await h.call(fst, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: ids.transitionIds.prioritize } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ errorMessages: ['Prioritized needs 2 core approvals; 1 recorded.'], errors: {} });
    expect(await statusOf(key)).toBe('Being Vetted / Groomed');
    expect(calls).toEqual([
      {
        extensionAri: VALIDATOR_ARI,
        configuration: { target: 'prioritized' },
        issueKey: key,
        fromStatusId: ids.statusIds['Being Vetted / Groomed'],
        toStatusId: ids.statusIds.Prioritized,
        accountId: fst.kind === 'user' ? fst.accountId : '',
      },
    ]);
    const issue = await h.ok<{ changelog: { histories: unknown[] } }>(h.app, 'GET', `/rest/api/3/issue/${key}?expand=changelog`);
    expect(issue.changelog.histories).toHaveLength(1); // only the first, successful transition
  });

  it('moves the issue when the validator passes, records the changelog and emits jira:issue_updated', async () => {
    const key = await newItem();
    await h.ok(h.app, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: ids.transitionIds.vet } }, 204);
    await h.ok(h.app, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: ids.transitionIds.prioritize } }, 204);
    expect(await statusOf(key)).toBe('Prioritized');
    expect(calls).toHaveLength(1);
    expect(calls[0]).not.toHaveProperty('accountId'); // asApp: no user
    const last = events[events.length - 1];
    expect(last?.webhookEvent).toBe('jira:issue_updated');
    expect(last?.changelog).toMatchObject({ items: [{ field: 'status', fromString: 'Being Vetted / Groomed', toString: 'Prioritized' }] });
  });

  it('treats a validator that throws, or a missing host hook, as a failed gate', async () => {
    const key = await newItem();
    await h.ok(h.app, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: ids.transitionIds.vet } }, 204);
    h.em.setHooks({
      runForgeValidator: async () => {
        throw new Error('function timed out');
      },
    });
    const thrown = await h.call(h.app, 'POST', `/rest/api/3/issue/${key}/transitions`, {
      transition: { id: ids.transitionIds.prioritize },
    });
    expect(thrown.status).toBe(400);
    expect(JSON.stringify(thrown.body)).toContain('function timed out');
    h.em.setHooks({});
    const missing = await h.call(h.app, 'POST', `/rest/api/3/issue/${key}/transitions`, {
      transition: { id: ids.transitionIds.prioritize },
    });
    expect(missing.status).toBe(400);
    expect(await statusOf(key)).toBe('Being Vetted / Groomed');
  });

  it('keeps issues of other types on the default workflow with global transitions', async () => {
    const task = await h.ok<{ key: string }>(
      h.app,
      'POST',
      '/rest/api/3/issue',
      { fields: { project: { key: 'LCOO' }, issuetype: { name: 'Task' }, summary: 'Housekeeping' } },
      201,
    );
    const t = await h.ok<{ transitions: { name: string }[] }>(h.app, 'GET', `/rest/api/3/issue/${task.key}/transitions`);
    expect(t.transitions.map((x) => x.name)).toEqual(['In Progress', 'Done']);
  });
});
