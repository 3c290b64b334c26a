import { VettingSchema, migrateVetting } from '../../../src/domain';
import { makeApproval, makeCompleteVetting } from '../../fixtures/builders';

const v1Full = {
  schemaVersion: 1,
  fst: 'Networking',
  proposingCompany: 'AT&T',
  type: 'Open sourcing',
  requirements: '- Expose minimum bandwidth for SR-IOV\n- Report it to Placement',
  acceptanceCriteria: '1. Tempest scenario passes',
  components: 'nova, Neutron;  Placement, FooBar',
  stakeholders: 'Jamey McCabe (AT&T, Roadmap Coordinator)\nSomeone from Orange',
  artifacts: 'Story: https://etherpad.openstack.org/p/LCOO-OcataScopeTracker  code https://review.opendev.org/c/openstack/nova/+/1',
  size: 'xl',
  valueToMembers: 'Guaranteed bandwidth',
  valueToCommunity: 'Better NFV support',
  blueprintsInvestigated: true,
  blueprintFindings: 'Found https://blueprints.launchpad.net/neutron/+spec/qos-minimum-bandwidth, OVS only',
  communityAlignment: 'Raised on IRC #openstack-neutron\nTalked at the Pike PTG\nchatted with a friend',
  collaborators: 'NTT interested, Intel maybe',
  targetRelease: 'Pike',
  deliveryStream: 'Project teams',
  notes: { size: 'Two developers for a cycle', bogus: 'dropped' },
  approvals: [makeApproval('fst-prioritization')],
};

describe('migrateVetting', () => {
  it('returns a valid version 2 record unchanged', () => {
    const v2 = makeCompleteVetting();
    expect(migrateVetting(v2)).toEqual({ ok: true, vetting: v2 });
  });

  it('upgrades a version 1 record field by field', () => {
    const r = migrateVetting(v1Full);
    if (!r.ok) throw new Error(r.error);
    const v = r.vetting;
    expect(VettingSchema.safeParse(v).success).toBe(true);
    expect(v.schemaVersion).toBe(2);
    expect(v.type).toBe('open-sourcing');
    expect(v.size).toBe('XL');
    expect(v.requirements).toEqual(['Expose minimum bandwidth for SR-IOV', 'Report it to Placement']);
    expect(v.acceptanceCriteria).toEqual(['Tempest scenario passes']);
    expect(v.components).toEqual(['Nova', 'Neutron', 'Placement']);
    expect(v.notes?.components).toBe('Also named in version 1: FooBar');
    expect(v.stakeholders).toEqual([{ name: 'Jamey McCabe', company: 'AT&T', role: 'Roadmap Coordinator' }]);
    expect(v.notes?.stakeholders).toBe('Someone from Orange');
    expect(v.artifacts?.map((a) => [a.kind, a.url])).toEqual([
      ['other', 'https://etherpad.openstack.org/p/LCOO-OcataScopeTracker'],
      ['code', 'https://review.opendev.org/c/openstack/nova/+/1'],
    ]);
    expect(v.blueprints).toEqual({
      searched: true,
      findings: [
        { url: 'https://blueprints.launchpad.net/neutron/+spec/qos-minimum-bandwidth', summary: 'Listed in the version 1 findings.' },
      ],
      conclusion: v1Full.blueprintFindings,
    });
    expect(v.communityAlignment?.map((e) => e.channel)).toEqual(['irc', 'ptg']);
    expect(v.notes?.communityAlignment).toBe('chatted with a friend');
    expect(v.notes?.collaborators).toBe('NTT interested, Intel maybe');
    expect(v.collaborators).toBeUndefined();
    expect(v.targetRelease).toBe('pike');
    expect(v.deliveryStream).toBe('project-teams');
    expect(v.notes?.size).toBe('Two developers for a cycle');
    expect(v.notes).not.toHaveProperty('bogus');
    expect(v.approvals).toEqual(v1Full.approvals);
  });

  it('keeps what it cannot map as notes instead of losing it', () => {
    const r = migrateVetting({ schemaVersion: 1, type: 'Feature', targetRelease: 'R', deliveryStream: 'magic' });
    if (!r.ok) throw new Error(r.error);
    expect(r.vetting.type).toBeUndefined();
    expect(r.vetting.notes).toEqual({
      type: 'Version 1 type: Feature',
      targetRelease: 'Version 1 target: R',
      collaborators: 'Version 1 delivery stream: magic',
    });
  });

  it('upgrades an empty version 1 record to an empty draft', () => {
    expect(migrateVetting({ schemaVersion: 1 })).toEqual({ ok: true, vetting: { schemaVersion: 2 } });
  });

  it('clips over-long version 1 text to the version 2 limits', () => {
    const r = migrateVetting({ schemaVersion: 1, valueToMembers: 'z'.repeat(5000) });
    if (!r.ok) throw new Error(r.error);
    expect(r.vetting.valueToMembers).toHaveLength(2000);
  });

  it('explains what is wrong with records it cannot read', () => {
    expect(migrateVetting(null)).toEqual({ ok: false, error: expect.stringMatching(/not an object/) });
    expect(migrateVetting({ schemaVersion: 3 })).toEqual({ ok: false, error: expect.stringMatching(/schema version 3/) });
    expect(migrateVetting({})).toEqual({ ok: false, error: expect.stringMatching(/schema version none/) });
    expect(migrateVetting({ schemaVersion: 1, size: 'huge' })).toEqual({ ok: false, error: expect.stringMatching(/version 1/) });
    const bad = migrateVetting({ schemaVersion: 2, size: 'huge' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toBe('The LCOO vetting record is not valid: Size of effort must be S, M, L or XL. (at size)');
  });
});
