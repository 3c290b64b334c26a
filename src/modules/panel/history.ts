// history/list: the item's LCOO history, a page at a time. The issue is read as the person
// first (Jira's browse permission decides whether they see anything), then the entries as the app.
import type { z } from 'zod';
import type { HistoryListPayloadSchema, HistoryPage } from '../../contract/panel';
import { asUser } from '../../jira/client';
import { DELIVERY_PROPERTY, VETTING_PROPERTY } from '../../records/kinds';
import { requireLifecycle } from '../../usecases/record-writes/approvals';
import { listHistory } from '../../usecases/history';
import type { CallContext } from '../shared/define-resolver';
import { readPanelIssue } from './issue-context';

type HistoryInput = z.output<typeof HistoryListPayloadSchema>;

export async function historyList(input: HistoryInput, ctx: CallContext): Promise<HistoryPage> {
  const { issue } = await readPanelIssue(asUser(), ctx.extension);
  requireLifecycle(issue, input.record === 'vetting' ? 'portfolio' : 'delivery');
  return listHistory(input.record === 'vetting' ? VETTING_PROPERTY : DELIVERY_PROPERTY, issue.id, input.before);
}
