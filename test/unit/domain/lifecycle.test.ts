import {
  DELIVERY_STAGES,
  LIFECYCLES,
  PORTFOLIO_STAGES,
  firstStage,
  isTransitionAllowed,
  lifecycleOfIssueType,
  lifecycleOfStage,
  nextStage,
  stageByStatusName,
  stageDef,
} from '../../../src/domain';

describe('lifecycles as data', () => {
  it('names the Jira statuses and categories of the design contract', () => {
    expect(LIFECYCLES.portfolio.stages.map((s) => [s.statusName, s.category])).toEqual([
      ['Vetting Backlog', 'TODO'],
      ['Being Vetted / Groomed', 'IN_PROGRESS'],
      ['Prioritized', 'IN_PROGRESS'],
      ['Development Ready', 'DONE'],
    ]);
    expect(LIFECYCLES.delivery.stages.map((s) => [s.statusName, s.category])).toEqual([
      ['Backlog', 'TODO'],
      ['Blueprint In Progress', 'IN_PROGRESS'],
      ['Blueprint Accepted', 'IN_PROGRESS'],
      ['Specification In Progress', 'IN_PROGRESS'],
      ['Specification Accepted', 'IN_PROGRESS'],
      ['Coding In Progress', 'IN_PROGRESS'],
      ['Code Committed', 'IN_PROGRESS'],
      ['Delivered', 'DONE'],
    ]);
    expect(LIFECYCLES.portfolio.issueTypeName).toBe('Roadmap Item');
    expect(LIFECYCLES.delivery.issueTypeName).toBe('Upstream Deliverable');
    expect(LIFECYCLES.portfolio.workflowName).toBe('LCOO Roadmap Item Lifecycle');
    expect(LIFECYCLES.delivery.workflowName).toBe('LCOO Upstream Delivery Lifecycle');
  });

  it('gives every stage a gate description and the key roles of the source slide', () => {
    for (const lc of Object.values(LIFECYCLES)) {
      for (const s of lc.stages) {
        expect(s.gate.length).toBeGreaterThan(10);
        expect(s.roles).toContain('Functional Specialty Teams');
      }
    }
    expect(stageDef('prioritized').roles).toContain('LCOO Roadmap Committee');
    expect(stageDef('delivered').roles).toContain('LCOO Roadmap Committee');
    expect(stageDef('code-committed').gate).toMatch(/two cores/);
  });

  it('maps Jira status names to stages, forgiving case and spacing around the slash', () => {
    expect(stageByStatusName('Being Vetted / Groomed')).toBe('being-vetted');
    expect(stageByStatusName('being vetted/groomed')).toBe('being-vetted');
    expect(stageByStatusName('  Specification Accepted ')).toBe('spec-accepted');
    expect(stageByStatusName('Backlog / To Do')).toBe('backlog');
    expect(stageByStatusName('In Review')).toBeUndefined();
    for (const lc of Object.values(LIFECYCLES)) for (const s of lc.stages) expect(stageByStatusName(s.statusName)).toBe(s.id);
  });

  it('knows the lifecycle of each issue type and stage', () => {
    expect(lifecycleOfIssueType('Roadmap Item')).toBe('portfolio');
    expect(lifecycleOfIssueType('upstream deliverable')).toBe('delivery');
    expect(lifecycleOfIssueType('Bug')).toBeUndefined();
    for (const s of PORTFOLIO_STAGES) expect(lifecycleOfStage(s)).toBe('portfolio');
    for (const s of DELIVERY_STAGES) expect(lifecycleOfStage(s)).toBe('delivery');
    expect(firstStage('portfolio')).toBe('vetting-backlog');
    expect(firstStage('delivery')).toBe('backlog');
  });

  it('steps to the next stage, skipping the specification stages only when that step is off', () => {
    expect(nextStage('vetting-backlog')).toBe('being-vetted');
    expect(nextStage('development-ready')).toBeUndefined();
    expect(nextStage('blueprint-accepted', { specificationStep: true })).toBe('spec-in-progress');
    expect(nextStage('blueprint-accepted', { specificationStep: false })).toBe('coding-in-progress');
    expect(nextStage('delivered')).toBeUndefined();
  });

  it('allows forward one step and back to any earlier stage, nothing else', () => {
    const on = { specificationStep: true };
    expect(isTransitionAllowed('vetting-backlog', 'being-vetted', on)).toBe(true);
    expect(isTransitionAllowed('vetting-backlog', 'prioritized', on)).toBe(false);
    expect(isTransitionAllowed('development-ready', 'vetting-backlog', on)).toBe(true);
    expect(isTransitionAllowed('delivered', 'backlog', on)).toBe(true);
    expect(isTransitionAllowed('being-vetted', 'being-vetted', on)).toBe(false);
    // 4 stages: 3 forward + 6 back; 8 stages: 7 forward + 28 back (+1 conditional skip).
    expect(LIFECYCLES.portfolio.transitions).toHaveLength(9);
    expect(LIFECYCLES.delivery.transitions).toHaveLength(36);
  });

  it('offers Blueprint Accepted -> Coding In Progress only with the specification step off', () => {
    expect(isTransitionAllowed('blueprint-accepted', 'coding-in-progress', { specificationStep: true })).toBe(false);
    expect(isTransitionAllowed('blueprint-accepted', 'coding-in-progress', { specificationStep: false })).toBe(true);
    expect(LIFECYCLES.delivery.transitions).toHaveLength(36);
    expect(LIFECYCLES.delivery.transitions.filter((t) => t.onlyWhen)).toEqual([
      { from: 'blueprint-accepted', to: 'coding-in-progress', onlyWhen: 'specification-step-off' },
    ]);
  });
});
