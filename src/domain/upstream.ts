import { z } from 'zod';
import { IsoDateTimeSchema, MAX_SHORT } from './primitives';

/**
 * Evidence read from OpenStack's own tools (issue 14): what Gerrit says about each change a
 * deliverable links. It is stored in the signed delivery record (`upstream`), written only by
 * the app's refresh (never by a save), and read by the gates when the admin switches Code
 * Committed to "from Gerrit only". The rules below are pure: they read votes as Gerrit
 * reports them (LabelInfo.all, one ApprovalInfo per reviewer, DETAILED_LABELS).
 */

/** Gerrit's change states (ChangeInfo.status). */
export const GERRIT_STATUSES = ['NEW', 'MERGED', 'ABANDONED'] as const;
export const GerritStatusSchema = z.enum(GERRIT_STATUSES);
export type GerritStatus = z.infer<typeof GerritStatusSchema>;

/** The labels the gates read; OpenDev's projects all carry these three. */
export const UPSTREAM_LABELS = ['Code-Review', 'Verified', 'Workflow'] as const;
export const UpstreamLabelSchema = z.enum(UPSTREAM_LABELS);
export type UpstreamLabel = z.infer<typeof UpstreamLabelSchema>;

/** A reviewer as Gerrit names them (AccountInfo): the account id is what makes two votes one person's. */
export const GerritAccountSchema = z.object({
  id: z.number().int().nonnegative(),
  name: z.string().max(MAX_SHORT).optional(),
  username: z.string().max(MAX_SHORT).optional(),
});
export type GerritAccount = z.infer<typeof GerritAccountSchema>;

export const UpstreamVoteSchema = z.object({
  label: UpstreamLabelSchema,
  by: GerritAccountSchema,
  value: z.number().int().min(-2).max(2),
  /** The patch set the vote was given on, when Gerrit says (a vote on a later patch set replaces the earlier one). */
  patchSet: z.number().int().positive().optional(),
});
export type UpstreamVote = z.infer<typeof UpstreamVoteSchema>;

export const UpstreamChangeSchema = z.object({
  number: z.number().int().positive(),
  project: z.string().max(MAX_SHORT),
  branch: z.string().max(MAX_SHORT),
  status: GerritStatusSchema,
  subject: z.string().max(MAX_SHORT).optional(),
  currentPatchSet: z.number().int().positive().optional(),
  votes: z.array(UpstreamVoteSchema).max(60),
});
export type UpstreamChange = z.infer<typeof UpstreamChangeSchema>;

/** When a source could not be read: the last evidence stays, marked stale with why. */
export const StaleMarkSchema = z.object({
  since: IsoDateTimeSchema,
  reason: z.string().max(400),
});

export const GerritEvidenceSchema = z.object({
  source: z.literal('gerrit'),
  /** When Gerrit last answered for these changes. */
  fetchedAt: IsoDateTimeSchema,
  stale: StaleMarkSchema.optional(),
  changes: z.array(UpstreamChangeSchema).max(50),
  /** Linked change numbers Gerrit does not know (404 / not in the query's answer). */
  notFound: z.array(z.number().int().positive()).max(50).optional(),
});
export type GerritEvidence = z.infer<typeof GerritEvidenceSchema>;

/**
 * OpenDev's CI account: Zuul reports as the user `zuul` (display name "Zuul"). Only its
 * Verified vote counts: a human's Verified +1 is not a CI result.
 */
export const ZUUL_USERNAME = 'zuul';
export const isZuul = (a: GerritAccount): boolean =>
  a.username?.toLowerCase() === ZUUL_USERNAME || (a.username === undefined && a.name?.toLowerCase() === ZUUL_USERNAME);

// ---------------------------------------------------------------- rules

/** A live change counts toward the deliverable: abandoned ones are history. */
export const isLiveChange = (c: Pick<UpstreamChange, 'status'>): boolean => c.status !== 'ABANDONED';

/**
 * Each reviewer's standing vote on a label: the one on the latest patch set they voted on
 * (Gerrit keeps one vote per reviewer; a list that carries several patch sets is read the same
 * way). Votes without a patch set are taken in list order.
 */
export function standingVotes(change: Pick<UpstreamChange, 'votes'>, label: UpstreamLabel): UpstreamVote[] {
  const byReviewer = new Map<number, UpstreamVote>();
  for (const v of change.votes) {
    if (v.label !== label) continue;
    const had = byReviewer.get(v.by.id);
    if (!had || (v.patchSet ?? 0) >= (had.patchSet ?? 0)) byReviewer.set(v.by.id, v);
  }
  return [...byReviewer.values()];
}

/** The distinct reviewers whose standing Code-Review vote is +2 (the project's cores): one person counts once. */
export const codeReviewApprovers = (change: Pick<UpstreamChange, 'votes'>): GerritAccount[] =>
  standingVotes(change, 'Code-Review')
    .filter((v) => v.value === 2)
    .map((v) => v.by);

/** Reviewers whose standing Code-Review vote is -2: a veto that blocks the change whatever the +2s. */
export const codeReviewVetoes = (change: Pick<UpstreamChange, 'votes'>): GerritAccount[] =>
  standingVotes(change, 'Code-Review')
    .filter((v) => v.value === -2)
    .map((v) => v.by);

/** Zuul's standing Verified vote: +1 or better passes. */
export function zuulVerified(change: Pick<UpstreamChange, 'votes'>): number | undefined {
  return standingVotes(change, 'Verified').find((v) => isZuul(v.by))?.value;
}

/** Workflow +1: a core approved the change for the gate. */
export const workflowApproved = (change: Pick<UpstreamChange, 'votes'>): boolean =>
  standingVotes(change, 'Workflow').some((v) => v.value >= 1);

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five'];
const count = (n: number): string => NUMBER_WORDS[n] ?? String(n);

/**
 * What one change lacks for Code Committed "from Gerrit only": merged, Verified +1 or better
 * from Zuul, `required` distinct Code-Review +2 and no -2. Empty when it has everything.
 */
export function changeLacks(change: UpstreamChange, required: number): string[] {
  const lacks: string[] = [];
  if (change.status !== 'MERGED') lacks.push('is not merged');
  const vetoes = codeReviewVetoes(change);
  if (vetoes.length > 0) lacks.push(`has a Code-Review -2 from ${vetoes.map((a) => a.name ?? a.username ?? `account ${a.id}`).join(', ')}`);
  const plus2 = codeReviewApprovers(change).length;
  if (plus2 < required) lacks.push(`has ${count(plus2)} Code-Review +2, needs ${count(required)}`);
  const verified = zuulVerified(change);
  if (verified === undefined || verified < 1)
    lacks.push(verified === undefined ? 'has no Verified vote from Zuul' : `has Verified ${verified} from Zuul, needs +1`);
  if (!workflowApproved(change)) lacks.push('has no Workflow +1');
  return lacks;
}

/** "change 912345 has one Code-Review +2, needs two and has no Workflow +1" */
export function changeLacksSentence(number: number, lacks: readonly string[]): string {
  const joined = lacks.length <= 1 ? (lacks[0] ?? '') : `${lacks.slice(0, -1).join(', ')} and ${lacks[lacks.length - 1]}`;
  return `change ${number} ${joined}`;
}

// ---------------------------------------------------------------- the specification review

/**
 * The Gerrit change number of a specification review link on review.opendev.org
 * (`/c/openstack/nova-specs/+/911862`, `/911862`, `/#/c/911862/`); undefined for anything else.
 */
export function specChangeNumber(reviewUrl: string | undefined): number | undefined {
  if (!reviewUrl) return undefined;
  let url: URL;
  try {
    url = new URL(reviewUrl);
  } catch {
    return undefined;
  }
  if (url.hostname.toLowerCase() !== 'review.opendev.org') return undefined;
  const m = /\/\+\/(\d+)/.exec(url.pathname) ?? /^\/(\d+)\/?$/.exec(url.pathname) ?? /^\/c\/(\d+)/.exec(url.hash.replace(/^#/, ''));
  const n = m ? Number(m[1]) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Every change number the refresh asks Gerrit about: the linked code changes and the specification review. */
export function upstreamNumbers(d: { changes?: readonly { number: number }[]; specification?: { reviewUrl: string } }): number[] {
  const spec = specChangeNumber(d.specification?.reviewUrl);
  const code = (d.changes ?? []).map((c) => c.number);
  return spec !== undefined && !code.includes(spec) ? [...code, spec] : code;
}

/** What the specification review lacks to count as accepted: merged, in an openstack/<project>-specs repository. */
export function specLacks(change: UpstreamChange | undefined, number: number): string | undefined {
  if (!change) return `the specification review (change ${number}) has not been read from Gerrit; refresh from upstream`;
  if (!/-specs$/.test(change.project))
    return `change ${number} is in ${change.project}, not in a specifications repository (openstack/<project>-specs)`;
  if (change.status !== 'MERGED')
    return `change ${number} in ${change.project} is ${change.status === 'ABANDONED' ? 'abandoned' : 'not merged yet'}`;
  return undefined;
}

// ---------------------------------------------------------------- the Launchpad blueprint

/**
 * A blueprint's definition status as Launchpad's web service names it (SpecificationDefinitionStatus,
 * lp/blueprints/enums.py): "Approved" is the project team's acceptance of the plan.
 */
export const DEFINITION_STATUSES = [
  'Approved',
  'Pending Approval',
  'Review',
  'Drafting',
  'Discussion',
  'New',
  'Superseded',
  'Obsolete',
] as const;

/** What Launchpad says about the blueprint a deliverable links (a Specification entry of its web service). */
export const UpstreamBlueprintSchema = z.object({
  project: z.string().max(MAX_SHORT),
  name: z.string().max(MAX_SHORT),
  title: z.string().max(MAX_SHORT).optional(),
  /** As Launchpad sends it; kept as text so a status Launchpad adds later still reads (it is simply not "Approved"). */
  definitionStatus: z.string().max(MAX_SHORT),
  implementationStatus: z.string().max(MAX_SHORT).optional(),
  /** The milestone / series the blueprint is targeted to (their names, from milestone_link / series_link). */
  milestone: z.string().max(MAX_SHORT).optional(),
  series: z.string().max(MAX_SHORT).optional(),
  webLink: z.string().max(2000).optional(),
});
export type UpstreamBlueprint = z.infer<typeof UpstreamBlueprintSchema>;

export const LaunchpadEvidenceSchema = z.object({
  source: z.literal('launchpad'),
  /** When Launchpad last answered for this blueprint. */
  fetchedAt: IsoDateTimeSchema,
  stale: StaleMarkSchema.optional(),
  /** Absent with `notFound`: Launchpad answered 404 for the linked blueprint. */
  blueprint: UpstreamBlueprintSchema.optional(),
  notFound: z.boolean().optional(),
});
export type LaunchpadEvidence = z.infer<typeof LaunchpadEvidenceSchema>;

/** Everything read from upstream, per source; each written only by the app's refresh or sync. */
export const UpstreamEvidenceSchema = z.object({
  gerrit: GerritEvidenceSchema.optional(),
  launchpad: LaunchpadEvidenceSchema.optional(),
});
export type UpstreamEvidence = z.infer<typeof UpstreamEvidenceSchema>;

/**
 * The project and blueprint name of a blueprint link (`https://blueprints.launchpad.net/<project>/+spec/<name>`,
 * also `launchpad.net/<project>/+spec/<name>`); undefined for anything else.
 */
export function blueprintRef(url: string | undefined): { project: string; name: string } | undefined {
  if (!url) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const host = u.hostname.toLowerCase();
  if (host !== 'launchpad.net' && host !== 'blueprints.launchpad.net') return undefined;
  const m = /^\/([a-z0-9][a-z0-9+.-]*)\/\+spec\/([a-z0-9][a-z0-9+.-]*)\/?$/i.exec(u.pathname);
  return m ? { project: m[1]!, name: m[2]! } : undefined;
}

/**
 * What the blueprint lacks for Blueprint Accepted "from Launchpad only": definition status
 * "Approved", as Launchpad last said. Undefined when it has it.
 */
export function blueprintLacks(evidence: LaunchpadEvidence | undefined, ref: { project: string; name: string }): string | undefined {
  const named = `blueprint ${ref.project}/${ref.name}`;
  if (!evidence) return `the ${named} has not been read from Launchpad; refresh from upstream`;
  const bp = evidence.blueprint;
  if (!bp || evidence.notFound || bp.project !== ref.project || bp.name !== ref.name) {
    return evidence.notFound
      ? `Launchpad does not know the ${named}; check the link`
      : `the ${named} has not been read from Launchpad; refresh from upstream`;
  }
  if (bp.definitionStatus !== 'Approved') return `the ${named} is "${bp.definitionStatus}" on Launchpad, needs "Approved"`;
  return undefined;
}
