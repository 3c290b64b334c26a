// JQL -> SQL over the emulator's tables. Parsing is Atlassian's own grammar
// (@atlaskit/jql-ast); this file only maps the syntax tree onto SQL, field by field, with
// Jira's semantics (`!=`/`NOT IN` never match an empty field; unknown values are errors).
import { JastBuilder } from '@atlaskit/jql-ast';
import { badRequest } from '../errors';
import { normalisePath, toIndexValue } from '../property-index';
import { STATUS_CATEGORIES, type StatusCategoryKey } from '../model';
import type { Site } from '../site';
import type { EntityPropertyIndexDef, Principal } from '../types';

interface Node {
  clauseType?: string;
  [k: string]: unknown;
}
interface FieldNode {
  value: string;
  properties?: { key?: { value: string }; path?: { value: string }[] }[];
}
interface OperandNode {
  operandType: 'value' | 'list' | 'function' | 'keyword';
  value?: string;
  values?: OperandNode[];
  function?: { value: string };
  arguments?: { value: string }[];
}
interface TerminalNode {
  field: FieldNode;
  operator?: { value: string };
  operand?: OperandNode;
}

/** SQL fragments over `issues i` with named parameters (`@p0`...), so a fragment can appear twice. */
export interface CompiledJql {
  where: string;
  orderBy: string;
  params: Record<string, unknown>;
}

/** Parses with Atlassian's grammar; syntax errors become Jira's 400. */
export function parseJql(jql: string): {
  query?: { where?: Node; orderBy?: { fields: { field: FieldNode; direction?: { value: string } }[] } };
} {
  const ast = new JastBuilder().build(jql);
  if (ast.errors.length > 0) {
    const e = ast.errors[0] as { message?: string; description?: string; line?: number; charPositionInLine?: number };
    const where = e.line !== undefined ? ` (line ${e.line}, character ${(e.charPositionInLine ?? 0) + 1})` : '';
    throw badRequest(`Error in the JQL Query: ${e.description ?? e.message ?? 'syntax error'}${where}.`);
  }
  return ast as unknown as ReturnType<typeof parseJql>;
}

type Op = '=' | '!=' | 'in' | 'not in' | '>' | '>=' | '<' | '<=' | '~' | '!~' | 'is' | 'is not';
const OPS: Op[] = ['=', '!=', 'in', 'not in', '>', '>=', '<', '<=', '~', '!~', 'is', 'is not'];
type Val = string | { fn: string; args: string[] } | null; // null = EMPTY/NULL

const unsupported = (op: string, field: string) => badRequest(`The operator '${op}' is not supported by the '${field}' field.`);
const noValue = (v: string, field: string) => badRequest(`The value '${v}' does not exist for the field '${field}'.`);

class Compiler {
  readonly params: Record<string, unknown> = {};
  private count = 0;
  constructor(
    private readonly site: Site,
    private readonly principal: Principal,
  ) {}

  p(v: unknown): string {
    const name = `p${this.count++}`;
    this.params[name] = v;
    return `@${name}`;
  }
  list(vs: unknown[]): string {
    return vs.map((v) => this.p(v)).join(', ');
  }

  clause(n: Node): string {
    switch (n.clauseType) {
      case 'compound': {
        const op = (n.operator as { value: string }).value.toLowerCase() === 'or' ? ' OR ' : ' AND ';
        return `(${(n.clauses as Node[]).map((c) => this.clause(c)).join(op)})`;
      }
      case 'not':
        return `(NOT ${this.clause(n.clause as Node)})`;
      case 'terminal':
        return this.terminal(n as unknown as TerminalNode);
      default:
        throw badRequest(`Unsupported JQL clause '${String(n.clauseType)}'.`);
    }
  }

  operandValues(o: OperandNode | undefined): Val[] {
    if (!o) return [];
    switch (o.operandType) {
      case 'value':
        return [o.value ?? ''];
      case 'keyword':
        return [null];
      case 'function':
        return [{ fn: (o.function?.value ?? '').toLowerCase(), args: (o.arguments ?? []).map((a) => a.value) }];
      case 'list':
        return (o.values ?? []).flatMap((v) => this.operandValues(v));
    }
  }

  terminal(t: TerminalNode): string {
    const op = (t.operator?.value ?? '').toLowerCase() as Op;
    if (!OPS.includes(op)) throw badRequest(`The operator '${t.operator?.value ?? ''}' is not supported by the JQL search of this Jira.`);
    const values = this.operandValues(t.operand);
    const name = t.field.value;
    const lower = name.toLowerCase();
    if (lower === 'issue.property') return this.property(t, op, values);
    const def = this.site.indexDefs.find((d) => d.searchAlias?.toLowerCase() === lower);
    if (def) return this.indexed(def, name, op, values);
    switch (lower) {
      case 'project':
        return this.scalar('i.project_id', name, op, values, (v) => {
          const p = this.site.project(v);
          if (!p) throw noValue(v, 'project');
          return [p.id];
        });
      case 'issuetype':
      case 'type':
        return this.scalar('i.issuetype_id', name, op, values, (v) => {
          const ts = this.site.issueTypes().filter((x) => String(x.id) === v || x.name.toLowerCase() === v.toLowerCase());
          if (ts.length === 0) throw noValue(v, 'issuetype');
          return ts.map((x) => x.id);
        });
      case 'status':
        return this.scalar('i.status_id', name, op, values, (v) => {
          const ss = this.site.statuses().filter((x) => String(x.id) === v || x.name.toLowerCase() === v.toLowerCase());
          if (ss.length === 0) throw noValue(v, 'status');
          return ss.map((x) => x.id);
        });
      case 'statuscategory':
        return this.scalar('i.status_id', name, op, values, (v) => {
          const entry = (Object.entries(STATUS_CATEGORIES) as [StatusCategoryKey, (typeof STATUS_CATEGORIES)[StatusCategoryKey]][]).find(
            ([k, c]) => [k.toLowerCase(), c.key, c.name.toLowerCase(), String(c.id)].includes(v.toLowerCase()),
          );
          if (!entry) throw noValue(v, 'statusCategory');
          return this.site
            .statuses()
            .filter((s) => s.category === entry[0])
            .map((s) => s.id);
        });
      case 'key':
      case 'issuekey':
      case 'issue':
      case 'id':
        return this.key(name, op, values);
      case 'parent':
        return this.scalar('i.parent_id', name, op, values, (v) => {
          const row = this.site.db
            .prepare(/^\d+$/.test(v) ? 'SELECT id FROM issues WHERE id = ?' : 'SELECT id FROM issues WHERE key = ? COLLATE NOCASE')
            .get(v) as { id: number } | undefined;
          if (!row) throw noValue(v, 'parent');
          return [row.id];
        });
      case 'assignee':
      case 'reporter':
      case 'creator':
        return this.scalar(lower === 'assignee' ? 'i.assignee' : 'i.reporter', name, op, values, (v) => this.users(v));
      case 'summary':
        return this.text(['i.summary'], name, op, values);
      case 'description':
        return this.text(['i.description'], name, op, values);
      case 'text':
        return this.text(['i.summary', 'i.description'], name, op, values);
      case 'labels':
        return this.multi(`SELECT 1 FROM issue_labels l WHERE l.issue_id = i.id`, 'l.label', name, op, values, (v) => [v]);
      case 'created':
      case 'createddate':
      case 'updated':
      case 'updateddate':
        return this.scalar(
          lower.startsWith('created') ? 'i.created' : 'i.updated',
          name,
          op,
          values,
          (v) => [parseDate(v)],
          (f) => [dateFunction(f)],
        );
      default:
        throw badRequest(`Field '${name}' does not exist or you do not have permission to view it.`);
    }
  }

  users(v: string): unknown[] {
    const u =
      this.site.user(v) ??
      this.site.userByEmail(v) ??
      (this.site.db.prepare('SELECT * FROM users WHERE display_name = ? COLLATE NOCASE').get(v) as ReturnType<Site['user']>);
    if (!u) throw noValue(v, 'user');
    return [u.account_id];
  }

  /** Resolves operand values; functions: currentUser() and the date functions. */
  resolve(values: Val[], name: string, map: (v: string) => unknown[], fn?: (f: { fn: string; args: string[] }) => unknown[]): unknown[] {
    return values.flatMap((v) => {
      if (v === null) return [];
      if (typeof v === 'string') return map(v);
      if (v.fn === 'currentuser') {
        if (this.principal.kind === 'anonymous') return [];
        return [this.site.actorId(this.principal)];
      }
      if (fn) return fn(v);
      throw badRequest(`The function '${v.fn}' is not supported for the field '${name}'.`);
    });
  }

  /** A single-valued column on `issues`. */
  scalar(
    col: string,
    name: string,
    op: Op,
    values: Val[],
    map: (v: string) => unknown[],
    fn?: (f: { fn: string; args: string[] }) => unknown[],
  ): string {
    if (op === 'is' || op === 'is not') {
      if (values.some((v) => v !== null)) throw badRequest(`The operator '${op}' only accepts EMPTY or NULL for the field '${name}'.`);
      return op === 'is' ? `${col} IS NULL` : `${col} IS NOT NULL`;
    }
    if (op === '~' || op === '!~') throw unsupported(op, name);
    const hasEmpty = values.some((v) => v === null);
    const resolved = this.resolve(values, name, map, fn);
    if (['>', '>=', '<', '<='].includes(op)) {
      if (resolved.length !== 1) throw badRequest(`The operator '${op}' needs exactly one value for the field '${name}'.`);
      return `${col} ${op} ${this.p(resolved[0])}`;
    }
    const positive = op === '=' || op === 'in';
    const inList = resolved.length > 0 ? `${col} IN (${this.list(resolved)})` : '0';
    if (positive) return hasEmpty ? `(${inList} OR ${col} IS NULL)` : inList;
    return hasEmpty ? `(${col} IS NOT NULL AND NOT ${inList})` : `(${col} IS NOT NULL AND NOT ${inList})`;
  }

  /** A multi-valued field stored as rows (labels, indexed property values): `exists` selects the rows of the issue. */
  multi(
    exists: string,
    col: string,
    name: string,
    op: Op,
    values: Val[],
    map: (v: string) => unknown[],
    like = false,
    fn?: (f: { fn: string; args: string[] }) => unknown[],
  ): string {
    const any = `EXISTS (${exists})`;
    if (op === 'is' || op === 'is not') return op === 'is' ? `NOT ${any}` : any;
    if (op === '~' || op === '!~') {
      if (!like) throw unsupported(op, name);
      const v = values[0];
      if (typeof v !== 'string') throw badRequest(`The operator '${op}' needs a text value for the field '${name}'.`);
      const cond = `EXISTS (${exists} AND ${col} LIKE ${this.p(likePattern(v))} ESCAPE '\\')`;
      return op === '~' ? cond : `(${any} AND NOT ${cond})`;
    }
    const resolved = this.resolve(values, name, map, fn);
    const hasEmpty = values.some((v) => v === null);
    if (['>', '>=', '<', '<='].includes(op)) {
      if (resolved.length !== 1) throw badRequest(`The operator '${op}' needs exactly one value for the field '${name}'.`);
      return `EXISTS (${exists} AND ${col} ${op} ${this.p(resolved[0])})`;
    }
    const match = resolved.length > 0 ? `EXISTS (${exists} AND ${col} IN (${this.list(resolved)}))` : '0';
    if (op === '=' || op === 'in') return hasEmpty ? `(${match} OR NOT ${any})` : match;
    return `(${any} AND NOT ${match})`;
  }

  text(cols: string[], name: string, op: Op, values: Val[]): string {
    if (op === 'is' || op === 'is not')
      return `(${cols.map((c) => `${c} IS ${op === 'is' ? '' : 'NOT '}NULL`).join(op === 'is' ? ' AND ' : ' OR ')})`;
    if (op !== '~' && op !== '!~') throw unsupported(op, name);
    const v = values[0];
    if (typeof v !== 'string') throw badRequest(`The operator '${op}' needs a text value for the field '${name}'.`);
    const pattern = likePattern(v);
    const any = cols.map((c) => `${c} LIKE ${this.p(pattern)} ESCAPE '\\'`).join(' OR ');
    return op === '~' ? `(${any})` : `(NOT (${any}))`;
  }

  key(name: string, op: Op, values: Val[]): string {
    if (op === 'is' || op === 'is not') return op === 'is' ? '0' : '1';
    const rows = values.map((v) => {
      if (typeof v !== 'string') throw badRequest(`The field '${name}' needs issue keys or ids.`);
      const row = this.site.db
        .prepare(
          /^\d+$/.test(v)
            ? 'SELECT id, project_id, num FROM issues WHERE id = ?'
            : 'SELECT id, project_id, num FROM issues WHERE key = ? COLLATE NOCASE',
        )
        .get(v) as { id: number; project_id: number; num: number } | undefined;
      // Jira answers an unknown key in `key = X` with an error, but `key in (...)` tolerates it only when validateQuery is off; keep the strict one.
      if (!row) throw badRequest(`An issue with key '${v}' does not exist for field '${name}'.`);
      return row;
    });
    if (['>', '>=', '<', '<='].includes(op)) {
      const r = rows[0];
      if (!r || rows.length !== 1) throw badRequest(`The operator '${op}' needs exactly one issue key.`);
      return `(i.project_id = ${this.p(r.project_id)} AND i.num ${op} ${this.p(r.num)})`;
    }
    if (op === '~' || op === '!~') throw unsupported(op, name);
    const ids = rows.map((r) => r.id);
    const inList = ids.length > 0 ? `i.id IN (${this.list(ids)})` : '0';
    return op === '=' || op === 'in' ? inList : `NOT ${inList}`;
  }

  property(t: TerminalNode, op: Op, values: Val[]): string {
    const prop = t.field.properties?.[0];
    const key = prop?.key?.value ?? '';
    const path = normalisePath((prop?.path ?? []).map((p) => p.value).join(''));
    const def = this.site.indexDefs.find((d) => d.propertyKey === key && normalisePath(d.path) === path);
    if (!def)
      throw badRequest(
        `The property 'issue.property[${key}].${path}' is not indexed: declare it in a jira:entityProperty module to search on it.`,
      );
    return this.indexed(def, `issue.property[${key}].${path}`, op, values);
  }

  indexed(def: EntityPropertyIndexDef, name: string, op: Op, values: Val[]): string {
    const exists = `SELECT 1 FROM property_index x WHERE x.issue_id = i.id AND x.property_key = ${this.p(def.propertyKey)} AND x.path = ${this.p(normalisePath(def.path))}`;
    const numeric = def.type === 'number' || def.type === 'date';
    const col = numeric ? 'x.n' : 'x.s';
    if (!numeric && ['>', '>=', '<', '<='].includes(op)) throw unsupported(op, name);
    const map = (v: string): unknown[] => {
      if (def.type === 'user') return this.users(v);
      if (def.type === 'date') return [parseDate(v)];
      const iv = toIndexValue(def.type, v);
      if (!iv) throw badRequest(`The value '${v}' is not a valid ${def.type} for the field '${name}'.`);
      return [numeric ? iv.n : iv.s];
    };
    return this.multi(
      exists,
      col,
      name,
      op,
      values,
      map,
      def.type === 'text' || def.type === 'string',
      def.type === 'date' ? (f) => [dateFunction(f)] : undefined,
    );
  }

  orderBy(fields: { field: FieldNode; direction?: { value: string } }[]): string {
    return fields
      .map(({ field, direction }) => {
        const dir = direction?.value.toUpperCase() === 'DESC' ? 'DESC' : 'ASC';
        const lower = field.value.toLowerCase();
        const alias = this.site.indexDefs.find((d) => d.searchAlias?.toLowerCase() === lower);
        let def = alias;
        if (lower === 'issue.property') {
          const prop = field.properties?.[0];
          const path = normalisePath((prop?.path ?? []).map((p) => p.value).join(''));
          def = this.site.indexDefs.find((d) => d.propertyKey === prop?.key?.value && normalisePath(d.path) === path);
          if (!def)
            throw badRequest(`The property 'issue.property[${prop?.key?.value ?? ''}].${path}' is not indexed and cannot be ordered by.`);
        }
        if (def) {
          const col = def.type === 'number' || def.type === 'date' ? 'n' : 's';
          return `(SELECT ${dir === 'ASC' ? 'MIN' : 'MAX'}(x.${col}) FROM property_index x WHERE x.issue_id = i.id AND x.property_key = ${this.p(def.propertyKey)} AND x.path = ${this.p(normalisePath(def.path))}) ${dir}`;
        }
        switch (lower) {
          case 'key':
          case 'issuekey':
          case 'id':
            return `(SELECT key FROM projects WHERE id = i.project_id) ${dir}, i.num ${dir}`;
          case 'created':
          case 'updated':
            return `i.${lower} ${dir}`;
          case 'summary':
            return `i.summary COLLATE NOCASE ${dir}`;
          case 'status':
            return `(SELECT name FROM statuses WHERE id = i.status_id) COLLATE NOCASE ${dir}`;
          case 'issuetype':
          case 'type':
            return `(SELECT name FROM issuetypes WHERE id = i.issuetype_id) ${dir}`;
          case 'project':
            return `(SELECT key FROM projects WHERE id = i.project_id) ${dir}`;
          case 'assignee':
          case 'reporter':
            return `(SELECT display_name FROM users WHERE account_id = i.${lower}) ${dir}`;
          default:
            throw badRequest(`Not able to sort using field '${field.value}'.`);
        }
      })
      .join(', ');
  }
}

function likePattern(v: string): string {
  // Jira's `~` is a word search; a substring match with `*`/`?` wildcards is close enough here.
  const escaped = v
    .replace(/[\\%_]/g, (c) => `\\${c}`)
    .replace(/\*/g, '%')
    .replace(/\?/g, '_');
  return `%${escaped}%`;
}

const DAY = 86400000;
/** JQL date literals: `2026-11-25`, `2026/11/25 18:30`, relative `-5d`, `2w`, `-3h`, `30m`. */
export function parseDate(v: string): number {
  const rel = /^([+-]?)(\d+)([wdhm])$/.exec(v.trim());
  if (rel) {
    const unit = { w: 7 * DAY, d: DAY, h: 3600000, m: 60000 }[rel[3] as 'w' | 'd' | 'h' | 'm'];
    return Date.now() + (rel[1] === '-' ? -1 : 1) * Number(rel[2]) * unit;
  }
  const abs = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(v.trim());
  if (abs) return Date.UTC(Number(abs[1]), Number(abs[2]) - 1, Number(abs[3]), Number(abs[4] ?? 0), Number(abs[5] ?? 0));
  const t = Date.parse(v);
  if (Number.isFinite(t)) return t;
  throw badRequest(
    `Date value '${v}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  );
}

function dateFunction(f: { fn: string; args: string[] }): number {
  const now = Date.now();
  switch (f.fn) {
    case 'now':
      return now;
    case 'startofday':
      return Math.floor(now / DAY) * DAY;
    case 'endofday':
      return Math.floor(now / DAY) * DAY + DAY - 1;
    default:
      throw badRequest(`The function '${f.fn}' is not supported for date fields here; use now(), startOfDay(), endOfDay() or a date.`);
  }
}

/** Compiles JQL into a WHERE clause (always limited to projects the caller may browse) and an ORDER BY. */
export function compileJql(site: Site, principal: Principal, jql: string): CompiledJql {
  const c = new Compiler(site, principal);
  const projects = site.browsableProjectIds(principal);
  const levels = site.visibleLevelIds(principal).map((id) => `'${id.replace(/'/g, "''")}'`);
  const secured = `(json_extract(i.extra, '$.security.id') IS NULL${levels.length > 0 ? ` OR json_extract(i.extra, '$.security.id') IN (${levels.join(', ')})` : ''})`;
  const visible = projects.length > 0 ? `i.project_id IN (${projects.join(', ')}) AND ${secured}` : '0';
  const ast = jql.trim() === '' ? {} : parseJql(jql);
  const where = ast.query?.where ? `${visible} AND ${c.clause(ast.query.where)}` : visible;
  const order = ast.query?.orderBy?.fields?.length ? `${c.orderBy(ast.query.orderBy.fields)}, i.id DESC` : 'i.created DESC, i.id DESC';
  return { where, orderBy: order, params: c.params };
}
