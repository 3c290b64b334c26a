// What crosses the bridge between the issue panel (static/issue-panel) and panel-resolver.
// Payloads are zod-checked by the resolver; the answer types are imported by the Custom UI
// with `import type` only, so none of zod or the domain ends up in the browser bundle.
import { z } from 'zod';
import type { GateSettingsSource } from './validator-config';
import type { Approval, ApprovalRole } from '../domain/approvals';
import type { HistoryEntry } from '../domain/history';
import { ApprovalRoleSchema } from '../domain/approvals';
import type { Delivery } from '../domain/delivery';
import { DeliveryInputSchema } from '../domain/delivery';
import type { LifecycleId, Stage } from '../domain/lifecycle';
import type { ChecklistStatus, Vetting } from '../domain/vetting';
import { VettingInputSchema } from '../domain/vetting';
import { GerritAccountTextSchema, type ChangeCores, type CompanySource } from '../domain/gerrit-people';
import type { GateConfig, Integrity } from '../domain/gates';
import type { Release } from '../domain/releases';

// ---------------------------------------------------------------- payloads

export const PanelLoadPayloadSchema = z.object({});

const RevisionSchema = z
  .number({ error: 'revision must be the number of the record you loaded, or null when there was none.' })
  .int()
  .min(1)
  .nullable();

export const VettingSavePayloadSchema = z.object({
  revision: RevisionSchema,
  vetting: VettingInputSchema,
});

export const DeliverySavePayloadSchema = z.object({
  revision: RevisionSchema,
  delivery: DeliveryInputSchema,
});

/** delivery/refresh-upstream: read Gerrit now for this deliverable (nothing to send: the app reads the linked changes). */
export const UpstreamRefreshPayloadSchema = z.object({});

/**
 * gerrit-account/save: the person's own Gerrit account, by email or username, and their member
 * company when the app's data does not say it. Strict: who it is for comes from the invocation's
 * context, so a payload naming an account id is refused.
 */
export const GerritAccountSavePayloadSchema = z.strictObject({
  account: GerritAccountTextSchema,
  /** A configured member company's id ('' or absent: none). */
  company: z.string().trim().max(40, { error: 'Pick a member company from the list, or none.' }).optional(),
});
/** gerrit-account/remove: forgets the person's own mapping (nothing to send). */
export const GerritAccountRemovePayloadSchema = z.strictObject({});

export const RecordNameSchema = z.enum(['vetting', 'delivery'], { error: 'record must be "vetting" or "delivery".' });
export type RecordName = z.infer<typeof RecordNameSchema>;

export const ApprovalRecordPayloadSchema = z.object({
  record: RecordNameSchema,
  role: ApprovalRoleSchema,
  /** The revision the person was looking at: an approval must not land on a record they have not seen. */
  revision: RevisionSchema,
  note: z.string().trim().max(2000, { error: 'Keep the approval note under 2000 characters.' }).optional(),
  ref: z.string().trim().max(200, { error: 'Keep the approval reference under 200 characters.' }).optional(),
});

export const ApprovalWithdrawPayloadSchema = z.object({
  record: RecordNameSchema,
  role: ApprovalRoleSchema,
  revision: RevisionSchema,
  /** Whose approval is taken back (the approver's account id as the panel shows it). */
  accountId: z.string().trim().min(1, { error: 'Say whose approval to withdraw.' }).max(128),
  ref: z.string().trim().max(200, { error: 'Keep the approval reference under 200 characters.' }).optional(),
  reason: z
    .string({ error: 'Say why the approval is withdrawn.' })
    .trim()
    .min(1, { error: 'Say why the approval is withdrawn: the history keeps the reason for the committee.' })
    .max(2000, { error: 'Keep the reason under 2000 characters.' }),
});

export const RecordRestorePayloadSchema = z.object({
  record: RecordNameSchema,
  /** The revision the person saw on the issue (null: none): a restore must not undo a save they have not seen. */
  revision: RevisionSchema,
});

export const HistoryListPayloadSchema = z.object({
  record: RecordNameSchema,
  /** From which revision down (the previous page's nextBefore); the newest when left out. */
  before: z.number().int().min(1).optional(),
});

export interface HistoryPage {
  entries: HistoryEntry[];
  nextBefore?: number;
}

// ---------------------------------------------------------------- answer (panel/load and every write)

export interface RecordView<T> {
  /** The record as stored (approvals included); absent when there is none or it can't be read. */
  data?: T;
  revision: number | null;
  integrity: Integrity;
  updatedAt?: string;
  updatedBy?: string;
  updatedByName?: string;
  /** Why the record can't be used as it is, in words for the person. */
  problem?: string;
  /**
   * When the property is missing, forged, replaced or unreadable and the app kept the last
   * version it saved: who saved that version and when ("Restore the last version saved in the app").
   */
  restore?: { revision: number; updatedAt: string; updatedBy: string; updatedByName?: string };
}

/** An approval as the panel shows it: against the record as it is now, and whether this person may withdraw it. */
export interface GivenApproval extends Approval {
  /** current: given for this content; stale: for an earlier version (`changed` says what changed); unbound: given before the app kept what approvals approve. */
  state: 'current' | 'stale' | 'unbound';
  /** With 'stale': the parts that changed since, in the words on screen. */
  changed?: string[];
  /** Whether the gates count it (a stale one only where the admin lets its kind count). */
  counts: boolean;
  canWithdraw: boolean;
}

/** Whether this person may change a member company's entry (interest and committed people) on the item. */
export interface CompanyRightView {
  company: string;
  name: string;
  canEdit: boolean;
  reason?: string;
}

export interface ReadinessView {
  target: Stage;
  /** The Jira status name of the target ("Prioritized"). */
  targetName: string;
  /** What the committee's gate for that stage says, in its words. */
  gate: string;
  pass: boolean;
  missing: { requirement: string; message: string }[];
}

/**
 * What the next move's gate reads besides the record, so the panel can run the same check on the
 * person's draft as they type (src/contract/live-gate.ts). Only for a move the gates decide (not
 * one that is open or refused whatever the record holds).
 */
export interface ReadinessBasis {
  /** The gate settings of that move (the workflow rule over the admin's settings). */
  config: GateConfig;
  /** The stages whose gates the move passes. */
  path: Stage[];
  /** A deliverable's Roadmap Item checklist as the gate reads it (when the settings ask for it). */
  parent?: { ok: true; vetting: Vetting; stage?: Stage } | { ok: false; problem: string };
  /** The release calendar in effect (the browser rebuilds its lookup). */
  releases: Release[];
}

export interface ApprovalOffer {
  role: ApprovalRole;
  label: string;
  record: RecordName;
  /** The stage whose gate uses this approval. */
  forStage: Stage;
  forStageName: string;
  canGive: boolean;
  /** Why the person can't give it (not in the groups, no edit permission). */
  reason?: string;
  allowedGroups: string[];
  /** Core approvals are given per Gerrit change: the change numbers the person can pick. */
  refs?: string[];
}

export interface Labelled<V extends string = string> {
  value: V;
  label: string;
}

/** Vocabulary the UI shows, sent by the server so the browser never carries its own copy of the domain. */
export interface PanelVocabulary {
  checklistItems: { id: string; number: number; label: string; help: string }[];
  itemTypes: Labelled[];
  sizes: Labelled[];
  artifactKinds: Labelled[];
  alignmentChannels: Labelled[];
  interests: Labelled[];
  deliveryStreams: Labelled[];
  changeStatuses: Labelled[];
  ciResults: Labelled[];
  approvalRoles: Labelled<ApprovalRole>[];
}

export interface PanelOptions {
  fsts: { id: string; name: string }[];
  companies: { id: string; name: string }[];
  /** Releases not shipped yet: the only valid targets, each with its milestones (a deliverable's milestone is one of them). */
  releasesOpen: {
    id: string;
    label: string;
    firstReleaseDate: string;
    /** The date is the six-month estimate: the series has no published schedule yet. */
    estimated: boolean;
    milestones: { label: string; date: string; estimated: boolean }[];
  }[];
  /** Every release, for showing a stored milestone/target that is no longer open. */
  releaseLabels: Record<string, string>;
  /** Active OpenStack projects: what the pickers offer. */
  projects: string[];
  /** Projects a record may still name that are not offered (retired, not OpenStack), with why. */
  projectNotices: Record<string, string>;
  vocabulary: PanelVocabulary;
}

export interface PanelData {
  issue: {
    key: string;
    id: string;
    summary?: string;
    issueType: string;
    statusName: string;
    stage?: Stage;
    lifecycle?: LifecycleId;
  };
  /** Who the panel is showing to (Forge's context): unsaved edits kept in the browser are theirs alone. */
  viewerAccountId: string;
  permissions: { canEdit: boolean; readOnlyReason?: string };
  vetting?: RecordView<Vetting>;
  delivery?: RecordView<Delivery>;
  checklist?: ChecklistStatus;
  /** All 12 items done AND the record signed by the app: a forged record is never complete. */
  checklistComplete?: boolean;
  readiness: ReadinessView[];
  /** For the live check of the next move as the person types; absent when the record can't change the answer. */
  readinessBasis?: ReadinessBasis;
  approvals: { given: GivenApproval[]; offered: ApprovalOffer[] };
  /** Per member company (configured ones and any the record names): may this person change its entry. Roadmap Items only. */
  companyRights?: CompanyRightView[];
  options: PanelOptions;
  /** A configuration problem an admin should know about (invalid stored config). */
  configProblem?: string;
  /** Where the readiness' gate settings came from (the workflow rule of the move, as Jira enforces it, or the admin's alone). */
  gateSettingsSource: GateSettingsSource;
  /** Why the rules were not used; the panel shows it as a note under the readiness box. */
  gateSettingsNote?: string;
  /** After a deliverable's save: why its Jira link to the Roadmap Item was not written (the record is saved). */
  linkNote?: string;
  /** After "Refresh from upstream": why Gerrit could not be read (the last evidence, if any, is kept and marked stale). */
  upstreamProblem?: string;
  /** Where Code Committed takes its evidence under the admin's settings (the panel says so beside the evidence). */
  codeCommittedFrom?: 'panel' | 'gerrit';
  /** Where Specification Accepted takes its evidence under the admin's settings. */
  specAcceptedFrom?: 'panel' | 'gerrit';
  /** Where Blueprint Accepted takes the project team's acceptance under the admin's settings. */
  blueprintAcceptedFrom?: 'panel' | 'launchpad';
  /** Upstream Deliverables: the cores who voted +2 and who they are in LCOO (people's own claims), and the viewer's own mapping. */
  gerritPeople?: GerritPeopleView;
  /** After "Your Gerrit account": why Gerrit could not be asked (the mapping was not changed). */
  gerritAccountProblem?: string;
}

/** Who the cores are (issue 14.5): read from the signed evidence and the people's claims, never from Gerrit on a load. */
export interface GerritPeopleView {
  /** The viewer's own claim, if any. */
  me?: {
    gerrit: { id: number; name?: string; username?: string; email?: string };
    company?: { id: string; name: string; source: CompanySource };
    at: string;
  };
  /** The member companies the viewer's Jira groups put them in (one: the app decides; none or several: they pick). */
  myCompanies: { id: string; name: string }[];
  /** Per linked change Gerrit has evidence for: its Code-Review +2 voters, with the LCOO person claiming each account. */
  cores: ChangeCores[];
  /** "2 cores voted +2; one is from a member company (AT&T)"; absent before any evidence. */
  sentence?: string;
  /** The stored claims could not be read (shown by Gerrit names only). */
  problem?: string;
}
