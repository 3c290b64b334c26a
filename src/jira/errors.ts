import { AppError, type ErrorCode } from '../contract/envelope';

/** A Jira REST answer that was not 2xx, with Jira's own messages kept for the person. */
export class JiraError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly errorMessages: string[],
    readonly errors: Record<string, string> = {},
  ) {
    super(
      `Jira answered ${status} to ${method} ${path}` +
        (errorMessages.length + Object.keys(errors).length > 0
          ? `: ${[...errorMessages, ...Object.entries(errors).map(([k, v]) => `${k}: ${v}`)].join('; ')}`
          : ''),
    );
    this.name = 'JiraError';
  }

  /** Jira's own words, for messages shown to a person. */
  get jiraMessage(): string {
    const all = [...this.errorMessages, ...Object.entries(this.errors).map(([k, v]) => `${k}: ${v}`)];
    return all.length > 0 ? all.join(' ') : `Jira answered HTTP ${this.status}.`;
  }
}

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
