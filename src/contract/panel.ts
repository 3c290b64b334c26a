// What crosses the bridge between the issue panel (static/issue-panel) and panel-resolver.
// Payloads are zod-checked by the resolver; the answer types are imported by the Custom UI
// with `import type` only, so none of zod or the domain ends up in the browser bundle.
import { z } from 'zod';
import type { GateSettingsSource } from './validator-config';
import type { Approval, ApprovalRole } from '../domain/approvals';
import { ApprovalRoleSchema } from '../domain/approvals';
import type { Delivery } from '../domain/delivery';
import { DeliveryInputSchema } from '../domain/delivery';
import type { LifecycleId, Stage } from '../domain/lifecycle';
import type { ChecklistStatus, Vetting } from '../domain/vetting';
import { VettingInputSchema } from '../domain/vetting';
import type { Integrity } from '../domain/gates';

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
  permissions: { canEdit: boolean; readOnlyReason?: string };
  vetting?: RecordView<Vetting>;
  delivery?: RecordView<Delivery>;
  checklist?: ChecklistStatus;
  /** All 12 items done AND the record signed by the app: a forged record is never complete. */
  checklistComplete?: boolean;
  readiness: ReadinessView[];
  approvals: { given: Approval[]; offered: ApprovalOffer[] };
  options: PanelOptions;
  /** A configuration problem an admin should know about (invalid stored config). */
  configProblem?: string;
  /** Where the readiness' gate settings came from (the workflow rule of the move, as Jira enforces it, or the admin's alone). */
  gateSettingsSource: GateSettingsSource;
  /** Why the rules were not used; the panel shows it as a note under the readiness box. */
  gateSettingsNote?: string;
}
