// A Roadmap Item's Upstream Deliverables for its panel, read from the portfolio index (Custom
// Entity Store): the rows whose signed record names the item (index by-parent), never a Jira
// search. What it costs per load, whatever the number of deliverables:
//   Jira:    1 call (the item's delivery links and type, as the person: 2 points), plus 1
//            permission check only when a deliverable sits in another project or has a
//            security level (1 point + 1 per project/issue asked);
//   storage: the index meta and the release calendar (1 batch), the by-parent query (1 per 100
//            deliverables), the rows (1 per 25).
// The record decides what counts (as the gates read it); a Jira link with no such record is
// listed apart with what to do, and a record whose link is missing says so on its row.
import { kvs } from '@forge/kvs';
import type { ItemDeliverablesView, LinkedOnlyView } from '../contract/item-deliverables';
import { AppError } from '../contract/envelope';
import { deliveryProgressSentence, deliveryStageName, rollUpDelivery } from '../domain/delivery-progress';
import { DELIVERY_STAGES, LIFECYCLES, type DeliveryStage, type Stage } from '../domain/lifecycle';
import { effectiveRows, type IndexRow } from '../domain/portfolio-index';
import type { JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';
import { browsable } from '../jira/issues';
import { deliveryLinksOf } from '../jira/issue-links';
import { KVS_KEYS } from '../storage/keys';
import { parseMeta } from '../storage/portfolio-index/meta';
import { deliverablesOf, readRows } from '../storage/portfolio-index/store';
import { calendarFromStored } from '../storage/release-calendar';

const isDeliveryStage = (s: Stage): s is DeliveryStage => (DELIVERY_STAGES as readonly Stage[]).includes(s);

const EMPTY_PROGRESS = (sentence: string): ItemDeliverablesView['progress'] => ({
  total: 0,
  delivered: 0,
  byStage: [],
  slippedKeys: [],
  sentence,
});

export async function itemDeliverables(user: JiraClient, item: { id: string; key: string }, nowMs: number): Promise<ItemDeliverablesView> {
  const calls = { jira: 0, storage: 0 };
  const [linkRead, first] = await Promise.all([
    deliveryLinksOf(user, item.key).catch((err: unknown) => {
      if (err instanceof JiraError && err.status === 404)
        throw new AppError('NOT_FOUND', `${item.key} can't be found, or you can't see it in Jira.`);
      throw err;
    }),
    kvs.batchGet<unknown>([{ key: KVS_KEYS.portfolioIndex }, { key: KVS_KEYS.releaseCalendar }]),
  ]);
  calls.jira += 1;
  calls.storage += 1;
  if (linkRead.issueType !== undefined && linkRead.issueType !== LIFECYCLES.portfolio.issueTypeName)
    throw new AppError('BAD_REQUEST', `${item.key} is not a Roadmap Item, so it has no Upstream Deliverables.`);
  const byKey = new Map(first.successfulKeys.map((k) => [k.key, k.value]));
  const meta = parseMeta(byKey.get(KVS_KEYS.portfolioIndex));
  const linkedOnlyOf = (counted: ReadonlySet<string>): LinkedOnlyView[] =>
    linkRead.links
      .filter((l) => !counted.has(l.otherKey.toUpperCase()))
      .map((l) => ({
        key: l.otherKey,
        ...(l.otherSummary !== undefined ? { summary: l.otherSummary } : {}),
        note: `Linked to ${item.key} in Jira, but its delivery record does not name ${item.key}, so it is not counted here or by the gates. Save its delivery record with Roadmap Item ${item.key} to count it, or remove the link.`,
      }));

  if (meta.state !== 'ready') {
    return {
      source: 'unavailable',
      reason:
        "The list of deliverables appears once a Jira administrator has built the portfolio index (the LCOO admin page, 'Portfolio index').",
      deliverables: [],
      progress: EMPTY_PROGRESS('Delivery progress is not available yet.'),
      linkedOnly: linkedOnlyOf(new Set()),
      hidden: 0,
      calls,
    };
  }
  const { calendar } = calendarFromStored(byKey.get(KVS_KEYS.releaseCalendar));

  const ids = await deliverablesOf(item.key);
  calls.storage += Math.max(1, Math.ceil(ids.length / 100));
  const rows = await readRows([item.id, ...ids]);
  calls.storage += Math.ceil((ids.length + 1) / 25);
  const itemRow = rows.get(item.id);
  // Only rows whose signed record names this item (the by-parent index is kept with the row).
  const candidates = ids
    .map((id) => rows.get(id))
    .filter((r): r is IndexRow => r !== undefined && r.lifecycle === 'delivery' && r.parentKey === item.key);

  // The person sees the item, so its project; anything else is asked of Jira, once.
  const otherProjects = [...new Set(candidates.filter((r) => r.projectId !== itemRow?.projectId).map((r) => r.projectId))];
  const secured = candidates.filter((r) => r.securityLevel).map((r) => r.id);
  let visible = candidates;
  if (otherProjects.length > 0 || secured.length > 0) {
    const allowed = await browsable(user, otherProjects, secured);
    calls.jira += 1;
    visible = candidates.filter(
      (r) => (r.projectId === itemRow?.projectId || allowed.projects.has(r.projectId)) && (!r.securityLevel || allowed.issues.has(r.id)),
    );
  }

  // What a deliverable inherits (its release, without a milestone) comes from the item's row.
  const effective = effectiveRows(itemRow ? [itemRow, ...visible] : visible, nowMs, calendar).filter((r) => r.lifecycle === 'delivery');
  const summaries = new Map(visible.map((r) => [r.id, r.summary]));
  const linkedKeys = new Set(linkRead.links.map((l) => l.otherKey.toUpperCase()));
  const standing = effective.flatMap((r) =>
    isDeliveryStage(r.stage) ? [{ key: r.key, id: r.id, stage: r.stage, slipped: r.slipped }] : [],
  );
  const progress = rollUpDelivery(standing);
  const counted = new Set(candidates.map((r) => r.key.toUpperCase()));
  return {
    source: 'index',
    deliverables: progress.deliverables.map((d) => ({
      key: d.key,
      summary: summaries.get(d.id) ?? '',
      stage: d.stage,
      stageName: deliveryStageName(d.stage),
      slipped: d.slipped,
      linked: linkedKeys.has(d.key.toUpperCase()),
    })),
    progress: {
      total: progress.total,
      delivered: progress.delivered,
      byStage: progress.byStage.map((s) => ({ ...s, stageName: deliveryStageName(s.stage) })),
      ...(progress.furthestBehind ? { furthestBehindKey: progress.furthestBehind.key } : {}),
      slippedKeys: progress.slipped.map((d) => d.key),
      sentence: deliveryProgressSentence(progress),
    },
    // A link to a deliverable the person may not see is not named either.
    linkedOnly: linkedOnlyOf(counted),
    hidden: candidates.length - visible.length,
    calls,
  };
}
