// vetting/save and delivery/save: read who is saving and the issue as the person, then the use
// case (src/usecases/record-writes) writes as them (asUser: Jira's edit permission holds), and
// the answer is the panel as the server now sees it.
import type { z } from 'zod';
import type { DeliverySavePayloadSchema, PanelData, VettingSavePayloadSchema } from '../../contract/panel';
import { AppError } from '../../contract/envelope';
import { asApp, asUser, type JiraClient } from '../../jira/client';
import { JiraError } from '../../jira/errors';
import { getIssue, getMyself, userGroups } from '../../jira/issues';
import { notARoadmapItem } from '../../records/roadmap-item';
import type { SavedRecord } from '../../records/record-store';
import type { RecordRead } from '../../records/stored-record';
import { loadAppConfig } from '../../storage/app-config';
import { loadReleaseCalendar } from '../../storage/release-calendar';
import { requireLifecycle } from '../../usecases/record-writes/approvals';
import { saveDelivery as saveDeliveryRecord } from '../../usecases/record-writes/save-delivery';
import { saveVetting as saveVettingRecord } from '../../usecases/record-writes/save-vetting';
import type { Actor } from '../../usecases/record-writes/write-record';
import type { CallContext } from '../shared/define-resolver';
import { readPanelIssue } from './issue-context';
import { loadPanel } from './load-panel';
import { afterRecordWrite } from '../../usecases/portfolio-index/after-write';
import { syncDeliveryLink } from '../../usecases/record-writes/delivery-link';

type VettingSave = z.output<typeof VettingSavePayloadSchema>;
type DeliverySave = z.output<typeof DeliverySavePayloadSchema>;

export async function actorOf(user: JiraClient, accountId: string): Promise<Actor> {
  const me = await getMyself(user);
  return me.displayName ? { accountId, displayName: me.displayName } : { accountId };
}

/** What a write just wrote, as the panel reads a record: signed by the app, so valid. */
export function savedRead<T>(saved: SavedRecord<T>): RecordRead<T> {
  return { state: 'present', integrity: 'valid', data: saved.data, meta: saved.meta, index: saved.stored.index };
}

export async function saveVetting(input: VettingSave, ctx: CallContext): Promise<PanelData> {
  const user = asUser();
  // The issue, the configuration, the release calendar, who is saving and their groups (as the
  // app reads them: which companies they speak for) are independent reads: one round trip.
  const [read, loaded, actor, groups, calendar] = await Promise.all([
    readPanelIssue(user, ctx.extension),
    loadAppConfig(),
    actorOf(user, ctx.accountId),
    userGroups(asApp(), ctx.accountId).catch(() => undefined),
    loadReleaseCalendar(),
  ]);
  const { issue } = read;
  requireLifecycle(issue, 'portfolio');
  const saved = await saveVettingRecord({
    client: user,
    issue,
    expectedRevision: input.revision,
    vetting: input.vetting,
    actor,
    userGroups: groups,
    config: loaded.config,
    calendar: calendar.calendar,
    now: new Date(),
  });
  // The portfolio index learns the new row in this same invocation (a failure there never fails the save).
  await afterRecordWrite({ read, config: loaded, vetting: savedRead(saved) });
  return loadPanel(ctx, { read, config: loaded, calendar, vetting: savedRead(saved), userGroups: groups });
}

/**
 * A deliverable names a Roadmap Item the saving person can see: its checklist decides gates,
 * so any other issue (a Task, someone else's hidden issue) must not stand in for one.
 */
async function requireVisibleRoadmapItem(user: JiraClient, itemKey: string): Promise<void> {
  let typeName: string | undefined;
  try {
    typeName = (await getIssue(user, itemKey, { fields: ['issuetype'] })).fields.issuetype?.name;
  } catch (err) {
    if (err instanceof JiraError && err.status === 404) {
      throw new AppError(
        'BAD_REQUEST',
        `Roadmap Item ${itemKey} can't be found, or you can't see it in Jira; name a Roadmap Item you can open.`,
        { field: 'roadmapItemKey' },
      );
    }
    throw err;
  }
  const wrong = notARoadmapItem(itemKey, typeName);
  if (wrong) throw new AppError('BAD_REQUEST', wrong, { field: 'roadmapItemKey' });
}

export async function saveDelivery(input: DeliverySave, ctx: CallContext): Promise<PanelData> {
  const user = asUser();
  const itemKey = input.delivery.roadmapItemKey;
  // The issue, the configuration, who is saving and the Roadmap Item named are independent reads: one round trip.
  const [read, loaded, actor, calendar] = await Promise.all([
    readPanelIssue(user, ctx.extension),
    loadAppConfig(),
    actorOf(user, ctx.accountId),
    loadReleaseCalendar(),
    itemKey ? requireVisibleRoadmapItem(user, itemKey) : undefined,
  ]);
  const { issue } = read;
  requireLifecycle(issue, 'delivery');
  const saved = await saveDeliveryRecord({
    client: user,
    issue,
    expectedRevision: input.revision,
    delivery: input.delivery,
    actor,
    config: loaded.config,
    calendar: calendar.calendar,
    now: new Date(),
  });
  // The index row and the Jira link to the Roadmap Item follow the record (neither fails the save).
  const [, link] = await Promise.all([
    afterRecordWrite({ read, config: loaded, delivery: savedRead(saved) }),
    syncDeliveryLink(user, issue.key, saved.data.roadmapItemKey, saved.previousItem),
  ]);
  const panel = await loadPanel(ctx, { read, config: loaded, calendar, delivery: savedRead(saved) });
  return link.state === 'failed' ? { ...panel, linkNote: link.note } : panel;
}
