import { BUILTIN_CALENDAR, aggregatePortfolio, type PortfolioItem } from '../../../src/domain';
import {
  FIXED_NOW,
  makeCompleteDelivery,
  makeCompleteVetting,
  makeDeliverable,
  makeRoadmapItem,
  makeVetting,
} from '../../fixtures/builders';
import { gated } from '../../fixtures/gated-items';

function sample(): PortfolioItem[] {
  return gated([
    makeRoadmapItem({ key: 'LCOO-1', stage: 'prioritized', vetting: makeCompleteVetting() }),
    makeRoadmapItem({
      key: 'LCOO-2',
      stage: 'being-vetted',
      vetting: makeVetting({ fst: 'Security', proposingCompany: 'Orange', type: 'bug', targetRelease: 'gazpacho' }),
    }),
    makeRoadmapItem({ key: 'LCOO-3', stage: 'vetting-backlog', vetting: makeVetting({ fst: undefined, proposingCompany: undefined }) }),
    makeRoadmapItem({
      key: 'LCOO-4',
      stage: 'development-ready',
      vetting: makeCompleteVetting({ fst: 'Security' }),
      integrity: 'modified-outside-app',
    }),
    makeDeliverable({ key: 'LCOO-10', stage: 'code-committed', delivery: makeCompleteDelivery({ roadmapItemKey: 'LCOO-1' }) }),
    makeDeliverable({
      key: 'LCOO-11',
      stage: 'blueprint-in-progress',
      delivery: makeCompleteDelivery({ roadmapItemKey: 'LCOO-2', milestone: undefined, approvals: [] }),
    }),
  ]);
}

describe('aggregatePortfolio', () => {
  const p = aggregatePortfolio(sample(), { now: FIXED_NOW, calendar: BUILTIN_CALENDAR });

  it('gives every item a row with its next stage, blockers and slip', () => {
    const row = (key: string) => p.rows.find((r) => r.key === key)!;
    expect(p.rows).toHaveLength(6);
    expect(row('LCOO-1')).toMatchObject({
      stage: 'prioritized',
      statusName: 'Prioritized',
      nextStage: 'development-ready',
      blockers: [],
      slipped: false,
    });
    expect(row('LCOO-1').completeness).toEqual({ completed: 12, total: 12, percent: 100 });
    expect(row('LCOO-2').slipped).toBe(true); // Gazpacho shipped while it is still being vetted.
    expect(row('LCOO-2').blockers.map((b) => b.requirement)).toContain('approval:fst-prioritization');
    expect(row('LCOO-4')).toMatchObject({ blockers: [], integrity: 'modified-outside-app' });
    expect(row('LCOO-4').nextStage).toBeUndefined();
    expect(row('LCOO-10')).toMatchObject({
      fst: 'Networking',
      releaseId: 'indri',
      nextStage: 'delivered',
      blockers: [],
      roadmapItemKey: 'LCOO-1',
      project: 'Neutron',
    });
    // A deliverable without a milestone inherits its Roadmap Item's release (and so slipped with it).
    expect(row('LCOO-11')).toMatchObject({ fst: 'Security', releaseId: 'gazpacho', slipped: true });
    expect(row('LCOO-11').blockers.map((b) => b.message)).toContain(
      'Stakeholder acceptance: community and LCOO stakeholders have not accepted the blueprint yet (record it in the LCOO panel).',
    );
  });

  it('counts totals and funnels', () => {
    expect(p.totals).toEqual({ items: 6, roadmapItems: 4, deliverables: 2, slipped: 2, blocked: 3, integrityProblems: 1 });
    expect(p.funnels.portfolio.map((f) => f.count)).toEqual([1, 1, 1, 1]);
    expect(p.funnels.delivery.find((f) => f.stage === 'code-committed')?.count).toBe(1);
    expect(p.funnels.delivery.map((f) => f.statusName)[0]).toBe('Backlog');
  });

  it('builds FST x stage and release x FST', () => {
    expect(p.fstByStage.rows).toEqual(['Networking', 'Security', '(none)']);
    expect(p.fstByStage.columns).toEqual(['vetting-backlog', 'being-vetted', 'prioritized', 'development-ready']);
    expect(p.fstByStage.cells).toEqual([
      [0, 0, 1, 0],
      [0, 1, 0, 1],
      [1, 0, 0, 0],
    ]);
    expect(p.releaseByFst.rows).toEqual(['gazpacho', 'indri', '(none)']);
    expect(p.releaseByFst.columns).toEqual(p.fstByStage.rows);
    expect(p.releaseByFst.cells).toEqual([
      [0, 2, 0],
      [2, 1, 0],
      [0, 0, 1],
    ]);
  });

  it('builds member companies x stage with interest and committed people', () => {
    expect(p.companyByStage.rows).toEqual(['AT&T', 'NTT', 'Orange']);
    const att = p.companyByStage.cells[0]!;
    expect(att[2]).toEqual({ items: 1, interested: 1, committedPeople: 1 });
    expect(att[3]).toEqual({ items: 1, interested: 1, committedPeople: 1 });
    const ntt = p.companyByStage.cells[1]!;
    expect(ntt[2]).toEqual({ items: 1, interested: 0, committedPeople: 0 });
    expect(p.companyByStage.cells[2]![1]).toEqual({ items: 1, interested: 1, committedPeople: 0 });
  });

  it('buckets checklist completeness of Roadmap Items', () => {
    expect(p.completeness).toEqual([
      { bucket: '0-24', label: 'Under 25%', count: 3 },
      { bucket: '25-49', label: '25-49%', count: 0 },
      { bucket: '50-74', label: '50-74%', count: 0 },
      { bucket: '75-99', label: '75-99%', count: 0 },
      { bucket: '100', label: 'Complete', count: 1 },
    ]);
    // LCOO-4's record claims a complete checklist but was forged: it never counts as complete.
    expect(p.rows.find((r) => r.key === 'LCOO-4')?.completeness).toEqual({ completed: 0, total: 12, percent: 0 });
  });

  it('filters before aggregating', () => {
    const sec = aggregatePortfolio(sample(), { now: FIXED_NOW, calendar: BUILTIN_CALENDAR, filters: { fsts: ['Security'] } });
    expect(sec.rows.map((r) => r.key)).toEqual(['LCOO-2', 'LCOO-4', 'LCOO-11']);
    expect(sec.totals.items).toBe(3);
    expect(
      aggregatePortfolio(sample(), { now: FIXED_NOW, calendar: BUILTIN_CALENDAR, filters: { onlySlipped: true } }).rows.map((r) => r.key),
    ).toEqual(['LCOO-2', 'LCOO-11']);
    expect(
      aggregatePortfolio(sample(), { now: FIXED_NOW, calendar: BUILTIN_CALENDAR, filters: { lifecycle: 'delivery' } }).totals.roadmapItems,
    ).toBe(0);
    expect(
      aggregatePortfolio(sample(), { now: FIXED_NOW, calendar: BUILTIN_CALENDAR, filters: { companies: ['NTT'] } }).rows.map((r) => r.key),
    ).toEqual(['LCOO-1', 'LCOO-4', 'LCOO-10']);
    expect(
      aggregatePortfolio(sample(), {
        now: FIXED_NOW,
        calendar: BUILTIN_CALENDAR,
        filters: { releases: ['gazpacho'], types: ['bug'] },
      }).rows.map((r) => r.key),
    ).toEqual(['LCOO-2', 'LCOO-11']);
    expect(
      aggregatePortfolio(sample(), { now: FIXED_NOW, calendar: BUILTIN_CALENDAR, filters: { stages: ['prioritized'], onlyBlocked: true } })
        .rows,
    ).toEqual([]);
  });

  it('shows the next stage and blockers each item arrives with (the gate check decides them, under the settings of each move)', () => {
    const items = [makeDeliverable({ stage: 'blueprint-accepted', delivery: makeCompleteDelivery({ specification: undefined }) })];
    expect(aggregatePortfolio(gated(items), { now: FIXED_NOW, calendar: BUILTIN_CALENDAR }).rows[0]).toMatchObject({
      nextStage: 'spec-in-progress',
    });
    expect(
      aggregatePortfolio(gated(items, { config: { specificationStep: false } }), { now: FIXED_NOW, calendar: BUILTIN_CALENDAR }).rows[0],
    ).toMatchObject({
      nextStage: 'coding-in-progress',
      blockers: [],
    });
  });

  it("checks a deliverable's required checklist items against its Roadmap Item", () => {
    const config = { requiredChecklist: { delivered: ['size' as const] } };
    const noSize = makeCompleteVetting();
    delete noSize.size;
    const items = [
      makeRoadmapItem({ key: 'LCOO-1', stage: 'development-ready', vetting: noSize }),
      makeDeliverable({ key: 'LCOO-2', stage: 'code-committed', delivery: makeCompleteDelivery({ roadmapItemKey: 'LCOO-1' }) }),
    ];
    const rows = aggregatePortfolio(gated(items, { config }), { now: FIXED_NOW, calendar: BUILTIN_CALENDAR }).rows;
    expect(rows[1]?.blockers.map((b) => b.message)).toEqual(['Size of effort: choose S, M, L or XL.']);
  });

  it("counts only a Roadmap Item checklist the app signed toward a deliverable's gate, as the stage gate does", () => {
    const config = { requiredChecklist: { delivered: ['size' as const] } };
    const items = [
      makeRoadmapItem({
        key: 'LCOO-1',
        stage: 'development-ready',
        vetting: makeCompleteVetting({ fst: 'Security' }),
        integrity: 'modified-outside-app',
      }),
      makeDeliverable({ key: 'LCOO-2', stage: 'code-committed', delivery: makeCompleteDelivery({ roadmapItemKey: 'LCOO-1' }) }),
    ];
    const row = aggregatePortfolio(gated(items, { config }), { now: FIXED_NOW, calendar: BUILTIN_CALENDAR }).rows[1];
    expect(row?.blockers.map((b) => b.requirement)).toEqual(['roadmap-item:record', 'checklist:size']);
    expect(row?.blockers[0]?.message).toMatch(/^Roadmap Item LCOO-1: The LCOO record was modified outside the LCOO app/);
    // Still grouped under its Roadmap Item's FST: only the gate needs a signed checklist.
    expect(row?.fst).toBe('Security');
  });

  // Speed is measured by `npm run bench` (bench/gadget.bench.ts), not here: this checks the
  // counts stay right at the portfolio size the bench uses.
  it('aggregates 10,000 items with every item counted once', () => {
    const stages = ['vetting-backlog', 'being-vetted', 'prioritized', 'development-ready'] as const;
    const fsts = ['Networking', 'Security', 'Containers', 'Operations / LMA', 'Test Automation / CICD', 'Resource Management', 'Other'];
    const items: PortfolioItem[] = [];
    for (let i = 0; i < 10_000; i++) {
      if (i % 4 === 3) {
        items.push(
          makeDeliverable({
            key: `LCOO-${i}`,
            stage: 'coding-in-progress',
            delivery: makeCompleteDelivery({ roadmapItemKey: `LCOO-${i - 1}` }),
          }),
        );
      } else {
        const complete = i % 2 === 0;
        const vetting = complete
          ? makeCompleteVetting({ fst: fsts[i % fsts.length]! })
          : makeVetting({ fst: fsts[i % fsts.length]!, targetRelease: 'epoxy' });
        items.push(makeRoadmapItem({ key: `LCOO-${i}`, stage: stages[i % 4]!, vetting }));
      }
    }
    const out = aggregatePortfolio(items, { now: FIXED_NOW, calendar: BUILTIN_CALENDAR });
    expect(out.totals.items).toBe(10_000);
    expect(out.rows).toHaveLength(10_000);
    expect(out.funnels.portfolio.reduce((sum, s) => sum + s.count, 0)).toBe(7_500);
    expect(out.funnels.delivery.find((s) => s.stage === 'coding-in-progress')?.count).toBe(2_500);
    expect(out.totals).toMatchObject({ roadmapItems: 7_500, deliverables: 2_500 });
  });
});
