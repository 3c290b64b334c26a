// Shared set-up of the emulator tests: a fresh in-memory site, principals by email and a
// provisioning helper that builds an LCOO-like workflow through REST, as the app does.
import {
  createJiraEmulator,
  type EmulatorHooks,
  type EmulatorResponse,
  type EntityPropertyIndexDef,
  type JiraEmulator,
  type OpenApiContract,
  type Principal,
} from '../../../sandbox/jira';

export const INDEX_DEFS: EntityPropertyIndexDef[] = [
  { propertyKey: 'lcoo-vetting', path: 'index.stage', type: 'string', searchAlias: 'lcooStage' },
  { propertyKey: 'lcoo-vetting', path: 'index.size', type: 'number', searchAlias: 'lcooSize' },
  { propertyKey: 'lcoo-vetting', path: 'index.fst', type: 'string', searchAlias: 'lcooFst' },
  { propertyKey: 'lcoo-vetting', path: 'index.companies', type: 'string', searchAlias: 'lcooCompany' },
  { propertyKey: 'lcoo-vetting', path: 'index.summaryText', type: 'text' },
  { propertyKey: 'lcoo-vetting', path: 'index.owner', type: 'user' },
  { propertyKey: 'lcoo-vetting', path: 'index.due', type: 'date', searchAlias: 'lcooDue' },
];

export const VALIDATOR_ARI = 'ari:cloud:ecosystem::extension/0b1c2d3e-0000-4000-8000-000000000001/env-1/static/lcoo-stage-gate';

export interface Harness {
  em: JiraEmulator;
  app: Principal;
  as(email: string): Principal;
  call(principal: Principal, method: string, path: string, body?: unknown): Promise<EmulatorResponse>;
  /** Calls and fails the test with the Jira error body when the status is not the expected one. */
  ok<T = Record<string, unknown>>(principal: Principal, method: string, path: string, body?: unknown, expected?: number): Promise<T>;
}

export function makeHarness(opts: { dbPath?: string; hooks?: EmulatorHooks; contract?: OpenApiContract | null } = {}): Harness {
  const em = createJiraEmulator({
    dbPath: opts.dbPath ?? ':memory:',
    entityProperties: INDEX_DEFS,
    ...(opts.hooks ? { hooks: opts.hooks } : {}),
    contract: opts.contract ?? null,
    forgeRules: [{ extensionAri: VALIDATOR_ARI, name: 'LCOO stage gate', description: 'Checks the LCOO gate of the target stage.' }],
  });
  const h: Harness = {
    em,
    app: { kind: 'app' },
    as(email) {
      const u = em.userByEmail(email);
      if (!u) throw new Error(`no seeded user ${email}`);
      return { kind: 'user', accountId: u.accountId };
    },
    call: (principal, method, path, body) => em.handle({ method, path, principal, ...(body !== undefined ? { body } : {}) }),
    async ok<T>(principal: Principal, method: string, path: string, body?: unknown, expected?: number): Promise<T> {
      const res = await h.call(principal, method, path, body);
      const want = expected ?? (method === 'POST' && path.endsWith('/issue') ? 201 : res.body === undefined ? 204 : 200);
      if (res.status !== want) throw new Error(`${method} ${path} -> ${res.status} (wanted ${want}): ${JSON.stringify(res.body)}`);
      return res.body as T;
    },
  };
  return h;
}

export const q = (jql: string): string => encodeURIComponent(jql);

export async function createIssue(
  h: Harness,
  summary: string,
  extra: Record<string, unknown> = {},
  principal?: Principal,
): Promise<{ id: string; key: string }> {
  return h.ok<{ id: string; key: string }>(
    principal ?? h.app,
    'POST',
    '/rest/api/3/issue',
    {
      fields: { project: { key: 'LCOO' }, issuetype: { name: 'Task' }, summary, ...extra },
    },
    201,
  );
}

/**
 * Provisions, through REST as the app does: issue type "Roadmap Item", three statuses, a
 * workflow whose Vetting Backlog -> Prioritized transition carries the Forge validator,
 * a workflow scheme mapping the type to it, and assigns the scheme to LCOO.
 */
export async function provisionRoadmapWorkflow(h: Harness): Promise<{
  issueTypeId: string;
  statusIds: Record<string, string>;
  transitionIds: { vet: string; prioritize: string };
  schemeId: number;
}> {
  const type = await h.ok<{ id: string }>(
    h.app,
    'POST',
    '/rest/api/3/issuetype',
    { name: 'Roadmap Item', description: 'An LCOO roadmap item', hierarchyLevel: 0 },
    201,
  );
  const scheme = await h.ok<{ values: { issueTypeScheme: { id: string } }[] }>(
    h.app,
    'GET',
    '/rest/api/3/issuetypescheme/project?projectId=10000',
  );
  const schemeId = scheme.values[0]?.issueTypeScheme.id ?? '';
  await h.ok(h.app, 'PUT', `/rest/api/3/issuetypescheme/${schemeId}/issuetype`, { issueTypeIds: [type.id] }, 204);
  const created = await h.ok<{ id: string; name: string }[]>(h.app, 'POST', '/rest/api/3/statuses', {
    scope: { type: 'GLOBAL' },
    statuses: [
      { name: 'Vetting Backlog', statusCategory: 'TODO', description: 'Waiting to be vetted' },
      { name: 'Being Vetted / Groomed', statusCategory: 'IN_PROGRESS' },
      { name: 'Prioritized', statusCategory: 'IN_PROGRESS' },
    ],
  });
  const statusIds = Object.fromEntries(created.map((s) => [s.name, s.id]));
  const wf = await h.ok<{ workflows: { transitions: { id: string; name: string }[] }[] }>(h.app, 'POST', '/rest/api/3/workflows/create', {
    scope: { type: 'GLOBAL' },
    statuses: created.map((s, i) => ({
      statusReference: `s${i}`,
      id: s.id,
      name: s.name,
      statusCategory: i === 0 ? 'TODO' : 'IN_PROGRESS',
    })),
    workflows: [
      {
        name: 'LCOO Roadmap Item Lifecycle',
        description: 'Portfolio lifecycle',
        startPointLayout: { x: 0, y: 0 },
        statuses: [
          { statusReference: 's0', properties: {} },
          { statusReference: 's1', properties: {} },
          { statusReference: 's2', properties: {} },
        ],
        transitions: [
          { id: '1', name: 'Create', type: 'INITIAL', toStatusReference: 's0', links: [] },
          {
            id: '11',
            name: 'Start vetting',
            type: 'DIRECTED',
            toStatusReference: 's1',
            links: [{ fromStatusReference: 's0', fromPort: 0, toPort: 1 }],
          },
          {
            id: '21',
            name: 'Prioritize',
            type: 'DIRECTED',
            toStatusReference: 's2',
            links: [{ fromStatusReference: 's1' }],
            validators: [
              {
                ruleKey: 'forge:expression-validator',
                parameters: {
                  key: VALIDATOR_ARI,
                  config: JSON.stringify({ target: 'prioritized' }),
                  id: 'rule-prioritize',
                  disabled: 'false',
                },
              },
            ],
          },
        ],
      },
    ],
  });
  const transitions = wf.workflows[0]?.transitions ?? [];
  const ws = await h.ok<{ id: number }>(
    h.app,
    'POST',
    '/rest/api/3/workflowscheme',
    {
      name: 'LCOO Roadmap Workflow Scheme',
      defaultWorkflow: 'jira',
      issueTypeMappings: { [type.id]: 'LCOO Roadmap Item Lifecycle' },
    },
    201,
  );
  await h.ok(h.app, 'PUT', '/rest/api/3/workflowscheme/project', { projectId: '10000', workflowSchemeId: String(ws.id) }, 204);
  return {
    issueTypeId: type.id,
    statusIds,
    schemeId: ws.id,
    transitionIds: {
      vet: transitions.find((t) => t.name === 'Start vetting')?.id ?? '',
      prioritize: transitions.find((t) => t.name === 'Prioritize')?.id ?? '',
    },
  };
}
