// The Launchpad rules of the upstream evidence (issue 14): which link names a blueprint, and
// Blueprint Accepted "from Launchpad" (definition status "Approved", as Launchpad last said).
import { defaultGateConfig, GateConfigSchema, missingOnTheWay, type GateConfig } from '../../../src/domain/gates';
import { BUILTIN_CALENDAR } from '../../../src/domain/releases';
import { blueprintLacks, blueprintRef, type LaunchpadEvidence } from '../../../src/domain/upstream';
import { makeCompleteDelivery } from '../../fixtures/builders';

const REF = { project: 'nova', name: 'numa-aware-live-migration' };
const read = (definitionStatus: string, extra: Partial<LaunchpadEvidence> = {}): LaunchpadEvidence => ({
  source: 'launchpad',
  fetchedAt: '2026-11-30T08:00:00.000Z',
  blueprint: { ...REF, definitionStatus },
  ...extra,
});

describe('blueprintRef', () => {
  test.each([
    ['https://blueprints.launchpad.net/nova/+spec/numa-aware-live-migration', REF],
    ['https://launchpad.net/nova/+spec/numa-aware-live-migration/', REF],
    ['https://blueprints.launchpad.net/nova', undefined],
    ['https://example.org/nova/+spec/x', undefined],
    ['not a url', undefined],
    [undefined, undefined],
  ])('%s', (url, expected) => expect(blueprintRef(url)).toEqual(expected));
});

describe('blueprintLacks', () => {
  test('only "Approved" is accepted; the message names the blueprint and its status', () => {
    expect(blueprintLacks(read('Approved'), REF)).toBeUndefined();
    for (const s of ['Pending Approval', 'New', 'Discussion', 'Drafting', 'Review', 'Superseded', 'Obsolete'])
      expect(blueprintLacks(read(s), REF)).toBe(`the blueprint nova/numa-aware-live-migration is "${s}" on Launchpad, needs "Approved"`);
  });
  test('not read, not found, or read for another blueprint than the one linked now', () => {
    expect(blueprintLacks(undefined, REF)).toMatch(/has not been read from Launchpad; refresh from upstream/);
    expect(blueprintLacks({ source: 'launchpad', fetchedAt: '2026-11-30T08:00:00.000Z', notFound: true }, REF)).toBe(
      'Launchpad does not know the blueprint nova/numa-aware-live-migration; check the link',
    );
    expect(blueprintLacks(read('Approved'), { project: 'nova', name: 'other' })).toMatch(/has not been read from Launchpad/);
  });
  test('stale evidence still decides (the last known fact), as with Gerrit', () => {
    expect(blueprintLacks(read('Approved', { stale: { since: '2026-11-30T08:30:00.000Z', reason: 'down' } }), REF)).toBeUndefined();
  });
});

describe('the Blueprint Accepted gate', () => {
  const at = { nowMs: Date.parse('2026-11-30T00:00:00Z'), calendar: BUILTIN_CALENDAR };
  const base = makeCompleteDelivery();
  const url = `https://blueprints.launchpad.net/${REF.project}/+spec/${REF.name}`;
  const check = (config: GateConfig, upstream?: LaunchpadEvidence, bpUrl = url) =>
    missingOnTheWay(
      ['blueprint-accepted'],
      {
        lifecycle: 'delivery',
        integrity: 'valid',
        delivery: { ...base, blueprint: { ...base.blueprint!, url: bpUrl }, upstream: upstream ? { launchpad: upstream } : {} },
      },
      config,
      at,
    );
  const fromLaunchpad: GateConfig = { ...defaultGateConfig, blueprintAcceptedFrom: 'launchpad' };

  test('defaults to the panel: Launchpad is not asked', () => {
    expect(GateConfigSchema.parse({}).blueprintAcceptedFrom).toBe('panel');
    expect(check(defaultGateConfig, read('New')).filter((m) => m.requirement.startsWith('upstream:'))).toEqual([]);
  });
  test('from Launchpad: refused while the blueprint is not Approved, with a message naming it; passes once Approved', () => {
    expect(check(fromLaunchpad, read('Pending Approval')).filter((m) => m.requirement === 'upstream:blueprint-approved')).toEqual([
      {
        requirement: 'upstream:blueprint-approved',
        message:
          'Blueprint (from Launchpad): the blueprint nova/numa-aware-live-migration is "Pending Approval" on Launchpad, needs "Approved".',
      },
    ]);
    expect(check(fromLaunchpad, read('Approved')).filter((m) => m.requirement.startsWith('upstream:'))).toEqual([]);
    // Never read: refused too (the hand-entered link alone is not Launchpad's acceptance).
    expect(check(fromLaunchpad).map((m) => m.requirement)).toContain('upstream:blueprint-approved');
  });
  test("from Launchpad: the hand-entered acceptance no longer stands for the community's, but LCOO's stakeholders must still accept", () => {
    const accepted = base.approvals!.filter((a) => a.role === 'stakeholder-acceptance');
    expect(accepted.length).toBeGreaterThan(0);
    // The stakeholders' approval recorded in the panel does not make up for Launchpad's "Pending Approval".
    expect(check(fromLaunchpad, read('Pending Approval')).map((m) => m.requirement)).toEqual(['upstream:blueprint-approved']);
    // Launchpad "Approved" does not make up for LCOO's own stakeholders, which no upstream tool holds.
    const withoutApproval = missingOnTheWay(
      ['blueprint-accepted'],
      {
        lifecycle: 'delivery',
        integrity: 'valid',
        delivery: {
          ...base,
          blueprint: { ...base.blueprint!, url },
          approvals: base.approvals!.filter((a) => a.role !== 'stakeholder-acceptance'),
          upstream: { launchpad: read('Approved') },
        },
      },
      fromLaunchpad,
      at,
    );
    expect(withoutApproval).toEqual([
      {
        requirement: 'approval:stakeholder-acceptance',
        message:
          "LCOO stakeholder acceptance: LCOO's stakeholders have not accepted the blueprint yet (record it in the LCOO panel; the community's acceptance is read from Launchpad).",
      },
    ]);
    // Both: the gate opens.
    expect(check(fromLaunchpad, read('Approved'))).toEqual([]);
  });
  test('from Launchpad with a blueprint link that names no blueprint: asks for the link', () => {
    expect(check(fromLaunchpad, read('Approved'), 'https://launchpad.net/nova').map((m) => m.requirement)).toContain('delivery:blueprint');
  });
});
