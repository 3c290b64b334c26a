// Issue 11, item 12: seeded data a Roadmap Committee would believe, and a seed that keeps
// working after the calendar's last named series (item 9). Pure: the plan is checked against
// the domain's own rules; test/integration/host/seed.test.ts runs it through the app's gates.
import { CATALOG } from '../../../sandbox/seed/catalog';
import {
  COMPANIES,
  generateSeedPlan,
  type PlannedDeliverable,
  type PlannedRoadmapItem,
  type SeedPlan,
} from '../../../sandbox/seed/generate';
import {
  BUILTIN_CALENDAR,
  DELIVERY_STAGES,
  DeliveryInputSchema,
  PORTFOLIO_STAGES,
  VettingInputSchema,
  applyDeliveryInput,
  defaultGateConfig,
  milestoneProblem,
  projectByName,
  releaseById,
  type Approval,
  type Stage,
} from '../../../src/domain';
import { evaluateGate } from '../../fixtures/evaluate-gate';
import { describeWithSnapshots, snapshotYaml } from '../../support/openstack-snapshots';

const NOW = new Date('2026-11-25T12:00:00Z');
/** After 2027.1 Indri, the last series the built-in calendar names, has shipped. */
const AFTER_INDRI = new Date('2027-06-01T12:00:00Z');
const plans: [string, SeedPlan][] = [
  ['seed 2026', generateSeedPlan(2026, NOW)],
  ['seed 7', generateSeedPlan(7, NOW)],
  ['seed 2026 after Indri', generateSeedPlan(2026, AFTER_INDRI)],
];

/** The SIGs the catalog offers; the catalog's list is checked against governance below. */
const CATALOG_SIGS = CATALOG.flatMap((c) => c.sigs);

describeWithSnapshots('the catalog against openstack/governance', () => {
  it('names only SIGs of reference/sigs/sigs.yaml (active, advisory or forming)', () => {
    const governanceSigs = Object.keys(snapshotYaml<Record<string, unknown>>('openstack/governance', 'reference/sigs/sigs.yaml')).map(
      (name) => `${name} SIG`,
    );
    expect(CATALOG_SIGS.filter((s) => !governanceSigs.includes(s))).toEqual([]);
  });
});

const fullRecords = (plan: SeedPlan) =>
  plan.roadmapItems.filter((r) => r.vetting?.blueprints && r.vetting.alignmentStrategy && r.completeness !== 'forged');

describe.each(plans)('the seed plan (%s)', (_name, plan) => {
  it('draws stage, proposing company and target release independently', () => {
    // Every company proposes in several stages, and every stage has items of several companies.
    for (const c of COMPANIES) {
      const stages = new Set(plan.roadmapItems.filter((r) => r.company === c.name).map((r) => r.targetStage));
      expect(stages.size).toBeGreaterThanOrEqual(3);
    }
    for (const stage of PORTFOLIO_STAGES) {
      expect(new Set(plan.roadmapItems.filter((r) => r.targetStage === stage).map((r) => r.company)).size).toBeGreaterThanOrEqual(3);
    }
    for (const c of CATALOG) {
      expect(new Set(plan.roadmapItems.filter((r) => r.fst === c.fst).map((r) => r.targetStage))).toEqual(new Set(PORTFOLIO_STAGES));
    }
    const targets = new Set(plan.roadmapItems.map((r) => r.vetting?.targetRelease).filter((t) => t !== undefined));
    expect(targets.size).toBeGreaterThanOrEqual(3);
  });

  it('names only active OpenStack projects, real specs repositories and real milestones', () => {
    for (const r of plan.roadmapItems) for (const c of r.vetting?.components ?? []) expect(projectByName(c)?.status).toBe('active');
    for (const d of plan.deliverables) {
      const project = projectByName(d.delivery?.project ?? '');
      expect({ ref: d.ref, status: project?.status }).toEqual({ ref: d.ref, status: 'active' });
      const spec = d.delivery?.specification?.reviewUrl;
      if (spec) expect(spec).toMatch(new RegExp(`^https://review\\.opendev\\.org/c/${project!.specsRepo!}/\\+/\\d+$`));
      const m = d.delivery?.milestone;
      if (m) {
        expect({ ref: d.ref, problem: milestoneProblem(BUILTIN_CALENDAR, m) }).toEqual({ ref: d.ref, problem: undefined });
        expect(m.date).not.toBe(releaseById(BUILTIN_CALENDAR, m.releaseId)?.firstReleaseDate);
      }
    }
    expect(plan.deliverables.filter((d) => d.delivery?.milestone).length).toBeGreaterThanOrEqual(10);
  });

  it('gives every item its own plan, blueprint findings and alignment notes', () => {
    const items = fullRecords(plan);
    expect(items.length).toBeGreaterThanOrEqual(10);
    const distinct = (pick: (r: PlannedRoadmapItem) => string | undefined) => {
      const texts = items.map(pick);
      expect(new Set(texts).size).toBe(texts.length);
    };
    distinct((r) => r.vetting?.alignmentStrategy?.plan);
    distinct((r) => r.vetting?.blueprints?.conclusion);
    distinct((r) => r.vetting?.blueprints?.findings?.[0]?.summary);
    distinct((r) => r.vetting?.communityAlignment?.[0]?.notes);
  });

  it("commits and names a company's own people only, and only OpenStack SIGs", () => {
    const staffOf = (company: string) => COMPANIES.find((c) => c.name === company)?.staff.map((s) => s.name) ?? [];
    for (const r of plan.roadmapItems) {
      for (const s of r.vetting?.stakeholders ?? []) expect(staffOf(s.company ?? '')).toContain(s.name);
      for (const c of r.vetting?.collaborators?.companies ?? [])
        for (const p of c.people ?? []) expect(staffOf(c.company)).toContain(p.name);
      for (const wg of r.vetting?.collaborators?.workingGroups ?? []) expect(CATALOG_SIGS).toContain(wg);
    }
  });

  it('passes every stage gate on the way to each planned stage, at the date it was planned for', () => {
    const now = new Date(plan.now);
    const account = (email: string) => `acct:${email}`;
    const approvalsOf = (item: PlannedRoadmapItem | PlannedDeliverable): Approval[] =>
      item.approvals.map((a) => ({
        role: a.role,
        accountId: account(a.asEmail),
        displayName: a.asEmail,
        at: plan.now,
        ...(a.ref ? { ref: a.ref } : {}),
      }));
    const walk = (lifecycle: 'portfolio' | 'delivery', target: Stage, record: object) => {
      const stages: readonly Stage[] = lifecycle === 'portfolio' ? PORTFOLIO_STAGES : DELIVERY_STAGES;
      for (let i = 1; i <= stages.indexOf(target); i++) {
        const subject =
          lifecycle === 'portfolio'
            ? { lifecycle, from: stages[i - 1], integrity: 'valid' as const, vetting: record as never }
            : { lifecycle, from: stages[i - 1], integrity: 'valid' as const, delivery: record as never };
        const outcome = evaluateGate(stages[i]!, subject, defaultGateConfig, now);
        expect({ target, stage: stages[i], missing: outcome.missing }).toEqual({ target, stage: stages[i], missing: [] });
      }
    };
    for (const r of plan.roadmapItems) {
      if (r.completeness === 'forged' || r.targetStage === 'vetting-backlog') continue;
      walk('portfolio', r.targetStage, { ...VettingInputSchema.parse(r.vetting), approvals: approvalsOf(r) });
    }
    for (const d of plan.deliverables) {
      const input = DeliveryInputSchema.parse({ ...d.delivery, roadmapItemKey: 'LCOO-1' });
      walk('delivery', d.targetStage, { ...applyDeliveryInput(undefined, input, 'acct:owner', plan.now), approvals: approvalsOf(d) });
    }
  });
});
