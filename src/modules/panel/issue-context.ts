// Which issue the panel is on, read from the frame's context and then from Jira as the
// person: Jira's browse permission decides whether they see anything at all.
import { z } from 'zod';
import { AppError } from '../../contract/envelope';
import type { JiraClient } from '../../jira/client';
import { getIssue } from '../../jira/issues';
import { lifecycleOfIssueType, type LifecycleId, type Stage } from '../../domain/lifecycle';
import { loadStatusStageMap, type StatusStageMap } from '../../storage/status-stages';
import { stageOfStatus } from '../../usecases/issue-snapshot';
import type { IndexFactsRead } from '../../usecases/portfolio-index/after-write';

const ExtensionSchema = z.looseObject({
  issue: z.looseObject({
    id: z.union([z.string(), z.number()]).transform(String),
    key: z.string().min(1),
  }),
});

/** The issue named by `context.extension.issue` (the platform sets it; the browser can't change it). */
export function issueFromExtension(extension: unknown): { id: string; key: string } {
  const parsed = ExtensionSchema.safeParse(extension);
  if (!parsed.success) {
    throw new AppError('BAD_REQUEST', 'The LCOO panel only works on an issue: open it from an issue view.');
  }
  return { id: parsed.data.issue.id, key: parsed.data.issue.key };
}

export interface PanelIssue {
  id: string;
  key: string;
  summary?: string;
  issueType: string;
  statusName: string;
  stage?: Stage;
  lifecycle?: LifecycleId;
}

/** The issue as the panel shows it, and the facts the gate check builds its snapshot from. */
export interface ReadIssue {
  issue: PanelIssue;
  status: { id?: string; name: string };
  statusStages: StatusStageMap;
  /** What the portfolio index keeps of the issue besides its record (afterRecordWrite). */
  indexFacts: IndexFactsRead;
}

/** Reads the issue as the person; its stage is resolved as every entry point resolves it (stageOfStatus). */
export async function readPanelIssue(user: JiraClient, extension: unknown): Promise<ReadIssue> {
  const ref = issueFromExtension(extension);
  const [issue, statusStages] = await Promise.all([
    getIssue(user, ref.key, { fields: ['summary', 'status', 'issuetype', 'project', 'updated', 'security'] }),
    loadStatusStageMap(),
  ]);
  const issueType = issue.fields.issuetype?.name ?? '';
  const statusName = issue.fields.status?.name ?? '';
  const status = { ...(issue.fields.status?.id ? { id: issue.fields.status.id } : {}), name: statusName };
  const lifecycle = lifecycleOfIssueType(issueType);
  const stage = lifecycle ? stageOfStatus(status, lifecycle, statusStages) : undefined;
  return {
    issue: {
      id: issue.id,
      key: issue.key,
      ...(issue.fields.summary !== undefined ? { summary: issue.fields.summary } : {}),
      issueType,
      statusName,
      ...(lifecycle ? { lifecycle } : {}),
      ...(stage ? { stage } : {}),
    },
    status,
    statusStages,
    indexFacts: { project: issue.fields.project, updated: issue.fields.updated, security: issue.fields.security },
  };
}
