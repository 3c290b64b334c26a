// The pure half of the gate settings: which transitions carry this app's gate, the settings
// each move runs with (the validator's parser and overlay, the policy for a stored
// configuration that does not parse), and the next stage.
import { defaultGateConfig } from '../../../src/domain/gates';
import type { WorkflowRead } from '../../../src/jira/workflows';
import {
  UNREADABLE_CONFIGURATION,
  gatedMovesOf,
  movesFromRules,
  nextStageFor,
  settingsForMove,
  type AdminSettings,
  type GateRules,
} from '../../../src/usecases/gate-settings';

const ARI = 'ari:cloud:ecosystem::extension/app-1/env-1/static/lcoo-stage-gate';
const gate = (config?: string) => ({
  ruleKey: 'forge:expression-validator',
  parameters: { key: ARI, ...(config !== undefined ? { config } : {}) },
});

/** Status references as Jira sends them (opaque), mapped to ids; setup recorded ids for stages. */
const read = (transitions: WorkflowRead['workflows'][number]['transitions']): WorkflowRead => ({
  statuses: [
    { id: '20', name: 'Blueprint Accepted', statusReference: 'ref-ba' },
    { id: '21', name: 'Specification In Progress', statusReference: 'ref-sip' },
    { id: '23', name: 'Coding In Progress', statusReference: 'ref-cip' },
    { id: '24', name: 'Code Committed', statusReference: 'ref-cc' },
    { id: '22', name: 'Specification Accepted', statusReference: 'ref-sa' },
  ],
  workflows: [{ id: 'wf', name: 'LCOO Upstream Delivery Lifecycle', statuses: [], transitions }],
});
const stages = {
  '20': 'blueprint-accepted',
  '21': 'spec-in-progress',
  '22': 'spec-accepted',
  '23': 'coding-in-progress',
  '24': 'code-committed',
} as const;

describe('gatedMovesOf', () => {
  test('keeps only transitions with this app’s gate, resolving references through the status ids', () => {
    const moves = gatedMovesOf(
      read([
        {
          type: 'DIRECTED',
          toStatusReference: 'ref-cc',
          links: [{ fromStatusReference: 'ref-cip' }],
          validators: [gate('{"coreApprovalsRequired":1}')],
        },
        { type: 'DIRECTED', toStatusReference: 'ref-cip', links: [{ fromStatusReference: 'ref-cc' }], validators: [] },
        {
          type: 'DIRECTED',
          toStatusReference: 'ref-sip',
          links: [],
          validators: [{ ruleKey: 'forge:expression-validator', parameters: { key: 'ari:other-app' } }],
        },
      ]),
      ARI,
      stages,
    );
    expect(moves).toEqual([
      { to: 'code-committed', from: ['coding-in-progress'], rule: { ok: true, config: { coreApprovalsRequired: 1 } } },
    ]);
  });

  test('a workflow that is not an LCOO one is ignored', () => {
    const r = read([{ type: 'DIRECTED', toStatusReference: 'ref-cc', links: [], validators: [gate()] }]);
    r.workflows[0]!.name = 'Someone else’s workflow';
    expect(gatedMovesOf(r, ARI, stages)).toEqual([]);
  });
});

describe('the settings of a move', () => {
  const admin: AdminSettings = { config: defaultGateConfig, source: 'stored' };
  const rules = (moves: GateRules['moves']): GateRules => ({ source: 'workflow-rules', moves });

  test('overlays the rule on the admin settings; a move without a rule keeps the admin settings', () => {
    const r = rules([{ to: 'code-committed', from: ['coding-in-progress'], rule: { ok: true, config: { coreApprovalsRequired: 1 } } }]);
    const settingsFor = movesFromRules(admin, r);
    expect(settingsFor('code-committed', 'coding-in-progress')).toEqual({
      ok: true,
      config: { ...defaultGateConfig, coreApprovalsRequired: 1 },
    });
    expect(settingsFor('delivered', 'code-committed')).toEqual({ ok: true, config: defaultGateConfig });
  });

  test('a rule the gate cannot parse refuses the move, with the reason', () => {
    const out = settingsForMove(admin, { ok: false, error: 'its configuration is not JSON' }, 'code-committed');
    expect(out).toEqual({
      ok: false,
      failClosed: {
        requirement: 'config',
        message: expect.stringContaining('"Code Committed" has a configuration that is not valid (its configuration is not JSON)'),
      },
    });
  });

  test('a stored configuration that does not parse refuses every move, rule or not', () => {
    const broken: AdminSettings = { config: defaultGateConfig, source: 'invalid-stored' };
    for (const rule of [undefined, { ok: true as const, config: {} }]) {
      expect(settingsForMove(broken, rule, 'prioritized')).toEqual({
        ok: false,
        failClosed: { requirement: 'config', message: UNREADABLE_CONFIGURATION },
      });
    }
  });

  test('the rule on the move into Coding In Progress decides whether Blueprint Accepted may skip the specification', () => {
    const off = rules([
      { to: 'coding-in-progress', from: ['blueprint-accepted', 'spec-accepted'], rule: { ok: true, config: { specificationStep: false } } },
    ]);
    expect(nextStageFor('blueprint-accepted', movesFromRules(admin, off))).toBe('coding-in-progress');
    expect(nextStageFor('blueprint-accepted', movesFromRules(admin, rules([])))).toBe('spec-in-progress');
  });
});
