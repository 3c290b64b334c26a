// approvals/record: a role-gated decision appended to the signed record. Who may give it is
// decided from the person's groups as the APP reads them, the issue's edit permission as
// Jira reports it, and the record's revision the person was looking at.
import type { z } from 'zod';
import { AppError } from '../../contract/envelope';
import type { ApprovalRecordPayloadSchema, PanelData } from '../../contract/panel';
import { loadAppConfig } from '../../storage/app-config';
import { loadReleaseCalendar } from '../../storage/release-calendar';
import { APPROVAL_RECORD, APPROVAL_ROLE_LABELS, approvalPrerequisite, withApproval, type Approval } from '../../domain/approvals';
import { DeliverySchema, type Delivery } from '../../domain/delivery';
import { VettingSchema, type Vetting } from '../../domain/vetting';
import { asApp, asUser } from '../../jira/client';
import { myIssuePermissions, userGroups } from '../../jira/issues';
import { DELIVERY_RECORD, VETTING_RECORD, deliveryIndex, vettingIndex } from '../../records/kinds';
import { saveRecord } from '../../records/record-store';
import { afterRecordWrite } from '../../usecases/portfolio-index/after-write';
import type { CallContext } from '../shared/define-resolver';
import { approvalsAhead } from '../../domain/gates';
import { allowedToGive, whyNot } from './approval-offers';
import { readPanelIssue } from './issue-context';
import { loadPanel } from './load-panel';
import { actorOf, requireLifecycle, savedRead } from './save-record';

type ApprovalInput = z.output<typeof ApprovalRecordPayloadSchema>;

/** An approval needs a record the app signed: approving a forged or empty record would vouch for values nobody reviewed. */
function requireTrusted<T>(trusted: T | undefined, label: string): T {
  if (trusted === undefined) {
    throw new AppError(
      'INTEGRITY',
      `There is no ${label} saved by the LCOO app on this issue (it is missing or was modified outside the app). Save it from this panel first, then record the approval.`,
    );
  }
  return trusted;
}

/** The domain's order of approvals (LRC after FST) and a core approval's change, checked on the signed record. */
function checkPrerequisite(input: ApprovalInput, record: Vetting | Delivery): void {
  const why = approvalPrerequisite(input.role, record, input.ref);
  if (why) throw new AppError('BAD_REQUEST', why);
}

export async function recordApproval(input: ApprovalInput, ctx: CallContext): Promise<PanelData> {
  const user = asUser();
  const read = await readPanelIssue(user, ctx.extension);
  const { issue } = read;
  const label = APPROVAL_ROLE_LABELS[input.role];
  if (APPROVAL_RECORD[input.role] !== input.record) {
    throw new AppError(
      'BAD_REQUEST',
      `"${label}" is recorded on the ${APPROVAL_RECORD[input.role]} record, not the ${input.record} record.`,
    );
  }
  requireLifecycle(issue, input.record === 'vetting' ? 'portfolio' : 'delivery');
  const loaded = await loadAppConfig();
  const { config } = loaded;
  if (!approvalsAhead(issue.lifecycle!, issue.stage, config.gate).some((r) => r.role === input.role)) {
    throw new AppError(
      'BAD_REQUEST',
      `${issue.key} is already past the gate that uses "${label}" (it is in ${issue.statusName}); the approval would count for nothing.`,
    );
  }

  const [perms, groups, actor, calendar] = await Promise.all([
    myIssuePermissions(user, issue.key, ['EDIT_ISSUES']),
    userGroups(asApp(), ctx.accountId),
    actorOf(user, ctx.accountId),
    loadReleaseCalendar(),
  ]);
  if (perms['EDIT_ISSUES'] !== true) {
    throw new AppError(
      'FORBIDDEN',
      `You can't edit ${issue.key} in Jira, so you can't record approvals on it. Ask a Jira administrator for edit permission.`,
    );
  }
  if (!allowedToGive(input.role, config.roleGroups, groups)) {
    throw new AppError('FORBIDDEN', `You can't record "${label}". ${whyNot(input.role, config.roleGroups)}`, {
      allowedGroups: config.roleGroups[input.role],
    });
  }

  const now = new Date();
  const approval: Approval = {
    role: input.role,
    accountId: ctx.accountId,
    displayName: actor.displayName ?? ctx.accountId,
    at: now.toISOString(),
    ...(input.note ? { note: input.note } : {}),
    ...(input.ref ? { ref: input.ref.replace(/^#/, '') } : {}),
  };
  const ref = { id: issue.id, key: issue.key };

  if (input.record === 'vetting') {
    const index = (d: Vetting) => vettingIndex(d, issue.stage, { nowMs: now.getTime(), calendar: calendar.calendar });
    const saved = await saveRecord<Vetting>({
      client: user,
      kind: VETTING_RECORD,
      issue: ref,
      expectedRevision: input.revision,
      actor,
      now,
      build(trusted) {
        const current = requireTrusted(trusted, 'vetting checklist');
        checkPrerequisite(input, current);
        return VettingSchema.parse({ ...current, approvals: withApproval(current.approvals, approval) });
      },
      index,
    });
    await afterRecordWrite({ read, config: loaded, vetting: savedRead(saved.data, saved.meta, index(saved.data)) });
    return loadPanel(ctx, { read, config: loaded, calendar, vetting: savedRead(saved.data, saved.meta, index(saved.data)) });
  }

  const index = (d: Delivery) => deliveryIndex(d, issue.stage);
  const saved = await saveRecord<Delivery>({
    client: user,
    kind: DELIVERY_RECORD,
    issue: ref,
    expectedRevision: input.revision,
    actor,
    now,
    build(trusted) {
      const current = requireTrusted(trusted, 'delivery record');
      checkPrerequisite(input, current);
      return DeliverySchema.parse({ ...current, approvals: withApproval(current.approvals, approval) });
    },
    index,
  });
  await afterRecordWrite({ read, config: loaded, delivery: savedRead(saved.data, saved.meta, index(saved.data)) });
  return loadPanel(ctx, { read, config: loaded, calendar, delivery: savedRead(saved.data, saved.meta, index(saved.data)) });
}
