// Which approvals the panel offers and who may give them: only gates still ahead, only
// people in the configured groups, and never someone who can't edit the issue.
import { approvalsAhead as rolesAhead } from '../../../src/domain/gates';
import { approvalOffers, allowedToGive, whyNot } from '../../../src/modules/panel/approval-offers';
import { DEFAULT_APP_CONFIG } from '../../../src/domain/app-config';

const roleGroups = DEFAULT_APP_CONFIG.roleGroups;
const gate = { specificationStep: true };

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

  test('a deliverable in Coding In Progress is offered core approval and POD acceptance only', () => {
    expect(rolesAhead('delivery', 'coding-in-progress', gate).map((r) => r.role)).toEqual(['core-approval', 'pod-acceptance']);
  });

  test('an issue whose status is not an LCOO stage counts as the first stage', () => {
    expect(rolesAhead('delivery', undefined, gate).map((r) => r.role)).toEqual([
      'stakeholder-acceptance',
      'core-approval',
      'pod-acceptance',
    ]);
  });

  test('only members of the role groups may give it, and the refusal names the groups', () => {
    expect(allowedToGive('fst-prioritization', roleGroups, ['jira-users', 'lcoo-fst-leads'])).toBe(true);
    expect(allowedToGive('lrc-prioritization', roleGroups, ['jira-users', 'lcoo-fst-leads'])).toBe(false);
    expect(whyNot('stakeholder-acceptance', roleGroups)).toBe(
      'Only members of "lcoo-coordinators" or "lcoo-roadmap-committee" can record this approval.',
    );
    expect(whyNot('pod-acceptance', { ...roleGroups, 'pod-acceptance': [] })).toMatch(/No Jira group may record this approval yet/);
  });

  test('group names match as Jira names groups, case-insensitively (the admin page accepts "LCOO-FST-Leads" for lcoo-fst-leads)', () => {
    const configured = { ...roleGroups, 'fst-prioritization': ['LCOO-FST-Leads'] };
    expect(allowedToGive('fst-prioritization', configured, ['lcoo-fst-leads'])).toBe(true);
    expect(allowedToGive('fst-prioritization', configured, ['lcoo-fst-leads-alumni'])).toBe(false);
  });

  test('offers say who can give them and why not', () => {
    const offers = approvalOffers({
      lifecycle: 'portfolio',
      stage: 'being-vetted',
      gate,
      roleGroups,
      userGroups: ['lcoo-fst-leads'],
      canEdit: true,
    });
    expect(offers.map((o) => [o.role, o.canGive, o.forStageName])).toEqual([
      ['fst-prioritization', true, 'Prioritized'],
      ['lrc-prioritization', false, 'Prioritized'],
    ]);
    expect(offers[1]?.reason).toMatch(/lcoo-roadmap-committee/);
    expect(offers[0]?.record).toBe('vetting');
  });

  test('without edit permission nothing can be given, whatever the groups', () => {
    const offers = approvalOffers({
      lifecycle: 'portfolio',
      stage: 'being-vetted',
      gate,
      roleGroups,
      userGroups: ['lcoo-fst-leads', 'lcoo-roadmap-committee'],
      canEdit: false,
    });
    expect(offers.every((o) => !o.canGive && /can't edit this issue/.test(o.reason ?? ''))).toBe(true);
  });

  test('when Jira did not answer with the groups, the buttons are off and say to reload', () => {
    const offers = approvalOffers({
      lifecycle: 'portfolio',
      stage: 'vetting-backlog',
      gate,
      roleGroups,
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
      roleGroups,
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
});
