// The sentence Jira shows when the stage gate refuses a transition. Jira renders the
// validator's errorMessage as plain text in one block, so the list is numbered inline.
import type { MissingRequirement } from '../../domain/gates';

export const GATE_PREFIX = 'LCOO stage gate:';

export function blockedMessage(issueKey: string, targetStatusName: string, missing: readonly MissingRequirement[]): string {
  const items = missing.map((m, i) => `${i + 1}) ${m.message.trim()}`).join(' ');
  const what = missing.length === 1 ? '1 thing is missing' : `${missing.length} things are missing`;
  return `${GATE_PREFIX} ${issueKey} can't move to "${targetStatusName}" yet; ${what}. ${items}`;
}

/** A refusal that is not about the item's content (bad setup, Jira trouble, bad rule). */
export function failClosedMessage(issueKey: string | undefined, why: string): string {
  return `${GATE_PREFIX} ${issueKey ? `${issueKey} can't move yet` : 'this transition is blocked'}: ${why}`;
}
