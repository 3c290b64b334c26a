// Issue link types and issue links: the "LCOO delivery" link between a Roadmap Item and its
// Upstream Deliverables. A link reads "outward issue <outward> inward issue" (the outward issue
// is where it originates: Atlassian's "Jira issue linking model"), so the Roadmap Item is the
// outward issue: "LCOO-1 is delivered by LCOO-7", and "LCOO-7 delivers LCOO-1".
import { z } from 'zod';
import { route, type JiraClient } from './client';

/** The link type setup creates (src/usecases/setup/steps.ts) and deliverable saves write. */
export const DELIVERY_LINK_TYPE = { name: 'LCOO delivery', outward: 'is delivered by', inward: 'delivers' } as const;

const LinkTypeSchema = z.object({ id: z.string(), name: z.string(), inward: z.string(), outward: z.string() }).loose();
export type JiraLinkType = z.infer<typeof LinkTypeSchema>;

export const listIssueLinkTypes = async (client: JiraClient): Promise<JiraLinkType[]> =>
  (await client.request('GET', route`/rest/api/3/issueLinkType`, z.object({ issueLinkTypes: z.array(LinkTypeSchema).default([]) }).loose()))
    .issueLinkTypes;

export const createIssueLinkType = (client: JiraClient, body: { name: string; inward: string; outward: string }) =>
  client.request('POST', route`/rest/api/3/issueLinkType`, LinkTypeSchema, body);

/** The delivery link type as Jira has it (names compare case-insensitively, as Jira's do). */
export async function findDeliveryLinkType(client: JiraClient): Promise<JiraLinkType | undefined> {
  const all = await listIssueLinkTypes(client);
  return all.find((t) => t.name.trim().toLowerCase() === DELIVERY_LINK_TYPE.name.toLowerCase());
}

const LinkedIssueSchema = z.object({ id: z.string(), key: z.string() }).loose();
const IssueLinkSchema = z
  .object({
    id: z.string(),
    type: z.object({ id: z.string().optional(), name: z.string() }).loose(),
    inwardIssue: LinkedIssueSchema.optional(),
    outwardIssue: LinkedIssueSchema.optional(),
  })
  .loose();

/** One delivery link as seen from an issue: the other issue and whether this issue is the Roadmap Item (outward) side. */
export interface DeliveryLink {
  linkId: string;
  otherKey: string;
  otherId: string;
  /** True when the issue read is the link's outward issue (the Roadmap Item side). */
  thisIsOutward: boolean;
}

/**
 * The delivery links of one issue (GET /issue/{key}?fields=issuelinks: 1 call, 2 points). From
 * the outward issue a link names the other as `outwardIssue`, from the inward one as `inwardIssue`.
 */
export async function deliveryLinksOf(client: JiraClient, issueKey: string): Promise<DeliveryLink[]> {
  const issue = await client.request(
    'GET',
    route`/rest/api/3/issue/${issueKey}?fields=issuelinks`,
    z.object({ fields: z.object({ issuelinks: z.array(IssueLinkSchema).default([]) }).loose() }).loose(),
  );
  const out: DeliveryLink[] = [];
  for (const l of issue.fields.issuelinks) {
    if (l.type.name.trim().toLowerCase() !== DELIVERY_LINK_TYPE.name.toLowerCase()) continue;
    const other = l.outwardIssue ?? l.inwardIssue;
    if (!other) continue;
    out.push({ linkId: l.id, otherKey: other.key, otherId: other.id, thisIsOutward: l.outwardIssue !== undefined });
  }
  return out;
}

/** Links a Roadmap Item to a deliverable ("item is delivered by deliverable"). Jira answers 201 with no body; a duplicate adds nothing. */
export async function linkDelivery(client: JiraClient, roadmapItemKey: string, deliverableKey: string): Promise<void> {
  await client.request('POST', route`/rest/api/3/issueLink`, z.unknown(), {
    type: { name: DELIVERY_LINK_TYPE.name },
    outwardIssue: { key: roadmapItemKey },
    inwardIssue: { key: deliverableKey },
  });
}

export async function deleteIssueLink(client: JiraClient, linkId: string): Promise<void> {
  await client.request('DELETE', route`/rest/api/3/issueLink/${linkId}`, z.unknown());
}
