// Maps the Jira emulator's issue events (webhook names) to the Forge product events a
// `trigger` module receives. Forge's payload for avi:jira:created|updated|deleted:issue
// (Atlassian, Forge Jira events reference; docs/platform-facts.md):
//   {issue:{id,key,fields}, atlassianId, associatedUsers:[{accountId}], changelog?:{id,items}, context:{cloudId}, eventType}
// The changelog comes with updated events only.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { IssueEventArgs } from './jira-port';
import { LOCAL_CLOUD_ID } from './runtime';

const IssueShape = z.looseObject({ id: z.string(), key: z.string(), fields: z.record(z.string(), z.unknown()).optional() });
const ChangelogShape = z.looseObject({
  id: z.string().optional(),
  items: z.array(z.record(z.string(), z.unknown())).optional(),
});

export function issueEventToTrigger(args: IssueEventArgs): { eventType: string; event: Record<string, unknown> } | null {
  const issue = IssueShape.safeParse(args.issue);
  if (!issue.success) {
    console.error(`[forge-host] ignoring ${args.webhookEvent}: the emulator sent an issue without id/key`);
    return null;
  }
  const eventType =
    args.webhookEvent === 'jira:issue_created'
      ? 'avi:jira:created:issue'
      : args.webhookEvent === 'jira:issue_deleted'
        ? 'avi:jira:deleted:issue'
        : 'avi:jira:updated:issue';
  const changelog = ChangelogShape.safeParse(args.changelog);
  return {
    eventType,
    event: {
      issue: { id: issue.data.id, key: issue.data.key, fields: issue.data.fields ?? {} },
      ...(args.accountId ? { atlassianId: args.accountId, associatedUsers: [{ accountId: args.accountId }] } : { associatedUsers: [] }),
      ...(eventType === 'avi:jira:updated:issue' && changelog.success
        ? { changelog: { id: changelog.data.id ?? randomUUID(), items: changelog.data.items ?? [] } }
        : {}),
      context: { cloudId: LOCAL_CLOUD_ID },
      eventType,
    },
  };
}
