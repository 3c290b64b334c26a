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
