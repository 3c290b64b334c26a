// Issue writes and provisioning answers the app has to handle: field errors, duplicates,
// invalid workflows and scheme switches that would strand issues.
import { createIssue, makeHarness, provisionRoadmapWorkflow, VALIDATOR_ARI, type Harness } from './harness';

/** A Forge rule's parameters as Atlassian documents them: key, config, id, disabled. */
const RULE_PARAMETERS = { key: VALIDATOR_ARI, config: '{}', id: 'rule-deliver', disabled: 'false' };

type Err = { errorMessages: string[]; errors: Record<string, string> };

describe('issues', () => {
  let h: Harness;
  beforeEach(() => {
    h = makeHarness();
  });
  afterEach(() => h.em.close());

  it('refuses bad create requests with field errors a person can act on', async () => {
    const create = (fields: Record<string, unknown>) =>
      h.call(h.app, 'POST', '/rest/api/3/issue', {
        fields: { project: { key: 'LCOO' }, issuetype: { name: 'Task' }, summary: 'ok', ...fields },
      });
    expect(await create({ summary: '' })).toMatchObject({
      status: 400,
      body: { errors: { summary: 'You must specify a summary of the issue.' } },
    });
    expect(await create({ project: { key: 'NOPE' } })).toMatchObject({
      status: 400,
      body: { errors: { project: 'Specify a valid project ID or key' } },
    });
    expect(await create({ issuetype: { name: 'Roadmap Item' } })).toMatchObject({
      status: 400,
      body: { errors: { issuetype: 'The issue type selected is invalid.' } },
    });
    expect(await create({ labels: ['two words'] })).toMatchObject({
      status: 400,
      body: { errors: { labels: 'Labels cannot contain spaces.' } },
    });
    expect(await create({ flavour: 'vanilla' })).toMatchObject({
      status: 400,
      body: { errors: { flavour: expect.stringContaining('cannot be set') } },
    });
    expect(await create({ assignee: { accountId: 'ghost' } })).toMatchObject({
      status: 400,
      body: { errors: { assignee: "User 'ghost' does not exist." } },
    });
    expect((await h.call(h.app, 'POST', '/rest/api/3/issue', { fields: 'nope' })).status).toBe(400);
  });

  it('edits fields and labels with a changelog, sets parents and custom fields, and deletes', async () => {
    const events: string[] = [];
    h.em.setHooks({
      onIssueEvent: (e) => {
        events.push(e.webhookEvent);
      },
    });
    const epic = await h.ok<{ key: string }>(
      h.app,
      'POST',
      '/rest/api/3/issue',
      { fields: { project: { id: '10000' }, issuetype: { id: '10000' }, summary: 'Telco edge epic' } },
      201,
    );
    const { key } = await createIssue(h, 'Child', { labels: ['a'], parent: { key: epic.key }, customfield_10050: 3 });
    await h.ok(
      h.app,
      'PUT',
      `/rest/api/3/issue/${key}`,
      { fields: { summary: 'Child renamed' }, update: { labels: [{ add: 'b' }, { remove: 'a' }] } },
      204,
    );
    const issue = await h.ok<{ fields: Record<string, unknown>; changelog: { histories: { items: { field: string }[] }[] } }>(
      h.app,
      'GET',
      `/rest/api/3/issue/${key}?expand=changelog`,
    );
    expect(issue.fields).toMatchObject({ summary: 'Child renamed', labels: ['b'], parent: { key: epic.key }, customfield_10050: 3 });
    expect(issue.changelog.histories[0]?.items.map((i) => i.field)).toEqual(['summary', 'labels']);
    expect(events).toEqual(['jira:issue_created', 'jira:issue_created', 'jira:issue_updated']);
    // a no-op edit records nothing and emits nothing
    await h.ok(h.app, 'PUT', `/rest/api/3/issue/${key}`, { fields: { summary: 'Child renamed' } }, 204);
    expect(events).toHaveLength(3);
    expect((await h.call(h.app, 'PUT', `/rest/api/3/issue/${key}`, { fields: { issuetype: { id: '10000' } } })).status).toBe(400);
    expect((await h.call(h.app, 'DELETE', `/rest/api/3/issue/${epic.key}`)).status).toBe(400); // has a child
    await h.ok(h.app, 'DELETE', `/rest/api/3/issue/${epic.key}?deleteSubtasks=true`, undefined, 204);
    expect((await h.call(h.app, 'GET', `/rest/api/3/issue/${key}`)).status).toBe(404);
  });

  it('selects fields with *all, names and -exclusions, and returns requested properties', async () => {
    const { key } = await createIssue(h, 'Fields', { labels: ['x'] });
    await h.ok(h.app, 'PUT', `/rest/api/3/issue/${key}/properties/lcoo-vetting`, { a: 1 }, 201);
    const some = await h.ok<{ fields: Record<string, unknown>; properties: Record<string, unknown> }>(
      h.app,
      'GET',
      `/rest/api/3/issue/${key}?fields=summary,labels&properties=lcoo-vetting`,
    );
    expect(Object.keys(some.fields).sort()).toEqual(['labels', 'summary']);
    expect(some.properties).toEqual({ 'lcoo-vetting': { a: 1 } });
    const allBut = await h.ok<{ fields: Record<string, unknown> }>(h.app, 'GET', `/rest/api/3/issue/${key}?fields=*all,-description`);
    expect(allBut.fields).not.toHaveProperty('description');
    expect(allBut.fields).toHaveProperty('status');
  });
});

describe('provisioning', () => {
  let h: Harness;
  beforeEach(() => {
    h = makeHarness();
  });
  afterEach(() => h.em.close());

  it('refuses duplicate issue types (409) and hierarchy levels other than 0 and -1 (400)', async () => {
    await h.ok(h.app, 'POST', '/rest/api/3/issuetype', { name: 'Upstream Deliverable', hierarchyLevel: 0 }, 201);
    const sub = await h.ok<{ subtask: boolean; hierarchyLevel: number }>(
      h.app,
      'POST',
      '/rest/api/3/issuetype',
      { name: 'Evidence', hierarchyLevel: -1 },
      201,
    );
    expect(sub).toMatchObject({ subtask: true, hierarchyLevel: -1 });
    expect((await h.call(h.app, 'POST', '/rest/api/3/issuetype', { name: 'upstream deliverable' })).status).toBe(409);
    expect((await h.call(h.app, 'POST', '/rest/api/3/issuetype', { name: 'Initiative', hierarchyLevel: 2 })).status).toBe(400);
    expect((await h.call(h.app, 'POST', '/rest/api/3/issuetype', { name: '' })).status).toBe(400);
    // new types join the default scheme, not LCOO's own scheme
    const lcoo = await h.ok<{ name: string }[]>(h.app, 'GET', '/rest/api/3/issuetype/project?projectId=10000');
    expect(lcoo.map((t) => t.name)).toEqual(['Epic', 'Task']);
    expect((await h.call(h.app, 'PUT', '/rest/api/3/issuetypescheme/10001/issuetype', { issueTypeIds: ['10001'] })).status).toBe(400);
  });

  it('creates project-scoped statuses and refuses duplicates in a scope with 409', async () => {
    const s = await h.ok<{ id: string; scope: unknown }[]>(h.app, 'POST', '/rest/api/3/statuses', {
      scope: { type: 'PROJECT', project: { id: '10000' } },
      statuses: [{ name: 'Blueprint Accepted', statusCategory: 'IN_PROGRESS' }],
    });
    expect(s[0]?.scope).toEqual({ type: 'PROJECT', project: { id: '10000' } });
    expect(
      (
        await h.call(h.app, 'POST', '/rest/api/3/statuses', {
          scope: { type: 'GLOBAL' },
          statuses: [{ name: 'blueprint accepted', statusCategory: 'DONE' }],
        })
      ).status,
    ).toBe(200); // a global status of the same name is another scope;
    expect(
      (
        await h.call(h.app, 'POST', '/rest/api/3/statuses', {
          scope: { type: 'PROJECT', project: { id: '10000' } },
          statuses: [{ name: 'Blueprint Accepted', statusCategory: 'DONE' }],
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await h.call(h.app, 'POST', '/rest/api/3/statuses', {
          scope: { type: 'PROJECT' },
          statuses: [{ name: 'X', statusCategory: 'DONE' }],
        })
      ).status,
    ).toBe(400);
  });

  it('validates workflows: one INITIAL transition, known statuses, Forge validator ARI, unique names', async () => {
    const payload = (over: Record<string, unknown>) => ({
      scope: { type: 'GLOBAL' },
      statuses: [
        { statusReference: 'a', name: 'Backlog', statusCategory: 'TODO' },
        { statusReference: 'b', name: 'Delivered', statusCategory: 'DONE' },
      ],
      workflows: [
        {
          name: 'LCOO Upstream Delivery Lifecycle',
          statuses: [
            { statusReference: 'a', properties: {} },
            { statusReference: 'b', properties: {} },
          ],
          transitions: [
            { id: '1', name: 'Create', type: 'INITIAL', toStatusReference: 'a', links: [] },
            {
              id: '11',
              name: 'Deliver',
              type: 'DIRECTED',
              toStatusReference: 'b',
              links: [{ fromStatusReference: 'a' }],
              validators: [{ ruleKey: 'forge:expression-validator', parameters: RULE_PARAMETERS }],
            },
          ],
          ...over,
        },
      ],
    });
    const check = async (body: unknown) =>
      (
        await h.ok<{ errors: { code: string; message: string }[] }>(h.app, 'POST', '/rest/api/3/workflows/create/validation', {
          payload: body,
        })
      ).errors.map((e) => e.code);
    expect(await check(payload({}))).toEqual([]);
    expect(await check(payload({ transitions: [] }))).toEqual(['INVALID_INITIAL_TRANSITION_COUNT']);
    expect(await check(payload({ statuses: [{ statusReference: 'zzz', properties: {} }] }))).toEqual(
      expect.arrayContaining(['STATUS_REFERENCE_NOT_FOUND', 'INVALID_TRANSITION_TARGET']),
    );
    expect(
      await check(
        payload({
          transitions: [
            { id: '1', name: 'Create', type: 'INITIAL', toStatusReference: 'a' },
            {
              id: '11',
              name: 'Deliver',
              type: 'DIRECTED',
              toStatusReference: 'b',
              links: [{ fromStatusReference: 'a' }],
              validators: [{ ruleKey: 'forge:expression-validator', parameters: { key: 'lcoo-stage-gate' } }],
            },
          ],
        }),
      ),
    ).toEqual(['INVALID_RULE_CONFIGURATION']);
    const bad = await h.call(h.app, 'POST', '/rest/api/3/workflows/create', payload({ transitions: [] }));
    expect(bad.status).toBe(400);
    expect((bad.body as Err).errorMessages[0]).toContain('exactly one INITIAL transition');

    const made = await h.ok<{
      workflows: { id: string; transitions: { validators: unknown[] }[] }[];
      statuses: { id: string; name: string }[];
    }>(h.app, 'POST', '/rest/api/3/workflows/create', payload({}));
    expect(made.statuses.map((s) => s.name).sort()).toEqual(['Backlog', 'Delivered']);
    expect(made.workflows[0]?.transitions[1]?.validators).toEqual([{ ruleKey: 'forge:expression-validator', parameters: RULE_PARAMETERS }]);
    expect(
      (
        await h.call(h.app, 'POST', '/rest/api/3/workflows/create', {
          ...payload({}),
          statuses: made.statuses.map((s, i) => ({ statusReference: i === 0 ? 'a' : 'b', id: s.id, name: s.name, statusCategory: 'TODO' })),
        })
      ).status,
    ).toBe(409);
    // statuses that exist are referenced by id, never created twice
    expect(await check({ ...payload({ name: 'Another' }) })).toEqual(['NON_UNIQUE_STATUS_NAME', 'NON_UNIQUE_STATUS_NAME']);
    const read = await h.ok<{ workflows: { id: string }[] }>(h.app, 'POST', '/rest/api/3/workflows', {
      workflowIds: [made.workflows[0]?.id ?? ''],
    });
    expect(read.workflows).toHaveLength(1);
  });

  it('accepts the earlier to/from transition shape and stores it as links', async () => {
    const made = await h.ok<{
      workflows: { transitions: { toStatusReference: string; links: { fromStatusReference: string }[] }[] }[];
      statuses: { id: string; statusReference: string }[];
    }>(h.app, 'POST', '/rest/api/3/workflows/create', {
      scope: { type: 'GLOBAL' },
      statuses: [
        { statusReference: 'x', id: '10000', name: 'To Do', statusCategory: 'TODO' },
        { statusReference: 'y', id: '10001', name: 'Done', statusCategory: 'DONE' },
      ],
      workflows: [
        {
          name: 'Old shape',
          statuses: [
            { statusReference: 'x', properties: {} },
            { statusReference: 'y', properties: {} },
          ],
          transitions: [
            { id: '1', name: 'Create', type: 'INITIAL', to: { statusReference: 'x' } },
            { id: '11', name: 'Finish', type: 'DIRECTED', to: { statusReference: 'y' }, from: [{ statusReference: 'x' }] },
          ],
        },
      ],
    });
    expect(made.workflows[0]?.transitions[1]).toMatchObject({ toStatusReference: '10001', links: [{ fromStatusReference: '10000' }] });
  });

  it('assigns schemes only to projects without issues, and switches others with status mappings', async () => {
    const ids = await provisionRoadmapWorkflow(h);
    const item = await h.ok<{ key: string }>(
      h.app,
      'POST',
      '/rest/api/3/issue',
      { fields: { project: { key: 'LCOO' }, issuetype: { id: ids.issueTypeId }, summary: 'Item' } },
      201,
    );
    const { key } = await createIssue(h, 'A task in To Do');
    const strict = await h.ok<{ id: number }>(
      h.app,
      'POST',
      '/rest/api/3/workflowscheme',
      { name: 'Only roadmap', defaultWorkflow: 'LCOO Roadmap Item Lifecycle' },
      201,
    );
    const assign = await h.call(h.app, 'PUT', '/rest/api/3/workflowscheme/project', {
      projectId: '10000',
      workflowSchemeId: String(strict.id),
    });
    expect(assign.status).toBe(400);
    expect((assign.body as Err).errorMessages[0]).toContain('/rest/api/3/workflowscheme/project/switch');
    // the Task sits in "To Do", which the roadmap workflow lacks: a mapping is required
    const unmapped = await h.call(h.app, 'POST', '/rest/api/3/workflowscheme/project/switch', {
      projectId: '10000',
      targetSchemeId: String(strict.id),
    });
    expect(unmapped.status).toBe(400);
    expect((unmapped.body as Err).errorMessages[0]).toContain('issue type 10001: status 10000');
    const backlog = ids.statusIds['Vetting Backlog'] ?? '';
    const switched = await h.call(h.app, 'POST', '/rest/api/3/workflowscheme/project/switch', {
      projectId: '10000',
      targetSchemeId: String(strict.id),
      mappingsByIssueTypeOverride: [{ issueTypeId: '10001', statusMappings: [{ oldStatusId: '10000', newStatusId: backlog }] }],
    });
    expect(switched.status).toBe(303);
    // An asynchronous task: reported as not finished at first (asyncTaskPolls: 1), then COMPLETE.
    expect(switched.body).toMatchObject({ status: 'ENQUEUED' });
    const taskPath = (switched.headers.location ?? '').replace('http://localhost:8080', '');
    expect(await h.ok(h.app, 'GET', taskPath)).toMatchObject({ status: 'RUNNING' });
    expect(await h.ok(h.app, 'GET', taskPath)).toMatchObject({ status: 'COMPLETE', progress: 100 });
    expect(
      (await h.ok<{ fields: { status: { id: string } } }>(h.app, 'GET', `/rest/api/3/issue/${key}?fields=status`)).fields.status.id,
    ).toBe(backlog);
    expect(
      (await h.ok<{ fields: { status: { name: string } } }>(h.app, 'GET', `/rest/api/3/issue/${item.key}?fields=status`)).fields.status
        .name,
    ).toBe('Vetting Backlog');
    const assoc = await h.ok<{ values: { workflowScheme: { id: number } }[] }>(
      h.app,
      'GET',
      '/rest/api/3/workflowscheme/project?projectId=10000',
    );
    expect(assoc.values[0]?.workflowScheme.id).toBe(strict.id);
    expect((await h.call(h.app, 'POST', '/rest/api/3/workflowscheme', { name: 'Broken', defaultWorkflow: 'Nope' })).status).toBe(400);
  });

  it('answers the bulk permission check for the caller and, for admins and the app, for others', async () => {
    const viewer = h.em.userByEmail('viewer@lcoo.example')?.accountId ?? '';
    const { id } = await createIssue(h, 'Checked');
    const body = {
      accountId: viewer,
      globalPermissions: ['ADMINISTER'],
      projectPermissions: [{ permissions: ['BROWSE_PROJECTS', 'EDIT_ISSUES'], projects: [10000], issues: [Number(id)] }],
    };
    expect(await h.ok(h.app, 'POST', '/rest/api/3/permissions/check', body)).toEqual({
      globalPermissions: [],
      projectPermissions: [
        { permission: 'BROWSE_PROJECTS', projects: [10000], issues: [Number(id)] },
        { permission: 'EDIT_ISSUES', projects: [], issues: [] },
      ],
    });
    expect(await h.ok(h.as('admin@lcoo.example'), 'POST', '/rest/api/3/permissions/check', { globalPermissions: ['ADMINISTER'] })).toEqual({
      globalPermissions: ['ADMINISTER'],
      projectPermissions: [],
    });
    expect((await h.call(h.as('coordinator@lcoo.example'), 'POST', '/rest/api/3/permissions/check', body)).status).toBe(403);
  });

  it('lists the Forge validator among the workflow capabilities', async () => {
    const caps = await h.ok<{ forgeRules: { id: string; ruleKey: string; ruleType: string }[] }>(
      h.app,
      'GET',
      '/rest/api/3/workflows/capabilities',
    );
    expect(caps.forgeRules).toEqual([
      expect.objectContaining({ id: VALIDATOR_ARI, ruleKey: 'forge:expression-validator', ruleType: 'Validator' }),
    ]);
  });
});
