// Setup through the admin resolver on the sandbox: a plan that changes nothing, a run that
// builds the gated workflows, a second run that creates nothing, a run that fails midway
// (Jira refusing one workflow) and is resumed, a name clash reported before anything is
// created, and the admin-only rule.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { JIRA_DB_FILE } from '../../../sandbox/host/boot';
import type { SetupResult } from '../../../src/contract/admin';
import type { Envelope } from '../../../src/contract/envelope';
import { LIFECYCLES } from '../../../src/domain/lifecycle';
import type { EmulatorRequest } from '../../../sandbox/jira/types';
import { startSandbox, type TestSandbox } from '../../support/sandbox';
import { ADMIN, FST_LEAD, rest, runSetup, unwrap } from '../../support/lcoo-site';

const invokeAdmin = async (sb: TestSandbox, key: string, payload: unknown, asEmail = ADMIN) =>
  (await sb.host.invoke('lcoo-admin', key, payload, { asEmail })) as Envelope<SetupResult>;

const states = (r: SetupResult) => Object.fromEntries(r.steps.map((s) => [s.id, s.state]));

/** What a run could have created, counted straight from Jira. */
async function siteCounts(sb: TestSandbox) {
  const [types, statuses, workflows, schemes, linkTypes] = await Promise.all([
    rest(sb, ADMIN, 'GET', '/rest/api/3/issuetype'),
    rest(sb, ADMIN, 'GET', '/rest/api/3/statuses/search?maxResults=200'),
    rest(sb, ADMIN, 'GET', '/rest/api/3/workflows/search?maxResults=50'),
    rest(sb, ADMIN, 'GET', '/rest/api/3/workflowscheme'),
    rest(sb, ADMIN, 'GET', '/rest/api/3/issueLinkType'),
  ]);
  return {
    issueTypes: (types.body as unknown[]).length,
    statuses: (statuses.body as { total: number }).total,
    workflows: (workflows.body as { values: unknown[] }).values.length,
    schemes: (schemes.body as { values: unknown[] }).values.length,
    linkTypes: (linkTypes.body as { issueLinkTypes: unknown[] }).issueLinkTypes.length,
  };
}

describe('setup on a fresh site', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  }, 120_000);
  afterAll(async () => sb?.stop());

  test('only Jira administrators may plan, run or configure', async () => {
    for (const key of ['setup/plan', 'setup/run', 'setup/status']) {
      const res = await invokeAdmin(sb, key, { projectKey: 'LCOO' }, FST_LEAD);
      expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('Only Jira administrators') } });
    }
    expect(await sb.host.invoke('lcoo-admin', 'config/get', {}, { asEmail: FST_LEAD })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  test('the plan is a dry run: it says what will be created and creates nothing', async () => {
    const before = await siteCounts(sb);
    const plan = unwrap<SetupResult>(await invokeAdmin(sb, 'setup/plan', { projectKey: 'lcoo' }));
    expect(plan.projectKey).toBe('LCOO');
    expect(states(plan)).toEqual({
      project: 'done',
      'issue-types': 'todo',
      statuses: 'todo',
      'workflow-portfolio': 'todo',
      'workflow-delivery': 'todo',
      'workflow-scheme': 'todo',
      'issue-type-scheme': 'todo',
      'project-workflow-scheme': 'todo',
      'issue-link-type': 'todo',
    });
    expect(plan.steps.find((s) => s.id === 'statuses')?.detail).toMatch(/^Will create 12: "Vetting Backlog"/);
    expect(plan.steps.find((s) => s.id === 'issue-link-type')?.detail).toMatch(/^Will create it: a Roadmap Item "is delivered by"/);
    expect(await siteCounts(sb)).toEqual(before);
  });

  test('a bad project key is refused per field; an unknown project is named', async () => {
    expect(await invokeAdmin(sb, 'setup/plan', { projectKey: '1X' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('projectKey') },
    });
    const plan = unwrap<SetupResult>(await invokeAdmin(sb, 'setup/plan', { projectKey: 'NOPE' }));
    expect(plan.steps[0]).toMatchObject({
      id: 'project',
      state: 'failed',
      detail: expect.stringContaining('no project with the key NOPE'),
    });
    expect(plan.steps.slice(1).every((s) => s.state === 'todo' && s.detail?.startsWith('Waits for'))).toBe(true);
  });

  test('the run builds both workflows with the stage gate on every move forward, and a second run creates nothing', async () => {
    const first = await runSetup(sb);
    expect(first.steps.every((s) => s.state === 'done')).toBe(true);
    expect(first.created).toEqual(
      expect.arrayContaining([
        'issue type "Roadmap Item"',
        'workflow "LCOO Upstream Delivery Lifecycle"',
        'workflow scheme of LCOO',
        'issue link type "LCOO delivery"',
      ]),
    );

    const ari = sb.host.raw.extensionAri('lcoo-stage-gate');
    for (const lc of Object.values(LIFECYCLES)) {
      const res = await rest(
        sb,
        ADMIN,
        'GET',
        `/rest/api/3/workflows/search?queryString=${encodeURIComponent(lc.workflowName)}&expand=values.transitions`,
      );
      const wf = (
        res.body as {
          values: {
            name: string;
            transitions: { name: string; type: string; validators: { ruleKey: string; parameters?: Record<string, string> }[] }[];
          }[];
        }
      ).values.find((w) => w.name === lc.workflowName)!;
      const gated = wf.transitions.filter((t) =>
        t.validators.some((v) => v.ruleKey === 'forge:expression-validator' && v.parameters?.['key'] === ari),
      );
      // Every stage but the first is entered through exactly one gated transition; moves back carry none.
      expect(gated.map((t) => t.name).sort()).toEqual(
        lc.stages
          .slice(1)
          .map((s) => s.statusName)
          .sort(),
      );
      expect(wf.transitions.filter((t) => t.name.startsWith('Back to')).every((t) => t.validators.length === 0)).toBe(true);
    }

    const counts = await siteCounts(sb);
    const second = await runSetup(sb);
    expect(second.created).toEqual([]);
    expect(second.steps.every((s) => s.state === 'done')).toBe(true);
    expect(await siteCounts(sb)).toEqual(counts);
    const plan = unwrap<SetupResult>(await invokeAdmin(sb, 'setup/plan', { projectKey: 'LCOO' }));
    expect(plan.steps.every((s) => s.state === 'done')).toBe(true);
  });

  test('the install trigger recorded the default configuration', async () => {
    const cfg = unwrap<{ source: string; config: { fsts: unknown[] } }>(
      await sb.host.invoke('lcoo-admin', 'config/get', {}, { asEmail: ADMIN }),
    );
    expect(cfg.source).toBe('stored');
    expect(cfg.config.fsts).toHaveLength(7);
  });
});

describe('setup that fails midway, then resumes', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  }, 120_000);
  afterAll(async () => sb?.stop());

  test('Jira refusing the delivery workflow stops the run there; Resume finishes without repeating anything', async () => {
    const original = sb.emulator.handle.bind(sb.emulator);
    let refused = 0;
    // An emulator hook: Jira answers 500 to the delivery workflow's creation (and only that).
    sb.emulator.handle = async (req: EmulatorRequest) => {
      const names = ((req.body as { workflows?: { name?: string }[] } | undefined)?.workflows ?? []).map((w) => w.name);
      if (req.method === 'POST' && req.path === '/rest/api/3/workflows/create' && names.includes(LIFECYCLES.delivery.workflowName)) {
        refused++;
        return {
          status: 500,
          headers: { 'content-type': 'application/json' },
          body: { errorMessages: ['Workflow storage is unavailable.'], errors: {} },
        };
      }
      return original(req);
    };
    try {
      const failed = await runSetup(sb);
      expect(refused).toBe(1);
      expect(states(failed)).toEqual({
        project: 'done',
        'issue-types': 'done',
        statuses: 'done',
        'workflow-portfolio': 'done',
        'workflow-delivery': 'failed',
        'workflow-scheme': 'todo',
        'issue-type-scheme': 'todo',
        'project-workflow-scheme': 'todo',
        'issue-link-type': 'todo',
      });
      expect(failed.steps.find((s) => s.id === 'workflow-delivery')?.detail).toContain('Workflow storage is unavailable.');
      expect(failed.steps.find((s) => s.id === 'workflow-scheme')?.detail).toBe('Waits for: Workflow "LCOO Upstream Delivery Lifecycle".');

      // The page, reloaded, shows where the run stopped (kept in KVS), and the plan offers the resume.
      const status = unwrap<SetupResult>(await invokeAdmin(sb, 'setup/status', { projectKey: 'LCOO' }));
      expect(states(status)).toEqual(states(failed));
      expect(status.running).toBeUndefined();
      const plan = unwrap<SetupResult>(await invokeAdmin(sb, 'setup/plan', { projectKey: 'LCOO' }));
      expect(plan.steps.find((s) => s.id === 'workflow-delivery')).toMatchObject({
        state: 'failed',
        detail: expect.stringContaining('Last run: '),
      });
    } finally {
      sb.emulator.handle = original;
    }

    const resumed = await runSetup(sb);
    expect(resumed.steps.every((s) => s.state === 'done')).toBe(true);
    expect(resumed.created).toEqual([
      'workflow "LCOO Upstream Delivery Lifecycle"',
      'workflow scheme "LCOO Roadmap Workflow Scheme"',
      'issue types added to the issue type scheme of LCOO',
      'workflow scheme of LCOO',
      'issue link type "LCOO delivery"',
    ]);
  });
});

describe('two setup runs at once', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  }, 120_000);
  afterAll(async () => sb?.stop());

  test('a second run while one is going is refused with who started it; once it ends, setup runs again', async () => {
    const original = sb.emulator.handle.bind(sb.emulator);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let reachedJira!: () => void;
    const firstInJira = new Promise<void>((r) => (reachedJira = r));
    // An emulator hook: the first run's first Jira call waits until the second run has answered.
    let hooked = false;
    sb.emulator.handle = async (req: EmulatorRequest) => {
      if (!hooked && req.principal.kind === 'app' && req.path.startsWith('/rest/api/3/project/LCOO')) {
        hooked = true;
        reachedJira();
        await held;
      }
      return original(req);
    };
    try {
      const first = invokeAdmin(sb, 'setup/run', { projectKey: 'LCOO' });
      await firstInJira;
      const second = await invokeAdmin(sb, 'setup/run', { projectKey: 'LCOO' });
      const me = (await rest(sb, ADMIN, 'GET', '/rest/api/3/myself')).body as { displayName: string };
      expect(second).toMatchObject({
        ok: false,
        error: {
          code: 'CONFLICT',
          message: expect.stringMatching(
            new RegExp(
              `^Setup is already running, started by ${me.displayName.replace(/[()]/g, '\\$&')} at \\d{4}-\\d\\d-\\d\\dT[^;]+; wait for it to finish`,
            ),
          ),
        },
      });
      release();
      const done = unwrap<SetupResult>(await first);
      expect(done.steps.every((s) => s.state === 'done')).toBe(true);
    } finally {
      release();
      sb.emulator.handle = original;
    }
    // The lock went with the run that held it.
    const again = await runSetup(sb);
    expect(again.created).toEqual([]);
    expect(again.steps.every((s) => s.state === 'done')).toBe(true);
  });
});

describe('setup with a name clash', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  }, 120_000);
  afterAll(async () => sb?.stop());

  test('a sub-task type already named "Upstream Deliverable" stops setup before anything is created', async () => {
    expect((await rest(sb, ADMIN, 'POST', '/rest/api/3/issuetype', { name: 'Upstream Deliverable', hierarchyLevel: -1 })).status).toBe(201);
    const before = (await rest(sb, ADMIN, 'GET', '/rest/api/3/statuses/search')).body as { total: number };
    const res = await runSetup(sb);
    expect(res.steps.find((s) => s.id === 'issue-types')).toMatchObject({
      state: 'failed',
      detail: expect.stringContaining('An issue type named "Upstream Deliverable" already exists but is not a standard issue type'),
    });
    expect(res.created).toEqual([]);
    expect(((await rest(sb, ADMIN, 'GET', '/rest/api/3/statuses/search')).body as { total: number }).total).toBe(before.total);
  });

  test('statuses that already exist are reused by name, not duplicated', async () => {
    const clash = await rest(sb, ADMIN, 'POST', '/rest/api/3/statuses', {
      scope: { type: 'GLOBAL' },
      statuses: [{ name: 'prioritized', statusCategory: 'DONE' }],
    });
    expect(clash.status).toBe(200);
    const plan = unwrap<SetupResult>(await invokeAdmin(sb, 'setup/plan', { projectKey: 'LCOO' }));
    expect(plan.steps.find((s) => s.id === 'issue-types')?.state).toBe('failed');
    // Once the clashing type is out of the way (here: renamed in the database, as an admin would in Jira), setup resumes.
    // (The emulator offers no issue type rename, so the test renames the row in its SQLite file.)
    const db = new Database(join(sb.dataDir, JIRA_DB_FILE));
    try {
      expect(
        db.prepare("UPDATE issuetypes SET name = 'Upstream Deliverable (old)' WHERE name = 'Upstream Deliverable'").run().changes,
      ).toBe(1);
    } finally {
      db.close();
    }
    const res = await runSetup(sb);
    expect(res.steps.every((s) => s.state === 'done')).toBe(true);
    expect(res.steps.find((s) => s.id === 'statuses')?.detail).toContain(
      'Reused with another category than the LCOO process expects: Prioritized (DONE)',
    );
    expect(res.created.filter((c) => c.startsWith('status '))).toHaveLength(11);
  });
});

describe('setup on a project with its own workflow scheme', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  }, 120_000);
  afterAll(async () => sb?.stop());

  test("other issue types keep the workflows the project's scheme gives them", async () => {
    const task = ((await rest(sb, ADMIN, 'GET', '/rest/api/3/issuetype')).body as { id: string; name: string }[]).find(
      (t) => t.name === 'Task',
    )!;
    const custom = await rest(sb, ADMIN, 'POST', '/rest/api/3/workflowscheme', {
      name: 'Ops scheme',
      description: '',
      defaultWorkflow: 'jira',
      issueTypeMappings: { [task.id]: 'jira' },
    });
    expect(custom.status).toBe(201);
    expect(
      (
        await rest(sb, ADMIN, 'PUT', '/rest/api/3/workflowscheme/project', {
          projectId: '10000',
          workflowSchemeId: String((custom.body as { id: number }).id),
        })
      ).status,
    ).toBe(204);

    const res = await runSetup(sb);
    expect(res.steps.every((s) => s.state === 'done')).toBe(true);
    expect(res.steps.find((s) => s.id === 'workflow-scheme')?.detail).toBe(
      'Created; other issue types keep their workflows (default "jira", copied from "Ops scheme").',
    );
    const schemes = (await rest(sb, ADMIN, 'GET', '/rest/api/3/workflowscheme')).body as {
      values: { name: string; issueTypeMappings: Record<string, string> }[];
    };
    const ours = schemes.values.find((s) => s.name === 'LCOO Roadmap Workflow Scheme')!;
    expect(ours.issueTypeMappings[task.id]).toBe('jira');
    expect(Object.values(ours.issueTypeMappings).sort()).toEqual([
      'LCOO Roadmap Item Lifecycle',
      'LCOO Upstream Delivery Lifecycle',
      'jira',
    ]);
  });
});
