// The Jira issue link between a deliverable and its Roadmap Item, kept in step with the signed
// record: the record's `roadmapItemKey` decides (gates and the portfolio index read only the
// record), and the link is its mirror in Jira, so people see the relation in Jira's own issue
// view and in JQL (`issue in linkedIssues(...)`). Written as the person (asUser): Jira's
// "Link issues" permission holds. Cost per save: 1 write (1 point) when the record names an
// item; when the item changed or the previous record is not the app's, also 1 read (2 points)
// and 1 write per old link removed.
import type { JiraClient } from '../../jira/client';
import { JiraError } from '../../jira/errors';
import { deleteIssueLink, deliveryLinksOf, DELIVERY_LINK_TYPE, linkDelivery } from '../../jira/issue-links';

export type LinkOutcome =
  | { state: 'unchanged' | 'linked' | 'unlinked'; calls: number }
  /** The record was saved; the link was not written. `note` says why and what to do. */
  | { state: 'failed'; note: string; calls: number };

/** Why a link write failed, in words a person can act on. */
function failureNote(err: unknown, itemKey: string | undefined): string {
  const what = itemKey ? `The Jira link to Roadmap Item ${itemKey}` : 'The old Jira link to a Roadmap Item';
  if (err instanceof JiraError && err.status === 404) {
    return `${what} was not ${itemKey ? 'added' : 'removed'}: Jira refused it (you may lack the "Link issues" permission, or setup has not created the "${DELIVERY_LINK_TYPE.name}" link type yet). The record is saved and counts; ask a Jira administrator, then save again.`;
  }
  const reason = err instanceof JiraError ? err.jiraMessage : err instanceof Error ? err.message : String(err);
  return `${what} was not ${itemKey ? 'added' : 'removed'} (${reason}). The record is saved and counts; save again to retry.`;
}

/**
 * Makes the deliverable's delivery links say what its record says: a link to `itemKey`, none to
 * any other issue. `previous` is what the record named before this save when the app can vouch
 * for it: then only a change of item needs Jira's links read (to remove the old one); otherwise
 * the link is (re)written directly, as Jira adds nothing for a duplicate, so a link someone
 * removed by hand comes back with the next save. Never throws: the record is already saved, so
 * a refused link is reported, not a failed save.
 */
export async function syncDeliveryLink(
  user: JiraClient,
  deliverableKey: string,
  itemKey: string | undefined,
  previous: { itemKey?: string } | undefined,
): Promise<LinkOutcome> {
  let calls = 0;
  const same = (a: string | undefined, b: string | undefined) => (a ?? '').toUpperCase() === (b ?? '').toUpperCase();
  try {
    let removed = 0;
    // An old link may need removing: the item changed or was cleared, or what the record said before is unknown.
    if (previous === undefined || (previous.itemKey !== undefined && !same(previous.itemKey, itemKey))) {
      const { links } = await deliveryLinksOf(user, deliverableKey);
      calls += 1;
      for (const l of links.filter((x) => !same(x.otherKey, itemKey))) {
        await deleteIssueLink(user, l.linkId);
        calls += 1;
        removed += 1;
      }
    }
    if (itemKey) {
      await linkDelivery(user, itemKey, deliverableKey);
      calls += 1;
      return { state: 'linked', calls };
    }
    return { state: removed > 0 ? 'unlinked' : 'unchanged', calls };
  } catch (err) {
    console.error(`[lcoo] could not bring the delivery link of ${deliverableKey} in step with its record:`, err);
    return { state: 'failed', note: failureNote(err, itemKey), calls };
  }
}
