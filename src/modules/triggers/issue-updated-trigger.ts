// avi:jira:updated:issue. When an issue changes status, the `index.stage` of its LCOO record
// is rewritten (as the app, signature untouched) so JQL on lcooStage / lcooDeliveryStage
// follows the workflow. Other updates are ignored without a REST call.
import { z } from 'zod';
import { lifecycleOfIssueType, type Stage } from '../../domain/lifecycle';
import { asApp, type JiraClient } from '../../jira/client';
import { loadStatusStageMap } from '../../storage/status-stages';
import { DELIVERY_RECORD, VETTING_RECORD, stageIndexValue } from '../../records/kinds';
import { refreshIndex } from '../../records/record-store';
import type { RecordKind } from '../../records/stored-record';
import { stageOfStatus } from '../../usecases/issue-snapshot';

const EventSchema = z
  .object({
    issue: z
      .object({
        id: z.union([z.string(), z.number()]).transform(String),
        key: z.string(),
        fields: z
          .object({ issuetype: z.object({ name: z.string() }).loose().optional() })
          .loose()
          .optional(),
      })
      .loose(),
    changelog: z
      .object({
        items: z
          .array(
            z
              .object({
                field: z.string().optional(),
                fieldId: z.string().optional(),
                to: z.union([z.string(), z.number()]).nullish(),
                toString: z.string().nullish(),
              })
              .loose(),
          )
          .default([]),
      })
      .loose()
      .optional(),
  })
  .loose();

export interface IssueUpdatedOutcome {
  issueKey?: string;
  stage?: Stage;
  refreshed: string[];
  skipped?: string;
}

async function handleIssueUpdated(event: unknown, client: JiraClient = asApp()): Promise<IssueUpdatedOutcome> {
  const parsed = EventSchema.safeParse(event);
  if (!parsed.success) return { refreshed: [], skipped: 'not an issue event' };
  const { issue, changelog } = parsed.data;
  const change = changelog?.items.find((i) => i.fieldId === 'status' || i.field === 'status');
  if (!change) return { issueKey: issue.key, refreshed: [], skipped: 'no status change' };

  const map = await loadStatusStageMap();
  const toId = change.to === null || change.to === undefined ? undefined : String(change.to);
  // The issue type says which record carries the stage; without it, try both.
  const lifecycle = lifecycleOfIssueType(issue.fields?.issuetype?.name ?? '');
  const stage = stageOfStatus({ id: toId, name: change.toString ?? '' }, lifecycle, map);
  if (!stage) return { issueKey: issue.key, refreshed: [], skipped: `status ${change.toString ?? toId ?? '?'} is not an LCOO stage` };

  const kinds: RecordKind<unknown>[] =
    lifecycle === 'portfolio'
      ? [VETTING_RECORD]
      : lifecycle === 'delivery'
        ? [DELIVERY_RECORD]
        : ([VETTING_RECORD, DELIVERY_RECORD] as RecordKind<unknown>[]);
  const refreshed: string[] = [];
  for (const kind of kinds) {
    if (await refreshIndex(client, kind, { id: issue.id, key: issue.key }, stageIndexValue(stage))) refreshed.push(kind.propertyKey);
  }
  return { issueKey: issue.key, stage, refreshed };
}

export const issueUpdatedTrigger = (event: unknown): Promise<IssueUpdatedOutcome> => handleIssueUpdated(event);
