// Approvals bound to what they approved (issue 11, point 2): the digest, the stale state with
// the parts that changed, and the gate counting only current approvals unless the admin relaxes
// it for that kind.
import { createHash } from 'node:crypto';
import { approvalCounts, approvalState, bindApproval } from '../../../src/domain/approval-content';
import { digestOf, sha256Hex } from '../../../src/domain/digest';
import { GateConfigSchema } from '../../../src/domain';
import { evaluateGate } from '../../fixtures/evaluate-gate';
import { FIXED_NOW, makeApproval, makeCompleteVetting } from '../../fixtures/builders';

describe('the digest', () => {
  test.each(['', 'abc', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'é 日本 ✓'.repeat(40)])(
    'is SHA-256 as Node computes it (%#)',
    (text) => {
      const bytes = new TextEncoder().encode(text);
      expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    },
  );

  test('does not depend on key order', () => {
    expect(digestOf({ a: 1, b: [1, 2] })).toBe(digestOf({ b: [1, 2], a: 1 }));
    expect(digestOf({ a: 1 })).not.toBe(digestOf({ a: 2 }));
  });
});

describe('an approval against the record as it is now', () => {
  const vetting = makeCompleteVetting();
  const bound = bindApproval(makeApproval('fst-prioritization'), vetting, 4);

  test('is current while what it approved is unchanged, and restamping evidence changes nothing', () => {
    expect(approvalState(bound, vetting)).toEqual({ kind: 'current' });
    const restamped = { ...vetting, blueprints: { ...vetting.blueprints!, recordedAt: '2027-01-01T00:00:00.000Z' } };
    expect(approvalState(bound, restamped as typeof vetting)).toEqual({ kind: 'current' });
  });

  test('is stale, naming the checklist item, when the checklist changes', () => {
    expect(approvalState(bound, { ...vetting, size: vetting.size === 'XL' ? 'S' : 'XL' })).toEqual({ kind: 'stale', changed: ['size'] });
    expect(approvalState(bound, { ...vetting, fst: 'containers' })).toEqual({ kind: 'stale', changed: ['fst'] });
  });

  test('an approval recorded before binding is unbound (counted; the next write binds it)', () => {
    expect(approvalState(makeApproval('fst-prioritization'), vetting)).toEqual({ kind: 'unbound' });
  });

  test('the Prioritized gate counts only approvals of the current content, unless the admin lets that kind count', () => {
    const approvals = vetting.approvals!.map((a) => bindApproval(a, vetting, 4));
    const changed = { ...vetting, size: vetting.size === 'XL' ? ('S' as const) : ('XL' as const), approvals };
    const subject = { lifecycle: 'portfolio' as const, from: 'being-vetted' as const, vetting: changed, integrity: 'valid' as const };
    const strict = evaluateGate('prioritized', subject, GateConfigSchema.parse({}), FIXED_NOW);
    expect(strict.pass).toBe(false);
    expect(strict.missing.map((m) => m.message).join(' ')).toMatch(/earlier version/i);
    expect(approvalCounts(approvals[0]!, changed, [])).toBe(false);
    const relaxed = GateConfigSchema.parse({ staleApprovalsCount: ['fst-prioritization', 'lrc-prioritization'] });
    expect(evaluateGate('prioritized', subject, relaxed, FIXED_NOW)).toEqual({ pass: true, missing: [] });
  });
});
