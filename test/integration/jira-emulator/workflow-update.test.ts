// POST /workflows/update: the save path of the workflow editor (and of the sandbox's validator
// rule screen). The rule configuration it stores is what the next transition's validator
// receives; a stale version is refused with 409 as Jira does; validation errors come back in
// Jira's shapes; a status may only leave a workflow when its issues have a mapping.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ForgeValidatorCall } from '../../../sandbox/jira';
import { makeHarness, provisionRoadmapWorkflow, VALIDATOR_ARI, type Harness } from './harness';

interface Rule {
  ruleKey: string;
  parameters?: Record<string, string>;
}
interface ReadTransition {
  id: string;
  name: string;
  type: string;
  toStatusReference: string;
  links: { fromStatusReference?: string }[];
  validators: Rule[];
}
interface ReadWorkflow {
  id: string;
  name: string;
  version: { id: string; versionNumber: number };
  statuses: { statusReference: string; properties: Record<string, string> }[];
  transitions: ReadTransition[];
}
interface ReadReply {
  statuses: { id: string; name: string; statusCategory: string; statusReference: string }[];
  workflows: ReadWorkflow[];
}

const WORKFLOW = 'LCOO Roadmap Item Lifecycle';

describe('POST /rest/api/3/workflows/update', () => {
  let dir: string;
  let h: Harness;
  let calls: ForgeValidatorCall[];
  let ids: Awaited<ReturnType<typeof provisionRoadmapWorkflow>>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jira-wf-update-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  let dbPath: string;
  let run = 0;
  beforeEach(async () => {
    calls = [];
    dbPath = join(dir, `site-${run++}.db`);
    h = makeHarness({
      dbPath,
      hooks: {
        runForgeValidator: async (call) => {
          calls.push(call);
          return { result: true };
        },
      },
    });
    ids = await provisionRoadmapWorkflow(h);
  });
  afterEach(() => h.em.close());

  const read = async (harness: Harness = h): Promise<ReadReply> =>
    harness.ok<ReadReply>(harness.as('admin@lcoo.example'), 'POST', '/rest/api/3/workflows', { workflowNames: [WORKFLOW] });

  /** The body the sandbox's rule screen sends: the read statuses and workflow, one rule's config replaced. */
  function withConfig(r: ReadReply, config: string): Record<string, unknown> {
    const wf = r.workflows[0];
    if (!wf) throw new Error('workflow not read');
    return {
      statuses: r.statuses,
      workflows: [
        {
          ...wf,
          transitions: wf.transitions.map((t) =>
            t.id !== ids.transitionIds.prioritize
              ? t
              : {
                  ...t,
                  validators: t.validators.map((v) =>
                    v.parameters?.key === VALIDATOR_ARI ? { ...v, parameters: { ...v.parameters, config } } : v,
                  ),
                },
          ),
        },
      ],
    };
  }

  async function itemBeingVetted(harness: Harness = h): Promise<string> {
    const { key } = await harness.ok<{ key: string }>(
      harness.app,
      'POST',
      '/rest/api/3/issue',
      {
        fields: { project: { key: 'LCOO' }, issuetype: { id: ids.issueTypeId }, summary: 'Multi-site Neutron QoS' },
      },
      201,
    );
    await harness.ok(harness.app, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: ids.transitionIds.vet } }, 204);
    return key;
  }

  it("replaces the rule's configuration, bumps the version, persists it, and the next transition's validator receives it", async () => {
    const before = await read();
    expect(before.workflows[0]?.version.versionNumber).toBe(0);
    const admin = h.as('admin@lcoo.example');
    const reply = await h.ok<ReadReply>(
      admin,
      'POST',
      '/rest/api/3/workflows/update',
      withConfig(before, JSON.stringify({ coreApprovalsRequired: 1 })),
    );
    expect(reply.workflows[0]?.version.versionNumber).toBe(1);
    expect(reply.workflows[0]?.version.id).not.toBe(before.workflows[0]?.version.id);
    const prioritize = reply.workflows[0]?.transitions.find((t) => t.id === ids.transitionIds.prioritize);
    expect(prioritize?.validators).toEqual([
      {
        ruleKey: 'forge:expression-validator',
        parameters: { key: VALIDATOR_ARI, config: '{"coreApprovalsRequired":1}', id: 'rule-prioritize', disabled: 'false' },
      },
    ]);
    // Everything else came back as it was sent.
    expect(reply.workflows[0]?.transitions.map((t) => [t.id, t.name, t.type])).toEqual(
      before.workflows[0]?.transitions.map((t) => [t.id, t.name, t.type]),
    );
    expect(reply.statuses.map((s) => s.id).sort()).toEqual(before.statuses.map((s) => s.id).sort());

    const key = await itemBeingVetted();
    await h.ok(h.app, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: ids.transitionIds.prioritize } }, 204);
    expect(calls.map((c) => c.configuration)).toEqual([{ coreApprovalsRequired: 1 }]);

    // Persisted: a reopened site runs the updated rule too.
    h.em.close();
    h = makeHarness({
      dbPath,
      hooks: {
        runForgeValidator: async (call) => {
          calls.push(call);
          return { result: true };
        },
      },
    });
    expect((await read()).workflows[0]?.version.versionNumber).toBe(1);
    const next = await itemBeingVetted();
    await h.ok(h.app, 'POST', `/rest/api/3/issue/${next}/transitions`, { transition: { id: ids.transitionIds.prioritize } }, 204);
    expect(calls.map((c) => c.configuration)).toEqual([{ coreApprovalsRequired: 1 }, { coreApprovalsRequired: 1 }]);
  });

  it('refuses a stale version with 409 and keeps the newer configuration', async () => {
    const admin = h.as('admin@lcoo.example');
    const stale = await read();
    await h.ok(admin, 'POST', '/rest/api/3/workflows/update', withConfig(stale, '{"coreApprovalsRequired":3}'));
    const second = await h.call(admin, 'POST', '/rest/api/3/workflows/update', withConfig(stale, '{"coreApprovalsRequired":1}'));
    expect(second.status).toBe(409);
    expect(second.body).toEqual({ errorMessages: [expect.stringContaining('Workflow version and version token must match')], errors: {} });
    // A right number with a made-up token is just as stale.
    const forged = withConfig(await read(), '{"coreApprovalsRequired":1}') as { workflows: { version: { id: string } }[] };
    const wf = forged.workflows[0];
    if (wf) wf.version = { ...wf.version, id: 'not-the-token' };
    expect((await h.call(admin, 'POST', '/rest/api/3/workflows/update', forged)).status).toBe(409);
    const now = await read();
    expect(now.workflows[0]?.version.versionNumber).toBe(1);
    expect(now.workflows[0]?.transitions.find((t) => t.id === ids.transitionIds.prioritize)?.validators[0]?.parameters?.config).toBe(
      '{"coreApprovalsRequired":3}',
    );
  });

  it('is for administrators only, and refuses a body without version (400 naming the field)', async () => {
    const body = withConfig(await read(), '{}');
    const fst = await h.call(h.as('fst-lead@lcoo.example'), 'POST', '/rest/api/3/workflows/update', body);
    expect(fst.status).toBe(403);
    const { version: _dropped, ...noVersion } = (body as { workflows: Record<string, unknown>[] }).workflows[0] ?? {};
    const bad = await h.call(h.app, 'POST', '/rest/api/3/workflows/update', { ...body, workflows: [noVersion] });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ errorMessages: ['The request body is not valid.'], errors: { 'workflows.0.version': expect.any(String) } });
  });

  it('answers /update/validation with the errors of a broken payload, and /update refuses the same payload with 400', async () => {
    const r = await read();
    const wf = r.workflows[0];
    if (!wf) throw new Error('workflow not read');
    const broken = {
      statuses: r.statuses,
      workflows: [
        {
          ...wf,
          transitions: [...wf.transitions, { id: '41', name: 'Nowhere', type: 'GLOBAL', toStatusReference: 'no-such-status', links: [] }],
        },
      ],
    };
    const checked = await h.ok<{ errors: { code: string; level: string; type: string; elementReference?: Record<string, string> }[] }>(
      h.app,
      'POST',
      '/rest/api/3/workflows/update/validation',
      { payload: broken, validationOptions: { levels: ['ERROR'] } },
    );
    expect(checked.errors).toEqual([
      expect.objectContaining({
        code: 'INVALID_TRANSITION_TARGET',
        level: 'ERROR',
        type: 'TRANSITION',
        elementReference: { transitionId: '41' },
      }),
    ]);
    expect(
      (await h.ok<{ errors: unknown[] }>(h.app, 'POST', '/rest/api/3/workflows/update/validation', { payload: withConfig(r, '{}') }))
        .errors,
    ).toEqual([]);
    const refused = await h.call(h.app, 'POST', '/rest/api/3/workflows/update', broken);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ errorMessages: [expect.stringContaining("goes to 'no-such-status'")], errors: {} });
    expect((await read()).workflows[0]?.version.versionNumber).toBe(0);
    const unknown = await h.call(h.app, 'POST', '/rest/api/3/workflows/update', {
      ...broken,
      workflows: [{ ...broken.workflows[0], id: 'no-such-workflow' }],
    });
    expect(unknown.body).toEqual({ errorMessages: ['The workflow no-such-workflow does not exist.'], errors: {} });
  });

  it('drops a status only with a mapping for the issues in it, and moves those issues', async () => {
    const key = await itemBeingVetted();
    const r = await read();
    const wf = r.workflows[0];
    if (!wf) throw new Error('workflow not read');
    const vetting = ids.statusIds['Being Vetted / Groomed'] ?? '';
    const backlog = ids.statusIds['Vetting Backlog'] ?? '';
    // Without "Being Vetted": Prioritize now starts at the backlog.
    const shrunk = {
      statuses: r.statuses.filter((s) => s.id !== vetting),
      workflows: [
        {
          ...wf,
          statuses: wf.statuses.filter((s) => s.statusReference !== vetting),
          transitions: wf.transitions
            .filter((t) => t.toStatusReference !== vetting)
            .map((t) => (t.id === ids.transitionIds.prioritize ? { ...t, links: [{ fromStatusReference: backlog }] } : t)),
        },
      ],
    };
    const refused = await h.call(h.app, 'POST', '/rest/api/3/workflows/update/validation', { payload: shrunk });
    expect(refused.body).toEqual({
      errors: [
        expect.objectContaining({
          code: 'MISSING_STATUS_MAPPING',
          type: 'STATUS_MAPPING',
          elementReference: { statusMappingReference: { projectId: '10000', issueTypeId: ids.issueTypeId } },
        }),
      ],
    });
    expect((await h.call(h.app, 'POST', '/rest/api/3/workflows/update', shrunk)).status).toBe(400);

    const mapped = {
      ...shrunk,
      workflows: [{ ...shrunk.workflows[0], defaultStatusMappings: [{ oldStatusReference: vetting, newStatusReference: backlog }] }],
    };
    await h.ok(h.app, 'POST', '/rest/api/3/workflows/update', mapped);
    const issue = await h.ok<{ fields: { status: { name: string } } }>(h.app, 'GET', `/rest/api/3/issue/${key}?fields=status`);
    expect(issue.fields.status.name).toBe('Vetting Backlog');
    const t = await h.ok<{ transitions: { id: string }[] }>(h.app, 'GET', `/rest/api/3/issue/${key}/transitions`);
    expect(t.transitions.map((x) => x.id)).toEqual([ids.transitionIds.prioritize]);
  });
});
