// The seed: a deterministic plan that covers the LCOO process, and its orchestration through
// the real app (setup/run, record saves, approvals, gated transitions) into the emulator.
import { CATALOG } from '../../../sandbox/seed/catalog';
import { COMPANIES, generateSeedPlan } from '../../../sandbox/seed/generate';
import { DeliveryInputSchema, DELIVERY_STAGES, LIFECYCLES, PORTFOLIO_STAGES, VettingInputSchema } from '../../../src/domain';
import { startSandbox } from '../../support/sandbox';

const NOW = new Date('2026-11-25T12:00:00Z');

describe('generateSeedPlan', () => {
  const plan = generateSeedPlan(2026, NOW);

  test('is deterministic for a seed and date, and differs for another seed', () => {
    expect(generateSeedPlan(2026, NOW)).toEqual(plan);
    expect(generateSeedPlan(7, NOW)).not.toEqual(plan);
    const summaries = [...plan.roadmapItems, ...plan.deliverables].map((x) => x.summary);
    expect(new Set(summaries).size).toBe(summaries.length);
  });

  test('covers >= 60 items, every FST, stage and member company, and several releases', () => {
    expect(plan.roadmapItems.length + plan.deliverables.length).toBeGreaterThanOrEqual(60);
    for (const fst of CATALOG.map((c) => c.fst)) {
      expect(new Set(plan.roadmapItems.filter((r) => r.fst === fst).map((r) => r.targetStage))).toEqual(new Set(PORTFOLIO_STAGES));
    }
    expect(new Set(plan.deliverables.map((d) => d.targetStage))).toEqual(new Set(DELIVERY_STAGES));
    expect(new Set(plan.roadmapItems.map((r) => r.company))).toEqual(new Set(COMPANIES.map((c) => c.name)));
    expect(new Set(plan.roadmapItems.map((r) => r.vetting?.targetRelease).filter(Boolean)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(plan.roadmapItems.map((r) => r.completeness))).toEqual(new Set(['none', 'draft', 'partial', 'complete', 'forged']));
  });

  test('every record is one the app accepts, and each gated stage has its approvals planned', () => {
    for (const r of plan.roadmapItems) if (r.vetting) expect(VettingInputSchema.safeParse(r.vetting).error).toBeUndefined();
    for (const d of plan.deliverables)
      expect(DeliveryInputSchema.safeParse({ ...d.delivery, roadmapItemKey: 'LCOO-1' }).error).toBeUndefined();
    for (const r of plan.roadmapItems.filter((x) => x.targetStage === 'prioritized' || x.targetStage === 'development-ready')) {
      expect(r.approvals.map((a) => a.role).sort()).toEqual(['fst-prioritization', 'lrc-prioritization']);
    }
    for (const d of plan.deliverables.filter((x) => x.targetStage === 'delivered')) {
      expect(new Set(d.approvals.filter((a) => a.role === 'core-approval').map((a) => a.asEmail)).size).toBe(2);
    }
  });
});

test('runSeed builds the roadmap through the app: every issue at its target status, forged records flagged', async () => {
  const sb = await startSandbox({ seed: 'full' });
  try {
    const admin = { kind: 'user' as const, accountId: sb.host.accountIdOf('admin@lcoo.example') };
    const search = await sb.emulator.handle({
      method: 'POST',
      path: '/rest/api/3/search/jql',
      principal: admin,
      body: { jql: 'project = LCOO ORDER BY key ASC', fields: ['summary', 'status', 'issuetype', 'issuelinks'], maxResults: 100 },
    });
    expect(search.status).toBe(200);
    const issues = (
      search.body as {
        issues: {
          key: string;
          fields: {
            summary: string;
            status: { name: string };
            issuetype: { name: string };
            issuelinks: { type: { name: string }; inwardIssue?: { key: string } }[];
          };
        }[];
      }
    ).issues;
    const plan = generateSeedPlan();
    const planned = [...plan.roadmapItems, ...plan.deliverables];
    expect(issues).toHaveLength(planned.length);
    const statusName = (stage: string) =>
      [...LIFECYCLES.portfolio.stages, ...LIFECYCLES.delivery.stages].find((s) => s.id === stage)?.statusName;
    const bySummary = new Map(issues.map((i) => [i.fields.summary, i]));
    expect(bySummary.size).toBe(planned.length);
    for (const p of planned) {
      expect({ ref: p.ref, status: bySummary.get(p.summary)?.fields.status.name }).toEqual({
        ref: p.ref,
        status: statusName(p.targetStage),
      });
    }

    // Each deliverable saved with a record is linked in Jira to the Roadmap Item its record names ("delivers").
    const itemKeyOf = new Map(plan.roadmapItems.map((r) => [r.ref, bySummary.get(r.summary)?.key]));
    for (const d of plan.deliverables.filter((x) => x.delivery)) {
      const links = bySummary.get(d.summary)?.fields.issuelinks.filter((l) => l.type.name === 'LCOO delivery') ?? [];
      expect({ ref: d.ref, linkedTo: links.map((l) => l.inwardIssue?.key) }).toEqual({
        ref: d.ref,
        linkedTo: [itemKeyOf.get(d.roadmapRef)],
      });
    }

    // A record written over raw REST is never trusted: the panel reports it as modified outside the app.
    const forged = plan.roadmapItems.find((r) => r.completeness === 'forged');
    const forgedKey = forged ? bySummary.get(forged.summary)?.key : undefined;
    expect(forgedKey).toBeDefined();
    const panel = (await sb.host.invoke(
      'lcoo-issue-panel',
      'panel/load',
      {},
      { asEmail: 'viewer@lcoo.example', issueKey: forgedKey ?? '' },
    )) as { ok: boolean; data: { vetting?: { integrity: string } } };
    expect(panel.ok).toBe(true);
    expect(panel.data.vetting?.integrity).toBe('modified-outside-app');
  } finally {
    await sb.stop();
  }
});
