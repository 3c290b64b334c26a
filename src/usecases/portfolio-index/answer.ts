// What a gadget load answers, from the portfolio index: the person's rows (projects they may
// browse, issues whose security level lets them in: ONE permission call, made while the
// buckets are read), the scope and filters, the aggregates over everything that matches, and
// one page of rows in the asked order. In steady state a load makes 3 storage calls (meta and
// configuration; the buckets; the page's rows) and 1 Jira call, whatever the portfolio's size.
// The page's rows are read while the Jira call is still out (see `ahead`): a load waits for one
// storage call, the Jira call, and what little is left after it.
//
// Before the index is first built the load searches Jira as the gadget always did (every item,
// as the person) and answers the same shape, saying so.
import { performance } from 'node:perf_hooks';
import { kvs } from '@forge/kvs';
import { AppError } from '../../contract/envelope';
import {
  DEFAULT_PAGE_SIZE,
  queryTable,
  type IndexAnswer,
  type IndexFilters,
  type IndexRow,
  type SlimRow,
  type SortKey,
  type SortOrder,
} from '../../domain/portfolio-index';
import { configIdOf } from '../../domain/portfolio-index';
import { rowMaker, tableOfRows, type RowTable } from '../../domain/portfolio-table';
import type { AppConfig } from '../../domain/app-config';
import { AppConfigSchema, DEFAULT_APP_CONFIG } from '../../domain/app-config';
import type { JiraClient } from '../../jira/client';
import { JiraError } from '../../jira/errors';
import { searchAll } from '../../jira/search';
import { DELIVERY_RECORD, VETTING_RECORD } from '../../records/kinds';
import { loadAppConfig, type LoadedConfig } from '../../storage/app-config';
import { KVS_KEYS } from '../../storage/keys';
import { readAllLatestRevisions } from '../../storage/latest-revisions';
import { loadRebuildProgress, parseMeta, type IndexMeta } from '../../storage/portfolio-index/meta';
import { readRows } from '../../storage/portfolio-index/store';
import { getSigningKey } from '../../storage/signing-key';
import { loadStatusStageMap } from '../../storage/status-stages';
import { calendarFromStored } from '../../storage/release-calendar';
import type { ReleaseCalendar } from '../../domain/releases';
import { portfolioStageOf } from '../issue-snapshot';
import { readGateRules, type GateRules } from '../gate-settings';
import { readParentChecklist } from '../../records/roadmap-item';
import { deriveFromIssues } from './derive';
import { readIndexRows } from './visible-rows';
import { LCOO_ISSUE_TYPES_CLAUSE, parseScopeJql, quoteJql } from './jql-scope';
import { rulesOf, settingsForIndex } from './settings';
import { PORTFOLIO_FIELDS, PORTFOLIO_PROPERTIES } from './verify-issues';

export type Scope = { kind: 'projects'; projectKeys: string[] } | { kind: 'jql'; jql: string };

export interface PortfolioQuestion {
  scope: Scope;
  /** Filter values as the gadget sends them: FST and company ids (display names are accepted too). */
  filters: IndexFilters;
  sort: { key: SortKey; order: SortOrder };
  page: number;
  pageSize?: number;
  /** Above the gadget's 100 rows a page (the roadmap page asks for every matching row). */
  maxPageSize?: number;
  /** Other KVS keys read in the same first storage call (the gadget's rank: the draft's ranking). */
  alsoRead?: string[];
  /** Which of the page's rows to read in full (default: all); the roadmap page needs only its Roadmap Items'. */
  fullRowsFor?: (row: SlimRow) => boolean;
}

export interface PortfolioFigures extends IndexAnswer {
  /** The page's rows in full (summary, blocker sentences). */
  pageRows: IndexRow[];
  config: LoadedConfig;
  calendar: ReleaseCalendar;
  rules: GateRules;
  source: 'index' | 'search';
  meta?: IndexMeta;
  rebuilding?: { done: number; total?: number };
  jqlAskedJira?: string;
  scopeJql: string;
  hidden: number;
  skipped: { count: number; examples: { key: string; reason: string }[] };
  truncated?: 'limit' | 'time';
  calls: { jira: number; storage: number };
  /** The values of `alsoRead` (undefined: not stored). */
  alsoRead: Map<string, unknown>;
  timings: { readMs: number; queryMs: number };
}

/** The search fallback's limits (the index has none). */
export const ITEM_LIMIT = 10_000;
export const SEARCH_BUDGET_MS = 18_000;

const ConfigShape = AppConfigSchema;

/** FST and company filter values as ids, whatever the person's saved defaults hold (ids or names). */
function idsOf(filters: IndexFilters, config: AppConfig): IndexFilters {
  const out: IndexFilters = { ...filters };
  if (filters.fsts) out.fsts = filters.fsts.map((v) => configIdOf(config.fsts, v));
  if (filters.companies) out.companies = filters.companies.map((v) => configIdOf(config.companies, v));
  return out;
}

function namesOf(config: AppConfig) {
  const fsts = new Map(config.fsts.map((f) => [f.id, f.name]));
  const companies = new Map(config.companies.map((c) => [c.id, c.name]));
  return { fst: (id: string) => fsts.get(id) ?? id, company: (id: string) => companies.get(id) ?? id };
}

/** Issue ids matching JQL the index can't answer, asked as the person (ids and keys only: up to 5000 a page). */
async function idsFromJira(user: JiraClient, jql: string): Promise<{ ids: Set<string>; calls: number }> {
  const found = await searchAll(user, { jql, fields: ['key'], pageSize: 5000, limit: 100_000, deadline: Date.now() + SEARCH_BUDGET_MS });
  return { ids: new Set(found.issues.map((i) => i.id)), calls: Math.max(1, Math.ceil(found.issues.length / 5000)) };
}

function scopeJqlOf(scope: Scope): string {
  return scope.kind === 'projects'
    ? `${scope.projectKeys.length > 0 ? `project in (${scope.projectKeys.map(quoteJql).join(', ')}) AND ` : ''}${LCOO_ISSUE_TYPES_CLAUSE}`
    : scope.jql;
}

/** The rows of the search fallback: every LCOO item in scope, searched and verified as the person. */
async function searchRows(user: JiraClient, app: JiraClient, jql: string, config: LoadedConfig, calendar: ReleaseCalendar) {
  const statusStages = await loadStatusStageMap();
  const [rules, latest, secret] = await Promise.all([
    readGateRules(statusStages, app),
    readAllLatestRevisions([VETTING_RECORD.propertyKey, DELIVERY_RECORD.propertyKey]),
    getSigningKey(),
  ]);
  const found = await searchAll(user, {
    jql: `${jql} ORDER BY key ASC`,
    fields: PORTFOLIO_FIELDS,
    properties: PORTFOLIO_PROPERTIES,
    pageSize: 100,
    limit: ITEM_LIMIT + 1,
    deadline: Date.now() + SEARCH_BUDGET_MS,
  });
  const issues = found.truncated ? found.issues.slice(0, ITEM_LIMIT) : found.issues;
  const derived = await deriveFromIssues(issues, secret, statusStages, latest, {
    settingsFor: settingsForIndex(config, rules),
    config: config.config,
    now: new Date(),
    calendar,
    readParent: (key) => readParentChecklist(user, key, secret, portfolioStageOf(statusStages)),
  });
  return {
    rows: derived.rows,
    rules,
    skipped: derived.skipped,
    truncated: found.truncated ? (found.issues.length > ITEM_LIMIT ? ('limit' as const) : ('time' as const)) : undefined,
    searchCalls: Math.max(1, Math.ceil(found.issues.length / 100)) + 1,
  };
}

export async function answerPortfolio(q: PortfolioQuestion, user: JiraClient, app: JiraClient): Promise<PortfolioFigures> {
  const t0 = performance.now();
  const calls = { jira: 0, storage: 0 };
  // 1. The index's meta and the configuration: one storage call.
  const first = await kvs.batchGet<unknown>([
    { key: KVS_KEYS.portfolioIndex },
    { key: KVS_KEYS.config },
    { key: KVS_KEYS.releaseCalendar },
    ...(q.alsoRead ?? []).map((key) => ({ key })),
  ]);
  calls.storage += 1;
  const byKey = new Map(first.successfulKeys.map((k) => [k.key, k.value]));
  const meta = parseMeta(byKey.get(KVS_KEYS.portfolioIndex));
  const rawConfig = byKey.get(KVS_KEYS.config);
  const config: LoadedConfig =
    rawConfig === undefined
      ? { config: DEFAULT_APP_CONFIG, source: 'default' }
      : ConfigShape.safeParse(rawConfig).success
        ? { config: ConfigShape.parse(rawConfig), source: 'stored' }
        : await loadAppConfig();

  const { calendar } = calendarFromStored(byKey.get(KVS_KEYS.releaseCalendar));

  let scopePredicate: ((r: SlimRow) => boolean) | undefined;
  let jqlAskedJira: string | undefined;
  let jiraIds: Promise<{ ids: Set<string>; calls: number }> | undefined;
  let scopeJql = scopeJqlOf(q.scope);
  if (q.scope.kind === 'jql') {
    const parsed = parseScopeJql(q.scope.jql, config.config, calendar);
    if (!parsed.ok) throw new AppError('BAD_REQUEST', `${parsed.problem} Open the gadget's menu, choose Edit, and correct it.`);
    scopeJql = parsed.jql;
    if (parsed.predicate) scopePredicate = parsed.predicate;
    else if (meta.state === 'ready') {
      jqlAskedJira = parsed.because;
      jiraIds = idsFromJira(user, parsed.jira).catch((err: unknown) => {
        if (err instanceof JiraError && err.status === 400) {
          throw new AppError(
            'BAD_REQUEST',
            `Jira could not search the gadget's JQL: ${err.jiraMessage} Open the gadget's menu, choose Edit, and correct it.`,
            {
              jql: parsed.jira,
            },
          );
        }
        throw err;
      });
      jiraIds.catch(() => undefined);
    }
  }
  const filters: IndexFilters = {
    ...idsOf(q.filters, config.config),
    ...(q.scope.kind === 'projects' && q.scope.projectKeys.length > 0 ? { projectKeys: q.scope.projectKeys } : {}),
  };

  let table: RowTable;
  /** The person's rows (row numbers in `table`; undefined: every row). */
  let selection: Int32Array | undefined;
  let rules: GateRules;
  let source: 'index' | 'search' = 'index';
  let hidden = 0;
  let skipped: PortfolioFigures['skipped'] = { count: 0, examples: [] };
  let truncated: PortfolioFigures['truncated'];
  let fullRows: Map<string, IndexRow> | undefined;
  const nowMs = Date.now();
  const ask = (over: RowTable, which: Int32Array | undefined) =>
    queryTable(over, which, {
      nowMs,
      calendar,
      filters,
      sort: q.sort,
      page: q.page,
      pageSize: q.pageSize ?? DEFAULT_PAGE_SIZE,
      ...(q.maxPageSize !== undefined ? { maxPageSize: q.maxPageSize } : {}),
      names: namesOf(config.config),
    });
  /** Which rows of the table the JQL scope's predicate keeps (1 kept), worked out once per load. */
  let kept: Uint8Array | undefined;
  const keptBy = (over: RowTable, predicate: (r: SlimRow) => boolean): Uint8Array => {
    if (!kept) {
      const rowAt = rowMaker(over);
      kept = new Uint8Array(over.n);
      for (let i = 0; i < over.n; i++) kept[i] = predicate(rowAt(i)) ? 1 : 0;
    }
    return kept;
  };
  /** The row numbers of `which` (undefined: all) the JQL scope's predicate keeps. */
  const inScope = (over: RowTable, which: Int32Array | undefined, predicate: (r: SlimRow) => boolean): Int32Array => {
    const keep = keptBy(over, predicate);
    const all = which ?? Int32Array.from({ length: over.n }, (_, i) => i);
    return all.filter((i) => keep[i] === 1);
  };
  const fullIdsOf = (a: IndexAnswer) => a.rows.filter((r) => q.fullRowsFor?.(r) ?? true).map((r) => r.id);
  /** The answer over every row, and its page's full rows being read, made while Jira answers. */
  let ahead: { answer: IndexAnswer; ids: string[]; full: Promise<Map<string, IndexRow>>; everyRowVisible: boolean } | undefined;
  if (meta.state === 'ready') {
    // 2. The buckets, while Jira says what the person may browse: one storage call per 25
    // buckets, one Jira call (two when a project or secured issue is new since the meta).
    const pending = await readIndexRows(user, meta);
    table = pending.table;
    if (!jiraIds) {
      // The Jira call is the longest wait of a load: meanwhile, answer as if the person may see
      // every row and read that page's full rows. Used only if Jira says they may (the usual
      // case): otherwise the answer is made again from the rows they may see.
      const answer = ask(table, scopePredicate ? inScope(table, undefined, scopePredicate) : undefined);
      const ids = fullIdsOf(answer);
      const full = ids.length > 0 ? readRows(ids) : Promise.resolve(new Map<string, IndexRow>());
      full.catch(() => undefined);
      ahead = { answer, ids, full, everyRowVisible: false };
    }
    const visible = await pending.visible();
    calls.storage += visible.calls.storage;
    calls.jira += visible.calls.jira;
    selection = visible.selection;
    hidden = visible.hidden.length;
    rules = rulesOf(meta);
    if (ahead) ahead.everyRowVisible = visible.selection.length === table.n;
  } else {
    source = 'search';
    // The scope's JQL was parsed and printed back whole, so the parentheses hold all of it.
    const jql = q.scope.kind === 'jql' ? `${scopeJql ? `(${scopeJql}) AND ` : ''}${LCOO_ISSUE_TYPES_CLAUSE}` : scopeJql;
    let searched: Awaited<ReturnType<typeof searchRows>>;
    try {
      searched = await searchRows(user, app, jql, config, calendar);
    } catch (err) {
      if (err instanceof JiraError && err.status === 400) {
        throw new AppError(
          'BAD_REQUEST',
          `Jira could not search the gadget's JQL: ${err.jiraMessage} Open the gadget's menu, choose Edit, and correct it.`,
          { jql },
        );
      }
      throw err;
    }
    calls.jira += searched.searchCalls;
    calls.storage += 4;
    table = tableOfRows(searched.rows);
    rules = searched.rules;
    skipped = searched.skipped;
    truncated = searched.truncated;
    fullRows = new Map(searched.rows.map((r) => [r.id, r]));
    scopePredicate = undefined;
  }
  if (jiraIds) {
    const got = await jiraIds;
    calls.jira += got.calls;
    // The deliverables' Roadmap Items stay available for inheritance only if in scope too: the JQL decides.
    const over = table;
    selection = (selection ?? Int32Array.from({ length: over.n }, (_, i) => i)).filter((i) => got.ids.has(String(over.id[i])));
  } else if (scopePredicate) selection = inScope(table, selection, scopePredicate);
  const t1 = performance.now();

  // Every row visible: the answer made while Jira answered is this answer.
  const answer = ahead?.everyRowVisible ? ahead.answer : ask(table, selection);
  // 3. The page's rows in full: one storage call (read ahead when the page was known before Jira answered).
  let pageRows: IndexRow[];
  if (fullRows) pageRows = answer.rows.map((r) => fullRows.get(r.id)).filter((r): r is IndexRow => r !== undefined);
  else {
    const ids = fullIdsOf(answer);
    if (ahead && ahead.ids.length > 0) calls.storage += 1;
    let got: Map<string, IndexRow>;
    if (ahead && ahead.ids.join() === ids.join()) got = await ahead.full;
    else {
      got = ids.length > 0 ? await readRows(ids) : new Map<string, IndexRow>();
      if (ids.length > 0) calls.storage += 1;
    }
    pageRows = answer.rows.map((r) => got.get(r.id)).filter((r): r is IndexRow => r !== undefined);
  }
  const t2 = performance.now();

  let rebuilding: PortfolioFigures['rebuilding'];
  if (source === 'search') {
    const progress = await loadRebuildProgress();
    calls.storage += 1;
    if (progress?.state === 'running')
      rebuilding = { done: progress.done, ...(progress.total !== undefined ? { total: progress.total } : {}) };
  }
  const ms = (a: number, b: number) => Math.round((b - a) * 10) / 10;
  return {
    ...answer,
    pageRows,
    config,
    calendar,
    rules,
    source,
    meta,
    ...(rebuilding ? { rebuilding } : {}),
    ...(jqlAskedJira ? { jqlAskedJira } : {}),
    scopeJql,
    hidden,
    skipped,
    ...(truncated ? { truncated } : {}),
    calls,
    alsoRead: new Map((q.alsoRead ?? []).map((k) => [k, byKey.get(k)])),
    timings: { readMs: ms(t0, t1), queryMs: ms(t1, t2) },
  };
}

/** Checks a gadget JQL scope as the edit view saves it (parse only; no Jira call). */
export function checkScopeJql(jql: string, config: AppConfig): string | undefined {
  const parsed = parseScopeJql(jql, config);
  return parsed.ok ? undefined : parsed.problem;
}
