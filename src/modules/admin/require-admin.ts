// Every admin-page key is for Jira administrators only, checked as the app from the caller's
// account id (a person can't vouch for themselves).
import { AppError } from '../../contract/envelope';
import { asApp } from '../../jira/client';
import { isJiraAdmin } from '../../jira/jira-admin';
import type { CallContext } from '../shared/define-resolver';

export async function requireAdmin(ctx: CallContext, doing: string): Promise<void> {
  if (!(await isJiraAdmin(asApp(), ctx.accountId))) {
    throw new AppError('FORBIDDEN', `Only Jira administrators can ${doing}. Ask a Jira administrator, or ask to be made one.`);
  }
}
