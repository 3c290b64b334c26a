// Which approvals the panel offers and who may give them: only gates still ahead, only
// people in the configured groups (for the FST prioritization: the item's own FST's lead
// groups), and never someone who can't edit the issue.
import { approvalsAhead as rolesAhead } from '../../../src/domain/gates';
import { approvalOffers } from '../../../src/modules/panel/approval-offers';
import { DEFAULT_APP_CONFIG, type AppConfig } from '../../../src/domain/app-config';
import { approversOf, mayGive } from '../../../src/usecases/rights';

const config = DEFAULT_APP_CONFIG;
const gate = { specificationStep: true };
const networking = { fst: 'networking' };

describe('approval offers', () => {
  test('a Roadmap Item being vetted is offered both prioritizations, for Prioritized', () => {
    expect(rolesAhead('portfolio', 'being-vetted', gate)).toEqual([
      { role: 'fst-prioritization', forStage: 'prioritized' },
      { role: 'lrc-prioritization', forStage: 'prioritized' },
    ]);
  });

  test('an item already Prioritized or beyond is offered nothing: the approval would count for nothing', () => {
    expect(rolesAhead('portfolio', 'prioritized', gate)).toEqual([]);
    expect(rolesAhead('portfolio', 'development-ready', gate)).toEqual([]);
  });

  test("a deliverable in Coding In Progress is offered core approval, POD acceptance and the committee's tracking only", () => {
    expect(rolesAhead('delivery', 'coding-in-progress', gate).map((r) => r.role)).toEqual([
      'core-approval',
      'pod-acceptance',
      'lrc-tracking',
    ]);
  });

  test('an issue whose status is not an LCOO stage counts as the first stage', () => {
    expect(rolesAhead('delivery', undefined, gate).map((r) => r.role)).toEqual([
      'stakeholder-acceptance',
      'core-approval',
      'pod-acceptance',
      'lrc-tracking',
    ]);
  });

  test('only members of the role groups may give it, and the refusal names the groups', () => {
    expect(mayGive('lrc-prioritization', config, ['jira-users', 'lcoo-roadmap-committee'])).toBe(true);
    expect(mayGive('lrc-prioritization', config, ['jira-users', 'lcoo-fst-leads'])).toBe(false);
    expect(approversOf('stakeholder-acceptance', config).onlyWho).toBe(
      'Only members of "lcoo-coordinators" or "lcoo-roadmap-committee" can record this approval.',
    );
    const none: AppConfig = { ...config, roleGroups: { ...config.roleGroups, 'pod-acceptance': [] } };
    expect(approversOf('pod-acceptance', none).onlyWho).toMatch(/No Jira group may record this approval yet/);
  });

  test("an FST prioritization is given only by that FST's own lead(s): the Networking lead can't prioritize a Containers item", () => {
    expect(mayGive('fst-prioritization', config, ['lcoo-fst-leads', 'lcoo-fst-networking'], networking)).toBe(true);
    expect(mayGive('fst-prioritization', config, ['lcoo-fst-leads', 'lcoo-fst-networking'], { fst: 'containers' })).toBe(false);
    expect(approversOf('fst-prioritization', config, { fst: 'containers' }).onlyWho).toBe(
      'Only the Containers FST\'s elected leads, members of "lcoo-fst-containers", can prioritize it for the FST.',
    );
    // The flat group of all FST leads is not enough any more.
    expect(mayGive('fst-prioritization', config, ['lcoo-fst-leads'], networking)).toBe(false);
    // A record saved before ids names its FST: still found.
    expect(mayGive('fst-prioritization', config, ['lcoo-fst-networking'], { fst: 'Networking' })).toBe(true);
    expect(approversOf('fst-prioritization', config, {}).blocked).toMatch(/Choose this item's Functional Specialty Team first/);
  });

  test('group names match as Jira names groups, case-insensitively (the admin page accepts "LCOO-Roadmap-Committee")', () => {
    const configured: AppConfig = { ...config, roleGroups: { ...config.roleGroups, 'lrc-prioritization': ['LCOO-Roadmap-Committee'] } };
    expect(mayGive('lrc-prioritization', configured, ['lcoo-roadmap-committee'])).toBe(true);
    expect(mayGive('lrc-prioritization', configured, ['lcoo-roadmap-committee-alumni'])).toBe(false);
  });

  test('offers say who can give them and why not', () => {
    const offers = approvalOffers({
      lifecycle: 'portfolio',
      stage: 'being-vetted',
      gate,
      config,
      userGroups: ['lcoo-fst-leads', 'lcoo-fst-networking'],
      canEdit: true,
      vetting: networking,
    });
    expect(offers.map((o) => [o.role, o.canGive, o.forStageName])).toEqual([
      ['fst-prioritization', true, 'Prioritized'],
      ['lrc-prioritization', false, 'Prioritized'],
    ]);
    expect(offers[1]?.reason).toMatch(/lcoo-roadmap-committee/);
    expect(offers[0]?.record).toBe('vetting');
  });

  test("with Blueprint Accepted from Launchpad, the stakeholders' acceptance is offered as LCOO's only", () => {
    const offer = (blueprintAcceptedFrom: 'panel' | 'launchpad') =>
      approvalOffers({
        lifecycle: 'delivery',
        stage: 'blueprint-in-progress',
        gate: { ...gate, blueprintAcceptedFrom },
        config,
        userGroups: ['lcoo-coordinators'],
        canEdit: true,
        delivery: {},
      }).find((o) => o.role === 'stakeholder-acceptance')!;
    expect(offer('panel').label).toBe('Accepted by community and LCOO stakeholders');
    expect(offer('launchpad').label).toBe('Accepted by LCOO stakeholders');
  });

  test('without edit permission nothing can be given, whatever the groups', () => {
    const offers = approvalOffers({
      lifecycle: 'portfolio',
      stage: 'being-vetted',
      gate,
      config,
      userGroups: ['lcoo-fst-networking', 'lcoo-roadmap-committee'],
      canEdit: false,
      vetting: networking,
    });
    expect(offers.every((o) => !o.canGive && /can't edit this issue/.test(o.reason ?? ''))).toBe(true);
  });

  test('when Jira did not answer with the groups, the buttons are off and say to reload', () => {
    const offers = approvalOffers({
      lifecycle: 'portfolio',
      stage: 'vetting-backlog',
      gate,
      config,
      userGroups: undefined,
      canEdit: true,
    });
    expect(offers.every((o) => !o.canGive && /could not be read just now/.test(o.reason ?? ''))).toBe(true);
  });

  test('core approvals list the live Gerrit changes to approve', () => {
    const offers = approvalOffers({
      lifecycle: 'delivery',
      stage: 'coding-in-progress',
      gate,
      config,
      userGroups: ['lcoo-cores'],
      canEdit: true,
      delivery: {
        changes: [
          {
            number: 1001,
            url: 'https://review.opendev.org/1001',
            status: 'open',
            ci: 'pass',
            recordedBy: 'a',
            recordedAt: '2026-11-01T00:00:00.000Z',
          },
          {
            number: 1002,
            url: 'https://review.opendev.org/1002',
            status: 'abandoned',
            ci: 'fail',
            recordedBy: 'a',
            recordedAt: '2026-11-01T00:00:00.000Z',
          },
        ],
      },
    });
    const core = offers.find((o) => o.role === 'core-approval');
    expect(core?.refs).toEqual(['1001']);
    expect(core?.canGive).toBe(true);
    expect(offers.find((o) => o.role === 'pod-acceptance')?.canGive).toBe(false);
  });

  test('the committee is not offered its prioritization before the FST has given its own, and is told why', () => {
    const base = {
      lifecycle: 'portfolio' as const,
      stage: 'being-vetted' as const,
      gate,
      config,
      userGroups: ['lcoo-roadmap-committee'],
      canEdit: true,
      accountId: 'lrc-member',
    };
    const before = approvalOffers({ ...base, vetting: networking });
    expect(before[1]).toMatchObject({ role: 'lrc-prioritization', canGive: false });
    expect(before[1]?.reason).toMatch(/record the FST prioritization first/);
    const fst = { role: 'fst-prioritization' as const, accountId: 'lead', displayName: 'Lead', at: '2026-11-30T10:00:00Z' };
    const after = approvalOffers({ ...base, vetting: { ...networking, approvals: [fst] } });
    expect(after[1]).toMatchObject({ role: 'lrc-prioritization', canGive: true });
  });

  test('an approval the person gave for the record as it is is not offered again; one for an earlier version is', () => {
    const mine = { role: 'fst-prioritization' as const, accountId: 'lead', displayName: 'Lead', at: '2026-11-30T10:00:00Z' };
    const input = {
      lifecycle: 'portfolio' as const,
      stage: 'being-vetted' as const,
      gate,
      config,
      userGroups: ['lcoo-fst-leads', 'lcoo-fst-networking'],
      canEdit: true,
      accountId: 'lead',
      vetting: { ...networking, approvals: [mine] },
    };
    const current = approvalOffers({ ...input, given: [{ ...mine, state: 'current', counts: true, canWithdraw: true }] });
    expect(current[0]).toMatchObject({ role: 'fst-prioritization', canGive: false });
    expect(current[0]?.reason).toMatch(/You recorded this approval/);
    const stale = approvalOffers({ ...input, given: [{ ...mine, state: 'stale', counts: false, canWithdraw: true }] });
    expect(stale[0]).toMatchObject({ role: 'fst-prioritization', canGive: true });
    // Someone else's approval does not take the button away.
    const others = approvalOffers({
      ...input,
      accountId: 'other-lead',
      given: [{ ...mine, state: 'current', counts: true, canWithdraw: false }],
    });
    expect(others[0]?.canGive).toBe(true);
  });

  test('a core reviewer is offered only the changes they have not approved yet', () => {
    const changes = [
      {
        number: 1,
        url: 'https://review.opendev.org/1',
        status: 'open' as const,
        ci: 'pass' as const,
        recordedBy: 'x',
        recordedAt: '2026-11-30T10:00:00Z',
      },
      {
        number: 2,
        url: 'https://review.opendev.org/2',
        status: 'open' as const,
        ci: 'pass' as const,
        recordedBy: 'x',
        recordedAt: '2026-11-30T10:00:00Z',
      },
    ];
    const core = { role: 'core-approval' as const, accountId: 'core', displayName: 'Core', at: '2026-11-30T10:00:00Z', ref: '1' };
    const input = {
      lifecycle: 'delivery' as const,
      stage: 'coding-in-progress' as const,
      gate,
      config,
      userGroups: ['lcoo-cores'],
      canEdit: true,
      accountId: 'core',
      delivery: { changes, approvals: [core] },
    };
    const one = approvalOffers({ ...input, given: [{ ...core, state: 'current', counts: true, canWithdraw: true }] });
    expect(one.find((o) => o.role === 'core-approval')).toMatchObject({ canGive: true, refs: ['2'] });
    const both = approvalOffers({
      ...input,
      given: [
        { ...core, state: 'current', counts: true, canWithdraw: true },
        { ...core, ref: '2', state: 'current', counts: true, canWithdraw: true },
      ],
    });
    expect(both.find((o) => o.role === 'core-approval')).toMatchObject({ canGive: false, refs: [] });
  });
});
