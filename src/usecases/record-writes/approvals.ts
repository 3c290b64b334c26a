// approvals/record and approvals/withdraw: a decision added to or taken back from the signed
// record by someone who may give it (the item's FST lead(s) for the FST prioritization, the
// configured groups for the others, as the app reads the person's groups), on the revision the
// person was looking at. Each approval is bound to what it approves (approval-content.ts).
import { AppError } from '../../contract/envelope';
import { bindApproval, bindUnboundApprovals, type ApprovedRecord } from '../../domain/approval-content';
import type { AppConfig } from '../../domain/app-config';
import {
  APPROVAL_RECORD,
  APPROVAL_ROLE_LABELS,
  approvalPrerequisite,
  findApproval,
  withApproval,
  withoutApproval,
  type Approval,
  type ApprovalRole,
} from '../../domain/approvals';
import { DeliverySchema, type Delivery } from '../../domain/delivery';
import { directoryOf, vettingWithIds } from '../../domain/directory';
import { approvalsAhead } from '../../domain/gates';
import type { LifecycleId, Stage } from '../../domain/lifecycle';
import { VettingSchema, type Vetting } from '../../domain/vetting';
import type { JiraClient } from '../../jira/client';
import type { ReleaseCalendar } from '../../domain/releases';
import { DELIVERY_RECORD, VETTING_RECORD, deliveryIndex, vettingIndex } from '../../records/kinds';
import type { SavedRecord } from '../../records/record-store';
import { approversOf, cannotGive, inAnyGroup } from '../rights';
import { changeNames } from './names';
import { writeRecord, type Actor, type WriteRequest } from './write-record';

export interface ApprovalIssue {
  id: string;
  key: string;
  issueType: string;
  statusName: string;
  stage?: Stage | undefined;
  lifecycle?: LifecycleId | undefined;
}

interface ApprovalCommon {
  client: JiraClient;
  issue: ApprovalIssue;
  record: 'vetting' | 'delivery';
  role: ApprovalRole;
  expectedRevision: number | null;
  actor: Actor;
  /** The person's groups as the app read them. */
  userGroups: readonly string[];
  /** Whether Jira lets the person edit the issue. */
  canEdit: boolean;
  config: AppConfig;
  /** The release calendar in effect (the index's completeness reads it). */
  calendar: ReleaseCalendar;
  now: Date;
}

export interface ApprovalGive extends ApprovalCommon {
  note?: string | undefined;
  ref?: string | undefined;
}

export interface ApprovalWithdraw extends ApprovalCommon {
  /** Whose approval is taken back. */
  accountId: string;
  ref?: string | undefined;
  reason: string;
}

const LIFECYCLE_OF = { vetting: 'portfolio', delivery: 'delivery' } as const;

export function requireLifecycle(issue: ApprovalIssue, lifecycle: LifecycleId): void {
  if (issue.lifecycle === lifecycle) return;
  const belongs =
    lifecycle === 'portfolio' ? 'the vetting checklist belongs on Roadmap Items' : 'delivery evidence belongs on Upstream Deliverables';
  throw new AppError('BAD_REQUEST', `${issue.key} is a ${issue.issueType || 'issue of another type'}; ${belongs}.`);
}

/** An approval needs a record the app signed: approving a forged or empty record would vouch for values nobody reviewed. */
function requireTrusted<T>(trusted: T | undefined, label: string, doing: string): T {
  if (trusted === undefined) {
    throw new AppError(
      'INTEGRITY',
      `There is no ${label} saved by the LCOO app on this issue (it is missing or was modified outside the app). Save it from this panel first, then ${doing}.`,
    );
  }
  return trusted;
}

/** What is checked before the record is read: the role's record, the issue's lifecycle, edit permission, group-given roles. */
function checkRequest(req: ApprovalCommon, doing: string): void {
  const label = APPROVAL_ROLE_LABELS[req.role];
  if (APPROVAL_RECORD[req.role] !== req.record) {
    throw new AppError('BAD_REQUEST', `"${label}" is recorded on the ${APPROVAL_RECORD[req.role]} record, not the ${req.record} record.`);
  }
  requireLifecycle(req.issue, LIFECYCLE_OF[req.record]);
  if (!req.canEdit) {
    throw new AppError(
      'FORBIDDEN',
      `You can't edit ${req.issue.key} in Jira, so you can't ${doing} on it. Ask a Jira administrator for edit permission.`,
    );
  }
  // The FST prioritization's approvers depend on the item's FST: checked on the signed record.
  if (req.role !== 'fst-prioritization') checkRight(req, undefined);
}

function checkRight(req: ApprovalCommon, vetting: Vetting | undefined): void {
  const approvers = approversOf(req.role, req.config, vetting);
  if (!inAnyGroup(approvers.groups, req.userGroups)) {
    throw new AppError('FORBIDDEN', cannotGive(req.role, req.config, vetting), { allowedGroups: approvers.groups });
  }
}

/** The record kind's definitions, for one write of either record. */
function recordKind(req: ApprovalCommon) {
  const directory = directoryOf(req.config);
  return req.record === 'vetting'
    ? {
        kind: VETTING_RECORD,
        label: 'vetting checklist',
        // Read with ids (a record saved before ids is migrated by this write too).
        normalize: (v: ApprovedRecord) => vettingWithIds(v as Vetting, directory),
        parse: (v: unknown) => VettingSchema.parse(v),
        index: (d: ApprovedRecord) =>
          vettingIndex(d as Vetting, req.issue.stage, { nowMs: req.now.getTime(), calendar: req.calendar }, req.config),
      }
    : {
        kind: DELIVERY_RECORD,
        label: 'delivery record',
        normalize: (d: ApprovedRecord) => d,
        parse: (d: unknown) => DeliverySchema.parse(d),
        index: (d: ApprovedRecord) => deliveryIndex(d as Delivery, req.issue.stage, req.calendar),
      };
}

function write(
  req: ApprovalCommon,
  about: WriteRequest<ApprovedRecord>['about'],
  change: (current: ApprovedRecord, trustedRevision: number) => Approval[],
  doing: string,
): Promise<SavedRecord<ApprovedRecord>> {
  const k = recordKind(req);
  return writeRecord<ApprovedRecord>({
    client: req.client,
    kind: k.kind,
    issue: req.issue,
    expectedRevision: req.expectedRevision,
    actor: req.actor,
    now: req.now,
    action: doing === 'withdraw' ? 'withdraw' : 'approve',
    names: changeNames(req.config),
    ...(about ? { about } : {}),
    build(trusted, { trustedRevision }) {
      const current = k.normalize(requireTrusted(trusted, k.label, doing === 'withdraw' ? 'withdraw the approval' : 'record the approval'));
      if (req.role === 'fst-prioritization') checkRight(req, current as Vetting);
      const approvals = change(current, trustedRevision ?? 0);
      const next = { ...current, approvals };
      if (approvals.length === 0) delete (next as { approvals?: unknown }).approvals;
      return k.parse(next);
    },
    index: k.index,
  });
}

export function recordApproval(req: ApprovalGive): Promise<SavedRecord<ApprovedRecord>> {
  checkRequest(req, 'record approvals');
  const label = APPROVAL_ROLE_LABELS[req.role];
  if (!approvalsAhead(req.issue.lifecycle!, req.issue.stage, req.config.gate).some((r) => r.role === req.role)) {
    throw new AppError(
      'BAD_REQUEST',
      `${req.issue.key} is already past the gate that uses "${label}" (it is in ${req.issue.statusName}); the approval would count for nothing.`,
    );
  }
  const ref = req.ref ? req.ref.replace(/^#/, '') : undefined;
  return write(
    req,
    () => ({ role: req.role, ...(ref ? { ref } : {}), ...(req.note ? { note: req.note } : {}) }),
    (current, revision) => {
      const why = approvalPrerequisite(req.role, current, ref);
      if (why) throw new AppError('BAD_REQUEST', why);
      const approval: Approval = {
        role: req.role,
        accountId: req.actor.accountId,
        displayName: req.actor.displayName ?? req.actor.accountId,
        at: req.now.toISOString(),
        ...(req.note ? { note: req.note } : {}),
        ...(ref ? { ref } : {}),
      };
      const existing = bindUnboundApprovals(current.approvals, current, revision);
      return withApproval(existing, bindApproval(approval, current, revision));
    },
    'record',
  );
}

/**
 * Takes an approval back, with the reason. Whoever may give the approval may withdraw anyone's
 * (the FST's lead may withdraw a prioritization a former lead gave), at any stage: a gate already
 * passed stays passed, and the history says the decision was taken back and why.
 */
export function withdrawApproval(req: ApprovalWithdraw): Promise<SavedRecord<ApprovedRecord>> {
  checkRequest(req, 'withdraw approvals');
  const ref = req.ref ? req.ref.replace(/^#/, '') : undefined;
  let whose = req.accountId;
  return write(
    req,
    () => ({ role: req.role, ...(ref ? { ref } : {}), note: `Given by ${whose}`, reason: req.reason }),
    (current, revision) => {
      const target = { role: req.role, accountId: req.accountId, ref };
      const found = findApproval(current.approvals, target);
      if (!found) {
        throw new AppError(
          'BAD_REQUEST',
          `There is no "${APPROVAL_ROLE_LABELS[req.role]}"${ref ? ` for change ${ref}` : ''} by that person on ${req.issue.key} to withdraw (it may have been withdrawn already). Reload to see the approvals as they are.`,
        );
      }
      whose = found.displayName || found.accountId;
      return withoutApproval(bindUnboundApprovals(current.approvals, current, revision), target);
    },
    'withdraw',
  );
}
