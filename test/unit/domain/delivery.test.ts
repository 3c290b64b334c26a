import { DeliveryInputSchema, DeliverySchema, applyDeliveryInput, liveChanges, type DeliveryInput } from '../../../src/domain';
import { COORDINATOR_ID, RECORDED_AT, makeCompleteDelivery, makeDelivery, makeGerritChange } from '../../fixtures/builders';

const LATER = '2026-11-25T12:00:00.000Z';
const EDITOR = 'editor-account';

function inputOf(d: ReturnType<typeof makeCompleteDelivery>): DeliveryInput {
  const { approvals: _a, ...rest } = d;
  return DeliveryInputSchema.parse(rest);
}

describe('DeliverySchema', () => {
  it('accepts a draft and a complete record', () => {
    expect(DeliverySchema.safeParse({ schemaVersion: 1 }).success).toBe(true);
    expect(DeliverySchema.safeParse(makeDelivery()).success).toBe(true);
    expect(DeliverySchema.parse(makeCompleteDelivery())).toEqual(makeCompleteDelivery());
  });

  it('requires who recorded each piece of evidence and when', () => {
    const { recordedBy: _b, ...unstamped } = makeGerritChange();
    const r = DeliverySchema.safeParse(makeDelivery({ changes: [unstamped as never] }));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['changes', 0, 'recordedBy']);
    expect(DeliverySchema.safeParse(makeDelivery({ changes: [makeGerritChange({ recordedAt: 'Tuesday' })] })).success).toBe(false);
  });

  it('wants the blueprint on Launchpad and links over http(s)', () => {
    const bp = makeCompleteDelivery().blueprint!;
    expect(
      DeliverySchema.safeParse(makeDelivery({ blueprint: { ...bp, url: 'https://example.org/+spec/x' } })).error?.issues[0]?.message,
    ).toMatch(/Link the blueprint on Launchpad/);
    expect(DeliverySchema.safeParse(makeDelivery({ blueprint: { ...bp, url: 'https://launchpad.net/nova/+spec/x' } })).success).toBe(true);
    expect(DeliverySchema.safeParse(makeDelivery({ changes: [makeGerritChange({ url: 'javascript:alert(1)' })] })).success).toBe(false);
  });

  it('checks change numbers, statuses, CI results, project, release and roadmap item key', () => {
    expect(DeliverySchema.safeParse(makeDelivery({ changes: [makeGerritChange({ number: -1 })] })).success).toBe(false);
    expect(DeliverySchema.safeParse(makeDelivery({ changes: [makeGerritChange({ status: 'wip' as never })] })).success).toBe(false);
    expect(DeliverySchema.safeParse(makeDelivery({ changes: [makeGerritChange({ ci: 'green' as never })] })).success).toBe(false);
    expect(DeliverySchema.safeParse(makeDelivery({ project: 'OpenShift' })).error?.issues[0]?.message).toBe(
      'Pick the OpenStack project from the list.',
    );
    expect(DeliverySchema.safeParse(makeDelivery({ milestone: { ...makeCompleteDelivery().milestone!, releaseId: 'R' } })).success).toBe(
      false,
    );
    expect(DeliverySchema.safeParse(makeDelivery({ roadmapItemKey: 'not a key' })).error?.issues[0]?.message).toBe(
      'Enter a Jira issue key such as LCOO-12.',
    );
    expect(DeliverySchema.parse(makeDelivery({ roadmapItemKey: 'lcoo-7' })).roadmapItemKey).toBe('LCOO-7');
  });

  it('refuses the same Gerrit change twice', () => {
    const r = DeliverySchema.safeParse(makeDelivery({ changes: [makeGerritChange({ number: 1 }), makeGerritChange({ number: 1 })] }));
    expect(r.error?.issues[0]?.message).toBe('Gerrit change 1 is listed twice; keep one entry per change.');
  });

  it('keeps a record within the property limit', () => {
    const notes = Array.from({ length: 30 }, () => ({ notes: 'n'.repeat(1500), recordedBy: COORDINATOR_ID, recordedAt: RECORDED_AT }));
    expect(DeliverySchema.safeParse(makeDelivery({ alignment: notes })).error?.issues[0]?.message).toMatch(/too large to store in Jira/);
  });

  it('lists the changes that still count', () => {
    const d = makeDelivery({ changes: [makeGerritChange({ number: 1 }), makeGerritChange({ number: 2, status: 'abandoned' })] });
    expect(liveChanges(d).map((c) => c.number)).toEqual([1]);
    expect(liveChanges(undefined)).toEqual([]);
  });
});

describe('applyDeliveryInput', () => {
  it('keeps the stamps of unchanged evidence and the stored approvals', () => {
    const stored = makeCompleteDelivery();
    const merged = applyDeliveryInput(stored, inputOf(stored), EDITOR, LATER);
    expect(merged).toEqual(stored);
    expect(DeliverySchema.safeParse(merged).success).toBe(true);
  });

  it('stamps new and changed evidence with the editor and time', () => {
    const stored = makeCompleteDelivery();
    const input = inputOf(stored);
    input.changes = [
      { ...input.changes![0]!, status: 'open' },
      input.changes![1]!,
      { url: 'https://review.opendev.org/c/3', number: 3, status: 'open', ci: 'pending' },
    ];
    input.specification = { ...input.specification!, approved: false };
    const merged = applyDeliveryInput(stored, input, EDITOR, LATER);
    expect(merged.changes?.map((c) => [c.number, c.recordedBy, c.recordedAt])).toEqual([
      [912345, EDITOR, LATER],
      [912346, COORDINATOR_ID, RECORDED_AT],
      [3, EDITOR, LATER],
    ]);
    expect(merged.specification).toMatchObject({ approved: false, recordedBy: EDITOR, recordedAt: LATER });
    expect(merged.blueprint?.recordedBy).toBe(COORDINATOR_ID);
    expect(merged.approvals).toEqual(stored.approvals);
  });

  it('ignores stamps a client tries to send, and refuses approvals', () => {
    const blueprint = {
      url: 'https://blueprints.launchpad.net/nova/+spec/x',
      title: 'x',
      recordedBy: 'someone',
      recordedAt: '2020-01-01T00:00:00Z',
    };
    expect(DeliveryInputSchema.safeParse({ blueprint, approvals: [{ role: 'pod-acceptance' }] }).error?.issues[0]?.message).toMatch(
      /Approvals can't be saved with the delivery record/,
    );
    const forged = DeliveryInputSchema.parse({ blueprint });
    const merged = applyDeliveryInput(undefined, forged, EDITOR, LATER);
    expect(merged.blueprint).toMatchObject({ recordedBy: EDITOR, recordedAt: LATER });
    expect(merged.approvals).toBeUndefined();
  });
});
