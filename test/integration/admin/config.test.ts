// The admin page's configuration keys and the stage gate's configuration screen keys,
// through the sandbox: errors come back per field, groups are checked against Jira, only
// administrators may save, and the rule screen validates with the gate's own schema.
import type { ConfigView } from '../../../src/contract/admin';
import type { Envelope } from '../../../src/contract/envelope';
import type { ValidatorCheckResult, ValidatorOptions } from '../../../src/contract/validator-config';
import { startSandbox, type TestSandbox } from '../../support/sandbox';
import { ADMIN, FST_LEAD, unwrap } from '../../support/lcoo-site';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startSandbox();
}, 120_000);
afterAll(async () => sb?.stop());

const admin = (key: string, payload: unknown, asEmail = ADMIN) =>
  sb.host.invoke('lcoo-admin', key, payload, { asEmail }) as Promise<Envelope<unknown>>;
const gateScreen = (key: string, payload: unknown, entryPoint: 'create' | 'edit' | 'view' = 'edit') =>
  sb.host.invoke('lcoo-stage-gate', key, payload, { asEmail: ADMIN, entryPoint }) as Promise<Envelope<unknown>>;

describe('config/get and config/save', () => {
  test('the page gets the configuration with the names it shows', async () => {
    const view = unwrap<ConfigView>(await admin('config/get', {}));
    expect(view.config.roleGroups['core-approval']).toEqual(['lcoo-cores']);
    expect(view.vocabulary.approvalRoles.map((r) => r.id)).toEqual([
      'fst-prioritization',
      'lrc-prioritization',
      'stakeholder-acceptance',
      'core-approval',
      'pod-acceptance',
      'lrc-tracking',
    ]);
    // Every approval but the FST prioritization is given by groups; each FST's leads give that one.
    expect(view.vocabulary.groupRoles.map((r) => r.id)).toEqual([
      'lrc-prioritization',
      'stakeholder-acceptance',
      'core-approval',
      'pod-acceptance',
      'lrc-tracking',
    ]);
    expect(view.config.fsts.find((f) => f.id === 'networking')?.leadGroups).toEqual(['lcoo-fst-networking']);
    expect(view.config.companies.find((c) => c.id === 'comcast')?.groups).toEqual(['lcoo-company-comcast']);
    expect(view.vocabulary.gatedStages).toHaveLength(10);
    expect(view.vocabulary.checklistItems).toHaveLength(12);
  });

  test('invalid fields come back one by one, by path, and nothing is saved', async () => {
    const { config } = unwrap<ConfigView>(await admin('config/get', {}));
    const bad = {
      ...config,
      fsts: [...config.fsts, { id: 'Bad Id!', name: '' }],
      gate: { ...config.gate, coreApprovalsRequired: 7 },
    };
    const res = await admin('config/save', bad);
    expect(res).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const fieldErrors = (res as { error: { details: { fieldErrors: Record<string, string> } } }).error.details.fieldErrors;
    expect(fieldErrors).toEqual({
      'fsts.7.id': 'Use lower-case letters, digits and dashes (at most 40), e.g. "networking".',
      'fsts.7.name': 'An FST needs a name.',
      'gate.coreApprovalsRequired': 'At most 5 core approvals can be required.',
    });
    expect(unwrap<ConfigView>(await admin('config/get', {})).config.fsts).toHaveLength(7);
  });

  test('a group that does not exist in Jira is named beside its role', async () => {
    const { config } = unwrap<ConfigView>(await admin('config/get', {}));
    const res = await admin('config/save', {
      ...config,
      roleGroups: { ...config.roleGroups, 'pod-acceptance': ['lcoo-pod', 'lcoo-podd'] },
    });
    expect(res).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        details: {
          fieldErrors: { 'roleGroups.pod-acceptance': 'No Jira group is named "lcoo-podd". Create it in Jira or pick an existing group.' },
        },
      },
    });
    expect(unwrap(await admin('groups/check', { names: ['lcoo-pod', 'lcoo-podd', 'jira-administrators'] }))).toEqual({
      found: ['lcoo-pod', 'jira-administrators'],
      missing: ['lcoo-podd'],
    });
  });

  test("a valid configuration is saved and becomes the rule screen's default", async () => {
    const { config } = unwrap<ConfigView>(await admin('config/get', {}));
    const saved = unwrap<ConfigView>(
      await admin('config/save', {
        ...config,
        companies: [...config.companies, { id: 'verizon', name: 'Verizon' }],
        gate: { ...config.gate, coreApprovalsRequired: 3, specificationStep: false },
      }),
    );
    expect(saved.source).toBe('stored');
    expect(saved.config.companies.map((c) => c.id)).toContain('verizon');
    const options = unwrap<ValidatorOptions>(await gateScreen('validator/options', {}));
    expect(options.defaults).toMatchObject({ coreApprovalsRequired: 3, specificationStep: false });
  });

  test('someone who is not a Jira administrator cannot save', async () => {
    const { config } = unwrap<ConfigView>(await admin('config/get', {}));
    expect(await admin('config/save', config, FST_LEAD)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await admin('groups/check', { names: ['lcoo-pod'] }, FST_LEAD)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('the stage gate configuration screen', () => {
  test('options list the gated stages, the checklist and the bounds, and parse the stored rule', async () => {
    const ok = unwrap<ValidatorOptions>(await gateScreen('validator/options', { configuration: '{"coreApprovalsRequired":4}' }));
    expect(ok.stages.map((s) => s.id)).toEqual([
      'being-vetted',
      'prioritized',
      'development-ready',
      'blueprint-in-progress',
      'blueprint-accepted',
      'spec-in-progress',
      'spec-accepted',
      'coding-in-progress',
      'code-committed',
      'delivered',
    ]);
    expect(ok.bounds.coreApprovalsRequired).toEqual({ min: 1, max: 5 });
    expect(ok.stored).toEqual({ ok: true, config: { coreApprovalsRequired: 4 } });
    const broken = unwrap<ValidatorOptions>(
      await gateScreen('validator/options', { configuration: '{"coreApprovalsRequired":0}' }, 'view'),
    );
    expect(broken.stored).toEqual({ ok: false, error: 'coreApprovalsRequired: At least 1 core approval is required.' });
  });

  test('validator/check returns what onConfigure hands to Jira, or refuses', async () => {
    const good = unwrap<ValidatorCheckResult>(
      await gateScreen('validator/check', { config: { specificationStep: false, requiredChecklist: { 'code-committed': ['size'] } } }),
    );
    expect(JSON.parse(good.json)).toEqual({ specificationStep: false, requiredChecklist: { 'code-committed': ['size'] } });
    expect(await gateScreen('validator/check', { config: { requiredChecklist: { prioritized: ['colour'] } } })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('requiredChecklist.prioritized.0') },
    });
  });
});
