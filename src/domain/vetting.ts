import { z } from 'zod';
import { ApprovalListSchema, noApprovalsIn } from './approvals';
import type { Stage } from './lifecycle';
import { canonicalProjectName, isKnownProject } from './openstack-projects';
import {
  AccountIdSchema,
  IsoDateSchema,
  IsoDateTimeSchema,
  MAX_SHORT,
  MAX_TEXT,
  WebUrlSchema,
  isBlank,
  isWebUrl,
  jsonBytes,
  list,
  requiredText,
  text,
} from './primitives';
import { BUILTIN_CALENDAR, ReleaseIdSchema, findRelease, releaseById, releaseLabel, releasedBy, type ReleaseCalendar } from './releases';

/**
 * The roadmap vetting checklist of the source slide ("Roadmap Vetting", 12 points), with
 * the evidence a reviewer needs to judge each point, stored as the `lcoo-vetting` issue
 * property. Every field is optional so a half-filled draft saves; completeness is judged
 * by checklistStatus() and the gates, never by the schema.
 */

// ---------------------------------------------------------------- checklist items

export const CHECKLIST_ITEM_IDS = [
  'type',
  'requirements',
  'components',
  'stakeholders',
  'artifacts',
  'size',
  'valueToMembers',
  'valueToCommunity',
  'blueprints',
  'communityAlignment',
  'collaborators',
  'targetRelease',
] as const;
export const ChecklistItemIdSchema = z.enum(CHECKLIST_ITEM_IDS, {
  error: `Checklist item must be one of: ${CHECKLIST_ITEM_IDS.join(', ')}.`,
});
export type ChecklistItemId = z.infer<typeof ChecklistItemIdSchema>;

export interface ChecklistItem {
  id: ChecklistItemId;
  number: number;
  label: string;
  help: string;
}

export const CHECKLIST_ITEMS: readonly ChecklistItem[] = Object.freeze([
  { id: 'type', number: 1, label: 'Type', help: 'Debt, New, Bug, Open-sourcing or Other.' },
  {
    id: 'requirements',
    number: 2,
    label: 'Requirements and acceptance criteria',
    help: 'What must change, and how the committee will know it is done.',
  },
  {
    id: 'components',
    number: 3,
    label: 'Impacted components',
    help: 'The OpenStack projects the change touches, e.g. Nova, Horizon, Neutron.',
  },
  {
    id: 'stakeholders',
    number: 4,
    label: 'Key stakeholders',
    help: 'Who cares about the outcome: name, company and role.',
  },
  {
    id: 'artifacts',
    number: 5,
    label: 'Related artifacts',
    help: 'Links to user stories, design documents or code that already exist.',
  },
  { id: 'size', number: 6, label: 'Size of effort', help: 'S, M, L or XL.' },
  {
    id: 'valueToMembers',
    number: 7,
    label: 'Value / benefit to LCOO members',
    help: 'Why the member companies need this.',
  },
  {
    id: 'valueToCommunity',
    number: 8,
    label: 'Value / benefit to the broader OpenStack community',
    help: 'Why the community would accept and maintain it.',
  },
  {
    id: 'blueprints',
    number: 9,
    label: 'Pre-existing blueprints investigated',
    help: 'Search Launchpad and the specs repositories; record what you found and what it means.',
  },
  {
    id: 'communityAlignment',
    number: 10,
    label: 'Community alignment sought',
    help: 'PTL/core discussions, IRC, mailing list, PTG, Forum, mid-cycles: where and what was said.',
  },
  {
    id: 'collaborators',
    number: 11,
    label: 'Collaborators sought / identified',
    help: 'Which member companies join and who from their staff works on it; other working groups.',
  },
  {
    id: 'targetRelease',
    number: 12,
    label: 'Targeted OpenStack release',
    help: 'A release that has not shipped yet.',
  },
]);

export const CHECKLIST_ITEM_BY_ID: Readonly<Record<ChecklistItemId, ChecklistItem>> = Object.freeze(
  Object.fromEntries(CHECKLIST_ITEMS.map((i) => [i.id, i])) as Record<ChecklistItemId, ChecklistItem>,
);

// ---------------------------------------------------------------- value sets

export const ITEM_TYPES = ['debt', 'new', 'bug', 'open-sourcing', 'other'] as const;
export const ItemTypeSchema = z.enum(ITEM_TYPES, { error: 'Type must be Debt, New, Bug, Open-sourcing or Other.' });
export type ItemType = z.infer<typeof ItemTypeSchema>;
export const ITEM_TYPE_LABELS: Record<ItemType, string> = {
  debt: 'Debt',
  new: 'New',
  bug: 'Bug',
  'open-sourcing': 'Open-sourcing',
  other: 'Other',
};

export const SIZES = ['S', 'M', 'L', 'XL'] as const;
export const SizeSchema = z.enum(SIZES, { error: 'Size of effort must be S, M, L or XL.' });
export type Size = z.infer<typeof SizeSchema>;

export const ARTIFACT_KINDS = ['story', 'design', 'code', 'other'] as const;
export const ArtifactKindSchema = z.enum(ARTIFACT_KINDS, { error: 'Artifact kind must be story, design, code or other.' });

export const ALIGNMENT_CHANNELS = ['ptl-cores', 'irc', 'mailing-list', 'ptg', 'forum', 'mid-cycle'] as const;
export const AlignmentChannelSchema = z.enum(ALIGNMENT_CHANNELS, {
  error: 'Channel must be one of PTL/cores, IRC, mailing list, PTG, Forum or mid-cycle.',
});
export type AlignmentChannel = z.infer<typeof AlignmentChannelSchema>;
export const ALIGNMENT_CHANNEL_LABELS: Record<AlignmentChannel, string> = {
  'ptl-cores': 'PTL / core discussions',
  irc: 'IRC',
  'mailing-list': 'Mailing list',
  ptg: 'PTG',
  forum: 'Forum / Summit',
  'mid-cycle': 'Mid-cycle',
};

export const INTERESTS = ['yes', 'no', 'undecided'] as const;
export const InterestSchema = z.enum(INTERESTS, { error: 'Interest must be yes, no or undecided.' });
export type Interest = z.infer<typeof InterestSchema>;

export const DELIVERY_STREAMS = ['own-contributors', 'community-working-groups', 'project-teams', 'other-contributors'] as const;
export const DeliveryStreamSchema = z.enum(DELIVERY_STREAMS, {
  error: "Delivery stream must be the member's own contributors, community working groups, project teams or other contributors.",
});
export type DeliveryStream = z.infer<typeof DeliveryStreamSchema>;
export const DELIVERY_STREAM_LABELS: Record<DeliveryStream, string> = {
  'own-contributors': "LCOO member's community contributors",
  'community-working-groups': 'Other community working groups',
  'project-teams': 'Project teams',
  'other-contributors': 'Other contributors',
};

// ---------------------------------------------------------------- schema v2

/** A record above this size is refused: the property also carries an index copy, meta and a signature within Jira's 32 KB. */
export const VETTING_MAX_BYTES = 24_000;

export const StakeholderSchema = z.object({
  name: requiredText(MAX_SHORT, 'Stakeholder name'),
  company: text(MAX_SHORT, 'Stakeholder company'),
  role: text(MAX_SHORT, 'Stakeholder role'),
});
export type Stakeholder = z.infer<typeof StakeholderSchema>;

export const ArtifactSchema = z.object({
  kind: ArtifactKindSchema,
  url: WebUrlSchema,
  title: text(MAX_SHORT, 'Artifact title'),
});
export type Artifact = z.infer<typeof ArtifactSchema>;

export const BlueprintFindingSchema = z.object({
  url: WebUrlSchema,
  summary: requiredText(MAX_TEXT, 'What was found'),
});

export const BlueprintInvestigationSchema = z.object({
  searched: z.boolean({ error: '"Searched" must be true or false.' }),
  findings: list(BlueprintFindingSchema, 'Blueprint findings').default([]),
  conclusion: text(MAX_TEXT, 'Conclusion').optional(),
});

export const AlignmentEntrySchema = z.object({
  channel: AlignmentChannelSchema,
  notes: text(MAX_TEXT, 'Alignment notes'),
  date: IsoDateSchema.optional(),
});
export type AlignmentEntry = z.infer<typeof AlignmentEntrySchema>;

export const MAX_PERSON_WEEKS = 26;

export const CommittedPersonSchema = z.object({
  name: requiredText(MAX_SHORT, 'Person name'),
  accountId: text(128, 'Account id').optional(),
  /** The time this person gives in the target release, in person-weeks (a release cycle is about 26 weeks). */
  personWeeks: z
    .number({ error: 'Person-weeks must be a number.' })
    .positive({ error: 'Person-weeks must be more than 0.' })
    .max(MAX_PERSON_WEEKS, { error: `Person-weeks: at most ${MAX_PERSON_WEEKS} (one person for a whole release cycle).` })
    .optional(),
});
export type CommittedPerson = z.infer<typeof CommittedPersonSchema>;

/**
 * One member company's answer on an item: whether it joins and whom it commits. Only that
 * company's Roadmap Coordinator or reps may change it (src/usecases/record-writes), and the app
 * stamps who last did and when; a save can't set the stamp (the server keeps or replaces it).
 * `company` is the company's id (records saved before ids were used hold its name; the app maps
 * names to ids when it reads them: directory.ts).
 */
export const CompanyCollaborationSchema = z.object({
  company: requiredText(MAX_SHORT, 'Company'),
  interest: InterestSchema,
  people: list(CommittedPersonSchema, 'Committed people').default([]),
  recordedBy: AccountIdSchema.optional(),
  recordedByName: text(MAX_SHORT, 'Recorded by').optional(),
  recordedAt: IsoDateTimeSchema.optional(),
});
export type CompanyCollaboration = z.infer<typeof CompanyCollaborationSchema>;

export const CollaboratorsSchema = z.object({
  companies: list(CompanyCollaborationSchema, 'Member companies', 40).default([]),
  workingGroups: list(requiredText(MAX_SHORT, 'Working group'), 'Other working groups').default([]),
});
export type Collaborators = z.infer<typeof CollaboratorsSchema>;

export const AlignmentStrategySchema = z.object({
  benefittingRelease: text(MAX_SHORT, 'Benefitting release').optional(),
  plan: text(MAX_TEXT, 'Plan / mitigation').optional(),
  closingLoops: text(MAX_TEXT, 'Closing loops with release planning').optional(),
});

/**
 * A project the app knows, in its current spelling ("Cloudkitty" reads as "CloudKitty"). A
 * retired project still reads, so an old record is never lost; a save may not add one
 * (references.ts).
 */
export const ComponentSchema = z
  .string({ error: 'A component must be an OpenStack project name.' })
  .trim()
  .refine(isKnownProject, { error: 'Pick impacted components from the list of OpenStack projects.' })
  .transform((name) => canonicalProjectName(name) ?? name);

/** The fields of a vetting record, without the whole-record size check (so .omit/.pick work). */
export const VettingFieldsSchema = z.object({
  schemaVersion: z.literal(2, { error: 'This is not a version 2 LCOO vetting record.' }),
  /** The FST's id (or, in a record saved before ids, its name: directory.ts maps it). */
  fst: text(MAX_SHORT, 'Functional Specialty Team').optional(),
  /** The proposing member company's id (or, before ids, its name). */
  proposingCompany: text(MAX_SHORT, 'Proposing company').optional(),
  type: ItemTypeSchema.optional(),
  requirements: list(requiredText(MAX_TEXT, 'A requirement'), 'Requirements').optional(),
  acceptanceCriteria: list(requiredText(MAX_TEXT, 'An acceptance criterion'), 'Acceptance criteria').optional(),
  components: list(ComponentSchema, 'Impacted components', 30).optional(),
  stakeholders: list(StakeholderSchema, 'Key stakeholders').optional(),
  artifacts: list(ArtifactSchema, 'Related artifacts').optional(),
  size: SizeSchema.optional(),
  valueToMembers: text(MAX_TEXT, 'Value to LCOO members').optional(),
  valueToCommunity: text(MAX_TEXT, 'Value to the OpenStack community').optional(),
  blueprints: BlueprintInvestigationSchema.optional(),
  communityAlignment: list(AlignmentEntrySchema, 'Community alignment').optional(),
  collaborators: CollaboratorsSchema.optional(),
  targetRelease: ReleaseIdSchema.optional(),
  deliveryStream: DeliveryStreamSchema.optional(),
  alignmentStrategy: AlignmentStrategySchema.optional(),
  notes: z.partialRecord(ChecklistItemIdSchema, text(MAX_TEXT, 'A checklist note')).optional(),
  approvals: ApprovalListSchema.optional(),
});

function checkSize(value: unknown, ctx: z.RefinementCtx): void {
  const bytes = jsonBytes(value);
  if (bytes > VETTING_MAX_BYTES) {
    ctx.addIssue({
      code: 'custom',
      message: `This checklist is too large to store in Jira (${Math.ceil(bytes / 1000)} KB; the limit is ${
        VETTING_MAX_BYTES / 1000
      } KB). Shorten the longest texts or remove entries.`,
    });
  }
}

export const VettingSchema = VettingFieldsSchema.superRefine(checkSize);
export type Vetting = z.infer<typeof VettingSchema>;

/** What a client may send in vetting/save: no approvals (only the app records those). */
export const VettingInputSchema = VettingFieldsSchema.omit({ approvals: true })
  .extend({ schemaVersion: z.literal(2).default(2), approvals: noApprovalsIn('vetting checklist') })
  .superRefine(checkSize);
export type VettingInput = z.input<typeof VettingInputSchema>;

export function emptyVetting(fst?: string): Vetting {
  return fst === undefined ? { schemaVersion: 2 } : { schemaVersion: 2, fst };
}

// ---------------------------------------------------------------- checklist status

export interface ChecklistItemStatus {
  id: ChecklistItemId;
  number: number;
  label: string;
  complete: boolean;
  /** What is missing, in the committee's words, when not complete. */
  missing?: string;
  /** Item 12 only: the target shipped after the item passed its gate; the item slipped (it is not incomplete). */
  slipped?: string;
}

/**
 * When and against which calendar a checklist is read. `stage` is where the item stands; left
 * out when a gate is being passed now, which needs a target that has not shipped. An item past
 * Prioritized had its target checked while it was open (the Prioritized gate reads the whole
 * checklist, the Development Ready gate the target again), so a target that ships later is
 * history, not a gap: the item has slipped, and its checklist stays complete.
 */
export interface ChecklistAt {
  nowMs: number;
  calendar: ReleaseCalendar;
  stage?: Stage | undefined;
}

/** The stages whose items keep a target that shipped after they got there. */
const TARGET_FIXED: ReadonlySet<Stage> = new Set<Stage>(['prioritized', 'development-ready']);
export const targetFixedAt = (stage: Stage | undefined): boolean => stage !== undefined && TARGET_FIXED.has(stage);

export interface ChecklistStatus {
  items: ChecklistItemStatus[];
  completed: number;
  total: 12;
  percent: number;
}

const L = (id: ChecklistItemId) => CHECKLIST_ITEM_BY_ID[id].label;
/** The fixed "what is missing" sentences. */
const MISSING = {
  type: `${L('type')}: choose Debt, New, Bug, Open-sourcing or Other.`,
  requirementsBoth: `${L('requirements')}: add at least one requirement and one acceptance criterion.`,
  requirementsAcceptance: `${L('requirements')}: add at least one acceptance criterion.`,
  requirementsRequirement: `${L('requirements')}: add at least one requirement.`,
  components: `${L('components')}: pick at least one OpenStack project, e.g. Nova or Neutron.`,
  stakeholders: `${L('stakeholders')}: name at least one stakeholder with company and role.`,
  artifacts: `${L('artifacts')}: add a link to a story, design or code, or note why there is none.`,
  size: `${L('size')}: choose S, M, L or XL.`,
  valueToMembers: `${L('valueToMembers')}: describe the benefit to the LCOO member companies.`,
  valueToCommunity: `${L('valueToCommunity')}: describe the benefit to the broader OpenStack community.`,
  blueprintsSearch: `${L('blueprints')}: search Launchpad and the specs repositories, then mark the search as done and record the conclusion.`,
  blueprintsConclusion: `${L('blueprints')}: record what the search concluded (e.g. "no existing blueprint" or "extend blueprint X").`,
  communityAlignment: `${L('communityAlignment')}: note at least one conversation with the community (PTL/cores, IRC, mailing list, PTG, Forum or mid-cycle).`,
  collaborators: `${L('collaborators')}: record at least one member company that wants to join, or another working group.`,
  targetRelease: `${L('targetRelease')}: choose the OpenStack release this should land in.`,
} as const;

/** Text someone actually wrote: the schema trims, so an empty string is the only blank. */
const said = (text: string | undefined): boolean => text !== undefined && text !== '';

function requirementsMissing(v: Vetting): string | undefined {
  const req = (v.requirements ?? []).length > 0;
  const acc = (v.acceptanceCriteria ?? []).length > 0;
  if (req && acc) return undefined;
  if (!req && !acc) return MISSING.requirementsBoth;
  return req ? MISSING.requirementsAcceptance : MISSING.requirementsRequirement;
}

/** Item 12 as read at `at`: missing (and why), slipped (and why), or neither. */
function targetReleaseReading(releaseId: string | undefined, at: ChecklistAt): { missing?: string; slipped?: string } {
  const release = releaseId ? releaseById(at.calendar, releaseId) : undefined;
  if (!release) return { missing: MISSING.targetRelease };
  if (!releasedBy(release, at.nowMs)) return {};
  const shipped = `${releaseLabel(release)} was released on ${release.firstReleaseDate}`;
  return targetFixedAt(at.stage)
    ? {
        slipped: `${L('targetRelease')}: ${shipped}, after this item passed the gate that fixed its target; the item has slipped (to move on, retarget it to a release that has not shipped).`,
      }
    : { missing: `${L('targetRelease')}: ${shipped}; choose a release that has not shipped yet.` };
}

/** Each item's rule: what is missing, or undefined when it is complete. */
const CHECKLIST_RULES: Record<ChecklistItemId, (v: Vetting, at: ChecklistAt) => string | undefined> = {
  type: (v) => (v.type ? undefined : MISSING.type),
  requirements: requirementsMissing,
  components: (v) => ((v.components ?? []).length > 0 ? undefined : MISSING.components),
  stakeholders: (v) => ((v.stakeholders ?? []).some((s) => said(s.company) && said(s.role)) ? undefined : MISSING.stakeholders),
  // Not every proposal has prior artifacts; saying so in the note is an answer.
  artifacts: (v) => ((v.artifacts ?? []).length > 0 || said(v.notes?.artifacts) ? undefined : MISSING.artifacts),
  size: (v) => (v.size ? undefined : MISSING.size),
  valueToMembers: (v) => (said(v.valueToMembers) ? undefined : MISSING.valueToMembers),
  valueToCommunity: (v) => (said(v.valueToCommunity) ? undefined : MISSING.valueToCommunity),
  blueprints: (v) => {
    if (v.blueprints?.searched !== true) return MISSING.blueprintsSearch;
    return said(v.blueprints.conclusion) ? undefined : MISSING.blueprintsConclusion;
  },
  communityAlignment: (v) => ((v.communityAlignment ?? []).some((e) => said(e.notes)) ? undefined : MISSING.communityAlignment),
  collaborators: (v) => {
    const c = v.collaborators;
    return (c?.companies ?? []).some((x) => x.interest === 'yes') || (c?.workingGroups ?? []).length > 0
      ? undefined
      : MISSING.collaborators;
  },
  targetRelease: (v, at) => targetReleaseReading(v.targetRelease, at).missing,
};

/** What is missing for one checklist item of a parsed record, or undefined when it is complete. */
export function checklistItemMissing(v: Vetting, id: ChecklistItemId, at: ChecklistAt): string | undefined {
  return CHECKLIST_RULES[id](v, at);
}

/** How many of the 12 items a parsed record completes. */
export function checklistCompleted(v: Vetting, at: ChecklistAt): number {
  let completed = 0;
  for (const id of CHECKLIST_ITEM_IDS) if (checklistItemMissing(v, id, at) === undefined) completed += 1;
  return completed;
}

/** Where the checklist stands: per item complete or what is missing (and, for item 12, whether the item slipped). */
export function checklistStatus(vetting: Vetting | undefined, at: ChecklistAt): ChecklistStatus {
  const v = vetting ?? emptyVetting();
  const items: ChecklistItemStatus[] = CHECKLIST_ITEMS.map((item) => {
    const missing = checklistItemMissing(v, item.id, at);
    if (missing !== undefined) return { id: item.id, number: item.number, label: item.label, complete: false, missing };
    const slipped = item.id === 'targetRelease' ? targetReleaseReading(v.targetRelease, at).slipped : undefined;
    return { id: item.id, number: item.number, label: item.label, complete: true, ...(slipped ? { slipped } : {}) };
  });
  const completed = items.filter((i) => i.complete).length;
  return { items, completed, total: 12, percent: Math.round((completed / 12) * 100) };
}

// ---------------------------------------------------------------- schema v1 and migration

/**
 * Version 1, the first release's record: every answer a flat string typed into one text
 * field (components as "Nova, Neutron", size in lower case, artifacts as pasted links,
 * the blueprint search as a yes/no plus free text, the target release by name).
 */
export const VettingV1Schema = z.object({
  schemaVersion: z.literal(1),
  fst: z.string().optional(),
  proposingCompany: z.string().optional(),
  type: z.string().optional(),
  requirements: z.string().optional(),
  acceptanceCriteria: z.string().optional(),
  components: z.string().optional(),
  stakeholders: z.string().optional(),
  artifacts: z.string().optional(),
  size: z.enum(['s', 'm', 'l', 'xl']).optional(),
  valueToMembers: z.string().optional(),
  valueToCommunity: z.string().optional(),
  blueprintsInvestigated: z.boolean().optional(),
  blueprintFindings: z.string().optional(),
  communityAlignment: z.string().optional(),
  collaborators: z.string().optional(),
  targetRelease: z.string().optional(),
  deliveryStream: z.string().optional(),
  notes: z.record(z.string(), z.string()).optional(),
  approvals: z.array(z.unknown()).optional(),
});
export type VettingV1 = z.infer<typeof VettingV1Schema>;

export type MigrateResult = { ok: true; vetting: Vetting } | { ok: false; error: string };

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const lines = (s: string | undefined) =>
  (s ?? '')
    .split(/\r?\n|;/)
    .map((l) => l.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim())
    .filter((l) => l !== '');
const URL_RE = /https?:\/\/[^\s<>"')\]]+/g;
/** Links pasted into prose: trailing punctuation belongs to the sentence, not the link. */
const urlsIn = (s: string): string[] => (s.match(URL_RE) ?? []).map((u) => u.replace(/[.,;:!?]+$/, '')).filter(isWebUrl);

function addNote(notes: Partial<Record<ChecklistItemId, string>>, id: ChecklistItemId, textToAdd: string): void {
  if (isBlank(textToAdd)) return;
  const joined = notes[id] ? `${notes[id]}\n${textToAdd}` : textToAdd;
  notes[id] = clip(joined, MAX_TEXT);
}

function channelOf(textValue: string): AlignmentChannel | undefined {
  const t = textValue.toLowerCase();
  if (/\birc\b/.test(t)) return 'irc';
  if (/mailing[- ]list|\bml\b|openstack-discuss|e-?mail/.test(t)) return 'mailing-list';
  if (/\bptg\b/.test(t)) return 'ptg';
  if (/forum|summit/.test(t)) return 'forum';
  if (/mid-?cycle/.test(t)) return 'mid-cycle';
  if (/\bptl\b|\bcores?\b/.test(t)) return 'ptl-cores';
  return undefined;
}

function streamOf(value: string | undefined): DeliveryStream | undefined {
  const t = (value ?? '').toLowerCase();
  if (!t) return undefined;
  if ((DELIVERY_STREAMS as readonly string[]).includes(t)) return t as DeliveryStream;
  if (t.includes('working group')) return 'community-working-groups';
  if (t.includes('project team')) return 'project-teams';
  if (t.includes('other')) return 'other-contributors';
  if (t.includes('own') || t.includes('member')) return 'own-contributors';
  return undefined;
}

function fromV1(v1: VettingV1): unknown {
  const notes: Partial<Record<ChecklistItemId, string>> = {};
  for (const [k, val] of Object.entries(v1.notes ?? {})) {
    if ((CHECKLIST_ITEM_IDS as readonly string[]).includes(k)) addNote(notes, k as ChecklistItemId, val);
  }

  const typeText = (v1.type ?? '').trim().toLowerCase().replace(/\s+/g, '-');
  const type = (ITEM_TYPES as readonly string[]).includes(typeText) ? (typeText as ItemType) : undefined;
  if (!type && typeText) addNote(notes, 'type', `Version 1 type: ${v1.type ?? ''}`);

  const components: string[] = [];
  const unknownComponents: string[] = [];
  for (const c of (v1.components ?? '')
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const name = canonicalProjectName(c);
    if (name && !components.includes(name)) components.push(name);
    else if (!name) unknownComponents.push(c);
  }
  if (unknownComponents.length) addNote(notes, 'components', `Also named in version 1: ${unknownComponents.join(', ')}`);

  // "Name (Company, Role)" per line is what v1's help text asked for; anything else is kept as a note.
  const stakeholders: Stakeholder[] = [];
  for (const l of lines(v1.stakeholders)) {
    const m = /^(.+?)\s*\(\s*([^,()]+?)\s*,\s*([^()]+?)\s*\)$/.exec(l);
    if (m && m[1] && m[2] && m[3])
      stakeholders.push({ name: clip(m[1], MAX_SHORT), company: clip(m[2], MAX_SHORT), role: clip(m[3], MAX_SHORT) });
    else addNote(notes, 'stakeholders', l);
  }

  const artifacts: Artifact[] = urlsIn(v1.artifacts ?? '')
    .slice(0, 25)
    .map((url) => ({
      kind: /review\.opendev|review\.openstack|github\.com|opendev\.org/.test(url) ? 'code' : 'other',
      url: clip(url, 1000),
      title: '',
    }));
  const artifactRest = (v1.artifacts ?? '')
    .replace(URL_RE, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
  if (artifactRest) addNote(notes, 'artifacts', artifactRest);

  const findingsText = v1.blueprintFindings ?? '';
  const findingUrls = urlsIn(findingsText).slice(0, 25);
  const blueprints =
    v1.blueprintsInvestigated !== undefined || findingsText.trim() !== ''
      ? {
          searched: v1.blueprintsInvestigated ?? findingsText.trim() !== '',
          findings: findingUrls.map((url) => ({ url: clip(url, 1000), summary: 'Listed in the version 1 findings.' })),
          ...(findingsText.trim() ? { conclusion: clip(findingsText.trim(), MAX_TEXT) } : {}),
        }
      : undefined;

  const communityAlignment: AlignmentEntry[] = [];
  for (const l of lines(v1.communityAlignment)) {
    const channel = channelOf(l);
    if (channel && communityAlignment.length < 25) communityAlignment.push({ channel, notes: clip(l, MAX_TEXT) });
    else addNote(notes, 'communityAlignment', l);
  }

  // v1 never recorded per-company interest; the text stays readable as a note for the FST to re-enter.
  if (!isBlank(v1.collaborators)) addNote(notes, 'collaborators', v1.collaborators ?? '');

  // Version 1 records predate the admin's calendar: the built-in series name every release they could.
  const release = v1.targetRelease ? findRelease(BUILTIN_CALENDAR, v1.targetRelease) : undefined;
  if (!release && !isBlank(v1.targetRelease)) addNote(notes, 'targetRelease', `Version 1 target: ${v1.targetRelease ?? ''}`);

  const deliveryStream = streamOf(v1.deliveryStream);

  const out: Record<string, unknown> = { schemaVersion: 2 };
  const put = (k: string, val: unknown) => {
    if (val === undefined) return;
    if (typeof val === 'string' && val.trim() === '') return;
    if (Array.isArray(val) && val.length === 0) return;
    out[k] = val;
  };
  put('fst', v1.fst && clip(v1.fst.trim(), MAX_SHORT));
  put('proposingCompany', v1.proposingCompany && clip(v1.proposingCompany.trim(), MAX_SHORT));
  put('type', type);
  put(
    'requirements',
    lines(v1.requirements)
      .slice(0, 25)
      .map((l) => clip(l, MAX_TEXT)),
  );
  put(
    'acceptanceCriteria',
    lines(v1.acceptanceCriteria)
      .slice(0, 25)
      .map((l) => clip(l, MAX_TEXT)),
  );
  put('components', components.slice(0, 30));
  put('stakeholders', stakeholders.slice(0, 25));
  put('artifacts', artifacts);
  put('size', v1.size?.toUpperCase());
  put('valueToMembers', v1.valueToMembers && clip(v1.valueToMembers.trim(), MAX_TEXT));
  put('valueToCommunity', v1.valueToCommunity && clip(v1.valueToCommunity.trim(), MAX_TEXT));
  put('blueprints', blueprints);
  put('communityAlignment', communityAlignment);
  put('targetRelease', release?.id);
  put('deliveryStream', deliveryStream);
  if (!deliveryStream && !isBlank(v1.deliveryStream))
    addNote(notes, 'collaborators', `Version 1 delivery stream: ${v1.deliveryStream ?? ''}`);
  if (Object.keys(notes).length) out.notes = notes;
  put('approvals', v1.approvals);
  return out;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The LCOO record is not valid.';
  const where = issue.path.length ? ` (at ${issue.path.map(String).join('.')})` : '';
  return `${issue.message}${where}`;
}

/**
 * Reads a stored vetting record of any known version and returns it as version 2.
 * Never throws: anything it can't read comes back as {ok:false, error} with a sentence
 * saying what is wrong.
 */
export function migrateVetting(raw: unknown): MigrateResult {
  try {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      return { ok: false, error: 'The LCOO vetting record is not an object; re-save it from the LCOO panel.' };
    }
    const version = (raw as { schemaVersion?: unknown }).schemaVersion;
    if (version === 2) {
      const parsed = VettingSchema.safeParse(raw);
      return parsed.success
        ? { ok: true, vetting: parsed.data }
        : { ok: false, error: `The LCOO vetting record is not valid: ${firstIssue(parsed.error)}` };
    }
    if (version === 1) {
      const v1 = VettingV1Schema.safeParse(raw);
      if (!v1.success) return { ok: false, error: `The version 1 LCOO vetting record is not valid: ${firstIssue(v1.error)}` };
      const parsed = VettingSchema.safeParse(fromV1(v1.data));
      return parsed.success
        ? { ok: true, vetting: parsed.data }
        : { ok: false, error: `The version 1 LCOO vetting record could not be upgraded: ${firstIssue(parsed.error)}` };
    }
    const shown = typeof version === 'number' || typeof version === 'string' ? String(version) : 'none';
    return {
      ok: false,
      error: `The LCOO vetting record has schema version ${shown}, which this version of the app can't read; update the app or re-save the checklist.`,
    };
  } catch {
    return { ok: false, error: 'The LCOO vetting record could not be read; re-save it from the LCOO panel.' };
  }
}
