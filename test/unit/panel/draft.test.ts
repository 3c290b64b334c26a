// The issue panel's draft <-> payload helpers: what a person types becomes exactly what the
// domain's input schemas accept, blank rows never reach the server, approvals never leave.
import { DeliveryInputSchema, VettingInputSchema, type Delivery, type Vetting } from '../../../src/domain';
import {
  changeNumberFromUrl,
  deliveryDraft,
  deliveryInput,
  sameDraft,
  personWeeksValue,
  savedLabel,
  textsOf,
  readableProblem,
  lostTexts,
  vettingDraft,
  vettingInput,
} from '../../../static/issue-panel/src/draft';

const COMPANIES = ['att', 'comcast', 'ntt'];

const fullVetting: Vetting = {
  schemaVersion: 2,
  fst: 'Networking',
  type: 'new',
  requirements: ['SR-IOV ports survive live migration'],
  acceptanceCriteria: ['Tempest scenario passes on two hosts'],
  components: ['Nova', 'Neutron'],
  stakeholders: [{ name: 'Ann Lee', company: 'AT&T', role: 'Architect' }],
  artifacts: [{ kind: 'design', url: 'https://etherpad.opendev.org/p/sriov', title: 'Etherpad' }],
  size: 'L',
  valueToMembers: 'NFV workloads keep running during maintenance.',
  valueToCommunity: 'Every SR-IOV operator benefits.',
  blueprints: {
    searched: true,
    findings: [{ url: 'https://blueprints.launchpad.net/nova/+spec/sriov-live-migration', summary: 'Stalled in Rocky' }],
    conclusion: 'Revive it',
  },
  communityAlignment: [{ channel: 'ptg', notes: 'Nova PTG session agreed', date: '2026-10-20' }],
  collaborators: {
    companies: [{ company: 'comcast', interest: 'yes', people: [{ name: 'Bo Chen', personWeeks: 6 }, { name: 'Cy Diaz' }] }],
    workingGroups: ['Edge WG'],
  },
  targetRelease: 'indri',
  deliveryStream: 'own-contributors',
  notes: { size: 'Two cycles' },
  approvals: [{ role: 'fst-prioritization', accountId: 'a-1', displayName: 'Farah', at: '2026-11-01T10:00:00.000Z' }],
};

describe('vetting draft', () => {
  test('a stored record round-trips through the draft into a payload the domain accepts, without approvals', () => {
    const input = vettingInput(vettingDraft(fullVetting, COMPANIES));
    expect(input).not.toHaveProperty('approvals');
    const parsed = VettingInputSchema.parse(input);
    const { approvals: _dropped, ...rest } = fullVetting;
    expect(parsed).toEqual(rest);
  });

  test('every configured company gets a row, plus companies only the record names', () => {
    const d = vettingDraft(
      { schemaVersion: 2, collaborators: { companies: [{ company: 'Ericsson', interest: 'no', people: [] }], workingGroups: [] } },
      COMPANIES,
    );
    expect(d.companies.map((c) => c.company)).toEqual(['att', 'comcast', 'ntt', 'Ericsson']);
    expect(d.companies[3]).toEqual({ company: 'Ericsson', interest: 'no', people: [] });
  });

  test('blank rows and empty answers are left out, so an empty draft is a minimal valid record', () => {
    const d = vettingDraft(undefined, COMPANIES);
    d.requirements = ['', '  '];
    d.stakeholders = [{ name: '', company: '', role: '' }];
    d.artifacts = [{ kind: 'story', url: '', title: '' }];
    d.communityAlignment = [{ channel: 'irc', notes: '', date: '' }];
    d.notes = { size: '   ' };
    expect(vettingInput(d)).toEqual({ schemaVersion: 2 });
  });

  test('people named without an interest are recorded as undecided, never as joining', () => {
    const d = vettingDraft(undefined, COMPANIES);
    d.companies[2] = {
      company: 'ntt',
      interest: '',
      people: [
        { name: 'Kenji Tanaka', personWeeks: '4' },
        { name: '  ', personWeeks: '' },
        { name: 'Aiko Sato', personWeeks: '2,5' },
      ],
    };
    const input = VettingInputSchema.parse(vettingInput(d));
    expect(input.collaborators?.companies).toEqual([
      {
        company: 'ntt',
        interest: 'undecided',
        people: [
          { name: 'Kenji Tanaka', personWeeks: 4 },
          { name: 'Aiko Sato', personWeeks: 2.5 },
        ],
      },
    ]);
  });

  test('person-weeks that are not a number are sent as typed, so the server names the problem', () => {
    expect(personWeeksValue('3')).toBe(3);
    expect(personWeeksValue(' ')).toBeUndefined();
    expect(personWeeksValue('three')).toBe('three');
    const d = vettingDraft(undefined, COMPANIES);
    d.companies[0] = { company: 'att', interest: 'yes', people: [{ name: 'Ann', personWeeks: 'three' }] };
    const r = VettingInputSchema.safeParse(vettingInput(d));
    expect(r.error?.issues[0]?.path).toEqual(['collaborators', 'companies', 0, 'people', 0, 'personWeeks']);
  });

  test('a half-filled stakeholder row is sent so the server can say which field is missing', () => {
    const d = vettingDraft(undefined, COMPANIES);
    d.stakeholders = [{ name: '', company: 'Orange', role: '' }];
    const r = VettingInputSchema.safeParse(vettingInput(d));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['stakeholders', 0, 'name']);
  });

  test('dirty check: editing then undoing is not a change; a real edit is', () => {
    const a = vettingDraft(fullVetting, COMPANIES);
    const b = vettingDraft(fullVetting, COMPANIES);
    expect(sameDraft(a, b, vettingInput)).toBe(true);
    b.requirements = [...b.requirements, ''];
    expect(sameDraft(a, b, vettingInput)).toBe(true);
    b.valueToMembers = 'Changed';
    expect(sameDraft(a, b, vettingInput)).toBe(false);
  });
});

const fullDelivery: Delivery = {
  schemaVersion: 1,
  roadmapItemKey: 'LCOO-3',
  project: 'Nova',
  blueprint: {
    url: 'https://blueprints.launchpad.net/nova/+spec/x',
    title: 'X',
    recordedBy: 'a-1',
    recordedAt: '2026-11-01T10:00:00.000Z',
  },
  specification: {
    reviewUrl: 'https://review.opendev.org/c/openstack/nova-specs/+/900001',
    approved: true,
    recordedBy: 'a-1',
    recordedAt: '2026-11-01T10:00:00.000Z',
  },
  changes: [
    {
      number: 912345,
      url: 'https://review.opendev.org/c/openstack/nova/+/912345',
      status: 'merged',
      ci: 'pass',
      recordedBy: 'a-1',
      recordedAt: '2026-11-01T10:00:00.000Z',
    },
  ],
  milestone: { releaseId: 'indri', label: 'Indri-2', date: '2027-01-14', recordedBy: 'a-1', recordedAt: '2026-11-01T10:00:00.000Z' },
  alignment: [{ notes: 'PTL agreed at the PTG', date: '2026-10-21', recordedBy: 'a-1', recordedAt: '2026-11-01T10:00:00.000Z' }],
  approvals: [{ role: 'core-approval', accountId: 'a-2', displayName: 'Core', at: '2026-11-02T10:00:00.000Z', ref: '912345' }],
};

describe('delivery draft', () => {
  test('round-trips into a payload the domain accepts, without approvals or stamps', () => {
    const input = deliveryInput(deliveryDraft(fullDelivery));
    expect(input).not.toHaveProperty('approvals');
    expect(JSON.stringify(input)).not.toContain('recordedBy');
    const parsed = DeliveryInputSchema.parse(input);
    expect(parsed.changes).toEqual([
      { number: 912345, url: 'https://review.opendev.org/c/openstack/nova/+/912345', status: 'merged', ci: 'pass' },
    ]);
    expect(parsed.milestone).toEqual({ releaseId: 'indri', label: 'Indri-2', date: '2027-01-14' });
  });

  test('a change without a typed number takes it from its Gerrit link', () => {
    const d = deliveryDraft(undefined);
    d.changes = [{ number: '', url: 'https://review.opendev.org/c/openstack/neutron/+/923456/3', status: '', ci: '' }];
    expect(DeliveryInputSchema.parse(deliveryInput(d)).changes).toEqual([
      { number: 923456, url: 'https://review.opendev.org/c/openstack/neutron/+/923456/3', status: 'open', ci: 'pending' },
    ]);
  });

  test('a number that is not a number reaches the server as typed, so its message names the field', () => {
    const d = deliveryDraft(undefined);
    d.changes = [{ number: '12a', url: 'https://review.opendev.org/x', status: 'open', ci: 'pass' }];
    const r = DeliveryInputSchema.safeParse(deliveryInput(d));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['changes', 0, 'number']);
  });

  test('an empty draft is a minimal record', () => {
    expect(deliveryInput(deliveryDraft(undefined))).toEqual({ schemaVersion: 1 });
  });
});

describe('words on screen', () => {
  test('changeNumberFromUrl reads Gerrit links old and new', () => {
    expect(changeNumberFromUrl('https://review.opendev.org/c/openstack/nova/+/912345')).toBe('912345');
    expect(changeNumberFromUrl('https://review.opendev.org/#/c/456789/')).toBe('456789');
    expect(changeNumberFromUrl('https://review.openstack.org/123456')).toBe('123456');
    expect(changeNumberFromUrl('https://example.org/docs')).toBeUndefined();
  });

  test('savedLabel says today, yesterday or the date, with the time, as people say it', () => {
    const now = new Date(2026, 10, 25, 18, 0);
    expect(savedLabel(new Date(2026, 10, 25, 12, 3).toISOString(), now, 'en-GB')).toBe('today at 12:03');
    expect(savedLabel(new Date(2026, 10, 24, 9, 5).toISOString(), now, 'en-GB')).toBe('yesterday at 09:05');
    expect(savedLabel(new Date(2026, 10, 20, 9, 5).toISOString(), now, 'en-GB')).toBe('20 Nov 2026 at 09:05');
    expect(savedLabel(new Date(2026, 10, 20, 14, 5).toISOString(), now, 'en-US')).toBe('Nov 20, 2026 at 02:05 PM');
    expect(savedLabel('not a date', now)).toBeUndefined();
    expect(savedLabel(undefined, now)).toBeUndefined();
  });

  test('textsOf lists every text a person typed, labelled by where it was', () => {
    expect(textsOf({ schemaVersion: 2, requirements: ['A', 'B'], notes: { size: 'N' }, blueprints: { searched: true } })).toEqual([
      'requirements.0: A',
      'requirements.1: B',
      'notes.size: N',
    ]);
  });

  test('readableProblem names fields by their labels on screen', () => {
    const labels = { artifacts: 'Related artifacts', collaborators: 'Collaborators sought / identified' };
    expect(
      readableProblem('The request is not valid. vetting.artifacts.0.url: Enter a web address starting with http:// or https://.', labels),
    ).toBe('The request is not valid. Related artifacts, entry 1, link: Enter a web address starting with http:// or https://.');
    expect(readableProblem('x. vetting.collaborators.companies.2.people.0.name: A; delivery.changes.1.number: B.', labels)).toBe(
      'x. Collaborators sought / identified, companies, entry 3, committed people, entry 1, name: A; Gerrit changes, entry 2, number: B.',
    );
    expect(readableProblem('Someone else saved this.', labels)).toBe('Someone else saved this.');
  });

  test('lostTexts lists only what the reloaded record lacks, labelled as on screen', () => {
    const labels = { valueToMembers: 'Value / benefit to LCOO members', requirements: 'Requirements and acceptance criteria' };
    const mine = { schemaVersion: 2, valueToMembers: 'Mine', requirements: ['Same', 'Only mine'], size: 'L' };
    const theirs = { schemaVersion: 2, valueToMembers: 'Theirs', requirements: ['Same'], size: 'L' };
    expect(lostTexts(mine, theirs, labels)).toEqual([
      'Value / benefit to LCOO members: Mine',
      'Requirements and acceptance criteria, entry 2: Only mine',
    ]);
    expect(lostTexts(theirs, theirs, labels)).toEqual([]);
  });
});
