// The evidence rules of issue 14 (src/domain/upstream.ts) and the Code Committed gate "from
// Gerrit only" (src/domain/gates.ts): pure, on votes as Gerrit reports them.
import { defaultGateConfig, missingOnTheWay, type GateConfig } from '../../../src/domain/gates';
import { BUILTIN_CALENDAR } from '../../../src/domain/releases';
import {
  changeLacks,
  codeReviewApprovers,
  codeReviewVetoes,
  isLiveChange,
  specChangeNumber,
  upstreamNumbers,
  workflowApproved,
  zuulVerified,
  type GerritAccount,
  type UpstreamChange,
  type UpstreamVote,
} from '../../../src/domain/upstream';
import type { Delivery } from '../../../src/domain/delivery';

const ana: GerritAccount = { id: 1, name: 'Ana', username: 'ana' };
const bram: GerritAccount = { id: 2, name: 'Bram', username: 'bram' };
const zuul: GerritAccount = { id: 22348, name: 'Zuul', username: 'zuul' };
const human: GerritAccount = { id: 3, name: 'Carla', username: 'carla' };

const vote = (label: UpstreamVote['label'], by: GerritAccount, value: number, patchSet?: number): UpstreamVote => ({
  label,
  by,
  value,
  ...(patchSet ? { patchSet } : {}),
});

function change(votes: UpstreamVote[], status: UpstreamChange['status'] = 'MERGED', number = 912345): UpstreamChange {
  return { number, project: 'openstack/nova', branch: 'master', status, votes };
}

const ready = [vote('Code-Review', ana, 2), vote('Code-Review', bram, 2), vote('Verified', zuul, 2), vote('Workflow', bram, 1)];

describe('evidence rules', () => {
  it('an abandoned change is not live; new and merged ones are', () => {
    expect(isLiveChange({ status: 'ABANDONED' })).toBe(false);
    expect(isLiveChange({ status: 'NEW' })).toBe(true);
    expect(isLiveChange({ status: 'MERGED' })).toBe(true);
  });

  it('two +2 from the same reviewer on two patch sets count once', () => {
    const c = change([vote('Code-Review', ana, 2, 1), vote('Code-Review', ana, 2, 2)]);
    expect(codeReviewApprovers(c).map((a) => a.id)).toEqual([1]);
    expect(changeLacks(c, 2)).toContain('has one Code-Review +2, needs two');
  });

  it("a reviewer's later vote replaces the earlier one (a +2 taken back to +1 no longer counts)", () => {
    const c = change([vote('Code-Review', ana, 2, 1), vote('Code-Review', ana, 1, 2), vote('Code-Review', bram, 2, 2)]);
    expect(codeReviewApprovers(c).map((a) => a.id)).toEqual([2]);
  });

  it('a -2 blocks whatever the +2s', () => {
    const c = change([...ready, vote('Code-Review', human, -2)]);
    expect(codeReviewVetoes(c).map((a) => a.id)).toEqual([3]);
    expect(changeLacks(c, 2)).toEqual(['has a Code-Review -2 from Carla']);
  });

  it('Verified counts only from Zuul, +1 or better', () => {
    expect(zuulVerified(change([vote('Verified', human, 1)]))).toBeUndefined();
    expect(
      changeLacks(
        change([vote('Code-Review', ana, 2), vote('Code-Review', bram, 2), vote('Verified', human, 1), vote('Workflow', ana, 1)]),
        2,
      ),
    ).toEqual(['has no Verified vote from Zuul']);
    expect(changeLacks(change([...ready.filter((v) => v.label !== 'Verified'), vote('Verified', zuul, -1)]), 2)).toEqual([
      'has Verified -1 from Zuul, needs +1',
    ]);
    expect(zuulVerified(change([vote('Verified', zuul, 1)]))).toBe(1);
  });

  it('Workflow +1 is required', () => {
    expect(workflowApproved(change(ready))).toBe(true);
    expect(changeLacks(change(ready.filter((v) => v.label !== 'Workflow')), 2)).toEqual(['has no Workflow +1']);
  });

  it('a merged change with two cores, Zuul and Workflow lacks nothing; an open one is not merged', () => {
    expect(changeLacks(change(ready), 2)).toEqual([]);
    expect(changeLacks(change(ready, 'NEW'), 2)).toEqual(['is not merged']);
  });
});

describe('Code Committed "from Gerrit only"', () => {
  const at = { nowMs: Date.parse('2026-11-30T00:00:00Z'), calendar: BUILTIN_CALENDAR };
  const gerritOnly: GateConfig = { ...defaultGateConfig, codeCommittedFrom: 'gerrit' };
  const stamp = { recordedBy: 'u1', recordedAt: '2026-11-01T00:00:00Z' };
  const delivery = (changes: UpstreamChange[], linked = changes.map((c) => c.number)): Delivery => ({
    schemaVersion: 1,
    // What people entered says merged and passing: with the setting on it must not count.
    changes: linked.map((n) => ({
      url: `https://review.opendev.org/c/openstack/nova/+/${n}`,
      number: n,
      status: 'merged',
      ci: 'pass',
      ...stamp,
    })),
    upstream: { gerrit: { source: 'gerrit', fetchedAt: '2026-11-29T23:48:00Z', changes } },
  });
  const check = (d: Delivery, config = gerritOnly) =>
    missingOnTheWay(['code-committed'], { lifecycle: 'delivery', integrity: 'valid', delivery: d }, config, at);

  it('names the change and what it lacks', () => {
    const missing = check(delivery([change([vote('Code-Review', ana, 2), vote('Verified', zuul, 2), vote('Workflow', ana, 1)])]));
    expect(missing).toEqual([
      { requirement: 'upstream:code-committed', message: 'Gerrit: change 912345 has one Code-Review +2, needs two.' },
    ]);
  });

  it('passes on what Gerrit says, without any core approval recorded in the app', () => {
    expect(check(delivery([change(ready)]))).toEqual([]);
  });

  it('N comes from the gate settings', () => {
    const one = delivery([change([vote('Code-Review', ana, 2), vote('Verified', zuul, 2), vote('Workflow', ana, 1)])]);
    expect(check(one, { ...gerritOnly, coreApprovalsRequired: 1 })).toEqual([]);
    expect(check(delivery([change(ready)]), { ...gerritOnly, coreApprovalsRequired: 3 })[0]?.message).toContain(
      'has two Code-Review +2, needs three',
    );
  });

  it('abandoned changes are left out; only abandoned ones fail', () => {
    expect(check(delivery([change(ready), change([], 'ABANDONED', 912346)]))).toEqual([]);
    expect(check(delivery([change([], 'ABANDONED', 912346)]))[0]?.requirement).toBe('delivery:changes');
  });

  it('a change Gerrit has not reported, and a record never refreshed, do not pass', () => {
    expect(check(delivery([change(ready)], [912345, 999]))[0]?.message).toContain('change 999 was not found in Gerrit');
    const never: Delivery = { ...delivery([change(ready)]) };
    delete never.upstream;
    expect(check(never)[0]?.requirement).toBe('upstream:gerrit');
  });

  it('with the setting off, what people entered decides as before (core approvals in the app)', () => {
    const missing = check(delivery([change([], 'NEW')]), defaultGateConfig);
    expect(missing.map((m) => m.requirement)).toEqual(['approval:core-approval']);
  });
});

describe('Specification Accepted "from Gerrit only"', () => {
  const at = { nowMs: Date.parse('2026-11-30T00:00:00Z'), calendar: BUILTIN_CALENDAR };
  const config: GateConfig = { ...defaultGateConfig, specAcceptedFrom: 'gerrit' };
  const stamp = { recordedBy: 'u1', recordedAt: '2026-11-01T00:00:00Z' };
  const spec = (status: UpstreamChange['status'], project = 'openstack/nova-specs'): Delivery => ({
    schemaVersion: 1,
    // The box says approved: with the setting on it does not count.
    specification: { reviewUrl: 'https://review.opendev.org/c/openstack/nova-specs/+/911862', approved: true, ...stamp },
    upstream: {
      gerrit: {
        source: 'gerrit',
        fetchedAt: '2026-11-29T23:00:00Z',
        changes: [{ number: 911862, project, branch: 'master', status, votes: [] }],
      },
    },
  });
  const check = (d: Delivery, c = config) =>
    missingOnTheWay(['spec-accepted'], { lifecycle: 'delivery', integrity: 'valid', delivery: d }, c, at);

  it('reads the change number from review.opendev.org links only', () => {
    expect(specChangeNumber('https://review.opendev.org/c/openstack/nova-specs/+/911862')).toBe(911862);
    expect(specChangeNumber('https://review.opendev.org/911862')).toBe(911862);
    expect(specChangeNumber('https://review.opendev.org/#/c/911862/')).toBe(911862);
    expect(specChangeNumber('https://example.org/c/x/+/911862')).toBeUndefined();
    expect(upstreamNumbers({ changes: [{ number: 1 }], specification: { reviewUrl: 'https://review.opendev.org/2' } })).toEqual([1, 2]);
  });

  it('passes only when the spec change is merged in a -specs repository', () => {
    expect(check(spec('MERGED'))).toEqual([]);
    expect(check(spec('NEW'))).toEqual([
      {
        requirement: 'upstream:spec-merged',
        message: 'Specification (from Gerrit): change 911862 in openstack/nova-specs is not merged yet.',
      },
    ]);
    expect(check(spec('MERGED', 'openstack/nova'))[0]?.message).toContain('not in a specifications repository');
    const unread: Delivery = { ...spec('MERGED') };
    delete unread.upstream;
    expect(check(unread)[0]?.message).toContain('has not been read from Gerrit');
  });

  it('with the setting off, the "approved" box decides as before', () => {
    expect(check(spec('NEW'), defaultGateConfig)).toEqual([]);
  });
});
