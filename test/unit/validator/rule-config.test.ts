// A stage gate rule's configuration as Jira hands it over, and how it overlays the admin's
// gate settings. The gate fails closed on anything this refuses.
import { overlayGateConfig, parseRuleConfig } from '../../../src/domain/gates';
import { defaultGateConfig, type GateConfig } from '../../../src/domain/gates';
import { blockedMessage, failClosedMessage } from '../../../src/modules/validator/gate-message';

describe('parseRuleConfig', () => {
  test('no configuration means the admin settings apply', () => {
    for (const raw of [undefined, null, '']) expect(parseRuleConfig(raw)).toEqual({ ok: true, config: {} });
  });

  test('accepts what onConfigure saved (a JSON string) and an already-parsed object', () => {
    const config = { coreApprovalsRequired: 3, specificationStep: false, requiredChecklist: { 'code-committed': ['size'] } };
    expect(parseRuleConfig(JSON.stringify(config))).toEqual({ ok: true, config });
    expect(parseRuleConfig(config)).toEqual({ ok: true, config });
  });

  test.each([
    ['not JSON', '{core', 'its configuration is not JSON'],
    ['out of bounds', '{"coreApprovalsRequired":6}', 'coreApprovalsRequired: At most 5 core approvals can be required.'],
    ['not whole', { coreApprovalsRequired: 2.5 }, 'coreApprovalsRequired: Core approvals required must be a whole number.'],
    ['unknown stage', { requiredChecklist: { 'in-review': ['size'] } }, 'requiredChecklist: Unrecognized key: "in-review"'],
    ['unknown item', { requiredChecklist: { prioritized: ['colour'] } }, 'requiredChecklist.prioritized.0'],
    ['a typo in a key', { specificationStpe: false }, 'specificationStpe'],
    ['a list', [1, 2], 'expected object'],
  ])('refuses %s, naming the field', (_why, raw, expected) => {
    const parsed = parseRuleConfig(raw);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.error).toContain(expected);
  });
});

describe('overlayGateConfig', () => {
  const admin: GateConfig = { ...defaultGateConfig, requiredChecklist: { prioritized: ['type', 'size'], delivered: ['targetRelease'] } };

  test('what the rule leaves out follows the admin', () => {
    expect(overlayGateConfig(admin, {})).toEqual(admin);
  });

  test('what the rule sets wins, stage by stage for the checklist', () => {
    const out = overlayGateConfig(admin, {
      coreApprovalsRequired: 4,
      specificationStep: false,
      requiredChecklist: { prioritized: ['size'] },
    });
    expect(out).toEqual({
      coreApprovalsRequired: 4,
      specificationStep: false,
      requiredChecklist: { prioritized: ['size'], delivered: ['targetRelease'] },
      // Which approvals count for an earlier version is the admin's, never a rule's.
      staleApprovalsCount: admin.staleApprovalsCount,
      // So is whether Code Committed trusts Gerrit alone (issue 14).
      codeCommittedFrom: admin.codeCommittedFrom,
      specAcceptedFrom: admin.specAcceptedFrom,
      blueprintAcceptedFrom: admin.blueprintAcceptedFrom,
    });
  });
});

describe('messages', () => {
  test('a refusal names the issue, the target and every missing thing, numbered', () => {
    expect(
      blockedMessage('LCOO-7', 'Prioritized', [
        { requirement: 'checklist:size', message: 'Size of effort: choose S, M, L or XL.' },
        { requirement: 'approval:lrc-prioritization', message: ' LRC prioritization is missing. ' },
      ]),
    ).toBe(
      'LCOO stage gate: LCOO-7 can\'t move to "Prioritized" yet; 2 things are missing. 1) Size of effort: choose S, M, L or XL. 2) LRC prioritization is missing.',
    );
    expect(blockedMessage('LCOO-7', 'Delivered', [{ requirement: 'x', message: 'One.' }])).toContain('1 thing is missing. 1) One.');
  });

  test('a fail-closed refusal says why', () => {
    expect(failClosedMessage('LCOO-1', 'Jira is down.')).toBe("LCOO stage gate: LCOO-1 can't move yet: Jira is down.");
    expect(failClosedMessage(undefined, 'no issue.')).toBe('LCOO stage gate: this transition is blocked: no issue.');
  });
});
