// Issue 11, item 10: when a target release ships, the items that targeted it do not turn
// incomplete after the fact. An item past the gate that fixed its target, whose release shipped
// before it was delivered, has slipped; its checklist stays complete. A gate being passed now
// still needs a release that has not shipped.
import { BUILTIN_CALENDAR, aggregatePortfolio, checklistStatus, defaultGateConfig, type PortfolioItem } from '../../../src/domain';
import { gateCheck, planMove } from '../../../src/usecases/gate-check';
import type { IssueSnapshot } from '../../../src/usecases/issue-snapshot';
import { FIXED_NOW, makeCompleteDelivery, makeCompleteVetting, makeDeliverable, makeRoadmapItem } from '../../fixtures/builders';
import { gated } from '../../fixtures/gated-items';

const at = { nowMs: FIXED_NOW.getTime(), calendar: BUILTIN_CALENDAR };
/** Hibiscus shipped on 2026-09-30, before FIXED_NOW (2026-11-25). */
const shipped = makeCompleteVetting({ targetRelease: 'hibiscus' });
const item12 = (stage: Parameters<typeof checklistStatus>[1]['stage']) =>
  checklistStatus(shipped, { ...at, stage }).items.find((i) => i.id === 'targetRelease')!;

describe('checklist item 12 after the target shipped', () => {
  it('stays complete, and says the item slipped, for an item past the gate that fixed its target', () => {
    for (const stage of ['prioritized', 'development-ready'] as const) {
      const s = checklistStatus(shipped, { ...at, stage });
      expect(s.completed).toBe(12);
      expect(item12(stage)).toMatchObject({ complete: true });
      expect(item12(stage).slipped).toMatch(
        /^Targeted OpenStack release: 2026\.2 Hibiscus was released on 2026-09-30, after this item passed/,
      );
    }
  });

  it('is missing for an item still being vetted, or when read for a gate being passed now', () => {
    for (const stage of ['vetting-backlog', 'being-vetted', undefined] as const) {
      expect(item12(stage)).toMatchObject({
        complete: false,
        missing: 'Targeted OpenStack release: 2026.2 Hibiscus was released on 2026-09-30; choose a release that has not shipped yet.',
      });
    }
  });

  it('is plain complete when the target has not shipped', () => {
    expect(
      checklistStatus(makeCompleteVetting(), { ...at, stage: 'development-ready' }).items.find((i) => i.id === 'targetRelease'),
    ).toEqual({
      id: 'targetRelease',
      number: 12,
      label: 'Targeted OpenStack release',
      complete: true,
    });
  });
});

describe('the gate check after the target shipped', () => {
  const snapshot = (stage: IssueSnapshot['stage']): IssueSnapshot => ({
    key: 'LCOO-1',
    lifecycle: 'portfolio',
    stage,
    integrity: 'valid',
    vetting: shipped,
  });
  const settings = { ok: true as const, config: defaultGateConfig };

  it('asks a Prioritized item for a release that has not shipped before Development Ready', () => {
    const outcome = gateCheck(snapshot('prioritized'), planMove('portfolio', 'prioritized', 'development-ready', settings), at);
    expect(outcome.pass).toBe(false);
    expect(outcome.missing.map((m) => m.requirement)).toEqual(['checklist:targetRelease']);
  });

  it("reads a deliverable's Roadmap Item as of that item's stage", () => {
    const config = {
      ...defaultGateConfig,
      requiredChecklist: { ...defaultGateConfig.requiredChecklist, 'code-committed': ['targetRelease' as const] },
    };
    const deliverable: IssueSnapshot = {
      key: 'LCOO-9',
      lifecycle: 'delivery',
      stage: 'coding-in-progress',
      integrity: 'valid',
      delivery: makeCompleteDelivery(),
      parentKey: 'LCOO-1',
    };
    const plan = planMove('delivery', 'coding-in-progress', 'code-committed', { ok: true, config });
    // The Roadmap Item is Development Ready: its target shipped after its gate, it slipped, nothing is missing.
    expect(gateCheck(deliverable, plan, at, { ok: true, vetting: shipped, stage: 'development-ready' })).toEqual({
      target: 'code-committed',
      pass: true,
      missing: [],
    });
    // Still being vetted, its target is simply out of date.
    expect(
      gateCheck(deliverable, plan, at, { ok: true, vetting: shipped, stage: 'being-vetted' }).missing.map((m) => m.requirement),
    ).toEqual(['checklist:targetRelease']);
  });
});

describe('the portfolio after the target shipped', () => {
  const items = (extra: PortfolioItem[] = []) =>
    gated([
      makeRoadmapItem({ key: 'LCOO-1', stage: 'development-ready', vetting: shipped }),
      makeRoadmapItem({
        key: 'LCOO-2',
        stage: 'prioritized',
        vetting: makeCompleteVetting({ targetRelease: 'hibiscus', fst: 'Security' }),
      }),
      ...extra,
    ]);
  const row = (p: ReturnType<typeof aggregatePortfolio>, key: string) => p.rows.find((r) => r.key === key)!;

  it('keeps them complete; a Prioritized item has slipped', () => {
    const p = aggregatePortfolio(items(), { now: FIXED_NOW, calendar: BUILTIN_CALENDAR });
    expect(row(p, 'LCOO-1').completeness).toEqual({ completed: 12, total: 12, percent: 100 });
    expect(row(p, 'LCOO-2').completeness).toEqual({ completed: 12, total: 12, percent: 100 });
    expect(row(p, 'LCOO-2').slipped).toBe(true);
    // Development Ready with no deliverable in view: its delivery is not known here.
    expect(row(p, 'LCOO-1').slipped).toBe(false);
  });

  it('slips a Development Ready item whose deliverables were not all delivered when its release shipped', () => {
    const undelivered = aggregatePortfolio(
      items([
        makeDeliverable({ key: 'LCOO-10', stage: 'delivered', delivery: makeCompleteDelivery({ roadmapItemKey: 'LCOO-1' }) }),
        makeDeliverable({ key: 'LCOO-11', stage: 'code-committed', delivery: makeCompleteDelivery({ roadmapItemKey: 'LCOO-1' }) }),
      ]),
      { now: FIXED_NOW, calendar: BUILTIN_CALENDAR },
    );
    expect(row(undelivered, 'LCOO-1').slipped).toBe(true);
    const delivered = aggregatePortfolio(
      items([makeDeliverable({ key: 'LCOO-10', stage: 'delivered', delivery: makeCompleteDelivery({ roadmapItemKey: 'LCOO-1' }) })]),
      { now: FIXED_NOW, calendar: BUILTIN_CALENDAR },
    );
    expect(row(delivered, 'LCOO-1').slipped).toBe(false);
    expect(row(delivered, 'LCOO-1').completeness?.percent).toBe(100);
  });
});
