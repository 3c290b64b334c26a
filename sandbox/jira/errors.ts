// Jira answers errors with `{"errorMessages":[...],"errors":{...}}`; handlers throw
// JiraError and the dispatcher turns it into that body.
export class JiraError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[],
    readonly errors: Record<string, string> = {},
  ) {
    super(errorMessages[0] ?? Object.values(errors)[0] ?? `HTTP ${status}`);
  }
  body(): { errorMessages: string[]; errors: Record<string, string> } {
    return { errorMessages: this.errorMessages, errors: this.errors };
  }
}

export const badRequest = (message: string, errors: Record<string, string> = {}): JiraError =>
  new JiraError(400, message ? [message] : [], errors);
export const fieldErrors = (errors: Record<string, string>): JiraError => new JiraError(400, [], errors);
export const notFound = (message: string): JiraError => new JiraError(404, [message]);
export const forbidden = (message: string): JiraError => new JiraError(403, [message]);
export const conflict = (message: string, errors: Record<string, string> = {}): JiraError => new JiraError(409, [message], errors);
export const unauthorized = (): JiraError =>
  new JiraError(401, ['You are not authenticated. Authentication required to perform this operation.']);

/** Turns zod issues into Jira's field error map so a caller sees which field is wrong. */
export function zodToJira(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): JiraError {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || 'body';
    errors[key] ??= issue.message;
  }
  return new JiraError(400, ['The request body is not valid.'], errors);
}
