import {
  APPROVAL_RECORD,
  APPROVAL_ROLES,
  ApprovalSchema,
  GATE_APPROVALS,
  approvalPrerequisite,
  distinctCoreApprovals,
  hasApproval,
  withApproval,
} from '../../../src/domain';
import { CORE_A_ID, CORE_B_ID, makeApproval, makeCompleteDelivery, makeGerritChange } from '../../fixtures/builders';

describe('approvals', () => {
  it('validates an approval', () => {
    expect(ApprovalSchema.parse(makeApproval('core-approval', { ref: '912345' }))).toMatchObject({ role: 'core-approval', ref: '912345' });
    expect(ApprovalSchema.safeParse({ ...makeApproval('pod-acceptance'), role: 'ceo-blessing' }).success).toBe(false);
    expect(ApprovalSchema.safeParse({ ...makeApproval('pod-acceptance'), at: 'last week' }).success).toBe(false);
    expect(ApprovalSchema.safeParse({ ...makeApproval('pod-acceptance'), accountId: ' ' }).success).toBe(false);
  });

  it('says which gate needs which role, and which record holds it', () => {
    expect(GATE_APPROVALS.prioritized).toEqual(['fst-prioritization', 'lrc-prioritization']);
    expect(GATE_APPROVALS['blueprint-accepted']).toEqual(['stakeholder-acceptance']);
    expect(GATE_APPROVALS['code-committed']).toEqual(['core-approval']);
    expect(GATE_APPROVALS.delivered).toEqual(['pod-acceptance', 'lrc-tracking']);
    const gated = Object.values(GATE_APPROVALS).flat();
    expect([...new Set(gated)].sort()).toEqual([...APPROVAL_ROLES].sort());
    expect(APPROVAL_RECORD['fst-prioritization']).toBe('vetting');
    expect(APPROVAL_RECORD['core-approval']).toBe('delivery');
  });

  it('records an approval once per person, role and ref', () => {
    let list = withApproval([], makeApproval('core-approval', { ref: '1' }));
    list = withApproval(list, makeApproval('core-approval', { ref: '1', note: 'again' }));
    list = withApproval(list, makeApproval('core-approval', { ref: '2' }));
    expect(list).toHaveLength(2);
    expect(list.filter((a) => a.role === 'core-approval').map((a) => [a.ref, a.note])).toEqual([
      ['1', 'again'],
      ['2', undefined],
    ]);
    expect(hasApproval(list, 'pod-acceptance')).toBe(false);
    expect(hasApproval(undefined, 'pod-acceptance')).toBe(false);
  });

  it('counts distinct core reviewers whose approval still counts', () => {
    expect(distinctCoreApprovals(makeCompleteDelivery()).sort()).toEqual([CORE_A_ID, CORE_B_ID].sort());
    const d = makeCompleteDelivery({
      changes: [makeGerritChange({ number: 1 }), makeGerritChange({ number: 2, status: 'abandoned' })],
      approvals: [
        makeApproval('core-approval', { accountId: CORE_A_ID, ref: '1' }),
        makeApproval('core-approval', { accountId: CORE_A_ID, ref: '#1' }),
        makeApproval('core-approval', { accountId: CORE_B_ID, ref: '2' }),
        makeApproval('core-approval', { accountId: 'someone-else', ref: '99' }),
        makeApproval('pod-acceptance', { accountId: 'pod' }),
      ],
    });
    expect(distinctCoreApprovals(d)).toEqual([CORE_A_ID]);
    // Without a ref an approval covers the deliverable as a whole.
    expect(distinctCoreApprovals({ approvals: [makeApproval('core-approval', { accountId: CORE_B_ID })] })).toEqual([CORE_B_ID]);
    expect(distinctCoreApprovals(undefined)).toEqual([]);
  });

  it('orders prioritization and ties core approvals to live changes', () => {
    expect(approvalPrerequisite('lrc-prioritization', { approvals: [] })).toMatch(/record the FST prioritization first/);
    expect(approvalPrerequisite('lrc-prioritization', { approvals: [makeApproval('fst-prioritization')] })).toBeUndefined();
    const d = makeCompleteDelivery({ changes: [makeGerritChange({ number: 5 }), makeGerritChange({ number: 6, status: 'abandoned' })] });
    expect(approvalPrerequisite('core-approval', d, '5')).toBeUndefined();
    expect(approvalPrerequisite('core-approval', d, '6')).toBe('Gerrit change 6 is abandoned; an approval of it would not count.');
    expect(approvalPrerequisite('core-approval', d, '7')).toBe(
      'Gerrit change 7 is not listed on this deliverable; add it before approving it.',
    );
    expect(approvalPrerequisite('pod-acceptance', d)).toBeUndefined();
  });
});
