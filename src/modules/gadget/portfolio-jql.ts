// Builds the JQL one portfolio load runs. Whatever the gadget is configured with, the
// search is restricted to the two LCOO issue types; values are quoted, never pasted raw.
import type { GadgetFilters, GadgetScope } from '../../contract/gadget';
import { stageDef, type Stage } from '../../domain/lifecycle';

export const LCOO_ISSUE_TYPES_CLAUSE = 'issuetype in ("Roadmap Item", "Upstream Deliverable")';

/** A JQL string literal: backslashes and double quotes escaped, so a value can't end the string early. */
export function quoteJql(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Removes a trailing top-level ORDER BY from a person's JQL, so it can be wrapped in
 * parentheses and AND-ed (JQL allows ORDER BY only at the very end). Quoted strings and
 * parenthesised groups are skipped, so `summary ~ "order by"` survives.
 */
export function stripOrderBy(jql: string): string {
  let depth = 0;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < jql.length; i++) {
    const ch = jql[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (ch === 'o' || ch === 'O')) {
      const before = i === 0 ? ' ' : jql[i - 1]!;
      if (/\s|\)/.test(before) && /^order\s+by\b/i.test(jql.slice(i))) return jql.slice(0, i).trim();
    }
  }
  return jql.trim();
}

/**
 * The search for one load. A stage filter narrows the search by status (a stage is exactly
 * one status), so a filtered load reads fewer pages; every other filter needs the verified
 * record and is applied by the domain.
 */
export function buildPortfolioJql(scope: GadgetScope, filters: GadgetFilters = {}): string {
  const clauses: string[] = [];
  if (scope.kind === 'projects') {
    if (scope.projectKeys.length > 0) clauses.push(`project in (${scope.projectKeys.map(quoteJql).join(', ')})`);
  } else {
    const own = stripOrderBy(scope.jql);
    if (own.length > 0) clauses.push(`(${own})`);
  }
  clauses.push(LCOO_ISSUE_TYPES_CLAUSE);
  const stages: readonly Stage[] = filters.stages ?? [];
  if (stages.length > 0) clauses.push(`status in (${stages.map((s) => quoteJql(stageDef(s).statusName)).join(', ')})`);
  return `${clauses.join(' AND ')} ORDER BY key ASC`;
}
