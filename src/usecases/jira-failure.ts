// A Jira REST failure in the app's error vocabulary, with Jira's own words kept: what a
// resolver answers, and what the stage gate says when it could not read the issue.
import { AppError, type ErrorCode } from '../contract/envelope';
import type { JiraError } from '../jira/errors';

const codeForStatus = (status: number): ErrorCode => {
  if (status === 400) return 'BAD_REQUEST';
  if (status === 401 || status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 429) return 'RATE_LIMITED';
  return 'JIRA_ERROR';
};

/** Maps a Jira failure to the app's error vocabulary, keeping Jira's message. */
export function appErrorFromJira(err: JiraError, doing: string): AppError {
  const code = codeForStatus(err.status);
  const hint =
    code === 'FORBIDDEN'
      ? ' You do not have permission for this in Jira; ask a Jira administrator.'
      : code === 'RATE_LIMITED'
        ? ' Jira is busy; try again in a minute.'
        : '';
  return new AppError(code, `Could not ${doing}: ${err.jiraMessage}${hint}`, { status: err.status });
}
