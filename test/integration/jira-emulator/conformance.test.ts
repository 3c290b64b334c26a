// Every route, called the way the app calls it, checked against Atlassian's OpenAPI
// document: requests and responses must be valid, deprecated operations are flagged.
import { describeWithSpec, formatViolations, loadOpenApiContract, type OpenApiContract } from '../../support/openapi-contract';
import { createIssue, makeHarness, provisionRoadmapWorkflow, q, type Harness } from './harness';

const EVERY_OPERATION = [
  'createIssue',
  'getIssue',
  'editIssue',
  'deleteIssue',
  'getIssuePropertyKeys',
  'getIssueProperty',
  'setIssueProperty',
  'deleteIssueProperty',
  'searchAndReconsileIssuesUsingJql',
  'searchAndReconsileIssuesUsingJqlPost',
  'parseJqlQueries',
  'getTransitions',
  'doTransition',
  'getIssueAllTypes',
  'createIssueType',
  'getIssueTypesForProject',
  'getIssueTypeSchemeForProjects',
  'addIssueTypesToIssueTypeScheme',
  'createStatuses',
  'getStatusesById',
  'search',
  'getStatuses',
  'createWorkflows',
  'validateCreateWorkflows',
  'readWorkflows',
  'searchWorkflows',
  'updateWorkflows',
  'validateUpdateWorkflows',
  'workflowCapabilities',
  'createWorkflowScheme',
  'getAllWorkflowSchemes',
  'getWorkflowScheme',
  'updateWorkflowScheme',
  'getWorkflowSchemeProjectAssociations',
  'assignSchemeToProject',
  'getProject',
  'searchProjects',
  'getCurrentUser',
  'getUser',
  'findUsers',
  'getUserGroups',
  'getUsersFromGroup',
  'findGroups',
  'getMyPermissions',
  'getServerInfo',
  'getBulkPermissions',
  'switchWorkflowSchemeForProject',
  'getTask',
  'publishDraftWorkflowScheme',
];

describeWithSpec('Jira emulator conformance with the Jira Cloud OpenAPI document', () => {
  let contract: OpenApiContract;
  let h: Harness;

  beforeAll(async () => {
    const loaded = await loadOpenApiContract();
    if (!loaded) throw new Error('spec disappeared between discovery and load');
    contract = loaded;
    h = makeHarness({ contract, hooks: { runForgeValidator: async () => ({ result: true }) } });
  });
  afterAll(() => h.em.close());

  it('answers every route with requests and responses valid per spec, for the app and for users', async () => {
    const admin = h.as('admin@lcoo.example');
    const viewer = h.as('viewer@lcoo.example');
    const fst = h.as('fst-lead@lcoo.example');
    const ids = await provisionRoadmapWorkflow(h);

    // provisioning reads
    await h.ok(h.app, 'GET', '/rest/api/3/issuetype');
    await h.ok(h.app, 'GET', '/rest/api/3/issuetype/project?projectId=10000');
    await h.ok(h.app, 'GET', `/rest/api/3/statuses?id=${ids.statusIds.Prioritized ?? ''}&id=3`);
    await h.ok(h.app, 'GET', '/rest/api/3/statuses/search?projectId=10000&maxResults=2');
    await h.ok(h.app, 'GET', '/rest/api/3/statuses/search?searchString=vet&statusCategory=TODO');
    await h.ok(h.app, 'GET', '/rest/api/3/status');
    await h.ok(h.app, 'POST', '/rest/api/3/workflows/create/validation', {
      payload: {
        scope: { type: 'GLOBAL' },
        statuses: [{ statusReference: 'a', name: 'Brand New', statusCategory: 'TODO' }],
        workflows: [{ name: 'Bad', statuses: [{ statusReference: 'a', properties: {} }], transitions: [] }],
      },
      validationOptions: { levels: ['ERROR', 'WARNING'] },
    });
    await h.ok(h.app, 'POST', '/rest/api/3/workflows', {
      workflowNames: ['LCOO Roadmap Item Lifecycle'],
      projectAndIssueTypes: [{ projectId: '10000', issueTypeId: '10001' }],
    });
    await h.ok(h.app, 'GET', '/rest/api/3/workflows/search?queryString=LCOO&expand=values.transitions');
    // update, sent the way the sandbox's rule screen sends it: the read statuses and workflow, one rule changed
    const read = await h.ok<{
      statuses: unknown[];
      workflows: { transitions: { validators: { parameters?: Record<string, string> }[] }[] }[];
    }>(admin, 'POST', '/rest/api/3/workflows', { workflowNames: ['LCOO Roadmap Item Lifecycle'] });
    const [wf] = read.workflows;
    if (!wf) throw new Error('workflow not read');
    const edited = {
      statuses: read.statuses,
      workflows: [
        {
          ...wf,
          transitions: wf.transitions.map((t) => ({
            ...t,
            validators: t.validators.map((v) => ({ ...v, parameters: { ...v.parameters, config: '{"coreApprovalsRequired":1}' } })),
          })),
        },
      ],
    };
    await h.ok(h.app, 'POST', '/rest/api/3/workflows/update/validation', {
      payload: edited,
      validationOptions: { levels: ['ERROR', 'WARNING'] },
    });
    const saved = await h.ok<{ workflows: { version: unknown }[] }>(admin, 'POST', '/rest/api/3/workflows/update', edited);
    expect((await h.call(admin, 'POST', '/rest/api/3/workflows/update', edited)).status).toBe(409); // the version it carries is now stale
    const broken = { ...edited, workflows: [{ ...edited.workflows[0], version: saved.workflows[0]?.version, transitions: [] }] }; // no INITIAL transition
    expect((await h.call(h.app, 'POST', '/rest/api/3/workflows/update/validation', { payload: broken })).status).toBe(200);
    expect((await h.call(h.app, 'POST', '/rest/api/3/workflows/update', broken)).status).toBe(400);
    await h.ok(h.app, 'GET', '/rest/api/3/workflows/search?maxResults=1&isActive=true');
    await h.ok(h.app, 'GET', '/rest/api/3/workflows/capabilities?projectId=10000&issueTypeId=10001');
    await h.ok(admin, 'GET', '/rest/api/3/workflowscheme');
    await h.ok(h.app, 'GET', `/rest/api/3/workflowscheme/${ids.schemeId}`);
    // The scheme is in use: Jira changes its draft, which is published as an async task.
    await h.ok(h.app, 'PUT', `/rest/api/3/workflowscheme/${ids.schemeId}`, {
      name: 'LCOO Roadmap Workflow Scheme',
      description: 'LCOO lifecycles',
      defaultWorkflow: 'jira',
      updateDraftIfNeeded: true,
    });
    await h.ok(h.app, 'GET', `/rest/api/3/workflowscheme/${ids.schemeId}?returnDraftIfExists=true`);
    await h.ok(h.app, 'POST', `/rest/api/3/workflowscheme/${ids.schemeId}/draft/publish?validateOnly=true`, { statusMappings: [] }, 204);
    const published = await h.call(h.app, 'POST', `/rest/api/3/workflowscheme/${ids.schemeId}/draft/publish`, { statusMappings: [] });
    expect(published.status).toBe(303);
    await h.ok(h.app, 'GET', new URL(published.headers.location ?? '').pathname);
    await h.ok(h.app, 'GET', new URL(published.headers.location ?? '').pathname);
    await h.ok(h.app, 'GET', '/rest/api/3/workflowscheme/project?projectId=10000');

    // issues and properties
    const issue = await createIssue(
      h,
      'Edge cloud reference architecture',
      { labels: ['edge', 'nfv'], assignee: { accountId: fst.kind === 'user' ? fst.accountId : '' } },
      fst,
    );
    await h.ok(h.app, 'GET', `/rest/api/3/issue/${issue.key}?fields=summary,status,labels,assignee&properties=*all&expand=names,changelog`);
    await h.ok(h.app, 'GET', `/rest/api/3/issue/${issue.id}`);
    await h.ok(
      fst,
      'PUT',
      `/rest/api/3/issue/${issue.key}`,
      { fields: { summary: 'Edge cloud reference architecture v2' }, update: { labels: [{ add: 'ra' }, { remove: 'nfv' }] } },
      204,
    );
    await h.ok(
      fst,
      'PUT',
      `/rest/api/3/issue/${issue.key}?returnIssue=true`,
      { fields: { description: { type: 'doc', version: 1, content: [] } } },
      200,
    );
    await h.ok(
      h.app,
      'PUT',
      `/rest/api/3/issue/${issue.key}/properties/lcoo-vetting`,
      { index: { stage: 'vetting-backlog', size: 3 } },
      201,
    );
    await h.ok(h.app, 'PUT', `/rest/api/3/issue/${issue.key}/properties/lcoo-vetting`, { index: { stage: 'being-vetted', size: 5 } }, 200);
    await h.ok(h.app, 'GET', `/rest/api/3/issue/${issue.key}/properties`);
    await h.ok(h.app, 'GET', `/rest/api/3/issue/${issue.key}/properties/lcoo-vetting`);
    await h.ok(h.app, 'PUT', `/rest/api/3/issue/${issue.key}/properties/scratch`, 'just a string', 201);
    await h.ok(h.app, 'DELETE', `/rest/api/3/issue/${issue.key}/properties/scratch`, undefined, 204);

    // search
    await h.ok(
      h.app,
      'GET',
      `/rest/api/3/search/jql?jql=${q('project = LCOO ORDER BY key')}&fields=summary,status&properties=lcoo-vetting&maxResults=1`,
    );
    await h.ok(h.app, 'GET', `/rest/api/3/search/jql?jql=${q('lcooStage = being-vetted')}`);
    await h.ok(h.app, 'POST', '/rest/api/3/search/jql', {
      jql: 'project = LCOO AND labels = edge',
      fields: ['summary', 'labels'],
      properties: ['lcoo-vetting'],
      maxResults: 10,
    });
    await h.ok(h.app, 'POST', '/rest/api/3/jql/parse?validation=strict', { queries: ['project = LCOO', 'project = = '] });

    // transitions
    await h.ok(h.app, 'GET', `/rest/api/3/issue/${issue.key}/transitions`);
    await h.ok(fst, 'POST', `/rest/api/3/issue/${issue.key}/transitions`, { transition: { id: '21' } }, 204);

    // people, projects, permissions
    await h.ok(fst, 'GET', '/rest/api/3/myself?expand=groups,applicationRoles');
    await h.ok(h.app, 'GET', '/rest/api/3/myself');
    await h.ok(h.app, 'GET', `/rest/api/3/user?accountId=${encodeURIComponent(fst.kind === 'user' ? fst.accountId : '')}&expand=groups`);
    await h.ok(h.app, 'GET', '/rest/api/3/user/search?query=orange');
    await h.ok(h.app, 'GET', `/rest/api/3/user/groups?accountId=${encodeURIComponent(fst.kind === 'user' ? fst.accountId : '')}`);
    await h.ok(h.app, 'GET', '/rest/api/3/group/member?groupname=lcoo-cores&maxResults=2');
    await h.ok(h.app, 'GET', '/rest/api/3/groups/picker?query=lcoo');
    await h.ok(viewer, 'GET', `/rest/api/3/mypermissions?issueKey=${issue.key}&permissions=BROWSE_PROJECTS,EDIT_ISSUES,TRANSITION_ISSUES`);
    await h.ok(admin, 'GET', '/rest/api/3/mypermissions?projectKey=LCOO&permissions=ADMINISTER_PROJECTS,ADMINISTER');
    await h.ok(viewer, 'GET', '/rest/api/3/project/LCOO');
    await h.ok(h.app, 'GET', '/rest/api/3/project/search?keys=LCOO&expand=issueTypes');
    await h.ok(h.app, 'GET', '/rest/api/3/serverInfo');
    await h.ok(h.app, 'POST', '/rest/api/3/permissions/check', {
      accountId: fst.kind === 'user' ? fst.accountId : '',
      globalPermissions: ['ADMINISTER'],
      projectPermissions: [{ permissions: ['EDIT_ISSUES'], projects: [10000], issues: [Number(issue.id)] }],
    });
    const switched = await h.call(h.app, 'POST', '/rest/api/3/workflowscheme/project/switch', {
      projectId: '10000',
      targetSchemeId: String(ids.schemeId),
    });
    expect(switched.status).toBe(303);
    await h.ok(h.app, 'GET', `/rest/api/3/task/${String((switched.body as { id: string }).id)}`);

    // error answers are part of the contract too
    expect((await h.call(viewer, 'PUT', `/rest/api/3/issue/${issue.key}`, { fields: { summary: 'x' } })).status).toBe(403);
    expect((await h.call({ kind: 'anonymous' }, 'GET', '/rest/api/3/myself')).status).toBe(401);
    expect((await h.call(h.app, 'GET', '/rest/api/3/issue/LCOO-999')).status).toBe(404);
    expect((await h.call(h.app, 'POST', '/rest/api/3/issuetype', { name: 'roadmap item' })).status).toBe(409);
    expect((await h.call(h.app, 'GET', `/rest/api/3/search/jql?jql=${q('project = = ')}`)).status).toBe(400);
    await h.ok(h.app, 'DELETE', `/rest/api/3/issue/${issue.key}`, undefined, 204);

    expect(formatViolations(contract)).toEqual([]);
    const missing = EVERY_OPERATION.filter((op) => !contract.coveredOperations().has(op));
    expect(missing).toEqual([]);
  });

  it('flags deprecated and unknown operations as violations and refuses them', async () => {
    contract.clear();
    const old = await h.call(h.app, 'GET', `/rest/api/3/search?jql=${q('project = LCOO')}`);
    expect(old.status).toBe(410);
    expect(JSON.stringify(old.body)).toContain('/rest/api/3/search/jql');
    expect((await h.call(h.app, 'POST', '/rest/api/3/workflow', { name: 'x', statuses: [], transitions: [] })).status).toBe(410);
    expect((await h.call(h.app, 'POST', '/rest/api/3/expression/eval', { expression: 'issue.key' })).status).toBe(410);
    const unknown = await h.call(h.app, 'GET', '/rest/api/3/nothing/here');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ errorMessages: [expect.stringContaining('GET /rest/api/3/nothing/here')], errors: {} });
    const kinds = contract.violations().map((v) => v.kind);
    expect(kinds.filter((k) => k === 'deprecated-operation')).toHaveLength(3);
    expect(kinds).toContain('unknown-operation');
  });

  it('reports a request the spec refuses (an unknown property in a strict body)', async () => {
    contract.clear();
    await h.call(h.app, 'POST', '/rest/api/3/statuses', {
      scope: { type: 'GLOBAL' },
      statuses: [{ name: 'Odd', statusCategory: 'TODO', colour: 'red' }],
    });
    expect(contract.violations().some((v) => v.kind === 'request' && v.operationId === 'createStatuses')).toBe(true);
  });

  it('reports a response that does not match the documented schema (the checker itself is not vacuous)', () => {
    contract.clear();
    contract.check(
      {
        method: 'POST',
        path: '/rest/api/3/statuses',
        headers: {},
        body: { scope: { type: 'GLOBAL' }, statuses: [{ name: 'X', statusCategory: 'TODO' }] },
      },
      { status: 200, headers: {}, body: [{ id: '1', name: 'X', statusCategory: 'SOMETIMES', colour: 'red' }] },
    );
    contract.check({ method: 'GET', path: '/rest/api/3/myself', headers: {}, body: undefined }, { status: 202, headers: {}, body: {} });
    const messages = formatViolations(contract);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('colour');
    expect(messages[1]).toContain('not documented');
  });
});
