// portfolio/load: the gadget asks for what it shows (filters, order, page) and the answer
// comes from the app's portfolio index (src/usecases/portfolio-index/answer.ts): the
// aggregates over every item the person may see, and one page of rows. Nothing is decided here.
import type { GadgetFilters, PortfolioLoad } from '../../contract/gadget';
import { stageDef } from '../../domain/lifecycle';
import { asApp, asUser } from '../../jira/client';
import { answerPortfolio, ITEM_LIMIT } from '../../usecases/portfolio-index/answer';
import type { GadgetWire } from '../../contract/wire';
import type { Handlers } from '../shared/define-resolver';
import { compactRows } from './compact-rows';
import { resolveGadgetConfig } from './gadget-config';
import { gadgetVocabulary } from './vocabulary';
import { draftQuarter, quarterLabel } from '../../domain/roadmap/quarter';
import { ranksOf } from '../../domain/roadmap/ranking';
import { KVS_KEYS } from '../../storage/keys';
import { rankingFromStored } from '../../storage/roadmap-ranking';

/** Drops empty filter lists, so "no filter" has one shape everywhere. */
function compactFilters(filters: GadgetFilters): GadgetFilters {
  const out: GadgetFilters = {};
  for (const [k, v] of Object.entries(filters) as [keyof GadgetFilters, GadgetFilters[keyof GadgetFilters]][]) {
    if (Array.isArray(v) ? v.length > 0 : v === true) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

export const loadPortfolioHandler: Handlers<GadgetWire>['portfolio/load'] = {
  doing: 'load the LCOO portfolio',
  async run(input, ctx): Promise<PortfolioLoad> {
    const started = Date.now();
    const { config, source } = resolveGadgetConfig(ctx.extension, input.config);
    const filters = compactFilters(input.filters ?? config.filters);
    const sort = input.sort ?? { key: 'key' as const, order: 'ASC' as const };
    const user = asUser();
    const app = asApp();
    // The draft quarter's ranking rides in the load's first storage call: a rank costs no call.
    const quarter = draftQuarter(Date.now()).id;
    const rankingKey = KVS_KEYS.roadmapRanking(quarter);
    const f = await answerPortfolio({ scope: config.scope, filters, sort, page: input.page ?? 1, alsoRead: [rankingKey] }, user, app);
    const full = new Map(f.pageRows.map((r) => [r.id, r]));
    const ranks = ranksOf(rankingFromStored(quarter, f.alsoRead.get(rankingKey)).ranking.committee?.order ?? []);
    const page = compactRows(f.rows, full);
    const appConfig = f.config.config;
    const status = (stage: string) => stageDef(stage as Parameters<typeof stageDef>[0]).statusName;
    return {
      totals: f.totals,
      funnels: {
        portfolio: f.funnels.portfolio.map((s) => ({ ...s, statusName: status(s.stage) })),
        delivery: f.funnels.delivery.map((s) => ({ ...s, statusName: status(s.stage) })),
      },
      fstByStage: f.fstByStage,
      releaseByFst: f.releaseByFst,
      companyByStage: f.companyByStage,
      completeness: f.completeness,
      rows: page.rows.map((r, i) => {
        const rank = f.rows[i]?.lifecycle === 'portfolio' ? ranks.get(f.rows[i].id) : undefined;
        return rank ? { ...r, rank } : r;
      }),
      blockerMessages: page.blockerMessages,
      rankQuarter: quarterLabel(quarter),
      matched: f.matched,
      page: f.page,
      pageSize: f.pageSize,
      sort,
      fetchedAt: new Date().toISOString(),
      index: {
        source: f.source,
        ...(f.meta?.reconciledAt ? { reconciledAt: f.meta.reconciledAt } : {}),
        ...(f.meta?.builtAt ? { builtAt: f.meta.builtAt } : {}),
        ...(f.rebuilding ? { rebuilding: f.rebuilding } : {}),
        ...(f.jqlAskedJira ? { jqlAskedJira: f.jqlAskedJira } : {}),
      },
      restCalls: user.calls + app.calls,
      storageCalls: f.calls.storage,
      truncated: f.truncated !== undefined,
      ...(f.truncated ? { truncatedBy: f.truncated } : {}),
      itemLimit: ITEM_LIMIT,
      skipped: f.skipped,
      ...(f.hidden > 0 ? { hidden: { count: f.hidden, reason: 'They have an issue security level that does not include you.' } } : {}),
      config,
      configSource: source,
      filters,
      jql: f.scopeJql,
      labels: {
        fsts: appConfig.fsts.map((x) => ({ id: x.id, name: x.name })),
        companies: appConfig.companies.map((x) => ({ id: x.id, name: x.name })),
      },
      vocabulary: gadgetVocabulary(f.calendar, new Date()),
      timings: { ...f.timings, totalMs: Date.now() - started },
      gateSettingsSource: f.rules.source,
      ...(f.rules.note ? { gateSettingsNote: f.rules.note } : {}),
    };
  },
};
