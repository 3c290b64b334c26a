// Deterministic LCOO roadmap generator: from a seed and a date it plans >= 60 issues (Roadmap
// Items and Upstream Deliverables) across every FST, stage, member company and several
// releases, with vetting and delivery records in every state of completeness, a few forged
// through raw REST, and the approvals each target stage's gate needs. Pure: no I/O; the
// orchestration (orchestrate.ts) turns the plan into Jira issues through the app itself.
//
// What a Roadmap Committee would believe: stage, proposing company and target release are drawn
// independently of each other; projects, specs repositories and milestones are real (the
// governance project list and the release calendar of src/domain); every item has its own
// texts; people are committed only by the company that employs them; the SIGs are OpenStack's.
import {
  BUILTIN_CALENDAR,
  DELIVERY_STAGES,
  PORTFOLIO_STAGES,
  projectByName,
  releaseById,
  releaseLabel,
  releasedBy,
  releasesOpenForTargeting,
  seriesThrough,
  type Release,
  type ReleaseCalendar,
} from '../../src/domain';
import type { ApprovalRole, DeliveryInput, DeliveryStage, PortfolioStage, VettingInput } from '../../src/domain';
import { SEED_USERS } from '../jira/seed-site';
import { CATALOG, STAKEHOLDER_ROLES, type Proposal } from './catalog';
import { createPrng, type Prng } from './prng';

export const DEFAULT_SEED = 2026;

/** Someone on a member company's staff; `email` when the sandbox seeds them as a Jira user. */
export interface StaffMember {
  name: string;
  email?: string;
}

/**
 * Member companies (names as the app's configuration has them), the seeded user who represents
 * each (creates its items, saves their checklists) and its staff: the only people a company
 * names as stakeholders or commits to an item.
 */
export const COMPANIES: readonly { name: string; email: string; staff: readonly StaffMember[] }[] = [
  {
    name: 'AT&T',
    email: 'j.miller@att.example',
    staff: [
      { name: 'Jordan Miller', email: 'j.miller@att.example' },
      { name: 'Sun-hee Kim', email: 's.kim@att.example' },
      { name: 'Grace Liu' },
    ],
  },
  {
    name: 'Comcast',
    email: 'p.nguyen@comcast.example',
    staff: [{ name: 'Priya Nguyen', email: 'p.nguyen@comcast.example' }, { name: 'Hannah Berg' }, { name: 'Tomás Herrera' }],
  },
  { name: 'NTT', email: 'k.tanaka@ntt.example', staff: [{ name: 'Kenji Tanaka', email: 'k.tanaka@ntt.example' }, { name: 'Yuki Sato' }] },
  {
    name: 'Orange',
    email: 'm.lefevre@orange.example',
    staff: [
      { name: 'Marie Lefèvre', email: 'm.lefevre@orange.example' },
      { name: 'Luc Moreau', email: 'l.moreau@orange.example' },
      { name: 'Chloé Dubois' },
    ],
  },
  {
    name: 'Reliance Jio',
    email: 'r.sharma@jio.example',
    staff: [{ name: 'Rohan Sharma', email: 'r.sharma@jio.example' }, { name: 'Arjun Mehta' }],
  },
  {
    name: 'Intel',
    email: 'd.okafor@intel.example',
    staff: [{ name: 'Daniel Okafor', email: 'd.okafor@intel.example' }, { name: 'Aisha Bello' }, { name: 'Mateo Rossi' }],
  },
];

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
  /** Weekly updates on the release scope tracker, added by the owner: `weeksAgo` 0 is this week. */
  updates?: { weeksAgo: number; text: string }[];
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
/** The repository of a project under openstack/ on opendev: "Nova" -> nova, "os-vif" -> os-vif. */
const repoOf = (project: string) => project.toLowerCase().replace(/\s+/g, '-');

const accountOf = (email: string | undefined) => (email ? SEED_USERS.find((u) => u.email === email)?.accountId : undefined);
/** A person as a record names them: with their Jira account when the sandbox has one. */
/**
 * The person-weeks someone gives in the target release (2 to 12, from their name, so the plan's
 * random draws stay as they were): what the release scope tracker totals per company and FST.
 */
const personWeeksOf = (name: string) => 2 + ([...name].reduce((n, ch) => n + ch.charCodeAt(0), 0) % 11);
const personOf = (m: StaffMember) => {
  const accountId = accountOf(m.email);
  const personWeeks = personWeeksOf(m.name);
  return accountId ? { name: m.name, accountId, personWeeks } : { name: m.name, personWeeks };
};

const companyNamed = (name: string) => COMPANIES.find((c) => c.name === name) ?? COMPANIES[0]!;

/** Every FST has an item in every portfolio stage; the other two are drawn, so stages spread unevenly but not by company. */
function stagesForTeam(rng: Prng, count: number): PortfolioStage[] {
  const stages: PortfolioStage[] = [...PORTFOLIO_STAGES];
  while (stages.length < count) stages.push(rng.pick(PORTFOLIO_STAGES));
  return rng.sample(stages, stages.length);
}

const BACKLOG_KINDS: Completeness[] = ['none', 'draft', 'forged', 'complete', 'draft', 'none', 'forged'];
const CHANNEL_NAMES = { ptg: 'the PTG', forum: 'the Forum', 'mailing-list': 'openstack-discuss', irc: 'the project IRC meeting' } as const;

function fullVetting(rng: Prng, p: Proposal, team: string, company: string, target: Release, now: Date, committed: boolean): VettingInput {
  const proposer = companyNamed(company);
  const partners = rng.sample(
    COMPANIES.filter((c) => c.name !== company),
    rng.int(1, 3),
  );
  const type = rng.pick(['new', 'new', 'debt', 'bug', 'open-sourcing', 'other'] as const);
  const lead = p.components[0] ?? 'Nova';
  const launchpad = p.components.map((c) => projectByName(c)?.launchpad).find((x) => x !== undefined) ?? 'nova';
  const channel = rng.pick(['ptg', 'forum', 'mailing-list', 'irc'] as const);
  // Each company names its own people: a stakeholder and the staff it commits.
  const stakeholderFrom = (c: (typeof COMPANIES)[number]) => ({
    name: rng.pick(c.staff).name,
    company: c.name,
    role: rng.pick(STAKEHOLDER_ROLES),
  });
  const staffOf = (c: (typeof COMPANIES)[number], n: number) => rng.sample(c.staff, n).map(personOf);
  const sigs = CATALOG.find((c) => c.fst === team)?.sigs ?? [];
  return {
    schemaVersion: 2,
    fst: team,
    proposingCompany: company,
    type,
    requirements: p.requirements,
    acceptanceCriteria: p.acceptance,
    components: p.components,
    stakeholders: [stakeholderFrom(proposer), ...(partners[0] ? [stakeholderFrom(partners[0])] : [])],
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
      findings: [{ url: `https://blueprints.launchpad.net/${launchpad}/+spec/${slug(p.summary).slice(0, 30)}`, summary: p.found }],
      conclusion: p.conclusion,
    },
    communityAlignment: [
      { channel: 'ptl-cores', notes: `Discussed with the ${lead} team: ${p.asked}.`, date: day(now, -rng.int(20, 90)) },
      {
        channel,
        notes: `Presented the use case at ${CHANNEL_NAMES[channel]} (${p.summary.toLowerCase()}); ${rng.int(2, 6)} operators said they need it too.`,
        date: day(now, -rng.int(5, 60)),
      },
    ],
    collaborators: {
      companies: [
        { company, interest: 'yes', people: committed ? staffOf(proposer, 2) : [] },
        ...partners.map((c, i) => ({
          company: c.name,
          interest: i === 0 ? ('yes' as const) : rng.pick(['no', 'undecided'] as const),
          people: i === 0 && committed ? staffOf(c, 1) : [],
        })),
      ],
      workingGroups: rng.chance(0.4) && sigs.length > 0 ? [rng.pick(sigs)] : [],
    },
    targetRelease: target.id,
    ...(committed
      ? { deliveryStream: rng.pick(['own-contributors', 'community-working-groups', 'project-teams', 'other-contributors'] as const) }
      : {}),
    alignmentStrategy: { benefittingRelease: releaseLabel(target), plan: p.plan },
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

/** What an owner writes week by week about upstream work in `project` at `stage`, oldest first. */
function weeklyUpdates(project: string, stage: DeliveryStage, weeks: number): { weeksAgo: number; text: string }[] {
  const byStage: Partial<Record<DeliveryStage, string[]>> = {
    'blueprint-in-progress': [
      `Raised the blueprint at the ${project} team meeting; the PTL asked for the operator use cases in the etherpad.`,
      `Use cases added; two ${project} cores commented on the scope and want a smaller first step.`,
      `Scope split as the cores asked; blueprint review requested for next week's meeting.`,
    ],
    'blueprint-accepted': [
      `Blueprint approved by the ${project} PTL; milestone agreed.`,
      `Drafting the spec outline; looking for a second reviewer from another company.`,
      `Outline shared on the mailing list; no objections so far.`,
    ],
    'spec-in-progress': [
      `Spec proposed to the ${project} specs repository; first round of review comments in.`,
      `Second patch set addresses the upgrade path questions.`,
      `One core still asks about the API microversion; answer drafted.`,
    ],
    'spec-accepted': [
      `Spec merged; coding starts next week.`,
      `First patch in progress locally; test plan written.`,
      `Development environment for the functional tests ready.`,
    ],
    'coding-in-progress': [
      `First change up for review in Gerrit; CI green on the unit tests.`,
      `Functional job failing on an unrelated gate issue; rechecked.`,
      `Review comments addressed; waiting for a second +2.`,
    ],
    'code-committed': [
      `Both changes merged; release note added.`,
      `Docs change up for review.`,
      `Preparing the demo for the POD acceptance.`,
    ],
  };
  const texts = byStage[stage] ?? [];
  return texts.slice(0, weeks).map((text, i) => ({ weeksAgo: weeks - 1 - i, text }));
}

/**
 * The milestone a deliverable aims at: milestone 1, 2 or 3 of a release's schedule (features
 * land by feature freeze), on the schedule's date. Work still ahead aims at one to come in its
 * Roadmap Item's target release; merged work at one that has passed, in the series under
 * development or the one before it.
 */
function milestoneFor(
  rng: Prng,
  target: Release,
  calendar: ReleaseCalendar,
  now: Date,
  done: boolean,
): { releaseId: string; label: string; date: string } | undefined {
  const features = (r: Release) =>
    r.milestones.filter((m) => m.kind === 'milestone-1' || m.kind === 'milestone-2' || m.kind === 'milestone-3').map((m) => ({ r, m }));
  const passed = (date: string) => releasedBy({ firstReleaseDate: date }, now);
  let pool: { r: Release; m: Release['milestones'][number] }[];
  if (done) {
    const recent = seriesThrough(calendar, now).filter((r) => r.version && r.milestones.length > 0);
    pool = recent
      .flatMap(features)
      .filter((x) => passed(x.m.date))
      .slice(-3);
  } else {
    const ahead = [target, ...releasesOpenForTargeting(calendar, now)].flatMap(features).filter((x) => !passed(x.m.date));
    pool = ahead.filter((x) => x.r.id === target.id);
    if (pool.length === 0) pool = ahead.slice(0, 3);
  }
  if (pool.length === 0) return undefined;
  const { r, m } = rng.pick(pool);
  return { releaseId: r.id, label: m.label, date: m.date };
}

export function generateSeedPlan(seed = DEFAULT_SEED, now: Date = new Date(), calendar: ReleaseCalendar = BUILTIN_CALENDAR): SeedPlan {
  const rng = createPrng(seed);
  const open = releasesOpenForTargeting(calendar, now);
  if (open.length === 0) throw new Error(`No OpenStack release is open for targeting at ${now.toISOString()}.`);
  // Items still being vetted may name a release that has shipped meanwhile (they show as slipped).
  const shipped = seriesThrough(calendar, now)
    .filter((r) => r.version && releasedBy(r, now))
    .slice(-3);

  const roadmapItems: PlannedRoadmapItem[] = [];
  let backlogCount = 0;
  for (const team of CATALOG) {
    // Stage and proposing company are drawn independently: every company proposes one item
    // per FST, and which stage that item reached does not depend on who proposed it.
    const stages = stagesForTeam(rng, team.proposals.length);
    const proposers = rng.sample(COMPANIES, COMPANIES.length);
    team.proposals.forEach((proposal, pi) => {
      const stage = stages[pi] ?? 'vetting-backlog';
      const company = proposers[pi % proposers.length] ?? COMPANIES[0]!;
      const committed = stage === 'development-ready';
      // Items past the Prioritized gate passed it with a release that had not shipped.
      const target = stage === 'prioritized' || committed || shipped.length === 0 || !rng.chance(0.4) ? rng.pick(open) : rng.pick(shipped);
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
                ? { ...full, targetRelease: open[0]!.id }
                : {
                    ...full,
                    targetRelease: completeness === 'complete' && stage === 'vetting-backlog' ? rng.pick(open).id : full.targetRelease,
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
  }

  // Deliverables: three per delivery stage, each delivering a prioritized or development-ready
  // item, in one of its projects that tracks blueprints on Launchpad (and, from the
  // specification on, reviews specs in a specs repository governance lists).
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
  let next = 0;
  DELIVERY_STAGES.forEach((stage) => {
    const reached = (s: DeliveryStage) => DELIVERY_STAGES.indexOf(stage) >= DELIVERY_STAGES.indexOf(s);
    const needsSpec = reached('spec-in-progress');
    const projectsOf = (parent: PlannedRoadmapItem) =>
      (parent.vetting?.components ?? []).filter((c) => {
        const p = projectByName(c);
        return p?.status === 'active' && p.launchpad !== undefined && (!needsSpec || p.specsRepo !== undefined);
      });
    for (let k = 0; k < 3; k++) {
      let parent: PlannedRoadmapItem | undefined;
      for (let tries = 0; tries < parents.length && !parent; tries++) {
        const candidate = parents[next++ % parents.length];
        if (candidate && projectsOf(candidate).length > 0) parent = candidate;
      }
      if (!parent) continue;
      const project = rng.pick(projectsOf(parent));
      const info = projectByName(project)!;
      const repo = repoOf(project);
      const target = releaseById(calendar, parent.vetting?.targetRelease ?? '') ?? open[0]!;
      const owner = parent.ownerEmail;
      const changes = reached('coding-in-progress')
        ? [0, 1].slice(0, reached('code-committed') ? 2 : 1).map(() => ({
            url: `https://review.opendev.org/c/openstack/${repo}/+/${++change}`,
            number: change,
            status: reached('code-committed') ? ('merged' as const) : ('open' as const),
            ci: reached('code-committed') ? ('pass' as const) : rng.pick(['pass', 'pending', 'fail'] as const),
          }))
        : [];
      const bpName = `${slug(parent.summary).slice(0, 28)}-${repo}`;
      const milestone = reached('blueprint-accepted') ? milestoneFor(rng, target, calendar, now, reached('code-committed')) : undefined;
      const delivery: PlannedDeliverable['delivery'] = {
        project,
        ...(stage !== 'backlog' || rng.chance(0.5)
          ? {
              blueprint: {
                url: `https://blueprints.launchpad.net/${info.launchpad}/+spec/${bpName}`,
                title: `${project}: ${parent.summary}`,
              },
            }
          : {}),
        ...(reached('blueprint-in-progress')
          ? {
              alignment: [
                {
                  notes: `${project} cores reviewed the blueprint for ${parent.ref} at their weekly meeting and agreed on the scope.`,
                  date: day(now, -rng.int(10, 80)),
                },
              ],
            }
          : {}),
        ...(milestone ? { milestone } : {}),
        ...(needsSpec && info.specsRepo
          ? {
              specification: {
                reviewUrl: `https://review.opendev.org/c/${info.specsRepo}/+/${++change}`,
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
      // Work under way carries weekly updates (no rng draw: the rest of the plan stays as it was):
      // three weeks of them on the first deliverable of a stage, this week's on the second.
      const underWay = reached('blueprint-in-progress') && !reached('delivered');
      const updates = underWay && k < 2 ? weeklyUpdates(project, stage, k === 0 ? 3 : 1) : [];
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
        ...(updates.length > 0 ? { updates } : {}),
      });
    }
  });
  return { seed, now: now.toISOString(), roadmapItems, deliverables };
}

export { PORTFOLIO_STAGES, DELIVERY_STAGES };
