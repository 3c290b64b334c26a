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

const LinkedIssueSchema = z
  .object({ id: z.string(), key: z.string(), fields: z.object({ summary: z.string().optional() }).loose().optional() })
  .loose();
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
  otherSummary?: string;
  /** True when the issue read is the link's outward issue (the Roadmap Item side). */
  thisIsOutward: boolean;
}

/**
 * The delivery links of one issue and its type, read as the caller (GET /issue/{key}?fields=issuelinks,issuetype:
 * 1 call, 2 points; a 404 when they may not see it). From the outward issue a link names the
 * other as `outwardIssue`, from the inward one as `inwardIssue`.
 */
export async function deliveryLinksOf(client: JiraClient, issueKey: string): Promise<{ issueType?: string; links: DeliveryLink[] }> {
  const issue = await client.request(
    'GET',
    route`/rest/api/3/issue/${issueKey}?fields=issuelinks,issuetype`,
    z
      .object({
        fields: z
          .object({
            issuelinks: z.array(IssueLinkSchema).default([]),
            issuetype: z.object({ name: z.string() }).loose().optional(),
          })
          .loose(),
      })
      .loose(),
  );
  const links: DeliveryLink[] = [];
  for (const l of issue.fields.issuelinks) {
    if (l.type.name.trim().toLowerCase() !== DELIVERY_LINK_TYPE.name.toLowerCase()) continue;
    const other = l.outwardIssue ?? l.inwardIssue;
    if (!other) continue;
    links.push({
      linkId: l.id,
      otherKey: other.key,
      otherId: other.id,
      ...(other.fields?.summary !== undefined ? { otherSummary: other.fields.summary } : {}),
      thisIsOutward: l.outwardIssue !== undefined,
    });
  }
  return { ...(issue.fields.issuetype ? { issueType: issue.fields.issuetype.name } : {}), links };
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
