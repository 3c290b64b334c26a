// The pure half of the workflow-rule reading: which transitions carry this app's gate, the
// settings each move runs with (the validator's parser and overlay), and the next stage.
import { defaultGateConfig } from '../../../src/domain/gates';
import { aggregatePortfolio } from '../../../src/domain/portfolio';
import { gateInto, gatedMovesOf, nextStageUnder, type GateRules } from '../../../src/jira/rule-configs';
import type { WorkflowRead } from '../../../src/jira/workflows';
import { makeDeliverable } from '../../fixtures/builders';

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

describe('gateInto and nextStageUnder', () => {
  const rules = (moves: GateRules['moves']): GateRules => ({ source: 'workflow-rules', moves });

  test('overlays the rule on the admin settings; a move without a rule keeps the admin settings', () => {
    const r = rules([{ to: 'code-committed', from: ['coding-in-progress'], rule: { ok: true, config: { coreApprovalsRequired: 1 } } }]);
    expect(gateInto(r, defaultGateConfig, 'code-committed', 'coding-in-progress')).toEqual({
      ok: true,
      config: { ...defaultGateConfig, coreApprovalsRequired: 1 },
    });
    expect(gateInto(r, defaultGateConfig, 'delivered', 'code-committed')).toEqual({ ok: true, config: defaultGateConfig });
  });

  test('a rule the validator cannot parse refuses the move, with the reason', () => {
    const r = rules([{ to: 'code-committed', from: 'any', rule: { ok: false, error: 'its configuration is not JSON' } }]);
    const out = gateInto(r, defaultGateConfig, 'code-committed', 'coding-in-progress');
    expect(out.ok).toBe(false);
    if (!out.ok)
      expect(out.missing).toEqual({ requirement: 'config', message: expect.stringContaining('(its configuration is not JSON)') });
  });

  test('the rule on the move into Coding In Progress decides whether Blueprint Accepted may skip the specification', () => {
    const off = rules([
      { to: 'coding-in-progress', from: ['blueprint-accepted', 'spec-accepted'], rule: { ok: true, config: { specificationStep: false } } },
    ]);
    expect(nextStageUnder(off, defaultGateConfig, 'blueprint-accepted')).toBe('coding-in-progress');
    expect(nextStageUnder(rules([]), defaultGateConfig, 'blueprint-accepted')).toBe('spec-in-progress');
  });

  test('the portfolio’s blockers follow the rule of each move', () => {
    const item = makeDeliverable({ stage: 'coding-in-progress', delivery: { schemaVersion: 1, roadmapItemKey: 'LCOO-1' } });
    const r = rules([{ to: 'code-committed', from: ['coding-in-progress'], rule: { ok: true, config: { coreApprovalsRequired: 3 } } }]);
    const withRule = aggregatePortfolio([item], {
      gateConfig: defaultGateConfig,
      gateFor: (t, f) => gateInto(r, defaultGateConfig, t, f),
      now: '2026-11-25T00:00:00Z',
    });
    const plain = aggregatePortfolio([item], { gateConfig: defaultGateConfig, now: '2026-11-25T00:00:00Z' });
    const core = (p: typeof plain) => p.rows[0]!.blockers.find((b) => b.requirement === 'approval:core-approval')?.message;
    expect(core(withRule)).toMatch(/3 different core reviewers/);
    expect(core(plain)).toMatch(/2 different core reviewers/);
  });
});
