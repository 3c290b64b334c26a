// A gadget's JQL scope, parsed with Atlassian's JQL grammar (@atlaskit/jql-ast) instead of
// pasted into a wider query: `key = X) OR (key = X` is not one query, so it is refused with the
// parser's words, and no text can close a parenthesis the app opened. What the index holds
// (project, type, status, key and the LCOO search aliases) is answered from the index; any
// other clause (labels, a saved filter, text search) needs Jira, which is asked for matching
// ids only, with the JQL printed back from the parsed query, and always AND-ed with the LCOO
// issue types.
import { JastBuilder, print, type Clause, type Jast, type Operand, type TerminalClause } from '@atlaskit/jql-ast';
import type { AppConfig } from '../../domain/app-config';
import { LIFECYCLES, stageByStatusName, type LifecycleId } from '../../domain/lifecycle';
import type { SlimRow } from '../../domain/portfolio-index';
import { BUILTIN_CALENDAR, type ReleaseCalendar } from '../../domain/releases';
import { companyTerms, fstTerms, releaseTerms, searchNamesOf, stageTerms, typeTerms, type SearchNames } from '../../domain/search-aliases';

export const LCOO_ISSUE_TYPES_CLAUSE = `issuetype in ("${LIFECYCLES.portfolio.issueTypeName}", "${LIFECYCLES.delivery.issueTypeName}")`;

/** A JQL string literal: backslashes and double quotes escaped, so a value can't end the string early. */
export function quoteJql(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export type ScopeOutcome =
  | { ok: true; predicate: (row: SlimRow) => boolean; jira?: undefined; jql: string }
  /** Some clause only Jira can answer: `jira` is the JQL to ask (ids only), restricted to the LCOO types. */
  | { ok: true; predicate?: undefined; jira: string; jql: string; because: string }
  | { ok: false; problem: string };

type Pred = (row: SlimRow) => boolean;
class NeedsJira extends Error {}

const lower = (s: string) => s.trim().toLowerCase();

function operandValues(op: Operand | undefined): (string | null)[] {
  if (!op) return [];
  if (op.operandType === 'list') return op.values.flatMap((v) => operandValues(v));
  if (op.operandType === 'keyword') return [null]; // EMPTY / NULL
  if (op.operandType === 'value') return [op.value];
  throw new NeedsJira(`the function ${op.function?.value ?? ''}()`);
}

const LIFECYCLE_BY_TYPE = new Map<string, LifecycleId>([
  [lower(LIFECYCLES.portfolio.issueTypeName), 'portfolio'],
  [lower(LIFECYCLES.delivery.issueTypeName), 'delivery'],
]);

/**
 * What a field reads of a row: its value(s), undefined when empty. Undefined: the index can't
 * answer the field. The LCOO aliases read what Jira indexes for them (domain/search-aliases.ts:
 * the name as shown and the id), compared without case.
 */
function fieldReader(field: string, names: SearchNames): ((r: SlimRow) => (string | number)[]) | undefined {
  const percent = (r: SlimRow) => (r.completed === undefined ? [] : [Math.round((r.completed / 12) * 100)]);
  const terms = (list: string[]) => list.map(lower);
  const portfolio = (r: SlimRow) => r.lifecycle === 'portfolio';
  const companies = (ids: string[]) => ids.flatMap((c) => terms(companyTerms(c, names)));
  switch (lower(field)) {
    case 'project':
      return (r) => [lower(r.projectKey), r.projectId];
    case 'issuetype':
    case 'type':
      return (r) => [r.lifecycle];
    case 'status':
      return (r) => [r.stage];
    case 'key':
    case 'issuekey':
    case 'issue':
    case 'id':
      return (r) => [lower(r.key), r.id];
    case 'lcoofst':
      return (r) => (portfolio(r) && r.fst ? terms(fstTerms(r.fst, names)) : []);
    case 'lcoostage':
      return (r) => (portfolio(r) ? terms(stageTerms(r.stage)) : []);
    case 'lcoodeliverystage':
      return (r) => (!portfolio(r) ? terms(stageTerms(r.stage)) : []);
    case 'lcootype':
      return (r) => (r.type ? terms(typeTerms(r.type)) : []);
    case 'lcoosize':
      return (r) => (r.size ? [lower(r.size)] : []);
    case 'lcootargetrelease':
      return (r) => (portfolio(r) && r.releaseId ? terms(releaseTerms(r.releaseId, names.calendar)) : []);
    case 'lcoomilestone':
      return (r) => (!portfolio(r) && r.releaseId ? terms(releaseTerms(r.releaseId, names.calendar)) : []);
    case 'lcoocompany':
      return (r) => companies(r.companies);
    case 'lcoocommittedcompany':
      return (r) => companies(r.companies.filter((_, i) => (r.people[i] ?? 0) > 0));
    case 'lcoocompleteness':
      return percent;
    case 'lcoointegrity':
      return (r) => [r.integrity];
    case 'lcooroadmapitem':
      return (r) => (r.parentKey ? [lower(r.parentKey)] : []);
    default:
      return undefined;
  }
}

/** A JQL value as the row's reader holds it. */
function normaliseValue(field: string, v: string): string | number {
  switch (lower(field)) {
    case 'issuetype':
    case 'type':
      return LIFECYCLE_BY_TYPE.get(lower(v)) ?? `not-an-lcoo-type:${v}`;
    case 'status':
      return stageByStatusName(v) ?? `not-an-lcoo-status:${v}`;
    case 'lcoocompleteness':
      return Number(v);
    case 'project':
    case 'key':
    case 'issuekey':
    case 'issue':
    case 'id':
      return /^\d+$/.test(v) ? v : lower(v);
    default:
      // The aliases' values are compared without case (the reader lower-cases them too).
      return lower(v);
  }
}

function terminal(c: TerminalClause, names: SearchNames): Pred {
  const field = c.field.value;
  if (c.field.properties && c.field.properties.length > 0) throw new NeedsJira(`the field ${c.field.text}`);
  const read = fieldReader(field, names);
  if (!read) throw new NeedsJira(`the field ${field}`);
  const op = c.operator?.value;
  const raw = operandValues(c.operand ?? undefined);
  const values = raw.filter((v): v is string => v !== null).map((v) => normaliseValue(field, v));
  const wantsEmpty = raw.includes(null);
  const has = (r: SlimRow) => read(r);
  switch (op) {
    case '=':
    case 'in':
      return (r) => {
        const got = has(r);
        return (wantsEmpty && got.length === 0) || got.some((g) => values.includes(g));
      };
    case '!=':
    case 'not in':
      return (r) => {
        const got = has(r);
        if (got.length === 0) return false; // JQL's != never matches an empty field
        return !got.some((g) => values.includes(g));
      };
    case 'is':
      return (r) => has(r).length === 0;
    case 'is not':
      return (r) => has(r).length > 0;
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const bound = Number(values[0]);
      if (lower(field) !== 'lcoocompleteness' || Number.isNaN(bound)) throw new NeedsJira(`"${field} ${op}"`);
      return (r) =>
        has(r).some((g) => {
          const n = Number(g);
          return op === '<' ? n < bound : op === '<=' ? n <= bound : op === '>' ? n > bound : n >= bound;
        });
    }
    default:
      throw new NeedsJira(`the operator ${op ?? '?'} on ${field}`);
  }
}

function compile(c: Clause, names: SearchNames): Pred {
  switch (c.clauseType) {
    case 'compound': {
      const parts = c.clauses.map((x) => compile(x, names));
      return c.operator.value === 'and' ? (r) => parts.every((p) => p(r)) : (r) => parts.some((p) => p(r));
    }
    case 'not': {
      const inner = compile(c.clause, names);
      return (r) => !inner(r);
    }
    case 'terminal':
      return terminal(c, names);
    default:
      throw new NeedsJira('that clause');
  }
}

/** Parses the gadget's JQL. Never wraps text: the query must parse whole, and is printed back from the parse. */
export function parseScopeJql(
  jql: string,
  config: Pick<AppConfig, 'fsts' | 'companies'>,
  calendar: ReleaseCalendar = BUILTIN_CALENDAR,
): ScopeOutcome {
  let ast: Jast;
  try {
    ast = new JastBuilder().build(jql);
  } catch (err) {
    return { ok: false, problem: `The gadget's JQL could not be read (${err instanceof Error ? err.message : String(err)}).` };
  }
  if (ast.errors.length > 0 || !ast.query) {
    return {
      ok: false,
      problem: `The gadget's JQL is not a valid query: ${ast.errors.map((e) => e.message).join('; ') || 'it is empty'}.`,
    };
  }
  // ORDER BY means nothing for a scope: the table sorts itself.
  ast.query.orderBy = undefined;
  const where = ast.query.where;
  if (!where) return { ok: true, predicate: () => true, jql: '' };
  const printed = print(ast).replace(/\s+/g, ' ').trim();
  try {
    return { ok: true, predicate: compile(where, searchNamesOf(config, calendar)), jql: printed };
  } catch (err) {
    if (!(err instanceof NeedsJira)) throw err;
    // The parse is balanced, so the parentheses below hold the whole condition.
    return { ok: true, jira: `(${printed}) AND ${LCOO_ISSUE_TYPES_CLAUSE}`, jql: printed, because: err.message };
  }
}
