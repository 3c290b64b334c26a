// Deterministic LCOO roadmap generator: from a seed and a date it plans >= 60 issues (Roadmap
// Items and Upstream Deliverables) across every FST, stage, member company and several
// releases, with vetting and delivery records in every state of completeness, a few forged
// through raw REST, and the approvals each target stage's gate needs. Pure: no I/O; the
// orchestration (orchestrate.ts) turns the plan into Jira issues through the app itself.
import { DELIVERY_STAGES, PORTFOLIO_STAGES, RELEASES, releaseById, releasesOpenForTargeting } from '../../src/domain';
import type { ApprovalRole, DeliveryInput, DeliveryStage, PortfolioStage, VettingInput } from '../../src/domain';
import { CATALOG, PEOPLE, STAKEHOLDER_ROLES, WORKING_GROUPS, type Proposal } from './catalog';
import { createPrng, type Prng } from './prng';

export const DEFAULT_SEED = 2026;

/** Member companies (names as the app's configuration has them) and the seeded user who represents each. */
export const COMPANIES = [
  { name: 'AT&T', email: 'j.miller@att.example' },
  { name: 'Comcast', email: 'p.nguyen@comcast.example' },
  { name: 'NTT', email: 'k.tanaka@ntt.example' },
  { name: 'Orange', email: 'm.lefevre@orange.example' },
  { name: 'Reliance Jio', email: 'r.sharma@jio.example' },
  { name: 'Intel', email: 'd.okafor@intel.example' },
] as const;

/** Who may give each approval (their groups match the app's default role groups). */
export const APPROVERS: Record<ApprovalRole, string[]> = {
  'fst-prioritization': ['fst-lead@lcoo.example', 'p.nguyen@comcast.example', 'd.okafor@intel.example'],
  'lrc-prioritization': ['admin@lcoo.example', 'j.miller@att.example', 'm.lefevre@orange.example'],
  'stakeholder-acceptance': ['coordinator@lcoo.example', 'r.sharma@jio.example', 'l.moreau@orange.example'],
  'core-approval': ['fst-lead@lcoo.example', 'k.tanaka@ntt.example', 's.kim@att.example', 'p.nguyen@comcast.example'],
  'pod-acceptance': ['coordinator@lcoo.example', 'k.tanaka@ntt.example', 'm.lefevre@orange.example'],
  'lrc-tracking': ['admin@lcoo.example', 'j.miller@att.example', 'm.lefevre@orange.example'],
};

/** How much of the vetting checklist a seeded item has. */
export type Completeness = 'none' | 'draft' | 'partial' | 'complete' | 'forged';

export interface PlannedApproval {
  /** Recorded just before the move into this stage (the gate that needs it). */
  beforeStage: PortfolioStage | DeliveryStage;
  role: ApprovalRole;
  asEmail: string;
  ref?: string;
  note: string;
}

export interface PlannedRoadmapItem {
  ref: string;
  kind: 'roadmap-item';
  summary: string;
  description: string;
  fst: string;
  company: string;
  /** The member company's representative: creates the issue and saves the checklist. */
  ownerEmail: string;
  targetStage: PortfolioStage;
  completeness: Completeness;
  /** Saved through vetting/save (none for 'none'; for 'forged' written through raw REST instead). */
  vetting?: VettingInput;
  approvals: PlannedApproval[];
}

export interface PlannedDeliverable {
  ref: string;
  kind: 'deliverable';
  summary: string;
  description: string;
  /** ref of the Roadmap Item it delivers; its Jira key is filled in when that issue exists. */
  roadmapRef: string;
  ownerEmail: string;
  targetStage: DeliveryStage;
  /** roadmapItemKey is set by the orchestration once the Roadmap Item has a key. */
  delivery?: Omit<DeliveryInput, 'roadmapItemKey' | 'schemaVersion'>;
  approvals: PlannedApproval[];
}

export interface SeedPlan {
  seed: number;
  now: string;
  roadmapItems: PlannedRoadmapItem[];
  deliverables: PlannedDeliverable[];
}

const day = (now: Date, offsetDays: number) => new Date(now.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48);
const repoOf = (project: string) => project.toLowerCase().replace(/[^a-z0-9-]+/g, '');

/** Stage order per FST slot: rotated by FST so every FST has items in every stage. */
const STAGE_SLOTS: PortfolioStage[] = [
  'vetting-backlog',
  'vetting-backlog',
  'being-vetted',
  'prioritized',
  'development-ready',
  'being-vetted',
];
const BACKLOG_KINDS: Completeness[] = ['none', 'draft', 'forged', 'complete', 'draft', 'none', 'forged'];

function fullVetting(rng: Prng, p: Proposal, fst: string, company: string, target: string, now: Date, committed: boolean): VettingInput {
  const partners = rng.sample(
    COMPANIES.filter((c) => c.name !== company),
    rng.int(1, 3),
  );
  const type = rng.pick(['new', 'new', 'debt', 'bug', 'open-sourcing', 'other'] as const);
  return {
    schemaVersion: 2,
    fst,
    proposingCompany: company,
    type,
    requirements: p.requirements,
    acceptanceCriteria: p.acceptance,
    components: p.components,
    stakeholders: rng
      .sample(PEOPLE, 2)
      .map((name, i) => ({ name, company: i === 0 ? company : (partners[0]?.name ?? company), role: rng.pick(STAKEHOLDER_ROLES) })),
    artifacts: [
      { kind: 'story', url: `https://etherpad.opendev.org/p/lcoo-${slug(p.summary)}`, title: 'Operator user stories (etherpad)' },
      ...(rng.chance(0.5)
        ? [{ kind: 'design' as const, url: `https://wiki.openstack.org/wiki/LCOO/${slug(p.summary)}`, title: 'Design notes' }]
        : []),
    ],
    size: rng.pick(['S', 'M', 'L', 'XL'] as const),
    valueToMembers: p.valueToMembers,
    valueToCommunity: p.valueToCommunity,
    blueprints: {
      searched: true,
      findings: [
        {
          url: `https://blueprints.launchpad.net/${repoOf(p.components[0] ?? 'nova')}/+spec/${slug(p.summary).slice(0, 30)}`,
          summary: 'An older blueprint covers part of this; it stalled without an owner.',
        },
      ],
      conclusion: 'We take over the existing blueprint and extend it instead of filing a new one.',
    },
    communityAlignment: [
      {
        channel: 'ptl-cores',
        notes: `Discussed with the ${p.components[0] ?? 'project'} PTL; supportive if operators staff the work.`,
        date: day(now, -rng.int(20, 90)),
      },
      {
        channel: rng.pick(['ptg', 'forum', 'mailing-list', 'irc'] as const),
        notes: 'Presented the use case; cores asked for a spec first.',
        date: day(now, -rng.int(5, 60)),
      },
    ],
    collaborators: {
      companies: [
        { company, interest: 'yes', people: committed ? [{ name: rng.pick(PEOPLE) }, { name: rng.pick(PEOPLE) }] : [] },
        ...partners.map((c, i) => ({
          company: c.name,
          interest: i === 0 ? ('yes' as const) : rng.pick(['no', 'undecided'] as const),
          people: i === 0 && committed ? [{ name: rng.pick(PEOPLE) }] : [],
        })),
      ],
      workingGroups: rng.chance(0.4) ? [rng.pick(WORKING_GROUPS)] : [],
    },
    targetRelease: target,
    ...(committed
      ? { deliveryStream: rng.pick(['own-contributors', 'community-working-groups', 'project-teams', 'other-contributors'] as const) }
      : {}),
    alignmentStrategy: {
      benefittingRelease: releaseById(target)?.name ?? target,
      plan: 'If the spec slips, land the Placement model first and the scheduler change in the next cycle.',
    },
  };
}

/** A vetting record with only what the first gates need (and a few more items at random). */
function partialVetting(rng: Prng, full: VettingInput): VettingInput {
  const keep: (keyof VettingInput)[] = ['schemaVersion', 'fst', 'proposingCompany', 'type', 'components', 'communityAlignment'];
  const optional: (keyof VettingInput)[] = [
    'requirements',
    'acceptanceCriteria',
    'stakeholders',
    'size',
    'valueToMembers',
    'artifacts',
    'targetRelease',
  ];
  const chosen = new Set([...keep, ...rng.sample(optional, rng.int(1, 4))]);
  return Object.fromEntries(Object.entries(full).filter(([k]) => chosen.has(k as keyof VettingInput))) as VettingInput;
}

function draftVetting(full: VettingInput): VettingInput {
  return { schemaVersion: 2, fst: full.fst, proposingCompany: full.proposingCompany, type: full.type, requirements: full.requirements };
}

export function generateSeedPlan(seed = DEFAULT_SEED, now: Date = new Date()): SeedPlan {
  const rng = createPrng(seed);
  const open = releasesOpenForTargeting(now).map((r) => r.id);
  const shipped = RELEASES.filter((r) => !open.includes(r.id))
    .slice(-3)
    .map((r) => r.id);
  if (open.length === 0)
    throw new Error(`No OpenStack release is open for targeting at ${now.toISOString()}; add the next series to src/domain/releases.ts`);

  const roadmapItems: PlannedRoadmapItem[] = [];
  let backlogCount = 0;
  CATALOG.forEach((team, fi) => {
    team.proposals.forEach((proposal, pi) => {
      const stage = STAGE_SLOTS[(pi + fi) % STAGE_SLOTS.length] ?? 'vetting-backlog';
      const company = COMPANIES[(fi + pi) % COMPANIES.length] ?? COMPANIES[0];
      const committed = stage === 'development-ready';
      // Complete records target an open release; the rest also name releases that have shipped (slipped items).
      const target = stage === 'prioritized' || committed ? rng.pick(open) : rng.pick([...open, ...shipped]);
      const full = fullVetting(rng, proposal, team.fst, company.name, target, now, committed);
      let completeness: Completeness;
      if (stage === 'vetting-backlog') completeness = BACKLOG_KINDS[backlogCount++ % BACKLOG_KINDS.length] ?? 'none';
      else if (stage === 'being-vetted') completeness = 'partial';
      else completeness = 'complete';
      const vetting =
        completeness === 'none'
          ? undefined
          : completeness === 'draft'
            ? draftVetting(full)
            : completeness === 'partial'
              ? partialVetting(rng, full)
              : completeness === 'forged'
                ? { ...full, targetRelease: open[0] }
                : {
                    ...full,
                    targetRelease: completeness === 'complete' && stage === 'vetting-backlog' ? rng.pick(open) : full.targetRelease,
                  };
      const approvals: PlannedApproval[] =
        stage === 'prioritized' || stage === 'development-ready'
          ? [
              {
                beforeStage: 'prioritized',
                role: 'fst-prioritization',
                asEmail: rng.pick(APPROVERS['fst-prioritization']),
                note: `Top ${rng.int(1, 5)} for the ${team.fst} FST this quarter.`,
              },
              {
                beforeStage: 'prioritized',
                role: 'lrc-prioritization',
                asEmail: rng.pick(APPROVERS['lrc-prioritization']),
                note: 'Agreed at the quarterly LRC prioritization.',
              },
            ]
          : [];
      roadmapItems.push({
        ref: `R${String(roadmapItems.length + 1).padStart(2, '0')}`,
        kind: 'roadmap-item',
        summary: proposal.summary,
        description: `${proposal.requirements[0] ?? ''}\n\nProposed by ${company.name} for the ${team.fst} FST.`,
        fst: team.fst,
        company: company.name,
        ownerEmail: company.email,
        targetStage: stage,
        completeness,
        ...(vetting ? { vetting } : {}),
        approvals,
      });
    });
  });

  // Deliverables: three per delivery stage, each delivering a prioritized or development-ready item.
  const parents = roadmapItems.filter((r) => r.targetStage === 'development-ready' || r.targetStage === 'prioritized');
  const deliverables: PlannedDeliverable[] = [];
  let change = 910_000 + rng.int(0, 5000);
  const used = new Map<string, number>();
  // Two slices of the same work in the same project get "(part 2)", so every summary names one issue.
  const uniqueSummary = (summary: string) => {
    const n = (used.get(summary) ?? 0) + 1;
    used.set(summary, n);
    return n === 1 ? summary : `${summary} (part ${n})`;
  };
  DELIVERY_STAGES.forEach((stage, si) => {
    for (let k = 0; k < 3; k++) {
      const parent = parents[(si * 3 + k) % parents.length];
      if (!parent) continue;
      const components = parent.vetting?.components ?? ['Nova'];
      const project = components[k % components.length] ?? 'Nova';
      const repo = repoOf(project);
      const release = releaseById(parent.vetting?.targetRelease ?? open[0] ?? '') ?? releaseById(open[0] ?? '');
      const reached = (s: DeliveryStage) => DELIVERY_STAGES.indexOf(stage) >= DELIVERY_STAGES.indexOf(s);
      const owner = COMPANIES.find((c) => c.name === parent.company)?.email ?? 'coordinator@lcoo.example';
      const changes = reached('coding-in-progress')
        ? [0, 1].slice(0, reached('code-committed') ? 2 : 1).map(() => ({
            url: `https://review.opendev.org/c/openstack/${repo}/+/${++change}`,
            number: change,
            status: reached('code-committed') ? ('merged' as const) : ('open' as const),
            ci: reached('code-committed') ? ('pass' as const) : rng.pick(['pass', 'pending', 'fail'] as const),
          }))
        : [];
      const bpName = `${slug(parent.summary).slice(0, 28)}-${repo}`;
      const delivery: PlannedDeliverable['delivery'] = {
        project,
        ...(stage !== 'backlog' || rng.chance(0.5)
          ? { blueprint: { url: `https://blueprints.launchpad.net/${repo}/+spec/${bpName}`, title: `${project}: ${parent.summary}` } }
          : {}),
        ...(reached('blueprint-in-progress')
          ? { alignment: [{ notes: `Feature aligned with the ${project} cores at the weekly meeting.`, date: day(now, -rng.int(10, 80)) }] }
          : {}),
        ...(reached('blueprint-accepted') && release
          ? { milestone: { releaseId: release.id, label: `${release.name}-${rng.int(1, 3)}`, date: release.firstReleaseDate } }
          : {}),
        ...(reached('spec-in-progress')
          ? {
              specification: {
                reviewUrl: `https://review.opendev.org/c/openstack/${repo}-specs/+/${++change}`,
                approved: reached('spec-accepted'),
              },
            }
          : {}),
        ...(changes.length ? { changes } : {}),
      };
      const approvals: PlannedApproval[] = [];
      if (reached('blueprint-accepted'))
        approvals.push({
          beforeStage: 'blueprint-accepted',
          role: 'stakeholder-acceptance',
          asEmail: rng.pick(APPROVERS['stakeholder-acceptance']),
          note: 'Accepted at the LCOO stakeholder review.',
        });
      if (reached('code-committed')) {
        const cores = rng.sample(APPROVERS['core-approval'], 2);
        changes.forEach((c, i) =>
          approvals.push({
            beforeStage: 'code-committed',
            role: 'core-approval',
            asEmail: cores[i % cores.length] ?? 'fst-lead@lcoo.example',
            ref: String(c.number),
            note: '+2 Code-Review',
          }),
        );
      }
      if (reached('delivered'))
        approvals.push({
          beforeStage: 'delivered',
          role: 'pod-acceptance',
          asEmail: rng.pick(APPROVERS['pod-acceptance']),
          note: 'Accepted by the POD after the release demo.',
        });
      // The Roadmap Committee's tracking is an approval its members record (no rng draw: the plan stays as it was).
      if (reached('delivered'))
        approvals.push({
          beforeStage: 'delivered',
          role: 'lrc-tracking',
          asEmail: APPROVERS['lrc-tracking'][0] ?? 'admin@lcoo.example',
          note: 'Tracked in the monthly LRC delivery review.',
        });
      deliverables.push({
        ref: `D${String(deliverables.length + 1).padStart(2, '0')}`,
        kind: 'deliverable',
        // "Tempest: Tempest NFV scenario tests" reads badly: name the project only when the summary does not.
        summary: uniqueSummary(
          `${project}: ${parent.summary.startsWith(`${project} `) ? parent.summary.slice(project.length + 1) : parent.summary}`,
        ),
        description: `Upstream work in ${project} for ${parent.ref} (${parent.summary}).`,
        roadmapRef: parent.ref,
        ownerEmail: owner,
        targetStage: stage,
        delivery,
        approvals,
      });
    }
  });
  return { seed, now: now.toISOString(), roadmapItems, deliverables };
}

export { PORTFOLIO_STAGES, DELIVERY_STAGES };
