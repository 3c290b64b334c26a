// vetting/save and delivery/save. Writes go through asUser so Jira's edit permission holds
// (a viewer's PUT is refused by Jira itself); saveRecord checks the revision the person
// loaded and only keeps approvals from a record the app signed.
import type { z } from 'zod';
import type { DeliverySavePayloadSchema, PanelData, VettingSavePayloadSchema } from '../../contract/panel';
import { AppError } from '../../contract/envelope';
import type { AppConfig } from '../../domain/app-config';
import { loadAppConfig } from '../../storage/app-config';
import { loadReleaseCalendar } from '../../storage/release-calendar';
import { deliveryReferenceProblems, vettingReferenceProblems, type ReferenceProblem } from '../../domain/references';
import { applyDeliveryInput, DeliverySchema, type Delivery } from '../../domain/delivery';
import { VettingSchema, type Vetting } from '../../domain/vetting';
import { asUser, type JiraClient } from '../../jira/client';
import { JiraError } from '../../jira/errors';
import { getIssue, getMyself } from '../../jira/issues';
import { DELIVERY_RECORD, VETTING_RECORD, deliveryIndex, vettingIndex } from '../../records/kinds';
import { saveRecord } from '../../records/record-store';
import { notARoadmapItem } from '../../records/roadmap-item';
import type { IndexValues, RecordMeta, RecordRead } from '../../records/stored-record';
import { afterRecordWrite } from '../../usecases/portfolio-index/after-write';
import type { CallContext } from '../shared/define-resolver';
import { readPanelIssue, type PanelIssue } from './issue-context';
import { loadPanel } from './load-panel';

type VettingSave = z.output<typeof VettingSavePayloadSchema>;
type DeliverySave = z.output<typeof DeliverySavePayloadSchema>;

/**
 * FSTs and member companies are the configured ones (the portfolio groups by them), except
 * a value the record already had: removing an FST from the configuration must not make
 * every old checklist unsaveable.
 */
export function checkConfiguredNames(
  vetting: Pick<Vetting, 'fst' | 'collaborators'>,
  trusted: Vetting | undefined,
  config: AppConfig,
): void {
  const fsts = new Set(config.fsts.map((f) => f.name));
  if (vetting.fst && !fsts.has(vetting.fst) && vetting.fst !== trusted?.fst) {
    throw new AppError(
      'BAD_REQUEST',
      `"${vetting.fst}" is not one of the configured Functional Specialty Teams; choose one from the list.`,
    );
  }
  const companies = new Set(config.companies.map((c) => c.name));
  const before = new Set((trusted?.collaborators?.companies ?? []).map((c) => c.company));
  for (const c of vetting.collaborators?.companies ?? []) {
    if (!companies.has(c.company) && !before.has(c.company)) {
      throw new AppError(
        'BAD_REQUEST',
        `"${c.company}" is not one of the configured member companies; an LCOO admin adds companies on the admin page.`,
      );
    }
  }
}

/**
 * A save may keep what the stored record names (a retired project, an old milestone), but
 * what it adds must be true today (domain/references.ts); refused field by field, at the
 * record's path ("vetting.components").
 */
export function refuseReferences(problems: ReferenceProblem[], record: 'vetting' | 'delivery'): void {
  if (problems.length === 0) return;
  throw new AppError('BAD_REQUEST', problems.map((p) => p.message).join(' '), {
    fieldErrors: Object.fromEntries(problems.map((p) => [`${record}.${p.field}`, p.message])),
  });
}

export async function actorOf(user: JiraClient, accountId: string): Promise<{ accountId: string; displayName?: string }> {
  const me = await getMyself(user);
  return me.displayName ? { accountId, displayName: me.displayName } : { accountId };
}

export function savedRead<T>(data: T, meta: RecordMeta, index: IndexValues): RecordRead<T> {
  return { state: 'present', integrity: 'valid', data, meta, index };
}

export function requireLifecycle(issue: PanelIssue, lifecycle: 'portfolio' | 'delivery'): void {
  if (issue.lifecycle === lifecycle) return;
  const belongs =
    lifecycle === 'portfolio' ? 'the vetting checklist belongs on Roadmap Items' : 'delivery evidence belongs on Upstream Deliverables';
  throw new AppError('BAD_REQUEST', `${issue.key} is a ${issue.issueType || 'issue of another type'}; ${belongs}.`);
}

export async function saveVetting(input: VettingSave, ctx: CallContext): Promise<PanelData> {
  const user = asUser();
  // The issue, the configuration and who is saving are independent reads: one round trip.
  const [read, loaded, actor, calendar] = await Promise.all([
    readPanelIssue(user, ctx.extension),
    loadAppConfig(),
    actorOf(user, ctx.accountId),
    loadReleaseCalendar(),
  ]);
  const { issue } = read;
  const { config } = loaded;
  requireLifecycle(issue, 'portfolio');
  const now = new Date();
  const index = (d: Vetting) => vettingIndex(d, issue.stage, { nowMs: now.getTime(), calendar: calendar.calendar });
  const saved = await saveRecord<Vetting>({
    client: user,
    kind: VETTING_RECORD,
    issue: { id: issue.id, key: issue.key },
    expectedRevision: input.revision,
    actor,
    now,
    build(trusted) {
      checkConfiguredNames(input.vetting, trusted, config);
      // Approvals come only from the signed record, never from the person's save.
      const next = VettingSchema.parse(trusted?.approvals ? { ...input.vetting, approvals: trusted.approvals } : input.vetting);
      refuseReferences(vettingReferenceProblems(next, trusted, calendar.calendar), 'vetting');
      return next;
    },
    index,
  });
  await afterRecordWrite({ read, config: loaded, vetting: savedRead(saved.data, saved.meta, index(saved.data)) });
  return loadPanel(ctx, { read, config: loaded, calendar, vetting: savedRead(saved.data, saved.meta, index(saved.data)) });
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
  const now = new Date();
  const index = (d: Delivery) => deliveryIndex(d, issue.stage);
  const saved = await saveRecord<Delivery>({
    client: user,
    kind: DELIVERY_RECORD,
    issue: { id: issue.id, key: issue.key },
    expectedRevision: input.revision,
    actor,
    now,
    // Stamps who recorded each changed piece of evidence; unchanged evidence keeps its stamp.
    build(trusted) {
      const next = DeliverySchema.parse(applyDeliveryInput(trusted, input.delivery, ctx.accountId, now.toISOString()));
      refuseReferences(deliveryReferenceProblems(next, trusted, calendar.calendar), 'delivery');
      return next;
    },
    index,
  });
  await afterRecordWrite({ read, config: loaded, delivery: savedRead(saved.data, saved.meta, index(saved.data)) });
  return loadPanel(ctx, { read, config: loaded, calendar, delivery: savedRead(saved.data, saved.meta, index(saved.data)) });
}
