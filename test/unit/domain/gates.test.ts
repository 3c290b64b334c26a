import { DeliverySchema } from '../../../src/domain/delivery';
import {
  GateConfigSchema,
  defaultGateConfig,
  gatesOnTheWay,
  requiredChecklistFor,
  type Delivery,
  type GateSubject,
  type Stage,
  type Vetting,
} from '../../../src/domain';
import { evaluateGate } from '../../fixtures/evaluate-gate';
import {
  CORE_A_ID,
  CORE_B_ID,
  FIXED_NOW,
  makeApproval,
  makeCompleteDelivery,
  makeCompleteVetting,
  makeDelivery,
  makeGerritChange,
  makeVetting,
} from '../../fixtures/builders';

const portfolio = (vetting: Vetting | undefined, from?: Stage, integrity: GateSubject['integrity'] = 'valid'): GateSubject => ({
  lifecycle: 'portfolio',
  ...(from ? { from } : {}),
  ...(vetting ? { vetting } : {}),
  integrity,
});
const delivery = (d: Delivery | undefined, from?: Stage, integrity: GateSubject['integrity'] = 'valid'): GateSubject => ({
  lifecycle: 'delivery',
  ...(from ? { from } : {}),
  ...(d ? { delivery: d } : {}),
  integrity,
});
const gate = (target: Stage, subject: GateSubject, config = defaultGateConfig) => evaluateGate(target, subject, config, FIXED_NOW);
const messages = (target: Stage, subject: GateSubject, config = defaultGateConfig) =>
  gate(target, subject, config).missing.map((m) => m.message);

describe('GateConfig', () => {
  it('defaults to the seed: two cores, specification step on, all 12 items before Prioritized', () => {
    expect(GateConfigSchema.parse({})).toEqual({
      coreApprovalsRequired: 2,
      specificationStep: true,
      requiredChecklist: {},
      staleApprovalsCount: [],
      // Issue 14: Code Committed reads what people enter unless the admin switches it to Gerrit.
      codeCommittedFrom: 'panel',
      specAcceptedFrom: 'panel',
      blueprintAcceptedFrom: 'panel',
    });
    expect(defaultGateConfig.coreApprovalsRequired).toBe(2);
    expect(requiredChecklistFor('prioritized', GateConfigSchema.parse({}))).toHaveLength(12);
    expect(requiredChecklistFor('prioritized', defaultGateConfig)).toHaveLength(12);
    expect(requiredChecklistFor('being-vetted', defaultGateConfig)).toEqual([]);
  });

  it('bounds the settings', () => {
    expect(GateConfigSchema.safeParse({ coreApprovalsRequired: 0 }).error?.issues[0]?.message).toBe(
      'At least 1 core approval is required.',
    );
    expect(GateConfigSchema.safeParse({ coreApprovalsRequired: 6 }).error?.issues[0]?.message).toBe(
      'At most 5 core approvals can be required.',
    );
    expect(GateConfigSchema.safeParse({ coreApprovalsRequired: 1.5 }).success).toBe(false);
    expect(GateConfigSchema.safeParse({ requiredChecklist: { prioritized: ['size', 'colour'] } }).success).toBe(false);
    expect(GateConfigSchema.safeParse({ requiredChecklist: { limbo: ['size'] } }).success).toBe(false);
  });
});

describe('first stages and moving back', () => {
  it('lets any filed item into Vetting Backlog and Backlog, whatever its record says', () => {
    expect(gate('vetting-backlog', portfolio(undefined, undefined, 'missing'))).toEqual({ pass: true, missing: [] });
    expect(gate('backlog', delivery(undefined, undefined, 'modified-outside-app'))).toEqual({ pass: true, missing: [] });
  });

  it('always allows moving back to an earlier stage', () => {
    expect(gate('being-vetted', portfolio(makeVetting(), 'development-ready'))).toEqual({ pass: true, missing: [] });
    expect(gate('blueprint-in-progress', delivery(undefined, 'delivered', 'unreadable')).pass).toBe(true);
  });
});

describe('portfolio gates', () => {
  it('Being Vetted / Groomed: needs type, components and a community conversation', () => {
    expect(gate('being-vetted', portfolio(makeVetting(), 'vetting-backlog'))).toEqual({
      pass: false,
      missing: [
        { requirement: 'checklist:type', message: 'Type: choose Debt, New, Bug, Open-sourcing or Other.' },
        {
          requirement: 'checklist:components',
          message: 'Impacted components: pick at least one OpenStack project, e.g. Nova or Neutron.',
        },
        {
          requirement: 'checklist:communityAlignment',
          message:
            'Community alignment sought: note at least one conversation with the community (PTL/cores, IRC, mailing list, PTG, Forum or mid-cycle).',
        },
      ],
    });
    const supplied = makeVetting({
      type: 'bug',
      components: ['Nova'],
      communityAlignment: [{ channel: 'mailing-list', notes: 'Thread on openstack-discuss.' }],
    });
    expect(gate('being-vetted', portfolio(supplied, 'vetting-backlog'))).toEqual({ pass: true, missing: [] });
  });

  it('Prioritized: needs the full checklist, then the FST, then the Roadmap Committee', () => {
    const noApprovals = makeCompleteVetting({ approvals: [] });
    expect(messages('prioritized', portfolio(noApprovals, 'being-vetted'))).toEqual([
      'FST prioritization: the Functional Specialty Team has not prioritized this item yet (the FST lead records it in the LCOO panel).',
      'Roadmap Committee prioritization: the LCOO Roadmap Committee has not prioritized this item yet (a committee member records it in the LCOO panel).',
    ]);
    const noSize = makeCompleteVetting();
    delete noSize.size;
    expect(messages('prioritized', portfolio(noSize, 'being-vetted'))).toEqual(['Size of effort: choose S, M, L or XL.']);
    expect(gate('prioritized', portfolio(makeCompleteVetting(), 'being-vetted'))).toEqual({ pass: true, missing: [] });
  });

  it('Prioritized: an admin can require fewer checklist items', () => {
    const config = GateConfigSchema.parse({ requiredChecklist: { prioritized: ['type', 'size'] } });
    const partial = makeVetting({
      type: 'debt',
      size: 'S',
      approvals: [makeApproval('fst-prioritization'), makeApproval('lrc-prioritization')],
    });
    expect(gate('prioritized', portfolio(partial, 'being-vetted'), config)).toEqual({ pass: true, missing: [] });
    expect(gate('prioritized', portfolio(partial, 'being-vetted')).pass).toBe(false);
  });

  it('Development Ready: needs an open target release, a delivery stream and committed people', () => {
    const v = makeCompleteVetting({
      targetRelease: 'hibiscus',
      collaborators: { companies: [{ company: 'Orange', interest: 'yes', people: [] }], workingGroups: [] },
    });
    delete v.deliveryStream;
    expect(gate('development-ready', portfolio(v, 'prioritized'))).toEqual({
      pass: false,
      missing: [
        {
          requirement: 'checklist:targetRelease',
          message: 'Targeted OpenStack release: 2026.2 Hibiscus was released on 2026-09-30; choose a release that has not shipped yet.',
        },
        {
          requirement: 'deliveryStream',
          message:
            "Delivery stream: choose who delivers it (the member's own community contributors, other community working groups, project teams or other contributors).",
        },
        {
          requirement: 'collaborators:committed',
          message: 'Committed people: at least one member company must name who on its staff will work on this in 2026.2 Hibiscus.',
        },
      ],
    });
    expect(gate('development-ready', portfolio(makeCompleteVetting(), 'prioritized'))).toEqual({ pass: true, missing: [] });
  });

  it('skipping stages needs every skipped gate', () => {
    const onlyBasics = makeVetting({ type: 'new', components: ['Nova'], communityAlignment: [{ channel: 'irc', notes: 'ok' }] });
    const skip = gate('development-ready', portfolio(onlyBasics, 'vetting-backlog'));
    expect(skip.pass).toBe(false);
    const ids = skip.missing.map((m) => m.requirement);
    expect(ids).toEqual(
      expect.arrayContaining(['checklist:size', 'approval:fst-prioritization', 'deliveryStream', 'collaborators:committed']),
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect(gate('development-ready', portfolio(makeCompleteVetting(), 'vetting-backlog')).pass).toBe(true);
    // Without a current stage, the item is checked from the start of its lifecycle.
    expect(gate('development-ready', portfolio(makeCompleteVetting())).pass).toBe(true);
    expect(gate('development-ready', portfolio(onlyBasics)).missing.map((m) => m.requirement)).toEqual(ids);
  });
});

describe('delivery gates', () => {
  it('Blueprint In Progress: needs the Launchpad blueprint and PTL/core alignment notes', () => {
    expect(gate('blueprint-in-progress', delivery(makeDelivery(), 'backlog'))).toEqual({
      pass: false,
      missing: [
        { requirement: 'delivery:blueprint', message: 'Blueprint: link the Launchpad blueprint for this deliverable.' },
        {
          requirement: 'delivery:alignment',
          message: "PTL/core alignment: note the feature alignment discussion with the project's PTL or cores.",
        },
      ],
    });
    const full = makeCompleteDelivery();
    const d = makeDelivery({ blueprint: full.blueprint!, alignment: full.alignment! });
    expect(gate('blueprint-in-progress', delivery(d, 'backlog'))).toEqual({ pass: true, missing: [] });
  });

  it('Blueprint Accepted: needs a milestone and stakeholder acceptance', () => {
    const full = makeCompleteDelivery();
    const d = makeDelivery({ blueprint: full.blueprint!, alignment: full.alignment! });
    expect(messages('blueprint-accepted', delivery(d, 'blueprint-in-progress'))).toEqual([
      'Delivery milestone: assign the release and one of its milestones (e.g. "Indri-2"), with the date its schedule gives.',
      'Stakeholder acceptance: community and LCOO stakeholders have not accepted the blueprint yet (record it in the LCOO panel).',
    ]);
    const ok = { ...d, milestone: full.milestone!, approvals: [makeApproval('stakeholder-acceptance')] };
    expect(gate('blueprint-accepted', delivery(ok, 'blueprint-in-progress'))).toEqual({ pass: true, missing: [] });
  });

  it('Specification In Progress: needs the spec review link', () => {
    expect(messages('spec-in-progress', delivery(makeDelivery(), 'blueprint-accepted'))).toEqual([
      "Specification: link the specification review (the Gerrit change in the project's specs repository).",
    ]);
    const d = makeDelivery({ specification: { ...makeCompleteDelivery().specification!, approved: false } });
    expect(gate('spec-in-progress', delivery(d, 'blueprint-accepted')).pass).toBe(true);
  });

  it('Specification Accepted: needs the spec approved', () => {
    const d = makeDelivery({ specification: { ...makeCompleteDelivery().specification!, approved: false } });
    expect(messages('spec-accepted', delivery(d, 'spec-in-progress'))).toEqual([
      'Specification: the design must be approved (the specification merged) before coding starts.',
    ]);
    expect(gate('spec-accepted', delivery(makeCompleteDelivery(), 'spec-in-progress')).pass).toBe(true);
  });

  it('Coding In Progress: needs at least one Gerrit change', () => {
    expect(messages('coding-in-progress', delivery(makeDelivery(), 'spec-accepted'))).toEqual([
      'Code: link at least one Gerrit change under review.',
    ]);
    const d = makeDelivery({ changes: [makeGerritChange({ status: 'open', ci: 'pending' })] });
    expect(gate('coding-in-progress', delivery(d, 'spec-accepted')).pass).toBe(true);
  });

  it('Code Committed: needs two distinct cores and every live change merged with CI passing', () => {
    const d = makeCompleteDelivery({
      changes: [
        makeGerritChange({ number: 1001, status: 'open', ci: 'fail' }),
        makeGerritChange({ number: 1002, status: 'merged', ci: 'pending' }),
      ],
      approvals: [
        makeApproval('core-approval', { accountId: CORE_A_ID, ref: '1001' }),
        makeApproval('core-approval', { accountId: CORE_A_ID, ref: '1002' }),
      ],
    });
    expect(gate('code-committed', delivery(d, 'coding-in-progress'))).toEqual({
      pass: false,
      missing: [
        { requirement: 'approval:core-approval', message: 'Core approvals: 2 different core reviewers must approve; 1 has so far.' },
        { requirement: 'delivery:changes-merged', message: 'Code: every change must be merged; not merged yet: 1001.' },
        { requirement: 'delivery:ci', message: 'Automated tests: every change must pass CI; not passing: 1001 (failed), 1002 (pending).' },
      ],
    });
    expect(gate('code-committed', delivery(makeCompleteDelivery(), 'coding-in-progress'))).toEqual({ pass: true, missing: [] });
  });

  it('Code Committed: abandoned changes do not block, and approvals of them do not count', () => {
    const d = makeCompleteDelivery({
      changes: [makeGerritChange({ number: 1001 }), makeGerritChange({ number: 1002, status: 'abandoned', ci: 'fail' })],
      approvals: [
        makeApproval('core-approval', { accountId: CORE_A_ID, ref: '1001' }),
        makeApproval('core-approval', { accountId: CORE_B_ID, ref: '1002' }),
      ],
    });
    expect(messages('code-committed', delivery(d, 'coding-in-progress'))).toEqual([
      'Core approvals: 2 different core reviewers must approve; 1 has so far.',
    ]);
    expect(gate('code-committed', delivery(d, 'coding-in-progress'), GateConfigSchema.parse({ coreApprovalsRequired: 1 })).pass).toBe(true);
    const onlyAbandoned = makeCompleteDelivery({ changes: [makeGerritChange({ number: 1002, status: 'abandoned' })] });
    expect(messages('code-committed', delivery(onlyAbandoned, 'coding-in-progress'))).toContain(
      'Code: link at least one Gerrit change that is not abandoned.',
    );
  });

  it('Delivered: needs POD acceptance and the Roadmap Committee tracking, an approval (a ticked box from an older record confirms nothing)', () => {
    const d = makeCompleteDelivery({
      approvals: makeCompleteDelivery().approvals!.filter((a) => a.role !== 'pod-acceptance' && a.role !== 'lrc-tracking'),
    });
    // An older record's checkbox, as any editor could tick it: not read.
    const legacy = DeliverySchema.parse({ ...d, lrcTracking: { tracked: true, recordedBy: 'x', recordedAt: '2026-11-01T00:00:00.000Z' } });
    expect(messages('delivered', delivery(legacy, 'code-committed'))).toEqual([
      'POD acceptance: the community and LCOO POD have not accepted the delivery yet (record it in the LCOO panel).',
      'Delivery tracking: the LCOO Roadmap Committee has not confirmed it tracks this delivery yet (a committee member records it in the LCOO panel).',
    ]);
    expect(gate('delivered', delivery(makeCompleteDelivery(), 'code-committed'))).toEqual({ pass: true, missing: [] });
  });

  it("reads checklist items required at a delivery stage from the Roadmap Item's checklist", () => {
    const config = GateConfigSchema.parse({ requiredChecklist: { 'blueprint-in-progress': ['size'] } });
    const d = makeCompleteDelivery();
    expect(gate('blueprint-in-progress', delivery(d, 'backlog'), config).missing).toEqual([
      {
        requirement: 'roadmap-item',
        message:
          "Roadmap Item: name this deliverable's Roadmap Item in the LCOO panel and save (a link made by hand in Jira does not count); the LCOO gate settings require parts of that item's checklist at this stage.",
      },
    ]);
    const noSize = makeCompleteVetting();
    delete noSize.size;
    expect(messages('blueprint-in-progress', { ...delivery(d, 'backlog'), vetting: noSize }, config)).toEqual([
      'Size of effort: choose S, M, L or XL.',
    ]);
    expect(gate('blueprint-in-progress', { ...delivery(d, 'backlog'), vetting: makeCompleteVetting() }, config).pass).toBe(true);
  });

  it('with the specification step off, skips the spec gates on the way to coding', () => {
    const off = GateConfigSchema.parse({ specificationStep: false });
    const d = makeCompleteDelivery();
    delete d.specification;
    expect(gate('coding-in-progress', delivery(d, 'blueprint-accepted'), off)).toEqual({ pass: true, missing: [] });
    expect(gate('coding-in-progress', delivery(d, 'blueprint-accepted')).missing.map((m) => m.requirement)).toEqual([
      'delivery:spec-review',
      'delivery:spec-approved',
    ]);
    expect(gatesOnTheWay('delivery', 'backlog', 'delivered', off)).not.toContain('spec-accepted');
    // Choosing a spec stage as the target still checks it.
    expect(gate('spec-in-progress', delivery(d, 'blueprint-accepted'), off).pass).toBe(false);
  });
});

describe('integrity and bad input', () => {
  it('never lets a record that was not written by the app pass a gate beyond the first stage', () => {
    expect(gate('prioritized', portfolio(makeCompleteVetting(), 'being-vetted', 'modified-outside-app'))).toEqual({
      pass: false,
      missing: [
        { requirement: 'integrity', message: 'The LCOO record was modified outside the LCOO app; re-save it from the LCOO panel.' },
      ],
    });
    expect(messages('delivered', delivery(makeCompleteDelivery(), 'code-committed', 'unreadable'))).toEqual([
      "The LCOO record can't be read; re-save it from the LCOO panel.",
    ]);
    expect(messages('being-vetted', portfolio(undefined, 'vetting-backlog', 'missing'))[0]).toBe(
      'There is no LCOO record on this issue yet; fill it in from the LCOO panel.',
    );
  });

  it('fails with a message for a stage of the other lifecycle', () => {
    expect(messages('delivered', portfolio(makeCompleteVetting()))).toEqual([
      'Roadmap Item issues can\'t move to "delivered": it belongs to the other lifecycle.',
    ]);
  });
});
