// portfolio/load: one search (asUser, so Jira's browse permissions decide what a person
// sees), signature checks, the gate check for every item (src/usecases/portfolio-gates.ts,
// settings computed once per move), then the domain's aggregation. Nothing is decided here.
import { performance } from 'node:perf_hooks';
import { AppError } from '../../contract/envelope';
import type { GadgetFilters, PortfolioLoad } from '../../contract/gadget';
import { companyIdOf, directoryOf, vettingWithIds, type Directory } from '../../domain/directory';
import { aggregatePortfolio } from '../../domain/portfolio';
import { asApp, asUser } from '../../jira/client';
import { JiraError } from '../../jira/errors';
import { searchAll } from '../../jira/search';
import { DELIVERY_RECORD, VETTING_RECORD } from '../../records/kinds';
import { parentChecklistOf, readParentChecklist, type ParentChecklist } from '../../records/roadmap-item';
import { loadAppConfig } from '../../storage/app-config';
import { loadReleaseCalendar } from '../../storage/release-calendar';
import { readAllLatestRevisions } from '../../storage/latest-revisions';
import { getSigningKey } from '../../storage/signing-key';
import { loadStatusStageMap } from '../../storage/status-stages';
import { adminSettingsOf, movesFromRules, readGateRules } from '../../usecases/gate-settings';
import { portfolioStageOf } from '../../usecases/issue-snapshot';
import { gatePortfolio, parentKeysNeeded } from '../../usecases/portfolio-gates';
import type { GadgetWire } from '../../contract/wire';
import type { Handlers } from '../shared/define-resolver';
import { compactRows } from './compact-rows';
import { resolveGadgetConfig } from './gadget-config';
import { buildPortfolioJql } from './portfolio-jql';
import { PORTFOLIO_FIELDS, PORTFOLIO_PROPERTIES, toPortfolioIssues } from './portfolio-items';
import { gadgetVocabulary } from './vocabulary';

export const PAGE_SIZE = 100;
/**
 * Most issues one load reads. 10,000 is the size the gadget is built and benchmarked for
 * (100 pages well within Forge's 25 s); beyond it the answer says "truncated" and the
 * person narrows the scope instead of the function timing out.
 */
export const ITEM_LIMIT = 10_000;
/**
 * Time the search may take before the load stops paging and shows what it has. Forge stops a
 * function at 25 s; verifying and aggregating 10,000 items takes under a second, the rest is
 * margin. Against a slow Jira (100 pages at ~300 ms each) this is what keeps the gadget alive.
 */
export const SEARCH_BUDGET_MS = 18_000;
/**
 * Most Roadmap Items read one by one for deliverables whose own Roadmap Item is outside the
 * search (only when the gate settings require checklist items at a delivery stage).
 */
export const PARENT_READ_LIMIT = 20;

/** Drops empty filter lists, so "no filter" has one shape everywhere. */
function compactFilters(filters: GadgetFilters): GadgetFilters {
  const out: GadgetFilters = {};
  for (const [k, v] of Object.entries(filters) as [keyof GadgetFilters, GadgetFilters[keyof GadgetFilters]][]) {
    if (Array.isArray(v) ? v.length > 0 : v === true) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** Records and filters name FSTs and companies by id; a gadget saved before ids filters by names, read as ids here. */
function filtersWithIds(filters: GadgetFilters, d: Directory): GadgetFilters {
  return {
    ...filters,
    ...(filters.fsts ? { fsts: filters.fsts.map((f) => d.fst(f)?.id ?? f) } : {}),
    ...(filters.companies ? { companies: filters.companies.map((c) => companyIdOf(d, c)) } : {}),
  };
}

export const loadPortfolioHandler: Handlers<GadgetWire>['portfolio/load'] = {
  doing: 'load the LCOO portfolio',
  async run(input, ctx): Promise<PortfolioLoad> {
    const t0 = performance.now();
    const { config, source } = resolveGadgetConfig(ctx.extension, input.config);
    const filters = compactFilters(input.filters ?? config.filters);
    const jql = buildPortfolioJql(config.scope, filters);
    const client = asUser();
    // The app's client, for the workflow rules (people can't read workflows).
    const appClient = asApp();
    // The workflow rules are read alongside the search, so they add a call but no wait; the
    // blockers then use the settings Jira's stage gate runs with on each move.
    const statusStages = await loadStatusStageMap();
    const rulesRead = readGateRules(statusStages, appClient);
    // The latest signed revisions (the replay check) are paged out of KVS alongside too.
    const latestRead = readAllLatestRevisions([VETTING_RECORD.propertyKey, DELIVERY_RECORD.propertyKey]);
    latestRead.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    const [loaded, secret, calendarLoaded] = await Promise.all([loadAppConfig(), getSigningKey(), loadReleaseCalendar()]);
    const { calendar } = calendarLoaded;
    const appConfig = loaded.config;

    let found: Awaited<ReturnType<typeof searchAll>>;
    try {
      // One more than the limit: searchAll reports "truncated" on reaching its limit, and
      // exactly ITEM_LIMIT issues is a complete portfolio, not a truncated one.
      found = await searchAll(client, {
        jql,
        fields: PORTFOLIO_FIELDS,
        properties: PORTFOLIO_PROPERTIES,
        pageSize: PAGE_SIZE,
        limit: ITEM_LIMIT + 1,
        deadline: Date.now() + SEARCH_BUDGET_MS,
      });
    } catch (err) {
      if (err instanceof JiraError && err.status === 400) {
        const what = config.scope.kind === 'jql' ? "the gadget's JQL" : "the gadget's projects";
        throw new AppError(
          'BAD_REQUEST',
          `Jira could not search ${what}: ${err.jiraMessage} Open the gadget's menu, choose Edit, and correct it.`,
          { jql },
        );
      }
      throw err;
    }
    const [rules, latest] = await Promise.all([rulesRead, latestRead]);
    const t1 = performance.now();
    const { issues, roadmapItems, skipped } = toPortfolioIssues(
      found.truncated ? found.issues.slice(0, ITEM_LIMIT) : found.issues,
      secret,
      statusStages,
      latest,
    );
    const settingsFor = movesFromRules(adminSettingsOf(loaded), rules);
    // A deliverable's Roadmap Item is usually in the same load; the few that are not are read
    // as the person, as the panel reads them.
    const parents = new Map<string, ParentChecklist>();
    const outside: string[] = [];
    for (const key of parentKeysNeeded(issues, settingsFor)) {
      const inLoad = roadmapItems.get(key);
      if (inLoad) parents.set(key, parentChecklistOf(key, inLoad));
      else outside.push(key);
    }
    await Promise.all(
      outside
        .slice(0, PARENT_READ_LIMIT)
        .map(async (key) => parents.set(key, await readParentChecklist(client, key, secret, portfolioStageOf(statusStages)))),
    );
    for (const key of outside.slice(PARENT_READ_LIMIT)) {
      parents.set(key, {
        ok: false,
        problem: `Roadmap Item ${key} is outside this gadget's scope and was not read in this load; open the deliverable to see its gate.`,
      });
    }
    const t2 = performance.now();
    const now = new Date();
    const directory = directoryOf(appConfig);
    // The gate reads each record as stored; the summaries group by id (a record saved before ids names FSTs and companies by name).
    const items = gatePortfolio(issues, settingsFor, (key) => parents.get(key), { nowMs: now.getTime(), calendar }).map((it) =>
      it.vetting ? { ...it, vetting: vettingWithIds(it.vetting, directory) } : it,
    );
    const portfolio = aggregatePortfolio(items, { now, calendar, filters: filtersWithIds(filters, directory) });
    const t3 = performance.now();
    const ms = (a: number, b: number) => Math.round((b - a) * 10) / 10;
    return {
      ...portfolio,
      ...compactRows(portfolio.rows),
      fetchedAt: now.toISOString(),
      restCalls: client.calls + appClient.calls,
      truncated: found.truncated,
      ...(found.truncated ? { truncatedBy: found.issues.length > ITEM_LIMIT ? ('limit' as const) : ('time' as const) } : {}),
      itemLimit: ITEM_LIMIT,
      skipped,
      config,
      configSource: source,
      filters,
      jql,
      labels: {
        fsts: appConfig.fsts.map((f) => ({ id: f.id, name: f.name })),
        companies: appConfig.companies.map((c) => ({ id: c.id, name: c.name })),
      },
      vocabulary: gadgetVocabulary(calendar, now),
      timings: { searchMs: ms(t0, t1), verifyMs: ms(t1, t2), aggregateMs: ms(t2, t3), totalMs: ms(t0, t3) },
      gateSettingsSource: rules.source,
      ...(rules.note ? { gateSettingsNote: rules.note } : {}),
    };
  },
};
