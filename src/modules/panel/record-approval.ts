// approvals/record, approvals/withdraw and record/restore: read the person (their groups as the
// APP reads them, the issue's edit permission as Jira reports it), then the use case writes as
// them; the answer is the panel as the server now sees it.
import type { z } from 'zod';
import type {
  ApprovalRecordPayloadSchema,
  ApprovalWithdrawPayloadSchema,
  PanelData,
  RecordRestorePayloadSchema,
} from '../../contract/panel';
import type { Delivery } from '../../domain/delivery';
import type { Vetting } from '../../domain/vetting';
import { asApp, asUser } from '../../jira/client';
import { myIssuePermissions, userGroups } from '../../jira/issues';
import type { SavedRecord } from '../../records/record-store';
import { loadAppConfig } from '../../storage/app-config';
import { loadReleaseCalendar } from '../../storage/release-calendar';
import { recordApproval as giveApproval, requireLifecycle, withdrawApproval as takeBack } from '../../usecases/record-writes/approvals';
import { restoreRecord } from '../../usecases/record-writes/restore';
import type { CallContext } from '../shared/define-resolver';
import { readPanelIssue, type ReadIssue } from './issue-context';
import { afterRecordWrite } from '../../usecases/portfolio-index/after-write';
import { loadPanel, type Known } from './load-panel';
import { actorOf, savedRead } from './save-record';

type ApprovalInput = z.output<typeof ApprovalRecordPayloadSchema>;
type WithdrawInput = z.output<typeof ApprovalWithdrawPayloadSchema>;
type RestoreInput = z.output<typeof RecordRestorePayloadSchema>;

async function readPerson(ctx: CallContext) {
  const user = asUser();
  const read = await readPanelIssue(user, ctx.extension);
  const [loaded, perms, groups, actor, calendar] = await Promise.all([
    loadAppConfig(),
    myIssuePermissions(user, read.issue.key, ['EDIT_ISSUES']),
    userGroups(asApp(), ctx.accountId),
    actorOf(user, ctx.accountId),
    loadReleaseCalendar(),
  ]);
  return { user, read, loaded, canEdit: perms['EDIT_ISSUES'] === true, groups, actor, calendar };
}

/**
 * After a write: the portfolio index learns the new row in this same invocation (a failure there
 * never fails the write), then the panel as the server now sees it.
 */
async function answer(
  ctx: CallContext,
  record: 'vetting' | 'delivery',
  saved: SavedRecord<Vetting | Delivery>,
  known: Known & { read: ReadIssue },
): Promise<PanelData> {
  const written =
    record === 'vetting' ? { vetting: savedRead(saved as SavedRecord<Vetting>) } : { delivery: savedRead(saved as SavedRecord<Delivery>) };
  await afterRecordWrite({ read: known.read, ...(known.config ? { config: known.config } : {}), ...written });
  return loadPanel(ctx, { ...known, ...written });
}

export async function recordApproval(input: ApprovalInput, ctx: CallContext): Promise<PanelData> {
  const p = await readPerson(ctx);
  const saved = await giveApproval({
    client: p.user,
    issue: p.read.issue,
    record: input.record,
    role: input.role,
    expectedRevision: input.revision,
    note: input.note,
    ref: input.ref,
    actor: p.actor,
    userGroups: p.groups,
    canEdit: p.canEdit,
    config: p.loaded.config,
    calendar: p.calendar.calendar,
    now: new Date(),
  });
  return answer(ctx, input.record, saved, { read: p.read, config: p.loaded, calendar: p.calendar, userGroups: p.groups });
}

export async function withdrawApproval(input: WithdrawInput, ctx: CallContext): Promise<PanelData> {
  const p = await readPerson(ctx);
  const saved = await takeBack({
    client: p.user,
    issue: p.read.issue,
    record: input.record,
    role: input.role,
    expectedRevision: input.revision,
    accountId: input.accountId,
    ref: input.ref,
    reason: input.reason,
    actor: p.actor,
    userGroups: p.groups,
    canEdit: p.canEdit,
    config: p.loaded.config,
    calendar: p.calendar.calendar,
    now: new Date(),
  });
  return answer(ctx, input.record, saved, { read: p.read, config: p.loaded, calendar: p.calendar, userGroups: p.groups });
}

export async function restore(input: RestoreInput, ctx: CallContext): Promise<PanelData> {
  const user = asUser();
  const [read, loaded, actor, calendar] = await Promise.all([
    readPanelIssue(user, ctx.extension),
    loadAppConfig(),
    actorOf(user, ctx.accountId),
    loadReleaseCalendar(),
  ]);
  requireLifecycle(read.issue, input.record === 'vetting' ? 'portfolio' : 'delivery');
  const saved = await restoreRecord({
    client: user,
    issue: read.issue,
    record: input.record,
    expectedRevision: input.revision,
    actor,
    config: loaded.config,
    calendar: calendar.calendar,
    now: new Date(),
  });
  return answer(ctx, input.record, saved, { read, config: loaded, calendar });
}
